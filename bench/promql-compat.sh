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

command -v prometheus >/dev/null || { echo "prometheus not found (apt-get install prometheus)" >&2; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/DeepSeek.Observe.Host -c Release -nologo -v q -clp:NoSummary >/dev/null
observe=(dotnet src/DeepSeek.Observe.Host/bin/Release/net10.0/deepseek-observe.dll)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_ready() { for _ in $(seq 1 120); do curl -sf "$1/-/ready" >/dev/null && return 0; sleep 0.5; done; echo "$1 not ready" >&2; exit 1; }

printf 'global:\n  scrape_interval: 15s\n' >"$work/prometheus.yml"
prom_port=$(free_port)
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prometheus" \
  --web.listen-address="127.0.0.1:$prom_port" --web.enable-remote-write-receiver --log.level=warn \
  >"$work/prometheus.log" 2>&1 &
pids+=($!)
obs_port=$(free_port)
"${observe[@]}" serve --urls "http://127.0.0.1:$obs_port" --data "$work/observe" --retention 100y >"$work/observe.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$prom_port"
wait_ready "http://127.0.0.1:$obs_port"

"${observe[@]}" bench promql-compat --prometheus "http://127.0.0.1:$prom_port" --platform "http://127.0.0.1:$obs_port" \
  --load ${QUERIES:+--queries "$QUERIES"}
