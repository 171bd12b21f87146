//! Saved lists of the register: a list's filters kept under a name, the staff member's own
//! or shared with the office, opened again later and reused by the features that contact
//! people (invitations, mailings), which read a list's members through [`Filter`].

use liaison_domain::audit::StakeholderAction;
use liaison_domain::permissions::Permission;
use liaison_domain::records::RecordKind;
use liaison_domain::values;
use liaison_store::saved_lists as store;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

pub use liaison_store::saved_lists::SavedList;

use super::{filter_from, Filter, Stakeholders};
use crate::accounts::User;
use crate::door::Caller;
use crate::{require, AppError, AppResult, Flag, Input, Text};

/// The most characters of a list's name.
pub const NAME_MAX: usize = 120;
/// The most characters of a list's query string.
const QUERY_MAX: usize = 2_000;

/// A list saved (`POST /staff/people/lists`, `POST /staff/organizations/lists`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SaveList {
    /// Its name ("School principals, North ward"): 1 to 120 characters.
    #[schema(required = true)]
    pub name: Text,
    /// The list's query string, as its page has it (`tag=school+principal&area=3`).
    pub query: Text,
    /// Shared with every staff member who reads the register.
    pub shared: Flag,
}

/// The query string kept: only the list's filters, the page's position left out.
fn kept_query(query: &str) -> String {
    let sent = Input::from_urlencoded(query.trim().trim_start_matches('?').as_bytes());
    let fields = [
        "q",
        "area",
        "tag",
        "language",
        "type",
        "influence",
        "interest",
        "attitude",
        "owner",
    ];
    let mut out = form_urlencoded_pairs(
        sent.0
            .iter()
            .filter(|(k, v)| fields.contains(&k.as_str()) && !v.trim().is_empty()),
    );
    out.truncate(QUERY_MAX);
    out
}

fn form_urlencoded_pairs<'a>(pairs: impl Iterator<Item = &'a (String, String)>) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v.trim());
    }
    s.finish()
}

impl Stakeholders<'_> {
    /// Saves a list of people or organizations under a name; answers its id.
    pub async fn save_list(&self, by: &User, kind: RecordKind, cmd: &SaveList) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ReadStakeholders))?;
        let name =
            values::text(&cmd.name, 1, NAME_MAX).map_err(|code| AppError::field("name", code))?;
        let query = kept_query(&cmd.query);
        let shared = cmd.shared.is_set();
        door.change(async |tx| {
            let at = tx.at;
            let id = store::insert(tx, kind, &name, &query, by.id, shared, at).await?;
            tx.record(
                StakeholderAction::ListSave,
                id,
                json!({ "kind": kind.as_str(), "shared": shared }),
            );
            Ok(id)
        })
        .await
    }

    /// The saved lists of one kind `by` sees: their own and the shared ones.
    pub async fn lists(&self, by: &User, kind: RecordKind) -> AppResult<Vec<SavedList>> {
        require(by, Permission::ReadStakeholders)?;
        let mut c = self.app.store.read().await?;
        Ok(store::of(&mut c, kind, by.id).await?)
    }

    /// A saved list `by` sees, and the filter of its members (what a later feature walks,
    /// a page at a time, through [`Self::list`]).
    pub async fn saved_list(
        &self,
        by: &User,
        id: i64,
        limit: i64,
    ) -> AppResult<(SavedList, Filter)> {
        require(by, Permission::ReadStakeholders)?;
        let mut c = self.app.store.read().await?;
        match store::get(&mut c, id).await? {
            Some(l) if l.owner_id == by.id || l.shared => {
                let sent = Input::from_urlencoded(l.query.as_bytes());
                let filter = filter_from(|f| sent.get(f).to_string(), limit);
                Ok((l, filter))
            }
            _ => Err(AppError::NotFound),
        }
    }

    /// Forgets a saved list: its owner's, or a shared one for those who oversee.
    pub async fn delete_list(&self, by: &User, id: i64) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ReadStakeholders))?;
        let found = {
            let mut c = self.app.store.read().await?;
            store::get(&mut c, id).await?
        };
        match found {
            Some(l) if l.owner_id == by.id || (l.shared && by.role.oversees()) => {
                door.change(async |tx| {
                    store::delete(tx, id).await?;
                    tx.record(StakeholderAction::ListDelete, id, json!({}));
                    Ok(())
                })
                .await
            }
            _ => Err(AppError::NotFound),
        }
    }
}
