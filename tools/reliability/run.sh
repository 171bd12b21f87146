#!/usr/bin/env bash
# The full reliability battery of docs/reliability.md, with every figure it states:
# authorization matrix, audit tampering, kill -9 cycles, stored-once submissions, backup and
# moves between databases, database failure, overload and memory, fuzzing, dependencies.
# CI runs the same tests in their short form; this runs them in full.
#
#   tools/reliability/run.sh [fuzz seconds per target, default 180]
#
# Needs PostgreSQL at $LIAISON_TEST_DATABASE_URL (default: the local server, as CI uses it).
# Figures are printed as they come and collected in target/reliability.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
export LIAISON_TEST_DATABASE_URL="${LIAISON_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
fuzz_seconds="${1:-180}"
mkdir -p target
log=target/reliability.log
: >"$log"

if ! psql "$LIAISON_TEST_DATABASE_URL" -tAc 'SELECT 1' >/dev/null 2>&1; then
  echo "error: PostgreSQL cannot be reached at $LIAISON_TEST_DATABASE_URL" >&2
  exit 1
fi

FIGURES='cells checked|tamper cases|kill cycles|answers 503|SQLite full|test result|RSS|resident|execs|executions|crash|advisories|ok$'

# Runs one part; its whole output goes to target/reliability/<n>.log, its figure lines to
# the summary. Stops at the first part that fails.
n=0
step() {
  local title=$1
  shift
  n=$((n + 1))
  local out="target/reliability/$n.log"
  echo "== $title" | tee -a "$log"
  if ! "$@" >"$out" 2>&1; then
    tail -n 40 "$out" >&2
    echo "error: '$title' failed; its output is in $out" >&2
    exit 1
  fi
  grep -E "$FIGURES" "$out" | tee -a "$log" || true
}
mkdir -p target/reliability

step "authorization matrix" cargo test -p liaison-web --test authorization_matrix -- --nocapture
step "tamper-evident audit trail" cargo test -p liaison-web --test audit_trail -p liaison --test audit -- --nocapture
step "kill -9, 50 cycles per database" env LIAISON_CRASH_CYCLES=50 cargo test -p liaison --test crash -- --nocapture --test-threads 1
step "submissions stored once" cargo test -p liaison-web --test stored_once
step "backup, restore, export, import" cargo test -p liaison-app --test backup -p liaison --test backup
step "database failure" cargo test -p liaison-web --test database_failure -- --nocapture
step "overload" cargo test -p liaison-web --test overload -- --nocapture
step "memory under a 10x flood" bash -c "cargo build --release -p liaison && cargo bench -p liaison-web --bench overload"
step "fuzzing, ${fuzz_seconds} s per target" tools/fuzz/run.sh "$fuzz_seconds"
step "dependencies" tools/deny/run.sh
echo "Figures: $log"
