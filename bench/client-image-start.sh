#!/bin/sh
# The desktop app image's launch time, on a display (bench/client-start.sh N --image runs it under Xvfb):
#
#   bench/client-image-start.sh starts image
#
# Alternates a first launch (a new home: no start-up archive yet) with a later one (the home of a launch before) and
# prints, for each, the milliseconds to the first window and the CPU milliseconds the app had used by then.
set -eu

starts=$1
image=$2
[ -x "$image/bin/lanchat" ] || { echo "no app image at $image: mvn -B -q -pl installer -am package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

# One launch with $1 as the home: "wall/cpu" in ms once the window is viewable, then the app is closed (SIGTERM).
launch() {
    start=$(date +%s%N)
    rm -rf "$work/data"
    HOME="$1" "$image/bin/lanchat" --no-discovery --data-dir="$work/data" > "$work/client.log" 2>&1 &
    app=$!
    shown=
    while kill -0 $app 2> /dev/null && [ $(( ($(date +%s%N) - start) / 1000000000 )) -lt 60 ]; do
        if xwininfo -name "LAN Chat" 2> /dev/null | grep -q IsViewable; then
            shown=$(date +%s%N)
            # utime + stime, in clock ticks of 10 ms.
            cpu=$(awk '{ print ($14 + $15) * 10 }' /proc/$app/stat)
            break
        fi
        sleep 0.01
    done
    # Then the start page (sign-in or the appliance list), once the client's services are open: its log line.
    page=
    while [ -n "$shown" ] && kill -0 $app 2> /dev/null && [ $(( ($(date +%s%N) - start) / 1000000000 )) -lt 60 ]; do
        if grep -q "Start page shown" "$work/client.log"; then
            page=$(date +%s%N)
            break
        fi
        sleep 0.01
    done
    sleep 1
    kill $app 2> /dev/null || true
    wait $app 2> /dev/null || true
    if [ -z "$shown" ]; then
        echo "no window within 60 s; the client's log:" >&2
        tail -n 20 "$work/client.log" >&2
        exit 1
    fi
    if [ -z "$page" ]; then
        echo "no start page within 60 s; the client's log:" >&2
        tail -n 20 "$work/client.log" >&2
        exit 1
    fi
    echo "$(( (shown - start) / 1000000 )) $cpu $(( (page - start) / 1000000 ))"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mkdir -p "$work/home"
launch "$work/home" > /dev/null # writes the archive the later launches map
i=1
while [ "$i" -le "$starts" ]; do
    mkdir -p "$work/new-$i"
    set -- $(launch "$work/new-$i")
    echo "$1 $2 $3" >> "$work/first"
    first="$1 ms (CPU $2 ms, start page $3 ms)"
    set -- $(launch "$work/home")
    echo "$1 $2 $3" >> "$work/later"
    echo "launch $i: first window after $first on a first launch, $1 ms (CPU $2 ms, start page $3 ms) with the start-up archive"
    i=$((i + 1))
done
echo "median of $starts: first launch $(cut -d' ' -f1 "$work/first" | median) ms (CPU $(cut -d' ' -f2 "$work/first" | median) ms," \
    "start page $(cut -d' ' -f3 "$work/first" | median) ms)," \
    "with the archive $(cut -d' ' -f1 "$work/later" | median) ms (CPU $(cut -d' ' -f2 "$work/later" | median) ms," \
    "start page $(cut -d' ' -f3 "$work/later" | median) ms);" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
