//! What the benchmarks share: settings, the generated office, the server on loopback,
//! latency summaries and a scratch copy of a SQLite database.

#![allow(dead_code)] // each bench uses its own subset

use liaison_app::{App, Settings};
use liaison_store::Store;

/// A number from the environment, or `default`.
pub fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A tiny deterministic generator, so runs pick the same pages.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// GETs `url` with the session `cookie`; answers how long the whole answer took, in ms.
/// Requests slower than 20 ms are named on stderr.
pub async fn timed_get(client: &reqwest::Client, url: &str, cookie: &str) -> f64 {
    let start = std::time::Instant::now();
    let r = client
        .get(url)
        .header("cookie", cookie)
        .send()
        .await
        .expect("request");
    let status = r.status();
    let body = r.bytes().await.expect("body");
    assert!(status.is_success(), "{url} answered {status}");
    assert!(!body.is_empty());
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    if ms > 20.0 {
        eprintln!("slow: {ms:.1} ms {url}");
    }
    ms
}

/// Signs a demo staff member in; answers the session cookie.
pub async fn sign_in(client: &reqwest::Client, base: &str, email: &str) -> String {
    let signed = client
        .post(format!("{base}/sign-in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "email={}&password=riverside-demo",
            email.replace('@', "%40")
        ))
        .send()
        .await
        .expect("sign in");
    signed
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|c| c.split(';').next())
        .expect("session cookie")
        .to_string()
}

/// Latency summary of a series of requests.
pub struct Figures {
    pub name: String,
    pub count: usize,
    pub p50: f64,
    pub p99: f64,
    pub max: f64,
}

/// The median, 99th percentile and maximum of a series, in milliseconds.
pub fn summarize(name: &str, mut ms: Vec<f64>) -> Figures {
    ms.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| {
        ms[((ms.len() as f64 * q).ceil() as usize)
            .saturating_sub(1)
            .min(ms.len() - 1)]
    };
    Figures {
        name: name.to_string(),
        count: ms.len(),
        p50: at(0.50),
        p99: at(0.99),
        max: at(1.0),
    }
}

/// Opens the benchmark database, filling it with the demo generator's office of `wanted`
/// concerns when it is empty.
pub async fn office(url: &str, wanted: u64) -> (Store, App) {
    office_with(url, wanted, liaison_demo::people_for(wanted)).await
}

/// [`office`] with `people` people in its stakeholder register.
pub async fn office_with(url: &str, wanted: u64, people: u64) -> (Store, App) {
    let size = liaison_demo::Size {
        concerns: wanted,
        people,
        organizations: None,
    };
    office_sized(url, size).await
}

/// [`office`] as big as `size` says.
pub async fn office_sized(url: &str, size: liaison_demo::Size) -> (Store, App) {
    let store = Store::connect(url).await.expect("connect");
    store.migrate().await.expect("migrate");
    if liaison_demo::is_empty(&store).await.expect("count") {
        println!(
            "generating {} concerns and {} people with the demo generator…",
            size.concerns, size.people
        );
        let now = liaison_store::now();
        let s = liaison_demo::load_sized(&store, size, 1, now)
            .await
            .expect("demo");
        println!(
            "generated {} concerns, {} people, {} organizations, {} interactions in {:.1} s",
            s.concerns, s.people, s.organizations, s.interactions, s.seconds,
        );
    }
    let app = App::new(store.clone(), Settings::default());
    (store, app)
}

/// Starts the real HTTP server on a loopback port and answers its base address. Its load
/// gate lets every client of a benchmark in at once: these figures are the server's own
/// rate, and the gate's refusals are measured by the overload benchmark.
pub async fn serve(app: App) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let serving = liaison_web::Serving {
        max_concurrent_requests: 1024,
        ..liaison_web::Serving::default()
    };
    let router = liaison_web::router(app, serving);
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    base
}

/// For a SQLite database, a copy of it beside the original (its URL and file). Nothing
/// writes while it is made, so the file with its write-ahead log is a consistent copy.
pub fn sqlite_copy(url: &str) -> Option<(String, String)> {
    let file = url
        .strip_prefix("sqlite://")?
        .split('?')
        .next()?
        .to_string();
    let copy = format!("{file}.submissions");
    remove_database(&copy);
    for suffix in ["", "-wal"] {
        if std::path::Path::new(&format!("{file}{suffix}")).exists() {
            std::fs::copy(format!("{file}{suffix}"), format!("{copy}{suffix}"))
                .expect("copy the database");
            // Flushed now, so writing the copy back does not compete with the timed commits.
            std::fs::File::open(format!("{copy}{suffix}"))
                .and_then(|f| f.sync_all())
                .expect("flush the copy");
        }
    }
    Some((format!("sqlite://{copy}"), copy))
}

/// Removes a SQLite database with its write-ahead log and shared-memory index.
pub fn remove_database(file: &str) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{file}{suffix}"));
    }
}

/// A lean HTTP/1.1 client on one kept-alive connection, for load: it writes a request and
/// reads one answer (headers and a `Content-Length` body), and nothing else, so that the
/// load it puts on the machine's cores is small beside the server's.
pub struct Connection {
    stream: tokio::io::BufStream<tokio::net::TcpStream>,
    host: String,
}

impl Connection {
    /// Connects to `base` (`http://host:port`).
    pub async fn open(base: &str) -> Self {
        Self::try_open(base).await.expect("connect")
    }

    /// Connects to `base` (`http://host:port`), or says why it could not.
    pub async fn try_open(base: &str) -> std::io::Result<Self> {
        let host = base.trim_start_matches("http://").to_string();
        let stream = tokio::net::TcpStream::connect(&host).await?;
        stream.set_nodelay(true)?;
        Ok(Self {
            stream: tokio::io::BufStream::new(stream),
            host,
        })
    }

    /// POSTs `body` to `path` and answers the status and the body.
    pub async fn post(&mut self, path: &str, content_type: &str, body: &[u8]) -> (u16, Vec<u8>) {
        self.send("POST", path, "", Some((content_type, body)))
            .await
            .expect("an answer")
    }

    /// Sends a request with further header lines (`headers`, each ending in CRLF) and a
    /// body of a content type, if any; answers the status and the body.
    pub async fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &str,
        body: Option<(&str, &[u8])>,
    ) -> std::io::Result<(u16, Vec<u8>)> {
        use std::io::{Error, ErrorKind};
        use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};
        let (content_type, body) = body.unwrap_or(("", b""));
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\n{headers}",
            self.host
        );
        if !content_type.is_empty() {
            head.push_str(&format!(
                "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        head.push_str("\r\n");
        self.stream.write_all(head.as_bytes()).await?;
        self.stream.write_all(body).await?;
        self.stream.flush().await?;
        let mut line = String::new();
        self.stream.read_line(&mut line).await?;
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| Error::new(ErrorKind::InvalidData, format!("status line {line:?}")))?;
        let mut length = 0;
        loop {
            line.clear();
            if self.stream.read_line(&mut line).await? == 0 {
                return Err(ErrorKind::UnexpectedEof.into());
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value
                        .trim()
                        .parse()
                        .map_err(|_| Error::new(ErrorKind::InvalidData, "a length"))?;
                }
            }
        }
        let mut answer = vec![0; length];
        self.stream.read_exact(&mut answer).await?;
        Ok((status, answer))
    }
}
