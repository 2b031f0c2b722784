//! Where llm-native keeps its files when the app does not say: the OS config directory.
use std::path::PathBuf;

/// The default directory: `$XDG_CONFIG_HOME/llm-native` or `~/.config/llm-native` (Linux and
/// other Unix), `~/Library/Application Support/llm-native` (macOS), `%APPDATA%\llm-native` (Windows).
pub fn default_config_dir() -> PathBuf {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let home = || {
        env("HOME")
            .or_else(|| env("USERPROFILE"))
            .unwrap_or_else(|| ".".into())
    };
    let base = if cfg!(windows) {
        env("APPDATA").unwrap_or_else(|| home().join("AppData").join("Roaming"))
    } else if cfg!(target_os = "macos") {
        home().join("Library").join("Application Support")
    } else {
        env("XDG_CONFIG_HOME")
            .filter(|p| p.is_absolute())
            .unwrap_or_else(|| home().join(".config"))
    };
    base.join("llm-native")
}
