#!/usr/bin/env bash
# Checks Liaison's APIs as outside clients see them, against a freshly started server (demo
# office, SQLite in a temporary folder):
# - schemathesis against the JSON API's OpenAPI description, once without a token and once
#   with an administrator's: fails on any server error or any answer that does not match;
# - Open311 through georeport, an unmodified third-party client library (open311_client.py);
# - a person's vCard as the server writes it, read by vobject (tools/vcard-check).
#
#   tools/api-check/run.sh [path to the liaison binary]    (default: target/debug/liaison)
#
# Installs schemathesis and georeport from PyPI into a virtual environment on first use
# (LIAISON_API_CHECK_VENV, default ~/.cache/liaison/api-check-venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "${1:-target/debug/liaison}")
venv=${LIAISON_API_CHECK_VENV:-$HOME/.cache/liaison/api-check-venv}
packages=("schemathesis==4.32.5" "georeport==0.3.1")

if ! "$venv/bin/pip" freeze 2>/dev/null | grep -qxF -e "${packages[0]}" \
  || ! "$venv/bin/pip" freeze | grep -qxF "${packages[1]}"; then
  if ! python3 -m venv --help >/dev/null 2>&1; then
    apt-get install -y -qq python3-venv >/dev/null
  fi
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "${packages[@]}"
fi

data=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$bin" --data-dir "$data" serve --demo --listen "127.0.0.1:$port" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
  python3 -c "import urllib.request; urllib.request.urlopen('$base/healthz')" 2>/dev/null && break
  sleep 0.2
done
token=$("$bin" --data-dir "$data" token --email admin@riverside.example --name schemathesis | tail -n 1)
key=$("$bin" --data-dir "$data" api-key create --name "georeport check" | tail -n 1)

checks=not_a_server_error,response_schema_conformance,content_type_conformance,status_code_conformance
run() {
  # From the temporary folder, so schemathesis keeps its cache there, not in the checkout.
  (cd "$data" && "$venv/bin/schemathesis" run "$base/api/v1/openapi.json" --url "$base" \
    --checks "$checks" --max-examples 30 --seed 1 --no-color "$@")
}
echo "-- anonymous"
run
echo "-- with an administrator's token"
run -H "Authorization: Bearer $token"
echo "-- Open311 through georeport"
"$venv/bin/python" tools/api-check/open311_client.py "$base" "$key"
echo "-- a person's vCard as the server writes it, through vobject"
person=$(python3 - "$base" "$token" <<'PY'
import json, sys, urllib.request
base, token = sys.argv[1], sys.argv[2]
def get(path):
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    return urllib.request.urlopen(req).read()
# A person with a phone and an email, as the demo office has many.
page = json.loads(get("/api/v1/people?limit=200"))
p = next(x for x in page["items"] if x.get("phones") and x.get("emails"))
print(p["id"])
PY
)
python3 - "$base" "$token" "$person" "$data" <<'PY'
import json, sys, urllib.request
base, token, pid, data = sys.argv[1:]
def get(path):
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    return urllib.request.urlopen(req).read()
p = json.loads(get(f"/api/v1/people/{pid}"))
open(f"{data}/person.vcf", "wb").write(get(f"/api/v1/people/{pid}/vcard"))
expected = {
    "name": p["name"], "phones": p["phones"], "emails": p["emails"],
    "notes": p.get("notes", ""), "categories": p.get("tags", []),
}
json.dump(expected, open(f"{data}/person.json", "w"))
PY
tools/vcard-check/run.sh "$data/person.vcf" "$data/person.json"
