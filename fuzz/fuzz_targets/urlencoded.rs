//! `application/x-www-form-urlencoded` bodies and query strings (`liaison_app::Input`),
//! which every form, the Open311 API and the JSON API's query strings go through.
//!
//! Checks: never panics; decodes exactly as the `form_urlencoded` crate (the WHATWG
//! algorithm) does; and encoding the fields again reads back the same fields.
#![no_main]

use liaison_app::Input;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = Input::from_urlencoded(data);
    let reference: Vec<(String, String)> = form_urlencoded::parse(data).into_owned().collect();
    assert_eq!(input.0, reference, "differs from the WHATWG decoding");
    let encoded = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&input.0)
        .finish();
    assert_eq!(
        Input::from_urlencoded(encoded.as_bytes()).0,
        input.0,
        "round trip"
    );
    // What handlers then ask of it.
    for (k, v) in &input.0 {
        assert!(input.all(k).contains(v));
        let _ = input.checked(k);
    }
});
