//! Reports for organizational review: a standard report over a period, compared with the
//! period before if asked, filtered by areas, categories and channels, made from the
//! tallies kept as concerns change (`liaison_store::aggregates`) into one
//! [`Report`] that the web page, CSV, the spreadsheet and the PDF all write.

use chrono::{Datelike, Duration, NaiveDate};
use chrono_tz::Tz;
use liaison_domain::aggregates::{self as figures, Counts, Cut, Measure};
use liaison_domain::concerns::Channel;
use liaison_domain::permissions::Permission;
use liaison_domain::{values, FieldErrors};
use liaison_i18n::Tr;
use liaison_store::aggregates::{self, Activity, By, Line, Span};
use liaison_store::users::User;
use liaison_store::Conn;
use serde::Deserialize;
use utoipa::ToSchema;

pub use liaison_domain::reports::{Cell, Chart, Report, Row, Section, Standard, Table};

use crate::command::{Flag, List, Text};
use crate::dashboard::days;
use crate::{App, AppError, AppResult};

/// The reports' operations.
pub struct Reports<'a> {
    pub(crate) app: &'a App,
}

/// What report to make (`GET /staff/reports/{report}`, `GET /api/v1/reports/{report}`):
/// the query string's fields.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct MakeReport {
    /// The first day, `YYYY-MM-DD`, in the office's time zone (default: the first day of
    /// last month).
    pub from: Text,
    /// The last day, included (default: the last day of last month; at most 3 years
    /// after `from`).
    pub to: Text,
    /// Compare with the period just before, as many days long.
    pub compare: Flag,
    /// Only these areas (ids; `none` for concerns without one).
    pub area: List,
    /// Only these categories (ids).
    pub category: List,
    /// Only these channels (`phone`, `web`, …).
    pub channel: List,
}

/// A report's request, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// Which report.
    pub standard: Standard,
    /// First and last day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Compared with the period before.
    pub compare: bool,
    /// Areas kept (0: none); empty, all.
    pub areas: Vec<i64>,
    /// Categories kept; empty, all.
    pub categories: Vec<i64>,
    /// Channels kept; empty, all.
    pub channels: Vec<String>,
}

impl Spec {
    /// The period compared with: as many days, just before.
    pub fn previous(&self) -> (NaiveDate, NaiveDate) {
        let len = (self.to - self.from).num_days() + 1;
        (
            self.from - Duration::days(len),
            self.from - Duration::days(1),
        )
    }

    /// The query string that makes the same report again (its page's, its files').
    pub fn query(&self) -> String {
        let period = format!(
            "from={}&to={}",
            self.from.format("%Y-%m-%d"),
            self.to.format("%Y-%m-%d")
        );
        match self.filters_query() {
            f if f.is_empty() => period,
            f => format!("{period}&{f}"),
        }
    }

    /// The query string of its comparison and filters alone, without the period.
    pub fn filters_query(&self) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        if self.compare {
            q.append_pair("compare", "yes");
        }
        for a in &self.areas {
            q.append_pair(
                "area",
                &if *a == 0 {
                    "none".into()
                } else {
                    a.to_string()
                },
            );
        }
        for k in &self.categories {
            q.append_pair("category", &k.to_string());
        }
        for ch in &self.channels {
            q.append_pair("channel", ch);
        }
        q.finish()
    }

    /// Whether any filter narrows the concerns counted.
    fn filtered(&self) -> bool {
        !(self.areas.is_empty() && self.categories.is_empty() && self.channels.is_empty())
    }
}

/// The longest period a report covers, in days.
const LONGEST: i64 = 3 * 366;

impl Reports<'_> {
    /// Checks a request for `report` (a [`Standard`]'s word) against the office's
    /// categories and areas; the default period is last month.
    pub async fn spec(&self, by: &User, report: &str, request: &MakeReport) -> AppResult<Spec> {
        crate::require(by, Permission::ReadReports)?;
        let standard = Standard::parse(report).map_err(|_| AppError::NotFound)?;
        let today = self.app.today().await?;
        let first_of_month = today.with_day(1).unwrap_or(today);
        let last_month_end = first_of_month - Duration::days(1);
        let last_month_start = last_month_end.with_day(1).unwrap_or(last_month_end);
        let mut errors = FieldErrors::new();
        let from = errors
            .take("from", values::day(&request.from))
            .flatten()
            .unwrap_or(last_month_start);
        let to = errors
            .take("to", values::day(&request.to))
            .flatten()
            .unwrap_or(if request.from.trim().is_empty() {
                last_month_end
            } else {
                today
            });
        if to < from {
            errors.add("to", "error-report-period");
        } else if (to - from).num_days() >= LONGEST {
            errors.add("to", "error-report-too-long");
        }
        let config = self.app.config().await?;
        let mut categories = Vec::new();
        for v in request.category.0.iter().filter(|v| !v.trim().is_empty()) {
            match v.trim().parse::<i64>() {
                Ok(id) if config.categories.iter().any(|k| k.id == id) => categories.push(id),
                _ => errors.add("category", "error-choice"),
            }
        }
        let known_areas = self.app.office().areas(true).await?;
        let mut areas = Vec::new();
        for v in request.area.0.iter().filter(|v| !v.trim().is_empty()) {
            match v.trim() {
                "none" => areas.push(0),
                v => match v.parse::<i64>() {
                    Ok(id) if known_areas.iter().any(|a| a.id == id) => areas.push(id),
                    _ => errors.add("area", "error-choice"),
                },
            }
        }
        let mut channels = Vec::new();
        for v in request.channel.0.iter().filter(|v| !v.trim().is_empty()) {
            match Channel::parse(v) {
                Ok(c) => channels.push(c.as_str().to_string()),
                Err(_) => errors.add("channel", "error-choice"),
            }
        }
        errors.into_result()?;
        for list in [&mut categories, &mut areas] {
            list.sort_unstable();
            list.dedup();
        }
        channels.sort();
        channels.dedup();
        Ok(Spec {
            standard,
            from,
            to,
            compare: request.compare.is_set(),
            areas,
            categories,
            channels,
        })
    }

    /// Makes the report `spec` asks for, its words in `lang`.
    pub async fn make(&self, by: &User, spec: &Spec, lang: &str) -> AppResult<Report> {
        crate::require(by, Permission::ReadReports)?;
        let tz = self.app.dashboard().ensure_counted().await?;
        let tr = Tr::new(self.app.catalog.clone(), lang);
        let config = self.app.config().await?;
        let mut c = self.app.store.read().await?;
        let areas = self.app.office().areas(true).await?;
        let officers = liaison_store::users::list(&mut c).await?;
        let names = Names {
            categories: config
                .categories
                .iter()
                .map(|k| (k.id, k.fields.name.clone()))
                .collect(),
            areas: areas.into_iter().map(|a| (a.id, a.name)).collect(),
            officers: officers.into_iter().map(|u| (u.id, u.name)).collect(),
        };
        let maker = Maker {
            spec,
            tz,
            tr: &tr,
            names: &names,
            today: chrono::Utc::now().with_timezone(&tz).date_naive(),
        };
        let sections = match spec.standard {
            Standard::Concerns => maker.concerns(&mut c).await?,
            Standard::Grievances => maker.grievances(&mut c).await?,
            Standard::Engagement => maker.engagement(&mut c).await?,
            Standard::Commitments => maker.commitments(&mut c).await?,
        };
        let mut filters = Vec::new();
        let join = |ids: &[i64], list: &[(i64, String)], none: &str| {
            ids.iter()
                .map(|id| {
                    list.iter()
                        .find(|(i, _)| i == id)
                        .map_or_else(|| none.to_string(), |(_, n)| n.clone())
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !spec.areas.is_empty() {
            filters.push(format!(
                "{}: {}",
                tr.t("report-filter-area"),
                join(&spec.areas, &names.areas, &tr.t("report-no-area"))
            ));
        }
        if !spec.categories.is_empty() {
            filters.push(format!(
                "{}: {}",
                tr.t("report-filter-category"),
                join(&spec.categories, &names.categories, "")
            ));
        }
        if !spec.channels.is_empty() {
            let words: Vec<String> = spec
                .channels
                .iter()
                .map(|ch| tr.t(&format!("channel-{ch}")))
                .collect();
            filters.push(format!(
                "{}: {}",
                tr.t("report-filter-channel"),
                words.join(", ")
            ));
        }
        Ok(Report {
            standard: spec.standard,
            title: tr.t2(
                &format!("report-title-{}", spec.standard.as_str()),
                ("from", values::day_text(spec.from)),
                ("to", values::day_text(spec.to)),
            ),
            office: config.office.name.clone(),
            period: (spec.from, spec.to),
            previous: spec.compare.then(|| spec.previous()),
            filters,
            sections,
            made_at: crate::now(),
        })
    }
}

/// Names of what figures are split by.
struct Names {
    categories: Vec<(i64, String)>,
    areas: Vec<(i64, String)>,
    officers: Vec<(i64, String)>,
}

/// What makes one report's sections.
struct Maker<'a> {
    spec: &'a Spec,
    tz: Tz,
    tr: &'a Tr,
    names: &'a Names,
    today: NaiveDate,
}

impl Maker<'_> {
    fn days(&self, (from, to): (NaiveDate, NaiveDate)) -> (i64, i64) {
        (figures::day_number(from), figures::day_number(to))
    }

    /// The tallies of a period, split `by`, through the narrowest cut that answers.
    async fn sum(
        &self,
        c: &mut Conn,
        period: (NaiveDate, NaiveDate),
        by: By,
    ) -> AppResult<Vec<Line>> {
        let (from_day, to_day) = self.days(period);
        let cut = match (self.spec.filtered(), by) {
            (true, _) => Cut::Full,
            (false, By::Channel) => Cut::Channel,
            (false, By::Category) => Cut::Category,
            (false, By::Area) => Cut::Area,
            (false, By::Officer) => Cut::Officer,
            (false, By::Day | By::Nothing) => Cut::All,
        };
        let span = Span {
            cut,
            from_day,
            to_day,
            categories: &self.spec.categories,
            areas: &self.spec.areas,
            channels: &self.spec.channels,
        };
        Ok(aggregates::sum(c, &span, by).await?)
    }

    async fn total(&self, c: &mut Conn, period: (NaiveDate, NaiveDate)) -> AppResult<Counts> {
        Ok(self
            .sum(c, period, By::Nothing)
            .await?
            .into_iter()
            .next()
            .map(|l| l.counts)
            .unwrap_or_default())
    }

    /// A measure's histogram over a period (the whole office: durations are not split).
    async fn histogram(
        &self,
        c: &mut Conn,
        period: (NaiveDate, NaiveDate),
        measure: Measure,
    ) -> AppResult<Vec<(i64, i64)>> {
        let (from_day, to_day) = self.days(period);
        Ok(aggregates::durations(c, measure, from_day, to_day).await?)
    }

    /// A quantile of a measure over a period.
    async fn quantile(
        &self,
        c: &mut Conn,
        period: (NaiveDate, NaiveDate),
        measure: Measure,
        q: f64,
    ) -> AppResult<Cell> {
        let hist = self.histogram(c, period, measure).await?;
        Ok(figures::quantile(&hist, q).map_or(Cell::Empty, Cell::Seconds))
    }

    async fn activity(&self, c: &mut Conn, period: (NaiveDate, NaiveDate)) -> AppResult<Activity> {
        let (from, to) = self.days(period);
        Ok(aggregates::activity(c, days(from, to, self.tz), self.today).await?)
    }

    fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    /// The columns of a table of measures: the measure, this period, and the one before.
    fn measure_columns(&self) -> Vec<String> {
        let mut columns = vec![self.t("report-measure"), self.t("report-this-period")];
        if self.spec.compare {
            columns.push(self.t("report-previous-period"));
        }
        columns
    }

    /// A table of measures, each row `(label key, this period's cell, previous cell)`.
    fn measures(&self, heading: &str, rows: Vec<(&str, Cell, Cell)>) -> Section {
        Section {
            heading: self.t(heading),
            table: Table {
                columns: self.measure_columns(),
                rows: rows
                    .into_iter()
                    .map(|(key, now, before)| Row {
                        label: Cell::Text(self.t(key)),
                        cells: if self.spec.compare {
                            vec![now, before]
                        } else {
                            vec![now]
                        },
                        total: false,
                    })
                    .collect(),
            },
            chart: None,
        }
    }

    async fn concerns(&self, c: &mut Conn) -> AppResult<Vec<Section>> {
        let now = (self.spec.from, self.spec.to);
        let before = self.spec.previous();
        let (a, b) = (self.total(c, now).await?, self.total(c, before).await?);
        let mut rows = vec![
            (
                "report-received",
                Cell::Count(a.received),
                Cell::Count(b.received),
            ),
            (
                "report-acknowledged",
                Cell::Count(a.acknowledged),
                Cell::Count(b.acknowledged),
            ),
            (
                "report-acknowledged-on-time",
                Cell::share(a.acknowledged_on_time, a.acknowledged),
                Cell::share(b.acknowledged_on_time, b.acknowledged),
            ),
            (
                "report-resolved",
                Cell::Count(a.resolved),
                Cell::Count(b.resolved),
            ),
            (
                "report-resolved-on-time",
                Cell::share(a.resolved_on_time, a.resolved),
                Cell::share(b.resolved_on_time, b.resolved),
            ),
            (
                "report-closed",
                Cell::Count(a.closed),
                Cell::Count(b.closed),
            ),
        ];
        // Each histogram read once a period (the resolution's serves two quantiles).
        let mut hists = Vec::with_capacity(4);
        for measure in [Measure::Acknowledge, Measure::Resolve] {
            hists.push((
                self.histogram(c, now, measure).await?,
                self.histogram(c, before, measure).await?,
            ));
        }
        for (key, (a, b), q) in [
            ("report-ack-median", &hists[0], 0.5),
            ("report-resolve-median", &hists[1], 0.5),
            ("report-resolve-p90", &hists[1], 0.9),
        ] {
            let cell = |h| figures::quantile(h, q).map_or(Cell::Empty, Cell::Seconds);
            rows.push((key, cell(a), cell(b)));
        }
        let mut sections = vec![self.measures("report-summary", rows)];
        sections.push(self.over_time(c).await?);
        for (by, heading) in [
            (By::Category, "report-by-category"),
            (By::Area, "report-by-area"),
            (By::Channel, "report-by-channel"),
            (By::Officer, "report-by-officer"),
        ] {
            if by == By::Officer && self.spec.filtered() {
                // The full cut does not split by officer.
                continue;
            }
            sections.push(self.breakdown(c, by, heading).await?);
        }
        Ok(sections)
    }

    /// Received, resolved and closed week by week (a period of up to 92 days) or month
    /// by month.
    async fn over_time(&self, c: &mut Conn) -> AppResult<Section> {
        let lines = self.sum(c, (self.spec.from, self.spec.to), By::Day).await?;
        let weekly = (self.spec.to - self.spec.from).num_days() < 92;
        let bucket = |d: NaiveDate| {
            if weekly {
                let monday = d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
                monday.max(self.spec.from)
            } else {
                d.with_day(1).unwrap_or(d).max(self.spec.from)
            }
        };
        let mut buckets: Vec<(NaiveDate, Counts)> = Vec::new();
        let mut d = self.spec.from;
        while d <= self.spec.to {
            let b = bucket(d);
            if buckets.last().map(|(x, _)| *x) != Some(b) {
                buckets.push((b, Counts::default()));
            }
            d += Duration::days(1);
        }
        for l in lines {
            let b = bucket(figures::day_date(l.key));
            if let Some((_, counts)) = buckets.iter_mut().find(|(x, _)| *x == b) {
                counts.add(&l.counts, 1);
            }
        }
        Ok(Section {
            heading: self.t(if weekly {
                "report-by-week"
            } else {
                "report-by-month"
            }),
            table: Table {
                columns: vec![
                    self.t(if weekly {
                        "report-week-of"
                    } else {
                        "report-month-of"
                    }),
                    self.t("report-received"),
                    self.t("report-resolved"),
                    self.t("report-closed"),
                ],
                rows: buckets
                    .into_iter()
                    .map(|(d, n)| Row {
                        label: Cell::Day(d),
                        cells: vec![
                            Cell::Count(n.received),
                            Cell::Count(n.resolved),
                            Cell::Count(n.closed),
                        ],
                        total: false,
                    })
                    .collect(),
            },
            chart: Some(Chart { series: vec![0, 1] }),
        })
    }

    /// The period's concerns split by category, area, channel or officer, busiest first,
    /// with a total; compared with the period before if asked.
    async fn breakdown(&self, c: &mut Conn, by: By, heading: &str) -> AppResult<Section> {
        let lines = self.sum(c, (self.spec.from, self.spec.to), by).await?;
        let before = if self.spec.compare {
            self.sum(c, self.spec.previous(), by).await?
        } else {
            Vec::new()
        };
        let label = |l: &Line| -> String {
            let find = |list: &[(i64, String)]| {
                list.iter()
                    .find(|(i, _)| *i == l.key)
                    .map(|(_, n)| n.clone())
            };
            match by {
                By::Category => find(&self.names.categories),
                By::Area if l.key == 0 => Some(self.t("report-no-area")),
                By::Area => find(&self.names.areas),
                By::Officer if l.key == 0 => Some(self.t("report-nobody")),
                By::Officer => find(&self.names.officers),
                By::Channel => Some(self.t(&format!("channel-{}", l.channel))),
                By::Day | By::Nothing => None,
            }
            .unwrap_or_else(|| format!("#{}", l.key))
        };
        let mut lines: Vec<Line> = lines.into_iter().filter(|l| !l.counts.is_zero()).collect();
        lines.sort_by(|x, y| {
            y.counts
                .received
                .cmp(&x.counts.received)
                .then(label(x).cmp(&label(y)))
        });
        let mut columns = vec![
            self.t(&format!("report-column-{}", by_word(by))),
            self.t("report-received"),
            self.t("report-acknowledged-on-time"),
            self.t("report-resolved"),
            self.t("report-resolved-on-time"),
        ];
        if self.spec.compare {
            columns.push(self.t("report-received-before"));
        }
        let row = |label: Cell, n: &Counts, previous: i64, total: bool| Row {
            label,
            cells: {
                let mut cells = vec![
                    Cell::Count(n.received),
                    Cell::share(n.acknowledged_on_time, n.acknowledged),
                    Cell::Count(n.resolved),
                    Cell::share(n.resolved_on_time, n.resolved),
                ];
                if self.spec.compare {
                    cells.push(Cell::Count(previous));
                }
                cells
            },
            total,
        };
        let previous_of = |l: &Line| {
            before
                .iter()
                .find(|b| b.key == l.key && b.channel == l.channel)
                .map_or(0, |b| b.counts.received)
        };
        let mut total = Counts::default();
        let mut rows: Vec<Row> = Vec::with_capacity(lines.len() + 1);
        for l in &lines {
            total.add(&l.counts, 1);
            rows.push(row(Cell::Text(label(l)), &l.counts, previous_of(l), false));
        }
        let total_before = before.iter().map(|b| b.counts.received).sum();
        rows.push(row(
            Cell::Text(self.t("report-total")),
            &total,
            total_before,
            true,
        ));
        Ok(Section {
            heading: self.t(heading),
            table: Table { columns, rows },
            chart: Some(Chart { series: vec![0, 2] }),
        })
    }

    async fn grievances(&self, c: &mut Conn) -> AppResult<Vec<Section>> {
        let now = (self.spec.from, self.spec.to);
        let before = self.spec.previous();
        let (a, b) = (self.total(c, now).await?, self.total(c, before).await?);
        let (x, y) = (
            self.activity(c, now).await?,
            self.activity(c, before).await?,
        );
        let rows = vec![
            (
                "report-received",
                Cell::Count(a.received),
                Cell::Count(b.received),
            ),
            (
                "report-acknowledged-within-target",
                Cell::Count(a.acknowledged_on_time),
                Cell::Count(b.acknowledged_on_time),
            ),
            (
                "report-acknowledged-on-time",
                Cell::share(a.acknowledged_on_time, a.acknowledged),
                Cell::share(b.acknowledged_on_time, b.acknowledged),
            ),
            (
                "report-resolved-within-target",
                Cell::Count(a.resolved_on_time),
                Cell::Count(b.resolved_on_time),
            ),
            (
                "report-resolved-on-time",
                Cell::share(a.resolved_on_time, a.resolved),
                Cell::share(b.resolved_on_time, b.resolved),
            ),
            (
                "report-resolve-median",
                self.quantile(c, now, Measure::Resolve, 0.5).await?,
                self.quantile(c, before, Measure::Resolve, 0.5).await?,
            ),
            (
                "report-appealed",
                Cell::Count(x.appeals),
                Cell::Count(y.appeals),
            ),
            (
                "report-upheld",
                Cell::Count(x.upheld),
                Cell::Count(y.upheld),
            ),
            (
                "report-overturned",
                Cell::Count(x.overturned),
                Cell::Count(y.overturned),
            ),
            (
                "report-mediated",
                Cell::Count(x.mediations),
                Cell::Count(y.mediations),
            ),
            (
                "report-settled",
                Cell::Count(x.settled),
                Cell::Count(y.settled),
            ),
            (
                "report-satisfaction-answers",
                Cell::Count(x.satisfaction_answers),
                Cell::Count(y.satisfaction_answers),
            ),
            (
                "report-satisfied",
                Cell::share(x.satisfied, x.satisfaction_answers),
                Cell::share(y.satisfied, y.satisfaction_answers),
            ),
        ];
        let mut sections = vec![self.measures("report-grievance-performance", rows)];
        sections.push(
            self.breakdown(c, By::Category, "report-by-category")
                .await?,
        );
        Ok(sections)
    }

    async fn engagement(&self, c: &mut Conn) -> AppResult<Vec<Section>> {
        let now = (self.spec.from, self.spec.to);
        let before = self.spec.previous();
        let (x, y) = (
            self.activity(c, now).await?,
            self.activity(c, before).await?,
        );
        Ok(vec![self.measures(
            "report-engagement-activity",
            vec![
                (
                    "report-interactions",
                    Cell::Count(x.interactions),
                    Cell::Count(y.interactions),
                ),
                (
                    "report-engagements",
                    Cell::Count(x.engagements),
                    Cell::Count(y.engagements),
                ),
                (
                    "report-attended",
                    Cell::Count(x.attended),
                    Cell::Count(y.attended),
                ),
                (
                    "report-first-time",
                    Cell::Count(x.first_time),
                    Cell::Count(y.first_time),
                ),
            ],
        )])
    }

    async fn commitments(&self, c: &mut Conn) -> AppResult<Vec<Section>> {
        let now = (self.spec.from, self.spec.to);
        let before = self.spec.previous();
        let (x, y) = (
            self.activity(c, now).await?,
            self.activity(c, before).await?,
        );
        let mut sections = vec![self.measures(
            "report-commitments-summary",
            vec![
                (
                    "report-commitments-made",
                    Cell::Count(x.commitments_made),
                    Cell::Count(y.commitments_made),
                ),
                (
                    "report-commitments-due",
                    Cell::Count(x.commitments_due),
                    Cell::Count(y.commitments_due),
                ),
                (
                    "report-commitments-kept",
                    Cell::Count(x.commitments_kept),
                    Cell::Count(y.commitments_kept),
                ),
                (
                    "report-commitments-dropped",
                    Cell::Count(x.commitments_dropped),
                    Cell::Count(y.commitments_dropped),
                ),
                (
                    "report-commitments-late",
                    Cell::Count(x.commitments_late),
                    Cell::Empty,
                ),
            ],
        )];
        let (from, to) = self.days(now);
        let kept = aggregates::kept_commitments(c, days(from, to, self.tz), 500).await?;
        sections.push(Section {
            heading: self.t("report-you-said-we-did"),
            table: Table {
                columns: vec![
                    self.t("report-commitment"),
                    self.t("report-due"),
                    self.t("report-kept-on"),
                ],
                rows: kept
                    .into_iter()
                    .map(|(title, due, kept_at)| Row {
                        label: Cell::Text(title),
                        cells: vec![
                            due.map_or(Cell::Empty, Cell::Day),
                            Cell::Day(figures::day_date(figures::local_day(kept_at, self.tz))),
                        ],
                        total: false,
                    })
                    .collect(),
            },
            chart: None,
        });
        Ok(sections)
    }
}

/// The word of what a breakdown is by, in its column's message key.
fn by_word(by: By) -> &'static str {
    match by {
        By::Category => "category",
        By::Area => "area",
        By::Channel => "channel",
        By::Officer => "officer",
        By::Day | By::Nothing => "day",
    }
}
