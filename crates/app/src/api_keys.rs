//! Issuing and revoking the API keys of Open311 clients, and recognising a key.

use liaison_domain::permissions::Permission;
use liaison_domain::values;
use liaison_store::api_keys::{self, ApiKey};
use liaison_store::users::User;
use liaison_store::{audit, now, StoreError};
use serde_json::json;

use crate::secrets::{digest, token};
use crate::{actor, require, Actor, App, AppError, AppResult};

impl App {
    /// Issues a key to a client (administrators; `None` is the command line). Returns the
    /// key itself, which is shown once and never stored.
    pub async fn create_api_key(
        &self,
        by: Option<&User>,
        name: &str,
    ) -> AppResult<(ApiKey, String)> {
        if let Some(u) = by {
            require(u, Permission::ManageApiKeys)?;
        }
        let name = values::text(name, 1, 80).map_err(|e| AppError::field("name", e))?;
        let key = token();
        let hint = key[key.len() - 4..].to_string();
        let who = by.map_or(Actor::System("command line".into()), actor);
        let t = now();
        let mut tx = self.store.write().await?;
        let created =
            match api_keys::insert(&mut tx, &name, &digest(&key), &hint, by.map(|u| u.id), t).await
            {
                Err(StoreError::Conflict) => {
                    return Err(AppError::field("name", "error-name-taken"))
                }
                other => other?,
            };
        audit::append(
            &mut tx,
            &who,
            "api_key.create",
            "api_key",
            Some(created.id),
            &json!({"name": name, "hint": hint}),
            t,
        )
        .await?;
        tx.commit().await?;
        Ok((created, key))
    }

    /// Every key ever issued, newest first.
    pub async fn api_keys(&self, by: Option<&User>) -> AppResult<Vec<ApiKey>> {
        if let Some(u) = by {
            require(u, Permission::ManageApiKeys)?;
        }
        let mut c = self.store.read().await?;
        Ok(api_keys::list(&mut c).await?)
    }

    /// Revokes a key: its client is refused from then on.
    pub async fn revoke_api_key(&self, by: Option<&User>, id: i64) -> AppResult<()> {
        if let Some(u) = by {
            require(u, Permission::ManageApiKeys)?;
        }
        let who = by.map_or(Actor::System("command line".into()), actor);
        let t = now();
        let mut tx = self.store.write().await?;
        let key = api_keys::get(&mut tx, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !api_keys::revoke(&mut tx, id, t).await? {
            // Already revoked: nothing changes, nothing to record.
            return Ok(());
        }
        audit::append(
            &mut tx,
            &who,
            "api_key.revoke",
            "api_key",
            Some(id),
            &json!({"name": key.name}),
            t,
        )
        .await?;
        tx.commit().await?;
        self.lock_clients().clear();
        Ok(())
    }

    /// The client a key belongs to, if the key is live. A key recognised less than a second
    /// ago is recognised again from memory: a busy client sends thousands of requests a
    /// second. Revoking forgets every key at once on this node; another node stops
    /// accepting a revoked key within a second.
    pub async fn api_client(&self, key: &str) -> AppResult<Option<Actor>> {
        if key.is_empty() || key.len() > 200 {
            return Ok(None);
        }
        let hash = digest(key);
        if let Some((at, actor)) = self.lock_clients().get(&hash) {
            if at.elapsed() < crate::config::FRESH {
                return Ok(Some(actor.clone()));
            }
        }
        let mut c = self.store.read().await?;
        let Some(found) = api_keys::find_live(&mut c, &hash).await? else {
            return Ok(None);
        };
        drop(c);
        let t = now();
        // Last use is kept to the minute: a write per request would queue behind intake.
        // A database that cannot write (a full disk) must still let clients read.
        if found.last_used_at.is_none_or(|at| at < t - 60) {
            let touched = async {
                let mut tx = self.store.write().await?;
                api_keys::touch(&mut tx, found.id, t).await?;
                tx.commit().await
            };
            if let Err(e) = touched.await {
                tracing::warn!(error = %e, "could not record an API key's last use");
            }
        }
        let actor = Actor::Client {
            key_id: found.id,
            label: found.name,
        };
        let mut clients = self.lock_clients();
        if clients.len() >= 10_000 {
            clients.clear();
        }
        clients.insert(hash, (std::time::Instant::now(), actor.clone()));
        Ok(Some(actor))
    }

    fn lock_clients(&self) -> std::sync::MutexGuard<'_, crate::RecentClients> {
        self.recent_clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }
}
