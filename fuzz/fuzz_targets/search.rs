//! What a user types in the search box (`liaison_store::search`): the words kept, the FTS5
//! `MATCH` expression and the PostgreSQL `tsquery` text built from them.
//!
//! The text is indexed as a concern's in a migrated SQLite database (inside a transaction
//! that is rolled back), then searched for. Checks: never panics; at most 8 words of at most
//! 40 letters or digits each, so nothing the user typed reaches either query language as
//! syntax; the FTS5 query runs without an error; and searching for a text finds the concern
//! that holds that very text.
#![no_main]

use liaison_domain::records::{RecordKind, RecordRef};
use liaison_fuzz::{runtime, store, text};
use liaison_store::search::{index, match_expression, push_condition, terms};
use liaison_store::{sqlx, Backend, Sql};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let typed = text(data);
    let words = terms(&typed);
    assert!(words.len() <= 8);
    for w in &words {
        assert!(!w.is_empty() && w.chars().count() <= 40);
        assert!(w.chars().all(char::is_alphanumeric), "{w:?}");
    }
    let fts = match_expression(&words);
    assert_eq!(fts.matches('"').count(), 2 * words.len());
    let mut pg = Sql::new("");
    push_condition(
        &mut pg,
        Backend::Postgres,
        RecordKind::Concern,
        "c.id",
        &words,
    );

    let db = store();
    runtime().block_on(async {
        let mut tx = db.write().await.expect("the writer");
        index(&mut tx, Backend::Sqlite, RecordRef::concern(1), &typed)
            .await
            .expect("the text is indexed");
        let mut sql = Sql::new("SELECT id FROM concerns c WHERE 1 = 1");
        let mut found = Sql::new("SELECT rowid AS id FROM concern_search WHERE ");
        if words.is_empty() {
            return;
        }
        push_condition(
            &mut found,
            Backend::Sqlite,
            RecordKind::Concern,
            "rowid",
            &words,
        );
        sql.push(" AND ");
        push_condition(
            &mut sql,
            Backend::Sqlite,
            RecordKind::Concern,
            "c.id",
            &words,
        );
        sql.query()
            .fetch_all(&mut *tx)
            .await
            .expect("the search runs");
        let rows = found
            .query()
            .fetch_all(&mut *tx)
            .await
            .expect("the search runs");
        // A word in which FTS5 sees no token at all (one made only of diacritics it removes,
        // such as U+064C) matches nothing, in the concern's text as in the query; the text
        // must find itself whenever every word has a token.
        sqlx::query(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab \
             USING fts5vocab(main, concern_search, instance)",
        )
        .execute(&mut *tx)
        .await
        .expect("the vocabulary table");
        for (i, w) in words.iter().enumerate() {
            let id = 2 + i64::try_from(i).expect("few words");
            index(&mut tx, Backend::Sqlite, RecordRef::concern(id), w)
                .await
                .expect("a word is indexed");
            let tokens: i64 =
                sqlx::query_scalar("SELECT count(*) FROM temp.search_vocab WHERE doc = $1")
                    .bind(id)
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
            "{typed:?} does not find itself through {fts}"
        );
    });
});
