//! Reports over the API: the standard reports, each for a period compared with the one
//! before if asked and narrowed by area, category and channel — the staff pages' reports,
//! through the same operation, their cells as JSON numbers, days and texts.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use liaison_app::reports::{Cell, MakeReport, Report, Standard};
use liaison_app::{AppError, Input};
use liaison_domain::permissions::Permission;
use serde::Serialize;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{bad_query, json, problem, Caller, Problem};
use crate::context::Lang;
use crate::routing::{get, Routes};
use crate::AppState;

/// Reports over the API: their routes…
pub fn routes() -> Routes {
    Routes::new()
        .route("/api/v1/reports", get(list))
        .route("/api/v1/reports/{report}", get(one))
}

/// … and their description.
#[derive(OpenApi)]
#[openapi(
    paths(list, one),
    components(schemas(ReportKind, ReportOut, ReportSectionOut, ReportRowOut)),
    tags((name = "reports", description = "The office's figures for organizational review"))
)]
pub struct Doc;

/// A standard report one may ask for.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportKind {
    /// Its word in `/api/v1/reports/{report}`.
    report: String,
    /// Its name, in the caller's language.
    name: String,
    /// What it counts.
    about: String,
}

/// The period and filters of a report (all optional; the default period is last month).
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query string; the handler reads it as sent
pub struct ReportQuery {
    /// The first day, `YYYY-MM-DD`, in the office's time zone.
    from: Option<String>,
    /// The last day, included (at most three years after `from`).
    to: Option<String>,
    /// `yes` to compare with the period just before, as long.
    compare: Option<String>,
    /// Only these areas (ids; `none` for concerns without one); repeat for several.
    area: Option<Vec<String>>,
    /// Only these categories (ids); repeat for several.
    category: Option<Vec<i64>>,
    /// Only these channels (`phone`, `portal`, …); repeat for several.
    channel: Option<Vec<String>>,
}

/// A report: the same sections, tables and numbers as its page and its files.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportOut {
    /// `concerns`, `grievances`, `engagement` or `commitments`.
    report: String,
    title: String,
    office: String,
    /// First and last day, `YYYY-MM-DD`, in the office's time zone.
    from: String,
    to: String,
    /// The period compared with, when asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_to: Option<String>,
    /// The filters, as people read them.
    filters: Vec<String>,
    sections: Vec<ReportSectionOut>,
}

/// A section: its heading and table.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportSectionOut {
    heading: String,
    /// The columns' headings; the first is the rows' labels.
    columns: Vec<String>,
    rows: Vec<ReportRowOut>,
    /// The columns (indexes into `cells`) its chart draws, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    chart: Option<Vec<usize>>,
}

/// A row: its label and one cell per column after the first. A cell is an integer (a
/// count), a number from 0 to 1 (a share), an object `{"seconds": n}` (a duration), a
/// `YYYY-MM-DD` string (a day), another string (a text) or null (nothing to show).
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportRowOut {
    label: serde_json::Value,
    cells: Vec<serde_json::Value>,
    /// Whether it is a total.
    total: bool,
}

fn cell(c: &Cell) -> serde_json::Value {
    use serde_json::json;
    match c {
        Cell::Text(t) => json!(t),
        Cell::Count(n) => json!(n),
        Cell::Share(s) => json!(s),
        Cell::Seconds(s) => json!({ "seconds": s }),
        Cell::Day(d) => json!(d.format("%Y-%m-%d").to_string()),
        Cell::Empty => serde_json::Value::Null,
    }
}

fn out(r: Report) -> ReportOut {
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    ReportOut {
        report: r.standard.as_str().into(),
        title: r.title,
        office: r.office,
        from: day(r.period.0),
        to: day(r.period.1),
        previous_from: r.previous.map(|p| day(p.0)),
        previous_to: r.previous.map(|p| day(p.1)),
        filters: r.filters,
        sections: r
            .sections
            .into_iter()
            .map(|s| ReportSectionOut {
                heading: s.heading,
                columns: s.table.columns,
                rows: s
                    .table
                    .rows
                    .iter()
                    .map(|row| ReportRowOut {
                        label: cell(&row.label),
                        cells: row.cells.iter().map(cell).collect(),
                        total: row.total,
                    })
                    .collect(),
                chart: s.chart.map(|c| c.series),
            })
            .collect(),
    }
}

/// The standard reports the caller may make.
#[utoipa::path(get, path = "/api/v1/reports", tag = "reports",
    responses(
        (status = 200, body = Vec<ReportKind>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Lang(lang): Lang,
    headers: HeaderMap,
) -> Response {
    if !caller.user.role.may(Permission::ReadReports) {
        return problem(&state, &headers, AppError::Forbidden);
    }
    let tr = state.tr(lang);
    let kinds: Vec<ReportKind> = Standard::ALL
        .into_iter()
        .map(|k| ReportKind {
            report: k.as_str().into(),
            name: tr.t(&format!("report-name-{}", k.as_str())),
            about: tr.t(&format!("report-about-{}", k.as_str())),
        })
        .collect();
    json(StatusCode::OK, &kinds)
}

/// A standard report for a period (default: last month), compared with the one before if
/// asked, narrowed by area, category and channel; its texts in the caller's language
/// (`Accept-Language`).
#[utoipa::path(get, path = "/api/v1/reports/{report}", tag = "reports",
    params(("report" = String, Path, description = "`concerns`, `grievances`, `engagement` or `commitments`"), ReportQuery),
    responses(
        (status = 200, body = ReportOut),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn one(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Lang(lang): Lang,
    headers: HeaderMap,
    Path(report): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let input = Input::from_urlencoded(query.unwrap_or_default().as_bytes());
    let request: MakeReport = match input.decode() {
        Ok(r) => r,
        Err(errors) => return bad_query(&state, &headers, errors),
    };
    let reports = state.app.reports();
    let made = match reports.spec(&caller.user, &report, &request).await {
        Ok(spec) => reports.make(&caller.user, &spec, lang).await,
        Err(AppError::Invalid(errors)) => return bad_query(&state, &headers, errors),
        Err(e) => Err(e),
    };
    match made {
        Ok(r) => json(StatusCode::OK, &out(r)),
        Err(e) => problem(&state, &headers, e),
    }
}
