//! The portal's statistics page (`/statistics`): the office's record over the last twelve
//! whole months, small counts suppressed (`liaison_domain::statistics`), as tables whose
//! lines are in the order of their names in the visitor's language.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use liaison_app::statistics::{Breakdown, Cell, Group, PublicStatistics, Share};

use crate::context::{Ctx, Lang};
use crate::routing::{get, Routes};
use crate::{errors, render, AppState};

/// The page's route.
pub fn routes() -> Routes {
    Routes::new().route("/statistics", get(statistics))
}

#[derive(Template)]
#[template(path = "portal/statistics.html")]
struct Page {
    ctx: Ctx,
    s: PublicStatistics,
}

impl Page {
    /// A count as published: the number, "fewer than 5" or "not shown".
    fn cell(&self, c: &Cell) -> String {
        match c {
            Cell::Shown(n) => n.to_string(),
            Cell::Fewer => self.ctx.tr.t1("statistics-fewer", "n", self.s.threshold),
            Cell::Hidden => self.ctx.t("statistics-hidden"),
        }
    }

    /// Whether a count is not shown as a number (its cell is marked, and explained).
    fn suppressed(&self, c: &Cell) -> bool {
        !matches!(c, Cell::Shown(_))
    }

    /// A share as published.
    fn share(&self, s: &Share) -> String {
        match s {
            Share::Exact(p) => self.ctx.tr.t1("statistics-percent", "p", *p),
            Share::AtLeast(p) => self.ctx.tr.t1("statistics-at-least", "p", *p),
            Share::AtMost(p) => self.ctx.tr.t1("statistics-at-most", "p", *p),
            Share::TooFew => self.ctx.t("statistics-too-few"),
        }
    }

    /// The share as a bar's width, when there is one to draw.
    fn bar(&self, s: &Share) -> Option<i64> {
        match s {
            Share::Exact(p) | Share::AtLeast(p) | Share::AtMost(p) => Some((*p).clamp(0, 100)),
            Share::TooFew => None,
        }
    }

    /// A line's name: a category's or an area's, or the words for the others and for no
    /// area.
    fn name(&self, g: &Group) -> String {
        match g {
            Group::Named { name, .. } => name.clone(),
            Group::OtherCategories => self.ctx.t("statistics-other-categories"),
            Group::NoArea => self.ctx.t("statistics-no-area"),
        }
    }

    /// Whether a line's name is shown in the office's language for want of a version.
    fn fell_back(&self, g: &Group) -> bool {
        matches!(
            g,
            Group::Named {
                fell_back: true,
                ..
            }
        )
    }

    /// The two tables: their element id, heading, first column's heading, and lines.
    fn tables(&self) -> [(&'static str, &'static str, &'static str, &Breakdown); 2] {
        [
            (
                "by-category",
                "statistics-by-category",
                "statistics-category",
                &self.s.categories,
            ),
            (
                "by-area",
                "statistics-by-area",
                "statistics-area",
                &self.s.areas,
            ),
        ]
    }

    /// The period counted.
    fn period(&self) -> String {
        self.ctx.tr.t2(
            "statistics-period",
            ("from", self.s.from.format("%Y-%m-%d").to_string()),
            ("to", self.s.to.format("%Y-%m-%d").to_string()),
        )
    }

    /// The period counted, briefly (for captions).
    fn span(&self) -> String {
        self.ctx.tr.t2(
            "statistics-span",
            ("from", self.s.from.format("%Y-%m-%d").to_string()),
            ("to", self.s.to.format("%Y-%m-%d").to_string()),
        )
    }

    /// When the figures were counted, and in which zone the days are.
    fn updated(&self) -> String {
        self.ctx.tr.t2(
            "statistics-updated",
            ("at", self.ctx.when(&self.s.counted_at)),
            ("zone", self.ctx.tz.name().to_string()),
        )
    }

    /// A message that names the threshold.
    fn with_threshold(&self, key: &str) -> String {
        self.ctx.tr.t1(key, "n", self.s.threshold)
    }

    /// Whether any count on the page is suppressed.
    fn any_suppressed(&self) -> bool {
        let table = |b: &Breakdown| {
            b.withheld
                || self.suppressed(&b.total)
                || b.rows.iter().any(|r| self.suppressed(&r.received))
        };
        let k = &self.s.commitments;
        table(&self.s.categories)
            || table(&self.s.areas)
            || [k.kept, k.dropped, k.closed, k.open]
                .iter()
                .any(|c| self.suppressed(c))
    }
}

async fn statistics(State(state): State<AppState>, Lang(lang): Lang) -> Response {
    let ctx = Ctx::public(&state, lang, "statistics", "/statistics").await;
    match state.app.statistics().public(lang).await {
        Ok(mut s) => {
            for b in [&mut s.categories, &mut s.areas] {
                b.rows.sort_by_cached_key(|r| match &r.group {
                    Group::Named { name, .. } => (0, super::sort_key(name)),
                    _ => (1, String::new()),
                });
            }
            render(&Page { ctx, s })
        }
        Err(e) => errors::page(&ctx, e),
    }
}
