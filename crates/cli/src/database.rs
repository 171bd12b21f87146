//! Saying why the database could not be opened: which PostgreSQL server (host and port) or
//! SQLite file, and the real reason, never a URL's password.
//!
//! sqlx's pool retries a refused connection until its acquire timeout and then reports only
//! "pool timed out"; when it does, one direct connection is tried to learn the reason. The
//! normal start pays nothing for this: it happens only after the pool has failed.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use liaison_store::sqlx::postgres::PgConnectOptions;
use liaison_store::sqlx::sqlite::SqliteConnectOptions;
use liaison_store::sqlx::{self, AnyConnection, Connection};
use liaison_store::{StoreError, ACQUIRE_TIMEOUT};

use crate::refusals::{os_reason, refused, tr};

/// The message for a database at `url` that [`liaison_store::Store`] could not open.
pub async fn explain(url: &str, e: StoreError) -> String {
    let given = || given_url(url);
    match e {
        StoreError::UnsupportedUrl => refused(&given(), &tr().t("cli-database-url")),
        StoreError::Database(sqlx::Error::Configuration(c)) => refused(
            &given(),
            &tr().t1("cli-database-url-unreadable", "reason", c.to_string()),
        ),
        StoreError::Database(e) if url.starts_with("sqlite:") => sqlite(url, e).await,
        StoreError::Database(e) => postgres(url, e).await,
        other => format!("cannot open the database: {other}"),
    }
}

/// `--database-url "…"` with its password hidden.
fn given_url(url: &str) -> String {
    crate::refusals::quoted("--database-url", without_password(url))
}

/// `url` with the password of its user part, and of a `password=` parameter, replaced by
/// `***`.
pub fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{user}:***@{host}"),
            None => authority.to_string(),
        },
        None => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let query: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if key.eq_ignore_ascii_case("password") => {
                        format!("{key}=***")
                    }
                    _ => pair.to_string(),
                })
                .collect();
            format!("{path}?{}", query.join("&"))
        }
        None => tail.to_string(),
    };
    format!("{scheme}://{authority}{tail}")
}

/// A SQLite file that could not be opened: its path, and the system's reason when opening
/// it as a file fails too, otherwise SQLite's.
async fn sqlite(url: &str, e: sqlx::Error) -> String {
    let file = SqliteConnectOptions::from_str(url)
        .map(|o| o.get_filename().to_path_buf())
        .unwrap_or_else(|_| PathBuf::from(url));
    let e = match e {
        // The pool retries a connection its setup refused (a file that is not a database)
        // until it gives up: one connection of its own, and a read, tell why.
        sqlx::Error::PoolTimedOut => sqlite_probe(url).await.unwrap_or(e),
        e => e,
    };
    let reason = file_reason(&file).unwrap_or_else(|| database_reason(&e));
    tr().t2(
        "cli-sqlite-unopenable",
        ("file", file.display().to_string()),
        ("reason", reason),
    )
}

/// The error of one connection to the SQLite database at `url` reading its schema, if any.
async fn sqlite_probe(url: &str) -> Option<sqlx::Error> {
    let read = async {
        let mut c = AnyConnection::connect(url).await?;
        let read = sqlx::query("SELECT count(*) FROM sqlite_master")
            .execute(&mut c)
            .await;
        let _ = c.close().await;
        read.map(|_| ())
    };
    tokio::time::timeout(ACQUIRE_TIMEOUT, read)
        .await
        .ok()?
        .err()
}

/// Why `file` cannot be opened for reading and writing, if it cannot. A file this creates
/// is removed again.
fn file_reason(file: &Path) -> Option<String> {
    let existed = file.exists();
    match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(file)
    {
        Err(e) => Some(os_reason(&e)),
        Ok(_) => {
            if !existed {
                let _ = std::fs::remove_file(file);
            }
            None
        }
    }
}

/// A PostgreSQL server that could not be reached or refused the connection.
async fn postgres(url: &str, e: sqlx::Error) -> String {
    let address = address(url);
    let silent = || {
        tr().t2(
            "cli-postgres-silent",
            ("address", address.clone()),
            ("seconds", ACQUIRE_TIMEOUT.as_secs().to_string()),
        )
    };
    let cause = match e {
        // The pool hides the reason: one direct connection tells it.
        sqlx::Error::PoolTimedOut => {
            match tokio::time::timeout(ACQUIRE_TIMEOUT, AnyConnection::connect(url)).await {
                Ok(Err(e)) => e,
                Ok(Ok(c)) => {
                    let _ = c.close().await;
                    return silent();
                }
                Err(_) => return silent(),
            }
        }
        e => e,
    };
    let (key, reason) = match &cause {
        sqlx::Error::Database(d) => ("cli-postgres-refused", d.message().to_string()),
        sqlx::Error::PoolTimedOut => return silent(),
        other => ("cli-postgres-unreachable", database_reason(other)),
    };
    tr().t2(key, ("address", address), ("reason", reason))
}

/// `host:port` (or the socket) of the server a PostgreSQL URL names.
fn address(url: &str) -> String {
    let Ok(o) = PgConnectOptions::from_str(url) else {
        return without_password(url);
    };
    if let Some(socket) = o.get_socket() {
        return socket
            .join(format!(".s.PGSQL.{}", o.get_port()))
            .display()
            .to_string();
    }
    let host = o.get_host();
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]:{}", o.get_port())
    } else {
        format!("{host}:{}", o.get_port())
    }
}

/// A database error's reason for people: the system's for I/O, the server's own message.
fn database_reason(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Io(io) => os_reason(io),
        sqlx::Error::Database(d) => d.message().to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hidden_and_addresses_named() {
        assert_eq!(
            without_password("postgres://ana:s3cret@db.example:6432/liaison?sslmode=require"),
            "postgres://ana:***@db.example:6432/liaison?sslmode=require"
        );
        assert_eq!(
            without_password("postgres://db/liaison?user=ana&password=s3cret"),
            "postgres://db/liaison?user=ana&password=***"
        );
        assert_eq!(
            without_password("postgres://ana@db/liaison"),
            "postgres://ana@db/liaison"
        );
        assert_eq!(
            without_password("sqlite://data/liaison.db"),
            "sqlite://data/liaison.db"
        );
        assert_eq!(
            address("postgres://ana:s3cret@db.example:6432/liaison"),
            "db.example:6432"
        );
        assert_eq!(
            address("postgres://ana@db.example/liaison"),
            "db.example:5432"
        );
    }
}
