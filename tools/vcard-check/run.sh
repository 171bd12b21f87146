#!/usr/bin/env bash
# Checks a vCard file Liaison wrote with vobject, an unmodified third-party parser: fails if
# vobject cannot read it, or if the values it reads differ from the expected JSON.
#
#   tools/vcard-check/run.sh FILE.vcf EXPECTED.json
#
# EXPECTED.json holds one object, or a list of one object per card in file order, with the
# keys name, phones, emails, org, title, notes and categories (see
# crates/domain/tests/fixtures/vcard/written-by-liaison.json, kept equal to what `write`
# makes by a test in crates/domain/tests/vcard.rs).
#
# Installs vobject from PyPI into a virtual environment on first use
# (LIAISON_VCARD_CHECK_VENV, default ~/.cache/liaison/vcard-check-venv).
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 FILE.vcf EXPECTED.json" >&2
  exit 2
fi
vcf=$(realpath "$1")
expected=$(realpath "$2")
cd "$(dirname "$0")"
venv=${LIAISON_VCARD_CHECK_VENV:-$HOME/.cache/liaison/vcard-check-venv}
package="vobject==0.9.9"

if ! "$venv/bin/pip" freeze 2>/dev/null | grep -qxF "$package"; then
  if ! python3 -m venv --help >/dev/null 2>&1; then
    apt-get install -y -qq python3-venv >/dev/null
  fi
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "$package"
fi

"$venv/bin/python" check.py "$vcf" "$expected"
