//! Configuring the office: its settings, areas, and categories with their questions (their
//! texts in other languages are in `texts.rs`).

use liaison_domain::categories::Question;
use liaison_domain::concerns::Priority;
use liaison_domain::deadlines::Target;
use liaison_domain::office::WorkingCalendar;
use liaison_domain::permissions::Permission;
use liaison_domain::records::RecordKind;
use liaison_domain::{values, FieldErrors};
use liaison_store::{areas, categories, office, StoreError};
use serde_json::json;

pub use liaison_store::areas::Area;
pub use liaison_store::categories::{Category, CategoryFields};
pub use liaison_store::office::Office as OfficeSettings;

use crate::accounts::User;
use crate::door::{actions, Caller, Subject};
use crate::{App, AppError, AppResult, Input};

/// The office: its settings, areas, categories and questions, and their texts in other
/// languages. `app.office()`.
#[derive(Clone, Copy)]
pub struct Office<'a> {
    pub(crate) app: &'a App,
}

const AREA: Subject = Subject::Record(RecordKind::Area);
const CATEGORY: Subject = Subject::Record(RecordKind::Category);

actions! {
    /// What administrators do to the office's settings, areas and categories, as the audit
    /// trail names it.
    pub enum OfficeAction {
        /// Name, time zone or working hours changed.
        Update = "office.update" on Subject::Office,
        /// An area added.
        AreaCreate = "area.create" on AREA,
        /// An area renamed, retired or brought back.
        AreaUpdate = "area.update" on AREA,
        /// An area's versions in other languages written.
        AreaTexts = "area.texts" on AREA,
        /// A category added.
        CategoryCreate = "category.create" on CATEGORY,
        /// A category's settings changed.
        CategoryUpdate = "category.update" on CATEGORY,
        /// An intake question added to a category.
        AddQuestion = "category.add_question" on CATEGORY,
        /// An intake question removed.
        RemoveQuestion = "category.remove_question" on CATEGORY,
        /// An intake question moved up or down.
        MoveQuestion = "category.move_question" on CATEGORY,
        /// A category's versions in other languages written.
        CategoryTexts = "category.texts" on CATEGORY,
        /// The demo office loaded (`serve --demo`, `liaison demo`; the generator in `demo/`
        /// still writes this word itself until it moves out of this crate).
        DemoLoad = "demo.load" on Subject::Office,
    }
}

impl Office<'_> {
    /// The office settings.
    pub async fn settings(&self) -> AppResult<OfficeSettings> {
        Ok(self.app.config().await?.office.clone())
    }

    /// Saves name, time zone and working hours (administrators).
    pub async fn save_settings(&self, by: &User, input: &Input) -> AppResult<OfficeSettings> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        let mut errors = FieldErrors::new();
        let name = errors.take("name", values::text(input.get("name"), 1, 120));
        let days = input.all("working_days").join(",");
        let calendar = match WorkingCalendar::parse(
            input.get("time_zone"),
            &days,
            input.get("work_start"),
            input.get("work_end"),
        ) {
            Ok(c) => Some(c),
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        };
        errors.into_result()?;
        let (Some(name), Some(calendar)) = (name, calendar) else {
            return Err(AppError::Internal("validated fields"));
        };
        let new = OfficeSettings { name, calendar };
        door.change(async |tx| {
            let at = tx.at;
            let before = office::get(tx).await?;
            office::save(tx, &new, at).await?;
            tx.record(
                OfficeAction::Update,
                1,
                json!({
                    "name": [before.name, new.name],
                    "time_zone": [before.calendar.time_zone.name(), new.calendar.time_zone.name()],
                    "working_days": [before.calendar.days_text(), new.calendar.days_text()],
                    "hours": [[before.calendar.start_minute, before.calendar.end_minute],
                              [new.calendar.start_minute, new.calendar.end_minute]],
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
    pub async fn add_area(&self, by: &User, input: &Input) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        let name = values::text(input.get("name"), 1, areas::NAME_MAX)
            .map_err(|c| AppError::field("name", c))?;
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
    pub async fn update_area(&self, by: &User, id: i64, input: &Input) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        let name = values::text(input.get("name"), 1, areas::NAME_MAX)
            .map_err(|c| AppError::field("name", c))?;
        let active = input.checked("active");
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
    pub async fn add_category(&self, by: &User, input: &Input) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        let fields = category_fields(input)?;
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
    pub async fn update_category(&self, by: &User, id: i64, input: &Input) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        let fields = category_fields(input)?;
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
    pub async fn add_question(&self, by: &User, category: i64, input: &Input) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        let q = Question::parse(
            input.get("code"),
            input.get("label"),
            input.get("help"),
            input.get("kind"),
            input.checked("required"),
            input.get("choices"),
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
        change: &str,
    ) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
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

fn category_fields(input: &Input) -> AppResult<CategoryFields> {
    let mut errors = FieldErrors::new();
    let name = errors.take(
        "name",
        values::text(input.get("name"), 1, categories::NAME_MAX),
    );
    let code = match input.get("code").trim() {
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
        values::text(input.get("description"), 0, categories::DESCRIPTION_MAX),
    );
    let acknowledge = errors.take(
        "ack_amount",
        Target::parse(input.get("ack_amount"), input.get("ack_unit")),
    );
    let resolve = errors.take(
        "resolve_amount",
        Target::parse(input.get("resolve_amount"), input.get("resolve_unit")),
    );
    let default_priority = errors.take(
        "default_priority",
        Priority::parse(input.get("default_priority")),
    );
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
        public: input.checked("public"),
        active: input.checked("active"),
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
            ]
        );
    }
}
