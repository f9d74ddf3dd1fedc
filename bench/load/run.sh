#!/usr/bin/env bash
# Load test: starts a service on 127.0.0.1, runs wrk for 1-row and 100-row /predict at 32 connections and prints
# req/s, rows/s, p50/p99 and the service's peak RSS.
#   bench/load/run.sh [kiln|baseline] [model.onnx]   (DURATION=10s CONNECTIONS=32 PORT=18080; extra env passes through)
# The baseline uses Debian's /usr/bin/python3 (python3-fastapi, python3-uvicorn, python3-sklearn).
# With no model, bench data (synthetic model, CSV, bodies) is generated into $DATA (default /tmp/kiln-load).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${1:-kiln}"
data="${DATA:-/tmp/kiln-load}"
port="${PORT:-18080}"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-32}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

if [ ! -f "$data/predict-100.json" ]; then
  dotnet build -c Release "$root/bench/Kiln.Serving.Benchmarks" >/dev/null
  dotnet "$root/bench/Kiln.Serving.Benchmarks/bin/Release/net10.0/Kiln.Serving.Benchmarks.dll" make-data "$data" >/dev/null 2>&1
fi
model="${2:-$data/model.onnx}"

if [ "$target" = kiln ]; then
  dotnet build -c Release "$root/src/Kiln.Serving" >/dev/null
  Kiln__Model__Path="$model" Kiln__Service__Port="$port" Kiln__Service__Host=127.0.0.1 Logging__LogLevel__Default=Warning \
    ${SERVICE_CPUS:+taskset -c "$SERVICE_CPUS"} dotnet "$root/src/Kiln.Serving/bin/Release/net10.0/Kiln.Serving.dll" >/tmp/kiln-load-service.log 2>&1 &
else
  OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" ${SERVICE_CPUS:+taskset -c "$SERVICE_CPUS"} /usr/bin/python3 "$here/baseline/app.py" "$data/churn.csv" "$port" >/tmp/kiln-load-service.log 2>&1 &
fi
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT

start=$(date +%s%N)
for _ in $(seq 1 2400); do
  if curl -fs -o /dev/null -X POST -H 'Content-Type: application/json' --data @"$data/predict-1.json" "http://127.0.0.1:$port/predict"; then break; fi
  sleep 0.05
done
echo "$target: first successful /predict after $(( ($(date +%s%N) - start) / 1000000 )) ms (includes process start)"

for rows in 1 100; do
  peak=0
  ( while kill -0 "$pid" 2>/dev/null; do awk '/VmRSS/{print $2}' "/proc/$pid/status"; sleep 0.2; done ) >/tmp/kiln-load-rss.txt &
  sampler=$!
  result="$(BODY="$data/predict-$rows.json" ${WRK_CPUS:+taskset -c "$WRK_CPUS"} wrk -t2 -c"$connections" -d"$duration" -s "$here/post.lua" "http://127.0.0.1:$port/predict" | grep RESULT)"
  kill "$sampler" 2>/dev/null || true
  peak=$(sort -n /tmp/kiln-load-rss.txt | tail -1)
  rps=$(sed -E 's/.*requests_per_sec=([0-9.]+).*/\1/' <<<"$result")
  echo "$target rows=$rows connections=$connections ${result#RESULT } rows_per_sec=$(awk -v r="$rps" -v n="$rows" 'BEGIN{printf "%.0f", r*n}') peak_rss_mb=$(( ${peak:-0} / 1024 ))"
done
