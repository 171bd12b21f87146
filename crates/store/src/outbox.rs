//! The outbox: every message Liaison sends, written in the transaction of the change that
//! causes it, sent by a `send_mail` job, and kept with how it went.

use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{conflict, Conn, Result, Sql};

/// A message to write into the outbox.
#[derive(Debug, Clone)]
pub struct NewMessage {
    /// Which letter (`acknowledged`, `update`, …).
    pub letter: String,
    /// The kind and id of the record it is about.
    pub record_kind: String,
    pub record_id: i64,
    pub recipient: String,
    pub language: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub reply_to: Option<String>,
    pub message_id: String,
}

/// A message as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: i64,
    pub letter: String,
    pub record_kind: String,
    pub record_id: i64,
    pub recipient: String,
    pub language: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub reply_to: Option<String>,
    pub message_id: String,
    /// `queued`, `sent` or `failed`.
    pub state: String,
    /// Attempts to send it so far.
    pub attempts: i64,
    /// The server's last answer when it refused, or what went wrong.
    pub last_answer: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

const COLUMNS: &str = "id, letter, record_kind, record_id, recipient, language, subject, \
     text_body, html_body, reply_to, message_id, state, attempts, last_answer, created_at, \
     sent_at";

fn from_row(r: &AnyRow) -> Result<Message> {
    Ok(Message {
        id: r.try_get("id")?,
        letter: r.try_get("letter")?,
        record_kind: r.try_get("record_kind")?,
        record_id: r.try_get("record_id")?,
        recipient: r.try_get("recipient")?,
        language: r.try_get("language")?,
        subject: r.try_get("subject")?,
        text_body: r.try_get("text_body")?,
        html_body: r.try_get("html_body")?,
        reply_to: r.try_get("reply_to")?,
        message_id: r.try_get("message_id")?,
        state: r.try_get("state")?,
        attempts: r.try_get("attempts")?,
        last_answer: r.try_get("last_answer")?,
        created_at: r.try_get("created_at")?,
        sent_at: r.try_get("sent_at")?,
    })
}

/// Writes a message, queued; answers its id.
pub async fn insert(c: &mut Conn, m: &NewMessage, at: i64) -> Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO outbox (letter, record_kind, record_id, recipient, language, subject, \
         text_body, html_body, reply_to, message_id, state, attempts, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'queued', 0, $11) RETURNING id",
    )
    .bind(&m.letter)
    .bind(&m.record_kind)
    .bind(m.record_id)
    .bind(&m.recipient)
    .bind(&m.language)
    .bind(&m.subject)
    .bind(&m.text_body)
    .bind(&m.html_body)
    .bind(m.reply_to.as_deref())
    .bind(&m.message_id)
    .bind(at)
    .fetch_one(&mut *c)
    .await
    .map_err(conflict)
}

/// The message `id`.
pub async fn get(c: &mut Conn, id: i64) -> Result<Option<Message>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM outbox WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *c)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// The messages of `ids` that exist, in id order.
pub async fn get_many(c: &mut Conn, ids: &[i64]) -> Result<Vec<Message>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Sql::new(&format!("SELECT {COLUMNS} FROM outbox WHERE id IN "));
    q.ids(ids).push(" ORDER BY id");
    let rows = q.query().fetch_all(&mut *c).await?;
    rows.iter().map(from_row).collect()
}

/// Records these messages as sent, in one statement (those already recorded sent stay as
/// they were).
pub async fn sent_many(c: &mut Conn, ids: &[i64], at: i64) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut sql = Sql::new("UPDATE outbox SET state = 'sent', sent_at = ");
    sql.int(at)
        .push(", attempts = attempts + 1 WHERE state <> 'sent' AND id IN ")
        .ids(ids);
    sql.query().execute(&mut *c).await?;
    Ok(())
}

/// Records an attempt that failed, with the server's answer; `failed` when no attempt
/// follows.
pub async fn refused(c: &mut Conn, id: i64, answer: &str, failed: bool) -> Result<()> {
    sqlx::query(
        "UPDATE outbox SET state = $1, last_answer = $2, attempts = attempts + 1 WHERE id = $3",
    )
    .bind(if failed { "failed" } else { "queued" })
    .bind(answer)
    .bind(id)
    .execute(&mut *c)
    .await?;
    Ok(())
}

/// Queues a failed message again.
pub async fn requeue(c: &mut Conn, id: i64) -> Result<bool> {
    let done = sqlx::query("UPDATE outbox SET state = 'queued' WHERE id = $1 AND state = 'failed'")
        .bind(id)
        .execute(&mut *c)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Messages newest first, in one state or all, older than `before` when given.
pub async fn list(
    c: &mut Conn,
    state: Option<&str>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<Message>> {
    let mut q = Sql::new(&format!("SELECT {COLUMNS} FROM outbox WHERE 1 = 1"));
    if let Some(s) = state {
        q.push(" AND state = ").text(s);
    }
    if let Some(b) = before {
        q.push(" AND id < ").int(b);
    }
    q.push(" ORDER BY id DESC LIMIT ").int(limit);
    let rows = q.query().fetch_all(&mut *c).await?;
    rows.iter().map(from_row).collect()
}

/// How many messages are queued, sent and failed.
pub async fn counts(c: &mut Conn) -> Result<[i64; 3]> {
    let mut out = [0; 3];
    for (i, state) in ["queued", "sent", "failed"].into_iter().enumerate() {
        out[i] = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state = $1")
            .bind(state)
            .fetch_one(&mut *c)
            .await?;
    }
    Ok(out)
}
