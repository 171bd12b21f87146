//! The office's settings and categories, with their versions in other languages, kept in
//! memory for a moment.
//!
//! Every submission and most pages need them, and reading them from the database each time
//! cost several queries per request. Each node keeps what it read for at most [`FRESH`] and
//! forgets it at once when it changes them itself, so another node's change reaches this
//! one within [`FRESH`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use liaison_domain::records::RecordKind;
use liaison_domain::texts::{Texts, Versions};
use liaison_store::categories::{self, Category};
use liaison_store::office::{self, Office};
use liaison_store::texts;

use crate::{App, AppResult};

/// How long settings read from the database are used before being read again.
pub(crate) const FRESH: Duration = Duration::from_secs(1);

/// The settings last read, and when.
#[derive(Default)]
pub(crate) struct ConfigCache(Mutex<Option<(Instant, Arc<Config>)>>);

/// The office's settings and every category, active or not (by name), with the
/// categories' versions in other languages by id (of the texts they still have).
pub(crate) struct Config {
    pub(crate) office: Office,
    pub(crate) categories: Vec<Category>,
    pub(crate) category_texts: HashMap<i64, Versions>,
}

impl App {
    /// The settings, from memory when read less than [`FRESH`] ago.
    pub(crate) async fn config(&self) -> AppResult<Arc<Config>> {
        if let Some((at, config)) = &*self.lock_config() {
            if at.elapsed() < FRESH {
                return Ok(config.clone());
            }
        }
        let mut c = self.store.read().await?;
        let office = office::get(&mut c).await?;
        let categories = categories::list(&mut c, false, false).await?;
        let mut category_texts = texts::of_kind(&mut c, RecordKind::Category).await?;
        category_texts.retain(|id, _| categories.iter().any(|k| k.id == *id));
        for k in &categories {
            if let Some(v) = category_texts.get_mut(&k.id) {
                *v = v.only(&k.clone().text_fields());
            }
        }
        let config = Arc::new(Config {
            office,
            categories,
            category_texts,
        });
        *self.lock_config() = Some((Instant::now(), config.clone()));
        Ok(config)
    }

    /// Forgets the settings read, after this node changed them.
    pub(crate) fn forget_config(&self) {
        *self.lock_config() = None;
    }

    fn lock_config(&self) -> std::sync::MutexGuard<'_, Option<(Instant, Arc<Config>)>> {
        self.config_cache
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }
}
