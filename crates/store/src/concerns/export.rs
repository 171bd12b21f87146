//! Concerns read for an export: a queue's filters and the same visibility rule, every column
//! a file shows and nothing else (no names joined: [`names`] reads them once), pages of
//! thousands in the order received, keyset on the id alone. On SQLite every filter's
//! column is hidden from the planner (`+c.col`), so each page walks the table's own order
//! from where the last one stopped: the whole export reads the table at most once,
//! whatever the filters, and no page sorts.

use std::collections::HashMap;

use liaison_domain::concerns::{Channel, Confidentiality, Priority, Status};
use liaison_domain::Sight;
use serde::Deserialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::queue::{openness, push_conditions};
use super::{QueueFilter, Sort, GUARDED};
use crate::{word, Backend, Conn, Result, Sql};

/// One concern as an export writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    /// Id.
    pub id: i64,
    /// Reference.
    pub reference: String,
    /// Received (UTC seconds).
    pub received_at: i64,
    /// Its category's id ([`Names::categories`]).
    pub category_id: i64,
    /// Its area's id ([`Names::areas`]).
    pub area_id: Option<i64>,
    /// How it came in.
    pub channel: Channel,
    /// Where it stands.
    pub status: Status,
    /// How urgent.
    pub priority: Priority,
    /// Who may see it.
    pub confidentiality: Confidentiality,
    /// Who handles it ([`Names::users`]).
    pub assignee_id: Option<i64>,
    /// First acknowledged.
    pub acknowledged_at: Option<i64>,
    /// Last resolved.
    pub resolved_at: Option<i64>,
    /// Acknowledge by.
    pub ack_due_at: i64,
    /// Resolve by.
    pub resolve_due_at: i64,
    /// Where, as an address.
    pub address: Option<String>,
    /// Where, as a map point.
    pub point: Option<(f64, f64)>,
    /// What the reporter said.
    pub description: String,
    /// Who reported it: empty when it was anonymous or not asked for.
    pub reporter: super::Reporter,
}

/// The names an export shows for ids, read once per export: categories, areas and staff
/// (every one, disabled too: a concern keeps its assignee).
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Categories by id.
    pub categories: HashMap<i64, String>,
    /// Areas by id.
    pub areas: HashMap<i64, String>,
    /// Staff by id.
    pub users: HashMap<i64, String>,
}

/// One concern as a page's query reads it (the columns of [`page_query`], in order): on
/// SQLite the page comes as one JSON text the database writes, a row an array of these;
/// sqlx's cost per row there (each row a message from the database's thread, then an
/// `AnyRow` of owned values) is most of an export's time, about 5 µs a row where SQLite
/// reads one in under 0.5 µs, and a page as one text halves the read (100,000 concerns:
/// 0.28 s against 0.54 s). On PostgreSQL rows are cheaper to take than JSON is to write
/// (0.48 s against 0.85 s), so they come as rows. The reporter's columns are null unless
/// asked for, and always for an anonymous concern.
#[derive(Deserialize)]
struct Wire(
    i64,
    String,
    i64,
    i64,
    Option<i64>,
    String,
    String,
    i64,
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    i64,
    i64,
    Option<String>,
    Option<f64>,
    Option<f64>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

impl Wire {
    /// A row of a page's query, column by column.
    fn from_row(r: &AnyRow) -> Result<Self> {
        Ok(Wire(
            r.try_get(0)?,
            r.try_get(1)?,
            r.try_get(2)?,
            r.try_get(3)?,
            r.try_get(4)?,
            r.try_get(5)?,
            r.try_get(6)?,
            r.try_get(7)?,
            r.try_get(8)?,
            r.try_get(9)?,
            r.try_get(10)?,
            r.try_get(11)?,
            r.try_get(12)?,
            r.try_get(13)?,
            r.try_get(14)?,
            r.try_get(15)?,
            r.try_get(16)?,
            r.try_get(17)?,
            r.try_get(18)?,
            r.try_get(19)?,
            r.try_get(20)?,
        ))
    }

    fn exported(self) -> Result<Exported> {
        let Wire(
            id,
            reference,
            received_at,
            category_id,
            area_id,
            channel,
            status,
            rank,
            confidentiality,
            assignee_id,
            acknowledged_at,
            resolved_at,
            ack_due_at,
            resolve_due_at,
            address,
            lat,
            lng,
            description,
            name,
            email,
            phone,
        ) = self;
        Ok(Exported {
            id,
            reference,
            received_at,
            category_id,
            area_id,
            channel: word(&channel, Channel::parse)?,
            status: word(&status, Status::parse)?,
            priority: Priority::from_rank(rank)
                .ok_or_else(|| crate::StoreError::Corrupt(format!("priority {rank}")))?,
            confidentiality: word(&confidentiality, Confidentiality::parse)?,
            assignee_id,
            acknowledged_at,
            resolved_at,
            ack_due_at,
            resolve_due_at,
            address,
            point: lat.zip(lng),
            description,
            reporter: super::Reporter {
                name,
                email,
                phone,
                language: String::new(),
            },
        })
    }
}

/// The start of a page's query, up to the inner query's `WHERE`: the rows the inner query
/// (`e`) finds, on SQLite written by the database as one JSON array of arrays (see
/// [`Wire`]).
fn page_query(backend: Backend, with_reporter: bool) -> String {
    let reporter = |column: &str| {
        if with_reporter {
            format!("CASE WHEN e.anonymous = 0 THEN e.{column} END")
        } else {
            "NULL".to_string()
        }
    };
    let row = format!(
        "e.id, e.reference, e.received_at, e.category_id, e.area_id, e.channel, e.status, \
         e.priority, e.confidentiality, e.assignee_id, e.acknowledged_at, e.resolved_at, \
         e.ack_due_at, e.resolve_due_at, e.address, e.lat, e.lng, e.description, {}, {}, {}",
        reporter("reporter_name"),
        reporter("reporter_email"),
        reporter("reporter_phone")
    );
    let outer = match backend {
        Backend::Sqlite => format!("SELECT json_group_array(json_array({row}))"),
        Backend::Postgres => format!("SELECT {row}"),
    };
    format!(
        "{outer} FROM (SELECT c.id, c.reference, c.received_at, c.category_id, c.area_id, \
         c.channel, c.status, c.priority, c.confidentiality, c.assignee_id, c.acknowledged_at, \
         c.resolved_at, c.ack_due_at, c.resolve_due_at, c.address, c.lat, c.lng, \
         c.description, c.anonymous, c.reporter_name, c.reporter_email, c.reporter_phone \
         FROM concerns c WHERE "
    )
}

/// The concerns a query begun with [`page_query`] found.
async fn read(c: &mut Conn, backend: Backend, sql: &Sql) -> Result<Vec<Exported>> {
    let rows: Vec<Wire> = match backend {
        Backend::Sqlite => {
            let text: String = sql.query().fetch_one(&mut *c).await?.try_get(0)?;
            crate::json("concerns", &text)?
        }
        Backend::Postgres => {
            let rows = sql.query().fetch_all(&mut *c).await?;
            rows.iter().map(Wire::from_row).collect::<Result<_>>()?
        }
    };
    rows.into_iter().map(Wire::exported).collect()
}

/// One page of the concerns matching `f` (its words to search aside: see [`by_ids`]) that
/// `sight` lets its reader see, `f.limit` of them past the id `f.after` names, newest
/// first (oldest first for [`Sort::Oldest`]; every other order lists newest first), and
/// the id the next page starts after.
pub async fn page(
    c: &mut Conn,
    backend: Backend,
    sight: Sight,
    f: &QueueFilter,
    with_reporter: bool,
) -> Result<(Vec<Exported>, Option<i64>)> {
    let Some(open) = openness(f) else {
        return Ok((Vec::new(), None));
    };
    let descending = f.sort != Sort::Oldest;
    let mut sql = Sql::new(&page_query(backend, with_reporter));
    sql.push("1 = 1");
    // No driver: on SQLite every filter is checked row by row along the table's order.
    push_conditions(&mut sql, backend, sight, f, open, None);
    if let Some(&after) = f.after.as_ref().and_then(|a| a.last()) {
        sql.push(if descending {
            " AND c.id < "
        } else {
            " AND c.id > "
        })
        .int(after);
    }
    sql.push(if descending {
        " ORDER BY c.id DESC LIMIT "
    } else {
        " ORDER BY c.id LIMIT "
    })
    .int(f.limit.max(1))
    .push(") e");
    let mut found = read(c, backend, &sql).await?;
    // In the inner query's order (an aggregate's, or an outer query's, is the database's).
    if descending {
        found.sort_unstable_by_key(|x| std::cmp::Reverse(x.id));
    } else {
        found.sort_unstable_by_key(|x| x.id);
    }
    let next = if found.len() as i64 >= f.limit.max(1) {
        found.last().map(|x| x.id)
    } else {
        None
    };
    Ok((found, next))
}

/// These concerns (a search's page), in the order given, those `sight` hides left out.
pub async fn by_ids(
    c: &mut Conn,
    backend: Backend,
    sight: Sight,
    ids: &[i64],
    with_reporter: bool,
) -> Result<Vec<Exported>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(&page_query(backend, with_reporter));
    sql.push("c.id IN ").ids(ids);
    crate::visibility::push(&mut sql, sight, GUARDED);
    sql.push(") e");
    let mut found = read(c, backend, &sql).await?;
    found.sort_by_key(|x| ids.iter().position(|id| *id == x.id));
    Ok(found)
}

/// Every category's, area's and staff member's name, by id.
pub async fn names(c: &mut Conn) -> Result<Names> {
    let mut read = async |table: &str| -> Result<HashMap<i64, String>> {
        let rows = sqlx::query(&format!("SELECT id, name FROM {table}"))
            .fetch_all(&mut *c)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    };
    Ok(Names {
        categories: read("categories").await?,
        areas: read("areas").await?,
        users: read("users").await?,
    })
}
