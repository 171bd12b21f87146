//! Reports for organizational review: the standard reports, each made for a period (compared
//! with the one before if asked) and narrowed by area, category and channel with a form that
//! works without script, shown as a page of tables and charts and downloaded as CSV, a
//! spreadsheet or a PDF — all written from one `Report`.

use std::borrow::Borrow;

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use liaison_app::office::{Area, Category};
use liaison_app::reports::{Cell, MakeReport, Report, Section, Spec, Standard};
use liaison_app::{AppError, Input};
use liaison_domain::concerns::Channel;
use liaison_domain::interchange::csv;
use liaison_domain::permissions::Permission;

use crate::charts;
use crate::context::{Ctx, FormState, Lang};
use crate::routing::{get, Routes};
use crate::session::Staff;
use crate::{errors, render, AppState};

/// The reports' routes.
pub fn routes() -> Routes {
    Routes::new()
        .route("/staff/reports", get(list))
        .route("/staff/reports/{report}", get(page))
        .route("/staff/reports/{report}/{file}", get(file))
}

#[derive(Template)]
#[template(path = "staff/reports.html")]
struct ListPage {
    ctx: Ctx,
    standards: [Standard; 4],
}

async fn list(State(state): State<AppState>, Lang(lang): Lang, staff: Staff) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "reports", "/staff/reports").await;
    if !staff.user.role.may(Permission::ReadReports) {
        return errors::page(&ctx, AppError::Forbidden);
    }
    render(&ListPage {
        ctx,
        standards: Standard::ALL,
    })
}

#[derive(Template)]
#[template(path = "staff/report.html")]
struct ReportPage {
    ctx: Ctx,
    standard: Standard,
    form: FormState,
    report: Option<Report>,
    /// The query string the downloads carry.
    query: String,
    categories: Vec<Category>,
    areas: Vec<Area>,
}

impl ReportPage {
    fn cell(&self, c: &Cell) -> String {
        text(&self.ctx, c)
    }

    fn day(&self, d: impl Borrow<chrono::NaiveDate>) -> String {
        liaison_domain::values::day_text(*d.borrow())
    }

    fn chart(&self, s: &Section) -> String {
        section_chart(s)
    }

    /// The chart's series, named as their columns are, in their colours.
    fn legend<'a>(&self, s: &'a Section) -> Vec<(usize, &'a str)> {
        s.chart
            .iter()
            .flat_map(|c| c.series.iter().enumerate())
            .filter_map(|(n, i)| Some((n, s.table.columns.get(i + 1)?.as_str())))
            .collect()
    }

    fn channels(&self) -> &'static [Channel] {
        Channel::ALL
    }

    fn durations_shown(&self, r: &Report) -> bool {
        !r.filters.is_empty()
            && r.sections
                .iter()
                .flat_map(|s| &s.table.rows)
                .any(|row| row.cells.iter().any(|c| matches!(c, Cell::Seconds(_))))
    }
}

/// A cell as the page shows it, in the page's language.
fn text(ctx: &Ctx, c: &Cell) -> String {
    match c {
        Cell::Text(t) => t.clone(),
        Cell::Count(n) => n.to_string(),
        Cell::Share(s) => format!("{:.1}%", s * 100.0),
        Cell::Seconds(s) => format!("{:.1}", *s as f64 / 3600.0),
        Cell::Day(d) => liaison_domain::values::day_text(*d),
        Cell::Empty => {
            let _ = ctx;
            "–".into()
        }
    }
}

/// A section's chart: its series over its rows, totals left out.
fn section_chart(s: &Section) -> String {
    let Some(chart) = &s.chart else {
        return String::new();
    };
    let rows: Vec<_> = s.table.rows.iter().filter(|r| !r.total).collect();
    let labels: Vec<String> = rows
        .iter()
        .map(|r| match &r.label {
            Cell::Day(d) => d.format("%d/%m").to_string(),
            Cell::Text(t) if t.chars().count() > 8 => {
                format!("{}…", t.chars().take(7).collect::<String>())
            }
            Cell::Text(t) => t.clone(),
            other => other.plain(),
        })
        .collect();
    let groups: Vec<charts::Group<'_>> = rows
        .iter()
        .zip(&labels)
        .map(|(r, label)| charts::Group {
            label,
            values: chart
                .series
                .iter()
                .map(|i| r.cells.get(*i).and_then(Cell::count).unwrap_or(0))
                .collect(),
        })
        .collect();
    charts::grouped_bars(&groups, None)
}

/// Reads a report's request and checks it.
async fn spec_of(
    state: &AppState,
    staff: &Staff,
    report: &str,
    input: &Input,
) -> Result<Spec, AppError> {
    let request: MakeReport = input.decode().map_err(AppError::Invalid)?;
    state
        .app
        .reports()
        .spec(&staff.user, report, &request)
        .await
}

async fn page(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(report): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let path = format!("/staff/reports/{report}");
    let ctx = Ctx::staff(&state, &staff, lang, "reports", &path).await;
    let Ok(standard) = Standard::parse(&report) else {
        return errors::page(&ctx, AppError::NotFound);
    };
    let input = Input::from_urlencoded(raw.as_deref().unwrap_or("").as_bytes());
    let (categories, areas) = match (
        state.app.office().categories(false, false).await,
        state.app.office().areas(true).await,
    ) {
        (Ok(k), Ok(a)) => (k, a),
        (Err(e), _) | (_, Err(e)) => return errors::page(&ctx, e),
    };
    let made = match spec_of(&state, &staff, &report, &input).await {
        Ok(spec) => {
            let query = query_of(&spec);
            match state.app.reports().make(&staff.user, &spec, lang).await {
                Ok(r) => Ok((r, spec, query)),
                Err(e) => Err(e),
            }
        }
        Err(e) => Err(e),
    };
    match made {
        Ok((report, spec, query)) => {
            // The form shows what the report was made with, defaults included.
            let mut pairs = vec![
                ("from".to_string(), spec.from.format("%Y-%m-%d").to_string()),
                ("to".to_string(), spec.to.format("%Y-%m-%d").to_string()),
            ];
            if spec.compare {
                pairs.push(("compare".into(), "yes".into()));
            }
            for (name, values) in [("area", &spec.areas), ("category", &spec.categories)] {
                for v in values {
                    let v = if *v == 0 && name == "area" {
                        "none".to_string()
                    } else {
                        v.to_string()
                    };
                    pairs.push((name.into(), v));
                }
            }
            for ch in &spec.channels {
                pairs.push(("channel".into(), ch.clone()));
            }
            render(&ReportPage {
                ctx,
                standard,
                form: FormState::with(pairs),
                report: Some(report),
                query,
                categories,
                areas,
            })
        }
        Err(AppError::Invalid(errors)) => {
            let page = ReportPage {
                ctx,
                standard,
                form: FormState::failed(input, errors),
                report: None,
                query: String::new(),
                categories,
                areas,
            };
            (StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response()
        }
        Err(e) => errors::page(&ctx, e),
    }
}

/// The query string that makes the same report again.
fn query_of(spec: &Spec) -> String {
    let mut q = format!(
        "from={}&to={}",
        spec.from.format("%Y-%m-%d"),
        spec.to.format("%Y-%m-%d")
    );
    if spec.compare {
        q.push_str("&compare=yes");
    }
    for a in &spec.areas {
        if *a == 0 {
            q.push_str("&area=none");
        } else {
            q.push_str(&format!("&area={a}"));
        }
    }
    for k in &spec.categories {
        q.push_str(&format!("&category={k}"));
    }
    for ch in &spec.channels {
        q.push_str(&format!("&channel={ch}"));
    }
    q
}

async fn file(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path((report, file)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Response {
    let path = format!("/staff/reports/{report}");
    let ctx = Ctx::staff(&state, &staff, lang, "reports", &path).await;
    let input = Input::from_urlencoded(raw.as_deref().unwrap_or("").as_bytes());
    let format = match file.as_str() {
        "report.csv" => Format::Csv,
        "report.xlsx" => Format::Xlsx,
        "report.pdf" => Format::Pdf,
        _ => return errors::page(&ctx, AppError::NotFound),
    };
    let made = match spec_of(&state, &staff, &report, &input).await {
        Ok(spec) => state.app.reports().make(&staff.user, &spec, lang).await,
        Err(e) => Err(e),
    };
    let report = match made {
        Ok(r) => r,
        Err(e) => return errors::page(&ctx, e),
    };
    let name = format!(
        "{}-{}-{}",
        report.standard.as_str(),
        report.period.0.format("%Y-%m-%d"),
        report.period.1.format("%Y-%m-%d")
    );
    let labels = liaison_documents::Labels {
        period: ctx.t("report-period"),
        compared_with: ctx.t("report-compared-with"),
        made_on: ctx.t("report-made-on"),
        page: ctx.tr.t2(
            "report-page",
            ("n", "{n}".into()),
            ("total", "{total}".into()),
        ),
        filters: ctx.t("report-filters"),
    };
    let written = match format {
        Format::Csv => Ok(report_csv(&report).into_bytes()),
        Format::Xlsx => liaison_documents::xlsx(&report, &labels),
        Format::Pdf => liaison_documents::pdf(&report, &labels),
    };
    let body = match written {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "a report's file could not be written");
            return errors::page(&ctx, AppError::Internal("report file"));
        }
    };
    let (content_type, extension) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        Format::Xlsx => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        Format::Pdf => ("application/pdf", "pdf"),
    };
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.{extension}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        Body::from(body),
    )
        .into_response()
}

/// The formats a report downloads in.
#[derive(Clone, Copy)]
enum Format {
    Csv,
    Xlsx,
    Pdf,
}

/// A report as CSV: its title and period, then each section's heading, columns and rows,
/// a blank line between sections; numbers plain (shares in percent, times in hours).
pub(crate) fn report_csv(r: &Report) -> String {
    let mut out = String::from('\u{feff}');
    csv::record([r.office.as_str()], &mut out);
    csv::record([r.title.as_str()], &mut out);
    for f in &r.filters {
        csv::record([f.as_str()], &mut out);
    }
    for s in &r.sections {
        out.push_str("\r\n");
        csv::record([s.heading.as_str()], &mut out);
        csv::record(s.table.columns.iter().map(String::as_str), &mut out);
        for row in &s.table.rows {
            let cells: Vec<String> = std::iter::once(row.label.plain())
                .chain(row.cells.iter().map(Cell::plain))
                .collect();
            csv::record(cells.iter().map(String::as_str), &mut out);
        }
    }
    out
}
