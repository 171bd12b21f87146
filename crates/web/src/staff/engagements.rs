//! Engagements on the staff side: the list (upcoming, past), the plan's form, an
//! engagement's page (plan, registrations, agenda and minutes, commitments, concerns raised,
//! attendance, files, timeline) and the door's page for checking people in on a phone.

use askama::Template;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::response::Response;
use chrono_tz::Tz;
use liaison_app::accounts::User;
use liaison_app::attachments::Attachment;
use liaison_app::commitments::SaveCommitment;
use liaison_app::engagements::{
    reference, AttachFiles, CheckIn, Engagement, EngagementView, Invite, Line, RaisedConcern,
    Register, Registration, SaveEngagement, SaveItem, SaveMinutes, Step, Unregister, View,
};
use liaison_app::office::Area;
use liaison_app::stakeholders::lists::SavedList;
use liaison_app::surveys::Survey;
use liaison_app::{AppError, Input};
use liaison_domain::engagements::{Kind, Status};
use liaison_domain::permissions::Permission;
use liaison_domain::records::RecordKind;
use liaison_domain::visibility::Confidentiality;
use serde::de::IgnoredAny;

use crate::context::{Ctx, FormState, Lang};
use crate::forms::{record_id, Outcome, StaffForm, StaffUpload};
use crate::routing::{get, post, Routes};
use crate::session::Staff;
use crate::{errors, render, AppState};

/// The engagements' routes; files attached on an engagement's page come in a body of up to
/// `upload_limit` bytes (they are served by `crate::attachments`).
pub fn routes(upload_limit: usize) -> Routes {
    Routes::new()
        .route(PATH, get(list).post(plan))
        .route("/staff/engagements/new", get(new))
        .route("/staff/engagements/{id}", get(page))
        .route(
            "/staff/engagements/{id}/attachments",
            post(attach).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/staff/engagements/{id}/{form}", get(subpage).post(act))
}

const PATH: &str = "/staff/engagements";

#[derive(Template)]
#[template(path = "staff/engagements.html")]
struct ListPage {
    ctx: Ctx,
    past: bool,
    found: Vec<Engagement>,
    next: Option<String>,
    can_hold: bool,
}

#[derive(Template)]
#[template(path = "staff/engagement_plan.html")]
struct PlanPage {
    ctx: Ctx,
    /// The engagement changed; none for a new one.
    id: Option<i64>,
    form: FormState,
    staff: Vec<User>,
    areas: Vec<Area>,
}

#[derive(Template)]
#[template(path = "staff/engagement.html")]
struct Page {
    ctx: Ctx,
    v: EngagementView,
    /// The form that failed, by name, shown again with its fields marked.
    form: FormState,
    failed: &'static str,
    staff: Vec<User>,
    areas: Vec<Area>,
    /// Saved lists of people, for the invitations' form.
    lists: Vec<SavedList>,
    /// Its feedback surveys, newest first.
    surveys: Vec<Survey>,
}

#[derive(Template)]
#[template(path = "staff/engagement_door.html")]
struct Door {
    ctx: Ctx,
    e: Engagement,
    query: String,
    found: Vec<Registration>,
    form: FormState,
    areas: Vec<Area>,
    /// The registration just checked in, for the page to say so.
    done: String,
}

/// What the pages share: times in the engagement's own zone, words of kinds and statuses.
trait Words {
    fn ctx(&self) -> &Ctx;

    fn at(&self, t: &i64, tz: &Tz) -> String {
        format!("{} ({})", crate::fmt::datetime(*t, *tz), tz.name())
    }

    fn reference(&self, id: &i64) -> String {
        reference(*id)
    }

    fn kind(&self, k: &Kind) -> String {
        self.ctx().word("engagement-kind", k.as_str())
    }

    fn status(&self, s: &Status) -> String {
        self.ctx().word("engagement-status", s.as_str())
    }
}

impl Words for ListPage {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}
impl Words for Page {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}
impl Words for Door {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}

impl ListPage {
    fn view(&self) -> &'static str {
        if self.past {
            "past"
        } else {
            "upcoming"
        }
    }
}

impl PlanPage {
    fn kinds(&self) -> Vec<&'static str> {
        Kind::ALL.iter().map(|k| k.as_str()).collect()
    }

    fn levels(&self) -> Vec<&'static str> {
        Confidentiality::ALL.iter().map(|c| c.as_str()).collect()
    }

    fn action(&self) -> String {
        match self.id {
            Some(id) => format!("{PATH}/{id}/plan"),
            None => PATH.into(),
        }
    }
}

impl Page {
    /// A survey's status in words.
    fn survey_status(&self, s: &Survey) -> String {
        self.ctx.word("survey-status", s.status.as_str())
    }

    fn status_word(&self, status: &str) -> String {
        self.ctx.t(&format!("status-{status}"))
    }

    fn line_text(&self, l: &Line) -> String {
        self.ctx.word("engagement-line", l.kind.as_str())
    }

    /// The form named `name` as sent when it failed, else empty.
    fn form_of(&self, name: &str) -> FormState {
        if self.failed == name {
            self.form.clone()
        } else {
            FormState::default().prefixed(format!("{name}-"))
        }
    }

    fn levels(&self) -> Vec<&'static str> {
        Confidentiality::ALL.iter().map(|c| c.as_str()).collect()
    }

    /// Where staff download a file.
    fn file_path(&self, a: &Attachment) -> String {
        crate::attachments::staff_path(a)
    }

    /// A file's kind and size, such as "PDF document · 240 KB".
    fn file_facts(&self, a: &Attachment) -> String {
        let kind = crate::attachments::kind(a).map_or("other", |k| k.as_str());
        format!(
            "{} · {}",
            self.ctx.word("file-kind", kind),
            crate::fmt::size(&self.ctx.tr, a.size_bytes)
        )
    }

    /// How an invitation stands, in words.
    fn invitation_state(&self, i: &liaison_app::engagements::Invitation) -> String {
        if !i.skipped.is_empty() {
            self.ctx.word("invitation-skipped", &i.skipped)
        } else if i.response.is_empty() {
            self.ctx.t("invitation-sent")
        } else {
            self.ctx.word("invitation-response", &i.response)
        }
    }

    fn is(&self, s: &str) -> bool {
        self.v.engagement.status.as_str() == s
    }

    fn place(&self, left: Option<i64>) -> String {
        match left {
            Some(n) => n.to_string(),
            None => self.ctx.t("engagement-no-limit"),
        }
    }
}

impl Door {
    /// The name of the one just checked in.
    fn done_name(&self) -> Option<&str> {
        let id: i64 = self.done.parse().ok()?;
        self.found
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.name.as_str())
    }

    fn first_timers(&self) -> i64 {
        self.found
            .iter()
            .filter(|r| r.attended_at.is_some() && r.first_time)
            .count() as i64
    }
}

fn after_of(input: &Input) -> Option<(i64, i64)> {
    let (a, b) = input.get("after").split_once('~')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

async fn list(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(q): RawQuery,
) -> Response {
    let input = Input::from_urlencoded(q.as_deref().unwrap_or("").as_bytes());
    let ctx = Ctx::staff(&state, &staff, lang, "engagements", PATH).await;
    let past = input.get("view") == "past";
    let view = if past { View::Past } else { View::Upcoming };
    let user = &staff.user;
    match (state.app.engagements())
        .list(user, view, after_of(&input), 50)
        .await
    {
        Ok((found, next)) => render(&ListPage {
            ctx,
            past,
            found,
            next: next.map(|(a, id)| format!("{a}~{id}")),
            can_hold: user.role.may(Permission::HoldEngagements),
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

async fn choices(state: &AppState) -> Result<(Vec<User>, Vec<Area>), AppError> {
    let staff = state.app.engagements().staff().await?;
    let areas = state.app.office().areas(false).await?;
    Ok((staff, areas))
}

async fn new(State(state): State<AppState>, Lang(lang): Lang, staff: Staff) -> Response {
    show_plan(&state, lang, &staff, None, FormState::default()).await
}

async fn show_plan(
    state: &AppState,
    lang: &'static str,
    staff: &Staff,
    id: Option<i64>,
    form: FormState,
) -> Response {
    let ctx = Ctx::staff(state, staff, lang, "engagements", PATH).await;
    if !staff.user.role.may(Permission::HoldEngagements) {
        return errors::page(&ctx, AppError::Forbidden);
    }
    match choices(state).await {
        Ok((staff_list, areas)) => render(&PlanPage {
            ctx,
            id,
            form,
            staff: staff_list,
            areas,
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

async fn plan(
    State(state): State<AppState>,
    Lang(lang): Lang,
    StaffForm {
        staff,
        command,
        input,
    }: StaffForm<SaveEngagement>,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "engagements", PATH).await;
    let made = state.app.engagements().plan(&staff.user, &command).await;
    Outcome::new(ctx, input, made)
        .redirect(
            |id| format!("{PATH}/{id}"),
            async |_, failed| show_plan(&state, lang, &staff, None, failed).await,
        )
        .await
}

async fn page(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    show(&state, lang, &staff, &id, "", FormState::default()).await
}

async fn show(
    state: &AppState,
    lang: &'static str,
    staff: &Staff,
    id: &str,
    failed: &'static str,
    form: FormState,
) -> Response {
    let ctx = Ctx::staff(state, staff, lang, "engagements", &format!("{PATH}/{id}")).await;
    let loaded = async {
        let v = (state.app.engagements())
            .get(&staff.user, record_id(id)?)
            .await?;
        let (staff_list, areas) = choices(state).await?;
        let lists = if v.can_hold {
            (state.app.stakeholders())
                .lists(&staff.user, RecordKind::Person)
                .await?
        } else {
            Vec::new()
        };
        let surveys = (state.app.surveys())
            .list(&staff.user, false, Some(v.engagement.id))
            .await?;
        Ok::<_, AppError>((v, staff_list, areas, lists, surveys))
    };
    match loaded.await {
        Ok((v, staff_list, areas, lists, surveys)) => render(&Page {
            ctx,
            v,
            // The page holds several forms: each one's ids carry its name.
            form: form.prefixed(format!("{failed}-")),
            failed,
            staff: staff_list,
            areas,
            lists,
            surveys,
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

/// The plan's form (`plan`) and the door (`door`, searched with `?q=`).
async fn subpage(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path((id, form)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Response {
    let input = Input::from_urlencoded(q.as_deref().unwrap_or("").as_bytes());
    match form.as_str() {
        "plan" => {
            let ctx = Ctx::staff(&state, &staff, lang, "engagements", PATH).await;
            let loaded = async {
                // Who may not plan is refused before anything is looked up.
                liaison_app::require(&staff.user, Permission::HoldEngagements)?;
                let v = state
                    .app
                    .engagements()
                    .get(&staff.user, record_id(&id)?)
                    .await?;
                Ok::<_, AppError>(v)
            };
            match loaded.await {
                Ok(v) => {
                    let form = FormState::with(plan_pairs(&v.engagement));
                    show_plan(&state, lang, &staff, Some(v.engagement.id), form).await
                }
                Err(e) => errors::page(&ctx, e),
            }
        }
        "door" => {
            let query = input.get("q").to_string();
            let done = input.get("done").to_string();
            show_door(
                &state,
                lang,
                &staff,
                &id,
                &query,
                FormState::default(),
                done,
            )
            .await
        }
        _ => {
            let ctx = Ctx::staff(&state, &staff, lang, "engagements", PATH).await;
            errors::page(&ctx, AppError::NotFound)
        }
    }
}

/// A plan as its form shows it.
fn plan_pairs(e: &Engagement) -> Vec<(String, String)> {
    let t = &e.terms;
    let local = |s: i64| {
        chrono::DateTime::from_timestamp(s, 0)
            .unwrap_or_default()
            .with_timezone(&t.time_zone)
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let mut pairs = vec![
        ("kind".to_string(), t.kind.as_str().to_string()),
        ("title".into(), t.title.clone()),
        ("purpose".into(), t.purpose.clone()),
        ("starts_at".into(), local(t.starts_at)),
        ("ends_at".into(), local(t.ends_at)),
        ("time_zone".into(), t.time_zone.name().into()),
        ("address".into(), t.venue.address.clone()),
        ("room".into(), t.venue.room.clone()),
        (
            "lat".into(),
            t.venue.point.map(|p| p.lat.to_string()).unwrap_or_default(),
        ),
        (
            "lng".into(),
            t.venue.point.map(|p| p.lng.to_string()).unwrap_or_default(),
        ),
        (
            "capacity".into(),
            t.venue.capacity.map(|c| c.to_string()).unwrap_or_default(),
        ),
        ("transit".into(), t.venue.transit.clone()),
        ("online_link".into(), t.venue.online_link.clone()),
        ("languages".into(), t.languages.join(", ")),
        ("interpretation".into(), t.interpretation.join(", ")),
        ("organizer".into(), t.organizer.to_string()),
        ("partners".into(), t.partners.clone()),
        ("topics".into(), t.topics.join("\n")),
        ("confidentiality".into(), t.confidentiality.as_str().into()),
    ];
    for (on, name) in [
        (t.venue.step_free, "step_free"),
        (t.venue.hearing_loop, "hearing_loop"),
        (t.venue.parking, "parking"),
    ] {
        if on {
            pairs.push((name.into(), "yes".into()));
        }
    }
    pairs.extend(
        t.officers
            .iter()
            .map(|o| ("officers".into(), o.to_string())),
    );
    pairs.extend(t.areas.iter().map(|a| ("areas".into(), a.to_string())));
    pairs
}

async fn show_door(
    state: &AppState,
    lang: &'static str,
    staff: &Staff,
    id: &str,
    query: &str,
    form: FormState,
    done: String,
) -> Response {
    let path = format!("{PATH}/{id}/door");
    let ctx = Ctx::staff(state, staff, lang, "engagements", &path).await;
    let loaded = async {
        let (e, found) = (state.app.engagements())
            .registrations(&staff.user, record_id(id)?, query)
            .await?;
        let areas = state.app.office().areas(false).await?;
        Ok::<_, AppError>((e, found, areas))
    };
    match loaded.await {
        Ok((e, found, areas)) => render(&Door {
            ctx,
            e,
            query: query.to_string(),
            found,
            form,
            areas,
            done,
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

/// The page's forms: `plan`, `step`, `minutes`, `item`, `commitment`, `concern`,
/// `register`, `invite`, `unregister` and `door` (check-in).
async fn act(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((id, form)): Path<(String, String)>,
    StaffForm { staff, input, .. }: StaffForm<IgnoredAny>,
) -> Response {
    let (app, user) = (&state.app.engagements(), &staff.user);
    let ctx = Ctx::staff(&state, &staff, lang, "engagements", PATH).await;
    let n = match record_id(&id) {
        Ok(n) => n,
        Err(e) => return errors::page(&ctx, e),
    };
    let back = format!("{PATH}/{n}");
    match form.as_str() {
        "plan" => {
            let result = match input.decode::<SaveEngagement>() {
                Ok(cmd) => app.change(user, n, &cmd).await,
                Err(e) => Err(e.into()),
            };
            Outcome::new(ctx, input, result)
                .redirect(
                    |()| back,
                    async |_, failed| show_plan(&state, lang, &staff, Some(n), failed).await,
                )
                .await
        }
        "door" => {
            let result = match input.decode::<CheckIn>() {
                Ok(cmd) => app.check_in(user, n, &cmd).await,
                Err(e) => Err(e.into()),
            };
            Outcome::new(ctx, input, result)
                .redirect(
                    |r| format!("{back}/door?done={r}#r{r}"),
                    async |_, failed| {
                        show_door(&state, lang, &staff, &id, "", failed, String::new()).await
                    },
                )
                .await
        }
        _ => {
            let (name, result): (&'static str, Result<(), AppError>) = match form.as_str() {
                "step" => (
                    "step",
                    run(&input, async |c: Step| app.step(user, n, &c).await).await,
                ),
                "minutes" => (
                    "minutes",
                    run(&input, async |c: SaveMinutes| {
                        app.minutes(user, n, &c).await
                    })
                    .await,
                ),
                "item" => (
                    "item",
                    run(&input, async |c: SaveItem| app.item(user, n, &c).await).await,
                ),
                "commitment" => (
                    "commitment",
                    run(&input, async |c: SaveCommitment| {
                        app.commit(user, n, &c).await
                    })
                    .await,
                ),
                "concern" => (
                    "concern",
                    run(&input, async |c: RaisedConcern| {
                        app.link_concern(user, n, &c).await
                    })
                    .await,
                ),
                "register" => (
                    "register",
                    run(&input, async |c: Register| app.register(user, n, &c).await).await,
                ),
                "invite" => (
                    "invite",
                    run(&input, async |c: Invite| app.invite(user, n, &c).await).await,
                ),
                "unregister" => (
                    "unregister",
                    run(&input, async |c: Unregister| {
                        app.unregister(user, n, &c).await
                    })
                    .await,
                ),
                _ => ("", Err(AppError::NotFound)),
            };
            Outcome::new(ctx, input, result)
                .redirect(
                    |()| format!("{back}#{name}"),
                    async |_, failed| show(&state, lang, &staff, &id, name, failed).await,
                )
                .await
        }
    }
}

/// Attaches files from the engagement page's files form.
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
    let result = match record_id(&id) {
        Ok(n) => {
            (state.app.engagements())
                .attach(&staff.user, n, &command, &uploads)
                .await
        }
        Err(e) => Err(e),
    };
    let ctx = Ctx::staff(&state, &staff, lang, "engagements", PATH).await;
    Outcome::new(ctx, input, result)
        .redirect(
            |_| format!("{PATH}/{id}#files"),
            async |_, failed| show(&state, lang, &staff, &id, "files", failed).await,
        )
        .await
}

/// Decodes the form into `C` and runs `op` on it, forgetting what it answers.
async fn run<C: serde::de::DeserializeOwned, R>(
    input: &Input,
    op: impl AsyncFnOnce(C) -> Result<R, AppError>,
) -> Result<(), AppError> {
    let cmd: C = input.decode()?;
    op(cmd).await.map(|_| ())
}
