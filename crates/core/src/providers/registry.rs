//! The registry state: built-ins plus the custom providers of the configured directory. Each
//! read-modify-write of the custom list and its file holds the process's mutex and an OS lock on
//! the file, and re-reads the file first: concurrent `registerProvider` calls, in this process
//! or in others sharing the directory, never lose an update.
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, OnceLock};

use serde_json::Value;

use super::config::ProviderConfig;
use super::error::RegistryError;
use super::{builtin, custom, store};

pub struct Registry {
    state: Mutex<State>,
}

struct State {
    dir: PathBuf,
    /// `None` until the file was read.
    custom: Option<Vec<ProviderConfig>>,
}

impl State {
    /// Reads the file into memory. A bad file is reported once (and moved aside by the store);
    /// from then on the registry goes on without custom providers.
    fn reload(&mut self) -> Result<&mut Vec<ProviderConfig>, RegistryError> {
        match store::load(&self.dir) {
            Ok(list) => Ok(self.custom.insert(list)),
            Err(e) => {
                self.custom = Some(Vec::new());
                Err(e)
            }
        }
    }

    fn custom(&mut self) -> Result<&[ProviderConfig], RegistryError> {
        if self.custom.is_none() {
            self.reload()?;
        }
        Ok(self.custom.as_deref().unwrap_or_default())
    }
}

/// A provider as the registry knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub config: ProviderConfig,
    pub builtin: bool,
}

impl Registry {
    pub fn new(dir: PathBuf) -> Self {
        Registry {
            state: Mutex::new(State { dir, custom: None }),
        }
    }

    /// The process-wide registry (default config directory until `configure`).
    pub fn global() -> &'static Registry {
        static GLOBAL: OnceLock<Registry> = OnceLock::new();
        GLOBAL.get_or_init(|| Registry::new(crate::config_dir::default_config_dir()))
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Switches to `dir` (`None` = the OS default) and reads its providers file now, so a bad
    /// file is reported here.
    pub fn configure(&self, dir: Option<PathBuf>) -> Result<PathBuf, RegistryError> {
        let mut state = self.lock();
        let dir = dir.unwrap_or_else(crate::config_dir::default_config_dir);
        // Relative to the working directory now, not wherever the process is later.
        state.dir = std::path::absolute(&dir).unwrap_or(dir);
        state.custom = None;
        state.reload()?;
        // The catalogue follows: the newer one cached in this directory, if any.
        let cached = crate::catalog::update::read_cached(&state.dir);
        crate::catalog::Catalog::global().set_base(cached);
        Ok(state.dir.clone())
    }

    pub fn config_dir(&self) -> PathBuf {
        self.lock().dir.clone()
    }

    /// Built-ins first, then custom providers in registration order.
    pub fn list(&self) -> Result<Vec<Entry>, RegistryError> {
        let mut state = self.lock();
        let custom = state.custom()?;
        let builtins = builtin::providers().iter().map(|c| Entry {
            config: c.clone(),
            builtin: true,
        });
        let customs = custom.iter().map(|c| Entry {
            config: c.clone(),
            builtin: false,
        });
        Ok(builtins.chain(customs).collect())
    }

    pub fn get(&self, id: &str) -> Result<Option<Entry>, RegistryError> {
        if let Some(c) = builtin::get(id) {
            return Ok(Some(Entry {
                config: c.clone(),
                builtin: true,
            }));
        }
        let mut state = self.lock();
        Ok(state.custom()?.iter().find(|c| c.id == id).map(|c| Entry {
            config: c.clone(),
            builtin: false,
        }))
    }

    pub fn register(&self, config: Value) -> Result<ProviderConfig, RegistryError> {
        let config = custom::parse(config)?;
        if builtin::get(&config.id).is_some() {
            return Err(RegistryError::invalid(
                "id",
                format!("{:?} is a built-in provider; choose another id", config.id),
            ));
        }
        self.change(|list| {
            if list.iter().any(|c| c.id == config.id) {
                return Err(RegistryError::invalid(
                    "id",
                    format!("a provider with id {:?} is already registered; use updateProvider to change it", config.id),
                ));
            }
            list.push(config.clone());
            Ok(config)
        })
    }

    pub fn update(&self, id: &str, patch: Value) -> Result<ProviderConfig, RegistryError> {
        self.change(|list| {
            let slot = find_custom(list, id)?;
            *slot = custom::apply_patch(slot, patch)?;
            Ok(slot.clone())
        })
    }

    pub fn remove(&self, id: &str) -> Result<(), RegistryError> {
        self.change(|list| {
            find_custom(list, id)?;
            list.retain(|c| c.id != id);
            Ok(())
        })
    }

    /// Read-modify-write under the lock: fresh from disk, changed, written, then kept.
    fn change<R>(
        &self,
        f: impl FnOnce(&mut Vec<ProviderConfig>) -> Result<R, RegistryError>,
    ) -> Result<R, RegistryError> {
        let mut state = self.lock();
        // Other processes may share the directory: the file lock spans read to write.
        let _file = store::lock(&state.dir)?;
        let mut list = state.reload()?.clone();
        let out = f(&mut list)?;
        store::save(&state.dir, &list)?;
        state.custom = Some(list);
        Ok(out)
    }

    pub fn providers_file(&self) -> PathBuf {
        self.config_dir().join(store::FILE_NAME)
    }
}

fn find_custom<'a>(
    list: &'a mut [ProviderConfig],
    id: &str,
) -> Result<&'a mut ProviderConfig, RegistryError> {
    if builtin::get(id).is_some() {
        return Err(RegistryError::invalid(
            "id",
            format!("{id:?} is a built-in provider and cannot be changed or removed"),
        ));
    }
    list.iter_mut()
        .find(|c| c.id == id)
        .ok_or_else(|| RegistryError::invalid("id", format!("no custom provider with id {id:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::store::tests::TempDir;
    use serde_json::json;
    use std::sync::Arc;

    fn acme(id: &str) -> Value {
        json!({ "id": id, "baseURL": "http://127.0.0.1:9/v1" })
    }

    #[test]
    fn register_update_remove_persist() {
        let dir = TempDir::new("registry");
        let reg = Registry::new(dir.0.clone());
        reg.register(acme("acme")).unwrap();
        assert!(!reg.get("acme").unwrap().unwrap().builtin);
        // A second registry on the same directory (a new process) sees it.
        let other = Registry::new(dir.0.clone());
        assert_eq!(
            other.get("acme").unwrap().unwrap().config.base_url,
            "http://127.0.0.1:9/v1"
        );
        reg.update("acme", json!({ "name": "Acme" })).unwrap();
        assert_eq!(
            Registry::new(dir.0.clone())
                .get("acme")
                .unwrap()
                .unwrap()
                .config
                .name,
            "Acme"
        );
        reg.remove("acme").unwrap();
        assert_eq!(Registry::new(dir.0.clone()).get("acme").unwrap(), None);
        let ids: Vec<String> = reg
            .list()
            .unwrap()
            .into_iter()
            .map(|e| e.config.id)
            .collect();
        assert_eq!(ids.len(), builtin::providers().len());
    }

    #[test]
    fn shadowing_duplicates_and_unknown_ids_are_errors() {
        let dir = TempDir::new("registry-dup");
        let reg = Registry::new(dir.0.clone());
        let err = reg.register(acme("openai")).unwrap_err().to_string();
        assert!(err.contains("\"openai\" is a built-in provider"), "{err}");
        reg.register(acme("acme")).unwrap();
        let err = reg.register(acme("acme")).unwrap_err().to_string();
        assert!(err.contains("already registered"), "{err}");
        assert!(reg
            .update("openai", json!({}))
            .unwrap_err()
            .to_string()
            .contains("built-in"));
        assert!(reg
            .remove("nope")
            .unwrap_err()
            .to_string()
            .contains("no custom provider"));
    }

    #[test]
    fn concurrent_registers_all_persist() {
        let dir = TempDir::new("registry-conc");
        let reg = Arc::new(Registry::new(dir.0.clone()));
        let threads: Vec<_> = (0..16)
            .map(|i| {
                let reg = reg.clone();
                std::thread::spawn(move || reg.register(acme(&format!("p{i}"))).unwrap())
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let stored = store::load(&dir.0).unwrap();
        assert_eq!(stored.len(), 16);
    }

    #[test]
    fn a_relative_config_dir_is_taken_from_the_working_directory() {
        let reg = Registry::new(PathBuf::new());
        let name = "llm-native-test-no-such-dir";
        reg.configure(Some(name.into())).unwrap();
        assert_eq!(
            reg.config_dir(),
            std::env::current_dir().unwrap().join(name)
        );
        assert!(!reg.config_dir().exists(), "reading does not create it");
    }

    #[test]
    fn a_corrupt_file_is_reported_once_then_the_registry_works() {
        let dir = TempDir::new("registry-corrupt");
        std::fs::write(dir.0.join(store::FILE_NAME), "garbage").unwrap();
        let reg = Registry::new(dir.0.clone());
        let err = reg.configure(Some(dir.0.clone())).unwrap_err();
        assert!(
            matches!(&err, RegistryError::Store(m) if m.contains("moved to")),
            "{err:?}"
        );
        assert_eq!(reg.list().unwrap().len(), builtin::providers().len());
        reg.register(acme("acme")).unwrap();
        assert_eq!(store::load(&dir.0).unwrap().len(), 1);
    }
}
