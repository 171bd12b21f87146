//! Search on both databases: words by their beginnings, one-letter words whole, pages newest
//! (or oldest) first across the index's shards, a page reading a bounded number of shards
//! and going on from where it stopped, and on PostgreSQL the rows beyond a shard's walked
//! newest found through its index.

use liaison_domain::records::RecordKind;
use liaison_domain::Sight;
use liaison_store::concerns::{self, QueueFilter, Sort};
use liaison_store::sqlx::{self, Executor};
use liaison_store::{search, Conn};
use liaison_testkit::{both, TestStore};

/// Stores a concern with this id and description, and indexes it.
async fn concern(c: &mut Conn, backend: liaison_store::Backend, id: i64, description: &str) {
    sqlx::query(
        "INSERT INTO concerns (id, reference, tracking_hash, category_id, description, channel, \
         priority, confidentiality, status, open, anonymous, reporter_language, answers, \
         received_at, updated_at, ack_due_at, resolve_due_at) \
         VALUES ($1, $2, $3, 1, $4, 'phone', 1, 'public', 'received', 1, 1, 'en', '[]', $5, $5, \
         $5, $5)",
    )
    .bind(id)
    .bind(format!("C-2026-{id:07}"))
    .bind(format!("h{id}"))
    .bind(description)
    .bind(1_000 + id)
    .execute(&mut *c)
    .await
    .expect("concern");
    search::index_new(
        c,
        backend,
        RecordKind::Concern,
        &[(id, description.to_string())],
    )
    .await
    .expect("index");
}

async fn page(
    t: &TestStore,
    words: &str,
    sort: Sort,
    after: Option<i64>,
    limit: i64,
) -> (Vec<i64>, Option<Vec<i64>>) {
    let mut c = t.store.read().await.expect("read");
    let filter = QueueFilter {
        search: search::terms(words),
        sort,
        after: after.map(|a| vec![a]),
        limit,
        ..QueueFilter::default()
    };
    let (rows, next) = concerns::queue(&mut c, t.store.backend(), Sight::Everything, &filter)
        .await
        .expect("search");
    (rows.iter().map(|r| r.id).collect(), next)
}

/// Every match, page after page (each reads a bounded number of shards).
async fn all(t: &TestStore, words: &str) -> Vec<i64> {
    let (mut ids, mut next) = page(t, words, Sort::Newest, None, 50).await;
    while let Some(after) = next {
        let (more, after) = page(t, words, Sort::Newest, after.last().copied(), 50).await;
        ids.extend(more);
        next = after;
    }
    ids
}

async fn a_category(t: &TestStore) {
    let mut tx = t.store.write().await.expect("write");
    tx.execute(
        "INSERT INTO categories (id, code, name, description, ack_amount, ack_unit, \
         resolve_amount, resolve_unit, default_priority, public, active, questions, created_at, \
         updated_at) VALUES (1, 'dust', 'Dust', '', 1, 'working_hours', 5, 'calendar_days', \
         'normal', 1, 1, '[]', 0, 0)",
    )
    .await
    .expect("category");
    tx.commit().await.expect("commit");
}

async fn words_match_by_their_beginnings_across_shards(t: TestStore) {
    a_category(&t).await;
    let backend = t.store.backend();
    // Shards of `s` ids, a page reading `p` of them: the newest shard is `p + 1`, so the
    // first page newest first stops above shard 1.
    let s = search::shard_size(backend);
    let p = search::shards_per_page(backend) as i64;
    let newest = p + 1;
    let mut tx = t.store.write().await.expect("write");
    let placed = [
        (5, "Dust over the school"),
        (s - 1, "Dusty road by the school"),
        (s + 1, "A crack in the dam"),
        ((newest - 2) * s + s / 2, "Dust storm at night"),
        ((newest - 1) * s + 1, "Internationalization of dust rules"),
        (newest * s + s / 5, "Dust, again, at the school"),
    ];
    let [old, older_end, crack, storm, long, last] = placed.map(|(id, _)| id);
    for (id, text) in placed {
        concern(&mut tx, backend, id, text).await;
    }
    // Every shard between them exists, with nothing the queries below find.
    let quiet: Vec<i64> = (2..newest - 2).map(|n| n * s + 7).collect();
    for &id in &quiet {
        concern(&mut tx, backend, id, "Quiet evening").await;
    }
    tx.commit().await.expect("commit");

    // Beginnings of words; a one-letter word only whole; long words on their first twelve.
    assert_eq!(
        all(&t, "dus").await,
        vec![last, long, storm, older_end, old]
    );
    assert_eq!(all(&t, "a").await, vec![crack]);
    assert_eq!(all(&t, "sch dus").await, vec![last, older_end, old]);
    assert_eq!(
        all(&t, "internationalisation").await,
        vec![long],
        "twelve letters decide"
    );
    assert!(all(&t, "ust").await.is_empty());
    // A word only in older shards: the first page is empty and says where to go on.
    assert_eq!(
        page(&t, "crack", Sort::Newest, None, 50).await,
        (Vec::new(), Some(vec![2 * s]))
    );

    // Newest first, one shard after another; a page reads at most `p` shards, and says
    // where to go on.
    let (first, next) = page(&t, "dust", Sort::Newest, None, 50).await;
    assert_eq!(first, vec![last, long, storm]);
    let next = next.expect("shards remain");
    let (second, more) = page(&t, "dust", Sort::Newest, next.last().copied(), 50).await;
    assert_eq!(second, vec![older_end, old]);
    assert_eq!(more, None);
    // A full page stops inside a shard and goes on from its last row.
    let (one, next) = page(&t, "dust", Sort::Newest, None, 1).await;
    assert_eq!((one, next.clone()), (vec![last], Some(vec![last])));
    assert_eq!(
        page(&t, "dust", Sort::Newest, Some(last), 2).await.0,
        vec![long, storm]
    );
    // Oldest first, the same way up.
    let (first, next) = page(&t, "dust", Sort::Oldest, None, 50).await;
    assert_eq!(first, vec![old, older_end, storm]);
    assert_eq!(next, Some(vec![p * s - 1]));
    let (second, _) = page(
        &t,
        "dust",
        Sort::Oldest,
        next.and_then(|n| n.last().copied()),
        50,
    )
    .await;
    assert_eq!(second, vec![long, last]);

    // Changed text is found by its new words only.
    let mut tx = t.store.write().await.expect("write");
    search::index(
        &mut tx,
        backend,
        liaison_domain::records::RecordRef::concern(storm),
        "A flood at night",
    )
    .await
    .expect("reindex");
    tx.commit().await.expect("commit");
    assert_eq!(all(&t, "flood").await, vec![storm]);
    assert!(all(&t, "storm").await.is_empty());
    let mut c = t.store.read().await.expect("read");
    let mut every: Vec<i64> = placed.iter().map(|(id, _)| *id).chain(quiet).collect();
    every.sort();
    assert_eq!(
        search::indexed(&mut c, backend, RecordKind::Concern)
            .await
            .expect("ids"),
        every
    );
}

async fn rare_words_beyond_the_newest_are_found(t: TestStore) {
    a_category(&t).await;
    let backend = t.store.backend();
    let mut tx = t.store.write().await.expect("write");
    // A rare word only far below a shard's newest rows (PostgreSQL walks those, then asks
    // the shard's index), and a common one everywhere.
    let n = search::WALK + 300;
    for id in 1..=n {
        let text = if id == 7 || id == 150 {
            "Graves relocation near the dust"
        } else {
            "Dust on the road"
        };
        concern(&mut tx, backend, id, text).await;
    }
    tx.commit().await.expect("commit");
    assert_eq!(
        page(&t, "graves reloc", Sort::Newest, None, 50).await.0,
        vec![150, 7]
    );
    assert_eq!(
        page(&t, "relocation dust", Sort::Newest, None, 1).await.0,
        vec![150]
    );
    let (common, next) = page(&t, "dust", Sort::Newest, None, 50).await;
    assert_eq!(common.len(), 50);
    assert_eq!(common[0], n);
    assert_eq!(next, Some(vec![n - 49]));
    assert!(page(&t, "graves road", Sort::Newest, None, 50)
        .await
        .0
        .is_empty());
}

async fn rare_words_far_apart_in_a_shard_are_all_found(t: TestStore) {
    a_category(&t).await;
    let backend = t.store.backend();
    let mut tx = t.store.write().await.expect("write");
    // The newest rows of the shard hold a common word; a rare one lies far below them, at
    // distances that take PostgreSQL's index lookups window after window to the shard's
    // first id.
    let s = search::shard_size(backend);
    let top = s / 100 * 99;
    for id in (top - search::WALK - 100)..=top {
        concern(&mut tx, backend, id, "Dust on the road").await;
    }
    let (near, middle) = (s / 10 * 9, s / 2);
    for id in [near, middle, 3] {
        concern(&mut tx, backend, id, "Graves relocation").await;
    }
    tx.commit().await.expect("commit");
    assert_eq!(
        page(&t, "graves", Sort::Newest, None, 50).await.0,
        vec![near, middle, 3]
    );
    assert_eq!(
        page(&t, "graves", Sort::Oldest, None, 50).await.0,
        vec![3, middle, near]
    );
    let (first, next) = page(&t, "graves", Sort::Newest, None, 2).await;
    assert_eq!(first, vec![near, middle]);
    assert_eq!(
        page(
            &t,
            "graves",
            Sort::Newest,
            next.and_then(|n| n.last().copied()),
            2
        )
        .await
        .0,
        vec![3]
    );
}

async fn a_page_of_a_word_in_every_hundredth_record_is_whole(t: TestStore) {
    a_category(&t).await;
    let backend = t.store.backend();
    let mut tx = t.store.write().await.expect("write");
    // Twenty matches in the newest rows PostgreSQL walks first: it walks on, or asks its
    // index, and the page is the same either way.
    let n = search::WALK * 3;
    for id in 1..=n {
        let text = if id % 100 == 0 {
            "Burst pipe"
        } else {
            "Dust on the road"
        };
        concern(&mut tx, backend, id, text).await;
    }
    tx.commit().await.expect("commit");
    let (ids, next) = page(&t, "pipe", Sort::Newest, None, 50).await;
    let expected: Vec<i64> = (1..=50).map(|k| n - (k - 1) * 100).collect();
    assert_eq!(ids, expected);
    assert_eq!(next, Some(vec![n - 49 * 100]));
    let (rest, next) = page(
        &t,
        "pipe",
        Sort::Newest,
        next.and_then(|n| n.last().copied()),
        50,
    )
    .await;
    assert_eq!(
        rest,
        (1..=10).map(|k| n - 4_900 - k * 100).collect::<Vec<_>>()
    );
    assert_eq!(next, None);
}

async fn words_with_marks_and_circled_letters_are_one_word(t: TestStore) {
    a_category(&t).await;
    let backend = t.store.backend();
    let mut tx = t.store.write().await.expect("write");
    // Thaana and Devanagari write vowels as marks inside a word; Ⓐ is a circled letter.
    concern(&mut tx, backend, 1, "ދިވެހި ބަސް and हिन्दी, plan Ⓐ").await;
    concern(&mut tx, backend, 2, "Dust on the road").await;
    tx.commit().await.expect("commit");
    for (words, found) in [
        ("ދިވެހި", vec![1]),
        ("ދިވެ", vec![1]),
        ("हिन्दी", vec![1]),
        ("ⓐ", vec![1]),
        ("ދިވެހި dust", vec![]),
        ("road", vec![2]),
    ] {
        assert_eq!(
            page(&t, words, Sort::Newest, None, 50).await.0,
            found,
            "{words}"
        );
    }
}

async fn postgresql_indexes_every_beginning_of_every_word(t: TestStore) {
    if t.store.backend() != liaison_store::Backend::Postgres {
        return; // FTS5's own prefix indexes do this on SQLite.
    }
    let mut c = t.store.read().await.expect("read");
    let beginnings = |text: &'static str| {
        sqlx::query_scalar::<_, String>(
            "SELECT CAST(liaison_word_beginnings(array_to_tsvector(string_to_array($1, ' '))) \
             AS TEXT)",
        )
        .bind(text)
    };
    assert_eq!(
        beginnings("a dust été compensations")
            .fetch_one(&mut *c)
            .await
            .expect("beginnings"),
        "'a' 'co' 'com' 'comp' 'compe' 'compen' 'compens' 'compensa' 'compensat' \
         'compensati' 'compensatio' 'compensation' 'du' 'dus' 'dust' 'ét' 'été'"
    );
    assert_eq!(beginnings("").fetch_one(&mut *c).await.expect("none"), "");
}

async fn a_word_of_thousands_of_letters_is_stored_and_found(t: TestStore) {
    a_category(&t).await;
    let backend = t.store.backend();
    let blob = "Q".repeat(3_000);
    let mut tx = t.store.write().await.expect("write");
    concern(&mut tx, backend, 1, &format!("Pasted {blob} here")).await;
    tx.commit().await.expect("commit");
    assert_eq!(
        page(&t, "qqqqqqqqqqqq", Sort::Newest, None, 50).await.0,
        vec![1]
    );
    assert_eq!(
        page(&t, "pasted here", Sort::Newest, None, 50).await.0,
        vec![1]
    );
}

both!(
    a_word_of_thousands_of_letters_is_stored_and_found,
    postgresql_indexes_every_beginning_of_every_word,
    words_with_marks_and_circled_letters_are_one_word,
    a_page_of_a_word_in_every_hundredth_record_is_whole,
    words_match_by_their_beginnings_across_shards,
    rare_words_beyond_the_newest_are_found,
    rare_words_far_apart_in_a_shard_are_all_found
);
