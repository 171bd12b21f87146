//! The small values typed into forms and sent by clients (`liaison_domain::values`): texts,
//! email addresses, phone numbers, map points, languages, page numbers, references such as
//! `C-2026-00042`, tracking codes as residents type them, passwords; and the names and
//! declared types of uploaded files (`attachments::safe_file_name`,
//! `FileKind::from_content_type`).
//!
//! Checks: never panics; every value that was accepted is accepted again unchanged (a
//! normal form); references and tracking codes survive being shown and typed back; file
//! names are safe (no path, no leading dot, at most 100 characters, the real extension).
#![no_main]

use arbitrary::Arbitrary;
use liaison_domain::attachments::{safe_file_name, FileKind};
use liaison_domain::values::{
    concern_reference, count, display_tracking_code, language, new_password,
    normalize_tracking_code, optional_text, parse_reference, phone, text, tracking_code_number,
    tracking_code_with_number, EmailAddress, GeoPoint,
};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Typed {
    a: String,
    b: String,
    max: u16,
    kind: u8,
}

fuzz_target!(|t: Typed| {
    let max = usize::from(t.max);
    if let Ok(v) = text(&t.a, 1, max) {
        assert!((1..=max).contains(&v.chars().count()));
        assert_eq!(text(&v, 1, max), Ok(v));
    }
    if let Ok(Some(v)) = optional_text(&t.a, max) {
        assert_eq!(optional_text(&v, max), Ok(Some(v)));
    }
    if let Ok(e) = EmailAddress::parse(&t.a) {
        assert_eq!(EmailAddress::parse(e.as_str()), Ok(e.clone()));
        assert!(e.as_str().len() <= 254);
    }
    if let Ok(Some(p)) = phone(&t.a) {
        assert_eq!(phone(&p), Ok(Some(p.clone())));
    }
    if let Ok(Some(p)) = GeoPoint::parse(&t.a, &t.b) {
        assert!(p.lat.abs() <= 90.0 && p.lng.abs() <= 180.0);
        let again = GeoPoint::parse(&p.lat.to_string(), &p.lng.to_string());
        assert_eq!(again, Ok(Some(p)));
    }
    if let Ok(Some(n)) = count(&t.a, i64::from(t.max)) {
        assert!((1..=i64::from(t.max)).contains(&n));
        assert_eq!(count(&n.to_string(), i64::from(t.max)), Ok(Some(n)));
    }
    if let Ok(l) = language(&t.a) {
        assert_eq!(language(&l), Ok(l.clone()));
    }
    let _ = new_password(&t.a);
    if let Some(r) = parse_reference(&t.a) {
        assert_eq!(parse_reference(&r).as_deref(), Some(r.as_str()));
        assert_eq!(
            parse_reference(&r.to_lowercase()).as_deref(),
            Some(r.as_str())
        );
    }
    if let Some(code) = normalize_tracking_code(&t.a) {
        // The secret, after the concern's number (the locator) when the code carries one.
        assert!((16..=23).contains(&code.len()), "{code}");
        if let Some(n) = tracking_code_number(&code) {
            assert_eq!(tracking_code_with_number(n, &code[code.len() - 16..]), code);
        }
        let shown = display_tracking_code(&code);
        assert_eq!(normalize_tracking_code(&shown), Some(code.clone()));
        assert_eq!(normalize_tracking_code(&shown.to_lowercase()), Some(code));
    }
    let _ = concern_reference(i32::from(t.max), i64::from(t.kind));

    let kind = FileKind::ALL[usize::from(t.kind) % FileKind::ALL.len()];
    let name = safe_file_name(&t.a, kind);
    assert!(name.chars().count() <= 100, "{name:?}");
    assert!(
        !name.starts_with('.') && !name.contains(['/', '\\']),
        "{name:?}"
    );
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let expected = match kind {
        FileKind::Jpeg => ext.as_deref() == Some("jpg") || ext.as_deref() == Some("jpeg"),
        k => ext.as_deref() == Some(k.extension()),
    };
    assert!(expected, "{name:?} does not end as a {kind:?}");
    assert!(
        name.chars()
            .all(|c| c.is_alphanumeric() || " -_.()".contains(c)),
        "{name:?}"
    );
    assert_eq!(safe_file_name(&name, kind), name, "not stable");
    if let Some(k) = FileKind::from_content_type(&t.b) {
        assert_eq!(FileKind::from_content_type(k.content_type()), Some(k));
    }
});
