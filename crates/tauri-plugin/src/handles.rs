//! What webviews hold: provider and stream handles by id. Each handle belongs to the webview that
//! made it; other webviews cannot see it, and all of a webview's handles are dropped when it goes
//! away or loads a new page (dropping a stream aborts it, closing its connection).
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use llm_native_core::api::Provider;
use llm_native_core::engine::StreamHandle;

struct Owned<T> {
    webview: String,
    value: T,
}

pub struct Table<T> {
    next: AtomicU32,
    entries: Mutex<HashMap<u32, Owned<T>>>,
}

impl<T: Clone> Table<T> {
    fn new() -> Self {
        Table {
            next: AtomicU32::new(1),
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u32, Owned<T>>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn insert(&self, webview: &str, value: T) -> u32 {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let owned = Owned {
            webview: webview.to_owned(),
            value,
        };
        self.lock().insert(id, owned);
        id
    }

    /// `webview`'s handle `id` (a clone: the lock is not held while it is used).
    pub fn get(&self, webview: &str, id: u32) -> Option<T> {
        self.lock()
            .get(&id)
            .filter(|o| o.webview == webview)
            .map(|o| o.value.clone())
    }

    pub fn remove(&self, webview: &str, id: u32) -> Option<T> {
        let mut entries = self.lock();
        match entries.get(&id) {
            Some(o) if o.webview == webview => entries.remove(&id).map(|o| o.value),
            _ => None,
        }
    }

    /// Drops every handle of `webview`; how many there were.
    pub fn drop_webview(&self, webview: &str) -> usize {
        let mut entries = self.lock();
        let before = entries.len();
        entries.retain(|_, o| o.webview != webview);
        before - entries.len()
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The plugin's state.
pub struct Handles {
    pub providers: Table<Provider>,
    pub streams: Table<Arc<StreamHandle>>,
}

impl Default for Handles {
    fn default() -> Self {
        Handles {
            providers: Table::new(),
            streams: Table::new(),
        }
    }
}

impl Handles {
    pub fn drop_webview(&self, webview: &str) {
        self.providers.drop_webview(webview);
        self.streams.drop_webview(webview);
    }
}
