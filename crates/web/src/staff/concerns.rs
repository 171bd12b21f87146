//! Queues and the concern page, with its workflow, assignment, note and duplicate forms.

use askama::Template;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use liaison_app::accounts::User;
use liaison_app::appeals::AppealView;
use liaison_app::attachments::Attachment;
use liaison_app::commitments::{reference, Commitment};
use liaison_app::concerns::{AttachFiles, Author, Line, StaffView};
use liaison_app::concerns::{QueueFilter, Sort, Summary};
use liaison_app::mediation::Mediation;
use liaison_app::office::Area;
use liaison_app::office::Category;
use liaison_app::{now, search};
use liaison_app::{AppError, Input};
use liaison_domain::concerns::{Channel, Confidentiality, Priority, Status};
use liaison_domain::permissions::Permission;
use liaison_domain::FieldErrors;
use serde::de::IgnoredAny;

use crate::context::{Ctx, FormState, Lang};
use crate::fmt::{deadline, Deadline};
use crate::forms::{Outcome, StaffForm, StaffUpload};
use crate::routing::{get, post, Routes};
use crate::session::Staff;
use crate::{errors, render, AppState};

/// Queue and concern-page routes; files attached on the concern page come in a body of up
/// to `upload_limit` bytes.
pub fn routes(upload_limit: usize) -> Routes {
    Routes::new()
        .route("/staff/concerns", get(queue))
        .route("/staff/concerns/{id}", get(page))
        .route(
            "/staff/concerns/{id}/attachments",
            post(attach).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/staff/concerns/{id}/{form}", post(step))
        .route("/staff/find", get(find))
}

/// Queue tabs: (view word, message key).
const VIEWS: &[(&str, &str)] = &[
    ("open", "view-open"),
    ("mine", "view-mine"),
    ("unassigned", "view-unassigned"),
    ("overdue", "view-overdue"),
    ("due_soon", "view-due-soon"),
    ("all", "view-all"),
];

/// Rows per queue page.
const PAGE_SIZE: i64 = 50;

/// One queue row with its deadline worked out.
pub struct Row {
    s: Summary,
    deadline: Deadline,
}

#[derive(Template)]
#[template(path = "staff/queue.html")]
struct Queue {
    ctx: Ctx,
    form: FormState,
    view: String,
    rows: Vec<Row>,
    next: Option<String>,
    first: Option<String>,
    /// A search stopped at the most recent concerns before it had a page: older ones may
    /// match, on the next page.
    searched_recent_only: bool,
    categories: Vec<Category>,
    areas: Vec<Area>,
    views: &'static [(&'static str, &'static str)],
    sorts: [Sort; 5],
}

impl Queue {
    fn statuses(&self) -> &'static [Status] {
        Status::ALL
    }
    fn priorities(&self) -> &'static [Priority] {
        Priority::ALL
    }
    fn channels(&self) -> &'static [Channel] {
        Channel::ALL
    }
    fn levels(&self) -> &'static [Confidentiality] {
        Confidentiality::ALL
    }

    /// The queue's export, with its filters.
    fn export_href(&self) -> String {
        super::exports::href("/staff/concerns/export.csv", &self.form.input, "after")
    }
}

/// Reads a queue's filters from the query string, naming each one that makes no sense.
pub(crate) fn filter_from(
    input: &Input,
    user: &User,
    tz: chrono_tz::Tz,
) -> (QueueFilter, FieldErrors) {
    let mut errors = FieldErrors::new();
    let t = now();
    let mut f = QueueFilter {
        limit: PAGE_SIZE,
        now: t,
        due_soon_until: t + 86_400,
        ..QueueFilter::default()
    };
    match input.get("view") {
        "" | "open" => f.open_only = true,
        "mine" => {
            f.assignee = Some(user.id);
            f.open_only = true;
        }
        "unassigned" => {
            f.unassigned = true;
            f.open_only = true;
        }
        "overdue" => f.overdue = true,
        "due_soon" => f.due_soon = true,
        "all" => {}
        _ => errors.add("view", "error-choice"),
    }
    fn opt<T>(
        errors: &mut FieldErrors,
        input: &Input,
        field: &str,
        parse: impl Fn(&str) -> Result<T, &'static str>,
    ) -> Option<T> {
        match input.get(field).trim() {
            "" => None,
            v => errors.take(field, parse(v)),
        }
    }
    let id = |v: &str| v.parse::<i64>().map_err(|_| "error-choice");
    f.status = opt(&mut errors, input, "status", Status::parse);
    if f.status.is_some() {
        f.open_only = false;
    }
    f.category = opt(&mut errors, input, "category", id);
    f.area = opt(&mut errors, input, "area", id);
    f.priority = opt(&mut errors, input, "priority", Priority::parse);
    f.channel = opt(&mut errors, input, "channel", Channel::parse);
    f.confidentiality = opt(
        &mut errors,
        input,
        "confidentiality",
        Confidentiality::parse,
    );
    f.received_from = opt(&mut errors, input, "from", |v| crate::fmt::parse_day(v, tz)).flatten();
    f.received_until = opt(&mut errors, input, "to", |v| crate::fmt::parse_day(v, tz))
        .flatten()
        .map(|d| d + 86_400);
    f.sort = opt(&mut errors, input, "sort", Sort::parse).unwrap_or_default();
    // A reference typed in the search box finds exactly that concern.
    match liaison_domain::values::parse_reference(input.get("q")) {
        Some(r) => f.reference = Some(r),
        None => f.search = search::terms(input.get("q")),
    }
    if input.get("q").chars().count() > 200 {
        errors.add("q", "error-too-long");
    }
    f.after = opt(&mut errors, input, "after", |v| {
        v.split('.')
            .map(|p| p.parse::<i64>().map_err(|_| "error-cursor"))
            .collect::<Result<Vec<_>, _>>()
    });
    (f, errors)
}

/// The query string of `input` with `after` replaced.
fn link(input: &Input, after: Option<&[i64]>) -> String {
    let mut pairs: Vec<(String, String)> = input
        .0
        .iter()
        .filter(|(k, v)| k != "after" && !v.is_empty())
        .cloned()
        .collect();
    if let Some(a) = after {
        pairs.push((
            "after".into(),
            a.iter().map(i64::to_string).collect::<Vec<_>>().join("."),
        ));
    }
    let q: Vec<String> = pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                crate::session::percent(k),
                crate::session::percent(v)
            )
        })
        .collect();
    format!("/staff/concerns?{}", q.join("&"))
}

async fn queue(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(query): RawQuery,
) -> Response {
    let input = Input::from_urlencoded(query.as_deref().unwrap_or("").as_bytes());
    let ctx = Ctx::staff(&state, &staff, lang, "concerns", "/staff/concerns").await;
    let (filter, errors) = filter_from(&input, &staff.user, ctx.tz);
    let (rows, next) = match state.app.concerns().queue(&staff.user, &filter).await {
        Ok(r) => r,
        Err(e) => return errors::page(&ctx, e),
    };
    let (categories, areas) = match (
        state.app.office().categories(false, false).await,
        state.app.office().areas(true).await,
    ) {
        (Ok(k), Ok(a)) => (k, a),
        (Err(e), _) | (_, Err(e)) => return errors::page(&ctx, e),
    };
    let t = now();
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|s| {
            // The deadline that matters now: acknowledgement first, then resolution.
            let (due, met) = if s.acknowledged_at.is_none() && s.ack_due_at < s.resolve_due_at {
                (s.ack_due_at, false)
            } else {
                (s.resolve_due_at, !s.status.is_open())
            };
            let deadline = deadline(&ctx.tr, due, t, s.paused_at.is_some(), met);
            Row { s, deadline }
        })
        .collect();
    let failed = !errors.is_empty();
    let searched_recent_only =
        !filter.search.is_empty() && next.is_some() && (rows.len() as i64) < filter.limit;
    let page = Queue {
        searched_recent_only,
        view: input.get("view").to_string(),
        next: next.as_deref().map(|a| link(&input, Some(a))),
        first: filter.after.as_ref().map(|_| link(&input, None)),
        form: FormState::failed(input, errors),
        ctx,
        rows,
        categories,
        areas,
        views: VIEWS,
        sorts: Sort::ALL,
    };
    let code = if failed {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    (code, render(&page)).into_response()
}

#[derive(Template)]
#[template(path = "staff/concern.html")]
struct Page {
    ctx: Ctx,
    v: StaffView,
    staff: Vec<User>,
    category: Option<Category>,
    form: FormState,
    done: String,
    ack: Deadline,
    resolve: Deadline,
    appeals: Vec<AppealView>,
    commitments: Vec<Commitment>,
    /// Whether the staff member looking may record commitments on it.
    can_commit: bool,
    mediations: Vec<Mediation>,
    /// Whether the staff member looking may propose mediation, and to whom.
    can_mediate: bool,
    /// The staff member looking (an appeal of their own decision is someone else's).
    user_id: i64,
}

impl Page {
    /// The label of an answer's question and the answer as text.
    fn answers(&self) -> Vec<(String, String)> {
        use liaison_domain::categories::{AnswerValue, QuestionKind};
        use liaison_domain::values::{self, DateOrTime};
        self.v
            .concern
            .answers
            .iter()
            .map(|(code, value)| {
                let q = self
                    .category
                    .as_ref()
                    .and_then(|k| k.questions.iter().find(|q| &q.code == code));
                let label = q.map_or(code.clone(), |q| q.label.clone());
                let text = match value {
                    AnswerValue::One(v) if q.is_some_and(|q| q.kind == QuestionKind::Date) => {
                        // A date as it was given; a date and time in the office's zone, as
                        // every other time on staff pages.
                        match values::date_or_time(v, self.ctx.tz) {
                            Ok(DateOrTime::At(at)) => {
                                crate::fmt::datetime(at.timestamp(), self.ctx.tz)
                            }
                            _ => v.clone(),
                        }
                    }
                    AnswerValue::One(v) => q.map_or(v.as_str(), |q| q.choice_label(v)).to_string(),
                    AnswerValue::Many(vs) => vs
                        .iter()
                        .map(|v| q.map_or(v.as_str(), |q| q.choice_label(v)).to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                };
                (label, text)
            })
            .collect()
    }

    /// A timeline line for staff.
    fn event_text(&self, e: &Line) -> String {
        use liaison_domain::concerns::LineKind;
        let tr = &self.ctx.tr;
        match e.kind {
            LineKind::Transition => {
                let from = e
                    .changed_from
                    .map(|s| self.ctx.status_label(&s))
                    .unwrap_or_default();
                let to = e
                    .changed_to
                    .map(|s| self.ctx.status_label(&s))
                    .unwrap_or_default();
                format!("{from} → {to}")
            }
            LineKind::Assigned => tr.t1("event-assigned", "name", e.body.clone()),
            LineKind::Unassigned => tr.t("event-unassigned"),
            LineKind::Duplicate if e.body.is_empty() => tr.t("event-duplicate-cleared"),
            LineKind::Duplicate => tr.t1("track-duplicate", "reference", e.body.clone()),
            LineKind::Received => tr.t("event-received"),
            LineKind::Note => tr.t("event-note"),
            LineKind::Update => tr.t("event-update"),
            LineKind::Attached => tr.t1("event-attached", "name", e.body.clone()),
            LineKind::Reply => tr.t("event-reply"),
            LineKind::Satisfied => tr.t("event-satisfied"),
            LineKind::Dissatisfied => tr.t("event-dissatisfied"),
            LineKind::Escalation if e.body == "overdue" => tr.t("event-escalation-overdue"),
            LineKind::Escalation => tr.t("event-escalation-unacknowledged"),
        }
    }

    /// Where an attachment is downloaded.
    fn file_path(&self, a: &Attachment) -> String {
        crate::attachments::staff_path(a)
    }

    /// Whether an attachment shows as a picture.
    fn is_image(&self, a: &Attachment) -> bool {
        crate::attachments::kind(a).is_some_and(|k| k.is_image())
    }

    /// An attachment's kind and size, such as "JPEG photo · 240 KB".
    fn file_facts(&self, a: &Attachment) -> String {
        let kind = crate::attachments::kind(a).map_or("other", |k| k.as_str());
        format!(
            "{} · {}",
            self.ctx.word("file-kind", kind),
            crate::fmt::size(&self.ctx.tr, a.size_bytes)
        )
    }

    /// Who attached a file.
    fn attached_by(&self, a: &Attachment) -> String {
        self.author(Author::of_attachment(a))
    }

    /// Whether an event carries free text to show under its line.
    fn shows_body(&self, e: &Line) -> bool {
        use liaison_domain::concerns::LineKind;
        !e.body.is_empty()
            && matches!(
                e.kind,
                LineKind::Transition
                    | LineKind::Note
                    | LineKind::Update
                    | LineKind::Reply
                    | LineKind::Satisfied
                    | LineKind::Dissatisfied
            )
    }

    /// Whether the concern is assigned to user `id`.
    /// A commitment's human reference.
    fn commitment_ref(&self, id: &i64) -> String {
        reference(*id)
    }

    /// An appeal waiting for its review, of a decision this staff member took.
    fn decided_by_me(&self, a: &AppealView) -> bool {
        a.appeal.outcome.is_none() && a.appeal.decision.by == Some(self.user_id)
    }

    fn assigned_to(&self, id: &i64) -> bool {
        self.v.concern.assignee_id == Some(*id)
    }

    /// Whether the concern is about this member of staff.
    fn about(&self, id: &i64) -> bool {
        self.v.concern.about_staff_id == Some(*id)
    }

    /// Who did it.
    fn who(&self, e: &Line) -> String {
        self.author(Author::of_line(e))
    }

    fn author(&self, a: Author<'_>) -> String {
        match a {
            Author::Staff(name) => name.to_string(),
            Author::Resident => self.ctx.t("actor-resident"),
            Author::Client => self.ctx.t("actor-client"),
            Author::System => self.ctx.t("actor-system"),
        }
    }
}

fn parse_id(id: &str) -> Result<i64, AppError> {
    id.parse().map_err(|_| AppError::NotFound)
}

#[derive(serde::Deserialize, Default)]
struct Done {
    #[serde(default)]
    done: String,
}

async fn page(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
    axum::extract::Query(done): axum::extract::Query<Done>,
) -> Response {
    show(&state, lang, &staff, &id, FormState::default(), &done.done).await
}

/// Renders the concern page, with a form's errors when one failed.
pub(super) async fn show(
    state: &AppState,
    lang: &'static str,
    staff: &Staff,
    id: &str,
    form: FormState,
    done: &str,
) -> Response {
    let path = format!("/staff/concerns/{id}");
    let ctx = Ctx::staff(state, staff, lang, "concerns", &path).await;
    let loaded = async {
        let n = parse_id(id)?;
        let v = state.app.concerns().get(&staff.user, n).await?;
        let appeals = state.app.concerns().appeals(&staff.user, n).await?;
        let commitments = state.app.commitments().of_concern(&staff.user, n).await?;
        let mediations = state.app.mediations().of_concern(&staff.user, n).await?;
        let staff_list = if v.can_assign {
            state.app.accounts().assignable_staff().await?
        } else {
            Vec::new()
        };
        let category = state
            .app
            .office()
            .category(v.concern.category_id)
            .await
            .ok();
        Ok::<_, AppError>((v, staff_list, category, (appeals, commitments, mediations)))
    };
    let (v, staff_list, category, (appeals, commitments, mediations)) = match loaded.await {
        Ok(x) => x,
        Err(e) => return errors::page(&ctx, e),
    };
    let t = now();
    let x = &v.concern;
    let paused = x.paused_at.is_some();
    let ack = deadline(
        &ctx.tr,
        x.ack_due_at,
        t,
        paused,
        x.acknowledged_at.is_some(),
    );
    let resolve = deadline(&ctx.tr, x.resolve_due_at, t, paused, !x.status.is_open());
    let code = if form.failed_any() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = Page {
        ctx,
        v,
        staff: staff_list,
        category,
        form,
        done: done.to_string(),
        ack,
        resolve,
        appeals,
        commitments,
        can_commit: staff.user.role.may(Permission::KeepCommitments),
        mediations,
        can_mediate: staff.user.role.may(Permission::Mediate),
        user_id: staff.user.id,
    };
    (code, render(&page)).into_response()
}

/// Handles one of the concern page's forms (`act`, `assign`, `notes`, `satisfaction`,
/// `appeal`, `duplicate`), each
/// decoded into its own command: the operation, then back to the page — or the page again
/// with the form's errors.
async fn step(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((id, kind)): Path<(String, String)>,
    // Which command the fields are depends on the form: decoded below.
    StaffForm { staff, input, .. }: StaffForm<IgnoredAny>,
) -> Response {
    let (app, user) = (&state.app, &staff.user);
    let result = async {
        let n = parse_id(&id)?;
        match kind.as_str() {
            "act" => app
                .concerns()
                .act(user, n, &input.decode()?)
                .await
                .map(|_| "status"),
            "assign" => {
                (app.concerns().assign(user, n, &input.decode()?).await).map(|()| "assigned")
            }
            "notes" => (app.concerns().add_note(user, n, &input.decode()?).await).map(|()| "noted"),
            "appeal" => {
                (app.concerns().appeal(user, n, &input.decode()?).await).map(|()| "appealed")
            }
            "about" => {
                (app.concerns().about_staff(user, n, &input.decode()?).await).map(|()| "about")
            }
            "satisfaction" => (app
                .concerns()
                .record_satisfaction(user, n, &input.decode()?)
                .await)
                .map(|()| "satisfaction"),
            "duplicate" => (app
                .concerns()
                .mark_duplicate(user, n, &input.decode()?)
                .await)
                .map(|()| "duplicate"),
            _ => Err(AppError::NotFound),
        }
    }
    .await;
    let ctx = Ctx::staff(&state, &staff, lang, "concerns", "/staff/concerns").await;
    Outcome::new(ctx, input, result)
        .redirect(
            |done| format!("/staff/concerns/{id}?done={done}"),
            async |_, failed| show(&state, lang, &staff, &id, failed, "").await,
        )
        .await
}

/// Attaches files from the concern page's attachment form.
async fn attach(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    StaffUpload { form, uploads }: StaffUpload<AttachFiles>,
) -> Response {
    let StaffForm {
        staff,
        command,
        input,
    } = form;
    let result = match parse_id(&id) {
        Ok(n) => {
            (state.app.concerns())
                .attach(&staff.user, n, &command, &uploads)
                .await
        }
        Err(e) => Err(e),
    };
    let ctx = Ctx::staff(&state, &staff, lang, "concerns", "/staff/concerns").await;
    Outcome::new(ctx, input, result)
        .redirect(
            |_| format!("/staff/concerns/{id}?done=attached"),
            async |_, failed| show(&state, lang, &staff, &id, failed, "").await,
        )
        .await
}

/// Goes straight to a concern by its reference.
async fn find(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(q): RawQuery,
) -> Response {
    let input = Input::from_urlencoded(q.as_deref().unwrap_or("").as_bytes());
    match state
        .app
        .concerns()
        .id_by_reference(&staff.user, input.get("reference"))
        .await
    {
        Ok(id) => Redirect::to(&format!("/staff/concerns/{id}")).into_response(),
        Err(e) => {
            let ctx = Ctx::staff(&state, &staff, lang, "concerns", "/staff/find").await;
            errors::page(&ctx, e)
        }
    }
}
