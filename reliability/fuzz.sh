#!/usr/bin/env bash
# Real fuzzing runs: each fuzz test in turn (Jazzer fuzzes one per JVM) for the given time; then what a
# run found that adds coverage is merged (libFuzzer -merge=1) into the corpus every build replays, and
# the run is recorded in reliability/fuzzing.tsv, which reliability/run.sh renders into docs/RELIABILITY.md.
#   reliability/fuzz.sh          5 minutes per fuzz test (three of them)
#   reliability/fuzz.sh 30m      longer runs
# A finding ends that run: Jazzer writes the input as crash-<sha1> into the test's directory under
# protocol/src/test/resources/org/lanchat/protocol/fuzz/, where it is already a regression test (every build
# replays it). Fix the cause, then give the file a name that says what it was.
set -uo pipefail
cd "$(dirname "$0")/.."
duration=${1:-5m}
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
[ -n "${JAVA_HOME:-}" ] && export PATH="$JAVA_HOME/bin:$PATH"

tests=(
  FrameDecoderFuzzTest#anyStreamCutAnywhereDecodesLikeTheWholeStream
  MessageCodecFuzzTest#anyRequestBodyDecodesOrIsRefusedWithABodyError
  MessageCodecFuzzTest#anyReplyBodyDecodesOrIsRefusedWithABodyError
)
mkdir -p protocol/target/fuzz
mvn -B -q -pl protocol test-compile || exit 1
mvn -B -q -pl protocol dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz/classpath || exit 1
classpath="$(cat protocol/target/fuzz/classpath):protocol/target/classes:protocol/target/test-classes"

status=0
for t in "${tests[@]}"; do
  class=${t%#*}
  method=${t#*#}
  log=protocol/target/fuzz/$method.log
  inputs=protocol/src/test/resources/org/lanchat/protocol/fuzz/${class}Inputs/$method
  echo "== fuzzing $t for $duration (log: $log)"
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION=$duration \
    mvn -B -pl protocol surefire:test -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1
  rc=$?
  done_line=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)
  runs=$(echo "$done_line" | awk '{print $2}')
  seconds=$(echo "$done_line" | awk '{print $5}')
  if [ $rc -eq 0 ]; then
    before=$(ls "$inputs" | wc -l)
    java -cp "$classpath" com.code_intelligence.jazzer.Jazzer --target_class=org.lanchat.protocol.fuzz.$class \
      --target_method="$method" -merge=1 "$inputs" "protocol/.cifuzz-corpus/org.lanchat.protocol.fuzz.$class/$method" >> "$log" 2>&1
    found="nothing; $(( $(ls "$inputs" | wc -l) - before )) inputs merged into the replayed corpus"
  else
    crash=$(ls -t "$inputs"/crash-* 2>/dev/null | head -1)
    found="FINDING: ${crash:+$(basename "$crash")} (see $log)"
    status=1
  fi
  echo "   ${runs:-0} executions in ${seconds:-?} s: $found"
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date +%F)" "$t" "${seconds:-0}" "${runs:-0}" "$found" >> reliability/fuzzing.tsv
done
exit $status
