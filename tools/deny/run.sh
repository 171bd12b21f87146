#!/usr/bin/env bash
# cargo deny with no advisory fetch: known vulnerabilities from the RustSec database copy in
# ../shared/advisory-db (plain files, turned here into the git repository cargo-deny reads),
# licenses, bans and sources as deny.toml says.
#
#   tools/deny/run.sh
#
# Installs cargo-deny on first use (LIAISON_TOOLS_ROOT, default ~/.cache/liaison/tools);
# LIAISON_ADVISORY_DB points at another copy of the database.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=0.20.2
root=${LIAISON_TOOLS_ROOT:-$HOME/.cache/liaison/tools}
shared=${LIAISON_ADVISORY_DB:-../shared/advisory-db}

if ! "$root/bin/cargo-deny" --version 2>/dev/null | grep -qF "$version"; then
  cargo install cargo-deny --version "$version" --locked --root "$root"
fi
if [ ! -d "$shared/crates" ]; then
  echo "error: no advisory database at $shared" >&2
  exit 1
fi

# cargo-deny reads the metadata of every platform's dependencies (Windows crates too), so
# their sources must be in cargo's cache even though this machine never builds them.
cargo fetch --locked --quiet

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# cargo-deny looks for the database of its default URL in this folder under db-path (the
# name is the URL's last segment and a hash of the URL, fixed for a given cargo-deny);
# --offline makes it read that folder instead of fetching.
db="$work/dbs/advisory-db-3157b0e258782691"
mkdir -p "$work/dbs"
cp -r "$shared" "$db"
git -C "$db" init -q
git -C "$db" add -A
git -C "$db" -c user.name=liaison -c user.email=ci@localhost commit -q -m "advisory database snapshot"
echo "advisory database: $(head -n 1 "$shared/SNAPSHOT.txt" 2>/dev/null || echo "copy in $shared")"
sed -e "s|^db-path = .*|db-path = \"$work/dbs\"|" \
  -e "s|^db-urls = .*|db-urls = [\"https://github.com/RustSec/advisory-db\"]|" deny.toml >"$work/deny.toml"
"$root/bin/cargo-deny" --color never --offline --config "$work/deny.toml" check
