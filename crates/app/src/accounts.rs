//! Staff accounts: signing in and out, sessions, passwords, and account management.

use liaison_domain::permissions::Permission;
use liaison_domain::values::{self, EmailAddress};
use liaison_domain::{FieldErrors, Role};
use liaison_store::sessions::{self, Session};
use liaison_store::users::{self, User};
use liaison_store::{audit, now, StoreError};
use serde_json::json;

use crate::secrets::{digest, hash_password, token, verify_password, DUMMY_HASH};
use crate::{actor, require, Actor, App, AppError, AppResult, Input};

/// A new session: the token goes in the cookie, the rest is stored.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The cookie value (only its hash is stored).
    pub token: String,
    /// The session.
    pub session: Session,
}

impl App {
    /// Signs in with email and password. Failed attempts are counted per account; past the
    /// hourly limit each further attempt must wait, which slows guessing without locking
    /// the real owner out.
    pub async fn sign_in(&self, email: &str, password: &str) -> AppResult<SignedIn> {
        let email = email.trim().to_lowercase();
        let t = now();
        let mut c = self.store.read().await?;
        let (failures, latest) = sessions::failures_since(&mut c, &email, t - 3600).await?;
        if failures >= self.settings.login_failures_per_hour {
            let wait = latest.unwrap_or(t) + self.settings.login_delay - t;
            if wait > 0 {
                return Err(AppError::Throttled(wait));
            }
        }
        let found = users::with_password(&mut c, &email).await?;
        drop(c);
        let hash = found
            .as_ref()
            .map_or(DUMMY_HASH.to_string(), |(_, h)| h.clone());
        let ok = verify_password(password.to_string(), hash).await;
        let user = match found {
            Some((user, _)) if ok && user.active => user,
            _ => {
                let mut tx = self.store.write().await?;
                sessions::record_failure(&mut tx, &email, t).await?;
                sessions::prune_failures(&mut tx, t - 86_400).await?;
                tx.commit().await?;
                return Err(AppError::field("email", "error-sign-in"));
            }
        };
        let token = token();
        let csrf = crate::secrets::token();
        let mut tx = self.store.write().await?;
        sessions::insert(&mut tx, &digest(&token), user.id, &csrf, t).await?;
        audit::append(
            &mut tx,
            &actor(&user),
            "user.sign_in",
            "user",
            Some(user.id),
            &json!({}),
            t,
        )
        .await?;
        tx.commit().await?;
        Ok(SignedIn {
            token,
            session: Session {
                user,
                csrf_token: csrf,
                created_at: t,
                last_seen_at: t,
            },
        })
    }

    /// The session behind a cookie token, if it is still valid. Extends the idle timeout.
    pub async fn session(&self, token: &str) -> AppResult<Option<Session>> {
        if token.len() != 64 {
            return Ok(None);
        }
        let hash = digest(token);
        let t = now();
        let mut c = self.store.read().await?;
        let Some(s) = sessions::find(&mut c, &hash).await? else {
            return Ok(None);
        };
        drop(c);
        let idle = s.last_seen_at + self.settings.session_idle < t;
        let old = s.created_at + self.settings.session_absolute < t;
        if idle || old {
            let mut tx = self.store.write().await?;
            sessions::delete(&mut tx, &hash).await?;
            tx.commit().await?;
            return Ok(None);
        }
        // Touch at most once a minute: a write per page view would cost more than it tells.
        // A database that cannot write (a full disk) must still let staff read.
        if t - s.last_seen_at >= 60 {
            let touched = async {
                let mut tx = self.store.write().await?;
                sessions::touch(&mut tx, &hash, t).await?;
                tx.commit().await
            };
            if let Err(e) = touched.await {
                tracing::warn!(error = %e, "could not record a session's last use");
            }
        }
        Ok(Some(s))
    }

    /// Ends the session behind a cookie token.
    pub async fn sign_out(&self, token: &str) -> AppResult<()> {
        let mut tx = self.store.write().await?;
        sessions::delete(&mut tx, &digest(token)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Changes one's own password; every other session of the account ends.
    pub async fn change_password(&self, user: &User, input: &Input) -> AppResult<()> {
        let mut errors = FieldErrors::new();
        let current = input.get("current_password");
        let new = errors.take(
            "new_password",
            values::new_password(input.get("new_password")),
        );
        if input.get("new_password") != input.get("confirm_password") {
            errors.add("confirm_password", "error-password-mismatch");
        }
        let mut c = self.store.read().await?;
        let stored = users::password_hash(&mut c, user.id)
            .await?
            .ok_or(AppError::NotFound)?;
        drop(c);
        if !verify_password(current.to_string(), stored).await {
            errors.add("current_password", "error-password-wrong");
        }
        errors.into_result()?;
        let hash = hash_password(new.unwrap_or_default()).await?;
        let mut tx = self.store.write().await?;
        users::set_password(&mut tx, user.id, &hash).await?;
        sessions::delete_for_user(&mut tx, user.id).await?;
        audit::append(
            &mut tx,
            &actor(user),
            "user.change_password",
            "user",
            Some(user.id),
            &json!({}),
            now(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Creates a staff account (administrators only; `None` is the command line).
    pub async fn add_user(&self, by: Option<&User>, input: &Input) -> AppResult<User> {
        if let Some(u) = by {
            require(u, Permission::ManageUsers)?;
        }
        let mut errors = FieldErrors::new();
        let email = errors.take("email", EmailAddress::parse(input.get("email")));
        let name = errors.take("name", values::text(input.get("name"), 1, 120));
        let role = errors.take("role", Role::parse(input.get("role")));
        let password = errors.take("password", values::new_password(input.get("password")));
        errors.into_result()?;
        let (Some(email), Some(name), Some(role), Some(password)) = (email, name, role, password)
        else {
            return Err(AppError::Internal("validated fields"));
        };
        let hash = hash_password(password).await?;
        let who = by.map_or(Actor::System("command line".into()), actor);
        let t = now();
        let mut tx = self.store.write().await?;
        let id = match users::insert(&mut tx, email.as_str(), &name, role, &hash, t).await {
            Err(StoreError::Conflict) => return Err(AppError::field("email", "error-email-taken")),
            other => other?,
        };
        audit::append(
            &mut tx,
            &who,
            "user.create",
            "user",
            Some(id),
            &json!({"email": email.as_str(), "name": name, "role": role.as_str()}),
            t,
        )
        .await?;
        tx.commit().await?;
        Ok(User {
            id,
            email: email.as_str().to_string(),
            name,
            role,
            active: true,
        })
    }

    /// Changes an account's name, role and whether it is active; disabling it ends its
    /// sessions. A new password may be set at the same time.
    pub async fn update_user(&self, by: &User, id: i64, input: &Input) -> AppResult<()> {
        require(by, Permission::ManageUsers)?;
        let mut c = self.store.read().await?;
        let before = users::get(&mut c, id).await?.ok_or(AppError::NotFound)?;
        drop(c);
        let mut errors = FieldErrors::new();
        let name = errors.take("name", values::text(input.get("name"), 1, 120));
        let role = errors.take("role", Role::parse(input.get("role")));
        let active = input.checked("active");
        let password = match input.get("password") {
            "" => None,
            p => errors.take("password", values::new_password(p)),
        };
        if by.id == id && (!active || role != Some(Role::Administrator)) {
            errors.add("role", "error-own-account");
        }
        errors.into_result()?;
        let (name, role) = (name.unwrap_or_default(), role.unwrap_or(before.role));
        let hash = match password {
            Some(p) => Some(hash_password(p).await?),
            None => None,
        };
        let t = now();
        let mut tx = self.store.write().await?;
        users::update(&mut tx, id, &name, role, active).await?;
        if let Some(h) = &hash {
            users::set_password(&mut tx, id, h).await?;
        }
        if !active || hash.is_some() {
            sessions::delete_for_user(&mut tx, id).await?;
        }
        audit::append(
            &mut tx,
            &actor(by),
            "user.update",
            "user",
            Some(id),
            &json!({
                "name": [before.name, name],
                "role": [before.role.as_str(), role.as_str()],
                "active": [before.active, active],
                "password_reset": hash.is_some(),
            }),
            t,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every account (administrators only).
    pub async fn users(&self, by: &User) -> AppResult<Vec<User>> {
        require(by, Permission::ManageUsers)?;
        Ok(users::list(&mut *self.store.read().await?).await?)
    }

    /// One account (administrators only).
    pub async fn user(&self, by: &User, id: i64) -> AppResult<User> {
        require(by, Permission::ManageUsers)?;
        users::get(&mut *self.store.read().await?, id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Active staff who can be given concerns (not viewers).
    pub async fn assignable_staff(&self) -> AppResult<Vec<User>> {
        let all = users::list(&mut *self.store.read().await?).await?;
        Ok(all
            .into_iter()
            .filter(|u| u.active && u.role != Role::Viewer)
            .collect())
    }

    /// How many accounts exist (the command line warns when there are none).
    pub async fn user_count(&self) -> AppResult<i64> {
        Ok(users::count(&mut *self.store.read().await?).await?)
    }
}

impl App {
    /// The audit trail, newest first, before entry `before` (administrators only).
    pub async fn audit_entries(
        &self,
        by: &User,
        before: Option<i64>,
        limit: i64,
    ) -> AppResult<Vec<audit::AuditEntry>> {
        require(by, Permission::ReadAudit)?;
        Ok(audit::list(&mut *self.store.read().await?, None, before, limit).await?)
    }
}
