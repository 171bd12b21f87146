//! Text per language: records read in a visitor's language, each text in its version there
//! or, flagged, in the office's language (`liaison_domain::texts`); and their versions
//! written by administrators, all of a record's at once, validated like the texts
//! themselves and audited by field and language (never the texts).
//!
//! Categories' versions are kept in memory with the categories (`config.rs`), so a page of
//! categories costs no query; areas' are read with the areas, in one query for all.

use std::collections::HashMap;

use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::texts::{
    self, choose, input_name, localize, version_languages, Change, Localized, Shown, Texts,
    Versions,
};
use liaison_domain::{values, FieldErrors};
use liaison_store::texts::{self as stored, Write};
use liaison_store::{areas, categories, Conn};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use utoipa::ToSchema;

use crate::accounts::User;
use crate::door::{self, Caller};
use crate::office::{Area, Category, Office, OfficeAction};
use crate::{AppError, AppResult, Text};

/// All of a record's versions in other languages at once
/// (`POST /staff/admin/categories/{id}/texts`, `POST /staff/admin/areas/{id}/texts`): each
/// field `{language}:{field}` sent (`es:name`, `fr:question.dust_source.label`) is that
/// version, at most as long as the text itself may be; an empty one removes it, and a
/// version not sent stays as it is. Fields that name no text of the record are ignored.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(transparent)]
pub struct TextVersions(pub std::collections::BTreeMap<String, Text>);

impl TextVersions {
    /// Versions from `({language}:{field}, text)` pairs (tests, the command line).
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Self {
        Self(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), Text::from(*v)))
                .collect(),
        )
    }
}

impl Office<'_> {
    /// Categories in `language`: all, or only active ones, or only those offered on the
    /// portal.
    pub async fn categories_in(
        &self,
        active_only: bool,
        public_only: bool,
        language: &str,
    ) -> AppResult<Vec<Localized<Category>>> {
        let config = self.app.config().await?;
        Ok(config
            .categories
            .iter()
            .filter(|k| (k.fields.active || !active_only) && (k.fields.public || !public_only))
            .map(|k| {
                localize(
                    k.clone(),
                    versions_of(&config.category_texts, k.id),
                    language,
                )
            })
            .collect())
    }

    /// One category in `language`.
    pub async fn category_in(&self, id: i64, language: &str) -> AppResult<Localized<Category>> {
        let config = self.app.config().await?;
        let k = config
            .categories
            .iter()
            .find(|k| k.id == id)
            .ok_or(AppError::NotFound)?;
        Ok(localize(
            k.clone(),
            versions_of(&config.category_texts, id),
            language,
        ))
    }

    /// Every category's versions, by id (for those who edit them).
    pub async fn category_versions(&self) -> AppResult<HashMap<i64, Versions>> {
        Ok(self.app.config().await?.category_texts.clone())
    }

    /// The name of the category `id` in `language` (the tracking page's).
    pub async fn category_name(&self, id: i64, language: &str) -> AppResult<Shown> {
        let config = self.app.config().await?;
        let k = config
            .categories
            .iter()
            .find(|k| k.id == id)
            .ok_or(AppError::NotFound)?;
        let version = config
            .category_texts
            .get(&id)
            .and_then(|v| v.get("name", language));
        Ok(choose(&k.fields.name, version, language))
    }

    /// Areas in `language`; retired ones too when `all`.
    pub async fn areas_in(&self, all: bool, language: &str) -> AppResult<Vec<Localized<Area>>> {
        let (list, versions) = self.areas_with_versions(all).await?;
        Ok(list
            .into_iter()
            .map(|a| {
                let id = a.id;
                localize(a, versions_of(&versions, id), language)
            })
            .collect())
    }

    /// Areas with their versions, by id (for those who edit them); retired ones too when
    /// `all`. Two queries, whatever the number of areas.
    pub async fn areas_with_versions(
        &self,
        all: bool,
    ) -> AppResult<(Vec<Area>, HashMap<i64, Versions>)> {
        let mut c = self.app.store.read().await?;
        let list = areas::list(&mut c, all).await?;
        let versions = stored::of_kind(&mut c, RecordKind::Area).await?;
        let versions = list
            .iter()
            .filter_map(|a| {
                let fields = a.clone().text_fields();
                versions.get(&a.id).map(|v| (a.id, v.only(&fields)))
            })
            .collect();
        Ok((list, versions))
    }

    /// Writes a category's versions (administrators): every field `{language}:{field}` sent
    /// (`es:name`, `fr:question.dust_source.label`) is set, an empty one removed; fields
    /// not sent stay as they are.
    pub async fn save_category_texts(
        &self,
        by: &User,
        id: i64,
        versions: &TextVersions,
    ) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        let changed = door
            .change(async |tx| {
                let category = categories::get(tx, id).await?.ok_or(AppError::NotFound)?;
                save(tx, category, versions).await
            })
            .await?;
        if changed {
            self.app.forget_config();
        }
        Ok(())
    }

    /// Writes an area's versions (administrators), as [`Office::save_category_texts`]
    /// does.
    pub async fn save_area_texts(
        &self,
        by: &User,
        id: i64,
        versions: &TextVersions,
    ) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        let changed = door
            .change(async |tx| {
                let area = areas::get(tx, id).await?.ok_or(AppError::NotFound)?;
                save(tx, area, versions).await
            })
            .await?;
        if changed {
            self.app.forget_config();
        }
        Ok(())
    }
}

/// A record of a kind whose versions administrators write.
pub(crate) trait Translated: Texts + Clone {
    /// What the audit trail calls writing its versions (`{kind}.texts`).
    const TEXTS: OfficeAction;
    /// How the shared parts name it.
    fn record_ref(&self) -> RecordRef;
}

impl Translated for Category {
    const TEXTS: OfficeAction = OfficeAction::CategoryTexts;
    fn record_ref(&self) -> RecordRef {
        self.record()
    }
}

impl Translated for Area {
    const TEXTS: OfficeAction = OfficeAction::AreaTexts;
    fn record_ref(&self) -> RecordRef {
        self.record()
    }
}

fn versions_of(all: &HashMap<i64, Versions>, id: i64) -> &Versions {
    static NONE: std::sync::OnceLock<Versions> = std::sync::OnceLock::new();
    all.get(&id)
        .unwrap_or_else(|| NONE.get_or_init(Versions::new))
}

/// Validates the versions `sent` for `record`'s texts and writes what changed, with
/// one audit entry `{kind}.texts` naming each field and language and what happened to it.
/// Answers whether anything changed. Versions are kept only for texts the record has and
/// that are not empty in the office's language.
async fn save<T: Translated>(
    c: &mut door::Change<'_>,
    mut record: T,
    sent: &TextVersions,
) -> AppResult<bool> {
    let at = record.record_ref();
    let fields = record.text_fields();
    let before = stored::of(c, at).await?.only(&fields);
    let mut after = before.clone();
    let mut errors = FieldErrors::new();
    for t in record.texts() {
        if t.text.trim().is_empty() {
            continue;
        }
        for language in version_languages() {
            let name = input_name(language, &t.field);
            let Some(version) = sent.0.get(&name) else {
                continue;
            };
            if let Some(text) = errors.take(&name, values::text(version, 0, t.max)) {
                after.set(&t.field, language, &text);
            }
        }
    }
    errors.into_result()?;
    let changes = texts::changes(&before, &after);
    if changes.is_empty() {
        return Ok(false);
    }
    let writes: Vec<Write<'_>> = changes
        .iter()
        .map(|(field, language, change)| Write {
            field,
            language,
            text: match change {
                Change::Removed => "",
                Change::Added | Change::Changed => after.get(field, language).unwrap_or(""),
            },
        })
        .collect();
    stored::write(c, at, &writes).await?;
    // Versions of texts the record no longer has do not outlive them.
    stored::keep_only(c, at, &fields).await?;
    let mut described = Map::new();
    for (field, language, change) in &changes {
        let entry = described
            .entry(language.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(m) = entry {
            m.insert(field.clone(), json!(change));
        }
    }
    c.record(T::TEXTS, at.id, json!({ "versions": described }));
    Ok(true)
}

/// Removes the versions of texts a record no longer has (a removed question or choice, a
/// description emptied), in the transaction that changed it.
pub(crate) async fn forget_gone_texts<T: Translated>(c: &mut Conn, record: &T) -> AppResult<()> {
    let fields = record.clone().text_fields();
    stored::keep_only(c, record.record_ref(), &fields).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::door::Action;

    #[test]
    fn versions_are_audited_as_their_kind_and_texts() {
        for (action, kind) in [
            (<Category as Translated>::TEXTS, RecordKind::Category),
            (<Area as Translated>::TEXTS, RecordKind::Area),
        ] {
            assert_eq!(action.word(), format!("{}.texts", kind.as_str()));
            assert_eq!(action.subject().as_str(), kind.as_str());
        }
    }
}
