//! Queues: filtered, sorted lists of concerns with keyset pagination, so the cost of a page
//! never grows with how far into the list it is.

use liaison_domain::concerns::{Channel, Confidentiality, Priority, Status};
use liaison_domain::Visibility;
use sqlx::Row;

use super::{priority, push_visibility};
use crate::{search, word, Backend, Conn, Result, Sql};

/// The order of a queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Most recently received first.
    #[default]
    Newest,
    /// Longest waiting first.
    Oldest,
    /// Soonest resolve-by deadline first.
    DueFirst,
    /// Most urgent first, then newest.
    Priority,
    /// Most recently changed first.
    Updated,
}

impl Sort {
    /// Every order, as offered in the queue's sort menu.
    pub const ALL: [Sort; 5] = [
        Sort::Newest,
        Sort::Oldest,
        Sort::DueFirst,
        Sort::Priority,
        Sort::Updated,
    ];

    /// The word used in links.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::DueFirst => "due",
            Sort::Priority => "priority",
            Sort::Updated => "updated",
        }
    }

    /// Parses the word used in links.
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Sort::ALL
            .into_iter()
            .find(|x| x.as_str() == s)
            .ok_or("error-choice")
    }

    /// Key columns, compared as one row value, and whether the order descends. Ids are
    /// given in the order concerns are received, so the id is the order received.
    fn keys(self) -> (&'static [&'static str], bool) {
        match self {
            Sort::Newest => (&["c.id"], true),
            Sort::Oldest => (&["c.id"], false),
            Sort::DueFirst => (&["c.resolve_due_at", "c.id"], false),
            Sort::Priority => (&["c.priority", "c.id"], true),
            Sort::Updated => (&["c.updated_at", "c.id"], true),
        }
    }
}

/// What a queue shows.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    /// Only assigned to this user ("mine").
    pub assignee: Option<i64>,
    /// Only unassigned.
    pub unassigned: bool,
    /// Only still-open concerns.
    pub open_only: bool,
    /// Only past a deadline (open, clock running).
    pub overdue: bool,
    /// Only due within `due_soon_until` (open, clock running, not yet overdue).
    pub due_soon: bool,
    /// One status.
    pub status: Option<Status>,
    /// One category.
    pub category: Option<i64>,
    /// One area.
    pub area: Option<i64>,
    /// One priority.
    pub priority: Option<Priority>,
    /// One channel.
    pub channel: Option<Channel>,
    /// One confidentiality level.
    pub confidentiality: Option<Confidentiality>,
    /// Received at or after (UTC seconds).
    pub received_from: Option<i64>,
    /// Received before (UTC seconds).
    pub received_until: Option<i64>,
    /// Words that must all appear (prefixes).
    pub search: Vec<String>,
    /// Exactly this reference.
    pub reference: Option<String>,
    /// Order.
    pub sort: Sort,
    /// Continue after this row (the `next` value of the previous page).
    pub after: Option<Vec<i64>>,
    /// Rows per page.
    pub limit: i64,
    /// The time deadlines are judged against.
    pub now: i64,
    /// The end of "due soon".
    pub due_soon_until: i64,
}

/// One row of a queue.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Id.
    pub id: i64,
    /// Reference.
    pub reference: String,
    /// Status.
    pub status: Status,
    /// Category name.
    pub category_name: String,
    /// Area name.
    pub area_name: Option<String>,
    /// Priority.
    pub priority: Priority,
    /// Confidentiality.
    pub confidentiality: Confidentiality,
    /// The start of the description.
    pub excerpt: String,
    /// Assignee name.
    pub assignee_name: Option<String>,
    /// Received.
    pub received_at: i64,
    /// Acknowledge by.
    pub ack_due_at: i64,
    /// Resolve by.
    pub resolve_due_at: i64,
    /// Acknowledged.
    pub acknowledged_at: Option<i64>,
    /// Clock stopped since.
    pub paused_at: Option<i64>,
}

/// One page of a queue, and the cursor of the next page if there is one.
pub async fn queue(
    c: &mut Conn,
    backend: Backend,
    visibility: Visibility,
    f: &QueueFilter,
) -> Result<(Vec<Summary>, Option<Vec<i64>>)> {
    let open_view = f.open_only || f.overdue || f.due_soon;
    let clock_view = f.overdue || f.due_soon;
    if (open_view && f.status.is_some_and(|s| !s.is_open()))
        || (clock_view && f.status == Some(Status::AwaitingReporter))
    {
        // A finished status among open concerns, or a stopped clock among deadlines that
        // run: nothing can match, so no query.
        return Ok((Vec::new(), None));
    }
    let (keys, descending) = f.sort.keys();
    // On SQLite a search walks the full-text index in rowid (= concern id) order and stops
    // at the page's end, instead of collecting every match first.
    let fts_join = !f.search.is_empty() && backend == Backend::Sqlite;
    let keys: Vec<&str> = keys
        .iter()
        .map(|k| {
            if fts_join && *k == "c.id" {
                "s.rowid"
            } else {
                k
            }
        })
        .collect();
    // Filters other than "open" are written `+c.col` on SQLite when the order is not by
    // id: the unary plus keeps SQLite from picking the filter's index and sorting every
    // match, so it walks the order's index and stops after one page.
    let by_id = keys.len() == 1;
    let col = |name: &str| -> String {
        if backend == Backend::Sqlite && !by_id {
            format!("+c.{name}")
        } else {
            format!("c.{name}")
        }
    };
    let mut sql = Sql::new(
        "SELECT c.id, c.reference, c.status, k.name AS category_name, a.name AS area_name, \
         c.priority, c.confidentiality, substr(c.description, 1, 160) AS excerpt, \
         u.name AS assignee_name, c.received_at, c.ack_due_at, c.resolve_due_at, \
         c.acknowledged_at, c.paused_at, c.updated_at ",
    );
    if fts_join {
        sql.push("FROM concern_search s JOIN concerns c ON c.id = s.rowid ");
    } else {
        sql.push("FROM concerns c ");
    }
    sql.push(
        "JOIN categories k ON k.id = c.category_id LEFT JOIN areas a ON a.id = c.area_id \
         LEFT JOIN users u ON u.id = c.assignee_id WHERE 1 = 1",
    );
    push_visibility(&mut sql, visibility);
    // One person's concerns are few: their index beats walking the order's index.
    if let Some(id) = f.assignee {
        sql.push(" AND c.assignee_id = ").int(id);
    }
    if f.unassigned {
        sql.push(" AND c.assignee_id IS NULL");
    }
    if open_view {
        sql.push(" AND c.open = 1");
    }
    if f.overdue || f.due_soon {
        sql.push(" AND c.paused_at IS NULL");
    }
    if f.overdue {
        sql.push(" AND (c.resolve_due_at < ")
            .int(f.now)
            .push(" OR (c.acknowledged_at IS NULL AND c.ack_due_at < ")
            .int(f.now)
            .push("))");
    }
    if f.due_soon {
        sql.push(" AND c.resolve_due_at >= ")
            .int(f.now)
            .push(" AND c.resolve_due_at < ")
            .int(f.due_soon_until);
    }
    if let Some(s) = f.status {
        // A status implies the open flag; saying so lets the `(…, open, order)` indexes
        // narrow the walk, and the status itself is then checked row by row.
        if !open_view {
            sql.push(if s.is_open() {
                " AND c.open = 1"
            } else {
                " AND c.open = 0"
            });
        }
        sql.push(&format!(" AND {} = ", col("status")))
            .text(s.as_str());
    }
    if let Some(id) = f.category {
        sql.push(&format!(" AND {} = ", col("category_id"))).int(id);
    }
    if let Some(id) = f.area {
        sql.push(&format!(" AND {} = ", col("area_id"))).int(id);
    }
    if let Some(p) = f.priority {
        sql.push(&format!(" AND {} = ", col("priority")))
            .int(p.rank());
    }
    if let Some(ch) = f.channel {
        sql.push(&format!(" AND {} = ", col("channel")))
            .text(ch.as_str());
    }
    if let Some(cf) = f.confidentiality {
        sql.push(&format!(" AND {} = ", col("confidentiality")))
            .text(cf.as_str());
    }
    if let Some(t) = f.received_from {
        sql.push(" AND c.received_at >= ").int(t);
    }
    if let Some(t) = f.received_until {
        sql.push(" AND c.received_at < ").int(t);
    }
    if let Some(r) = &f.reference {
        sql.push(" AND c.reference = ").text(r.as_str());
    }
    if fts_join {
        sql.push(" AND concern_search MATCH ")
            .text(search::match_expression(&f.search));
    } else if !f.search.is_empty() {
        sql.push(" AND ");
        search::push_condition(&mut sql, backend, "c.id", &f.search);
    }
    if let Some(after) = f.after.as_ref().filter(|a| a.len() == keys.len()) {
        sql.push(&format!(
            " AND ({}) {} (",
            keys.join(", "),
            if descending { "<" } else { ">" }
        ));
        for (i, v) in after.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.int(*v);
        }
        sql.push(")");
    }
    let dir = if descending { " DESC" } else { " ASC" };
    let order: Vec<String> = keys.iter().map(|k| format!("{k}{dir}")).collect();
    sql.push(&format!(" ORDER BY {} LIMIT ", order.join(", ")))
        .int(f.limit + 1);
    let rows = sql.query().fetch_all(c).await?;
    let mut page = Vec::with_capacity(rows.len());
    let mut next = None;
    for (i, r) in rows.iter().enumerate() {
        if i as i64 == f.limit {
            break;
        }
        if i as i64 == f.limit - 1 && rows.len() as i64 > f.limit {
            let mut cursor = Vec::with_capacity(keys.len());
            for k in &keys {
                let column = k.rsplit('.').next().unwrap_or(k);
                let column = if column == "rowid" { "id" } else { column };
                cursor.push(r.try_get::<i64, _>(column)?);
            }
            next = Some(cursor);
        }
        page.push(Summary {
            id: r.try_get("id")?,
            reference: r.try_get("reference")?,
            status: word(&r.try_get::<String, _>("status")?, Status::parse)?,
            category_name: r.try_get("category_name")?,
            area_name: r.try_get("area_name")?,
            priority: priority(r)?,
            confidentiality: word(
                &r.try_get::<String, _>("confidentiality")?,
                Confidentiality::parse,
            )?,
            excerpt: r.try_get("excerpt")?,
            assignee_name: r.try_get("assignee_name")?,
            received_at: r.try_get("received_at")?,
            ack_due_at: r.try_get("ack_due_at")?,
            resolve_due_at: r.try_get("resolve_due_at")?,
            acknowledged_at: r.try_get("acknowledged_at")?,
            paused_at: r.try_get("paused_at")?,
        });
    }
    Ok((page, next))
}
