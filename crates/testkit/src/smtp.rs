//! An SMTP server for the tests: RFC 5321 over TCP on a random port of the loopback, so
//! Liaison's mail goes out through its real client (lettre, its connection pool, its
//! dot-stuffing and its reading of the server's answers) and arrives as the bytes a mail
//! server would store. A test can have recipients refused, for good (`5xx`) or for now
//! (`4xx`), to see what Liaison makes of it.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// How long a test waits for a message before it fails.
const PATIENCE: Duration = Duration::from_secs(30);

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    /// The envelope's sender (`MAIL FROM`).
    pub from: String,
    /// The envelope's recipients (`RCPT TO`).
    pub to: Vec<String>,
    /// The message, headers and body, with the transfer's dot-stuffing undone.
    pub data: String,
}

impl Received {
    fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(self.data.as_bytes())
            .expect("a message mail programs can read")
    }

    /// The subject, its encoded words decoded.
    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_string()
    }

    /// The plain-text part, decoded.
    pub fn text(&self) -> String {
        self.parsed()
            .body_text(0)
            .map(|t| t.into_owned())
            .unwrap_or_default()
    }

    /// The HTML part, decoded.
    pub fn html(&self) -> String {
        self.parsed()
            .body_html(0)
            .map(|t| t.into_owned())
            .unwrap_or_default()
    }

    /// The value of header `name` (unfolded), if the message has it.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if line.starts_with([' ', '\t']) {
                if let Some(v) = value.as_mut() {
                    v.push_str(line.trim_start());
                }
                continue;
            }
            if value.is_some() {
                break;
            }
            if let Some((n, v)) = line.split_once(':') {
                if n.eq_ignore_ascii_case(name) {
                    value = Some(v.trim().to_string());
                }
            }
        }
        value
    }
}

/// The server: where it listens, and what it received.
pub struct MailServer {
    addr: SocketAddr,
    inbox: tokio::sync::Mutex<mpsc::UnboundedReceiver<Received>>,
    refusals: Arc<Mutex<HashMap<String, String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for MailServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl MailServer {
    /// Starts listening.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("address");
        let (tx, rx) = mpsc::unbounded_channel();
        let refusals: Arc<Mutex<HashMap<String, String>>> = Arc::default();
        let shared = refusals.clone();
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(converse(socket, tx.clone(), shared.clone()));
            }
        });
        Self {
            addr,
            inbox: tokio::sync::Mutex::new(rx),
            refusals,
            task,
        }
    }

    /// The URL Liaison sends through (`--smtp-url`).
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// Settings that send Liaison's mail here, as `Riverside Office <office@liaison.test>`,
    /// with links to `https://liaison.test`.
    pub fn settings(&self) -> liaison_app::Settings {
        let from = "Riverside Office <office@liaison.test>";
        liaison_app::Settings {
            smtp: Some(liaison_mail::Smtp::new(&self.url(), from).expect("smtp")),
            mail_from: from.into(),
            public_url: "https://liaison.test".into(),
            ..liaison_app::Settings::default()
        }
    }

    /// Answers `RCPT TO` for `recipient` with `answer` (`550 5.1.1 No such user`) from now
    /// on; `None` accepts it again.
    pub fn refuse(&self, recipient: &str, answer: Option<&str>) {
        let mut r = self.refusals.lock().expect("refusals");
        match answer {
            Some(a) => r.insert(recipient.to_lowercase(), a.to_string()),
            None => r.remove(&recipient.to_lowercase()),
        };
    }

    /// The next message received; fails the test when none comes in time.
    pub async fn next(&self) -> Received {
        let mut inbox = self.inbox.lock().await;
        tokio::time::timeout(PATIENCE, inbox.recv())
            .await
            .expect("a message in time")
            .expect("the server runs")
    }

    /// Messages received and not yet taken by [`MailServer::next`].
    pub async fn waiting(&self) -> Vec<Received> {
        let mut inbox = self.inbox.lock().await;
        let mut out = Vec::new();
        while let Ok(m) = inbox.try_recv() {
            out.push(m);
        }
        out
    }
}

/// One client's conversation, as RFC 5321 section 4.1 has it.
async fn converse(
    socket: tokio::net::TcpStream,
    inbox: mpsc::UnboundedSender<Received>,
    refusals: Arc<Mutex<HashMap<String, String>>>,
) {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read);
    let say = async |write: &mut tokio::net::tcp::OwnedWriteHalf, text: &str| {
        write.write_all(text.as_bytes()).await.is_ok()
    };
    if !say(&mut write, "220 testkit.invalid ESMTP ready\r\n").await {
        return;
    }
    let (mut from, mut to) = (None::<String>, Vec::<String>::new());
    let mut line = String::new();
    loop {
        line.clear();
        match lines.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let command = line.trim_end().to_string();
        let verb = command
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let address = |prefix: &str| {
            command.get(prefix.len()..).map(|rest| {
                rest.trim()
                    .trim_start_matches('<')
                    .split('>')
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
        };
        let answer = match verb.as_str() {
            "EHLO" => "250-testkit.invalid\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 PIPELINING\r\n"
                .to_string(),
            "HELO" => "250 testkit.invalid\r\n".into(),
            "MAIL" => {
                from = address("MAIL FROM:");
                to.clear();
                "250 2.1.0 OK\r\n".into()
            }
            "RCPT" => {
                let who = address("RCPT TO:").unwrap_or_default();
                let refused = refusals
                    .lock()
                    .expect("refusals")
                    .get(&who.to_lowercase())
                    .cloned();
                match refused {
                    Some(a) => format!("{a}\r\n"),
                    None => {
                        to.push(who);
                        "250 2.1.5 OK\r\n".into()
                    }
                }
            }
            "DATA" if from.is_none() || to.is_empty() => "503 5.5.1 No valid recipients\r\n".into(),
            "DATA" => {
                if !say(&mut write, "354 End data with <CR><LF>.<CR><LF>\r\n").await {
                    return;
                }
                let mut data = String::new();
                loop {
                    line.clear();
                    match lines.read_line(&mut line).await {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    // A line the client began with a dot had one added (section 4.5.2).
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                let message = Received {
                    from: from.take().unwrap_or_default(),
                    to: std::mem::take(&mut to),
                    data,
                };
                let _ = inbox.send(message);
                "250 2.0.0 OK queued\r\n".into()
            }
            "RSET" => {
                from = None;
                to.clear();
                "250 2.0.0 OK\r\n".into()
            }
            "NOOP" => "250 2.0.0 OK\r\n".into(),
            "QUIT" => {
                let _ = say(&mut write, "221 2.0.0 Bye\r\n").await;
                return;
            }
            _ => "500 5.5.2 Command not recognized\r\n".into(),
        };
        if !say(&mut write, &answer).await {
            return;
        }
    }
}
