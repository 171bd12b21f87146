//! Issuing and revoking the API keys of Open311 clients, and recognising a key.

use liaison_domain::permissions::Permission;
use liaison_domain::values;
use liaison_store::{api_keys, now, StoreError};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

pub use liaison_store::api_keys::ApiKey;

use crate::accounts::User;
use crate::door::Caller;
use crate::secrets::{digest, token};
use crate::{require, Actor, App, AppError, AppResult, Text};

/// Open311 clients' API keys: issued, listed, revoked, recognised. `app.api_keys()`.
#[derive(Clone, Copy)]
pub struct ApiKeys<'a> {
    pub(crate) app: &'a App,
}

pub use liaison_domain::audit::ApiKeyAction;

/// A key issued to an Open311 client (`POST /staff/admin/api-keys`, `liaison api-key
/// create`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct IssueKey {
    /// The client's name, as the audit trail will show it: 1 to 80 characters, not
    /// another key's.
    pub name: Text,
}

impl From<&str> for IssueKey {
    /// A key for the client with this name (the command line, tests).
    fn from(name: &str) -> Self {
        Self { name: name.into() }
    }
}

impl ApiKeys<'_> {
    /// Issues a key to a client (administrators; `None` is the command line). Returns the
    /// key itself, which is shown once and never stored.
    pub async fn create(&self, by: Option<&User>, issue: &IssueKey) -> AppResult<(ApiKey, String)> {
        let door = self
            .app
            .door(Caller::staff_or_command_line(by, Permission::ManageApiKeys))?;
        let name = values::text(&issue.name, 1, 80).map_err(|e| AppError::field("name", e))?;
        let key = token();
        let hint = key[key.len() - 4..].to_string();
        door.change(async |tx| {
            let at = tx.at;
            let issuer = by.map(|u| u.id);
            let created = match api_keys::insert(tx, &name, &digest(&key), &hint, issuer, at).await
            {
                Err(StoreError::Conflict) => {
                    return Err(AppError::field("name", "error-name-taken"))
                }
                other => other?,
            };
            tx.record(
                ApiKeyAction::Create,
                created.id,
                json!({"name": name, "hint": hint}),
            );
            Ok((created, key.clone()))
        })
        .await
    }

    /// Every key ever issued, newest first.
    pub async fn list(&self, by: Option<&User>) -> AppResult<Vec<ApiKey>> {
        if let Some(u) = by {
            require(u, Permission::ManageApiKeys)?;
        }
        let mut c = self.app.store.read().await?;
        Ok(api_keys::list(&mut c).await?)
    }

    /// Revokes a key: its client is refused from then on.
    pub async fn revoke(&self, by: Option<&User>, id: i64) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::staff_or_command_line(by, Permission::ManageApiKeys))?;
        let revoked = door
            .change(async |tx| {
                let at = tx.at;
                let key = api_keys::get(tx, id).await?.ok_or(AppError::NotFound)?;
                if !api_keys::revoke(tx, id, at).await? {
                    // Already revoked: nothing changes, nothing to record.
                    return Ok(false);
                }
                tx.record(ApiKeyAction::Revoke, id, json!({"name": key.name}));
                Ok(true)
            })
            .await?;
        if revoked {
            self.app.lock_clients().clear();
        }
        Ok(())
    }

    /// The client a key belongs to, if the key is live. A key recognised less than a second
    /// ago is recognised again from memory: a busy client sends thousands of requests a
    /// second. Revoking forgets every key at once on this node; another node stops
    /// accepting a revoked key within a second.
    pub async fn client(&self, key: &str) -> AppResult<Option<Actor>> {
        if key.is_empty() || key.len() > 200 {
            return Ok(None);
        }
        let hash = digest(key);
        let app = self.app;
        if let Some((at, actor)) = app.lock_clients().get(&hash) {
            if at.elapsed() < crate::config::FRESH {
                return Ok(Some(actor.clone()));
            }
        }
        let mut c = app.store.read().await?;
        let Some(found) = api_keys::find_live(&mut c, &hash).await? else {
            return Ok(None);
        };
        drop(c);
        let t = now();
        // Last use is kept to the minute: a write per request would queue behind intake.
        // A database that cannot write (a full disk) must still let clients read.
        if found.last_used_at.is_none_or(|at| at < t - 60) {
            let touched = app.bookkeeping(async |tx| Ok(api_keys::touch(tx, found.id, t).await?));
            if let Err(e) = touched.await {
                tracing::warn!(error = %e, "could not record an API key's last use");
            }
        }
        let actor = Actor::Client {
            key_id: found.id,
            label: found.name,
        };
        let mut clients = app.lock_clients();
        if clients.len() >= 10_000 {
            clients.clear();
        }
        clients.insert(hash, (std::time::Instant::now(), actor.clone()));
        Ok(Some(actor))
    }
}

impl App {
    fn lock_clients(&self) -> std::sync::MutexGuard<'_, crate::RecentClients> {
        self.recent_clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::door::stored;

    #[test]
    fn the_actions_are_stored_as_the_trail_has_them() {
        assert_eq!(
            stored(ApiKeyAction::ALL),
            [("api_key.create", "api_key"), ("api_key.revoke", "api_key")]
        );
    }
}
