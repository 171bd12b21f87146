//! Categories of concern, with their deadlines and intake questions.

use liaison_domain::categories::Question;
use liaison_domain::concerns::Priority;
use liaison_domain::deadlines::{Target, TargetUnit};
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::texts::{Label, TextMut, Texts};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{conflict, word, Conn, Result, StoreError};

/// What an administrator sets for a category.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryFields {
    /// Stable code (also the Open311 service code).
    pub code: String,
    /// Name shown to staff and residents.
    pub name: String,
    /// What belongs in it, for residents choosing.
    pub description: String,
    /// Target time to acknowledge.
    pub acknowledge: Target,
    /// Target time to resolve.
    pub resolve: Target,
    /// Priority of new concerns.
    pub default_priority: Priority,
    /// Offered on the public portal (and over Open311).
    pub public: bool,
    /// Retired categories stay on old concerns but take no new ones.
    pub active: bool,
}

/// A category.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    /// Stable id.
    pub id: i64,
    /// Settings.
    pub fields: CategoryFields,
    /// Questions asked at intake, in order.
    pub questions: Vec<Question>,
}

/// The most characters of a category's name.
pub const NAME_MAX: usize = 120;
/// The most characters of a category's description.
pub const DESCRIPTION_MAX: usize = 1000;

impl Category {
    /// How the shared parts (text per language) name it.
    pub fn record(&self) -> RecordRef {
        RecordRef {
            kind: RecordKind::Category,
            id: self.id,
        }
    }
}

/// A category's public texts: `name`, `description`, then each question's label, help and
/// choices (`question.{code}.label`, `question.{code}.help`, `question.{code}.choice.{key}`).
impl Texts for Category {
    fn texts_mut(&mut self) -> Vec<TextMut<'_>> {
        let mut out = vec![
            TextMut {
                field: "name".into(),
                text: &mut self.fields.name,
                max: NAME_MAX,
                long: false,
                label: Label::plain("texts-name"),
            },
            TextMut {
                field: "description".into(),
                text: &mut self.fields.description,
                max: DESCRIPTION_MAX,
                long: true,
                label: Label::plain("texts-description"),
            },
        ];
        for (i, q) in self.questions.iter_mut().enumerate() {
            out.extend(q.texts_mut(i + 1));
        }
        out
    }
}

const COLUMNS: &str = "id, code, name, description, ack_amount, ack_unit, resolve_amount, \
                       resolve_unit, default_priority, public, active, questions";

fn target(r: &AnyRow, amount: &str, unit: &str) -> Result<Target> {
    Ok(Target {
        amount: r
            .try_get::<i64, _>(amount)?
            .clamp(1, i64::from(Target::MAX_AMOUNT)) as u32,
        unit: word(&r.try_get::<String, _>(unit)?, TargetUnit::parse)?,
    })
}

fn from_row(r: &AnyRow) -> Result<Category> {
    let questions: String = r.try_get("questions")?;
    Ok(Category {
        id: r.try_get("id")?,
        fields: CategoryFields {
            code: r.try_get("code")?,
            name: r.try_get("name")?,
            description: r.try_get("description")?,
            acknowledge: target(r, "ack_amount", "ack_unit")?,
            resolve: target(r, "resolve_amount", "resolve_unit")?,
            default_priority: word(
                &r.try_get::<String, _>("default_priority")?,
                Priority::parse,
            )?,
            public: r.try_get::<i64, _>("public")? != 0,
            active: r.try_get::<i64, _>("active")? != 0,
        },
        questions: crate::json("category questions", &questions)?,
    })
}

/// Categories by name. `active_only` hides retired ones; `public_only` keeps portal ones.
pub async fn list(c: &mut Conn, active_only: bool, public_only: bool) -> Result<Vec<Category>> {
    let mut sql = format!("SELECT {COLUMNS} FROM categories WHERE 1 = 1");
    if active_only {
        sql.push_str(" AND active = 1");
    }
    if public_only {
        sql.push_str(" AND public = 1");
    }
    sql.push_str(" ORDER BY name, id");
    let rows = sqlx::query(&sql).fetch_all(c).await?;
    rows.iter().map(from_row).collect()
}

/// One category.
pub async fn get(c: &mut Conn, id: i64) -> Result<Option<Category>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM categories WHERE id = $1"))
        .bind(id)
        .fetch_optional(c)
        .await?;
    row.as_ref().map(from_row).transpose()
}

fn bind_fields<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    f: &'q CategoryFields,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    q.bind(&f.code)
        .bind(&f.name)
        .bind(&f.description)
        .bind(i64::from(f.acknowledge.amount))
        .bind(f.acknowledge.unit.as_str())
        .bind(i64::from(f.resolve.amount))
        .bind(f.resolve.unit.as_str())
        .bind(f.default_priority.as_str())
        .bind(i64::from(f.public))
        .bind(i64::from(f.active))
}

/// Adds a category; [`StoreError::Conflict`] when the code is taken.
pub async fn insert(c: &mut Conn, f: &CategoryFields, now: i64) -> Result<i64> {
    let q = sqlx::query(
        "INSERT INTO categories (code, name, description, ack_amount, ack_unit, resolve_amount, \
         resolve_unit, default_priority, public, active, questions, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '[]', $11, $11) RETURNING id",
    );
    let row = bind_fields(q, f)
        .bind(now)
        .fetch_one(c)
        .await
        .map_err(conflict)?;
    Ok(row.try_get(0)?)
}

/// Changes a category's settings.
pub async fn update(c: &mut Conn, id: i64, f: &CategoryFields, now: i64) -> Result<()> {
    let q = sqlx::query(
        "UPDATE categories SET code = $1, name = $2, description = $3, ack_amount = $4, \
         ack_unit = $5, resolve_amount = $6, resolve_unit = $7, default_priority = $8, \
         public = $9, active = $10, updated_at = $11 WHERE id = $12",
    );
    bind_fields(q, f)
        .bind(now)
        .bind(id)
        .execute(c)
        .await
        .map_err(conflict)?;
    Ok(())
}

/// Replaces a category's questions.
pub async fn set_questions(c: &mut Conn, id: i64, questions: &[Question], now: i64) -> Result<()> {
    let json = serde_json::to_string(questions).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    sqlx::query("UPDATE categories SET questions = $1, updated_at = $2 WHERE id = $3")
        .bind(json)
        .bind(now)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}
