#!/usr/bin/env bash
# Records every native allocation of the program it runs with heaptrack (apt-get install heaptrack), keeping the
# program's pid: LANCHAT_BENCH_APPLIANCE_WRAPPER=bench/experiments/heaptrack-wrapper.sh bench/run.sh --workloads W1
# writes /tmp/heaptrack-PID.gz per appliance; then
#   heaptrack_print -f /tmp/heaptrack-PID.gz -F stacks.txt --flamegraph-cost-type leaked
# lists what was still allocated when the process ended, by call stack. heaptrack slows the JVM a lot: use a smaller
# --w1-connections. In the run PERFORMANCE.md reports, its unwinder crashed the TLS appliance while it held its connections,
# so what it still held is the memory of those connections.
set -euo pipefail
lib=/usr/lib/heaptrack/libheaptrack_preload.so
interpret=/usr/lib/heaptrack/libexec/heaptrack_interpret
pipe=$(mktemp -u /tmp/heaptrack-fifo.XXXXXX)
mkfifo "$pipe"
("$interpret" < "$pipe" | gzip -1 -c > "/tmp/heaptrack-$$.gz"; rm -f "$pipe") &
exec env LD_PRELOAD="$lib" DUMP_HEAPTRACK_OUTPUT="$pipe" "$@"
