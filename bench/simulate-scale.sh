#!/usr/bin/env bash
# Simulator scale benchmark (issue 5): a 1000-node × 8-GPU fleet at a 15 s step.
#  1. generation only: one hour of data, as fast as the generator goes (every core);
#  2. sending: the same fleet over remote_write to the platform (embedded store, fresh --data) and, as the anchor,
#     to Prometheus 2.42's remote-write receiver, one after the other on this machine, same span and settings.
# Prints each run's report line and the platform/Prometheus ratio of acknowledged samples per second.
#
#   bench/simulate-scale.sh                          # defaults below
#   NODES=200 SEND_DURATION=10m bench/simulate-scale.sh
#   ANCHOR=0 bench/simulate-scale.sh                 # skip Prometheus
#
# Needs the `prometheus` binary for the anchor (Debian's package; tests/run.sh installs it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

NODES=${NODES:-1000}
GPUS=${GPUS:-8}
STEP=${STEP:-15s}
GENERATE_DURATION=${GENERATE_DURATION:-1h}
SEND_DURATION=${SEND_DURATION:-30m}
CONCURRENCY=${CONCURRENCY:-4}
ANCHOR=${ANCHOR:-1}

# shellcheck source=bench/lib.sh
source bench/lib.sh
fleet=(--nodes "$NODES" --gpus-per-node "$GPUS" --step "$STEP" --speed max --seed 1)

echo "== generation: $NODES nodes x $GPUS GPUs, $GENERATE_DURATION at $STEP"
"${observe[@]}" simulate "${fleet[@]}" --duration "$GENERATE_DURATION" | tail -n 2

# A span that ends now, so both receivers' time windows accept every sample.
send() {
  "${observe[@]}" simulate "${fleet[@]}" --duration "$SEND_DURATION" --concurrency "$CONCURRENCY" --target "$1/api/v1/write" | tail -n 1
}

echo "== sending $SEND_DURATION of it"
obs_port=$(free_port)
"${observe[@]}" serve --urls "http://127.0.0.1:$obs_port" --data "$work/observe" >"$work/observe.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$obs_port"
obs=$(send "http://127.0.0.1:$obs_port")
echo "platform:   $obs"
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true

if [ "$ANCHOR" = 1 ]; then
  start_prometheus
  wait_ready "http://127.0.0.1:$prom_port"
  prom=$(send "http://127.0.0.1:$prom_port")
  echo "prometheus: $prom"
  awk -v o="$(field acked_samples_per_second "$obs")" -v p="$(field acked_samples_per_second "$prom")" \
    'BEGIN { if (p > 0) printf "ratio platform/prometheus (acknowledged samples/s): %.2f\n", o / p }'
fi
