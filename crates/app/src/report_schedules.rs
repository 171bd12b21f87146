//! Reports sent monthly by email: a supervisor chooses a standard report with its filters,
//! the day of the month and the members of staff who receive it; on that day, in the
//! morning in the office's time zone, each gets a letter through the outbox with the
//! report's main figures for the month before and links to its page, PDF, spreadsheet and
//! CSV (the figures stay behind the sign-in: a letter carries only its summary).
//!
//! The job looks for schedules due every few minutes; a schedule is moved to its next month
//! in the transaction that writes its letters, on condition that nobody moved it first, so
//! several nodes never send a month twice.

use chrono::TimeZone;
use chrono_tz::Tz;
use liaison_domain::audit::ReportAction;
use liaison_domain::permissions::Permission;
use liaison_domain::reports::{next_sending, SENDING_DAYS};
use liaison_domain::FieldErrors;
use liaison_i18n::Tr;
use liaison_mail::Letter;
use liaison_store::report_schedules::{self as store, NewSchedule};
use liaison_store::{jobs, now, users};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

pub use liaison_store::report_schedules::ReportSchedule;

use crate::accounts::User;
use crate::command::{Flag, List, Text};
use crate::door::Caller;
use crate::outbox::{post, Posting};
use crate::reports::{Cell, MakeReport, Report, Reports, Spec};
use crate::{require, App, AppError, AppResult, Input};

/// The job that sends the reports due, and its schedule's name.
pub(crate) const SCHEDULED_REPORTS: &str = "scheduled_reports";
/// How often the job looks for reports due (seconds): they go within minutes of seven.
const LOOK_EVERY: i64 = 300;
/// The most rows of a report's first table a letter carries.
const FIGURES: usize = 8;

/// A report scheduled (`POST /staff/reports/{report}/schedule`): its filters as on its page
/// (the period is always the month before the sending), the day and the recipients.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ScheduleReport {
    /// The day of the month it goes, 1 to 28, in the morning in the office's time zone.
    pub day: Text,
    /// The members of staff it goes to (ids): each must be active and allowed to read
    /// reports.
    pub recipient: List,
    /// Compare with the month before.
    pub compare: Flag,
    /// Only these areas (ids; `none` for concerns without one).
    pub area: List,
    /// Only these categories (ids).
    pub category: List,
    /// Only these channels.
    pub channel: List,
}

/// Who may receive reports: active staff whose role reads them.
fn may_receive(u: &User) -> bool {
    u.active && u.role.may(Permission::ReadReports)
}

/// When a report sent on `day` goes next after `at` (UTC seconds), in `tz`.
fn next_at(at: i64, tz: Tz, day: i64) -> i64 {
    let local = tz
        .timestamp_opt(at, 0)
        .single()
        .map_or_else(|| chrono::Utc::now().naive_utc(), |t| t.naive_local());
    let next = next_sending(local, u32::try_from(day).unwrap_or(1));
    // A morning that a change of clocks skips goes at the first moment after it.
    tz.from_local_datetime(&next)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(next + chrono::Duration::hours(1)))
                .earliest()
        })
        .map_or(at + 86_400, |t| t.timestamp())
}

impl Reports<'_> {
    /// Who may receive a report `by` schedules: active members of staff who read reports.
    pub async fn possible_recipients(&self, by: &User) -> AppResult<Vec<User>> {
        require(by, Permission::ScheduleReports)?;
        let mut c = self.app.store.read().await?;
        Ok(users::list(&mut c)
            .await?
            .into_iter()
            .filter(may_receive)
            .collect())
    }

    /// Every report sent monthly, soonest first.
    pub async fn schedules(&self, by: &User) -> AppResult<Vec<ReportSchedule>> {
        require(by, Permission::ReadReports)?;
        let mut c = self.app.store.read().await?;
        Ok(store::list(&mut c).await?)
    }

    /// Schedules `report` monthly; answers its id.
    pub async fn schedule(&self, by: &User, report: &str, cmd: &ScheduleReport) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ScheduleReports))?;
        let mut errors = FieldErrors::new();
        let day = match cmd.day.trim().parse::<u32>() {
            Ok(d) if SENDING_DAYS.contains(&d) => Some(i64::from(d)),
            _ => {
                errors.add("day", "error-report-day");
                None
            }
        };
        let possible = self.possible_recipients(by).await?;
        let mut recipients = Vec::new();
        for v in cmd.recipient.0.iter().filter(|v| !v.trim().is_empty()) {
            match v.trim().parse::<i64>() {
                Ok(id) if possible.iter().any(|u| u.id == id) => recipients.push(id),
                _ => errors.add("recipient", "error-choice"),
            }
        }
        recipients.sort_unstable();
        recipients.dedup();
        if recipients.is_empty() && errors.for_field("recipient").is_none() {
            errors.add("recipient", "error-report-recipients");
        }
        let request = MakeReport {
            compare: cmd.compare,
            area: cmd.area.clone(),
            category: cmd.category.clone(),
            channel: cmd.channel.clone(),
            ..MakeReport::default()
        };
        let spec = match self.spec(by, report, &request).await {
            Ok(spec) => Some(spec),
            Err(AppError::Invalid(e)) => {
                errors.0.extend(e.0);
                None
            }
            Err(e) => return Err(e),
        };
        errors.into_result()?;
        let (Some(spec), Some(day)) = (spec, day) else {
            return Err(AppError::Internal("a checked schedule lost its values"));
        };
        let tz = self.app.office().settings().await?.calendar.time_zone;
        let filters = spec.filters_query();
        door.change(async |tx| {
            let at = tx.at;
            let new = NewSchedule {
                report: spec.standard.as_str(),
                filters: &filters,
                day_of_month: day,
                next_at: next_at(at, tz, day),
                recipients: &recipients,
                created_by: by.id,
            };
            let id = store::insert(tx, &new, at).await?;
            tx.record(
                ReportAction::Schedule,
                id,
                json!({
                    "report": new.report,
                    "filters": filters,
                    "day": day,
                    "recipients": recipients,
                }),
            );
            Ok(id)
        })
        .await
    }

    /// Stops a report sent monthly.
    pub async fn unschedule(&self, by: &User, id: i64) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ScheduleReports))?;
        let found = {
            let mut c = self.app.store.read().await?;
            store::get(&mut c, id).await?
        };
        let Some(schedule) = found else {
            return Err(AppError::NotFound);
        };
        door.change(async |tx| {
            store::delete(tx, id).await?;
            tx.record(
                ReportAction::Unschedule,
                id,
                json!({
                    "report": schedule.report,
                    "recipients": schedule.recipients.iter().map(|(id, _)| id).collect::<Vec<_>>(),
                }),
            );
            Ok(())
        })
        .await
    }
}

impl App {
    /// Queues the look for reports due when its time has come, once across all nodes.
    pub(crate) async fn schedule_report_sending(&self) -> AppResult<bool> {
        let mut tx = self.store.write().await?;
        let queued = jobs::claim_schedule(
            &mut tx,
            self.store.backend(),
            SCHEDULED_REPORTS,
            now(),
            LOOK_EVERY,
        )
        .await?;
        tx.commit().await?;
        Ok(queued.is_some())
    }

    /// The job: sends every report due. One that cannot be made (its filters name what is
    /// gone) moves on to its next month, recorded with nothing sent; any other failure
    /// leaves it due, for the next look.
    pub(crate) async fn send_due_reports(&self) -> AppResult<()> {
        let due = {
            let mut c = self.store.read().await?;
            store::due(&mut c, now()).await?
        };
        for schedule in due {
            self.send_report(&schedule).await?;
        }
        Ok(())
    }

    async fn send_report(&self, schedule: &ReportSchedule) -> AppResult<()> {
        let office = self.office().settings().await?;
        let staff = {
            let mut c = self.store.read().await?;
            users::list(&mut c).await?
        };
        // Each recipient still entitled; one of them makes the report (all read the same).
        let to: Vec<&User> = staff
            .iter()
            .filter(|u| schedule.recipients.iter().any(|(id, _)| *id == u.id) && may_receive(u))
            .collect();
        let made = match to.first() {
            Some(maker) => Some(self.monthly(maker, schedule).await),
            None => None,
        };
        let next = next_at(now(), office.calendar.time_zone, schedule.day_of_month);
        let door = self.door(Caller::System("scheduled report"))?;
        door.change(async |tx| {
            let at = tx.at;
            if !store::advance(tx, schedule.id, schedule.next_at, next, Some(at)).await? {
                return Ok(());
            }
            let (report, spec) = match made {
                Some(Ok(made)) => made,
                Some(Err(AppError::Invalid(_) | AppError::NotFound)) | None => {
                    tx.record(
                        ReportAction::Send,
                        schedule.id,
                        json!({ "sent": 0, "next_at": next }),
                    );
                    return Ok(());
                }
                Some(Err(e)) => return Err(e),
            };
            let tr = Tr::new(self.catalog.clone(), "en");
            let (figures, links) = summary(&tr, &report, &spec);
            let backend = tx.backend();
            for u in &to {
                let posting = Posting {
                    to: &u.email,
                    language: "en",
                    letter: Letter::Report {
                        title: &report.title,
                        figures: &figures,
                        links: &links,
                    },
                    about: None,
                    office: &office.name,
                };
                post(self, tx, backend, &posting, at).await?;
            }
            tx.posted();
            tx.record(
                ReportAction::Send,
                schedule.id,
                json!({
                    "sent": to.len(),
                    "to": to.iter().map(|u| u.id).collect::<Vec<_>>(),
                    "from": spec.from.to_string(),
                    "until": spec.to.to_string(),
                    "next_at": next,
                }),
            );
            Ok(())
        })
        .await
    }

    /// The schedule's report for the month before today, made for `by`.
    async fn monthly(&self, by: &User, schedule: &ReportSchedule) -> AppResult<(Report, Spec)> {
        let request: MakeReport = Input::from_urlencoded(schedule.filters.as_bytes())
            .decode()
            .map_err(AppError::Invalid)?;
        let reports = self.reports();
        let spec = reports.spec(by, &schedule.report, &request).await?;
        // Staff letters are written in English for now.
        let report = reports.make(by, &spec, "en").await?;
        Ok((report, spec))
    }
}

/// A letter's figures (the first table's first rows, with the month before when compared)
/// and links (the page, then each file).
type Summary = (Vec<(String, String)>, Vec<(String, String)>);

fn summary(tr: &Tr, report: &Report, spec: &Spec) -> Summary {
    let value = |c: &Cell| match c {
        Cell::Empty => "–".to_string(),
        other => other.plain(),
    };
    let figures = report
        .sections
        .first()
        .map(|s| {
            s.table
                .rows
                .iter()
                .take(FIGURES)
                .map(|row| {
                    let now = row.cells.first().map(value).unwrap_or_default();
                    let shown = match (spec.compare, row.cells.get(1)) {
                        (true, Some(before)) => tr.t2(
                            "report-letter-compared",
                            ("value", now),
                            ("before", value(before)),
                        ),
                        _ => now,
                    };
                    (row.label.plain(), shown)
                })
                .collect()
        })
        .unwrap_or_default();
    let path = format!("/staff/reports/{}", spec.standard.as_str());
    let query = spec.query();
    let mut links = vec![(tr.t("report-letter-open"), format!("{path}?{query}"))];
    for (key, file) in [
        ("report-download-pdf", "report.pdf"),
        ("report-download-xlsx", "report.xlsx"),
        ("report-download-csv", "report.csv"),
    ] {
        links.push((tr.t(key), format!("{path}/{file}?{query}")));
    }
    (figures, links)
}

#[cfg(test)]
mod tests {
    use super::next_at;
    use chrono::TimeZone;

    #[test]
    fn a_report_goes_at_seven_in_the_offices_zone() {
        let tz: chrono_tz::Tz = "America/Bogota".parse().expect("zone");
        // 3 December 2026, noon in Bogotá (UTC-5): the 5th at seven, then January's.
        let noon = tz
            .with_ymd_and_hms(2026, 12, 3, 12, 0, 0)
            .unwrap()
            .timestamp();
        let fifth = tz
            .with_ymd_and_hms(2026, 12, 5, 7, 0, 0)
            .unwrap()
            .timestamp();
        assert_eq!(next_at(noon, tz, 5), fifth);
        let january = tz
            .with_ymd_and_hms(2027, 1, 5, 7, 0, 0)
            .unwrap()
            .timestamp();
        assert_eq!(next_at(fifth, tz, 5), january);
    }
}
