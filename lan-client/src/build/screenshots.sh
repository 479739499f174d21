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

if ! command -v Xvfb > /dev/null; then
    echo "Xvfb is missing: apt-get install xvfb libgtk-3-0" >&2
    exit 1
fi

# Xvfb picks a free display and writes its number to fd 3.
displayfile=$(mktemp)
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3> "$displayfile" 2> /dev/null &
xvfb=$!
trap 'kill "$xvfb" 2> /dev/null; rm -f "$displayfile"' EXIT INT TERM
for _ in $(seq 1 50); do
    [ -s "$displayfile" ] && break
    sleep 0.1
done
[ -s "$displayfile" ] || { echo "Xvfb did not start" >&2; exit 1; }
DISPLAY=:$(cat "$displayfile")
export DISPLAY

cd "$root"
mvn -B -q -pl lan-client -am verify \
    -Dlanchat.screenshots="$target" -Dtest=ScreenshotTour -Dsurefire.failIfNoSpecifiedTests=false
echo "Screenshots written to $target:"
ls "$target"
