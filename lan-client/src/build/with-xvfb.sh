#!/bin/sh
# Runs a command on a virtual X display of its own, which ends with it:
#
#   lan-client/src/build/with-xvfb.sh command [argument...]
#
# For what needs a real display but no screen: the README's screenshots, the client soak. Needs Xvfb and
# GTK 3 (Debian: apt-get install xvfb libgtk-3-0).
set -eu

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

"$@"
