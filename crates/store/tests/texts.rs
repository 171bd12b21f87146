//! Text per language in storage: versions written, replaced and removed by record, field
//! and language; read for one record and for many of a kind at once; kinds and records
//! kept apart; the versions of texts a record no longer has removed; on both databases.

use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::texts::Versions;
use liaison_store::texts::{self, Write};
use liaison_testkit::{both, TestStore};

fn category(id: i64) -> RecordRef {
    RecordRef {
        kind: RecordKind::Category,
        id,
    }
}

fn area(id: i64) -> RecordRef {
    RecordRef {
        kind: RecordKind::Area,
        id,
    }
}

fn w<'a>(field: &'a str, language: &'a str, text: &'a str) -> Write<'a> {
    Write {
        field,
        language,
        text,
    }
}

async fn versions_are_written_read_and_removed(t: TestStore) {
    let mut tx = t.store.write().await.expect("writer");
    texts::write(
        &mut tx,
        category(1),
        &[
            w("name", "es", "Polvo y calidad del aire"),
            w("name", "fr", "Poussière et qualité de l'air"),
            w(
                "question.dust_source.label",
                "es",
                "¿De dónde viene el polvo?",
            ),
            w(
                "question.dust_source.choice.haul_road",
                "es",
                "Camino de acarreo",
            ),
        ],
    )
    .await
    .expect("write");
    // The same field and id of another kind, and another category: kept apart.
    texts::write(&mut tx, area(1), &[w("name", "es", "Centro")])
        .await
        .expect("area");
    texts::write(&mut tx, category(2), &[w("name", "es", "Ruido")])
        .await
        .expect("other");
    tx.commit().await.expect("commit");

    let mut c = t.store.read().await.expect("reader");
    let one = texts::of(&mut c, category(1)).await.expect("read one");
    assert_eq!(one.get("name", "es"), Some("Polvo y calidad del aire"));
    assert_eq!(one.get("name", "fr"), Some("Poussière et qualité de l'air"));
    assert_eq!(
        one.get("question.dust_source.choice.haul_road", "es"),
        Some("Camino de acarreo")
    );
    assert_eq!(one.get("question.dust_source.label", "fr"), None);
    assert_eq!(one.iter().count(), 4);
    assert_eq!(
        texts::of(&mut c, area(1))
            .await
            .expect("area")
            .get("name", "es"),
        Some("Centro")
    );
    assert!(texts::of(&mut c, category(3))
        .await
        .expect("none")
        .is_empty());
    drop(c);

    // Replaced, removed by an empty text, added; a field named twice keeps the last.
    let mut tx = t.store.write().await.expect("writer");
    texts::write(
        &mut tx,
        category(1),
        &[
            w("name", "es", "Polvo"),
            w("name", "fr", ""),
            w("description", "es", "Del camino"),
            w("description", "es", "Del camino y del triturador"),
        ],
    )
    .await
    .expect("rewrite");
    tx.commit().await.expect("commit");
    let mut c = t.store.read().await.expect("reader");
    let one = texts::of(&mut c, category(1)).await.expect("read");
    assert_eq!(one.get("name", "es"), Some("Polvo"));
    assert_eq!(one.get("name", "fr"), None);
    assert_eq!(
        one.get("description", "es"),
        Some("Del camino y del triturador")
    );
    assert_eq!(one.iter().count(), 4);
}

async fn many_records_are_read_at_once(t: TestStore) {
    let mut tx = t.store.write().await.expect("writer");
    for id in 1..=600 {
        let name = format!("Categoría {id}");
        texts::write(&mut tx, category(id), &[w("name", "es", &name)])
            .await
            .expect("write");
    }
    texts::write(&mut tx, area(7), &[w("name", "fr", "Gare")])
        .await
        .expect("area");
    tx.commit().await.expect("commit");
    let mut c = t.store.read().await.expect("reader");
    // More ids than one list holds, some without versions.
    let ids: Vec<i64> = (1..=700).collect();
    let many = texts::of_many(&mut c, RecordKind::Category, &ids)
        .await
        .expect("many");
    assert_eq!(many.len(), 600);
    assert_eq!(many[&599].get("name", "es"), Some("Categoría 599"));
    assert!(!many.contains_key(&650));
    let all = texts::of_kind(&mut c, RecordKind::Category)
        .await
        .expect("kind");
    assert_eq!(all.len(), 600);
    let areas = texts::of_kind(&mut c, RecordKind::Area)
        .await
        .expect("areas");
    assert_eq!(areas.len(), 1);
    assert_eq!(areas[&7].get("name", "fr"), Some("Gare"));
    assert!(texts::of_many(&mut c, RecordKind::Area, &[])
        .await
        .expect("none")
        .is_empty());
}

async fn versions_of_texts_gone_are_removed(t: TestStore) {
    let mut tx = t.store.write().await.expect("writer");
    texts::write(
        &mut tx,
        category(1),
        &[
            w("name", "es", "Polvo"),
            w("question.since.label", "es", "¿Desde cuándo?"),
            w("question.since.help", "fr", "Le jour"),
            w("question.kind.choice.dust", "es", "Polvo"),
        ],
    )
    .await
    .expect("write");
    texts::write(
        &mut tx,
        category(2),
        &[w("question.since.label", "es", "x")],
    )
    .await
    .expect("other");
    let kept = vec!["name".to_string(), "question.kind.choice.dust".to_string()];
    let removed = texts::keep_only(&mut tx, category(1), &kept)
        .await
        .expect("keep");
    assert_eq!(removed, 2);
    tx.commit().await.expect("commit");
    let mut c = t.store.read().await.expect("reader");
    let mut expected = Versions::new();
    expected.set("name", "es", "Polvo");
    expected.set("question.kind.choice.dust", "es", "Polvo");
    assert_eq!(
        texts::of(&mut c, category(1)).await.expect("read"),
        expected
    );
    // Another record's versions are untouched.
    assert_eq!(
        texts::of(&mut c, category(2))
            .await
            .expect("other")
            .get("question.since.label", "es"),
        Some("x")
    );
    drop(c);
    // Keeping nothing removes every version of the record.
    let mut tx = t.store.write().await.expect("writer");
    assert_eq!(
        texts::keep_only(&mut tx, category(1), &[])
            .await
            .expect("none"),
        2
    );
    tx.commit().await.expect("commit");
    let mut c = t.store.read().await.expect("reader");
    assert!(texts::of(&mut c, category(1))
        .await
        .expect("read")
        .is_empty());
}

both!(
    versions_are_written_read_and_removed,
    many_records_are_read_at_once,
    versions_of_texts_gone_are_removed
);
