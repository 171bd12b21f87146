//! vCard files as phones and address books export them
//! (`liaison_domain::interchange::vcard::read`), and the vCard 4.0 we write from a card
//! (`write`).
//!
//! Checks: never panics; entries come in file order with real line numbers; every card read,
//! written and read again is the same card, in one entry on line 1, its lines folded at 75
//! octets.
#![no_main]

use liaison_domain::interchange::vcard::{read, write, MAX_CARD_BYTES, MAX_PROPERTIES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lines = data.split(|&b| b == b'\n').count();
    let mut last = 0;
    for entry in read(data) {
        assert!(entry.line > last, "{}", entry.line);
        assert!(entry.line <= lines + data.iter().filter(|&&b| b == b'\r').count());
        last = entry.line;
        let Ok(card) = entry.card else { continue };
        assert!(!card.name.is_empty());
        let mut out = String::new();
        write(&card, "urn:uuid:0", &mut out);
        assert!(out.split("\r\n").all(|l| l.len() <= 75), "{out}");
        // Escaping can double a value: a card near the limits may not fit once written.
        let props = card.phones.len() + card.emails.len() + card.addresses.len();
        if out.len() > MAX_CARD_BYTES || props + 16 > MAX_PROPERTIES {
            continue;
        }
        let again = read(out.as_bytes());
        assert_eq!(again.len(), 1, "{out}");
        assert_eq!(again[0].line, 1);
        assert_eq!(again[0].card.as_ref(), Ok(&card), "{out}");
    }
});
