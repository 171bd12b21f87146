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
use liaison_app::accounts::User;
use liaison_app::office::{Area, Category};
use liaison_app::report_schedules::{ReportSchedule, ScheduleReport};
use liaison_app::reports::{Cell, MakeReport, Report, Section, Spec, Standard};
use liaison_app::{AppError, Input};
use liaison_domain::concerns::Channel;
use liaison_domain::interchange::csv;
use liaison_domain::permissions::Permission;

use crate::charts;
use crate::context::{Ctx, FormState, Lang};
use crate::forms::{record_id, Outcome, StaffForm};
use crate::routing::{get, post, Routes};
use crate::session::Staff;
use crate::{errors, render, AppState};

/// The reports' routes.
pub fn routes() -> Routes {
    Routes::new()
        .route("/staff/reports", get(list))
        .route("/staff/reports/{report}", get(page))
        .route("/staff/reports/{report}/{file}", get(file))
        .route("/staff/reports/{report}/schedule", post(schedule))
        .route("/staff/reports/schedules/{id}/stop", post(unschedule))
}

#[derive(Template)]
#[template(path = "staff/reports.html")]
struct ListPage {
    ctx: Ctx,
    standards: [Standard; 4],
    /// The reports sent monthly.
    schedules: Vec<ReportSchedule>,
    /// Whether the reader may stop them.
    may_schedule: bool,
}

impl ListPage {
    fn recipients(&self, s: &ReportSchedule) -> String {
        let names: Vec<&str> = s.recipients.iter().map(|(_, n)| n.as_str()).collect();
        names.join(", ")
    }
}

async fn list(State(state): State<AppState>, Lang(lang): Lang, staff: Staff) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "reports", "/staff/reports").await;
    let schedules = match state.app.reports().schedules(&staff.user).await {
        Ok(s) => s,
        Err(e) => return errors::page(&ctx, e),
    };
    render(&ListPage {
        ctx,
        standards: Standard::ALL,
        schedules,
        may_schedule: staff.user.role.may(Permission::ScheduleReports),
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
    /// The form that sends this report monthly, for those who may.
    scheduling: Option<Scheduling>,
}

/// The form that sends a report monthly: as sent (or its defaults), the report's filters
/// it carries, and whom it may go to.
struct Scheduling {
    form: FormState,
    filters: Vec<(String, String)>,
    recipients: Vec<User>,
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
    let ctx = Ctx::staff(
        &state,
        &staff,
        lang,
        "reports",
        &format!("/staff/reports/{report}"),
    )
    .await;
    let input = Input::from_urlencoded(raw.as_deref().unwrap_or("").as_bytes());
    show(&state, &staff, ctx, &report, input, None).await
}

/// The page of the report `input` asks for; `scheduling` is the schedule's form as sent when
/// it was not accepted.
async fn show(
    state: &AppState,
    staff: &Staff,
    ctx: Ctx,
    report: &str,
    input: Input,
    scheduling: Option<FormState>,
) -> Response {
    let lang = ctx.lang();
    let Ok(standard) = Standard::parse(report) else {
        return errors::page(&ctx, AppError::NotFound);
    };
    let (categories, areas) = match (
        state.app.office().categories(false, false).await,
        state.app.office().areas(true).await,
    ) {
        (Ok(k), Ok(a)) => (k, a),
        (Err(e), _) | (_, Err(e)) => return errors::page(&ctx, e),
    };
    let recipients = if staff.user.role.may(Permission::ScheduleReports) {
        match state.app.reports().possible_recipients(&staff.user).await {
            Ok(r) => Some(r),
            Err(e) => return errors::page(&ctx, e),
        }
    } else {
        None
    };
    let made = match spec_of(state, staff, report, &input).await {
        Ok(spec) => match state.app.reports().make(&staff.user, &spec, lang).await {
            Ok(r) => Ok((r, spec)),
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    match made {
        Ok((made, spec)) => {
            // The form shows what the report was made with, defaults included; the
            // schedule's form carries its filters.
            let filters = Input::from_urlencoded(spec.filters_query().as_bytes()).0;
            let mut pairs = vec![
                ("from".to_string(), spec.from.format("%Y-%m-%d").to_string()),
                ("to".to_string(), spec.to.format("%Y-%m-%d").to_string()),
            ];
            pairs.extend(filters.iter().cloned());
            let scheduling = recipients.map(|recipients| Scheduling {
                form: scheduling
                    .unwrap_or_else(|| FormState::with(vec![("day".into(), "1".into())])),
                filters,
                recipients,
            });
            render(&ReportPage {
                ctx,
                standard,
                form: FormState::with(pairs),
                report: Some(made),
                query: spec.query(),
                categories,
                areas,
                scheduling,
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
                scheduling: None,
            };
            (StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response()
        }
        Err(e) => errors::page(&ctx, e),
    }
}

/// Sends a report monthly; to the reports' list, or its page again with the form marked.
async fn schedule(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(report): Path<String>,
    form: StaffForm<ScheduleReport>,
) -> Response {
    let StaffForm {
        staff,
        command,
        input,
    } = form;
    let ctx = Ctx::staff(
        &state,
        &staff,
        lang,
        "reports",
        &format!("/staff/reports/{report}"),
    )
    .await;
    let result = state
        .app
        .reports()
        .schedule(&staff.user, &report, &command)
        .await;
    Outcome::new(ctx, input.clone(), result)
        .redirect(
            |_| "/staff/reports#scheduled".into(),
            async |ctx, sent| show(&state, &staff, ctx, &report, input, Some(sent)).await,
        )
        .await
}

/// Stops a report sent monthly; back to the reports' list.
async fn unschedule(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<serde::de::IgnoredAny>,
) -> Response {
    let ctx = Ctx::staff(&state, &form.staff, lang, "reports", "/staff/reports").await;
    let result = match record_id(&id) {
        Ok(id) => state.app.reports().unschedule(&form.staff.user, id).await,
        Err(e) => Err(e),
    };
    Outcome::new(ctx, form.input, result).redirect_or_error(|()| "/staff/reports#scheduled".into())
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
