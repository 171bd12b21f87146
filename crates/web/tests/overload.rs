//! Overload is shed, not queued: with room for one request and none waiting, a request that
//! holds the only turn (its body arrives slowly) makes every other one answer 503 with
//! `Retry-After` at once, in each interface's own form, while the health check and the
//! static files are still served. The held request is stopped at the request timeout.

use liaison_testkit as common;

use std::time::{Duration, Instant};

use common::{Browser, Db, Harness, Page};
use liaison_app::Settings;
use liaison_web::Serving;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const TIMEOUT: Duration = Duration::from_secs(3);

async fn start(db: Db) -> Option<Harness> {
    let serving = Serving {
        max_concurrent_requests: 1,
        max_waiting_requests: 0,
        request_timeout: TIMEOUT,
        ..Serving::default()
    };
    Harness::start_serving(db, Settings::default(), serving).await
}

fn header(page: &Page, name: &str) -> String {
    page.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Reads the held request's answer: everything until the connection closes or the body's
/// end, bounded in time.
async fn answer(stream: &mut tokio::net::TcpStream) -> String {
    let mut got = Vec::new();
    let read = async {
        let mut buf = [0u8; 4096];
        loop {
            let n = stream.read(&mut buf).await.unwrap_or(0);
            if n == 0 {
                break;
            }
            got.extend_from_slice(&buf[..n]);
            if got.ends_with(b"}") {
                break;
            }
        }
    };
    tokio::time::timeout(TIMEOUT * 3, read)
        .await
        .expect("the held request is answered after the request timeout");
    String::from_utf8_lossy(&got).into_owned()
}

/// Sends the head of a request whose body never comes, and when.
async fn hold(address: &str) -> (tokio::net::TcpStream, Instant) {
    let mut held = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    held.write_all(
        format!(
            "POST /api/v1/held HTTP/1.1\r\nHost: {address}\r\n\
             Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{"
        )
        .as_bytes(),
    )
    .await
    .expect("send the head");
    (held, Instant::now())
}

async fn overload_is_shed_at_once(h: Harness) {
    let b = Browser::new(&h.base);
    assert_eq!(b.get("/report").await.status, 200);

    // A request whose body never finishes holds the only turn.
    let address = h.base.trim_start_matches("http://");
    let (mut held, mut held_since) = hold(address).await;

    // Once it has the turn, the next request is refused at once.
    let deadline = Instant::now() + TIMEOUT;
    let refused = loop {
        let asked = Instant::now();
        let page = b
            .send("GET", "/report", None, &[("accept-language", "es")])
            .await;
        if page.status == 503 {
            break (page, asked.elapsed());
        }
        assert_eq!(page.status, 200, "{}", page.body);
        // The held request may have come while this one had the turn, and been refused
        // at once (nobody waits): send it again.
        if held.try_read(&mut [0u8; 1]).is_ok() {
            (held, held_since) = hold(address).await;
        }
        assert!(
            Instant::now() < deadline,
            "the held request never took the turn"
        );
    };
    let (page, took) = refused;
    assert!(took < Duration::from_millis(500), "refused after {took:?}");
    assert_eq!(header(&page, "retry-after"), "1");
    page.expect("Demasiadas solicitudes en este momento");

    // Each interface in its own form.
    let api = b.get("/api/v1/concerns").await;
    assert_eq!(api.status, 503);
    assert_eq!(header(&api, "content-type"), "application/problem+json");
    assert_eq!(header(&api, "retry-after"), "1");
    let v: serde_json::Value = serde_json::from_str(&api.body).expect("json");
    assert_eq!(v["code"], "overloaded");
    let open311 = b.get("/open311/v2/services.xml").await;
    assert_eq!(open311.status, 503);
    assert!(header(&open311, "content-type").starts_with("text/xml"));
    assert_eq!(header(&open311, "retry-after"), "1");
    open311.expect("<code>503</code>");
    // Pages carry the security headers like any other.
    assert_eq!(header(&page, "x-frame-options"), "DENY");

    // The health check and the static files never wait for a turn.
    assert_eq!(b.get("/healthz").await.status, 200);
    assert_eq!(b.get("/static/liaison.css").await.status, 200);

    // The held request is stopped at the request timeout, answered in its interface's form.
    let stopped = answer(&mut held).await;
    assert!(
        held_since.elapsed() >= TIMEOUT - Duration::from_millis(100),
        "stopped early"
    );
    assert!(stopped.starts_with("HTTP/1.1 503"), "{stopped}");
    assert!(stopped.contains("retry-after: 5"), "{stopped}");
    assert!(stopped.contains("\"code\":\"timeout\""), "{stopped}");

    // Its turn is free again.
    assert_eq!(b.get("/report").await.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overload_is_shed_at_once_sqlite() {
    let h = start(Db::Sqlite).await.expect("sqlite harness");
    overload_is_shed_at_once(h).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overload_is_shed_at_once_postgres() {
    if let Some(h) = start(Db::Postgres).await {
        overload_is_shed_at_once(h).await;
    }
}
