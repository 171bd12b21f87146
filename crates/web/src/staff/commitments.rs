//! The commitments register: the list (open, mine, late, closed) with the form to record
//! one, a commitment's page with its progress, its terms and its timeline.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use liaison_app::accounts::User;
use liaison_app::commitments::{
    reference, Commitment, CommitmentView, Line, Progress, SaveCommitment, Standing, View,
};
use liaison_app::{AppError, Input};
use liaison_domain::commitments::Status;
use liaison_domain::permissions::Permission;
use liaison_domain::values::{self, Day};
use liaison_domain::visibility::Confidentiality;
use serde::de::IgnoredAny;

use crate::context::{Ctx, FormState, Lang};
use crate::forms::{record_id, StaffForm};
use crate::routing::{get, post, Routes};
use crate::session::Staff;
use crate::{errors, render, AppState};

/// The register's routes.
pub fn routes() -> Routes {
    Routes::new()
        .route(PATH, get(list).post(make))
        .route("/staff/commitments/{id}", get(page))
        .route("/staff/commitments/{id}/{form}", post(step))
}

const PATH: &str = "/staff/commitments";

#[derive(Template)]
#[template(path = "staff/commitments.html")]
struct ListPage {
    ctx: Ctx,
    view: &'static str,
    found: Vec<(Commitment, Standing)>,
    next: Option<String>,
    form: FormState,
    staff: Vec<User>,
    can_keep: bool,
}

#[derive(Template)]
#[template(path = "staff/commitment.html")]
struct Page {
    ctx: Ctx,
    v: CommitmentView,
    form: FormState,
    staff: Vec<User>,
}

/// What the list and the page share: days, references, the words of statuses and lines.
trait Words {
    fn ctx(&self) -> &Ctx;

    fn day(&self, d: &Day) -> String {
        values::day_text(*d)
    }

    fn reference(&self, id: &i64) -> String {
        reference(*id)
    }

    fn status(&self, s: &Status) -> String {
        self.ctx().word("commitment-status", s.as_str())
    }

    fn levels(&self) -> Vec<&'static str> {
        levels()
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

impl ListPage {
    const VIEWS: [&'static str; 4] = ["open", "mine", "late", "closed"];

    fn shows(&self, word: &str) -> bool {
        self.view == word
    }
}

impl Page {
    fn line_text(&self, l: &Line) -> String {
        match (l.changed_from, l.changed_to) {
            (Some(from), Some(to)) => self.ctx.tr.t2(
                "commitment-line-progress",
                ("from", self.status(&from)),
                ("to", self.status(&to)),
            ),
            _ => self.ctx.word("commitment-line", l.kind.as_str()),
        }
    }

    fn statuses(&self) -> Vec<&'static str> {
        Status::ALL.iter().map(|s| s.as_str()).collect()
    }
}

/// Who may see a commitment: the choices of its form.
fn levels() -> Vec<&'static str> {
    Confidentiality::ALL.iter().map(|c| c.as_str()).collect()
}

pub(super) fn view_of(word: &str) -> (View, &'static str) {
    match word {
        "mine" => (View::Mine, "mine"),
        "late" => (View::Late, "late"),
        "closed" => (View::Closed, "closed"),
        _ => (View::Open, "open"),
    }
}

async fn list(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(q): RawQuery,
) -> Response {
    let input = Input::from_urlencoded(q.as_deref().unwrap_or("").as_bytes());
    show_list(&state, lang, &staff, &input, FormState::default()).await
}

async fn show_list(
    state: &AppState,
    lang: &'static str,
    staff: &Staff,
    input: &Input,
    form: FormState,
) -> Response {
    let ctx = Ctx::staff(state, staff, lang, "commitments", PATH).await;
    let (view, word) = view_of(input.get("view"));
    let after = input
        .get("after")
        .split_once('~')
        .and_then(|(d, id)| Some((values::day(d).ok().flatten()?, id.parse::<i64>().ok()?)));
    let user = &staff.user;
    let loaded = async {
        let (found, next) = state.app.commitments().list(user, view, after, 100).await?;
        let staff = keepers(state).await?;
        Ok::<_, AppError>((found, next, staff))
    };
    match loaded.await {
        Ok((found, next, staff_list)) => render(&ListPage {
            ctx,
            view: word,
            found,
            next: next.map(|(d, id)| format!("{}~{id}", values::day_text(d))),
            form,
            staff: staff_list,
            can_keep: user.role.may(Permission::KeepCommitments),
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

/// Staff who may keep a commitment: its possible owners.
async fn keepers(state: &AppState) -> Result<Vec<User>, AppError> {
    Ok(state
        .app
        .accounts()
        .assignable_staff()
        .await?
        .into_iter()
        .filter(|u| u.role.may(Permission::KeepCommitments))
        .collect())
}

async fn make(
    State(state): State<AppState>,
    Lang(lang): Lang,
    StaffForm {
        staff,
        command,
        input,
    }: StaffForm<SaveCommitment>,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "commitments", PATH).await;
    let made = state.app.commitments().make(&staff.user, &command).await;
    crate::forms::Outcome::new(ctx, input, made)
        .redirect(
            |id| format!("{PATH}/{id}"),
            async |_, failed| show_list(&state, lang, &staff, &Input::default(), failed).await,
        )
        .await
}

async fn page(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    show(&state, lang, &staff, &id, None).await
}

/// A commitment's page; its forms as stored, or one as sent when it failed.
async fn show(
    state: &AppState,
    lang: &'static str,
    staff: &Staff,
    id: &str,
    failed: Option<FormState>,
) -> Response {
    let path = format!("{PATH}/{id}");
    let ctx = Ctx::staff(state, staff, lang, "commitments", &path).await;
    let loaded = async {
        let v = state
            .app
            .commitments()
            .get(&staff.user, record_id(id)?)
            .await?;
        Ok::<_, AppError>((v, keepers(state).await?))
    };
    let (v, staff_list) = match loaded.await {
        Ok(x) => x,
        Err(e) => return errors::page(&ctx, e),
    };
    let form = failed.unwrap_or_else(|| {
        let t = &v.commitment.terms;
        let mut pairs = vec![
            ("title".to_string(), t.title.clone()),
            ("description".into(), t.description.clone()),
            ("owner".into(), t.owner.to_string()),
            ("due_on".into(), values::day_text(t.due_on)),
            ("confidentiality".into(), t.confidentiality.as_str().into()),
        ];
        if t.public {
            pairs.push(("public".into(), "yes".into()));
        }
        FormState::with(pairs)
    });
    render(&Page {
        ctx,
        v,
        form,
        staff: staff_list,
    })
}

/// The page's two forms: `terms` (what, owner, day, who sees it) and `progress`.
async fn step(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((id, kind)): Path<(String, String)>,
    StaffForm { staff, input, .. }: StaffForm<IgnoredAny>,
) -> Response {
    let (app, user) = (&state.app, &staff.user);
    let result = async {
        let n = record_id(&id)?;
        match kind.as_str() {
            "terms" => {
                let cmd: SaveCommitment = input.decode()?;
                app.commitments().change(user, n, &cmd).await
            }
            "progress" => {
                let cmd: Progress = input.decode()?;
                app.commitments().progress(user, n, &cmd).await.map(|_| ())
            }
            _ => Err(AppError::NotFound),
        }
    }
    .await;
    let ctx = Ctx::staff(&state, &staff, lang, "commitments", PATH).await;
    crate::forms::Outcome::new(ctx, input, result)
        .redirect(
            |()| format!("{PATH}/{id}"),
            async |_, failed| show(&state, lang, &staff, &id, Some(failed)).await,
        )
        .await
}
