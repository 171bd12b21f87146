//! The visibility rule as a query condition keeps exactly the records the domain's rule
//! allows: every role, over records at every level with nobody, the reader or someone else
//! responsible, on both databases, through every read that applies it (one record, a
//! queue, a search).

use liaison_domain::categories::Answers;
use liaison_domain::concerns::{Channel, Priority};
use liaison_domain::deadlines::{Target, TargetUnit};
use liaison_domain::{Confidentiality, Role};
use liaison_store::categories::{self, CategoryFields};
use liaison_store::concerns::{self, NewConcern, QueueFilter, Reporter};
use liaison_store::{search, users};
use liaison_testkit::{both, TestStore};

async fn the_query_keeps_what_the_rule_allows(t: TestStore) {
    let backend = t.store.backend();
    let mut tx = t.store.write().await.expect("writer");
    let me = users::insert(&mut tx, "me@example.org", "Me", Role::Officer, "x", 0)
        .await
        .expect("me");
    let other = users::insert(&mut tx, "o@example.org", "Other", Role::Officer, "x", 0)
        .await
        .expect("other");
    let target = Target {
        amount: 1,
        unit: TargetUnit::CalendarDays,
    };
    let category = categories::insert(
        &mut tx,
        &CategoryFields {
            code: "dust".into(),
            name: "Dust".into(),
            description: String::new(),
            acknowledge: target,
            resolve: target,
            default_priority: Priority::Normal,
            public: true,
            active: true,
        },
        0,
    )
    .await
    .expect("category");
    // One concern per level and responsible person: (id, level, assignee).
    let mut made = Vec::new();
    for level in Confidentiality::ALL.iter().copied() {
        for assignee in [None, Some(me), Some(other)] {
            let n = made.len();
            let new = NewConcern {
                reference: format!("C-2026-{n:05}"),
                tracking_hash: format!("hash-{n}"),
                category_id: category,
                description: "Dust over the school".into(),
                channel: Channel::Phone,
                area_id: None,
                address: None,
                point: None,
                priority: Priority::Normal,
                confidentiality: level,
                anonymous: false,
                reporter: Reporter {
                    language: "en".into(),
                    ..Reporter::default()
                },
                answers: Answers::default(),
                received_at: 1_000 + n as i64,
                ack_due_at: 2_000,
                resolve_due_at: 3_000,
                recorded_by: None,
            };
            let id = concerns::insert_many(&mut tx, backend, &[&new])
                .await
                .expect("concern")[0];
            if let Some(a) = assignee {
                let mut x = concerns::get(&mut tx, id, liaison_domain::Sight::Everything)
                    .await
                    .expect("read")
                    .expect("there");
                x.assignee_id = Some(a);
                concerns::update(&mut tx, &x).await.expect("assign");
            }
            search::index_new(
                &mut tx,
                backend,
                liaison_domain::records::RecordKind::Concern,
                &[(id, "dust school".into())],
            )
            .await
            .expect("index");
            made.push((id, level, assignee));
        }
    }
    tx.commit().await.expect("commit");

    let mut c = t.store.read().await.expect("reader");
    for role in Role::ALL {
        let sight = role.sight(me);
        let allowed: Vec<i64> = made
            .iter()
            .filter(|(_, level, assignee)| sight.allows(*level, *assignee))
            .map(|(id, ..)| *id)
            .collect();
        let mut one_by_one = Vec::new();
        for (id, ..) in &made {
            if concerns::get(&mut c, *id, sight)
                .await
                .expect("get")
                .is_some()
            {
                one_by_one.push(*id);
            }
        }
        assert_eq!(one_by_one, allowed, "{role:?}: one record at a time");
        for search in [Vec::new(), search::terms("dust")] {
            let filter = QueueFilter {
                search,
                limit: 50,
                ..QueueFilter::default()
            };
            let (rows, _) = concerns::queue(&mut c, backend, sight, &filter)
                .await
                .expect("queue");
            let mut listed: Vec<i64> = rows.iter().map(|r| r.id).collect();
            listed.sort_unstable();
            assert_eq!(listed, allowed, "{role:?}: {:?}", filter.search);
        }
    }
}

both!(the_query_keeps_what_the_rule_allows);
