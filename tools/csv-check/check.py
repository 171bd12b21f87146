"""Liaison's CSV, as written by `interchange::csv::record`, read by a third-party reader.

Python's standard `csv` module (nothing to install) reads FILE, and the rows it finds must
be exactly EXPECTED, a JSON list of rows, each a list of strings (the values as they stand
in the file: with the `'` the formula guard puts before `=`, `+`, `-`, `@`, tab and CR).

    python3 tools/csv-check/check.py FILE EXPECTED

The committed pair is crates/domain/tests/fixtures/csv/written-by-liaison.csv and .json;
a test in crates/domain/tests/csv.rs keeps it equal to what `record` writes now.
"""

import csv
import json
import sys

path, expected_path = sys.argv[1], sys.argv[2]
# newline="" lets the csv module see line breaks inside quoted fields as they are.
with open(path, encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f, strict=True))
with open(expected_path, encoding="utf-8") as f:
    expected = json.load(f)

failed = False
if len(rows) != len(expected):
    print(f"FAILED: {len(rows)} rows read, {len(expected)} expected")
    failed = True
for i, (got, want) in enumerate(zip(rows, expected), start=1):
    if got != want:
        print(f"FAILED: record {i}: read {got!r}, expected {want!r}")
        failed = True
if failed:
    sys.exit(1)
print(f"ok: {len(rows)} records of {path} read by Python's csv as expected")
