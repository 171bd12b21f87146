//! Personal access tokens for the JSON API: staff create and revoke their own; a token
//! acts as its owner, with the owner's role and nothing more.

use liaison_domain::values;
use liaison_store::access_tokens::{self, AccessToken, NewAccessToken};
use liaison_store::idempotency::{self, KeptAnswer, Reservation};
use liaison_store::users::{self, User};
use liaison_store::{audit, now, StoreError};
use serde_json::json;

use crate::secrets::{digest, token};
use crate::{actor, Actor, App, AppError, AppResult, Input};

/// What every token starts with, so a leaked one is easy to recognise (and to scan for).
pub const TOKEN_PREFIX: &str = "liaison_pat_";

/// Longest life a token may be given, in days.
pub const MAX_DAYS: i64 = 366;

/// How long an answer is kept under its idempotency key (seconds).
pub const KEEP_ANSWERS: i64 = 24 * 3600;

/// The person behind an API request, and the token they used.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    /// The token's owner.
    pub user: User,
    /// The token's id (idempotency keys are kept per token).
    pub token_id: i64,
}

impl App {
    /// Creates a token for `by` from the fields `name` and `days` (empty: never expires).
    /// Answers the token itself, which is shown once and never stored.
    pub async fn create_access_token(
        &self,
        by: &User,
        input: &Input,
    ) -> AppResult<(AccessToken, String)> {
        self.issue_access_token(by, &actor(by), input).await
    }

    /// Creates a token for the active account with this email, from the command line.
    pub async fn create_access_token_for(
        &self,
        email: &str,
        input: &Input,
    ) -> AppResult<(AccessToken, String)> {
        let email = email.trim().to_lowercase();
        let owner = {
            let mut c = self.store.read().await?;
            users::with_password(&mut c, &email)
                .await?
                .map(|(u, _)| u)
                .filter(|u| u.active)
                .ok_or_else(|| AppError::field("email", "error-user-unknown"))?
        };
        self.issue_access_token(&owner, &Actor::System("command line".into()), input)
            .await
    }

    async fn issue_access_token(
        &self,
        by: &User,
        who: &Actor,
        input: &Input,
    ) -> AppResult<(AccessToken, String)> {
        let mut errors = liaison_domain::FieldErrors::new();
        let name = errors.take("name", values::text(input.get("name"), 1, 80));
        let days = errors
            .take("days", values::count(input.get("days"), MAX_DAYS))
            .flatten();
        errors.into_result()?;
        let name = name.unwrap_or_default();
        let secret = format!("{TOKEN_PREFIX}{}", token());
        let hint = secret[secret.len() - 4..].to_string();
        let t = now();
        let mut tx = self.store.write().await?;
        let new = NewAccessToken {
            user_id: by.id,
            name: &name,
            hash: &digest(&secret),
            hint: &hint,
            created_at: t,
            expires_at: days.map(|d| t + d * 86_400),
        };
        let id = match access_tokens::insert(&mut tx, &new).await {
            Err(StoreError::Conflict) => return Err(AppError::field("name", "error-name-taken")),
            other => other?,
        };
        audit::append(
            &mut tx,
            who,
            "access_token.create",
            "access_token",
            Some(id),
            &json!({"name": name, "hint": hint, "expires_at": new.expires_at}),
            t,
        )
        .await?;
        let created = access_tokens::get(&mut tx, id)
            .await?
            .ok_or(AppError::Internal("token just stored"))?;
        tx.commit().await?;
        Ok((created, secret))
    }

    /// The tokens `by` has created, newest first.
    pub async fn access_tokens(&self, by: &User) -> AppResult<Vec<AccessToken>> {
        let mut c = self.store.read().await?;
        Ok(access_tokens::list_for(&mut c, by.id).await?)
    }

    /// Revokes one of `by`'s own tokens; anyone else's is not found.
    pub async fn revoke_access_token(&self, by: &User, id: i64) -> AppResult<()> {
        let t = now();
        let mut tx = self.store.write().await?;
        let found = access_tokens::get(&mut tx, id)
            .await?
            .filter(|k| k.user_id == by.id)
            .ok_or(AppError::NotFound)?;
        if !access_tokens::revoke(&mut tx, id, t).await? {
            return Ok(());
        }
        audit::append(
            &mut tx,
            &actor(by),
            "access_token.revoke",
            "access_token",
            Some(id),
            &json!({"name": found.name}),
            t,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The caller a token stands for: live, not expired, and its owner's account active.
    pub async fn api_caller(&self, secret: &str) -> AppResult<Option<ApiCaller>> {
        if !secret.starts_with(TOKEN_PREFIX) || secret.len() > 200 {
            return Ok(None);
        }
        let t = now();
        let mut c = self.store.read().await?;
        let Some((found, user)) = access_tokens::find_live(&mut c, &digest(secret), t).await?
        else {
            return Ok(None);
        };
        drop(c);
        // Last use is kept to the minute: a write per request would queue behind intake.
        // A database that cannot write (a full disk) must still let callers read.
        if found.last_used_at.is_none_or(|at| at < t - 60) {
            let touched = async {
                let mut tx = self.store.write().await?;
                access_tokens::touch(&mut tx, found.id, t).await?;
                tx.commit().await
            };
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
        let mut tx = self.store.write().await?;
        idempotency::forget_before(&mut tx, t - KEEP_ANSWERS).await?;
        let r = match idempotency::reserve(&mut tx, caller.token_id, key, request_hash, t).await {
            // Reserved by a concurrent request between the look and the insert.
            Err(StoreError::Conflict) => return Ok(Reservation::InFlight),
            other => other?,
        };
        tx.commit().await?;
        Ok(r)
    }

    /// Keeps the answer to a reserved key.
    pub async fn keep_answer(
        &self,
        caller: &ApiCaller,
        key: &str,
        answer: &KeptAnswer,
    ) -> AppResult<()> {
        let mut tx = self.store.write().await?;
        idempotency::settle(&mut tx, caller.token_id, key, answer).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Frees a reserved key, so the request may be tried again.
    pub async fn release_answer(&self, caller: &ApiCaller, key: &str) -> AppResult<()> {
        let mut tx = self.store.write().await?;
        idempotency::release(&mut tx, caller.token_id, key).await?;
        tx.commit().await?;
        Ok(())
    }
}
