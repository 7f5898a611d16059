#!/usr/bin/env bash
# Ingest benchmark, one run, same load: the platform (embedded store) against Prometheus 2.42's own remote-write
# receiver (--web.enable-remote-write-receiver), both on loopback. Prints samples/s, p50/p99 request latency and
# on-disk bytes per sample for each, and the platform/Prometheus ratios. Bytes are measured twice: right after the
# load while the server runs ("live"), and after a clean stop (SIGTERM) once the server has settled its files
# ("stopped": the platform checkpoints and truncates its WAL; Prometheus keeps its WAL until head compaction).
#
#   bench/ingest-vs-prometheus.sh                      # defaults below
#   SERIES=16000 DURATION=30s bench/ingest-vs-prometheus.sh
#   POSTGRES='Host=127.0.0.1;Username=...;Password=...;Database=postgres' bench/ingest-vs-prometheus.sh
#                                                      # also the platform with --postgres (a scratch database
#                                                      # observe_bench_<pid> is created and dropped); bytes are the
#                                                      # platform's relations in it plus the local spool under --data
#
# Needs the `prometheus` binary (Debian's package; tests/run.sh installs it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SERIES=${SERIES:-8000}
SAMPLES_PER_REQUEST=${SAMPLES_PER_REQUEST:-500}
CONCURRENCY=${CONCURRENCY:-8}
DURATION=${DURATION:-20s}

# shellcheck source=bench/lib.sh
source bench/lib.sh

run_bench() {
  "${observe[@]}" bench ingest --target "$1/api/v1/write" --series "$SERIES" --samples-per-request "$SAMPLES_PER_REQUEST" \
    --concurrency "$CONCURRENCY" --duration "$DURATION" | tail -n 1
}

echo "load: series=$SERIES samples_per_request=$SAMPLES_PER_REQUEST concurrency=$CONCURRENCY duration=$DURATION"

# Prometheus: no scrape jobs, only the receiver.
start_prometheus
wait_ready "http://127.0.0.1:$prom_port"
prom=$(run_bench "http://127.0.0.1:$prom_port")
sleep 1
prom_live=$(du -sb "$work/prometheus" | cut -f1)
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true
prom_bytes=$(du -sb "$work/prometheus" | cut -f1)

obs_port=$(free_port)
"${observe[@]}" serve --urls "http://127.0.0.1:$obs_port" --data "$work/observe" >"$work/observe.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$obs_port"
obs=$(run_bench "http://127.0.0.1:$obs_port")
sleep 1
obs_live=$(du -sb "$work/observe" | cut -f1)
kill "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true
obs_bytes=$(du -sb "$work/observe" | cut -f1)

per_sample() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.2f", (s > 0 ? b / s : 0) }'; }
pg_bytes=""
if [ -n "${POSTGRES:-}" ]; then
  command -v psql >/dev/null || { echo "psql not found" >&2; exit 1; }
  bench_db="observe_bench_$$"
  pg_conn="${POSTGRES/Database=postgres/Database=$bench_db}"
  [[ "$pg_conn" == *"Database=$bench_db"* ]] || pg_conn="$POSTGRES;Database=$bench_db"
  # psql takes libpq keywords: translate the Npgsql connection string's Host/Port/Username/Password.
  psql_args() { tr ';' '\n' <<<"$POSTGRES" | sed -n 's/^Host=\(.*\)/host=\1/p; s/^Port=\(.*\)/port=\1/p; s/^Username=\(.*\)/user=\1/p; s/^Password=\(.*\)/password=\1/p' | tr '\n' ' '; }
  sql() { psql "$(psql_args) dbname=${2:-postgres}" -qAtc "$1"; }
  # The platform's tables, indexes and TOAST only: an empty database's own catalog (about 7 MB) is not ours.
  observe_relations="SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'observe' AND c.relkind = 'r'"
  pg_port=$(free_port)
  "${observe[@]}" serve --urls "http://127.0.0.1:$pg_port" --data "$work/observe-pg" --postgres "$pg_conn" >"$work/observe-pg.log" 2>&1 &
  pids+=($!)
  wait_ready "http://127.0.0.1:$pg_port"
  pg=$(run_bench "http://127.0.0.1:$pg_port")
  sleep 1
  pg_live=$(( $(du -sb "$work/observe-pg" | cut -f1) + $(sql "$observe_relations" "$bench_db") ))
  kill "${pids[2]}"; wait "${pids[2]}" 2>/dev/null || true
  pg_bytes=$(( $(du -sb "$work/observe-pg" | cut -f1) + $(sql "$observe_relations" "$bench_db") ))
  sql "DROP DATABASE IF EXISTS $bench_db" >/dev/null
fi

report() {
  local name=$1 line=$2 live=$3 stopped=$4 acked
  acked=$(field samples_acked "$line")
  printf '%-22s samples/s=%-10s p50_ms=%-8s p99_ms=%-8s failed=%-4s bytes/sample live=%s stopped=%s\n' "$name" \
    "$(field samples_per_second "$line")" "$(field p50_ms "$line")" "$(field p99_ms "$line")" "$(field failed "$line")" \
    "$(per_sample "$live" "$acked")" "$(per_sample "$stopped" "$acked")"
}
report "prometheus-2.42" "$prom" "$prom_live" "$prom_bytes"
report "observe-embedded" "$obs" "$obs_live" "$obs_bytes"
[ -n "$pg_bytes" ] && report "observe-postgres" "$pg" "$pg_live" "$pg_bytes"
awk -v o="$(field samples_per_second "$obs")" -v p="$(field samples_per_second "$prom")" \
  'BEGIN { printf "ratio observe/prometheus samples/s: %.2fx\n", o / p }'
[ -n "$pg_bytes" ] && awk -v o="$(field samples_per_second "$pg")" -v p="$(field samples_per_second "$prom")" \
  'BEGIN { printf "ratio observe-postgres/prometheus samples/s: %.2fx\n", o / p }'
true
