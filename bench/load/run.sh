#!/usr/bin/env bash
# Load test: starts a service on 127.0.0.1, runs wrk for 1-row and 100-row /predict at 32 connections and prints
# req/s, rows/s, p50/p99 latency, the service's CPU time per request (robust to other load on the machine) and its
# peak RSS during each run.
#   bench/load/run.sh [kiln|baseline]
# Environment (defaults in brackets):
#   MODEL [artifacts/model/model.onnx]  FEATURES [data/03-features] (features.json, train.csv, test.csv)
#   APP   a published Kiln.Serving directory [published here into $WORK/app, self-contained + ReadyToRun, as the image]
#   SERVICE_CPUS [1]  WRK_CPUS [0]   taskset core lists; set both empty to run unpinned
#   DURATION [15s]  WARMUP [5s]  CONNECTIONS [32]  WRK_THREADS [1]  PORT [18080]  WORK [/tmp/kiln-load]
#   Any Kiln__* variable passes through to the service (e.g. Kiln__Batching__Enabled=false).
# The baseline is bench/load/baseline/app.py on Debian's /usr/bin/python3 (python3-fastapi, python3-uvicorn, python3-sklearn).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${1:-kiln}"
work="${WORK:-/tmp/kiln-load}"
model="${MODEL:-$root/artifacts/model/model.onnx}"
features="${FEATURES:-$root/data/03-features}"
port="${PORT:-18080}"
duration="${DURATION:-15s}"
connections="${CONNECTIONS:-32}"
service_cpus="${SERVICE_CPUS-1}"
wrk_cpus="${WRK_CPUS-0}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
for file in "$model" "$features/features.json" "$features/train.csv" "$features/test.csv"; do
  [ -f "$file" ] || { echo "$file is missing: run ./build.sh Train first (or set MODEL / FEATURES)" >&2; exit 1; }
done
mkdir -p "$work"
python3 "$here/bodies.py" "$features/features.json" "$features/test.csv" "$work"

if [ "$target" = kiln ]; then
  app="${APP:-$work/app}"
  if [ ! -x "$app/Kiln.Serving" ]; then
    echo "publishing Kiln.Serving into $app (self-contained, ReadyToRun) ..." >&2
    dotnet publish "$root/src/Kiln.Serving" -c Release -r linux-x64 --self-contained -o "$app" --artifacts-path "$work/app.build" \
      -p:PublishReadyToRun=true -p:InvariantGlobalization=true -p:DebugType=none -nologo >/dev/null
  fi
  Kiln__Model__Path="$model" Kiln__Service__Port="$port" Kiln__Service__Host=127.0.0.1 Logging__LogLevel__Default=Warning \
    ${service_cpus:+taskset -c "$service_cpus"} "$app/Kiln.Serving" >"$work/service.log" 2>&1 &
else
  OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" ${service_cpus:+taskset -c "$service_cpus"} \
    /usr/bin/python3 "$here/baseline/app.py" "$features/features.json" "$features/train.csv" "$port" >"$work/service.log" 2>&1 &
fi
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true' EXIT   # wait, so the next run finds the port free

start=$(date +%s%N)
for _ in $(seq 1 2400); do
  if curl -fs -o /dev/null -X POST -H 'Content-Type: application/json' --data @"$work/predict-1.json" "http://127.0.0.1:$port/predict"; then break; fi
  kill -0 "$pid" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
  sleep 0.05
done
echo "$target: first successful /predict after $(( ($(date +%s%N) - start) / 1000000 )) ms (includes process start and, for the baseline, training)"
echo "$target: service on CPUs ${service_cpus:-any}, wrk on CPUs ${wrk_cpus:-any} with ${WRK_THREADS:-1} thread(s), $connections connections, $duration per run"

# A warm-up (WARMUP, default 5s) so tiered JIT and the baseline's caches settle before the measured runs.
BODY="$work/predict-1.json" ${wrk_cpus:+taskset -c "$wrk_cpus"} wrk -t1 -c"$connections" -d"${WARMUP:-5s}" -s "$here/post.lua" "http://127.0.0.1:$port/predict" >/dev/null
for rows in 1 100; do
  ( while kill -0 "$pid" 2>/dev/null; do awk '/VmRSS/{print $2}' "/proc/$pid/status"; sleep 0.2; done ) >"$work/rss.txt" &
  sampler=$!
  cpu_before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  result="$(BODY="$work/predict-$rows.json" ${wrk_cpus:+taskset -c "$wrk_cpus"} wrk -t"${WRK_THREADS:-1}" -c"$connections" -d"$duration" -s "$here/post.lua" "http://127.0.0.1:$port/predict" | grep RESULT)"
  cpu_ticks=$(( $(awk '{print $14 + $15}' "/proc/$pid/stat") - cpu_before ))
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  peak=$(sort -n "$work/rss.txt" | tail -1)
  rps=$(sed -E 's/.*requests_per_sec=([0-9.]+).*/\1/' <<<"$result")
  echo "$target rows=$rows ${result#RESULT } rows_per_sec=$(awk -v r="$rps" -v n="$rows" 'BEGIN{printf "%.0f", r*n}') service_cpu_us_per_req=$(awk -v t="$cpu_ticks" -v hz="$(getconf CLK_TCK)" -v r="$rps" -v d="${duration%s}" 'BEGIN{printf "%.0f", t / hz * 1e6 / (r * d)}') peak_rss_mb=$(( ${peak:-0} / 1024 ))"
done
