#!/bin/sh
# Takes the desktop client's screenshots for the README (docs/screenshots/*.png):
#
#   lan-client/src/build/screenshots.sh [output-directory]
#
# Starts a virtual X display (Xvfb), then runs ScreenshotTour through Maven: a real appliance on
# 127.0.0.1 that does not advertise itself, users, avatars and messages seeded over the protocol, and the
# real app (--no-discovery) driven window by window, each captured from the screen. Nothing leaves
# loopback. Needs Xvfb and GTK 3 (Debian: apt-get install xvfb libgtk-3-0), Node.js and npm for the
# emoji set, and JDK 21+.
set -eu

root=$(cd "$(dirname "$0")/../../.." && pwd)
target=${1:-"$root/docs/screenshots"}
mkdir -p "$target"
target=$(cd "$target" && pwd)

cd "$root"
lan-client/src/build/with-xvfb.sh mvn -B -q -pl lan-client -am test \
    -Dlanchat.screenshots="$target" -Dtest=ScreenshotTour -Dsurefire.failIfNoSpecifiedTests=false
echo "Screenshots written to $target:"
ls "$target"
