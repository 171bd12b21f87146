//! Personal access tokens for the JSON API: staff create and revoke their own; a token
//! acts as its owner, with the owner's role and nothing more.

use liaison_domain::values;
use liaison_store::access_tokens::{self, NewAccessToken};
use liaison_store::{idempotency, now, users, StoreError};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

pub use liaison_store::access_tokens::AccessToken;
pub use liaison_store::idempotency::{KeptAnswer, Reservation};

use crate::accounts::User;
use crate::door::{Caller, Door};
use crate::secrets::{digest, token};
use crate::{App, AppError, AppResult, Text};

/// What every token starts with, so a leaked one is easy to recognise (and to scan for).
pub const TOKEN_PREFIX: &str = "liaison_pat_";

/// Longest life a token may be given, in days.
pub const MAX_DAYS: i64 = 366;

/// How long an answer is kept under its idempotency key (seconds).
pub const KEEP_ANSWERS: i64 = 24 * 3600;

/// Personal access tokens of the JSON API, and the answers kept under their callers'
/// idempotency keys. `app.access_tokens()`.
#[derive(Clone, Copy)]
pub struct AccessTokens<'a> {
    pub(crate) app: &'a App,
}

pub use liaison_domain::audit::AccessTokenAction;

/// The person behind an API request, and the token they used.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    /// The token's owner.
    pub user: User,
    /// The token's id (idempotency keys are kept per token).
    pub token_id: i64,
}

/// A new personal access token (`POST /staff/account/tokens`, `liaison token`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CreateToken {
    /// What it is for: 1 to 80 characters, not another of one's live tokens' names.
    pub name: Text,
    /// Days until it expires, 1 to 366, or empty for a token that does not expire.
    pub days: Text,
}

impl AccessTokens<'_> {
    /// Creates a token for `by`. Answers the token itself, which is shown once and never
    /// stored.
    pub async fn create(&self, by: &User, token: &CreateToken) -> AppResult<(AccessToken, String)> {
        let door = self.app.door(Caller::Themselves(by))?;
        self.issue(door, by, token).await
    }

    /// Creates a token for the active account with this email, from the command line.
    pub async fn create_for(
        &self,
        email: &str,
        token: &CreateToken,
    ) -> AppResult<(AccessToken, String)> {
        let door = self.app.door(Caller::CommandLine)?;
        let email = email.trim().to_lowercase();
        let owner = {
            let mut c = self.app.store.read().await?;
            users::with_password(&mut c, &email)
                .await?
                .map(|(u, _)| u)
                .filter(|u| u.active)
                .ok_or_else(|| AppError::field("email", "error-user-unknown"))?
        };
        self.issue(door, &owner, token).await
    }

    async fn issue(
        &self,
        door: Door<'_>,
        owner: &User,
        sent: &CreateToken,
    ) -> AppResult<(AccessToken, String)> {
        let mut errors = liaison_domain::FieldErrors::new();
        let name = errors.take("name", values::text(&sent.name, 1, 80));
        let days = errors
            .take("days", values::count(&sent.days, MAX_DAYS))
            .flatten();
        errors.into_result()?;
        let name = name.unwrap_or_default();
        let secret = format!("{TOKEN_PREFIX}{}", token());
        let hint = secret[secret.len() - 4..].to_string();
        let created = door
            .change(async |tx| {
                let at = tx.at;
                let new = NewAccessToken {
                    user_id: owner.id,
                    name: &name,
                    hash: &digest(&secret),
                    hint: &hint,
                    created_at: at,
                    expires_at: days.map(|d| at + d * 86_400),
                };
                let id = match access_tokens::insert(tx, &new).await {
                    Err(StoreError::Conflict) => {
                        return Err(AppError::field("name", "error-name-taken"))
                    }
                    other => other?,
                };
                tx.record(
                    AccessTokenAction::Create,
                    id,
                    json!({"name": name, "hint": hint, "expires_at": new.expires_at}),
                );
                let created = access_tokens::get(tx, id)
                    .await?
                    .ok_or(AppError::Internal("token just stored"))?;
                Ok(created)
            })
            .await?;
        Ok((created, secret))
    }

    /// The tokens `by` has created, newest first.
    pub async fn list(&self, by: &User) -> AppResult<Vec<AccessToken>> {
        let mut c = self.app.store.read().await?;
        Ok(access_tokens::list_for(&mut c, by.id).await?)
    }

    /// Revokes one of `by`'s own tokens; anyone else's is not found.
    pub async fn revoke(&self, by: &User, id: i64) -> AppResult<()> {
        let door = self.app.door(Caller::Themselves(by))?;
        door.change(async |tx| {
            let at = tx.at;
            let found = access_tokens::get(tx, id)
                .await?
                .filter(|k| k.user_id == by.id)
                .ok_or(AppError::NotFound)?;
            if !access_tokens::revoke(tx, id, at).await? {
                return Ok(());
            }
            tx.record(AccessTokenAction::Revoke, id, json!({"name": found.name}));
            Ok(())
        })
        .await
    }

    /// The caller a token stands for: live, not expired, and its owner's account active.
    pub async fn caller(&self, secret: &str) -> AppResult<Option<ApiCaller>> {
        if !secret.starts_with(TOKEN_PREFIX) || secret.len() > 200 {
            return Ok(None);
        }
        let t = now();
        let mut c = self.app.store.read().await?;
        let Some((found, user)) = access_tokens::find_live(&mut c, &digest(secret), t).await?
        else {
            return Ok(None);
        };
        drop(c);
        // Last use is kept to the minute: a write per request would queue behind intake.
        // A database that cannot write (a full disk) must still let callers read.
        if found.last_used_at.is_none_or(|at| at < t - 60) {
            let touched = self
                .app
                .bookkeeping(async |tx| Ok(access_tokens::touch(tx, found.id, t).await?));
            if let Err(e) = touched.await {
                tracing::warn!(error = %e, "could not record an access token's last use");
            }
        }
        Ok(Some(ApiCaller {
            user,
            token_id: found.id,
        }))
    }

    /// Reserves a caller's idempotency key for a request with this hash, or says what the
    /// key already holds (answers kept longer than a day are forgotten on the way).
    pub async fn reserve_answer(
        &self,
        caller: &ApiCaller,
        key: &str,
        request_hash: &str,
    ) -> AppResult<Reservation> {
        let t = now();
        let reserved = self
            .app
            .bookkeeping(async |tx| {
                idempotency::forget_before(tx, t - KEEP_ANSWERS).await?;
                Ok(idempotency::reserve(tx, caller.token_id, key, request_hash, t).await?)
            })
            .await;
        match reserved {
            // Reserved by a concurrent request between the look and the insert (and the
            // transaction rolled back).
            Err(AppError::Store(StoreError::Conflict)) => Ok(Reservation::InFlight),
            other => other,
        }
    }

    /// Keeps the answer to a reserved key.
    pub async fn keep_answer(
        &self,
        caller: &ApiCaller,
        key: &str,
        answer: &KeptAnswer,
    ) -> AppResult<()> {
        self.app
            .bookkeeping(
                async |tx| Ok(idempotency::settle(tx, caller.token_id, key, answer).await?),
            )
            .await
    }

    /// Frees a reserved key, so the request may be tried again.
    pub async fn release_answer(&self, caller: &ApiCaller, key: &str) -> AppResult<()> {
        self.app
            .bookkeeping(async |tx| Ok(idempotency::release(tx, caller.token_id, key).await?))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::door::stored;

    #[test]
    fn the_actions_are_stored_as_the_trail_has_them() {
        assert_eq!(
            stored(AccessTokenAction::ALL),
            [
                ("access_token.create", "access_token"),
                ("access_token.revoke", "access_token"),
            ]
        );
    }
}
