//! Administration of staff accounts.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use liaison_app::accounts::{NewUser, UpdateUser, User};
use liaison_app::AppError;
use liaison_domain::Role;

use super::admin::admin_ctx;
use crate::context::{Ctx, FormState, Lang};
use crate::forms::{record_id, Outcome, StaffForm};
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
    form: StaffForm<NewUser>,
) -> Response {
    let ctx = admin_ctx(&state, &form.staff, lang, "/staff/admin/users/new").await;
    let added = (state.app.accounts())
        .add(Some(&form.staff.user), &form.command)
        .await;
    form.outcome(ctx, added)
        .redirect(
            |_| "/staff/admin/users".into(),
            async |ctx, form| {
                render(&Edit {
                    ctx,
                    user: None,
                    form,
                })
            },
        )
        .await
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
    Path(id): Path<String>,
    form: StaffForm<UpdateUser>,
) -> Response {
    let StaffForm {
        staff,
        command,
        input,
    } = form;
    let ctx = admin_ctx(&state, &staff, lang, "/staff/admin/users").await;
    let user = &staff.user;
    let updated = match record_id(&id) {
        Ok(n) => state.app.accounts().update(user, n, &command).await,
        Err(e) => Err(e),
    };
    Outcome::new(ctx, input, updated)
        .redirect(
            |()| "/staff/admin/users".into(),
            async |ctx, form| {
                let found = match record_id(&id) {
                    Ok(n) => state.app.accounts().get(user, n).await,
                    Err(e) => Err(e),
                };
                match found {
                    Ok(u) => render(&Edit {
                        ctx,
                        user: Some(u),
                        form,
                    }),
                    Err(e) => errors::page(&ctx, e),
                }
            },
        )
        .await
}
