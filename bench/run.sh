#!/usr/bin/env bash
# Runs the LAN Chat benchmark (issue 6): builds the bench jar if needed, then runs every workload
# against the appliance, NATS and Mosquitto, printing a table and writing bench/results/bench-*.json.
#   bench/run.sh                  full run (about an hour on 2 cores, W7 about 25 minutes of it)
#   bench/run.sh --quick          small sizes, one repetition
#   bench/run.sh --workloads W2   a subset; see BenchOptions.java for all options
#   bench/run.sh --quick --workloads W7   one, two and three appliances serving one chat, and failover (about 4 minutes)
#   bench/run.sh --workloads W8   appliance start to ready, without and with the JDK's AOT cache, and the desktop
#                                 app image to its first window where it is built (about 3 minutes)
# LANCHAT_BENCH_APPLIANCE_WRAPPER=PROGRAM runs every appliance as PROGRAM java ...; PROGRAM must exec its arguments
# (keeping the pid the bench measures), e.g. bench/experiments/heaptrack-wrapper.sh for native allocations.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR=bench/target/lanchat-bench.jar
# Built with the modules it benchmarks (-am), so a fresh clone works and appliance changes are measured.
if [ ! -f "$JAR" ] || [ -n "$(find bench/src protocol/src appliance/src discovery/src pom.xml */pom.xml -newer "$JAR" -print -quit)" ]; then
  mvn -q -B -pl bench -am package -DskipTests
fi
exec "$JAVA" -Xmx1g -cp "$JAR" org.lanchat.bench.Bench "$@"
