//! Sensitive categories (harassment, gender-based violence, a complaint against staff):
//! administrators mark a category sensitive and name its team; from then on its concerns
//! are read by that team alone — not by other supervisors or administrators — are taken in
//! confidential, and are given only to its members (`store/visibility.rs` writes the rule
//! into every read of concerns).

use liaison_domain::permissions::Permission;
use liaison_store::{categories, teams, users};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::accounts::User;
use crate::door::Caller;
use crate::office::{Office, OfficeAction};
use crate::{AppError, AppResult, Flag, List};

/// Whether a category is sensitive, and its team (`POST /staff/admin/categories/{id}/team`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SaveTeam {
    /// Its concerns are read by the team alone.
    pub sensitive: Flag,
    /// The ids of the active staff members of its team (officers, supervisors,
    /// administrators); at least one when sensitive.
    pub team: List,
}

impl Office<'_> {
    /// Whether a category is sensitive, and its team's user ids.
    pub async fn team(&self, category_id: i64) -> AppResult<(bool, Vec<i64>)> {
        let mut c = self.app.store.read().await?;
        Ok(teams::of(&mut c, category_id).await?)
    }

    /// Marks a category sensitive or not, and names its team (administrators).
    pub async fn save_team(&self, by: &User, category_id: i64, cmd: &SaveTeam) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        let sensitive = cmd.sensitive.is_set();
        let mut team = Vec::new();
        {
            let mut c = self.app.store.read().await?;
            for sent in cmd
                .team
                .0
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
            {
                let found = match sent.parse::<i64>() {
                    Ok(id) => users::get(&mut c, id).await?,
                    Err(_) => None,
                };
                match found {
                    Some(u) if u.active && u.role.may(Permission::WorkOnConcerns) => {
                        if !team.contains(&u.id) {
                            team.push(u.id);
                        }
                    }
                    _ => return Err(AppError::field("team", "error-choice")),
                }
            }
        }
        team.sort_unstable();
        if sensitive && team.is_empty() {
            return Err(AppError::field("team", "error-team-required"));
        }
        door.change(async |tx| {
            categories::get(tx, category_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let (was, before) = teams::of(tx, category_id).await?;
            if was == sensitive && before == team {
                return Ok(());
            }
            teams::save(tx, category_id, sensitive, &team).await?;
            tx.record(
                OfficeAction::CategoryTeam,
                category_id,
                json!({"sensitive": [was, sensitive], "team": [before, team]}),
            );
            Ok(())
        })
        .await
    }
}
