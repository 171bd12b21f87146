//! The engagement log's pages: the log with its filters, one interaction's page with its
//! follow-ups, the form that logs or changes one, each officer's task list, and the key
//! stakeholders nobody has contacted lately.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use liaison_app::accounts::User;
use liaison_app::commitments::{self, Commitment};
use liaison_app::concerns::{QueueFilter, Sort, Summary};
use liaison_app::interactions::{
    cursor_text, filter_from, AddFollowUp, FollowUp, LogInteraction, Logged, Neglected, Standing,
    Task, View,
};
use liaison_app::stakeholders::Stakeholder;
use liaison_app::{AppError, AppResult, Input};
use liaison_domain::interactions::{InteractionKind, InteractionLine};
use liaison_domain::permissions::Permission;
use liaison_domain::records::RecordKind;
use liaison_domain::stakeholders::Attitude;
use liaison_domain::values::{day_text, Day};
use liaison_domain::Confidentiality;

use crate::context::{Ctx, FormState, Lang};
use crate::forms::{record_id, Outcome, StaffForm};
use crate::routing::{get, post, Routes};
use crate::session::Staff;
use crate::{errors, render, AppState};

/// The engagement log's routes.
pub fn routes() -> Routes {
    Routes::new()
        .route("/staff/interactions", get(list).post(log))
        .route("/staff/interactions/new", get(new))
        .route("/staff/interactions/{id}", get(page).post(update))
        .route("/staff/interactions/{id}/edit", get(edit))
        .route("/staff/interactions/{id}/follow-ups", post(add_follow_up))
        .route("/staff/follow-ups/{id}/done", post(done))
        .route("/staff/follow-ups/{id}/reopen", post(reopen))
        .route("/staff/tasks", get(tasks))
        .route("/staff/people/not-contacted", get(people_not_contacted))
        .route(
            "/staff/organizations/not-contacted",
            get(organizations_not_contacted),
        )
}

/// Rows per page of the log.
const PAGE: i64 = 50;

/// The start of a long text.
fn excerpt(text: &str) -> String {
    crate::fmt::excerpt(text, 160)
}

/// The page of a person or an organization.
fn href(s: &Stakeholder) -> String {
    match s.record().kind {
        RecordKind::Organization => format!("/staff/organizations/{}", s.id),
        _ => format!("/staff/people/{}", s.id),
    }
}

#[derive(Template)]
#[template(path = "staff/interactions.html")]
struct ListPage {
    ctx: Ctx,
    form: FormState,
    found: Vec<(Logged, Vec<Stakeholder>)>,
    officers: Vec<User>,
    next: Option<String>,
    may_log: bool,
}

impl ListPage {
    fn kinds(&self) -> Vec<&'static str> {
        InteractionKind::ALL.iter().map(|k| k.as_str()).collect()
    }

    fn day(&self, d: &Day) -> String {
        day_text(*d)
    }

    fn excerpt(&self, text: &str) -> String {
        excerpt(text)
    }

    /// The log's export, with its filters.
    fn export_href(&self) -> String {
        super::exports::href("/staff/interactions/export.csv", &self.form.input, "before")
    }

    /// The query string of the next page: this page's filters and where it ends.
    fn next_href(&self, before: &str) -> String {
        let mut q: Vec<String> = (self.form.input.0.iter())
            .filter(|(k, v)| k != "before" && !v.is_empty())
            .map(|(k, v)| format!("{k}={}", crate::session::percent(v)))
            .collect();
        q.push(format!("before={}", crate::session::percent(before)));
        format!("/staff/interactions?{}", q.join("&"))
    }
}

async fn list(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    let input = Input::from_urlencoded(raw.as_deref().unwrap_or("").as_bytes());
    let ctx = Ctx::staff(&state, &staff, lang, "interactions", "/staff/interactions").await;
    let filter = filter_from(|f| input.get(f).to_string(), PAGE);
    let app = state.app.interactions();
    let found = async {
        Ok::<_, AppError>((
            app.list(&staff.user, &filter).await?,
            app.officers(&staff.user).await?,
        ))
    }
    .await;
    match found {
        Ok(((found, next), officers)) => render(&ListPage {
            ctx,
            form: FormState::with(input.0.clone()),
            found,
            officers,
            next: next.map(|n| cursor_text(&n)),
            may_log: staff.user.role.may(Permission::LogInteractions),
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

#[derive(Template)]
#[template(path = "staff/interaction_form.html")]
struct FormPage {
    ctx: Ctx,
    /// The interaction changed, or none for a new one.
    id: Option<i64>,
    form: FormState,
    /// The participants named by id in the form, with their names.
    named: Vec<Stakeholder>,
    officers: Vec<User>,
    /// The one filling the form in (a follow-up's owner unless said).
    me: i64,
}

impl FormPage {
    fn action(&self) -> String {
        match self.id {
            Some(id) => format!("/staff/interactions/{id}"),
            None => "/staff/interactions".into(),
        }
    }

    fn kinds(&self) -> Vec<&'static str> {
        InteractionKind::ALL.iter().map(|k| k.as_str()).collect()
    }

    fn attitudes(&self) -> Vec<&'static str> {
        Attitude::ALL.iter().map(|a| a.as_str()).collect()
    }

    fn levels_of_confidentiality(&self) -> Vec<&'static str> {
        Confidentiality::ALL.iter().map(|c| c.as_str()).collect()
    }

    /// Those of a participant field's values that name a record by id, as checked boxes.
    fn named_in(&self, field: &str) -> Vec<&Stakeholder> {
        let kind = participant_kind(field);
        (self.form.input.0.iter())
            .filter(|(k, _)| k == field)
            .filter_map(|(_, v)| {
                let id = v.trim().trim_start_matches('#').parse::<i64>().ok()?;
                self.named
                    .iter()
                    .find(|s| s.record().kind == kind && s.id == id)
            })
            .collect()
    }

    /// A participant field's values typed as names (or unknown ids), then two empty ones.
    fn typed_in(&self, field: &str) -> Vec<String> {
        let named: Vec<i64> = self.named_in(field).iter().map(|s| s.id).collect();
        let mut out: Vec<String> = (self.form.input.0.iter())
            .filter(|(k, v)| k == field && !v.trim().is_empty())
            .filter(|(_, v)| {
                !v.trim()
                    .trim_start_matches('#')
                    .parse::<i64>()
                    .is_ok_and(|id| named.contains(&id))
            })
            .map(|(_, v)| v.clone())
            .collect();
        out.extend([String::new(), String::new()]);
        out
    }

    /// Whether an officer is ticked: as sent, or the one filling in a new form.
    fn officer_checked(&self, u: &User) -> bool {
        let sent = self.form.input.0.iter().any(|(k, _)| k == "officers");
        if sent {
            self.form.has("officers", &u.id.to_string())
        } else {
            u.id == self.me
        }
    }

    /// The follow-up rows: as sent, then empty ones up to three.
    fn follow_up_rows(&self) -> Vec<(String, String, String)> {
        let values = |f: &str| -> Vec<String> {
            (self.form.input.0.iter())
                .filter(|(k, _)| k == f)
                .map(|(_, v)| v.clone())
                .collect()
        };
        let (what, owner, due) = (
            values("follow_up"),
            values("follow_up_owner"),
            values("follow_up_due_on"),
        );
        let mut rows: Vec<(String, String, String)> = (0..what.len().max(due.len()))
            .map(|i| {
                let at = |l: &Vec<String>| l.get(i).cloned().unwrap_or_default();
                (at(&what), at(&owner), at(&due))
            })
            .filter(|(w, _, d)| !w.trim().is_empty() || !d.trim().is_empty())
            .collect();
        while rows.len() < 3 {
            rows.push((String::new(), self.me.to_string(), String::new()));
        }
        rows
    }
}

fn participant_kind(field: &str) -> RecordKind {
    match field {
        "organizations" => RecordKind::Organization,
        _ => RecordKind::Person,
    }
}

/// The form, with the records its participant fields name by id.
async fn form_page(
    state: &AppState,
    staff: &Staff,
    ctx: Ctx,
    id: Option<i64>,
    form: FormState,
) -> Response {
    let found = async {
        let mut refs = Vec::new();
        for field in ["people", "organizations"] {
            for (_, v) in form.input.0.iter().filter(|(k, _)| k == field) {
                if let Ok(id) = v.trim().trim_start_matches('#').parse::<i64>() {
                    refs.push(liaison_domain::records::RecordRef {
                        kind: participant_kind(field),
                        id,
                    });
                }
            }
        }
        Ok::<_, AppError>((
            state
                .app
                .stakeholders()
                .visible_records(&staff.user, &refs)
                .await?,
            state.app.interactions().officers(&staff.user).await?,
        ))
    }
    .await;
    match found {
        Ok((named, officers)) => render(&FormPage {
            ctx,
            id,
            form,
            named,
            officers,
            me: staff.user.id,
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

async fn new(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "interactions", "/staff/interactions").await;
    if !staff.user.role.may(Permission::LogInteractions) {
        return errors::page(&ctx, AppError::Forbidden);
    }
    let sent = Input::from_urlencoded(raw.as_deref().unwrap_or("").as_bytes());
    let mut pairs: Vec<(String, String)> = (sent.0.into_iter())
        .filter(|(k, _)| k == "people" || k == "organizations")
        .collect();
    pairs.push(("kind".into(), InteractionKind::Meeting.as_str().into()));
    pairs.push(("happened_on".into(), day_text(ctx.today())));
    pairs.push(("confidentiality".into(), "restricted".into()));
    form_page(&state, &staff, ctx, None, FormState::with(pairs)).await
}

async fn log(
    State(state): State<AppState>,
    Lang(lang): Lang,
    form: StaffForm<LogInteraction>,
) -> Response {
    let StaffForm {
        staff,
        command,
        input,
    } = form;
    let ctx = Ctx::staff(&state, &staff, lang, "interactions", "/staff/interactions").await;
    let result = state.app.interactions().log(&staff.user, &command).await;
    Outcome::new(ctx, input, result)
        .redirect(
            |id| format!("/staff/interactions/{id}"),
            async |ctx, form| form_page(&state, &staff, ctx, None, form).await,
        )
        .await
}

/// The form's fields holding an interaction as stored.
fn fields_of(x: &Logged) -> Vec<(String, String)> {
    let i = &x.interaction;
    let mut pairs = vec![
        ("kind".to_string(), i.kind.as_str().to_string()),
        ("happened_on".into(), day_text(i.happened_on)),
        ("summary".into(), i.summary.clone()),
        ("topics".into(), i.topics.join(", ")),
        (
            "attitude".into(),
            i.attitude.map(|a| a.as_str()).unwrap_or("").into(),
        ),
        ("confidentiality".into(), i.confidentiality.as_str().into()),
    ];
    for p in &i.participants {
        let field = match p.kind {
            RecordKind::Organization => "organizations",
            _ => "people",
        };
        pairs.push((field.into(), p.id.to_string()));
    }
    pairs.extend(
        i.officers
            .iter()
            .map(|o| ("officers".into(), o.to_string())),
    );
    pairs
}

async fn edit(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "interactions", "/staff/interactions").await;
    if !staff.user.role.may(Permission::LogInteractions) {
        return errors::page(&ctx, AppError::Forbidden);
    }
    let found = match record_id(&id) {
        Ok(id) => state.app.interactions().get(&staff.user, id).await,
        Err(e) => Err(e),
    };
    match found {
        Ok(v) => {
            let form = FormState::with(fields_of(&v.logged));
            form_page(&state, &staff, ctx, Some(v.logged.id), form).await
        }
        Err(e) => errors::page(&ctx, e),
    }
}

async fn update(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<LogInteraction>,
) -> Response {
    let StaffForm {
        staff,
        command,
        input,
    } = form;
    let ctx = Ctx::staff(&state, &staff, lang, "interactions", "/staff/interactions").await;
    let id = record_id(&id).ok();
    let result = match id {
        Some(id) => {
            (state.app.interactions())
                .update(&staff.user, id, &command)
                .await
        }
        None => Err(AppError::NotFound),
    };
    Outcome::new(ctx, input, result)
        .redirect(
            |()| format!("/staff/interactions/{}", id.unwrap_or_default()),
            async |ctx, form| form_page(&state, &staff, ctx, id, form).await,
        )
        .await
}

#[derive(Template)]
#[template(path = "staff/interaction.html")]
struct Page {
    ctx: Ctx,
    v: View,
    /// The "add a follow-up" form: blank, or as sent with its errors.
    form: FormState,
    officers: Vec<User>,
    today: Day,
    may_log: bool,
}

impl Page {
    fn day(&self, d: &Day) -> String {
        day_text(*d)
    }

    fn href(&self, s: &Stakeholder) -> String {
        href(s)
    }

    fn standing(&self, f: &FollowUp) -> &'static str {
        Standing::of(f.terms.due_on, f.done_at.is_some(), self.today).as_str()
    }

    /// What an interaction's timeline line says.
    fn line(&self, l: &liaison_app::interactions::Line) -> String {
        let ctx = &self.ctx;
        match l.kind {
            InteractionLine::Changed => {
                let fields: Vec<String> = (l.body.split(", "))
                    .map(|f| match f {
                        // `kind` names another field on the office's pages.
                        "kind" => ctx.t("field-interaction-kind"),
                        f => ctx.field_label(f),
                    })
                    .collect();
                ctx.t1("interaction-line-changed", "fields", &fields.join(", "))
            }
            InteractionLine::FollowUpDone | InteractionLine::FollowUpReopened => {
                let what = (self.v.logged.follow_ups.iter())
                    .find(|f| f.id.to_string() == l.body)
                    .map(|f| f.terms.what.clone())
                    .unwrap_or_default();
                ctx.t1(
                    &format!("interaction-line-{}", l.kind.as_str()),
                    "what",
                    &what,
                )
            }
            InteractionLine::Created => ctx.word("interaction-line", l.kind.as_str()),
        }
    }
}

async fn interaction_page(
    state: &AppState,
    staff: &Staff,
    ctx: Ctx,
    id: AppResult<i64>,
    form: FormState,
) -> Response {
    let found = async {
        let id = id?;
        let app = state.app.interactions();
        Ok::<_, AppError>((
            app.get(&staff.user, id).await?,
            app.officers(&staff.user).await?,
        ))
    }
    .await;
    match found {
        Ok((v, officers)) => render(&Page {
            today: ctx.today(),
            ctx,
            v,
            form,
            officers,
            may_log: staff.user.role.may(Permission::LogInteractions),
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

/// The "add a follow-up" form, blank: the reader owns it.
fn follow_up_form(staff: &Staff) -> FormState {
    FormState::with(vec![("follow_up_owner".into(), staff.user.id.to_string())])
}

async fn page(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "interactions", "/staff/interactions").await;
    let form = follow_up_form(&staff);
    interaction_page(&state, &staff, ctx, record_id(&id), form).await
}

async fn add_follow_up(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<AddFollowUp>,
) -> Response {
    let StaffForm {
        staff,
        command,
        input,
    } = form;
    let ctx = Ctx::staff(&state, &staff, lang, "interactions", "/staff/interactions").await;
    let id = record_id(&id).ok();
    let result = match id {
        Some(id) => {
            (state.app.interactions())
                .add_follow_up(&staff.user, id, &command)
                .await
        }
        None => Err(AppError::NotFound),
    };
    Outcome::new(ctx, input, result)
        .redirect(
            |_| format!("/staff/interactions/{}#follow-ups", id.unwrap_or_default()),
            async |ctx, form| {
                let id = id.ok_or(AppError::NotFound);
                interaction_page(&state, &staff, ctx, id, form).await
            },
        )
        .await
}

/// Marks a follow-up done or open again; back to where the button was (`back`: `tasks`,
/// or the interaction's page).
async fn set_done(
    state: AppState,
    lang: &'static str,
    id: &str,
    form: StaffForm<Back>,
    done: bool,
) -> Response {
    let ctx = Ctx::staff(
        &state,
        &form.staff,
        lang,
        "interactions",
        "/staff/interactions",
    )
    .await;
    let app = state.app.interactions();
    let result = async {
        let id = record_id(id)?;
        app.set_done(&form.staff.user, id, done).await?;
        Ok::<_, AppError>(id)
    }
    .await;
    let back = form.command.back.clone();
    let interaction = form.command.interaction.clone();
    form.outcome(ctx, result)
        .redirect_or_error(|_| match back.as_str() {
            "tasks" => "/staff/tasks".into(),
            _ => format!("/staff/interactions/{}#follow-ups", interaction.trim()),
        })
}

/// Where a follow-up's button leads back to.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct Back {
    /// `tasks` for the task list; otherwise the interaction's page.
    back: liaison_app::Text,
    /// The interaction's id.
    interaction: liaison_app::Text,
}

async fn done(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<Back>,
) -> Response {
    set_done(state, lang, &id, form, true).await
}

async fn reopen(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<Back>,
) -> Response {
    set_done(state, lang, &id, form, false).await
}

#[derive(Template)]
#[template(path = "staff/tasks.html")]
struct TasksPage {
    ctx: Ctx,
    tasks: Vec<Task>,
    next: Option<String>,
    concerns: Vec<Summary>,
    /// The commitments this staff member keeps, still open, soonest due first.
    commitments: Vec<(Commitment, Standing)>,
    now: i64,
}

impl TasksPage {
    fn commitment_ref(&self, id: &i64) -> String {
        commitments::reference(*id)
    }

    fn day(&self, d: &Day) -> String {
        day_text(*d)
    }

    fn excerpt(&self, text: &str) -> String {
        excerpt(text)
    }

    /// The follow-ups standing so.
    fn standing(&self, word: &str) -> Vec<&Task> {
        self.tasks
            .iter()
            .filter(|t| t.standing.as_str() == word)
            .collect()
    }

    fn overdue_concern(&self, s: &Summary) -> bool {
        s.paused_at.is_none() && s.resolve_due_at < self.now
    }
}

/// Open concerns on a task list, at most.
const TASK_CONCERNS: i64 = 50;

async fn tasks(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "tasks", "/staff/tasks").await;
    let input = Input::from_urlencoded(raw.as_deref().unwrap_or("").as_bytes());
    let after = input.get("after").split_once('.').and_then(|(d, id)| {
        Some((
            liaison_domain::values::day(d).ok().flatten()?,
            id.parse().ok()?,
        ))
    });
    let now = liaison_app::now();
    let found = async {
        let (tasks, next) = state
            .app
            .interactions()
            .tasks(&staff.user, after, 100)
            .await?;
        let filter = QueueFilter {
            assignee: Some(staff.user.id),
            open_only: true,
            sort: Sort::DueFirst,
            limit: TASK_CONCERNS,
            now,
            ..QueueFilter::default()
        };
        let (concerns, _) = state.app.concerns().queue(&staff.user, &filter).await?;
        let (commitments, _) = (state.app.commitments())
            .list(&staff.user, commitments::View::Mine, None, TASK_CONCERNS)
            .await?;
        Ok::<_, AppError>((tasks, next, concerns, commitments))
    }
    .await;
    match found {
        Ok((tasks, next, concerns, commitments)) => render(&TasksPage {
            ctx,
            tasks,
            next: next.map(|n| cursor_text(&n)),
            concerns,
            commitments,
            now,
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

#[derive(Template)]
#[template(path = "staff/not_contacted.html")]
struct NotContactedPage {
    ctx: Ctx,
    kind: RecordKind,
    days: i64,
    found: Vec<Neglected>,
    next: Option<String>,
}

impl NotContactedPage {
    fn day(&self, d: &Day) -> String {
        day_text(*d)
    }

    fn href(&self, s: &Stakeholder) -> String {
        href(s)
    }

    fn base(&self) -> &'static str {
        match self.kind {
            RecordKind::Organization => "/staff/organizations",
            _ => "/staff/people",
        }
    }
}

/// Days without contact the list starts from, unless asked otherwise.
const DAYS: i64 = 90;

async fn not_contacted(
    state: AppState,
    lang: &'static str,
    staff: Staff,
    kind: RecordKind,
    raw: Option<String>,
) -> Response {
    let base = match kind {
        RecordKind::Organization => "/staff/organizations",
        _ => "/staff/people",
    };
    let ctx = Ctx::staff(&state, &staff, lang, "stakeholders", base).await;
    let input = Input::from_urlencoded(raw.as_deref().unwrap_or("").as_bytes());
    let days = input
        .get("days")
        .trim()
        .parse::<i64>()
        .map_or(DAYS, |d| d.clamp(1, 3650));
    let after = input.get("after").split_once('.').and_then(|(d, id)| {
        let day = match d {
            "never" => None,
            d => Some(liaison_domain::values::day(d).ok().flatten()?),
        };
        Some((day, id.parse().ok()?))
    });
    let found = state
        .app
        .interactions()
        .not_contacted(&staff.user, kind, days, after, PAGE)
        .await;
    match found {
        Ok((found, next)) => render(&NotContactedPage {
            ctx,
            kind,
            days,
            found,
            next: next.map(|(d, id)| format!("{}.{id}", d.map_or("never".to_string(), day_text))),
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

async fn people_not_contacted(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    not_contacted(state, lang, staff, RecordKind::Person, raw).await
}

async fn organizations_not_contacted(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    not_contacted(state, lang, staff, RecordKind::Organization, raw).await
}
