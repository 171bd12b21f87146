//! Staff notifications: each person's choices and the news waiting for their digest (see
//! `migrations/0024_notifications.sql`).

use liaison_domain::notifications::{Mode, News};
use sqlx::Row;

use crate::{word, Conn, Result};

/// How `user_id` is told `news` (the kind's default when they chose nothing).
pub async fn mode(c: &mut Conn, user_id: i64, news: News) -> Result<Mode> {
    let chosen: Option<String> = sqlx::query_scalar(
        "SELECT mode FROM notification_choices WHERE user_id = $1 AND news = $2",
    )
    .bind(user_id)
    .bind(news.as_str())
    .fetch_optional(&mut *c)
    .await?;
    match chosen {
        Some(m) => word(&m, Mode::parse),
        None => Ok(news.default_mode()),
    }
}

/// How `user_id` is told each kind of news.
pub async fn modes(c: &mut Conn, user_id: i64) -> Result<Vec<(News, Mode)>> {
    let mut out = Vec::new();
    for &news in News::ALL {
        out.push((news, mode(c, user_id, news).await?));
    }
    Ok(out)
}

/// Saves `user_id`'s choices.
pub async fn save(c: &mut Conn, user_id: i64, choices: &[(News, Mode)]) -> Result<()> {
    for (news, mode) in choices {
        sqlx::query(
            "INSERT INTO notification_choices (user_id, news, mode) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, news) DO UPDATE SET mode = excluded.mode",
        )
        .bind(user_id)
        .bind(news.as_str())
        .bind(mode.as_str())
        .execute(&mut *c)
        .await?;
    }
    Ok(())
}

/// Keeps a piece of news for `user_id`'s next digest.
pub async fn keep(
    c: &mut Conn,
    user_id: i64,
    news: News,
    line: &str,
    path: &str,
    at: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO digest_items (user_id, news, line, path, at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user_id)
    .bind(news.as_str())
    .bind(line)
    .bind(path)
    .bind(at)
    .execute(&mut *c)
    .await?;
    Ok(())
}

/// The news kept for `user_id`'s digest, oldest first: (line, page).
pub async fn kept(c: &mut Conn, user_id: i64) -> Result<Vec<(String, String)>> {
    let rows = sqlx::query("SELECT line, path FROM digest_items WHERE user_id = $1 ORDER BY id")
        .bind(user_id)
        .fetch_all(&mut *c)
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("line")?, r.try_get("path")?)))
        .collect()
}

/// Forgets the news kept for `user_id` (their digest was written).
pub async fn forget(c: &mut Conn, user_id: i64) -> Result<()> {
    sqlx::query("DELETE FROM digest_items WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *c)
        .await?;
    Ok(())
}
