#!/usr/bin/env bash
# Container start → ready: starts the image N times on the host network and times, in ms, from `docker start`
# to the first 200 from /v2/health/ready (polled every 10 ms, at most 30 s). Prints each run and the median.
# Usage: DOCKER_HOST=unix:///tmp/kiln-docker.sock bench/container/start-to-ready.sh kiln-churn:0.1.0-37 [runs] [port]
set -euo pipefail
image="${1:?image reference}"; runs="${2:-7}"; port="${3:-18090}"
times=()
for i in $(seq 1 "$runs"); do
  id=$(docker create --network host -e Kiln__Service__Port="$port" "$image")
  start=$(date +%s%N)
  docker start "$id" >/dev/null
  ready=""
  for _ in $(seq 1 3000); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port/v2/health/ready"; then ready=$(date +%s%N); break; fi
    sleep 0.01
  done
  docker rm -f "$id" >/dev/null
  [ -n "$ready" ] || { echo "run $i: not ready within 30 s" >&2; exit 1; }
  ms=$(( (ready - start) / 1000000 ))
  times+=("$ms"); echo "run $i: ${ms} ms"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median: " a[int((NR+1)/2)] " ms over " NR " runs"}'
