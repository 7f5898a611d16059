#!/usr/bin/env bash
# Range-query benchmark (issue 6), one run, same data: 8000 GPUs' energy counters (the simulator's 1000-node × 8-GPU
# fleet, DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION only) for 70 minutes at a 15 s step, remote-written into Prometheus 2.42
# and into the platform (embedded store); then the same range query over the last hour at a 15 s step against each,
# RUNS times after one warm-up. Prints each side's median and best latency, the series each returned, and the
# Prometheus/platform ratio of medians (above 1: the platform is faster).
#
#   bench/query-vs-prometheus.sh
#   RUNS=20 QUERY='max by (Hostname) (rate(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION[5m]))' bench/query-vs-prometheus.sh
#
# Needs the `prometheus` binary (Debian's package; tests/run.sh installs it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS=${RUNS:-10}
NODES=${NODES:-1000}
METRIC=${METRIC:-DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION}
QUERY=${QUERY:-"sum by (Hostname) (rate($METRIC[5m]))"}

# shellcheck source=bench/lib.sh
source bench/lib.sh

start_prometheus
obs_port=$(free_port)
"${observe[@]}" serve --urls "http://127.0.0.1:$obs_port" --data "$work/observe" >"$work/observe.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$prom_port"
wait_ready "http://127.0.0.1:$obs_port"

now=$(date +%s)
start=$(( (now - 70 * 60) / 15 * 15 ))
for port in "$prom_port" "$obs_port"; do
  "${observe[@]}" simulate --nodes "$NODES" --gpus-per-node 8 --metrics "$METRIC" --duration 70m --step 15s --speed max \
    --start "$start" --target "http://127.0.0.1:$port/api/v1/write" | tail -n 1 | sed "s/^/load 127.0.0.1:$port: /"
done

from=$(( start + 10 * 60 ))
to=$(( start + 70 * 60 - 15 ))
echo "query: $QUERY  [$from, $to] step 15s, $RUNS runs after a warm-up"
measure() {
  local url="$1/api/v1/query_range" times=()
  curl -sf -o "$work/result.json" --data-urlencode "query=$QUERY" -d "start=$from" -d "end=$to" -d step=15 "$url"
  for _ in $(seq 1 "$RUNS"); do
    times+=("$(curl -sf -o /dev/null -w '%{time_total}' --data-urlencode "query=$QUERY" -d "start=$from" -d "end=$to" -d step=15 "$url")")
  done
  local series
  series=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["data"]["result"]))' "$work/result.json")
  printf '%s\n' "${times[@]}" | sort -n | awk -v s="$series" '{ t[NR] = $1 } END { printf "median_ms=%.1f best_ms=%.1f series=%d\n", 1000 * t[int((NR + 1) / 2)], 1000 * t[1], s }'
}
prom=$(measure "http://127.0.0.1:$prom_port")
obs=$(measure "http://127.0.0.1:$obs_port")
echo "prometheus-2.42  $prom"
echo "observe-embedded $obs"
awk -v p="$(field median_ms "$prom")" -v o="$(field median_ms "$obs")" 'BEGIN { if (o > 0) printf "ratio prometheus/observe median latency: %.2fx (above 1: the platform is faster)\n", p / o }'
