//! Administration of staff accounts.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use liaison_app::accounts::User;
use liaison_app::AppError;
use liaison_domain::Role;

use super::admin::{admin_form, admin_record_form};
use crate::context::{Ctx, FormState, Lang};
use crate::routing::{get, Routes};
use crate::session::Staff;
use crate::{errors, render, AppState};

/// User routes.
pub fn routes() -> Routes {
    Routes::new()
        .route("/staff/admin/users", get(list).post(create))
        .route("/staff/admin/users/new", get(new))
        .route("/staff/admin/users/{id}", get(edit).post(update))
}

#[derive(Template)]
#[template(path = "staff/admin_users.html")]
struct List {
    ctx: Ctx,
    users: Vec<User>,
}

async fn list(State(state): State<AppState>, Lang(lang): Lang, staff: Staff) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "admin", "/staff/admin/users").await;
    match state.app.accounts().list(&staff.user).await {
        Ok(users) => render(&List { ctx, users }),
        Err(e) => errors::page(&ctx, e),
    }
}

#[derive(Template)]
#[template(path = "staff/admin_user.html")]
struct Edit {
    ctx: Ctx,
    user: Option<User>,
    form: FormState,
}

impl Edit {
    fn roles(&self) -> Vec<&'static str> {
        Role::ALL.iter().map(|r| r.as_str()).collect()
    }
}

async fn new(State(state): State<AppState>, Lang(lang): Lang, staff: Staff) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "admin", "/staff/admin/users/new").await;
    if let Err(e) = liaison_app::require(
        &staff.user,
        liaison_domain::permissions::Permission::ManageUsers,
    ) {
        return errors::page(&ctx, e);
    }
    let form = FormState::with(vec![("role".into(), "officer".into())]);
    render(&Edit {
        ctx,
        user: None,
        form,
    })
}

async fn create(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    body: Bytes,
) -> Response {
    let (input, ctx) = match admin_form(&state, &staff, lang, &body, "/staff/admin/users/new").await
    {
        Ok(x) => x,
        Err(r) => return r,
    };
    match state.app.accounts().add(Some(&staff.user), &input).await {
        Ok(_) => Redirect::to("/staff/admin/users").into_response(),
        Err(AppError::Invalid(e)) => {
            let page = Edit {
                ctx,
                user: None,
                form: FormState::failed(input, e),
            };
            (StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response()
        }
        Err(e) => errors::page(&ctx, e),
    }
}

async fn edit(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "admin", "/staff/admin/users").await;
    let user = match id.parse::<i64>() {
        Ok(n) => state.app.accounts().get(&staff.user, n).await,
        Err(_) => Err(AppError::NotFound),
    };
    match user {
        Ok(u) => {
            let mut pairs = vec![
                ("name".to_string(), u.name.clone()),
                ("role".into(), u.role.as_str().into()),
            ];
            if u.active {
                pairs.push(("active".into(), "yes".into()));
            }
            render(&Edit {
                ctx,
                user: Some(u),
                form: FormState::with(pairs),
            })
        }
        Err(e) => errors::page(&ctx, e),
    }
}

async fn update(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let (input, ctx, n) =
        match admin_record_form(&state, &staff, lang, &body, "/staff/admin/users", &id).await {
            Ok(x) => x,
            Err(r) => return r,
        };
    match state.app.accounts().update(&staff.user, n, &input).await {
        Ok(()) => Redirect::to("/staff/admin/users").into_response(),
        Err(AppError::Invalid(e)) => match state.app.accounts().get(&staff.user, n).await {
            Ok(u) => {
                let page = Edit {
                    ctx,
                    user: Some(u),
                    form: FormState::failed(input, e),
                };
                (StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response()
            }
            Err(e) => errors::page(&ctx, e),
        },
        Err(e) => errors::page(&ctx, e),
    }
}
