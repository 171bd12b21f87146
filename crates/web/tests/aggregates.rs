//! The office's figures kept as concerns change equal a full recount, after any sequence
//! of real operations — on a generated office with years of history, through the
//! operations officers use, with a change of the office's time zone in between — and
//! `liaison aggregates rebuild` gives the same figures back. On SQLite and PostgreSQL.

use liaison_app::concerns::{Assignment, Transition};
use liaison_app::office::SaveSettings;
use liaison_domain::concerns::Action;
use liaison_store::{aggregates, sqlx};
use liaison_testkit::{both, Harness};

/// A small deterministic generator, so a failing sequence can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n.max(1) as u64) as usize
    }
}

/// The figures as kept must be what a recount in their zone gives.
async fn assert_kept_equals_recount(h: &Harness, when: &str) {
    let mut c = h.store.read().await.expect("reader");
    let state = aggregates::state(&mut c).await.expect("state");
    let kept = aggregates::stored(&mut c).await.expect("kept");
    let recount = aggregates::recount(&mut c, state.time_zone)
        .await
        .expect("recount");
    assert!(!recount.counts.is_empty());
    assert_eq!(kept, recount, "{when}");
}

async fn kept_figures_equal_a_recount(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let (officer, _) = h.user("officer", "Olu Officer").await;
    liaison_demo::load(&h.store, 300, 7).await.expect("demo");
    // The demo office was written in bulk: its figures are counted once, in its zone.
    h.app.dashboard().ensure_counted().await.expect("counted");
    assert_kept_equals_recount(&h, "after the generated office").await;

    let ids: Vec<i64> = {
        let mut c = h.store.read().await.expect("reader");
        sqlx::query_scalar("SELECT id FROM concerns ORDER BY id")
            .fetch_all(&mut *c)
            .await
            .expect("ids")
    };
    // The demo's categories ask questions; these two ask none.
    let categories = [
        h.category(&admin, "Loud parties at night", true).await,
        h.category(&admin, "Broken fences", false).await,
    ];
    let zones = ["Africa/Nairobi", "America/Bogota", "Pacific/Auckland"];
    for seed in 0..3_u64 {
        let mut rng = Rng(seed);
        for step in 0..60 {
            match rng.below(10) {
                0 => {
                    let k = categories[rng.below(categories.len())];
                    h.concern(&admin, k, "Water pressure low on Hill Street", "public")
                        .await;
                }
                1 => {
                    let id = ids[rng.below(ids.len())];
                    let who = ["", "me", &officer.id.to_string()][rng.below(3)].to_string();
                    let _ = h
                        .app
                        .concerns()
                        .assign(
                            &admin,
                            id,
                            &Assignment {
                                assignee: who.as_str().into(),
                            },
                        )
                        .await;
                }
                2 if step % 20 == 2 => {
                    let zone = zones[rng.below(zones.len())];
                    let office = h.app.office().settings().await.expect("settings");
                    let save = SaveSettings {
                        name: office.name.as_str().into(),
                        time_zone: zone.into(),
                        working_days: liaison_app::List(
                            office
                                .calendar
                                .days_text()
                                .split(',')
                                .map(String::from)
                                .collect(),
                        ),
                        work_start: "08:00".into(),
                        work_end: "16:30".into(),
                        mail_category: "".into(),
                    };
                    h.app
                        .office()
                        .save_settings(&admin, &save)
                        .await
                        .expect("a new time zone");
                }
                _ => {
                    let id = ids[rng.below(ids.len())];
                    let concern = h.app.concerns().get(&admin, id).await.expect("concern");
                    let actions: Vec<Action> = concern
                        .actions
                        .into_iter()
                        .filter(|a| {
                            !matches!(a, Action::Appeal | Action::Uphold | Action::Overturn)
                        })
                        .collect();
                    if actions.is_empty() {
                        continue;
                    }
                    let action = actions[rng.below(actions.len())];
                    let step = Transition {
                        action: action.as_str().into(),
                        note: "Checked on site with the resident".into(),
                        ..Transition::default()
                    };
                    h.app
                        .concerns()
                        .act(&admin, id, &step)
                        .await
                        .unwrap_or_else(|e| panic!("{action:?} on {id}: {e:?}"));
                }
            }
        }
        assert_kept_equals_recount(&h, &format!("after sequence {seed}")).await;
    }

    // Recounting from scratch changes nothing.
    let before = {
        let mut c = h.store.read().await.expect("reader");
        aggregates::stored(&mut c).await.expect("kept")
    };
    let counted = h.app.dashboard().rebuild().await.expect("rebuild");
    assert!(counted >= 300);
    let after = {
        let mut c = h.store.read().await.expect("reader");
        aggregates::stored(&mut c).await.expect("kept")
    };
    assert_eq!(before, after);
}

both!(kept_figures_equal_a_recount);
