#!/usr/bin/env bash
# Start -> ready: launches the service RUNS times and measures from just before exec to the first 200 from
# /v2/health/ready (bounded poll every 5 ms), then stops it. Prints each run and the median.
#   bench/load/startup.sh [published|run]
#   published: APP (a published Kiln.Serving directory, default $WORK/app as run.sh publishes it)
#   run:       `dotnet run -c Release --no-build` on src/Kiln.Serving (build it first)
# Environment: MODEL [artifacts/model/model.onnx]  RUNS [10]  PORT [18081]  SERVICE_CPUS [unset = unpinned]
#   SOURCE  a registry reference (models:/churn@champion) served instead of MODEL, resolved through the registry that
#           Kiln__Registry__Store / Kiln__Registry__Artifacts (and PGPASSWORD, AWS_*) name, as a deployed service does
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mode="${1:-published}"
work="${WORK:-/tmp/kiln-load}"
model="${MODEL:-$root/artifacts/model/model.onnx}"
port="${PORT:-18081}"
runs="${RUNS:-10}"
app="${APP:-$work/app}"
command -v curl >/dev/null || { echo "curl is missing" >&2; exit 1; }
case "$mode" in
  published) [ -x "$app/Kiln.Serving" ] || { echo "$app/Kiln.Serving is missing: run bench/load/run.sh once or set APP" >&2; exit 1; }
             command=("$app/Kiln.Serving") ;;
  run)       command=(dotnet run -c Release --no-build --no-launch-profile --project "$root/src/Kiln.Serving") ;;
  *)         echo "usage: startup.sh [published|run]" >&2; exit 2 ;;
esac

times=()
for run in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  Kiln__Model__Path="$model" Kiln__Model__Source="${SOURCE:-}" Kiln__Service__Port="$port" Kiln__Service__Host=127.0.0.1 Logging__LogLevel__Default=Warning \
    ${SERVICE_CPUS:+taskset -c "$SERVICE_CPUS"} "${command[@]}" >/dev/null 2>&1 &
  pid=$!
  ready=""
  for _ in $(seq 1 2000); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port/v2/health/ready"; then ready=$(( ($(date +%s%N) - start) / 1000000 )); break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.005
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ -n "$ready" ] || { echo "run $run: not ready (service exited or 10 s passed)" >&2; exit 1; }
  echo "run $run: ready after $ready ms"
  times+=("$ready")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "'"$mode${SOURCE:+ $SOURCE}"': median start->ready %d ms over %d runs (min %d, max %d)\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), NR, a[1], a[NR]}'
