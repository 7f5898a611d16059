#!/usr/bin/env bash
# Runs every test project against real PostgreSQL, RabbitMQ and promtool on loopback.
#
#   ./tests/run.sh            install what is missing, start the servers, build Release, run all tests
#   ./tests/run.sh --filter X passes the filter to `dotnet test` (e.g. --filter FullyQualifiedName~Storage)
#   eval "$(./tests/run.sh --services-only)"
#                             install and start the servers only, and print the OBSERVE_TEST_* variables to export
#                             (for running single test projects with `dotnet test` while developing)
#
# Idempotent: servers already running are reused, installed packages are not reinstalled. Ends with the line
# "N passed, N failed, N skipped" and exits non-zero when anything failed or nothing ran. A server that cannot
# start is an error, never a reason to skip its tests.
set -Eeuo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
STATE="$ROOT/.test-servers"
mkdir -p "$STATE"

log() { printf '[run.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo -n)
else
  die "root or passwordless sudo is needed to install and start PostgreSQL and RabbitMQ"
fi
as_user() { local user=$1; shift; if [ "$(id -u)" -eq 0 ]; then runuser -u "$user" -- "$@"; else sudo -n -u "$user" -- "$@"; fi; }

# --- 1. Packages -------------------------------------------------------------------------------------------------
missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v amtool >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  # Keep apt from starting the packages' own services (on every interface): this script starts what it needs,
  # bound to loopback. policy-rc.d answering 101 is Debian's documented way to say "do not start".
  policy_added=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${SUDO[@]}" chmod +x /usr/sbin/policy-rc.d
    policy_added=1
  fi
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confold "${missing[@]}" >"$STATE/apt.log" 2>&1 \
    || { tail -n 30 "$STATE/apt.log" >&2; die "apt-get install ${missing[*]} failed (log: $STATE/apt.log)"; }
  [ "$policy_added" -eq 1 ] && "${SUDO[@]}" rm -f /usr/sbin/policy-rc.d
fi

# --- 2. PostgreSQL on 127.0.0.1 ----------------------------------------------------------------------------------
PG_VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$PG_VERSION main"; then
  log "creating PostgreSQL $PG_VERSION cluster 'main'"
  "${SUDO[@]}" pg_createcluster "$PG_VERSION" main >/dev/null
fi
PG_PORT=$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1==v && $2=="main" {print $3}')
if ! pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
  log "starting PostgreSQL $PG_VERSION on 127.0.0.1:$PG_PORT"
  "${SUDO[@]}" pg_ctlcluster "$PG_VERSION" main start -- -o "-c listen_addresses=127.0.0.1" \
    || die "PostgreSQL did not start; see /var/log/postgresql/postgresql-$PG_VERSION-main.log"
  for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break; sleep 0.5; done
  pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || die "PostgreSQL is not accepting connections on 127.0.0.1:$PG_PORT"
fi
# A throwaway role for tests on a loopback-only server; its password is not a secret.
as_user postgres psql -q -p "$PG_PORT" -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || die "cannot create the observe_test role"
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'observe_test') THEN
    CREATE ROLE observe_test LOGIN CREATEDB PASSWORD 'observe_test';
  ELSE
    ALTER ROLE observe_test LOGIN CREATEDB PASSWORD 'observe_test';
  END IF;
END
$$;
SQL
export OBSERVE_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=observe_test;Password=observe_test;Database=postgres"
log "PostgreSQL ready: Host=127.0.0.1;Port=$PG_PORT;Username=observe_test"

# --- 3. RabbitMQ on 127.0.0.1 ------------------------------------------------------------------------------------
rabbit_up() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }
if ! rabbit_up; then
  log "starting RabbitMQ on 127.0.0.1:5672"
  # Node, AMQP listener, Erlang distribution and epmd all on loopback.
  "${SUDO[@]}" tee /etc/rabbitmq/rabbitmq-env.conf >/dev/null <<'CONF'
# Written by DeepSeek.Observe tests/run.sh: a test broker reachable on loopback only.
NODENAME=rabbit@localhost
NODE_IP_ADDRESS=127.0.0.1
NODE_PORT=5672
export ERL_EPMD_ADDRESS=127.0.0.1
SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
CONF
  (cd /var/lib/rabbitmq && "${SUDO[@]}" setsid su rabbitmq -s /bin/sh -c /usr/lib/rabbitmq/bin/rabbitmq-server \
    >"$STATE/rabbitmq.log" 2>&1 </dev/null &)
  # The AMQP listener opens last in the boot sequence, so an accepting port means the broker is up. (Polling,
  # because `rabbitmqctl await_startup` fails at once if it runs before the node has registered with epmd.)
  for _ in $(seq 1 240); do rabbit_up && break; sleep 0.5; done
  rabbit_up || { tail -n 30 "$STATE/rabbitmq.log" >&2; die "RabbitMQ did not start within 120 s (log: $STATE/rabbitmq.log)"; }
fi
rabbit_up || die "RabbitMQ is not accepting connections on 127.0.0.1:5672"
export OBSERVE_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:5672/"
log "RabbitMQ ready: amqp://guest@127.0.0.1:5672/"

export OBSERVE_TEST_PROMTOOL OBSERVE_TEST_PROMETHEUS
OBSERVE_TEST_PROMTOOL=$(command -v promtool) || die "promtool not found"
OBSERVE_TEST_PROMETHEUS=$(command -v prometheus) || die "prometheus not found"

if [ "${1:-}" = "--services-only" ]; then
  printf 'export OBSERVE_TEST_POSTGRES=%q OBSERVE_TEST_RABBITMQ=%q OBSERVE_TEST_PROMTOOL=%q OBSERVE_TEST_PROMETHEUS=%q\n' \
    "$OBSERVE_TEST_POSTGRES" "$OBSERVE_TEST_RABBITMQ" "$OBSERVE_TEST_PROMTOOL" "$OBSERVE_TEST_PROMETHEUS"
  exit 0
fi

# --- 4. Build and test -------------------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MASSTRANSIT_USAGE_TELEMETRY=false
log "building Release"
dotnet build DeepSeek.Observe.sln -c Release -nologo -v q -clp:NoSummary 2>&1 | tail -n 50 \
  || die "build failed"
[ "${PIPESTATUS[0]}" -eq 0 ] || die "build failed"

log "running tests"
results="$STATE/test-output.txt"
set +e
dotnet test DeepSeek.Observe.sln -c Release --no-build -nologo \
  --blame-hang-timeout 5m --results-directory "$STATE/results" "$@" 2>&1 | tee "$results"
test_rc=${PIPESTATUS[0]}
set -e

# VSTest prints one summary per test assembly: "Passed!  - Failed: 0, Passed: 51, Skipped: 0, Total: 51, ...".
read -r passed failed skipped < <(
  sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped: *\([0-9]*\), Total.*/\2 \1 \3/p' "$results" \
    | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
if [ "$test_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A crashed or hung test host prints no summary for its assembly: count it as a failure, not as nothing.
  failed=1
  log "dotnet test exited $test_rc without a failing summary (crashed or hung test host?)"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] && [ "$test_rc" -eq 0 ]
