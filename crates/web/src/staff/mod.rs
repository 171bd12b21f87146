//! The staff application: signing in, queues, concern pages, intake, administration.

mod account;
mod admin;
mod api_keys;
mod categories;
mod commitments;
pub(crate) mod concerns;
mod dashboard;
mod engagements;
pub(crate) mod exports;
mod imports;
mod intake;
mod interactions;
mod mediation;
mod outbox;
mod reports;
mod search;
mod stakeholders;
mod surveys;
mod tokens;
mod users;

use crate::routing::Routes;

/// The staff routes; intake and the concern page may carry files, in bodies of up to
/// `upload_limit` bytes.
pub fn routes(upload_limit: usize) -> Routes {
    Routes::new()
        .merge(account::routes())
        .merge(tokens::routes())
        .merge(admin::routes())
        .merge(api_keys::routes())
        .merge(categories::routes())
        .merge(commitments::routes())
        .merge(concerns::routes(upload_limit))
        .merge(dashboard::routes())
        .merge(engagements::routes(upload_limit))
        .merge(exports::routes())
        .merge(imports::routes())
        .merge(intake::routes(upload_limit))
        .merge(interactions::routes())
        .merge(mediation::routes())
        .merge(outbox::routes())
        .merge(reports::routes())
        .merge(search::routes())
        .merge(stakeholders::routes())
        .merge(surveys::routes())
        .merge(users::routes())
}
