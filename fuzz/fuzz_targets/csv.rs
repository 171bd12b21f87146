//! CSV files of contacts (`liaison_domain::interchange::csv`): any bytes as an uploaded file
//! (`read`), its headers guessed (`guess`) and every row made a card (`card`), by the guess
//! and by a mapping taken from the bytes; and tables written with `record`.
//!
//! Checks: never panics; a table read has rows no narrower than its header, at most
//! `MAX_COLUMNS` wide, on increasing lines; a table read, written with `record` and read
//! again gives the same fields, and so does a table of any values (fields split on 0x1F,
//! records on 0x1E), each value as written plus the formula guard's `'` where it puts one,
//! each row on the line it was written on.
#![no_main]

use liaison_domain::interchange::csv::{card, guess, read, record, Column, MAX_COLUMNS};
use libfuzzer_sys::fuzz_target;

const COLUMNS: [Column; 18] = [
    Column::Ignore,
    Column::Name,
    Column::GivenName,
    Column::FamilyName,
    Column::AddressedAs,
    Column::Honorific,
    Column::Phone,
    Column::Email,
    Column::Address,
    Column::AddressPart(0),
    Column::AddressPart(1),
    Column::AddressPart(u8::MAX),
    Column::Organization,
    Column::Title,
    Column::Language,
    Column::Tags,
    Column::Notes,
    Column::Notes,
];

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = read(data) {
        assert!([b',', b';', b'\t'].contains(&t.delimiter));
        assert!(!t.headers.is_empty() && t.headers.len() <= MAX_COLUMNS);
        let mut last = 0;
        for r in &t.rows {
            assert!(r.fields.len() >= t.headers.len() && r.fields.len() <= MAX_COLUMNS);
            assert!(r.line > last, "lines go forward");
            last = r.line;
        }
        let guessed = guess(&t.headers);
        assert_eq!(guessed.len(), t.headers.len());
        let from_bytes: Vec<Column> = data
            .iter()
            .map(|b| COLUMNS[usize::from(*b) % COLUMNS.len()])
            .collect();
        for r in &t.rows {
            let _ = card(r, &guessed);
            let _ = card(r, &from_bytes);
        }
        let mut table = vec![t.headers.clone()];
        table.extend(t.rows.iter().map(|r| r.fields.clone()));
        round_trip(&table);
    }
    let text = String::from_utf8_lossy(data);
    let table: Vec<Vec<String>> = text
        .split('\u{1e}')
        .take(50)
        .map(|r| {
            r.split('\u{1f}')
                .take(MAX_COLUMNS)
                .map(str::to_owned)
                .collect()
        })
        .collect();
    round_trip(&table);
});

/// What a reader finds where `record` wrote `v`.
fn guarded(v: &str) -> String {
    if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_owned()
    }
}

/// Writes `table` (its first row the header) and reads it back.
fn round_trip(table: &[Vec<String>]) {
    // A NUL makes a file binary, not text: read refuses it, rightly.
    if table.iter().flatten().any(|v| v.contains('\0')) || table.is_empty() {
        return;
    }
    let mut out = String::new();
    let mut starts = Vec::new();
    for r in table {
        starts.push(out.len());
        record(r.iter().map(String::as_str), &mut out);
    }
    // Headers are trimmed when read, and a BOM that begins the file is not part of them.
    let mut headers: Vec<String> = table[0]
        .iter()
        .map(|h| guarded(h).trim().to_owned())
        .collect();
    if out.starts_with('\u{feff}') {
        headers[0] = headers[0]['\u{feff}'.len_utf8()..].trim().to_owned();
    }
    if headers.iter().all(String::is_empty) {
        return; // Not a header: read would take the next line for one.
    }
    let t = read(out.as_bytes()).unwrap_or_else(|e| panic!("{e:?} reading {out:?}"));
    assert_eq!(t.delimiter, b',', "{out:?}");
    assert_eq!(t.headers, headers, "{out:?}");
    let mut want = Vec::new();
    for (r, start) in table[1..].iter().zip(&starts[1..]) {
        let mut fields: Vec<String> = r.iter().map(|v| guarded(v)).collect();
        if fields.iter().all(String::is_empty) {
            continue; // Rows of empty fields are skipped.
        }
        if fields.len() < headers.len() {
            fields.resize(headers.len(), String::new());
        }
        want.push((line_of(&out, *start), fields));
    }
    let got: Vec<(usize, Vec<String>)> = t.rows.into_iter().map(|r| (r.line, r.fields)).collect();
    assert_eq!(got, want, "{out:?}");
}

/// The line `at` is on: CRLF, LF and CR each end one.
fn line_of(text: &str, at: usize) -> usize {
    let b = &text.as_bytes()[..at];
    1 + b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .count()
}
