//! What a user types in the search box (`liaison_store::search`): the words kept, and the
//! FTS5 `MATCH` expression and PostgreSQL `tsquery` texts built from them.
//!
//! The text is indexed as a concern's in a migrated SQLite database (inside a transaction
//! that is rolled back), then searched for in its shard. Checks: never panics; at most 8
//! words of at most 12 letters or digits each, so nothing the user typed reaches either
//! query language as syntax; the FTS5 query runs without an error; and searching for a
//! text finds the concern that holds that very text.
#![no_main]

use liaison_domain::records::{RecordKind, RecordRef};
use liaison_fuzz::{runtime, store, text};
use liaison_store::search::{index, shard_table, terms, Query, PREFIX_MAX};
use liaison_store::{sqlx, Backend};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let typed = text(data);
    let words = terms(&typed);
    assert!(words.len() <= 8);
    for w in &words {
        assert!(!w.is_empty() && w.chars().count() <= PREFIX_MAX);
        assert!(w.chars().all(char::is_alphanumeric), "{w:?}");
    }
    let query = Query::new(&words);
    assert_eq!(query.fts().matches('"').count(), 2 * words.len());
    assert_eq!(query.beginnings().matches('\'').count(), 2 * words.len());
    assert_eq!(query.words().matches('\'').count(), 2 * words.len());
    if words.is_empty() {
        return;
    }

    let db = store();
    runtime().block_on(async {
        let mut tx = db.write().await.expect("the writer");
        index(&mut tx, Backend::Sqlite, RecordRef::concern(1), &typed)
            .await
            .expect("the text is indexed");
        let table = shard_table(RecordKind::Concern, 0);
        let rows = sqlx::query(&format!("SELECT rowid FROM {table} WHERE {table} MATCH $1"))
            .bind(query.fts())
            .fetch_all(&mut *tx)
            .await
            .expect("the search runs");
        // A word in which FTS5 sees no token at all (one made only of diacritics it removes,
        // such as U+064C) matches nothing, in the concern's text as in the query; the text
        // must find itself whenever every word has a token.
        sqlx::query(&format!(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab \
             USING fts5vocab(main, {table}, row)"
        ))
        .execute(&mut *tx)
        .await
        .expect("the vocabulary table");
        for w in &words {
            let tokens: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM temp.search_vocab WHERE substr(term, 1, length($1)) = $1",
            )
            .bind(w)
            .fetch_one(&mut *tx)
            .await
            .expect("the tokens are counted");
            if tokens == 0 {
                return;
            }
        }
        assert_eq!(
            rows.len(),
            1,
            "{typed:?} does not find itself through {}",
            query.fts()
        );
    });
});
