#!/bin/sh
# The desktop client's memory soak (docs/PERFORMANCE.md):
#
#   bench/client-soak.sh [output-directory]
#
# Starts a virtual X display (Xvfb), then runs ClientSoak through Maven: a real appliance on 127.0.0.1, the
# real app in a JVM of its own with the launchers' options, logged in, receiving 10,000 messages across 20
# conversations at 50 a second while its resident set size is sampled every 2 s; then 30 s more. Passes when
# the RSS stays under 300 MB and is flat over the second half. Stops by itself (about 5 minutes; at most 20).
# Writes report.txt (the samples and the verdict), the heap histograms (start, middle, end) and the
# client's log to the output directory (default lan-client/target/client-soak). Needs Xvfb and GTK 3
# (Debian: apt-get install xvfb libgtk-3-0), Node.js and npm for the emoji set, and JDK 21+.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
target=${1:-"$root/lan-client/target/client-soak"}
mkdir -p "$target"
target=$(cd "$target" && pwd)

cd "$root"
timeout 20m lan-client/src/build/with-xvfb.sh mvn -B -q -pl lan-client -am verify \
    -Dlanchat.soak="$target" -Dtest=ClientSoak -Dsurefire.failIfNoSpecifiedTests=false
echo "Client soak report: $target/report.txt"
tail -n 2 "$target/report.txt"
