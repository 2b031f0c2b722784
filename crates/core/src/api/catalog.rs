//! `updateCatalog` for hosts: a newer catalogue from a URL or a file (see `catalog::update`).
use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;

use crate::catalog::update::{self, CatalogError};
use crate::catalog::Catalog;
use crate::providers::Registry;
use crate::timeouts::DEFAULT_CONNECT;
use crate::transport::client::client;
use crate::transport::Transport;

use super::error::HostError;
use super::json::from_value;

/// A catalogue is a few MB; more than this is not one.
const MAX_BYTES: usize = 32 << 20;
const FETCH_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct UpdateOptions {
    url: Option<String>,
    file: Option<std::path::PathBuf>,
    sha256: Option<String>,
}

/// `updateCatalog({ url | file, sha256? })` → what was installed (`{ date, source, sha256,
/// models, file }`); a bad or unverifiable catalogue changes nothing and says why.
pub async fn update_catalog(options: Value) -> Result<Value, HostError> {
    let options: UpdateOptions = from_value("options", options)?;
    let (bytes, source) = match (&options.url, &options.file) {
        (Some(url), None) => (fetch(url).await?, url.clone()),
        (None, Some(file)) => {
            let path = file.clone();
            let read = tokio::task::spawn_blocking(move || read_file(&path))
                .await
                .map_err(|e| CatalogError::Io(e.to_string()))??;
            (read, file.display().to_string())
        }
        _ => {
            return Err(HostError::invalid(
                "options",
                "give exactly one of url and file",
            ))
        }
    };
    if bytes.len() > MAX_BYTES {
        return Err(CatalogError::Invalid(format!("it is larger than {MAX_BYTES} bytes")).into());
    }
    let dir = Registry::global().config_dir();
    let today = update::today();
    let (installed, models) = tokio::task::spawn_blocking(move || {
        update::install(&dir, &bytes, options.sha256.as_deref(), &source, &today)
    })
    .await
    .map_err(|e| CatalogError::Io(e.to_string()))??;
    Catalog::global().set_base(Some((models, installed.date.clone())));
    Ok(serde_json::to_value(installed).unwrap_or_default())
}

/// A regular file of at most `MAX_BYTES` (not a device or a pipe, which could be endless).
fn read_file(path: &std::path::Path) -> Result<Vec<u8>, CatalogError> {
    use std::io::Read;
    let failed = |e: std::io::Error| CatalogError::Io(format!("{}: {e}", path.display()));
    let file = std::fs::File::open(path).map_err(failed)?;
    if !file.metadata().map_err(failed)?.is_file() {
        return Err(CatalogError::Invalid(format!(
            "{} is not a regular file",
            path.display()
        )));
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    Ok(bytes)
}

async fn fetch(url: &str) -> Result<Vec<u8>, CatalogError> {
    let failed = |e: reqwest::Error| CatalogError::Io(format!("{url}: {e}"));
    // The pooled client of the default network settings (proxy variables, the TLS roots).
    let client = client(DEFAULT_CONNECT, &Transport::default())
        .map_err(|e| CatalogError::Io(format!("{url}: {e}")))?;
    let mut response = client
        .get(url)
        .timeout(FETCH_TIMEOUT)
        .send()
        .await
        .map_err(failed)?;
    if !response.status().is_success() {
        return Err(CatalogError::Io(format!(
            "{url}: HTTP {}",
            response.status()
        )));
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(failed)? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > MAX_BYTES {
            return Err(CatalogError::Invalid(format!(
                "it is larger than {MAX_BYTES} bytes"
            )));
        }
    }
    Ok(bytes)
}
