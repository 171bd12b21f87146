//! Configuring the office: its settings, areas, and categories with their questions (their
//! texts in other languages are in `texts.rs`).

use liaison_domain::categories::Question;
use liaison_domain::concerns::Priority;
use liaison_domain::deadlines::Target;
use liaison_domain::office::WorkingCalendar;
use liaison_domain::permissions::Permission;
use liaison_domain::{values, FieldErrors};
use liaison_store::{areas, categories, office, StoreError};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

pub use liaison_store::areas::Area;
pub use liaison_store::categories::{Category, CategoryFields};
pub use liaison_store::office::Office as OfficeSettings;

use crate::accounts::User;
use crate::door::Caller;
use crate::{App, AppError, AppResult, Flag, List, Text};

/// The office: its settings, areas, categories and questions, and their texts in other
/// languages. `app.office()`.
#[derive(Clone, Copy)]
pub struct Office<'a> {
    pub(crate) app: &'a App,
}

pub use liaison_domain::audit::OfficeAction;

/// The office's name and working calendar (`POST /staff/admin`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SaveSettings {
    /// The office's name: 1 to 120 characters.
    pub name: Text,
    /// An IANA time zone, such as `Africa/Johannesburg`.
    pub time_zone: Text,
    /// The working days, 1 (Monday) to 7 (Sunday): at least one.
    pub working_days: List,
    /// When the working day starts, `HH:MM`.
    pub work_start: Text,
    /// When it ends, `HH:MM`, after it starts.
    pub work_end: Text,
    /// The id of the active category that mail to the office becomes a concern in when it
    /// answers no letter; empty for the first active category.
    pub mail_category: Text,
}

/// A new area (`POST /staff/admin/areas`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct NewArea {
    /// Its name: 1 to 120 characters, not another area's.
    pub name: Text,
}

/// An area renamed, retired or brought back (`POST /staff/admin/areas/{id}`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct UpdateArea {
    /// Its name: 1 to 120 characters, not another area's.
    pub name: Text,
    /// Offered for new concerns; untick to retire it.
    pub active: Flag,
}

/// A category's settings (`POST /staff/admin/categories`, `POST
/// /staff/admin/categories/{id}`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SaveCategory {
    /// Its code, as Open311 clients name it: 1 to 40 of `a-z`, `0-9` and `_`, starting
    /// with a letter; made from the name when empty.
    pub code: Text,
    /// Its name: 1 to 120 characters.
    pub name: Text,
    /// What it is for, as residents read it: at most 1000 characters.
    pub description: Text,
    /// The target to acknowledge a concern: a whole number from 1 to 730 …
    pub ack_amount: Text,
    /// … of `working_hours` or `calendar_days`.
    pub ack_unit: Text,
    /// The target to resolve it: a whole number from 1 to 730 …
    pub resolve_amount: Text,
    /// … of `working_hours` or `calendar_days`.
    pub resolve_unit: Text,
    /// The priority new concerns start with: `low`, `normal`, `high` or `urgent`.
    pub default_priority: Text,
    /// Offered on the portal and to Open311 clients.
    pub public: Flag,
    /// Offered for new concerns at all.
    pub active: Flag,
}

/// An intake question added to a category (`POST /staff/admin/categories/{id}/questions`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct NewQuestion {
    /// Its code, under which answers are sent and kept: 1 to 40 of `a-z`, `0-9` and `_`,
    /// starting with a letter; made from the label when empty.
    pub code: Text,
    /// The question: 1 to 200 characters.
    pub label: Text,
    /// Help shown under it: at most 500 characters, or empty.
    pub help: Text,
    /// `short_text`, `long_text`, `number`, `date`, `single_choice` or `multiple_choice`.
    pub kind: Text,
    /// An answer is required.
    pub required: Flag,
    /// For a question with choices: one choice per line, each at most 200 characters.
    pub choices: Text,
}

/// A question removed or moved (`POST /staff/admin/categories/{id}/questions/{code}`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ChangeQuestion {
    /// `remove`, `up` or `down`.
    pub change: Text,
}

impl Office<'_> {
    /// The office settings.
    pub async fn settings(&self) -> AppResult<OfficeSettings> {
        Ok(self.app.config().await?.office.clone())
    }

    /// Saves name, time zone and working hours (administrators).
    pub async fn save_settings(
        &self,
        by: &User,
        settings: &SaveSettings,
    ) -> AppResult<OfficeSettings> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        let mut errors = FieldErrors::new();
        let name = errors.take("name", values::text(&settings.name, 1, 120));
        let days = settings.working_days.0.join(",");
        let calendar = match WorkingCalendar::parse(
            &settings.time_zone,
            &days,
            &settings.work_start,
            &settings.work_end,
        ) {
            Ok(c) => Some(c),
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        };
        let mail_category_id = match settings.mail_category.trim() {
            "" => None,
            id => match id.parse::<i64>() {
                Ok(id) if self.category(id).await.is_ok_and(|k| k.fields.active) => Some(id),
                _ => errors.take("mail_category", Err("error-choice")),
            },
        };
        errors.into_result()?;
        let (Some(name), Some(calendar)) = (name, calendar) else {
            return Err(AppError::Internal("validated fields"));
        };
        let new = OfficeSettings {
            name,
            calendar,
            mail_category_id,
        };
        door.change(async |tx| {
            let at = tx.at;
            let before = office::get(tx).await?;
            office::save(tx, &new, at).await?;
            if before.calendar.time_zone != new.calendar.time_zone {
                // The figures' days are the office's: counted again in the new zone.
                let backend = tx.backend();
                liaison_store::aggregates::rebuild(tx, backend, new.calendar.time_zone, at).await?;
            }
            tx.record(
                OfficeAction::Update,
                1,
                json!({
                    "name": [before.name, new.name],
                    "time_zone": [before.calendar.time_zone.name(), new.calendar.time_zone.name()],
                    "working_days": [before.calendar.days_text(), new.calendar.days_text()],
                    "hours": [[before.calendar.start_minute, before.calendar.end_minute],
                              [new.calendar.start_minute, new.calendar.end_minute]],
                    "mail_category": [before.mail_category_id, new.mail_category_id],
                }),
            );
            Ok(())
        })
        .await?;
        self.app.forget_config();
        Ok(new)
    }

    /// Areas; retired ones too when `all`.
    pub async fn areas(&self, all: bool) -> AppResult<Vec<Area>> {
        Ok(areas::list(&mut *self.app.store.read().await?, all).await?)
    }

    /// Adds an area (administrators).
    pub async fn add_area(&self, by: &User, area: &NewArea) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        let name =
            values::text(&area.name, 1, areas::NAME_MAX).map_err(|c| AppError::field("name", c))?;
        let id = door
            .change(async |tx| {
                let at = tx.at;
                let id = match areas::insert(tx, &name, at).await {
                    Err(StoreError::Conflict) => {
                        return Err(AppError::field("name", "error-name-taken"))
                    }
                    other => other?,
                };
                tx.record(OfficeAction::AreaCreate, id, json!({"name": name}));
                Ok(id)
            })
            .await?;
        self.app.forget_config();
        Ok(id)
    }

    /// Renames or retires an area (administrators).
    pub async fn update_area(&self, by: &User, id: i64, area: &UpdateArea) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        let name =
            values::text(&area.name, 1, areas::NAME_MAX).map_err(|c| AppError::field("name", c))?;
        let active = area.active.is_set();
        door.change(async |tx| {
            let before = areas::get(tx, id).await?.ok_or(AppError::NotFound)?;
            match areas::update(tx, id, &name, active).await {
                Err(StoreError::Conflict) => {
                    return Err(AppError::field("name", "error-name-taken"))
                }
                other => other?,
            }
            tx.record(
                OfficeAction::AreaUpdate,
                id,
                json!({"name": [before.name, name], "active": [before.active, active]}),
            );
            Ok(())
        })
        .await?;
        self.app.forget_config();
        Ok(())
    }

    /// Categories: all, or only active ones, or only those offered on the portal.
    pub async fn categories(
        &self,
        active_only: bool,
        public_only: bool,
    ) -> AppResult<Vec<Category>> {
        Ok(self
            .app
            .config()
            .await?
            .categories
            .iter()
            .filter(|k| (k.fields.active || !active_only) && (k.fields.public || !public_only))
            .cloned()
            .collect())
    }

    /// One category.
    pub async fn category(&self, id: i64) -> AppResult<Category> {
        self.app
            .config()
            .await?
            .categories
            .iter()
            .find(|k| k.id == id)
            .cloned()
            .ok_or(AppError::NotFound)
    }

    /// Adds a category (administrators).
    pub async fn add_category(&self, by: &User, category: &SaveCategory) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        let fields = category_fields(category)?;
        let id = door
            .change(async |tx| {
                let at = tx.at;
                let id = match categories::insert(tx, &fields, at).await {
                    Err(StoreError::Conflict) => {
                        return Err(AppError::field("code", "error-code-taken"))
                    }
                    other => other?,
                };
                tx.record(OfficeAction::CategoryCreate, id, describe(&fields));
                Ok(id)
            })
            .await?;
        self.app.forget_config();
        Ok(id)
    }

    /// Changes a category's settings (administrators).
    pub async fn update_category(
        &self,
        by: &User,
        id: i64,
        category: &SaveCategory,
    ) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        let fields = category_fields(category)?;
        door.change(async |tx| {
            let at = tx.at;
            let before = categories::get(tx, id).await?.ok_or(AppError::NotFound)?;
            match categories::update(tx, id, &fields, at).await {
                Err(StoreError::Conflict) => {
                    return Err(AppError::field("code", "error-code-taken"))
                }
                other => other?,
            }
            let after = Category {
                fields: fields.clone(),
                ..before.clone()
            };
            crate::texts::forget_gone_texts(tx, &after).await?;
            tx.record(
                OfficeAction::CategoryUpdate,
                id,
                json!({"before": describe(&before.fields), "after": describe(&fields)}),
            );
            Ok(())
        })
        .await?;
        self.app.forget_config();
        Ok(())
    }

    /// Adds an intake question at the end of a category's list (administrators).
    pub async fn add_question(
        &self,
        by: &User,
        category: i64,
        question: &NewQuestion,
    ) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        let q = Question::parse(
            &question.code,
            &question.label,
            &question.help,
            &question.kind,
            question.required.is_set(),
            &question.choices,
        )?;
        self.change_questions(door, category, OfficeAction::AddQuestion, |qs| {
            if qs.iter().any(|x| x.code == q.code) {
                return Err(AppError::field("code", "error-code-taken"));
            }
            if qs.len() >= 30 {
                return Err(AppError::field("label", "error-too-many-questions"));
            }
            qs.push(q);
            Ok(())
        })
        .await
    }

    /// Removes a question, or moves it up or down (administrators).
    pub async fn change_question(
        &self,
        by: &User,
        category: i64,
        code: &str,
        change: &ChangeQuestion,
    ) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        let change = change.change.as_str();
        let action = match change {
            "remove" => OfficeAction::RemoveQuestion,
            "up" | "down" => OfficeAction::MoveQuestion,
            _ => return Err(AppError::field("change", "error-choice")),
        };
        self.change_questions(door, category, action, |qs| {
            let i = qs
                .iter()
                .position(|q| q.code == code)
                .ok_or(AppError::NotFound)?;
            match change {
                "remove" => {
                    qs.remove(i);
                }
                "up" if i > 0 => qs.swap(i, i - 1),
                "down" if i + 1 < qs.len() => qs.swap(i, i + 1),
                _ => {}
            }
            Ok(())
        })
        .await
    }

    async fn change_questions(
        &self,
        door: crate::door::Door<'_>,
        id: i64,
        action: OfficeAction,
        change: impl FnOnce(&mut Vec<Question>) -> AppResult<()>,
    ) -> AppResult<()> {
        door.change(async |tx| {
            let at = tx.at;
            let category = categories::get(tx, id).await?.ok_or(AppError::NotFound)?;
            let mut questions = category.questions.clone();
            change(&mut questions)?;
            categories::set_questions(tx, id, &questions, at).await?;
            // A removed question's versions in other languages go with it.
            let after = Category {
                questions: questions.clone(),
                ..category.clone()
            };
            crate::texts::forget_gone_texts(tx, &after).await?;
            let codes = |qs: &[Question]| qs.iter().map(|q| q.code.clone()).collect::<Vec<_>>();
            tx.record(
                action,
                id,
                json!({"questions": [codes(&category.questions), codes(&questions)]}),
            );
            Ok(())
        })
        .await?;
        self.app.forget_config();
        Ok(())
    }
}

fn category_fields(input: &SaveCategory) -> AppResult<CategoryFields> {
    let mut errors = FieldErrors::new();
    let name = errors.take("name", values::text(&input.name, 1, categories::NAME_MAX));
    let code = match input.code.trim() {
        "" => name
            .as_deref()
            .map(liaison_domain::categories::slug)
            .filter(|s| !s.is_empty())
            .map(|s| {
                liaison_domain::categories::parse_code(&s).unwrap_or_else(|_| format!("c_{s}"))
            }),
        typed => errors.take("code", liaison_domain::categories::parse_code(typed)),
    };
    let description = errors.take(
        "description",
        values::text(&input.description, 0, categories::DESCRIPTION_MAX),
    );
    let acknowledge = errors.take(
        "ack_amount",
        Target::parse(&input.ack_amount, &input.ack_unit),
    );
    let resolve = errors.take(
        "resolve_amount",
        Target::parse(&input.resolve_amount, &input.resolve_unit),
    );
    let default_priority =
        errors.take("default_priority", Priority::parse(&input.default_priority));
    if code.is_none() && errors.for_field("name").is_none() && errors.for_field("code").is_none() {
        errors.add("code", "error-code");
    }
    errors.into_result()?;
    let (
        Some(name),
        Some(code),
        Some(description),
        Some(acknowledge),
        Some(resolve),
        Some(default_priority),
    ) = (
        name,
        code,
        description,
        acknowledge,
        resolve,
        default_priority,
    )
    else {
        return Err(AppError::Internal("validated fields"));
    };
    Ok(CategoryFields {
        code,
        name,
        description,
        acknowledge,
        resolve,
        default_priority,
        public: input.public.is_set(),
        active: input.active.is_set(),
    })
}

fn describe(f: &CategoryFields) -> serde_json::Value {
    json!({
        "code": f.code, "name": f.name, "public": f.public, "active": f.active,
        "acknowledge": format!("{} {}", f.acknowledge.amount, f.acknowledge.unit.as_str()),
        "resolve": format!("{} {}", f.resolve.amount, f.resolve.unit.as_str()),
        "default_priority": f.default_priority.as_str(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::door::stored;

    #[test]
    fn the_actions_are_stored_as_the_trail_has_them() {
        assert_eq!(
            stored(OfficeAction::ALL),
            [
                ("office.update", "office"),
                ("area.create", "area"),
                ("area.update", "area"),
                ("area.texts", "area"),
                ("category.create", "category"),
                ("category.update", "category"),
                ("category.add_question", "category"),
                ("category.remove_question", "category"),
                ("category.move_question", "category"),
                ("category.texts", "category"),
                ("demo.load", "office"),
                ("category.rules", "category"),
                ("category.team", "category"),
            ]
        );
    }
}
