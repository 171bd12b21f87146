//! Areas: the neighborhoods, wards, villages or districts the office works in.

use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::texts::{Label, TextMut, Texts};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{conflict, Conn, Result};

/// An area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    /// Stable id.
    pub id: i64,
    /// Name as people say it.
    pub name: String,
    /// Retired areas stay on old concerns but are no longer offered.
    pub active: bool,
}

/// The most characters of an area's name.
pub const NAME_MAX: usize = 120;

impl Area {
    /// How the shared parts (text per language) name it.
    pub fn record(&self) -> RecordRef {
        RecordRef {
            kind: RecordKind::Area,
            id: self.id,
        }
    }
}

/// An area's one public text: its `name`.
impl Texts for Area {
    fn texts_mut(&mut self) -> Vec<TextMut<'_>> {
        vec![TextMut {
            field: "name".into(),
            text: &mut self.name,
            max: NAME_MAX,
            long: false,
            label: Label::plain("texts-name"),
        }]
    }
}

fn from_row(r: &AnyRow) -> Result<Area> {
    Ok(Area {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        active: r.try_get::<i64, _>("active")? != 0,
    })
}

/// Areas by name; only active ones unless `all`.
pub async fn list(c: &mut Conn, all: bool) -> Result<Vec<Area>> {
    let sql = if all {
        "SELECT id, name, active FROM areas ORDER BY name"
    } else {
        "SELECT id, name, active FROM areas WHERE active = 1 ORDER BY name"
    };
    let rows = sqlx::query(sql).fetch_all(c).await?;
    rows.iter().map(from_row).collect()
}

/// One area.
pub async fn get(c: &mut Conn, id: i64) -> Result<Option<Area>> {
    let row = sqlx::query("SELECT id, name, active FROM areas WHERE id = $1")
        .bind(id)
        .fetch_optional(c)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Adds an area; [`crate::StoreError::Conflict`] when the name is taken.
pub async fn insert(c: &mut Conn, name: &str, now: i64) -> Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO areas (name, active, created_at) VALUES ($1, 1, $2) RETURNING id",
    )
    .bind(name)
    .bind(now)
    .fetch_one(c)
    .await
    .map_err(conflict)
}

/// Renames or retires an area.
pub async fn update(c: &mut Conn, id: i64, name: &str, active: bool) -> Result<()> {
    sqlx::query("UPDATE areas SET name = $1, active = $2 WHERE id = $3")
        .bind(name)
        .bind(i64::from(active))
        .bind(id)
        .execute(c)
        .await
        .map_err(conflict)?;
    Ok(())
}
