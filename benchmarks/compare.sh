#!/usr/bin/env bash
# Runs the same load scenarios against Mosquitto, HiveMQ CE and iotcore-local on loopback,
# one broker at a time (taking turns within each run), and prints one table (medians of RUNS runs)
# with the ratios.
#   bash benchmarks/compare.sh            # 3 runs per cell (about 20 minutes)
#   RUNS=1 DURATION=5 bash benchmarks/compare.sh   # a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-10}                          # JIT-compiled brokers reach steady state in about 10 s (README)
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-15000}   # per-process file limit here: ulimit -n = $(ulimit -n)
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${OUT:-benchmarks/target/compare}
ONLY=${ONLY:-}                                # a regex: run only the scenarios whose name matches
mkdir -p "$OUT"

command -v mosquitto >/dev/null || { apt-get update -qq && apt-get install -y -qq mosquitto >/dev/null; }
mvn -B -q -pl broker,benchmarks -am package -DskipTests
JAVA_HOME=$JAVA25 mvn -B -q -f benchmarks/peers/hivemq-ce/pom.xml package   # HiveMQ CE 2025.5 needs Java 21+
DRIVER="java -cp benchmarks/target/benchmarks.jar dev.iotcorelocal.bench.load.LoadDriver"
PORT=18830

start_broker() {
  case "$1" in
    mosquitto)
      printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$PORT" > "$OUT/mosquitto.conf"
      mosquitto -c "$OUT/mosquitto.conf" > "$OUT/mosquitto.log" 2>&1 & ;;
    hivemq-ce)
      "$JAVA25/bin/java" -Xmx2g -cp "benchmarks/peers/hivemq-ce/target/hivemq-ce-peer-0.1.0-SNAPSHOT.jar:benchmarks/peers/hivemq-ce/target/lib/*" \
        bench.HiveMqPeer "$PORT" "$OUT/hivemq-home" > "$OUT/hivemq.log" 2>&1 & ;;
    iotcore-local)   # through the launcher: the JVM options and class-data archive users get
      ./iotcore-local --profile relaxed --mqtt-port "$PORT" --mqtts-port 0 \
        --certificates "$OUT/certificates" > "$OUT/iotcore.log" 2>&1 & ;;
  esac
  BROKER_PID=$!
  for _ in $(seq 1 100); do
    (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && return 0
    sleep 0.2
  done
  echo "broker $1 did not start" >&2; exit 1
}

stop_broker() {
  kill "$BROKER_PID" 2>/dev/null || true
  wait "$BROKER_PID" 2>/dev/null || true
  for _ in $(seq 1 150); do   # a JVM broker may hold the port a while after it exits
    (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null || return 0
    sleep 0.2
  done
  echo "port $PORT still in use after stopping $1" >&2; exit 1
}

cleanup() { rm -rf "$OUT/hivemq-home"; }   # each HiveMQ start gets a fresh data folder
trap cleanup EXIT

# name | driver arguments | result field
SCENARIOS=(
  "fan-in 8->1 QoS 0 (msgs/s)|--scenario fan-in --publishers 8 --qos 0|msgs_per_s"
  "fan-in 8->1 QoS 1 (msgs/s)|--scenario fan-in --publishers 8 --qos 1|msgs_per_s"
  "fan-out 1->100 QoS 0 (msgs/s)|--scenario fan-out --subscribers 100 --qos 0|msgs_per_s"
  "fan-out 1->100 QoS 1 (msgs/s)|--scenario fan-out --subscribers 100 --qos 1|msgs_per_s"
  "p99 latency QoS 1 at 10k msgs/s (us)|--scenario latency --publishers 8 --qos 1 --rate 10000|p99_us"
  "RSS per idle connection (bytes)|--scenario idle --connections $IDLE_CONNECTIONS --hold 3|rss_per_conn_bytes"
  "heap per idle connection (bytes)|--scenario idle --connections $IDLE_CONNECTIONS --hold 3|heap_per_conn_bytes"
)
read -r -a BROKERS <<< "${BROKERS:-mosquitto hivemq-ce iotcore-local}"   # BROKERS="iotcore-local" runs one

median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else print a[int((NR+1)/2)]}'; }

# Brokers take turns within each run of a scenario: this machine's noise drifts over minutes, and
# a ratio is only fair between runs made side by side.
declare -A CELL LOSS VALUES
for scenario in "${SCENARIOS[@]}"; do
  IFS='|' read -r name args field <<< "$scenario"
  [[ -n "$ONLY" && ! "$name" =~ $ONLY ]] && continue
  for run in $(seq 1 "$RUNS"); do
    for broker in "${BROKERS[@]}"; do
      start_broker "$broker"
      line=$($DRIVER --port "$PORT" $args --warmup "$WARMUP" --duration "$DURATION" --broker-pid "$BROKER_PID" 2>>"$OUT/driver.err" | grep '^RESULT' || true)
      stop_broker "$broker"
      cleanup
      echo "$broker | $name | run $run | $line" | tee -a "$OUT/runs.txt"
      value=$(sed -n "s/.* $field=\([^ ]*\).*/\1/p" <<< "$line")
      [ -n "$value" ] && VALUES["$broker|$name"]+="$value "
      l=$(sed -n 's/.* lost=\([0-9]*\).*/\1/p' <<< "$line")
      LOSS["$broker|$name"]=$(( ${LOSS["$broker|$name"]:-0} + ${l:-0} ))
    done
  done
  for broker in "${BROKERS[@]}"; do
    CELL["$broker|$name"]=$(tr ' ' '\n' <<< "${VALUES["$broker|$name"]:-}" | { grep . || true; } | median)
  done
done

{
  echo "| scenario | Mosquitto | HiveMQ CE | iotcore-local | vs Mosquitto | vs HiveMQ CE |"
  echo "|---|---|---|---|---|---|"
  for scenario in "${SCENARIOS[@]}"; do
    IFS='|' read -r name args field <<< "$scenario"
    [[ -n "$ONLY" && ! "$name" =~ $ONLY ]] && continue
    m=${CELL["mosquitto|$name"]:-n/a}; h=${CELL["hivemq-ce|$name"]:-n/a}; i=${CELL["iotcore-local|$name"]:-n/a}
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a+0 > 0 && b+0 > 0) printf "%.2fx", a / b; else print "n/a" }'; }
    fmt() { awk -v v="$1" -v l="$2" 'BEGIN { if (v == "n/a" || v == "") print "n/a"; else printf "%.0f%s", v, (l > 0 ? " (" l " lost)" : "") }'; }
    echo "| $name | $(fmt "$m" "${LOSS["mosquitto|$name"]:-0}") | $(fmt "$h" "${LOSS["hivemq-ce|$name"]:-0}") | $(fmt "$i" "${LOSS["iotcore-local|$name"]:-0}") | $(ratio "$i" "$m") | $(ratio "$i" "$h") |"
  done
  echo
  echo "Ratios are iotcore-local / peer: above 1 is better for throughput, below 1 is better for latency and memory."
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r); driver and broker share it. Medians of $RUNS runs, ${DURATION} s each, 64-byte payloads."
} | tee "$OUT/table.md"
