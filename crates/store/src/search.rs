//! Full-text search with the database's own engine, for every kind of record, at any size.
//!
//! Each searched kind keeps one normalized text per record (a concern's is defined once,
//! `liaison_domain::concerns::search_text`), in an index cut into *shards* of consecutive
//! ids ([`shard_size`]: a million on SQLite, 100,000 on PostgreSQL): on SQLite
//! `concern_search_0` holds concerns 1–999,999, `concern_search_1` the next million, and so
//! on, listed in `search_shards`. A query matches every term by the beginning of a word and
//! answers newest first, one shard after another, so a page's cost is bounded by the shards
//! it reads, not by the office's whole history: a page reads at most [`shards_per_page`]
//! shards, and when that is not enough to fill it, it says where it stopped and the next
//! page goes on from there.
//!
//! Word beginnings are found without scanning the vocabulary: up to [`PREFIX_MAX`]
//! characters, every beginning of every word is itself in the index (on SQLite FTS5's
//! own `prefix` indexes; on PostgreSQL the GIN index holds the lexemes of
//! `liaison_word_beginnings`, a function of the record's words made by migration 10), so a
//! term is one exact lookup. A longer term is matched on its first [`PREFIX_MAX`]
//! characters. A one-character term matches only that one-letter word.
//!
//! On SQLite a shard is a contentless FTS5 table walked in rowid order with the page's
//! other conditions checked row by row. On PostgreSQL a shard is a table of each record's
//! words as a `tsvector` (small, so its pages stay cached), indexed by their beginnings;
//! its newest [`WALK`] rows are checked one by one against the words (a common word fills
//! a page there), then the index finds the rarer rest.

use std::collections::BTreeSet;

use liaison_domain::records::{RecordKind, RecordRef};
use sqlx::Row;

use crate::{Backend, Conn, Result, Sql};

/// Consecutive ids per shard. FTS5 reads a term's matches in id order and stops at the
/// page's end, so a large shard costs SQLite little; a PostgreSQL GIN lookup reads its
/// words' every entry in the shard (9–26 ms for two common words among a million), so
/// PostgreSQL's shards are a tenth as large.
pub fn shard_size(backend: Backend) -> i64 {
    match backend {
        Backend::Sqlite => 1_000_000,
        Backend::Postgres => 100_000,
    }
}

/// The most shards one page of results reads: three million ids on SQLite, half a million
/// on PostgreSQL, where each shard a page reads costs an index lookup of a millisecond or
/// more (two common words that never meet: their every entry in the shard).
pub fn shards_per_page(backend: Backend) -> usize {
    match backend {
        Backend::Sqlite => 3,
        Backend::Postgres => 5,
    }
}

/// The longest word beginning that is indexed; longer terms match on this many characters.
pub const PREFIX_MAX: usize = 12;

/// Rows of a PostgreSQL shard checked one by one before its index is asked.
pub const WALK: i64 = 2_000;

/// The most rows of a PostgreSQL shard a page checks one by one, walking on where the
/// matches of the first [`WALK`] say the page will fill: about the time the index takes to
/// read the entries of two common words.
pub const MOST_WALKED: i64 = 10_000;

/// Lower-cases and keeps only letters and digits, so both engines see plain words
/// (`C-2026-00042` becomes `c 2026 00042`).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

/// The words of a user's query, at most 8, each cut to [`PREFIX_MAX`] characters.
pub fn terms(query: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in normalize(query).split(' ').filter(|t| !t.is_empty()) {
        let t: String = t.chars().take(PREFIX_MAX).collect();
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out.truncate(8);
    out
}

/// Whether `text` holds every term as the index reads them: a term of two characters or
/// more begins one of its words, a one-character term is one of its words. (FTS5 also
/// folds diacritics; this does not, so it may keep out a match, never let one in.)
pub fn matches(text: &str, terms: &[String]) -> bool {
    let text = normalize(text);
    let words: Vec<&str> = text.split(' ').collect();
    terms.iter().all(|t| {
        words.iter().any(|w| {
            if t.chars().count() > 1 {
                w.starts_with(t.as_str())
            } else {
                w == t
            }
        })
    })
}

/// Of the concerns `ids`, those that match every term without their reporter's name. The
/// name is indexed, so staff who may see reporters find concerns by it; anyone else must
/// not find a concern through it, or the search would tell them who reported it.
pub async fn matching_without_reporter(
    c: &mut Conn,
    ids: &[i64],
    terms: &[String],
) -> Result<Vec<i64>> {
    let texts = crate::concerns::search_texts(c, ids, false).await?;
    Ok(texts
        .into_iter()
        .filter(|(_, text)| matches(text, terms))
        .map(|(id, _)| id)
        .collect())
}

/// The shard an id belongs to.
pub fn shard_of(backend: Backend, id: i64) -> i64 {
    id.max(0) / shard_size(backend)
}

/// The table of one shard of a kind's index.
pub fn shard_table(kind: RecordKind, shard: i64) -> String {
    format!("{}_search_{shard}", kind.as_str())
}

/// Whether `table` is one of the search index's own tables, or one FTS5 keeps behind a
/// shard (derived from the records, never copied, rebuilt after an import).
pub fn is_index_table(table: &str) -> bool {
    let table = ["_data", "_idx", "_config", "_docsize", "_content"]
        .iter()
        .find_map(|s| table.strip_suffix(s))
        .unwrap_or(table);
    table == "search_shards"
        || crate::records::SEARCHED.iter().any(|k| {
            table
                .strip_prefix(&format!("{}_search_", k.as_str()))
                .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()) && !rest.is_empty())
        })
}

/// The shards of `kind` that exist, from `start` (inclusive) towards older ids when
/// `descending`, newer ones otherwise; at most `n`.
pub async fn shards(
    c: &mut Conn,
    kind: RecordKind,
    start: i64,
    descending: bool,
    n: usize,
) -> Result<Vec<i64>> {
    let sql = if descending {
        "SELECT shard FROM search_shards WHERE record_kind = $1 AND shard <= $2 \
         ORDER BY shard DESC LIMIT $3"
    } else {
        "SELECT shard FROM search_shards WHERE record_kind = $1 AND shard >= $2 \
         ORDER BY shard LIMIT $3"
    };
    Ok(sqlx::query_scalar(sql)
        .bind(kind.as_str())
        .bind(start)
        .bind(n as i64)
        .fetch_all(c)
        .await?)
}

/// Every id of `kind` the index holds, in order (for checks and tests: it reads every
/// shard whole).
pub async fn indexed(c: &mut Conn, backend: Backend, kind: RecordKind) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    for shard in shards(c, kind, 0, false, usize::MAX >> 1).await? {
        let id = match backend {
            Backend::Sqlite => "rowid",
            Backend::Postgres => "record_id",
        };
        let sql = format!("SELECT {id} FROM {} ORDER BY 1", shard_table(kind, shard));
        ids.extend(
            sqlx::query_scalar::<_, i64>(&sql)
                .fetch_all(&mut *c)
                .await?,
        );
    }
    Ok(ids)
}

/// Indexes every record of these searched kinds (`records::SEARCHED` after an import; the
/// kinds searched at its version for a migration that built the indexes anew, when later
/// kinds' tables do not exist yet), as each is indexed when it changes, a thousand at a
/// time, and answers how many. The indexes must be empty.
pub async fn rebuild(c: &mut Conn, backend: Backend, kinds: &[RecordKind]) -> Result<u64> {
    const PAGE: i64 = 1_000;
    let mut total = 0_u64;
    for kind in kinds.iter().copied() {
        let table = crate::records::table(kind);
        let mut after = 0_i64;
        loop {
            let ids: Vec<i64> = sqlx::query_scalar(&format!(
                "SELECT id FROM {table} WHERE id > $1 ORDER BY id LIMIT $2"
            ))
            .bind(after)
            .bind(PAGE)
            .fetch_all(&mut *c)
            .await?;
            let Some(last) = ids.last().copied() else {
                break;
            };
            let texts = crate::records::search_texts(c, kind, &ids).await?;
            index_new(c, backend, kind, &texts).await?;
            total += texts.len() as u64;
            after = last;
        }
    }
    Ok(total)
}

/// Makes the shards these ids belong to, where they do not exist yet, in the caller's
/// transaction: the first writer of a shard records it in `search_shards` and creates its
/// table; a writer on another node waits on that row and finds the table made.
pub(crate) async fn ensure_shards(
    c: &mut Conn,
    backend: Backend,
    kind: RecordKind,
    ids: impl IntoIterator<Item = i64>,
) -> Result<()> {
    let wanted: BTreeSet<i64> = ids.into_iter().map(|id| shard_of(backend, id)).collect();
    for shard in wanted {
        let made: Option<i64> = sqlx::query_scalar(
            "INSERT INTO search_shards (record_kind, shard) VALUES ($1, $2) \
             ON CONFLICT (record_kind, shard) DO NOTHING RETURNING shard",
        )
        .bind(kind.as_str())
        .bind(shard)
        .fetch_optional(&mut *c)
        .await?;
        if made.is_some() {
            create_shard(c, backend, &shard_table(kind, shard)).await?;
        }
    }
    Ok(())
}

/// Creates a shard's table.
async fn create_shard(c: &mut Conn, backend: Backend, table: &str) -> Result<()> {
    use sqlx::Executor;
    let prefixes: Vec<String> = (2..=PREFIX_MAX).map(|n| n.to_string()).collect();
    // FTS5 must find one token wherever `normalize` kept one word: its letters, digits and
    // every character Unicode calls alphabetic, marks (Thaana's and Devanagari's vowel
    // signs) and circled letters included. By default it splits words at those, and a
    // term it splits is a phrase, which a `detail = none` table refuses.
    let ddl = match backend {
        Backend::Sqlite => format!(
            "CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5(body, \
             tokenize = 'unicode61 remove_diacritics 2 categories ''L* N* Co M* So''', \
             content = '', contentless_delete = 1, detail = none, prefix = '{}')",
            prefixes.join(" ")
        ),
        Backend::Postgres => format!(
            "CREATE TABLE IF NOT EXISTS {table} (record_id BIGINT PRIMARY KEY, \
             words tsvector NOT NULL); \
             CREATE INDEX IF NOT EXISTS {table}_beginnings ON {table} \
             USING GIN (liaison_word_beginnings(words))"
        ),
    };
    c.execute(ddl.as_str()).await?;
    Ok(())
}

/// The body a shard is given for a text: as it is for FTS5, and for PostgreSQL each word
/// cut to [`PREFIX_MAX`] characters — all a term can match, and a `tsvector` refuses a
/// word of 2 kB or more (a pasted blob must not stop a concern being stored).
fn body(backend: Backend, text: &str) -> String {
    let normalized = normalize(text);
    match backend {
        Backend::Sqlite => normalized,
        Backend::Postgres => normalized
            .split(' ')
            .map(|w| match w.char_indices().nth(PREFIX_MAX) {
                Some((cut, _)) => &w[..cut],
                None => w,
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Replaces the indexed text of a record.
pub async fn index(c: &mut Conn, backend: Backend, record: RecordRef, text: &str) -> Result<()> {
    ensure_shards(c, backend, record.kind, [record.id]).await?;
    let table = shard_table(record.kind, shard_of(backend, record.id));
    let body = body(backend, text);
    match backend {
        Backend::Sqlite => {
            sqlx::query(&format!("DELETE FROM {table} WHERE rowid = $1"))
                .bind(record.id)
                .execute(&mut *c)
                .await?;
            sqlx::query(&format!(
                "INSERT INTO {table} (rowid, body) VALUES ($1, $2)"
            ))
            .bind(record.id)
            .bind(body)
            .execute(c)
            .await?;
        }
        Backend::Postgres => {
            sqlx::query(&format!(
                "INSERT INTO {table} (record_id, words) \
                 VALUES ($1, array_to_tsvector(string_to_array($2, ' '))) \
                 ON CONFLICT (record_id) DO UPDATE SET words = excluded.words"
            ))
            .bind(record.id)
            .bind(body)
            .execute(c)
            .await?;
        }
    }
    Ok(())
}

/// Takes a record out of the index (it was merged into another).
pub async fn remove(c: &mut Conn, backend: Backend, record: RecordRef) -> Result<()> {
    ensure_shards(c, backend, record.kind, [record.id]).await?;
    let table = shard_table(record.kind, shard_of(backend, record.id));
    let key = match backend {
        Backend::Sqlite => "rowid",
        Backend::Postgres => "record_id",
    };
    sqlx::query(&format!("DELETE FROM {table} WHERE {key} = $1"))
        .bind(record.id)
        .execute(c)
        .await?;
    Ok(())
}

/// Indexes records of `kind` that were never indexed (new ones), one statement per shard.
pub async fn index_new(
    c: &mut Conn,
    backend: Backend,
    kind: RecordKind,
    list: &[(i64, String)],
) -> Result<()> {
    ensure_shards(c, backend, kind, list.iter().map(|(id, _)| *id)).await?;
    let shards: BTreeSet<i64> = list.iter().map(|(id, _)| shard_of(backend, *id)).collect();
    for shard in shards {
        let all: Vec<(i64, String)> = list
            .iter()
            .filter(|(id, _)| shard_of(backend, *id) == shard)
            .map(|(id, text)| (*id, body(backend, text)))
            .collect();
        let table = shard_table(kind, shard);
        // In chunks: tens of thousands of records at once (an import, a generated office)
        // would bind more values than one statement may.
        for rows in all.chunks(crate::sql::rows_per_statement(2)) {
            let sql = match backend {
                Backend::Sqlite => format!(
                    "INSERT INTO {table} (rowid, body) VALUES {}",
                    crate::sql::tuples(backend, rows.len(), 2, |_, p| p)
                ),
                Backend::Postgres => format!(
                    "INSERT INTO {table} (record_id, words) VALUES {}",
                    crate::sql::tuples(backend, rows.len(), 2, |col, p| {
                        if col == 1 {
                            format!("array_to_tsvector(string_to_array({p}, ' '))")
                        } else {
                            p
                        }
                    })
                ),
            };
            let mut q = sqlx::query(&sql);
            for (id, body) in rows {
                q = q.bind(*id).bind(body);
            }
            q.execute(&mut *c).await?;
        }
    }
    Ok(())
}

/// What a shard is asked: the terms, as each engine reads them.
#[derive(Debug, Clone)]
pub struct Query {
    /// FTS5's: `"term"*` for each term (its prefix index), `"t"` for a one-letter one.
    fts: String,
    /// PostgreSQL's index: each term as the exact word beginning the index holds for it.
    beginnings: String,
    /// PostgreSQL's row by row: `'term':*` for each term (any word it begins), `'t'` for a
    /// one-letter one.
    words: String,
}

impl Query {
    /// The query for `terms` (as [`terms`] made them).
    pub fn new(terms: &[String]) -> Self {
        // Each term quoted, marked as a beginning where it has two characters or more (a
        // one-letter term matches only that word), all of them required.
        let each = |quote: char, beginning: &str, and: &str| {
            terms
                .iter()
                .map(|t| {
                    let mark = if t.chars().count() > 1 { beginning } else { "" };
                    format!("{quote}{t}{quote}{mark}")
                })
                .collect::<Vec<_>>()
                .join(and)
        };
        let fts = each('"', "*", " AND ");
        let beginnings = each('\'', "", " & ");
        let words = each('\'', ":*", " & ");
        Self {
            fts,
            beginnings,
            words,
        }
    }

    /// The FTS5 `MATCH` expression.
    pub fn fts(&self) -> &str {
        &self.fts
    }

    /// The PostgreSQL `tsquery` text an index lookup asks (exact word beginnings).
    pub fn beginnings(&self) -> &str {
        &self.beginnings
    }

    /// The PostgreSQL `tsquery` text a row's words are checked against (prefix terms).
    pub fn words(&self) -> &str {
        &self.words
    }
}

/// SQLite: the `FROM` of a shard's FTS5 table, aliased `s` (its ids are `s.rowid`).
pub(crate) fn fts_from(kind: RecordKind, shard: i64) -> String {
    format!("{} s", shard_table(kind, shard))
}

/// SQLite: the shard's match condition and the page's start (exclusive, in the page's
/// direction), as ` AND …`. The table is walked in rowid order, stopping at the page's end.
pub(crate) fn push_fts_match(
    sql: &mut Sql,
    kind: RecordKind,
    shard: i64,
    query: &Query,
    from: Option<i64>,
    descending: bool,
) {
    sql.push(&format!(" AND {} MATCH ", shard_table(kind, shard)))
        .text(query.fts.as_str());
    if let Some(f) = from {
        sql.push(if descending {
            " AND s.rowid < "
        } else {
            " AND s.rowid > "
        })
        .int(f);
    }
}

/// PostgreSQL: the `FROM` of the newest (or oldest) `rows` rows of a shard past `from`,
/// aliased `s` (ids `s.record_id`, words `s.words`), to be checked one by one with
/// [`push_words_match`].
pub(crate) fn push_walk_from(
    sql: &mut Sql,
    kind: RecordKind,
    shard: i64,
    from: Option<i64>,
    descending: bool,
    rows: i64,
) {
    let (cmp, dir) = if descending {
        ("<", "DESC")
    } else {
        (">", "ASC")
    };
    sql.push(&format!(
        "(SELECT record_id, words FROM {}",
        shard_table(kind, shard)
    ));
    if let Some(f) = from {
        sql.push(&format!(" WHERE record_id {cmp} ")).int(f);
    }
    sql.push(&format!(" ORDER BY record_id {dir} LIMIT "))
        .int(rows)
        .push(") s");
}

/// PostgreSQL: the condition that `s.words` holds every term, as ` AND …`.
pub(crate) fn push_words_match(sql: &mut Sql, query: &Query) {
    sql.push(" AND s.words @@ CAST(")
        .text(query.words.as_str())
        .push(" AS tsquery)");
}

/// PostgreSQL: the last id a walk of `rows` rows from `from` covers, when the shard goes on
/// that far (the next walk, or the index, takes over past it).
pub(crate) async fn walked_to(
    c: &mut Conn,
    kind: RecordKind,
    shard: i64,
    from: Option<i64>,
    descending: bool,
    rows: i64,
) -> Result<Option<i64>> {
    let (cmp, dir) = if descending {
        ("<", "DESC")
    } else {
        (">", "ASC")
    };
    let mut sql = Sql::new(&format!(
        "SELECT record_id FROM {}",
        shard_table(kind, shard)
    ));
    if let Some(f) = from {
        sql.push(&format!(" WHERE record_id {cmp} ")).int(f);
    }
    sql.push(&format!(" ORDER BY record_id {dir} LIMIT 1 OFFSET "))
        .int(rows - 1);
    let row = sql.query().fetch_optional(c).await?;
    Ok(row.map(|r| r.try_get::<i64, _>(0)).transpose()?)
}

/// PostgreSQL: up to `limit` ids of a shard holding every term, past `from` and up to
/// `window` ids beyond it, in the page's order, found with the shard's GIN index and its
/// primary key together (`BitmapAnd`): rows are read only where both agree, so a common
/// word costs the rows of its window, not every row of the shard that holds it. The query
/// runs where PostgreSQL may not scan the table or walk its primary key: a planner that
/// guessed a common word would otherwise read the shard row by row looking for a rare one.
/// It is planned for its words every time: a plan made once for every word (as PostgreSQL
/// does after five runs of a statement) combined the primary key over the whole shard
/// even where the words matched nothing, thirty times the cost of the lookup itself.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn index_ids(
    c: &mut Conn,
    kind: RecordKind,
    shard: i64,
    query: &Query,
    from: i64,
    window: i64,
    descending: bool,
    limit: i64,
) -> Result<Vec<i64>> {
    let (past, within, dir) = if descending {
        (" AND record_id < ", " AND record_id >= ", "DESC")
    } else {
        (" AND record_id > ", " AND record_id <= ", "ASC")
    };
    let end = if descending {
        from - window
    } else {
        from + window
    };
    let mut sql = Sql::new(&format!(
        "SELECT record_id FROM {} WHERE liaison_word_beginnings(words) @@ CAST(",
        shard_table(kind, shard)
    ));
    sql.text(query.beginnings.as_str())
        .push(" AS tsquery)")
        .push(past)
        .int(from)
        .push(within)
        .int(end)
        .push(&format!(" ORDER BY record_id {dir} LIMIT "))
        .int(limit);
    let ids = sql
        .fetch_all_with(
            c,
            Backend::Postgres,
            "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; \
             SET LOCAL plan_cache_mode = force_custom_plan",
        )
        .await?
        .iter()
        .map(|r| r.try_get::<i64, _>(0))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(ids)
}

/// Up to `limit` ids of one shard holding every term, newest first, below `before`: the
/// plain search of a kind whose records are few enough for one lookup per shard (people,
/// organizations), its other conditions checked on these ids afterwards. SQLite walks the
/// shard's FTS5 table backwards; PostgreSQL reads its GIN index where it may not scan or
/// walk the table instead (as [`index_ids`]).
pub async fn newest_matching(
    c: &mut Conn,
    backend: Backend,
    kind: RecordKind,
    shard: i64,
    query: &Query,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<i64>> {
    let table = shard_table(kind, shard);
    let (mut sql, id) = match backend {
        Backend::Sqlite => {
            let mut sql = Sql::new(&format!("SELECT rowid FROM {table} WHERE {table} MATCH "));
            sql.text(query.fts.as_str());
            (sql, "rowid")
        }
        Backend::Postgres => {
            let mut sql = Sql::new(&format!(
                "SELECT record_id FROM {table} WHERE liaison_word_beginnings(words) @@ CAST("
            ));
            sql.text(query.beginnings.as_str()).push(" AS tsquery)");
            (sql, "record_id")
        }
    };
    if let Some(b) = before {
        sql.push(&format!(" AND {id} < ")).int(b);
    }
    sql.push(&format!(" ORDER BY {id} DESC LIMIT ")).int(limit);
    sql.fetch_all_with(
        c,
        backend,
        "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; \
         SET LOCAL plan_cache_mode = force_custom_plan",
    )
    .await?
    .iter()
    .map(|r| Ok(r.try_get::<i64, _>(0)?))
    .collect()
}

/// The first and last id a shard can hold.
pub fn shard_bounds(backend: Backend, shard: i64) -> (i64, i64) {
    let size = shard_size(backend);
    (shard * size, (shard + 1) * size - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_become_plain_prefix_terms() {
        assert_eq!(normalize("C-2026-00042: Dust!"), "c 2026 00042 dust");
        assert_eq!(terms("  \"Robert'); DROP--  "), vec!["robert", "drop"]);
        assert!(terms("*** ---").is_empty());
        assert_eq!(
            terms("Internationalization dust dust"),
            vec!["internationa", "dust"]
        );
        let q = Query::new(&terms("water pipe a"));
        assert_eq!(q.fts, "\"water\"* AND \"pipe\"* AND \"a\"");
        assert_eq!(q.beginnings, "'water' & 'pipe' & 'a'");
        assert_eq!(q.words, "'water':* & 'pipe':* & 'a'");
    }

    #[test]
    fn terms_match_word_beginnings_and_one_letter_words_whole() {
        let text = "C-2026-00042 Dust on the school road; a lorry";
        assert!(matches(text, &terms("dus SCHOOL 00042")));
        assert!(matches(text, &terms("a road")));
        assert!(!matches(text, &terms("ust")));
        assert!(!matches(text, &terms("d")));
        assert!(!matches(text, &terms("dust mokoena")));
    }

    #[test]
    fn ids_fall_in_shards_of_a_million_or_a_hundred_thousand() {
        assert_eq!(shard_of(Backend::Sqlite, 1), 0);
        assert_eq!(shard_of(Backend::Sqlite, 999_999), 0);
        assert_eq!(shard_of(Backend::Sqlite, 1_000_000), 1);
        assert_eq!(shard_of(Backend::Postgres, 999_999), 9);
        assert_eq!(shard_bounds(Backend::Postgres, 3), (300_000, 399_999));
        assert_eq!(shard_table(RecordKind::Concern, 7), "concern_search_7");
        assert!(is_index_table("concern_search_12"));
        assert!(is_index_table("search_shards"));
        assert!(!is_index_table("concern_search"));
        assert!(!is_index_table("concern_search_x"));
        assert!(!is_index_table("concerns"));
        assert!(is_index_table("concern_search_3_docsize"));
        assert!(!is_index_table("concerns_data"));
    }
}
