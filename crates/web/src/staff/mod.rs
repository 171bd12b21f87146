//! The staff application: signing in, queues, concern pages, intake, administration.

mod account;
mod admin;
mod api_keys;
mod categories;
mod concerns;
mod intake;
mod users;

use axum::Router;

use crate::AppState;

/// The staff routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(account::routes())
        .merge(admin::routes())
        .merge(api_keys::routes())
        .merge(categories::routes())
        .merge(concerns::routes())
        .merge(intake::routes())
        .merge(users::routes())
}
