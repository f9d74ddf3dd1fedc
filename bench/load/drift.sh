#!/usr/bin/env bash
# What drift monitoring costs: bench/load/run.sh with Kiln:Drift:Enabled true and false, alternating, in one run, so both
# see the same machine. Prints run.sh's result lines prefixed with drift=on|off.
#   bench/load/drift.sh
# Environment: ROUNDS [2] pairs of runs; every run.sh variable (MODEL, APP, SERVICE_CPUS, DURATION, PORT, WORK, ...) applies.
# The model must carry reference statistics (any model.onnx written by ./build.sh Train since they were added);
# the service logs "Drift is unavailable" otherwise, and both variants would measure the same thing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for round in $(seq 1 "${ROUNDS:-2}"); do
  for enabled in true false; do
    label=$([ "$enabled" = true ] && echo on || echo off)
    Kiln__Drift__Enabled="$enabled" "$here/run.sh" kiln | grep -E ' rows=' | sed "s/^/round=$round drift=$label /"
  done
done
