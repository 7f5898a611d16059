#!/usr/bin/env bash
# PromQL compatibility suite, end to end: starts an empty Prometheus 2.42 (remote-write receiver on) and an empty
# platform (embedded store, retention reaching back to the data set's fixed start), loads the suite's data set into
# both, and runs `deepseek-observe bench promql-compat`: PASS/FAIL per query, a summary line, exit 1 if any failed.
#
#   bench/promql-compat.sh                        # the suite's own query file
#   QUERIES=my-queries.txt bench/promql-compat.sh # another file in the same format
#
# Needs the `prometheus` binary (Debian's package; tests/run.sh installs it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=bench/lib.sh
source bench/lib.sh

start_prometheus
obs_port=$(free_port)
"${observe[@]}" serve --urls "http://127.0.0.1:$obs_port" --data "$work/observe" --retention 100y >"$work/observe.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$prom_port"
wait_ready "http://127.0.0.1:$obs_port"

"${observe[@]}" bench promql-compat --prometheus "http://127.0.0.1:$prom_port" --platform "http://127.0.0.1:$obs_port" \
  --load ${QUERIES:+--queries "$QUERIES"}
