//! The authorization matrix, walked: every cell of `tests/matrix/table.txt` (every route the
//! server has, for every role) checked against the real server through its HTTP interfaces
//! — staff pages, the portal, the JSON API, Open311 and files — on SQLite and PostgreSQL.
//! Allowed reads show what they should; refused reads look exactly like a missing record;
//! refused writes change nothing, allowed ones are recorded in the audit trail.

use liaison_testkit as common;
mod matrix;

use std::io::Write;

use common::Harness;
use liaison_app::{Limit, Settings};
use matrix::table::{self, Persona};
use matrix::world::World;

#[test]
fn every_route_has_a_row_and_every_row_a_route() {
    table::check_routes(&table::rows());
}

async fn every_cell_holds(db: common::Db) {
    // Rate limits have tests of their own; here they would only slow the walk.
    let settings = Settings {
        portal_per_address: Limit::NONE,
        lookups_per_address: Limit::NONE,
        open311_per_key: Limit::NONE,
        open311_per_address: Limit::NONE,
        ..Settings::default()
    };
    let Some(h) = Harness::start_with(db, settings).await else {
        return;
    };
    let rows = table::rows();
    table::check_routes(&rows);
    let started = std::time::Instant::now();
    let w = World::build(&h).await;
    let mut failures = Vec::new();
    let mut checked = 0;
    for row in &rows {
        for (p, cell) in Persona::ALL.into_iter().zip(row.cells) {
            let verdict = match matrix::probes::probe(&w, row, p).await {
                Ok(probe) => matrix::judge::check(&w, row, p, cell, &probe).await,
                Err(e) => Err(e),
            };
            match verdict {
                Ok(()) => checked += 1,
                Err(e) => failures.push(e),
            }
        }
    }
    // Written straight to stderr, so it shows without --nocapture.
    let _ = writeln!(
        std::io::stderr(),
        "matrix cells checked: {checked} ({db:?}, {} rows, {:.1} s)",
        rows.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cells do not hold:\n{}",
        failures.len(),
        rows.len() * Persona::ALL.len(),
        failures.join("\n\n")
    );
}

mod walk {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::every_cell_holds(crate::common::Db::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::every_cell_holds(crate::common::Db::Postgres).await;
    }
}
