//! Mail that comes in: a message as a mail server hands it over (RFC 5322, MIME), read into
//! what Liaison keeps — who wrote, to which addresses, the words, the files — or set aside.
//!
//! Robots are set aside, never answered: vacation responders and other automatic replies
//! (`Auto-Submitted` other than `no`, RFC 3834; `Precedence: bulk`, `junk`, `list` or
//! `auto_reply`; Microsoft's `X-Auto-Response-Suppress` and `X-Autoreply`), delivery
//! reports and bounces (`multipart/report`, an empty `Return-Path`, `MAILER-DAEMON`), and
//! mailing lists (`List-Id`). Answering them is how mail loops begin.
//!
//! A reply quotes what it answers; only the new words are kept: the text before the
//! quotation's "On … wrote:" line, a `-----Original Message-----` header or a run of `>`
//! lines.

use mail_parser::{HeaderValue, MessageParser, MimeHeaders};

/// The largest message accepted, attachments included.
pub const MAX_BYTES: usize = 25 * 1024 * 1024;

/// A message read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inbound {
    /// The sender's address (`From`).
    pub from: String,
    /// The sender's name, as their mail program gave it.
    pub from_name: Option<String>,
    /// Every address it was sent to (`To`, `Cc`, `Delivered-To`, `X-Original-To`).
    pub recipients: Vec<String>,
    pub subject: String,
    /// The new words: the text part (or the HTML part as text), quotation left out.
    pub text: String,
    /// `Content-Language`, as written.
    pub language: Option<String>,
    pub message_id: Option<String>,
    /// Files that came with it: name as sent, declared content type, bytes.
    pub attachments: Vec<(String, String, Vec<u8>)>,
}

/// What came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arrived {
    /// Mail from a person.
    Mail(Inbound),
    /// An automatic reply, a bounce or a list's mail: set aside, and why.
    Automatic(&'static str),
}

/// Why a message cannot be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    #[error("the message is larger than {} MiB", MAX_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("this is not an email message")]
    NotAMessage,
    #[error("the message names no sender")]
    NoSender,
    #[error("the message says nothing")]
    Empty,
}

impl Unreadable {
    /// The message key that explains it.
    pub fn key(self) -> &'static str {
        match self {
            Unreadable::TooLarge => "error-mail-too-large",
            Unreadable::NotAMessage => "error-mail-unreadable",
            Unreadable::NoSender => "error-mail-no-sender",
            Unreadable::Empty => "error-mail-empty",
        }
    }
}

/// Reads `raw`, a whole message.
pub fn read(raw: &[u8]) -> Result<Arrived, Unreadable> {
    if raw.len() > MAX_BYTES {
        return Err(Unreadable::TooLarge);
    }
    let message = MessageParser::default()
        .parse(raw)
        .filter(|m| {
            // Any text parses as a header or two: a message has at least one of these.
            [
                "From",
                "To",
                "Subject",
                "Date",
                "Message-ID",
                "MIME-Version",
                "Received",
            ]
            .iter()
            .any(|h| m.header_raw(*h).is_some())
        })
        .ok_or(Unreadable::NotAMessage)?;
    if let Some(why) = automatic(&message) {
        return Ok(Arrived::Automatic(why));
    }
    let from = message
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address().map(|x| (x.trim().to_string(), a.name())))
        .filter(|(x, _)| x.contains('@'))
        .ok_or(Unreadable::NoSender)?;
    let mut recipients: Vec<String> = message
        .to()
        .into_iter()
        .chain(message.cc())
        .flat_map(|a| a.iter())
        .filter_map(|a| a.address().map(|x| x.trim().to_lowercase()))
        .collect();
    for name in ["Delivered-To", "X-Original-To"] {
        for v in message.header_values(name) {
            if let Some(t) = v.as_text() {
                recipients.push(t.trim().trim_matches(['<', '>']).to_lowercase());
            }
        }
    }
    recipients.dedup();
    let body = message
        .body_text(0)
        .map(|t| t.into_owned())
        .unwrap_or_default();
    let text = new_words(&body);
    let attachments: Vec<(String, String, Vec<u8>)> = message
        .attachments()
        .filter(|p| !p.is_message())
        .map(|p| {
            let kind = p
                .content_type()
                .map(|c| match c.subtype() {
                    Some(s) => format!("{}/{s}", c.ctype()),
                    None => c.ctype().to_string(),
                })
                .unwrap_or_default();
            let name = p.attachment_name().unwrap_or("attachment").to_string();
            (name, kind, p.contents().to_vec())
        })
        .collect();
    let subject = message.subject().unwrap_or_default().trim().to_string();
    if text.is_empty() && subject.is_empty() && attachments.is_empty() {
        return Err(Unreadable::Empty);
    }
    let language = match message.content_language() {
        HeaderValue::Text(t) => Some(t.to_string()),
        HeaderValue::TextList(l) => l.first().map(|t| t.to_string()),
        _ => None,
    };
    Ok(Arrived::Mail(Inbound {
        from: from.0,
        from_name: from
            .1
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        recipients,
        subject,
        text,
        language,
        message_id: message.message_id().map(String::from),
        attachments,
    }))
}

/// Why `m` was written by a robot, if it was.
fn automatic(m: &mail_parser::Message<'_>) -> Option<&'static str> {
    let header = |name: &str| m.header_raw(name).map(|v| v.trim().to_ascii_lowercase());
    if header("Auto-Submitted").is_some_and(|v| !v.starts_with("no")) {
        return Some("an automatic reply (Auto-Submitted)");
    }
    if header("Precedence").is_some_and(|v| {
        ["bulk", "junk", "list", "auto_reply"]
            .iter()
            .any(|p| v.starts_with(p))
    }) {
        return Some("bulk or automatic mail (Precedence)");
    }
    if header("X-Autoreply").is_some() || header("X-Autorespond").is_some() {
        return Some("an automatic reply (X-Autoreply)");
    }
    if header("X-Auto-Response-Suppress").is_some_and(|v| v.contains("all") || v.contains("oof")) {
        return Some("an automatic reply (X-Auto-Response-Suppress)");
    }
    if m.root_part().is_content_type("multipart", "report") {
        return Some("a delivery or read report");
    }
    if header("Return-Path").is_some_and(|v| v == "<>") {
        return Some("a bounce (empty Return-Path)");
    }
    let from = m
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if from.starts_with("mailer-daemon@") || from.starts_with("postmaster@") {
        return Some("a bounce (from the mail system)");
    }
    if header("List-Id").is_some() {
        return Some("a mailing list's mail");
    }
    None
}

/// The words of a reply above what it quotes.
pub fn new_words(body: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let lines: Vec<&str> = body.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        // "On Mon, 7 Dec 2026 at 09:12, Office <…> wrote:" (Gmail, Apple Mail,
        // Thunderbird; also split over two lines), and their translations.
        let next = lines.get(i + 1).map(|l| l.trim()).unwrap_or_default();
        let joined = format!("{t} {next}");
        let wrote = |s: &str| {
            s.ends_with("wrote:")
                || s.ends_with("escribió:")
                || s.ends_with("a écrit :")
                || s.ends_with("a écrit:")
        };
        if (t.starts_with("On ") || t.starts_with("El ") || t.starts_with("Le "))
            && (wrote(t) || wrote(&joined))
        {
            break;
        }
        if t.starts_with("-----Original Message-----")
            || t.starts_with("-----Mensaje original-----")
            || t.starts_with("-----Message d'origine-----")
            || t == "________________________________"
        {
            break;
        }
        if t.starts_with('>') {
            continue;
        }
        kept.push(line.trim_end());
    }
    while kept.last().is_some_and(|l| l.trim().is_empty()) {
        kept.pop();
    }
    while kept.first().is_some_and(|l| l.trim().is_empty()) {
        kept.remove(0);
    }
    kept.join("\n")
}

/// The address replies about one record go to: the sender's address with `+token` in its
/// local part (`liaison+3f…@office.example`), which every mail server delivers to the
/// sender's mailbox.
pub fn reply_address(from: &str, token: &str) -> Option<String> {
    let address = bare(from);
    let (local, domain) = address.rsplit_once('@')?;
    Some(format!("{local}+{token}@{domain}"))
}

/// The token in `recipient` when it is a reply address of `from`'s.
pub fn reply_token(recipient: &str, from: &str) -> Option<String> {
    let address = bare(from).to_lowercase();
    let (local, domain) = address.rsplit_once('@')?;
    let recipient = recipient.trim().to_lowercase();
    let (r_local, r_domain) = recipient.rsplit_once('@')?;
    if r_domain != domain {
        return None;
    }
    let token = r_local.strip_prefix(local)?.strip_prefix('+')?;
    (!token.is_empty() && token.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| token.to_string())
}

/// `office@example.org` out of `Office <office@example.org>`.
fn bare(from: &str) -> &str {
    match (from.rfind('<'), from.rfind('>')) {
        (Some(a), Some(b)) if a < b => from[a + 1..b].trim(),
        _ => from.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_addresses_carry_their_token_and_are_recognised() {
        let from = "Riverside Office <office@liaison.example>";
        let at = reply_address(from, "a1b2c3").expect("an address");
        assert_eq!(at, "office+a1b2c3@liaison.example");
        assert_eq!(
            reply_token(&at.to_uppercase(), from).as_deref(),
            Some("a1b2c3")
        );
        assert_eq!(reply_token("office@liaison.example", from), None);
        assert_eq!(reply_token("office+a1b2c3@elsewhere.example", from), None);
        assert_eq!(reply_token("other+a1b2c3@liaison.example", from), None);
        assert_eq!(reply_token("office+a1;b2@liaison.example", from), None);
    }

    #[test]
    fn only_the_new_words_of_a_reply_are_kept() {
        let gmail = "It is pole 14, by the bakery.\r\n\r\nOn Mon, 7 Dec 2026 at 09:12, Riverside Office <office@liaison.example>\r\nwrote:\r\n> Which pole number is it?\r\n";
        assert_eq!(new_words(gmail), "It is pole 14, by the bakery.");
        let outlook = "Pole 14.\n\n-----Original Message-----\nFrom: Office\nWhich pole?";
        assert_eq!(new_words(outlook), "Pole 14.");
        let spanish =
            "Es el poste 14.\n\nEl lun, 7 dic 2026 a las 9:12, Oficina escribió:\n> ¿Qué poste?";
        assert_eq!(new_words(spanish), "Es el poste 14.");
        let inline = "> Which pole?\nPole 14.\n> When?\nMonday.";
        assert_eq!(new_words(inline), "Pole 14.\nMonday.");
    }

    #[test]
    fn robots_are_set_aside() {
        let vacation = b"From: Thandi <thandi@example.org>\r\nTo: office+a1@liaison.example\r\nAuto-Submitted: auto-replied\r\nSubject: Out of office\r\n\r\nI am away until Monday.\r\n";
        assert!(matches!(read(vacation), Ok(Arrived::Automatic(_))));
        let bounce = b"From: MAILER-DAEMON@mx.example.org\r\nTo: office@liaison.example\r\nSubject: Undelivered Mail Returned to Sender\r\n\r\nThis is the mail system.\r\n";
        assert!(matches!(read(bounce), Ok(Arrived::Automatic(_))));
        let person = b"From: Thandi <thandi@example.org>\r\nTo: office@liaison.example\r\nAuto-Submitted: no\r\nSubject: Dust\r\n\r\nDust again.\r\n";
        assert!(matches!(read(person), Ok(Arrived::Mail(_))));
    }

    #[test]
    fn what_cannot_be_taken_is_named() {
        assert_eq!(read(b"").err(), Some(Unreadable::NotAMessage));
        assert_eq!(
            read(b"not a message at all").err(),
            Some(Unreadable::NotAMessage)
        );
        assert_eq!(
            read(b"To: office@liaison.example\r\nSubject: Hi\r\n\r\nHello\r\n").err(),
            Some(Unreadable::NoSender)
        );
        assert_eq!(
            read(b"From: a@example.org\r\nTo: office@liaison.example\r\n\r\n\r\n").err(),
            Some(Unreadable::Empty)
        );
        let huge = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(read(&huge).err(), Some(Unreadable::TooLarge));
    }
}
