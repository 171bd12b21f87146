//! Sending over SMTP.
//!
//! The server is named by a URL, as lettre reads it: `smtp://host:25` (no encryption, for a
//! relay on the same machine), `smtp://host:587?tls=required` (STARTTLS, refused without
//! it), `smtps://host:465` (implicit TLS), with `user:password@` before the host where the
//! server wants credentials. Connections are pooled and reused between messages.
//!
//! Every message carries `Auto-Submitted: auto-generated` (RFC 3834) so that vacation
//! responders and other robots do not answer it, and the Message-ID its outbox row keeps,
//! so a message sent again after a crash is the same message to the reader's mail program.

use std::fmt;
use std::time::Duration;

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Connections to the server kept open and used at once.
pub const CONNECTIONS: u32 = 32;

/// How long one conversation with the server may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// A mail server to send through, with the office's sender address.
#[derive(Clone)]
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    server: String,
}

impl fmt::Debug for Smtp {
    // The URL may hold a password: only the server's name is shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Smtp")
            .field("server", &self.server)
            .finish()
    }
}

/// Why an SMTP setting cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SmtpError {
    /// The URL is not one lettre reads.
    #[error("the SMTP server's URL cannot be used: {0}")]
    Url(String),
    /// The sender's address is not an address.
    #[error("the sender's address {0:?} is not an email address: {1}")]
    From(String, String),
}

/// A message ready to go.
#[derive(Debug, Clone, Copy)]
pub struct Outgoing<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    pub html: &'a str,
    /// `<…@…>`, kept with the message so a second sending is recognisably the same.
    pub message_id: &'a str,
    /// Where answers go (the concern's own address), if not to the sender.
    pub reply_to: Option<&'a str>,
    /// The reader's language (`Content-Language`).
    pub language: &'a str,
}

/// Why a message was not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Refused for good (a `5xx` answer, an address that cannot be written): sending again
    /// would be refused again.
    Permanent(String),
    /// Refused for now (a `4xx` answer, the server unreachable, a time-out): worth trying
    /// again later.
    Transient(String),
}

impl Refusal {
    /// The server's answer, or what went wrong, as text.
    pub fn answer(&self) -> &str {
        match self {
            Refusal::Permanent(a) | Refusal::Transient(a) => a,
        }
    }
}

impl Smtp {
    /// A server named by `url`, sending as `from` (`Office <office@example.org>` or a bare
    /// address). Called inside the Tokio runtime: the connection pool starts its task here.
    pub fn new(url: &str, from: &str) -> Result<Self, SmtpError> {
        let from_box: Mailbox = from.parse().map_err(|e: lettre::address::AddressError| {
            SmtpError::From(from.into(), e.to_string())
        })?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| SmtpError::Url(e.to_string()))?
            .timeout(Some(TIMEOUT))
            // As many conversations at once as the job runner sends letters at once.
            .pool_config(PoolConfig::new().max_size(CONNECTIONS))
            .build();
        let server = url
            .split_once("://")
            .map(|(_, rest)| rest.rsplit('@').next().unwrap_or(rest))
            .unwrap_or(url)
            .split(['?', '/'])
            .next()
            .unwrap_or_default()
            .to_string();
        Ok(Self {
            transport,
            from: from_box,
            server,
        })
    }

    /// The server's host and port, for messages to administrators.
    pub fn server(&self) -> &str {
        &self.server
    }

    /// Sends one message; answers once the server has taken it.
    pub async fn send(&self, m: &Outgoing<'_>) -> Result<(), Refusal> {
        let to: Mailbox =
            m.to.parse()
                .map_err(|e: lettre::address::AddressError| Refusal::Permanent(e.to_string()))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject)
            .message_id(Some(m.message_id.to_string()))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Auto-Submitted"),
                "auto-generated".into(),
            ))
            // Outlook's own way of saying the same to its out-of-office replies.
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("X-Auto-Response-Suppress"),
                "All".into(),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Content-Language"),
                m.language.into(),
            ));
        if let Some(reply_to) = m.reply_to {
            let reply_to: Mailbox = reply_to
                .parse()
                .map_err(|e: lettre::address::AddressError| Refusal::Permanent(e.to_string()))?;
            builder = builder.reply_to(reply_to);
        }
        let message = builder
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(m.text.to_string()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(m.html.to_string()),
                    ),
            )
            .map_err(|e| Refusal::Permanent(e.to_string()))?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_permanent() => Err(Refusal::Permanent(e.to_string())),
            Err(e) => Err(Refusal::Transient(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn urls_name_the_server_and_never_show_the_password() {
        let smtp = Smtp::new(
            "smtps://office:s3cret@mail.example.org:465",
            "Office <office@example.org>",
        )
        .expect("a server");
        assert_eq!(smtp.server(), "mail.example.org:465");
        assert!(!format!("{smtp:?}").contains("s3cret"));
        let plain = Smtp::new("smtp://127.0.0.1:2525?tls=required", "office@example.org")
            .expect("a server");
        assert_eq!(plain.server(), "127.0.0.1:2525");
    }

    #[tokio::test]
    async fn bad_settings_are_named() {
        assert!(matches!(
            Smtp::new("imap://mail.example.org", "office@example.org"),
            Err(SmtpError::Url(_))
        ));
        assert!(matches!(
            Smtp::new("smtp://mail.example.org", "not an address"),
            Err(SmtpError::From(..))
        ));
    }
}
