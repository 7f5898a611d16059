# Shared by the bench scripts (sourced, not run): a scratch directory removed on exit with every server started,
# the Release build of the platform, and helpers to pick a free loopback port, wait for readiness and start an empty
# Prometheus 2.42 with its remote-write receiver.
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/DeepSeek.Observe.Host -c Release -nologo -v q -clp:NoSummary >/dev/null
observe=(dotnet src/DeepSeek.Observe.Host/bin/Release/net10.0/deepseek-observe.dll)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_ready() { for _ in $(seq 1 120); do curl -sf "$1/-/ready" >/dev/null && return 0; sleep 0.5; done; echo "$1 not ready" >&2; exit 1; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }

# Starts Prometheus (no scrape jobs, only the receiver) on a free port; sets prom_port and appends its pid to pids.
start_prometheus() {
  command -v prometheus >/dev/null || { echo "prometheus not found (apt-get install prometheus)" >&2; exit 1; }
  printf 'global:\n  scrape_interval: 15s\n' >"$work/prometheus.yml"
  prom_port=$(free_port)
  prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prometheus" \
    --web.listen-address="127.0.0.1:$prom_port" --web.enable-remote-write-receiver --log.level=warn \
    >"$work/prometheus.log" 2>&1 &
  pids+=($!)
}
