#!/usr/bin/env bash
# What policy evaluation costs on the publish path: interleaved runs over the mutual-TLS listener
# with the dev certificate, broker A (e.g. a build from before policies) against broker B with
# the dev allow-all policy, then B with benchmarks/realistic-policy.json (6 statements, variables,
# a Deny) in its place. Prints each run, then the medians and B's ratios to A.
#   bash benchmarks/policy-ab.sh A_JAR B_JAR [DRIVER_JAR]        ROUNDS=3 DURATION=8 WARMUP=5
# Needs the AWS CLI (the policy swap goes through the HTTP API). Measure on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1; B=$2; DRIVER_JAR=${3:-benchmarks/target/benchmarks.jar}
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-8}; WARMUP=${WARMUP:-5}
OUT=${OUT:-benchmarks/target/policy-ab}; CERTS=$OUT/certificates; mkdir -p "$OUT"; : > "$OUT/results.txt"
PORT=18883; API=18443
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
start() { # jar label
  java -XX:+UseSerialGC -jar "$1" --profile relaxed --mqtts-port $PORT --mqtt-port 0 --api-port $API \
    --certificates "$CERTS" > "$OUT/$2.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 150); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && return 0; sleep 0.2; done
  echo "broker $2 did not start: $OUT/$2.log" >&2; exit 1
}
stop() {
  kill $PID; wait $PID 2>/dev/null || true
  for _ in $(seq 1 150); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null || return 0; sleep 0.2; done
}
realistic() { # swap the dev certificate's allow-all policy for the realistic one
  local ep=(--endpoint-url "http://127.0.0.1:$API") id arn
  id=$(openssl x509 -in "$CERTS/client-cert.pem" -outform DER | sha256sum | cut -d' ' -f1)
  arn="arn:aws:iot:us-east-1:123456789012:cert/$id"
  aws "${ep[@]}" iot create-policy --policy-name realistic \
    --policy-document "file://$PWD/benchmarks/realistic-policy.json" > /dev/null
  aws "${ep[@]}" iot attach-policy --policy-name realistic --target "$arn"
  aws "${ep[@]}" iot detach-policy --policy-name iotcore-local-dev-allow-all --target "$arn"
}
run() { # label scenario-args
  java -cp "$DRIVER_JAR" dev.iotcorelocal.bench.load.LoadDriver --port $PORT --tls --certificates "$CERTS" \
    --warmup "$WARMUP" --duration "$DURATION" $2 | grep RESULT | sed "s/^/$1 /" | tee -a "$OUT/results.txt"
}
SCENARIOS=("--scenario fan-in --publishers 8 --qos 0" "--scenario fan-in --publishers 8 --qos 1"
           "--scenario fan-out --subscribers 100 --qos 1")
for round in $(seq 1 "$ROUNDS"); do
  for s in "${SCENARIOS[@]}"; do
    start "$A" a; run A "$s"; stop
    start "$B" b; run B-allow-all "$s"; stop
    start "$B" b-realistic; realistic; run B-realistic "$s"; stop
  done
done
python3 - "$OUT/results.txt" <<'PY'
import re, statistics, sys, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    label = line.split()[0]
    f = dict(re.findall(r'(\w+)=([\w.]+)', line))
    runs[(f['scenario'] + ' qos' + f['qos'] + ' subs' + f['subscribers'], label)].append(float(f['msgs_per_s']))
print('\n%-28s %12s %12s %6s %12s %6s' % ('scenario', 'A', 'B allow-all', '%', 'B realistic', '%'))
for scenario in sorted({k[0] for k in runs}):
    a = statistics.median(runs[(scenario, 'A')])
    b = statistics.median(runs[(scenario, 'B-allow-all')])
    r = statistics.median(runs[(scenario, 'B-realistic')])
    print('%-28s %12.0f %12.0f %5.0f%% %12.0f %5.0f%%' % (scenario, a, b, 100 * b / a, r, 100 * r / a))
PY
