//! Staff accounts: signing in and out, sessions, passwords, and account management.

use liaison_domain::permissions::Permission;
use liaison_domain::values::{self, EmailAddress};
use liaison_domain::{FieldErrors, Role};
use liaison_store::{now, sessions, users, StoreError};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

pub use liaison_store::sessions::Session;
pub use liaison_store::users::User;

use crate::door::Caller;
use crate::secrets::{digest, hash_password, token, verify_password, DUMMY_HASH};
use crate::{require, App, AppError, AppResult, Flag, Text};

/// Staff accounts: signing in, sessions, passwords, and the accounts themselves.
/// `app.accounts()`.
#[derive(Clone, Copy)]
pub struct Accounts<'a> {
    pub(crate) app: &'a App,
}

pub use liaison_domain::audit::AccountAction;

/// A new session: the token goes in the cookie, the rest is stored.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The cookie value (only its hash is stored).
    pub token: String,
    /// The session.
    pub session: Session,
}

/// Signing in (`POST /sign-in`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SignIn {
    /// The account's email address, in any case.
    pub email: Text,
    /// Its password.
    pub password: Text,
}

/// One's own password changed (`POST /staff/account`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ChangePassword {
    /// The password in use now.
    pub current_password: Text,
    /// The new one: 8 to 128 characters, not a common password.
    pub new_password: Text,
    /// The new one again, the same.
    pub confirm_password: Text,
}

/// A new staff account (`POST /staff/admin/users`, `liaison user add`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct NewUser {
    /// Its email address, which signs in: not another account's.
    pub email: Text,
    /// The person's name: 1 to 120 characters.
    pub name: Text,
    /// `administrator`, `supervisor`, `officer`, `partner` or `viewer`.
    pub role: Text,
    /// Its first password: 8 to 128 characters, not a common password.
    pub password: Text,
}

/// An account's name, role or activity changed, or its password reset
/// (`POST /staff/admin/users/{id}`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct UpdateUser {
    /// The person's name: 1 to 120 characters.
    pub name: Text,
    /// `administrator`, `supervisor`, `officer`, `partner` or `viewer`.
    pub role: Text,
    /// May sign in; untick to disable the account and end its sessions. Nobody disables
    /// their own account or gives up their own administrator role.
    pub active: Flag,
    /// A new password (8 to 128 characters), or empty to keep the current one.
    pub password: Text,
}

impl Accounts<'_> {
    /// Signs in with email and password. Failed attempts are counted per account; past the
    /// hourly limit each further attempt must wait, which slows guessing without locking
    /// the real owner out.
    pub async fn sign_in(&self, sign_in: &SignIn) -> AppResult<SignedIn> {
        let (app, settings) = (self.app, &self.app.settings);
        let email = sign_in.email.trim().to_lowercase();
        let password = sign_in.password.as_str();
        let t = now();
        let mut c = app.store.read().await?;
        let (failures, latest) = sessions::failures_since(&mut c, &email, t - 3600).await?;
        if failures >= settings.login_failures_per_hour {
            let wait = latest.unwrap_or(t) + settings.login_delay - t;
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
                app.bookkeeping(async |tx| {
                    sessions::record_failure(tx, &email, t).await?;
                    sessions::prune_failures(tx, t - 86_400).await?;
                    Ok(())
                })
                .await?;
                return Err(AppError::field("email", "error-sign-in"));
            }
        };
        let token = token();
        let csrf = crate::secrets::token();
        let door = app.door(Caller::Themselves(&user))?;
        let at = door
            .change(async |tx| {
                let at = tx.at;
                sessions::insert(tx, &digest(&token), user.id, &csrf, at).await?;
                tx.record(AccountAction::SignIn, user.id, json!({}));
                Ok(at)
            })
            .await?;
        Ok(SignedIn {
            token,
            session: Session {
                user,
                csrf_token: csrf,
                created_at: at,
                last_seen_at: at,
            },
        })
    }

    /// The session behind a cookie token, if it is still valid. Extends the idle timeout.
    pub async fn session(&self, token: &str) -> AppResult<Option<Session>> {
        if token.len() != 64 {
            return Ok(None);
        }
        let (app, settings) = (self.app, &self.app.settings);
        let hash = digest(token);
        let t = now();
        let mut c = app.store.read().await?;
        let Some(s) = sessions::find(&mut c, &hash).await? else {
            return Ok(None);
        };
        drop(c);
        let idle = s.last_seen_at + settings.session_idle < t;
        let old = s.created_at + settings.session_absolute < t;
        if idle || old {
            app.bookkeeping(async |tx| Ok(sessions::delete(tx, &hash).await?))
                .await?;
            return Ok(None);
        }
        // Touch at most once a minute: a write per page view would cost more than it tells.
        // A database that cannot write (a full disk) must still let staff read.
        if t - s.last_seen_at >= 60 {
            let touched = app.bookkeeping(async |tx| Ok(sessions::touch(tx, &hash, t).await?));
            if let Err(e) = touched.await {
                tracing::warn!(error = %e, "could not record a session's last use");
            }
        }
        Ok(Some(s))
    }

    /// Ends the session behind a cookie token.
    pub async fn sign_out(&self, token: &str) -> AppResult<()> {
        self.app
            .bookkeeping(async |tx| Ok(sessions::delete(tx, &digest(token)).await?))
            .await
    }

    /// Changes one's own password; every other session of the account ends.
    pub async fn change_password(&self, user: &User, change: &ChangePassword) -> AppResult<()> {
        let door = self.app.door(Caller::Themselves(user))?;
        let mut errors = FieldErrors::new();
        let current = change.current_password.as_str();
        let new = errors.take("new_password", values::new_password(&change.new_password));
        if change.new_password != change.confirm_password {
            errors.add("confirm_password", "error-password-mismatch");
        }
        let mut c = self.app.store.read().await?;
        let stored = users::password_hash(&mut c, user.id)
            .await?
            .ok_or(AppError::NotFound)?;
        drop(c);
        if !verify_password(current.to_string(), stored).await {
            errors.add("current_password", "error-password-wrong");
        }
        errors.into_result()?;
        let hash = hash_password(new.unwrap_or_default()).await?;
        door.change(async |tx| {
            users::set_password(tx, user.id, &hash).await?;
            sessions::delete_for_user(tx, user.id).await?;
            tx.record(AccountAction::ChangePassword, user.id, json!({}));
            Ok(())
        })
        .await
    }

    /// Creates a staff account (administrators only; `None` is the command line).
    pub async fn add(&self, by: Option<&User>, user: &NewUser) -> AppResult<User> {
        let door = self
            .app
            .door(Caller::staff_or_command_line(by, Permission::ManageUsers))?;
        let mut errors = FieldErrors::new();
        let email = errors.take("email", EmailAddress::parse(&user.email));
        let name = errors.take("name", values::text(&user.name, 1, 120));
        let role = errors.take("role", Role::parse(&user.role));
        let password = errors.take("password", values::new_password(&user.password));
        errors.into_result()?;
        let (Some(email), Some(name), Some(role), Some(password)) = (email, name, role, password)
        else {
            return Err(AppError::Internal("validated fields"));
        };
        let hash = hash_password(password).await?;
        let id = door
            .change(async |tx| {
                let at = tx.at;
                let id = match users::insert(tx, email.as_str(), &name, role, &hash, at).await {
                    Err(StoreError::Conflict) => {
                        return Err(AppError::field("email", "error-email-taken"))
                    }
                    other => other?,
                };
                tx.record(
                    AccountAction::Create,
                    id,
                    json!({"email": email.as_str(), "name": name, "role": role.as_str()}),
                );
                Ok(id)
            })
            .await?;
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
    pub async fn update(&self, by: &User, id: i64, user: &UpdateUser) -> AppResult<()> {
        let door = self.app.door(Caller::Staff(by, Permission::ManageUsers))?;
        let mut c = self.app.store.read().await?;
        let before = users::get(&mut c, id).await?.ok_or(AppError::NotFound)?;
        drop(c);
        let mut errors = FieldErrors::new();
        let name = errors.take("name", values::text(&user.name, 1, 120));
        let role = errors.take("role", Role::parse(&user.role));
        let active = user.active.is_set();
        let password = match user.password.as_str() {
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
        door.change(async |tx| {
            users::update(tx, id, &name, role, active).await?;
            if let Some(h) = &hash {
                users::set_password(tx, id, h).await?;
            }
            if !active || hash.is_some() {
                sessions::delete_for_user(tx, id).await?;
            }
            tx.record(
                AccountAction::Update,
                id,
                json!({
                    "name": [before.name, name],
                    "role": [before.role.as_str(), role.as_str()],
                    "active": [before.active, active],
                    "password_reset": hash.is_some(),
                }),
            );
            Ok(())
        })
        .await
    }

    /// Every account (administrators only).
    pub async fn list(&self, by: &User) -> AppResult<Vec<User>> {
        require(by, Permission::ManageUsers)?;
        Ok(users::list(&mut *self.app.store.read().await?).await?)
    }

    /// One account (administrators only).
    pub async fn get(&self, by: &User, id: i64) -> AppResult<User> {
        require(by, Permission::ManageUsers)?;
        users::get(&mut *self.app.store.read().await?, id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Active staff who can be given concerns (not viewers).
    pub async fn assignable_staff(&self) -> AppResult<Vec<User>> {
        let all = users::list(&mut *self.app.store.read().await?).await?;
        Ok(all
            .into_iter()
            .filter(|u| u.active && u.role != Role::Viewer)
            .collect())
    }

    /// How many accounts exist (the command line warns when there are none).
    pub async fn count(&self) -> AppResult<i64> {
        Ok(users::count(&mut *self.app.store.read().await?).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::door::stored;

    #[test]
    fn the_actions_are_stored_as_the_trail_has_them() {
        assert_eq!(
            stored(AccountAction::ALL),
            [
                ("user.create", "user"),
                ("user.update", "user"),
                ("user.change_password", "user"),
                ("user.sign_in", "user"),
                ("user.notifications", "user"),
            ]
        );
    }
}
