//! A TCP proxy between Liaison and PostgreSQL that can stop the database as its clients see
//! it, without touching the shared server: `Refuse` closes the listening socket and every
//! connection (a stopped server: connections are refused), `Freeze` holds every byte both
//! ways (a server paused outright, or a network that drops packets), `Forward` brings it
//! back on the same port.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// What the proxy does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Forward,
    Refuse,
    Freeze,
}

/// A running proxy.
pub struct Proxy {
    mode: watch::Sender<Mode>,
}

impl Proxy {
    /// A proxy on a free loopback port to the server of `url` (a PostgreSQL URL), and the
    /// URL that goes through it.
    pub async fn before(url: &str) -> (Self, String) {
        let (scheme, rest) = url.split_once("://").expect("a URL");
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (user, host) = match rest[..end].rsplit_once('@') {
            Some((user, host)) => (format!("{user}@"), host),
            None => (String::new(), &rest[..end]),
        };
        let upstream = if host.contains(':') {
            host.to_string()
        } else {
            format!("{host}:5432")
        };
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address").to_string();
        let (mode, watch) = watch::channel(Mode::Forward);
        tokio::spawn(listen(Some(listener), address.clone(), upstream, watch));
        let routed = format!("{scheme}://{user}{address}{}", &rest[end..]);
        (Self { mode }, routed)
    }

    /// Switches what it does.
    pub fn set(&self, mode: Mode) {
        self.mode.send_replace(mode);
    }
}

async fn listen(
    mut listener: Option<TcpListener>,
    address: String,
    upstream: String,
    mut mode: watch::Receiver<Mode>,
) {
    loop {
        let now = *mode.borrow_and_update();
        if now == Mode::Refuse {
            // Closed: connecting is refused.
            listener = None;
        } else if listener.is_none() {
            listener = Some(TcpListener::bind(&address).await.expect("bind again"));
        }
        let Some(l) = &listener else {
            if mode.changed().await.is_err() {
                return;
            }
            continue;
        };
        tokio::select! {
            accepted = l.accept() => {
                if let Ok((client, _)) = accepted {
                    tokio::spawn(pipe(client, upstream.clone(), mode.clone()));
                }
            }
            changed = mode.changed() => {
                if changed.is_err() {
                    return;
                }
            }
        }
    }
}

/// Copies bytes both ways while forwarding, holds them while frozen, and drops both ends
/// when refusing.
async fn pipe(client: TcpStream, upstream: String, mut mode: watch::Receiver<Mode>) {
    let Ok(server) = TcpStream::connect(&upstream).await else {
        return;
    };
    let (mut client_in, mut client_out) = client.into_split();
    let (mut server_in, mut server_out) = server.into_split();
    let (mut up, mut down) = ([0u8; 8192], [0u8; 8192]);
    loop {
        let now = *mode.borrow_and_update();
        match now {
            Mode::Refuse => return,
            Mode::Freeze => {
                if mode.changed().await.is_err() {
                    return;
                }
                continue;
            }
            Mode::Forward => {}
        }
        tokio::select! {
            n = client_in.read(&mut up) => match n {
                Ok(n) if n > 0 => {
                    if server_out.write_all(&up[..n]).await.is_err() {
                        return;
                    }
                }
                _ => return,
            },
            n = server_in.read(&mut down) => match n {
                Ok(n) if n > 0 => {
                    if client_out.write_all(&down[..n]).await.is_err() {
                        return;
                    }
                }
                _ => return,
            },
            changed = mode.changed() => {
                if changed.is_err() {
                    return;
                }
            }
        }
    }
}
