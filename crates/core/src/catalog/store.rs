//! The process's catalogue: the compiled-in entries, a newer catalogue over them
//! (`updateCatalog`, `update.rs`), and the app's additions (`addModels`).
use std::sync::{OnceLock, RwLock};

use super::entries::{builtin, builtin_date, ModelEntry};
use super::update;

/// The compiled-in entries, a newer catalogue over them (`updateCatalog`), and the app's
/// additions; a later layer's entry with the same provider and id replaces an earlier one's.
#[derive(Default)]
pub struct Catalog {
    added: RwLock<Vec<ModelEntry>>,
    /// A newer catalogue and its date (`update.rs`); the compiled-in entries it lacks stay.
    updated: RwLock<Option<(Vec<ModelEntry>, String)>>,
}

impl Catalog {
    /// The process's catalogue; a newer one cached in the default config directory is loaded on
    /// first use (`configure({ configDir })` loads that directory's).
    pub fn global() -> &'static Catalog {
        static GLOBAL: OnceLock<Catalog> = OnceLock::new();
        GLOBAL.get_or_init(|| {
            let catalog = Catalog::default();
            if let Some(cached) = update::read_cached(&crate::config_dir::default_config_dir()) {
                *catalog.updated.write().unwrap_or_else(|e| e.into_inner()) = Some(cached);
            }
            catalog
        })
    }

    /// Puts `entries` (dated `date`) over the compiled-in ones; `None` goes back to those alone.
    pub fn set_base(&self, updated: Option<(Vec<ModelEntry>, String)>) {
        *self.updated.write().unwrap_or_else(|e| e.into_inner()) = updated;
    }

    /// The date of the catalogue in use: a newer one's, else the compiled-in one's.
    pub fn date(&self) -> String {
        let updated = self.updated.read().unwrap_or_else(|e| e.into_inner());
        updated
            .as_ref()
            .map_or_else(|| builtin_date().to_owned(), |(_, d)| d.clone())
    }

    /// Adds or replaces entries; all are checked before any is taken.
    pub fn add(&self, entries: Vec<ModelEntry>) -> Result<(), String> {
        for e in &entries {
            e.validate()?;
        }
        let mut added = self.added.write().unwrap_or_else(|e| e.into_inner());
        for e in entries {
            added.retain(|x| !(x.provider == e.provider && x.id == e.id));
            added.push(e);
        }
        Ok(())
    }

    pub fn entries(&self) -> Vec<ModelEntry> {
        let added = self.added.read().unwrap_or_else(|e| e.into_inner());
        let updated = self.updated.read().unwrap_or_else(|e| e.into_inner());
        visible(updated_entries(&updated), &added)
            .cloned()
            .collect()
    }

    /// The entry of `provider` answering to `model` (its id, else an alias). Runs for every
    /// stream (its prices), so it scans in place instead of copying the catalogue.
    pub fn find(&self, provider: &str, model: &str) -> Option<ModelEntry> {
        let added = self.added.read().unwrap_or_else(|e| e.into_inner());
        let updated = self.updated.read().unwrap_or_else(|e| e.into_inner());
        find_in(updated_entries(&updated), &added, provider, model)
    }
}

/// The entry of `provider` answering to `model`, searching the layers from the top (added, then
/// updated, then compiled-in) so a lookup scans each layer once: an id in the highest layer that
/// has it, else an alias of an entry no higher layer replaces.
fn find_in(
    updated: &[ModelEntry],
    added: &[ModelEntry],
    provider: &str,
    model: &str,
) -> Option<ModelEntry> {
    let layers = [added, updated, builtin()];
    let in_layer = |layer: &[ModelEntry], id_only: bool| {
        layer
            .iter()
            .filter(|e| e.provider == provider)
            .find(|e| {
                if id_only {
                    e.id == model
                } else {
                    e.answers_to(model)
                }
            })
            .cloned()
    };
    if let Some(e) = layers.iter().find_map(|l| in_layer(l, true)) {
        return Some(e);
    }
    layers.iter().enumerate().find_map(|(n, layer)| {
        in_layer(layer, false).filter(|e| {
            !layers[..n].iter().any(|higher| {
                higher
                    .iter()
                    .any(|h| h.provider == e.provider && h.id == e.id)
            })
        })
    })
}

fn updated_entries(updated: &Option<(Vec<ModelEntry>, String)>) -> &[ModelEntry] {
    updated.as_ref().map_or(&[], |(e, _)| e.as_slice())
}

/// Each layer's entries not replaced by a later layer's: compiled-in, updated, added.
fn visible<'a>(
    updated: &'a [ModelEntry],
    added: &'a [ModelEntry],
) -> impl Iterator<Item = &'a ModelEntry> {
    let replaced = |later: &[ModelEntry], e: &ModelEntry| {
        later
            .iter()
            .any(|l| l.provider == e.provider && l.id == e.id)
    };
    builtin()
        .iter()
        .filter(move |b| !replaced(updated, b) && !replaced(added, b))
        .chain(updated.iter().filter(move |u| !replaced(added, u)))
        .chain(added.iter())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::entries::Prices;

    #[test]
    fn find_by_id_and_alias_and_overrides() {
        let cat = Catalog::default();
        let sonnet = cat.find("anthropic", "claude-sonnet-4-5-20250929").unwrap();
        assert_eq!(sonnet.id, "claude-sonnet-4-5");
        assert_eq!(sonnet.cost.unwrap().cache_write, Some(3.75));
        assert_eq!(cat.find("anthropic", "gpt-4o"), None);
        let mut cheaper = sonnet.clone();
        cheaper.cost = Some(Prices {
            input: 1.0,
            output: 2.0,
            cache_read: None,
            cache_write: None,
        });
        cat.add(vec![cheaper.clone()]).unwrap();
        assert_eq!(cat.find("anthropic", "claude-sonnet-4-5"), Some(cheaper));
        assert_eq!(cat.entries().len(), builtin().len(), "replaced, not added");
        let mut bad = sonnet;
        bad.cost = Some(Prices {
            input: -1.0,
            output: 0.0,
            cache_read: None,
            cache_write: None,
        });
        assert!(cat.add(vec![bad]).unwrap_err().contains("not negative"));
    }
}
