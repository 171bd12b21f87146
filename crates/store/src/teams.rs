//! Sensitive categories and their teams (see `migrations/0023_sensitive_categories.sql`):
//! the concerns of a sensitive category are read by its team alone (`visibility::push`).

use crate::{Conn, Result};

/// Whether a category is sensitive, and its team's user ids.
pub async fn of(c: &mut Conn, category_id: i64) -> Result<(bool, Vec<i64>)> {
    let sensitive: Option<i64> =
        sqlx::query_scalar("SELECT sensitive FROM categories WHERE id = $1")
            .bind(category_id)
            .fetch_optional(&mut *c)
            .await?;
    let team = sqlx::query_scalar(
        "SELECT user_id FROM category_team WHERE category_id = $1 ORDER BY user_id",
    )
    .bind(category_id)
    .fetch_all(&mut *c)
    .await?;
    Ok((sensitive.unwrap_or(0) != 0, team))
}

/// Sets whether a category is sensitive, and its team.
pub async fn save(c: &mut Conn, category_id: i64, sensitive: bool, team: &[i64]) -> Result<()> {
    sqlx::query("UPDATE categories SET sensitive = $1 WHERE id = $2")
        .bind(i64::from(sensitive))
        .bind(category_id)
        .execute(&mut *c)
        .await?;
    sqlx::query("DELETE FROM category_team WHERE category_id = $1")
        .bind(category_id)
        .execute(&mut *c)
        .await?;
    for user in team {
        sqlx::query("INSERT INTO category_team (category_id, user_id) VALUES ($1, $2)")
            .bind(category_id)
            .bind(user)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}
