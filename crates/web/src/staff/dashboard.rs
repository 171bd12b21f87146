//! The staff home: the signed-in person's own work first, then the office's figures for
//! those whose role may read them, each chart beside the table of its numbers and each
//! figure a link to the records behind it.

use std::borrow::Borrow;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::NaiveDate;
use liaison_app::commitments::{self, Commitment, Standing};
use liaison_app::concerns::{QueueFilter, Sort, Summary};
use liaison_app::dashboard::{OfficeFigures, Share};
use liaison_app::interactions::Task;
use liaison_app::AppError;
use liaison_domain::permissions::Permission;

use crate::charts;
use crate::context::{Ctx, Lang};
use crate::routing::{get, Routes};
use crate::session::Staff;
use crate::{errors, render, AppState};

/// The dashboard's route: the staff home.
pub fn routes() -> Routes {
    Routes::new().route("/staff", get(home))
}

/// Items of each of one's own lists shown on the home page.
const MINE: i64 = 5;

#[derive(Template)]
#[template(path = "staff/dashboard.html")]
struct HomePage {
    ctx: Ctx,
    overdue: Vec<Summary>,
    due_soon: Vec<Summary>,
    follow_ups: Vec<Task>,
    commitments: Vec<(Commitment, Standing)>,
    office: Option<OfficeFigures>,
}

impl HomePage {
    fn day(&self, d: impl Borrow<NaiveDate>) -> String {
        liaison_domain::values::day_text(*d.borrow())
    }

    fn iso(&self, d: impl Borrow<NaiveDate>) -> String {
        d.borrow().format("%Y-%m-%d").to_string()
    }

    fn commitment_ref(&self, id: &i64) -> String {
        commitments::reference(*id)
    }

    /// The weekly chart: received and resolved per week, the backlog as a line.
    fn weekly_chart(&self, o: &OfficeFigures) -> String {
        let labels: Vec<String> = o
            .weeks
            .iter()
            .map(|w| w.starts.format("%d/%m").to_string())
            .collect();
        let groups: Vec<charts::Group<'_>> = o
            .weeks
            .iter()
            .zip(&labels)
            .map(|(w, label)| charts::Group {
                label,
                values: vec![w.received, w.resolved],
            })
            .collect();
        let backlog: Vec<i64> = o.weeks.iter().map(|w| w.backlog).collect();
        charts::grouped_bars(&groups, Some(&backlog))
    }

    /// A table cell's bar, against the longest of its list.
    fn bar(&self, value: impl Borrow<i64>, list: &[Share]) -> String {
        let top = list.iter().map(|s| s.counts.received).max().unwrap_or(0);
        charts::bar(*value.borrow(), top)
    }

    fn percent(&self, p: impl Borrow<Option<i64>>) -> String {
        p.borrow()
            .map_or_else(|| "–".to_string(), |p| format!("{p}%"))
    }

    /// A duration as people say it: minutes, hours or days.
    fn took(&self, seconds: impl Borrow<Option<i64>>) -> String {
        match *seconds.borrow() {
            None => "–".into(),
            Some(s) if s < 3_600 => self
                .ctx
                .t1("took-minutes", "n", &(s / 60).max(1).to_string()),
            Some(s) if s < 2 * 86_400 => {
                self.ctx
                    .t1("took-hours", "n", &format!("{:.1}", s as f64 / 3_600.0))
            }
            Some(s) => self
                .ctx
                .t1("took-days", "n", &format!("{:.1}", s as f64 / 86_400.0)),
        }
    }

    /// The queue of concerns received over the recent days, filtered by `filter`.
    fn recent_link(&self, o: &OfficeFigures, param: &str, id: impl Borrow<i64>) -> String {
        format!(
            "/staff/concerns?view=all&from={}&to={}&{param}={}",
            self.iso(o.recent_from()),
            self.iso(o.today),
            id.borrow()
        )
    }

    /// The breakdowns: what they are by, their lines, the queue's filter for a line.
    fn cuts<'a>(&self, o: &'a OfficeFigures) -> [(&'static str, &'a [Share], &'static str); 3] {
        [
            ("category", &o.by_category, "category"),
            ("area", &o.by_area, "area"),
            ("officer", &o.by_officer, ""),
        ]
    }

    fn share_name(&self, s: &Share, kind: &str) -> String {
        match (s.name.is_empty(), kind) {
            (false, _) => s.name.clone(),
            (true, "area") if s.id == 0 => self.ctx.t("dashboard-no-area"),
            (true, "officer") if s.id == 0 => self.ctx.t("dashboard-nobody"),
            _ => format!("#{}", s.id),
        }
    }
}

async fn home(State(state): State<AppState>, Lang(lang): Lang, staff: Staff) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "home", "/staff").await;
    let user = &staff.user;
    let found = async {
        let now = liaison_app::now();
        let mine = |overdue: bool| QueueFilter {
            assignee: Some(user.id),
            open_only: true,
            overdue,
            due_soon: !overdue,
            sort: Sort::DueFirst,
            limit: MINE,
            now,
            due_soon_until: now + 2 * 86_400,
            ..QueueFilter::default()
        };
        let (overdue, _) = state.app.concerns().queue(user, &mine(true)).await?;
        let (due_soon, _) = state.app.concerns().queue(user, &mine(false)).await?;
        let (follow_ups, commitments) = if user.role.may(Permission::LogInteractions) {
            let (tasks, _) = state.app.interactions().tasks(user, None, MINE).await?;
            let (kept, _) = (state.app.commitments())
                .list(user, commitments::View::Mine, None, MINE)
                .await?;
            (tasks, kept)
        } else {
            (Vec::new(), Vec::new())
        };
        let office = if user.role.may(Permission::ReadReports) {
            Some(state.app.dashboard().office(user).await?)
        } else {
            None
        };
        Ok::<_, AppError>((overdue, due_soon, follow_ups, commitments, office))
    }
    .await;
    match found {
        Ok((overdue, due_soon, follow_ups, commitments, office)) => render(&HomePage {
            ctx,
            overdue,
            due_soon,
            follow_ups,
            commitments,
            office,
        }),
        Err(e) => errors::page(&ctx, e),
    }
}
