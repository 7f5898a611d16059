#!/usr/bin/env bash
# Alerting benchmark (issue 7), one run, two parts, each side by side with Prometheus 2.42 on the same input:
#
# 1. Rule-evaluation cost: 500 rules (10 groups of 50, interval 15s: per-GPU temperature thresholds,
#    avg_over_time idle-GPU alerts, per-host power sums, per-host energy-rate and max-temperature recording rules)
#    over the simulator's 1000-node × 8-GPU fleet (8000 GPUs, 4 DCGM metrics, the last 20 minutes at a 15 s step)
#    remote-written into Prometheus (rule_files), then, once it is stopped, into the platform (serve --rules). After
#    loading, ROUNDS evaluation rounds (at most EVAL_WAIT s) are read from /api/v1/rules (each group's evaluationTime);
#    prints the median per-round total (sum over the groups) of each side and the ratio.
# 2. Notification latency after `for` elapses: ALERTS alerts `vector(time()) > T_i` (for: 5s, group interval 1s) becoming
#    true 2 s apart; the platform (serve --notification-config, group_wait 0s) and Prometheus (evaluation_interval 1s)
#    → Alertmanager 0.25 (group_wait 0s) notify the same loopback webhook receiver, which logs arrival times. Latency =
#    arrival − (activeAt from /api/v1/alerts + for); prints each side's median and max.
#
#   bench/alerting-vs-prometheus.sh
#   ROUNDS=8 ALERTS=20 bench/alerting-vs-prometheus.sh
#   PARTS=latency bench/alerting-vs-prometheus.sh     (one part only: eval or latency)
#
# Needs `prometheus` and `prometheus-alertmanager` (Debian's packages; tests/run.sh installs them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

NODES=${NODES:-1000}
ROUNDS=${ROUNDS:-3}
EVAL_WAIT=${EVAL_WAIT:-300}
ALERTS=${ALERTS:-10}
PARTS=${PARTS:-eval,latency}
METRICS='DCGM_FI_DEV_(GPU_TEMP|TOTAL_ENERGY_CONSUMPTION|GPU_UTIL|POWER_USAGE)'

# shellcheck source=bench/lib.sh
source bench/lib.sh
for bin in prometheus prometheus-alertmanager; do
  command -v "$bin" >/dev/null || { echo "$bin not found (apt-get install $bin)" >&2; exit 1; }
done

# Starts Prometheus with the given configuration file (lib.sh's start_prometheus has no rules); sets prom_port.
start_prometheus_with() {
  prom_port=$(free_port)
  prometheus --config.file="$1" --storage.tsdb.path="$work/prometheus-$2" \
    --web.listen-address="127.0.0.1:$prom_port" --web.enable-remote-write-receiver --log.level=warn \
    >"$work/prometheus-$2.log" 2>&1 &
  pids+=($!)
}

# Stops the servers of a part, so that the next part measures on an idle machine.
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }

# ---- Part 1: rule-evaluation cost ----------------------------------------------------------------------------------
if [[ ,$PARTS, == *,eval,* ]]; then
python3 - "$work/rules.yml" <<'EOF'
import sys
out = ["groups:"]
for g in range(10):
    out += [f"  - name: bench-{g}", "    interval: 15s", "    rules:"]
    for r in range(50):
        i = g * 50 + r
        kind = i % 5
        if kind == 0:
            out += [f"      - alert: BenchGpuTempAbove{i}", f"        expr: DCGM_FI_DEV_GPU_TEMP > {75 + i % 20}", "        for: 1m",
                    "        labels: {severity: warning}"]
        elif kind == 1:
            out += [f"      - alert: BenchGpuIdle{i}", f"        expr: avg_over_time(DCGM_FI_DEV_GPU_UTIL[5m]) < {1 + i % 10}",
                    "        for: 2m", "        labels: {severity: info}"]
        elif kind == 2:
            out += [f"      - record: bench:energy_rate_watts:sum_by_host_{i}",
                    "        expr: sum by (Hostname) (rate(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION[5m])) / 1000"]
        elif kind == 3:
            out += [f"      - record: bench:gpu_temp:max_by_host_{i}", "        expr: max by (Hostname) (DCGM_FI_DEV_GPU_TEMP)"]
        else:
            out += [f"      - alert: BenchHostPowerAbove{i}", f"        expr: sum by (Hostname) (DCGM_FI_DEV_POWER_USAGE) > {6000 + 10 * (i % 100)}",
                    "        for: 1m", "        labels: {severity: warning}"]
open(sys.argv[1], "w").write("\n".join(out) + "\n")
EOF
printf 'global:\n  scrape_interval: 15s\n  evaluation_interval: 15s\nrule_files: ["%s"]\n' "$work/rules.yml" >"$work/prometheus-eval.yml"

# One side at a time, so that neither's evaluation competes with the other's for the CPUs: starts it with the rule file,
# loads the fleet, then polls /api/v1/rules for ROUNDS rounds begun after loading ended (at most EVAL_WAIT seconds). A
# round is each group's next evaluation, so the per-round total is the sum over groups of their k-th evaluation's time.
cat >"$work/poll.py" <<'EOF'
import calendar, json, statistics, sys, time, urllib.request
urls, rounds, wait = sys.argv[1:2], int(sys.argv[2]), int(sys.argv[3])
loaded = time.time()
seen = {u: {} for u in urls}  # url -> group -> {lastEvaluation: evaluationTime}
def done(u):
    groups = seen[u]
    return len(groups) == 10 and all(len(v) >= rounds for v in groups.values())
deadline = loaded + wait
while time.time() < deadline and not all(done(u) for u in urls):
    for u in urls:
        # type=record keeps firing alerts out of the answer; every group has recording rules, so all 10 are listed
        # with their whole evaluationTime.
        data = json.load(urllib.request.urlopen(u + "/api/v1/rules?type=record", timeout=wait))["data"]["groups"]
        for g in data:
            last = g["lastEvaluation"]
            # Skip rounds begun before loading ended (a zero-time one is "not evaluated yet").
            if last.startswith("0001-") or g["evaluationTime"] == 0:
                continue
            ts = last[:19]
            if calendar.timegm(time.strptime(ts, "%Y-%m-%dT%H:%M:%S")) < loaded:
                continue
            seen[u].setdefault(g["name"], {})[last] = g["evaluationTime"]
    time.sleep(1)
for u in urls:
    groups = seen[u]
    n = min((len(v) for v in groups.values()), default=0)
    n = min(n, rounds)
    totals = [sum(list(v.values())[k] for v in groups.values()) for k in range(n)] if len(groups) == 10 else []
    if totals:
        print(f"median_ms={1000 * statistics.median(totals):.1f} max_ms={1000 * max(totals):.1f} rounds={len(totals)}")
    else:
        print("median_ms=nan max_ms=nan rounds=0")
EOF
measure_eval() {
  wait_ready "$1"
  local start=$(( ($(date +%s) - 20 * 60) / 15 * 15 ))
  "${observe[@]}" simulate --nodes "$NODES" --gpus-per-node 8 --metrics "$METRICS" --duration 20m --step 15s --speed max \
    --start "$start" --target "$1/api/v1/write" | tail -n 1 | sed "s|^|load $1: |" >&2
  python3 "$work/poll.py" "$1" "$ROUNDS" "$EVAL_WAIT"
}
echo "rules: 500 (10 groups × 50, interval 15s) over $(( NODES * 8 )) GPUs; measuring $ROUNDS rounds on each side"
start_prometheus_with "$work/prometheus-eval.yml" eval
prom_eval=$(measure_eval "http://127.0.0.1:$prom_port")
stop_all
obs_port=$(free_port)
"${observe[@]}" serve --urls "http://127.0.0.1:$obs_port" --data "$work/observe-eval" --rules "$work/rules.yml" \
  >"$work/observe-eval.log" 2>&1 &
pids+=($!)
obs_eval=$(measure_eval "http://127.0.0.1:$obs_port")
echo "prometheus-2.42  per-round evaluation $prom_eval"
echo "observe          per-round evaluation $obs_eval"
stop_all
fi

# ---- Part 2: notification latency after `for` elapses ----------------------------------------------------------------
if [[ ,$PARTS, == *,latency,* ]]; then
cat >"$work/receiver.py" <<'EOF'
# Logs "<arrival unix time> <path> <alertname> <status>" for each alert of each webhook it receives.
import json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
log = open(sys.argv[2], "a", buffering=1)
class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        arrived = time.time()
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.end_headers()
        for alert in json.loads(body).get("alerts", []):
            log.write(f"{arrived:.6f} {self.path} {alert['labels'].get('alertname')} {alert.get('status')}\n")
    def log_message(self, *args): pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
EOF
recv_port=$(free_port)
python3 "$work/receiver.py" "$recv_port" "$work/arrivals.log" &
pids+=($!)

base=$(( $(date +%s) + 25 ))
{
  printf 'groups:\n  - name: latency\n    interval: 1s\n    rules:\n'
  for i in $(seq 0 $(( ALERTS - 1 ))); do
    printf '      - alert: BenchLatency%d\n        expr: vector(time()) > %d\n        for: 5s\n' "$i" $(( base + 2 * i ))
  done
} >"$work/latency.yml"
notify_config() {
  printf 'route:\n  receiver: bench\n  group_by: [alertname]\n  group_wait: 0s\n  group_interval: 1s\n  repeat_interval: 1h\n'
  printf 'receivers:\n  - name: bench\n    webhook_configs:\n      - url: http://127.0.0.1:%s/%s\n' "$recv_port" "$1"
}
notify_config observe >"$work/observe-notify.yml"
notify_config alertmanager >"$work/alertmanager.yml"
am_port=$(free_port)
prometheus-alertmanager --config.file="$work/alertmanager.yml" --storage.path="$work/alertmanager" \
  --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address= --log.level=warn >"$work/alertmanager.log" 2>&1 &
pids+=($!)
printf 'global:\n  evaluation_interval: 1s\nrule_files: ["%s"]\nalerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ["127.0.0.1:%s"]\n' \
  "$work/latency.yml" "$am_port" >"$work/prometheus-latency.yml"
start_prometheus_with "$work/prometheus-latency.yml" latency
obs_port=$(free_port)
"${observe[@]}" serve --urls "http://127.0.0.1:$obs_port" --data "$work/observe-latency" --rules "$work/latency.yml" \
  --notification-config "$work/observe-notify.yml" >"$work/observe-latency.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$am_port"
wait_ready "http://127.0.0.1:$prom_port"
wait_ready "http://127.0.0.1:$obs_port"

echo "latency: $ALERTS alerts (for: 5s) becoming true 2 s apart from $(date -u -d "@$base" +%T) UTC"
until_ts=$(( base + 2 * ALERTS + 5 + 30 ))
while (( $(date +%s) < until_ts )); do
  got_obs=$(grep -c ' /observe ' "$work/arrivals.log" 2>/dev/null || true)
  got_am=$(grep -c ' /alertmanager ' "$work/arrivals.log" 2>/dev/null || true)
  (( ${got_obs:-0} >= ALERTS && ${got_am:-0} >= ALERTS )) && break
  sleep 1
done
curl -sf "http://127.0.0.1:$prom_port/api/v1/alerts" >"$work/prom-alerts.json"
curl -sf "http://127.0.0.1:$obs_port/api/v1/alerts" >"$work/obs-alerts.json"
python3 - "$work/arrivals.log" "$work/obs-alerts.json" "$work/prom-alerts.json" "$ALERTS" <<'EOF' >"$work/latency.txt"
import calendar, json, re, statistics, sys
def parse(ts):  # RFC 3339 in UTC with up to nanoseconds
    m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z$", ts)
    return calendar.timegm(tuple(map(int, re.split(r"[-T:]", m.group(1)))) + (0, 0, 0)) + float(m.group(2) or 0)
first = {}
for line in open(sys.argv[1]):
    t, path, name, status = line.split()
    if status == "firing":
        first.setdefault((path, name), float(t))
for path, file in (("/observe", sys.argv[2]), ("/alertmanager", sys.argv[3])):
    active = {a["labels"]["alertname"]: parse(a["activeAt"]) for a in json.load(open(file))["data"]["alerts"]}
    lat = [first[(path, n)] - (active[n] + 5) for n in active if (path, n) in first]
    if lat:
        each = ",".join(f"{1000 * x:.0f}" for x in lat)
        print(f"median_ms={1000 * statistics.median(lat):.0f} max_ms={1000 * max(lat):.0f} alerts={len(lat)}/{sys.argv[4]} each_ms={each}")
    else:
        print(f"median_ms=nan max_ms=nan alerts=0/{sys.argv[4]}")
EOF
obs_lat=$(sed -n 1p "$work/latency.txt")
prom_lat=$(sed -n 2p "$work/latency.txt")
echo "observe (group_wait 0s)                      notification latency $obs_lat"
echo "prometheus-2.42 → alertmanager-0.25 (0s)     notification latency $prom_lat"

fi
echo
echo "== summary =="
if [[ ,$PARTS, == *,eval,* ]]; then
echo "rule evaluation, 500 rules over $(( NODES * 8 )) GPUs, median per-round total:" \
  "prometheus $(field median_ms "$prom_eval") ms, observe $(field median_ms "$obs_eval") ms"
awk -v p="$(field median_ms "$prom_eval")" -v o="$(field median_ms "$obs_eval")" \
  'BEGIN { if (o > 0) printf "ratio prometheus/observe evaluation time: %.2fx (above 1: the platform is faster)\n", p / o }'
fi
if [[ ,$PARTS, == *,latency,* ]]; then
echo "notification latency after for (goal <= 1000 ms): observe median $(field median_ms "$obs_lat") ms max $(field max_ms "$obs_lat") ms;" \
  "prometheus+alertmanager median $(field median_ms "$prom_lat") ms max $(field max_ms "$prom_lat") ms"
fi
