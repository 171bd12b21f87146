"""Reads a .vcf file with vobject and compares what it finds with an expected JSON.

    check.py FILE.vcf EXPECTED.json

The JSON is one object or a list of them, one per card in file order, with name, phones,
emails, org, title, notes, categories (org is the ORG property's components joined with
", ", as Liaison reads it). Exits 1 on any difference or parse error, naming each.
"""

import json
import sys

import vobject


def values(card, name):
    return [p.value for p in card.contents.get(name, [])]


def text(card, name):
    found = values(card, name)
    return found[0] if found else ""


def read(card):
    org = text(card, "org")
    if isinstance(org, list):
        org = ", ".join(part for part in org if part)
    categories = []
    for value in values(card, "categories"):
        categories.extend(value if isinstance(value, list) else [value])
    return {
        "name": text(card, "fn"),
        "phones": values(card, "tel"),
        "emails": values(card, "email"),
        "org": org,
        "title": text(card, "title"),
        "notes": text(card, "note"),
        "categories": categories,
    }


def main(vcf_path, expected_path):
    with open(vcf_path, encoding="utf-8", newline="") as f:
        data = f.read()
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    if isinstance(expected, dict):
        expected = [expected]
    try:
        # validate=True: vobject refuses what breaks its rules (a bad line, a missing
        # BEGIN/END), as a strict importer would.
        cards = [read(c) for c in vobject.readComponents(data, validate=True)]
    except Exception as e:  # vobject raises several kinds; any of them fails the check
        print(f"{vcf_path}: vobject cannot parse it: {e!r}")
        return 1
    failures = 0
    if len(cards) != len(expected):
        print(f"{vcf_path}: {len(cards)} cards read, {len(expected)} expected")
        failures += 1
    for i, (got, want) in enumerate(zip(cards, expected)):
        for key, value in want.items():
            if got.get(key) != value:
                print(f"card {i + 1}, {key}: vobject read {got.get(key)!r}, expected {value!r}")
                failures += 1
    if failures:
        return 1
    print(f"{vcf_path}: {len(cards)} card(s) read by vobject {getattr(vobject, 'VERSION', '?')} as expected")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
