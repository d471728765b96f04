#!/usr/bin/env bash
# A long coverage-guided fuzzing run of one of the broker's Jazzer fuzz tests, outside JUnit
# (the build only replays the committed inputs). Netty tracks every buffer (leak detection at
# every allocation) and the fuzz tests fail on the first leak it reports, and on any buffer
# they handed in and got back unreleased.
#
#   benchmarks/fuzz-long.sh decoder|connection [RUNS] [MAX_SECONDS]
#   benchmarks/fuzz-long.sh decoder|connection merge
#
# RUNS defaults to 10,000,000 inputs, MAX_SECONDS to 0 (no time limit). It runs at nice 19
# (FUZZ_NICE=0 for a machine given to it). A run records no stack traces (-XX:-StackTraceInThrowable):
# Netty's leak detector still tracks every buffer and reports every leak, but capturing a stack
# per allocation took most of the time; replaying a saved input (below) keeps the traces.
# New coverage goes to broker/target/fuzz/<target>/corpus (seeded from the committed inputs); a
# crashing input is written to broker/target/fuzz/<target>/ as crash-<sha1>: replay it with
#   benchmarks/fuzz-long.sh <target> 1 0 broker/target/fuzz/<target>/crash-<sha1>
# and, once fixed, commit it into the test's Inputs directory (it then runs in every build).
# "merge" adds to that Inputs directory the inputs of the kept corpus that bring new coverage
# (libFuzzer's -merge=1), for committing.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: fuzz-long.sh decoder|connection [RUNS] [MAX_SECONDS] [INPUT...]}
runs=${2:-10000000}
max_seconds=${3:-0}
shift $(( $# < 3 ? $# : 3 ))
case "$target" in
  decoder) class=dev.iotcorelocal.codec.DecoderFuzzTest; method=bytesOnTheWireYieldPacketsThenAtMostOneFailure ;;
  connection) class=dev.iotcorelocal.protocol.ConnectionFuzzTest; method=packetSequencesKeepTheBrokerConsistent ;;
  *) echo "unknown target $target (decoder or connection)" >&2; exit 2 ;;
esac
mvn=$(command -v mvnl || command -v mvn)
work=broker/target/fuzz/$target
mkdir -p "$work/corpus"
"$mvn" -B -q -pl broker test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/$work/classpath.txt"
seeds=broker/src/test/resources/${class//.//}Inputs/$method
classpath=broker/target/test-classes:broker/target/classes:$(cat "$work/classpath.txt")

inputs=("$work/corpus" "$seeds")
limits=(-runs="$runs" -max_total_time="$max_seconds")
traces=(-XX:-StackTraceInThrowable)
if [ $# -gt 0 ]; then inputs=("$@"); traces=(); fi  # replay the given inputs only, with stack traces
if [ "$runs" = merge ]; then inputs=("$seeds" "$work/corpus"); limits=(-merge=1); fi
exec nice -n "${FUZZ_NICE:-19}" java -Xmx1g "${traces[@]}" \
  -Dio.netty.leakDetection.level=simple -Dio.netty.leakDetection.samplingInterval=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$classpath" com.code_intelligence.jazzer.Jazzer \
  --target_class="$class" --target_method="$method" --instrumentation_includes='dev.iotcorelocal.**' \
  "${limits[@]}" -print_final_stats=1 -artifact_prefix="$work/" \
  "${inputs[@]}"
