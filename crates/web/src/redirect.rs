//! Where a request may send the browser next. Every redirect whose target comes from the
//! request (the language switch's `back`, sign-in's `next`) goes through [`local_target`],
//! so there is one rule to get right.

/// Longest target kept; a longer one goes to the default (no page of ours needs more).
const MAX_LEN: usize = 2048;

/// The path on this site that `target` names, ready for a `Location` header; `default`
/// for anything else.
///
/// Only a path is accepted: `/` then anything but a second `/` or `\`. Browsers read `\` as
/// `/`, drop tabs and line breaks from anywhere in a URL and spaces and control characters
/// from its ends, so `/\host`, `/\t/host` and ` //host` all lead to another site; a target
/// holding a backslash, whitespace or a control character is refused outright. The same
/// checks are made again on the target percent-decoded once (`/%2F/host`, `/%09/host`), since
/// a link may be encoded once more than the code that reads it expects. Full URLs, even to
/// this site, and schemes such as `javascript:` or `data:` are not paths. Characters beyond
/// ASCII are percent-encoded, so the answer is always a valid header value.
pub fn local_target(target: &str, default: &'static str) -> String {
    if target.len() <= MAX_LEN && is_path(target.as_bytes()) && is_path(&decoded(target)) {
        encoded(target)
    } else {
        default.to_string()
    }
}

fn is_path(bytes: &[u8]) -> bool {
    bytes.first() == Some(&b'/')
        && !matches!(bytes.get(1), Some(b'/' | b'\\'))
        && !bytes.contains(&b'\\')
        && !bytes.iter().any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
        // Whitespace and controls beyond ASCII (a no-break space, U+2028), where the bytes
        // are text.
        && std::str::from_utf8(bytes)
            .map_or(true, |s| !s.chars().any(|c| c.is_whitespace() || c.is_control()))
}

/// `%XX` sequences decoded once; a stray `%` stays as it is.
fn decoded(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |j: usize| b.get(j).and_then(|c| (*c as char).to_digit(16));
        match (b[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Bytes beyond ASCII as `%XX`; the rest (checked visible ASCII) as it is.
fn encoded(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::local_target;

    // The whole list of known off-site forms is tried over HTTP in tests/redirects.rs.
    #[test]
    fn paths_are_kept_and_made_header_safe() {
        for good in [
            "/",
            "/staff/concerns?view=mine&page=2",
            "/track#status",
            "/%41",
        ] {
            assert_eq!(local_target(good, "/"), good);
        }
        assert_eq!(local_target("/café", "/"), "/caf%C3%A9");
        for bad in ["//x", "/%2F/x", "/\\x", "/\t/x", "x", ""] {
            assert_eq!(local_target(bad, "/staff"), "/staff", "{bad:?}");
        }
        assert_eq!(local_target(&format!("/{}", "a".repeat(3000)), "/"), "/");
    }
}
