//! Queues: filtered, sorted lists of concerns with keyset pagination, so the cost of a page
//! never grows with how far into the list it is.

use liaison_domain::concerns::{Channel, Confidentiality, Priority, Status};
use liaison_domain::Sight;
use sqlx::Row;

use super::priority;
use liaison_domain::records::RecordKind;

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

/// The filter whose index drives a queue's walk.
///
/// Every filter below has indexes shaped `(filter, open, order…, id)` (status implies the
/// open flag, so its indexes skip it), one per order. The query names this filter's column
/// plainly and writes every other filter as `+c.col`: the unary plus keeps SQLite from
/// using another index and sorting every match, so it walks the driver's index in the
/// page's order and stops after one page, checking the other filters row by row.
/// PostgreSQL is steered to the same index by ordering by the driver's column first (see
/// [`push_conditions`]): left to its statistics, which cannot see that a category's
/// concerns share a priority, it walked all closed concerns in priority order looking for
/// one category's (559 ms at a million concerns) where that category's index gives the
/// page in under a millisecond.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Driver {
    Reference,
    Assignee,
    Status,
    Category,
    Area,
    Priority,
    /// No equality filter: the `(open, order…, id)` indexes.
    Open,
}

impl Driver {
    /// The column its indexes begin with, `None` for the open flag's (which every queue
    /// page fixes) and the reference's (one concern).
    fn column(self) -> Option<&'static str> {
        match self {
            Driver::Assignee => Some("c.assignee_id"),
            Driver::Status => Some("c.status"),
            Driver::Category => Some("c.category_id"),
            Driver::Area => Some("c.area_id"),
            Driver::Priority => Some("c.priority"),
            Driver::Reference | Driver::Open => None,
        }
    }

    /// The most selective filter present, in a fixed order: a reference names one
    /// concern, a person has few, a status other than closed is rare, and categories and
    /// areas split the office more finely than the unassigned backlog (which grows with
    /// every portal submission). High and urgent are the exceptions an office keeps
    /// rare, so they drive before the backlog; low and normal after it.
    fn of(f: &QueueFilter) -> Self {
        let rare_priority = f.priority.is_some_and(|p| p >= Priority::High);
        if f.reference.is_some() {
            Driver::Reference
        } else if f.assignee.is_some() {
            Driver::Assignee
        } else if f.status.is_some() {
            Driver::Status
        } else if f.category.is_some() {
            Driver::Category
        } else if f.area.is_some() {
            Driver::Area
        } else if rare_priority {
            Driver::Priority
        } else if f.unassigned {
            Driver::Assignee
        } else if f.priority.is_some() {
            Driver::Priority
        } else {
            Driver::Open
        }
    }
}

/// One page of a queue, and the cursor of the next page if there is one.
pub async fn queue(
    c: &mut Conn,
    backend: Backend,
    sight: Sight,
    f: &QueueFilter,
) -> Result<(Vec<Summary>, Option<Vec<i64>>)> {
    let Some(open) = openness(f) else {
        return Ok((Vec::new(), None));
    };
    if !f.search.is_empty() && f.reference.is_none() {
        return search_page(c, backend, sight, f, open).await;
    }
    let descending = f.sort.keys().1;
    let limit = usize::try_from(f.limit).unwrap_or(0);
    // A queue over open and finished concerns alike walks them apart, each along an index
    // where the open flag comes before the order, and merges the two pages: one walk over
    // both would have to sort every match. A reference names one concern.
    let mut rows = if open.is_none() && f.reference.is_none() {
        let open_rows = page_rows(c, backend, sight, f, Some(true)).await?;
        let done_rows = page_rows(c, backend, sight, f, Some(false)).await?;
        merge(open_rows, done_rows, descending, limit + 1)
    } else {
        page_rows(c, backend, sight, f, open).await?
    };
    let next = if rows.len() > limit && limit > 0 {
        Some(rows[limit - 1].0.clone())
    } else {
        None
    };
    rows.truncate(limit);
    Ok((rows.into_iter().map(|(_, s)| s).collect(), next))
}

/// Whether `f` lists open concerns only (`Some(Some(true))`), finished ones only, or both
/// (`Some(None)`); `None` when nothing can match (a finished status among open concerns, or
/// a stopped clock among deadlines that run), so no query is needed.
pub(super) fn openness(f: &QueueFilter) -> Option<Option<bool>> {
    let open_view = f.open_only || f.overdue || f.due_soon;
    let clock_view = f.overdue || f.due_soon;
    if (open_view && f.status.is_some_and(|s| !s.is_open()))
        || (clock_view && f.status == Some(Status::AwaitingReporter))
    {
        return None;
    }
    Some(if open_view {
        Some(true)
    } else {
        f.status.map(Status::is_open)
    })
}

/// Merges two lists sorted by the same keys, keeping the first `len` rows.
fn merge(a: Vec<Keyed>, b: Vec<Keyed>, descending: bool, len: usize) -> Vec<Keyed> {
    let mut out = Vec::with_capacity(len);
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while out.len() < len {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => (x.0 > y.0) == descending,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        out.extend(if take_a { a.next() } else { b.next() });
    }
    out
}

/// A queue row with its sort keys.
type Keyed = (Vec<i64>, Summary);

/// The columns of a queue row (`summary` reads them).
const SUMMARY_COLUMNS: &str = "SELECT c.id, c.reference, c.status, k.name AS category_name, \
    a.name AS area_name, c.priority, c.confidentiality, \
    substr(c.description, 1, 160) AS excerpt, u.name AS assignee_name, c.received_at, \
    c.ack_due_at, c.resolve_due_at, c.acknowledged_at, c.paused_at, c.updated_at ";

/// The names a queue row shows. `+c.col` in the joins, too: looking names up by the
/// concern's ids must not tempt the planner into walking the concerns from a category,
/// area or person instead.
const NAME_JOINS: &str = "JOIN categories k ON k.id = +c.category_id \
    LEFT JOIN areas a ON a.id = +c.area_id LEFT JOIN users u ON u.id = +c.assignee_id";

/// A value a queue's condition compares with.
#[derive(Clone, Copy)]
enum Value<'a> {
    Int(i64),
    Text(&'a str),
}

/// Appends `f`'s conditions and the visibility rule as ` AND …`, written so that the
/// driver's index serves the page (see [`Driver`]). On SQLite every other filter's column is
/// written `+c.col`, so its index cannot drive; `None` hides them all (a search's index
/// drives). On PostgreSQL the driver's condition is written `c.col = ANY(ARRAY[…])`, which
/// leaves the page's order by the driver's column meaningful to the planner (an equality
/// would make it redundant), and [`page_rows`] orders by that column first.
pub(super) fn push_conditions(
    sql: &mut Sql,
    backend: Backend,
    sight: Sight,
    f: &QueueFilter,
    open: Option<bool>,
    driver: Option<Driver>,
) {
    let sqlite_hides = |own: Driver| backend == Backend::Sqlite && driver != Some(own);
    let eq = |sql: &mut Sql, name: &str, own: Driver, value: Value<'_>| {
        let driving = driver == Some(own);
        let plus = if sqlite_hides(own) { "+" } else { "" };
        let any = backend == Backend::Postgres && driving;
        sql.push(&format!(
            " AND {plus}c.{name} = {}",
            if any { "ANY(ARRAY[" } else { "" }
        ));
        match value {
            Value::Int(v) => sql.int(v),
            Value::Text(v) => sql.text(v),
        };
        if any {
            sql.push("])");
        }
    };
    crate::visibility::push(sql, sight, super::GUARDED);
    if let Some(id) = f.assignee {
        eq(sql, "assignee_id", Driver::Assignee, Value::Int(id));
    }
    if f.unassigned {
        let plus = if sqlite_hides(Driver::Assignee) {
            "+"
        } else {
            ""
        };
        sql.push(&format!(" AND {plus}c.assignee_id IS NULL"));
    }
    // A status implies the flag (`queue` answers nothing where they disagree), and its
    // indexes leave the flag out; PostgreSQL, told both, would take them for independent
    // and expect a tenth of the status's concerns.
    if let Some(open) = open.filter(|_| f.status.is_none()) {
        let hide = backend == Backend::Sqlite && driver.is_none();
        let plus = if hide { "+" } else { "" };
        sql.push(&format!(" AND {plus}c.open = "))
            .int(i64::from(open));
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
        eq(sql, "status", Driver::Status, Value::Text(s.as_str()));
    }
    if let Some(id) = f.category {
        eq(sql, "category_id", Driver::Category, Value::Int(id));
    }
    if let Some(id) = f.area {
        eq(sql, "area_id", Driver::Area, Value::Int(id));
    }
    if let Some(p) = f.priority {
        eq(sql, "priority", Driver::Priority, Value::Int(p.rank()));
    }
    if let Some(ch) = f.channel {
        sql.push(" AND c.channel = ").text(ch.as_str());
    }
    if let Some(cf) = f.confidentiality {
        sql.push(" AND c.confidentiality = ").text(cf.as_str());
    }
    // A search's index drives alone: not even the reception-time index may.
    let received = if backend == Backend::Sqlite && driver.is_none() {
        "+c.received_at"
    } else {
        "c.received_at"
    };
    if let Some(t) = f.received_from {
        sql.push(&format!(" AND {received} >= ")).int(t);
    }
    if let Some(t) = f.received_until {
        sql.push(&format!(" AND {received} < ")).int(t);
    }
    if let Some(r) = &f.reference {
        sql.push(" AND c.reference = ").text(r.as_str());
    }
}

/// Up to one page and one row of concerns matching `f` (without words to search),
/// limited to open or finished ones when `open` says so.
async fn page_rows(
    c: &mut Conn,
    backend: Backend,
    sight: Sight,
    f: &QueueFilter,
    open: Option<bool>,
) -> Result<Vec<Keyed>> {
    let (keys, descending) = f.sort.keys();
    let mut sql = Sql::new(SUMMARY_COLUMNS);
    sql.push("FROM concerns c ")
        .push(NAME_JOINS)
        .push(" WHERE 1 = 1");
    push_conditions(&mut sql, backend, sight, f, open, Some(Driver::of(f)));
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
    // PostgreSQL orders by the driver's column first (see [`push_conditions`]).
    let driver = Driver::of(f)
        .column()
        .filter(|_| backend == Backend::Postgres);
    let order: Vec<String> = driver
        .iter()
        .chain(keys)
        .map(|k| format!("{k}{dir}"))
        .collect();
    sql.push(&format!(" ORDER BY {} LIMIT ", order.join(", ")))
        .int(f.limit + 1);
    // Where a filter drives, PostgreSQL may not sort: with statistics a day old (a fifth
    // more unassigned concerns than it knew of) it read 30,000 rows to sort 1,300 rather
    // than walk the driver's index to the page's 51. Without one it chooses: the concerns
    // due soon are few, and sorting them beats walking every open concern to find them.
    let rows = if driver.is_some() {
        sql.fetch_all_with(c, backend, "SET LOCAL enable_sort = off")
            .await?
    } else {
        sql.query().fetch_all(c).await?
    };
    let mut page = Vec::with_capacity(rows.len());
    for r in &rows {
        let mut cursor = Vec::with_capacity(keys.len());
        for k in keys {
            let column = k.rsplit('.').next().unwrap_or(k);
            cursor.push(r.try_get::<i64, _>(column)?);
        }
        page.push((cursor, summary(r)?));
    }
    Ok(page)
}

/// A queue row as [`SUMMARY_COLUMNS`] reads it.
fn summary(r: &sqlx::any::AnyRow) -> Result<Summary> {
    Ok(Summary {
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
    })
}

/// One page of a search: concerns holding every word, newest first (oldest first when
/// asked; searches list by when concerns were received, whatever other order was asked),
/// read shard by shard (`search`). The page reads at most `search::shards_per_page`
/// shards: when they hold fewer matches than a page, it is shorter, and its cursor goes on
/// from where it stopped, so no page's cost grows with the office's history.
async fn search_page(
    c: &mut Conn,
    backend: Backend,
    sight: Sight,
    f: &QueueFilter,
    open: Option<bool>,
) -> Result<(Vec<Summary>, Option<Vec<i64>>)> {
    let descending = f.sort != Sort::Oldest;
    let limit = usize::try_from(f.limit).unwrap_or(0).max(1);
    let query = search::Query::new(&f.search);
    let from = f.after.as_ref().and_then(|a| a.last().copied());
    let start = match from {
        Some(id) if descending => search::shard_of(backend, id - 1),
        Some(id) => search::shard_of(backend, id + 1),
        None if descending => i64::MAX,
        None => 0,
    };
    let kind = RecordKind::Concern;
    let per_page = search::shards_per_page(backend);
    let shards = search::shards(c, kind, start, descending, per_page + 1).await?;
    let mut rows: Vec<Summary> = Vec::new();
    let mut cursor = from;
    let mut seen = Density::default();
    for &shard in shards.iter().take(per_page) {
        let need = limit + 1 - rows.len();
        let found = match backend {
            Backend::Sqlite => {
                let mut sql = Sql::new(SUMMARY_COLUMNS);
                sql.push("FROM ")
                    .push(&search::fts_from(kind, shard))
                    .push(" JOIN concerns c ON c.id = s.rowid ")
                    .push(NAME_JOINS)
                    .push(" WHERE 1 = 1");
                push_conditions(&mut sql, backend, sight, f, open, None);
                search::push_fts_match(&mut sql, kind, shard, &query, cursor, descending);
                sql.push(if descending {
                    " ORDER BY s.rowid DESC LIMIT "
                } else {
                    " ORDER BY s.rowid LIMIT "
                })
                .int(need as i64);
                let found = sql.query().fetch_all(&mut *c).await?;
                found.iter().map(summary).collect::<Result<Vec<_>>>()?
            }
            Backend::Postgres => {
                postgres_shard(
                    c, sight, f, open, &query, shard, cursor, descending, need, &mut seen,
                )
                .await?
            }
        };
        rows.extend(found);
        if rows.len() > limit {
            break;
        }
        // The shard is read to its end in the page's direction: go on with the next.
        let (first, last) = search::shard_bounds(backend, shard);
        cursor = Some(if descending { first } else { last });
    }
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|s| vec![s.id])
    } else if shards.len() > per_page {
        // More shards than a page reads: the next page starts past the last one read.
        cursor.map(|c| vec![c])
    } else {
        None
    };
    Ok((rows, next))
}

/// How often the rows a page has checked one by one matched it, over the shards read so
/// far: it says whether walking the next shard's rows or asking its index is cheaper.
#[derive(Default)]
struct Density {
    walked: i64,
    found: i64,
}

impl Density {
    /// About how many rows must be walked to find `need` more matches (`None`: nothing
    /// walked yet says).
    fn rows_for(&self, need: i64) -> Option<i64> {
        (self.walked > 0).then(|| {
            if self.found == 0 {
                i64::MAX
            } else {
                need.saturating_mul(self.walked) / self.found * 3 / 2
            }
        })
    }
}

/// Up to `need` matching rows of one PostgreSQL shard past `cursor`, in the page's
/// direction: its next rows
/// checked one by one while the matches seen say a walk of at most `search::MOST_WALKED`
/// rows fills the page (a common word), then the shard's index for the rest, window after
/// window of ids, each lookup's rows filtered by the page's other conditions.
#[allow(clippy::too_many_arguments)]
async fn postgres_shard(
    c: &mut Conn,
    sight: Sight,
    f: &QueueFilter,
    open: Option<bool>,
    query: &search::Query,
    shard: i64,
    cursor: Option<i64>,
    descending: bool,
    need: usize,
    seen: &mut Density,
) -> Result<Vec<Summary>> {
    let kind = RecordKind::Concern;
    let order = if descending {
        " ORDER BY c.id DESC LIMIT "
    } else {
        " ORDER BY c.id LIMIT "
    };
    let mut rows = Vec::new();
    let mut span = match seen.rows_for(need as i64) {
        None => search::WALK,
        Some(rows) if rows <= search::MOST_WALKED => rows,
        Some(_) => 0,
    };
    let mut past = cursor;
    let mut walked = 0;
    while span > 0 {
        let mut sql = Sql::new(SUMMARY_COLUMNS);
        sql.push("FROM ");
        search::push_walk_from(&mut sql, kind, shard, past, descending, span);
        sql.push(" JOIN concerns c ON c.id = s.record_id ")
            .push(NAME_JOINS)
            .push(" WHERE 1 = 1");
        push_conditions(&mut sql, Backend::Postgres, sight, f, open, None);
        search::push_words_match(&mut sql, query);
        sql.push(order).int((need - rows.len()) as i64);
        let before = rows.len();
        for r in sql.query().fetch_all(&mut *c).await? {
            rows.push(summary(&r)?);
        }
        let Some(next) = search::walked_to(c, kind, shard, past, descending, span).await? else {
            // The shard ends within the walk: it is read whole. (How many rows that was is
            // not known, so the matches tell nothing of how common the words are.)
            return Ok(rows);
        };
        // A walk that filled the page may have stopped short of its span; counting the
        // whole span only makes the next shard's estimate more careful.
        walked += span;
        seen.walked += span;
        seen.found += (rows.len() - before) as i64;
        past = Some(next);
        if rows.len() >= need {
            return Ok(rows);
        }
        span = match seen.rows_for((need - rows.len()) as i64) {
            Some(more) if walked.saturating_add(more) <= search::MOST_WALKED => more.max(1),
            _ => 0,
        };
    }
    // Enough ids per lookup that the page's filters rarely leave it short. Each lookup
    // reads the words' whole entries in the shard's index, so the first window is sized
    // by the matches seen so far and the next by what the last one held.
    let size = search::shard_size(Backend::Postgres);
    let batch = (need as i64 * 4).max(200);
    let mut window = seen.rows_for(batch).unwrap_or(size).clamp(batch, size);
    let (first, last) = search::shard_bounds(Backend::Postgres, shard);
    let mut past = Some(past.unwrap_or(if descending { last + 1 } else { first - 1 }));
    while rows.len() < need {
        let Some(from) = past else { break };
        let ids = search::index_ids(c, kind, shard, query, from, window, descending, batch).await?;
        let held = ids.len() as i64;
        past = match ids.last() {
            Some(&id) if held == batch => Some(id),
            _ if descending => Some(from - window).filter(|to| *to > first),
            _ => Some(from + window).filter(|to| *to < last),
        };
        if held < batch {
            window = (window.saturating_mul(batch) / held.max(1))
                .max(window * 2)
                .min(size);
        }
        if ids.is_empty() {
            continue;
        }
        let mut sql = Sql::new(SUMMARY_COLUMNS);
        sql.push("FROM concerns c ")
            .push(NAME_JOINS)
            .push(" WHERE c.id IN (");
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.int(*id);
        }
        sql.push(")");
        push_conditions(&mut sql, Backend::Postgres, sight, f, open, None);
        sql.push(order).int((need - rows.len()) as i64);
        for r in sql.query().fetch_all(&mut *c).await? {
            rows.push(summary(&r)?);
        }
    }
    Ok(rows)
}
