//! Engagements on the portal: the upcoming ones and the past ones with their minutes and
//! commitments, each with its page, its registration form (no account) and its iCalendar
//! file; the feed of them all at `/engagements.ics`; the page a registration's link opens to
//! give the place up; and "you said, we did", the office's public commitments.

use std::sync::Arc;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono_tz::Tz;
use liaison_app::attachments::Attachment;
use liaison_app::commitments::Commitment;
use liaison_app::engagements::{Answer, Engagement, PublicView, Receipt, Register};
use liaison_app::office::Area;
use liaison_app::submissions::Submission;
use liaison_app::surveys::portal_path;
use liaison_app::{AppError, Input};
use liaison_domain::engagements::Kind;

use crate::context::{Ctx, FormState, Lang};
use crate::forms::Outcome;
use crate::routing::{get, post, Routes};
use crate::security::{client_address, Peer};
use crate::{errors, render, AppState};

/// The portal's engagement routes.
pub fn routes() -> Routes {
    Routes::new()
        .route("/engagements", get(list))
        .route("/engagements.ics", get(feed))
        .route("/engagements/{id}", get(page))
        .route("/engagements/{id}/register", post(register))
        .route("/registrations/{secret}", get(registration).post(give_up))
        .route("/invitations/{secret}", get(invitation).post(answer))
        .route("/you-said-we-did", get(commitments))
}

#[derive(Template)]
#[template(path = "portal/engagements.html")]
struct List {
    ctx: Ctx,
    upcoming: Vec<Engagement>,
    past: Vec<Engagement>,
}

#[derive(Template)]
#[template(path = "portal/engagement.html")]
struct Page {
    ctx: Ctx,
    v: PublicView,
    areas: Vec<Area>,
    form: FormState,
    token: String,
    now: i64,
    /// The answer page of its open feedback survey, if it has one.
    survey: Option<String>,
}

#[derive(Template)]
#[template(path = "portal/registration.html")]
struct Registration {
    ctx: Ctx,
    e: Engagement,
    /// The place's word: `registered`, `waitlisted` or `cancelled`.
    place: &'static str,
    /// The link that gives the place up, shown on the receipt (none once given up).
    link: Option<String>,
    /// Just registered (the receipt), rather than opened from the link.
    receipt: bool,
}

#[derive(Template)]
#[template(path = "portal/invitation.html")]
struct InvitationPage {
    ctx: Ctx,
    e: Engagement,
    /// Their answer so far (`yes`, `no`, `maybe`, or empty).
    response: String,
    /// The page's own address, where the answer is posted.
    link: String,
    /// The place a yes just took, with the link that gives it up.
    place: Option<(&'static str, String)>,
    form: FormState,
}

impl Words for InvitationPage {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}

#[derive(Template)]
#[template(path = "portal/commitments.html")]
struct Commitments {
    ctx: Ctx,
    found: Vec<Commitment>,
}

/// What the pages share: an engagement's times in its own zone, its kind in words.
trait Words {
    fn ctx(&self) -> &Ctx;

    fn at(&self, t: &i64, tz: &Tz) -> String {
        format!("{} ({})", crate::fmt::datetime(*t, *tz), tz.name())
    }

    fn kind(&self, k: &Kind) -> String {
        self.ctx().word("engagement-kind", k.as_str())
    }
}

impl Words for List {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}
impl Words for Page {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}
impl Words for Registration {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}

impl Page {
    /// Whether it still takes registrations.
    fn open(&self) -> bool {
        let e = &self.v.engagement;
        e.status.as_str() == "published" && self.now < e.terms.ends_at
    }

    fn ended(&self) -> bool {
        self.now >= self.v.engagement.terms.ends_at
    }

    fn places_left(&self) -> Option<i64> {
        self.v.engagement.places_left()
    }

    /// A public file's address (`/attachments/{id}/{name}`).
    fn file_path(&self, a: &Attachment) -> String {
        crate::attachments::public_path(a)
    }

    /// A file's size, such as "240 KB".
    fn file_size(&self, a: &Attachment) -> String {
        crate::fmt::size(&self.ctx.tr, a.size_bytes)
    }
}

impl Commitments {
    fn day(&self, k: &Commitment) -> String {
        liaison_domain::values::day_text(k.terms.due_on)
    }
}

async fn list(State(state): State<AppState>, Lang(lang): Lang) -> Response {
    let ctx = Ctx::public(&state, lang, "engagements", "/engagements").await;
    let app = state.app.engagements();
    let loaded = async { Ok::<_, AppError>((app.upcoming(50).await?, app.past(20).await?)) };
    match loaded.await {
        Ok((upcoming, past)) => render(&List {
            ctx,
            upcoming,
            past,
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

fn calendar(body: Bytes, name: &str) -> Response {
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "public, max-age=300".to_string()),
        ],
        body,
    )
        .into_response()
}

/// The feed the application keeps, sent as it is kept (no copy of its hundreds of KB).
struct Kept(Arc<str>);

impl AsRef<[u8]> for Kept {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

async fn feed(State(state): State<AppState>, Lang(lang): Lang) -> Response {
    match state.app.engagements().feed().await {
        Ok(body) => calendar(Bytes::from_owner(Kept(body)), "engagements.ics"),
        Err(e) => {
            let ctx = Ctx::public(&state, lang, "engagements", "/engagements").await;
            errors::page(&ctx, e)
        }
    }
}

/// An engagement's page, or (`/engagements/42.ics`) its iCalendar file.
async fn page(State(state): State<AppState>, Lang(lang): Lang, Path(id): Path<String>) -> Response {
    let path = format!("/engagements/{id}");
    let ctx = Ctx::public(&state, lang, "engagements", &path).await;
    if let Some(n) = id.strip_suffix(".ics") {
        return match n.parse::<i64>() {
            Ok(n) => match state.app.engagements().calendar(n).await {
                Ok(body) => calendar(Bytes::from(body), &format!("engagement-{n}.ics")),
                Err(e) => errors::page(&ctx, e),
            },
            Err(_) => errors::page(&ctx, AppError::NotFound),
        };
    }
    show(
        &state,
        ctx,
        &id,
        FormState::default(),
        Submission::form_token(),
    )
    .await
}

async fn show(state: &AppState, ctx: Ctx, id: &str, form: FormState, token: String) -> Response {
    let loaded = async {
        let n: i64 = id.parse().map_err(|_| AppError::NotFound)?;
        let v = state.app.engagements().public_view(n).await?;
        let areas = state.app.office().areas(false).await?;
        let survey = state.app.surveys().open_for(n).await?;
        Ok::<_, AppError>((v, areas, survey.as_ref().map(portal_path)))
    };
    match loaded.await {
        Ok((v, areas, survey)) => render(&Page {
            ctx,
            v,
            areas,
            form,
            token,
            now: chrono::Utc::now().timestamp(),
            survey,
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

async fn register(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    headers: HeaderMap,
    peer: Peer,
    body: Bytes,
) -> Response {
    let path = format!("/engagements/{id}");
    let ctx = Ctx::public(&state, lang, "engagements", &path).await;
    // Registrations are held to the same pace per address as reports.
    if let Err(e) = state
        .app
        .limits()
        .admit_report(&client_address(&state, &headers, &peer))
    {
        return errors::page(&ctx, e);
    }
    let input = Input::from_urlencoded(&body);
    let token = input.get("token").to_string();
    let n: Result<i64, AppError> = id.parse().map_err(|_| AppError::NotFound);
    let result = match (n, input.decode::<Register>()) {
        (Ok(n), Ok(cmd)) => state.app.engagements().register_publicly(n, &cmd).await,
        (Err(e), _) => Err(e),
        (_, Err(e)) => Err(e.into()),
    };
    Outcome::new(ctx, input, result)
        .render(
            async |ctx, r: Receipt| {
                let n = id.parse::<i64>().unwrap_or_default();
                let loaded = state.app.engagements().public_view(n).await;
                match loaded {
                    Ok(v) => render(&Registration {
                        ctx,
                        e: v.engagement,
                        place: r.place.as_str(),
                        link: r.secret.map(|s| format!("/registrations/{s}")),
                        receipt: true,
                    }),
                    Err(e) => errors::page(&ctx, e),
                }
            },
            async |ctx, failed| show(&state, ctx, &id, failed, token).await,
        )
        .await
}

/// What a link to a registration shows: the engagement and the place, with the button that
/// gives it up.
async fn registration(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(secret): Path<String>,
) -> Response {
    // The secret is the page's own: the language switcher comes back to the list.
    let ctx = Ctx::public(&state, lang, "engagements", "/engagements").await;
    match state.app.engagements().by_link(&secret).await {
        Ok((e, r)) => {
            let link =
                (r.place.as_str() != "cancelled").then(|| format!("/registrations/{secret}"));
            render(&Registration {
                ctx,
                e,
                place: r.place.as_str(),
                link,
                receipt: false,
            })
        }
        Err(e) => errors::page(&ctx, e),
    }
}

async fn give_up(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(secret): Path<String>,
) -> Response {
    let ctx = Ctx::public(&state, lang, "engagements", "/engagements").await;
    let app = state.app.engagements();
    match app.unregister_by_link(&secret).await {
        Ok(()) | Err(AppError::Invalid(_)) => match app.by_link(&secret).await {
            Ok((e, r)) => render(&Registration {
                ctx,
                e,
                place: r.place.as_str(),
                link: None,
                receipt: false,
            }),
            Err(e) => errors::page(&ctx, e),
        },
        Err(e) => errors::page(&ctx, e),
    }
}

/// What an invitation's link shows: the engagement, and the three answers.
async fn invitation(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(secret): Path<String>,
) -> Response {
    let ctx = Ctx::public(&state, lang, "engagements", "/engagements").await;
    show_invitation(&state, ctx, &secret, None, FormState::default()).await
}

async fn show_invitation(
    state: &AppState,
    ctx: Ctx,
    secret: &str,
    place: Option<(&'static str, String)>,
    form: FormState,
) -> Response {
    match state.app.engagements().invitation(secret).await {
        Ok((e, i)) => render(&InvitationPage {
            ctx,
            e,
            response: i.response,
            link: format!("/invitations/{secret}"),
            place,
            form,
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

async fn answer(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(secret): Path<String>,
    body: Bytes,
) -> Response {
    let ctx = Ctx::public(&state, lang, "engagements", "/engagements").await;
    let input = Input::from_urlencoded(&body);
    let result = match input.decode::<Answer>() {
        Ok(cmd) => state.app.engagements().answer(&secret, &cmd).await,
        Err(e) => Err(e.into()),
    };
    Outcome::new(ctx, input, result)
        .render(
            async |ctx, receipt: Option<Receipt>| {
                let place = receipt.and_then(|r| {
                    Some((r.place.as_str(), format!("/registrations/{}", r.secret?)))
                });
                show_invitation(&state, ctx, &secret, place, FormState::default()).await
            },
            async |ctx, failed| show_invitation(&state, ctx, &secret, None, failed).await,
        )
        .await
}

async fn commitments(State(state): State<AppState>, Lang(lang): Lang) -> Response {
    let ctx = Ctx::public(&state, lang, "commitments", "/you-said-we-did").await;
    match state.app.engagements().public_commitments().await {
        Ok(found) => render(&Commitments { ctx, found }),
        Err(e) => errors::page(&ctx, e),
    }
}
