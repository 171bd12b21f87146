//! Mail that comes in (`liaison_mail::inbound`): any bytes as a message handed over by a mail
//! server (`read`), a reply's new words (`new_words`) and reply addresses (`reply_token`).
//!
//! Checks: never panics; a message read names a sender with an `@`, says something (words,
//! a subject or a file) and was no larger than the limit; the new words of a text are
//! lines of it and never a quoted (`>`) line; a reply address made from a token and an
//! address gives that token back.
#![no_main]

use liaison_mail::inbound::{new_words, read, reply_address, reply_token, Arrived, MAX_BYTES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(Arrived::Mail(m)) = read(data) {
        assert!(data.len() <= MAX_BYTES);
        assert!(m.from.contains('@'), "{:?}", m.from);
        assert!(!(m.text.is_empty() && m.subject.is_empty() && m.attachments.is_empty()));
    }
    let text = String::from_utf8_lossy(data);
    let kept = new_words(&text);
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    for line in kept.lines() {
        assert!(!line.trim_start().starts_with('>'), "{line:?}");
        assert!(lines.contains(&line), "{line:?} is not a line of the text");
    }
    // A token of letters and digits, and an address: what is made is recognised.
    let (token, rest) = text.split_at(text.len().min(text.find('|').unwrap_or(text.len())));
    let token: String = token.chars().filter(char::is_ascii_alphanumeric).take(40).collect();
    let from = rest.trim_start_matches('|');
    if !token.is_empty() {
        if let Some(made) = reply_address(from, &token) {
            let made_token = reply_token(&made, from);
            if let Some(t) = made_token {
                assert_eq!(t, token.to_lowercase(), "{made:?} from {from:?}");
            }
        }
    }
});
