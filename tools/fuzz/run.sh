#!/usr/bin/env bash
# Liaison's fuzz targets (fuzz/, cargo-fuzz and libFuzzer): build them all, then run each.
#
#   tools/fuzz/run.sh --check          build, then run each target for a few seconds (CI)
#   tools/fuzz/run.sh 180              run each target for 180 seconds
#   tools/fuzz/run.sh 180 search api   only these targets
#
# Prints, per target, the executions and the crashes found; exits non-zero if any target
# crashed (a panic, a timeout of 10 s on one input, or memory past 2 GiB). Each target
# starts from its hand-written seeds (fuzz/seeds/TARGET) and what earlier runs kept
# (fuzz/corpus/TARGET), with the words of fuzz/dicts/TARGET.dict; a crashing input is saved in fuzz/artifacts/TARGET/ (both ignored
# by git). Reproduce one with: fuzz/target/x86_64-unknown-linux-gnu/release/TARGET FILE
#
# Installs cargo-fuzz on first use (LIAISON_TOOLS_ROOT, default ~/.cache/liaison/tools).
# cargo-fuzz passes nightly-only flags to rustc; RUSTC_BOOTSTRAP=1 lets the stable
# toolchain take them. No sanitizer: the code is safe Rust, and libFuzzer's coverage and
# Rust's own panics on bad indexing and, with -a, on arithmetic overflow are what find bugs.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=0.13.2
root=${LIAISON_TOOLS_ROOT:-$HOME/.cache/liaison/tools}
check_seconds=4

case "${1:-}" in
  --check) seconds=$check_seconds; shift ;;
  '' | *[!0-9]*) echo "usage: $0 --check | SECONDS [TARGET...]" >&2; exit 2 ;;
  *) seconds=$1; shift ;;
esac

if ! "$root/bin/cargo-fuzz" --version 2>/dev/null | grep -qF "$version"; then
  cargo install cargo-fuzz --version "$version" --locked --root "$root"
fi
export RUSTC_BOOTSTRAP=1

start=$(date +%s)
"$root/bin/cargo-fuzz" build -s none -a
built=$(date +%s)
echo "built in $((built - start)) s"

# cargo fuzz builds into CARGO_TARGET_DIR when it is set.
bin=$(realpath -m "${CARGO_TARGET_DIR:-fuzz/target}")/x86_64-unknown-linux-gnu/release
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <("$root/bin/cargo-fuzz" list)
fi

# The targets that query SQLite keep their database here, in memory when the machine can.
base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
work=$(mktemp -d "$base/liaison-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
export LIAISON_FUZZ_DB_DIR=$work

failed=0
summary=()
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t" "$work/$t"
  extra=()
  [ -d "fuzz/seeds/$t" ] && extra+=("$PWD/fuzz/seeds/$t")
  [ -f "fuzz/dicts/$t.dict" ] && extra+=("-dict=$PWD/fuzz/dicts/$t.dict")
  before=$(find "fuzz/artifacts/$t" -type f | wc -l)
  # One job in one worker: libFuzzer writes the job's output to fuzz-0.log in its folder.
  status=0
  (cd "$work/$t" && "$bin/$t" "$OLDPWD/fuzz/corpus/$t" "${extra[@]}" \
    -max_total_time="$seconds" -jobs=1 -workers=1 -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$OLDPWD/fuzz/artifacts/$t/" \
    >/dev/null 2>&1) || status=$?
  log="$work/$t/fuzz-0.log"
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" 2>/dev/null | tail -n 1 | grep -o '[0-9]*$' || true)
  crashes=$(($(find "fuzz/artifacts/$t" -type f | wc -l) - before))
  line=$(printf '%-12s %10s executions in %4s s, %s crashes' "$t" "${execs:-?}" "$seconds" "$crashes")
  summary+=("$line")
  echo "$line"
  if [ "$crashes" -gt 0 ] || [ "$status" -ne 0 ] || [ -z "$execs" ]; then
    failed=1
    echo "--- $t (exit $status): the end of libFuzzer's log" >&2
    tail -n 40 "$log" >&2 || true
  fi
done

echo
echo "fuzzing: ${#targets[@]} targets, $seconds s each, $(($(date +%s) - start)) s in all (build $((built - start)) s)"
printf '%s\n' "${summary[@]}"
exit "$failed"
