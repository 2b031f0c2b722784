//! llm-native for Tauri v2: the Rust core (`llm-native-core`) inside the Tauri process, driven
//! from the webview by `llm-native`'s browser build (the same `streamText`, providers, registry
//! and credential functions as on Node). Keys given to a provider go into Rust and never come
//! back; streams are read by pulling batches, so a webview that stops reading stops the socket
//! read; a stream ends when its webview goes away.
//!
//! ```ignore
//! tauri::Builder::default()
//!     .plugin(tauri_plugin_llm_native::init())
//!     .run(tauri::generate_context!())
//! ```
//! and grant `llm-native:default` (or the narrower `llm-native:allow-streams`,
//! `allow-registry`, `allow-credentials`) in a capability.
use tauri::plugin::{Builder, TauriPlugin};
use tauri::webview::PageLoadEvent;
use tauri::{Manager, RunEvent, Runtime, WindowEvent};

mod batch_bytes;
mod commands;
mod error;
mod handles;
mod raw_args;

pub use handles::Handles;

/// The plugin, to pass to `tauri::Builder::plugin`.
pub fn init<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("llm-native")
        .invoke_handler(tauri::generate_handler![
            commands::provider_create,
            commands::provider_from_registry,
            commands::provider_fallback,
            commands::provider_drop,
            commands::stream_start,
            commands::embed_start,
            commands::stream_next,
            commands::stream_abort,
            commands::stream_fetch_head,
            commands::stream_fetch_chunk,
            commands::stream_fetch_end,
            commands::configure,
            commands::list_providers,
            commands::register_provider,
            commands::update_provider,
            commands::remove_provider,
            commands::resolve_model,
            commands::add_models,
            commands::list_models,
            commands::update_catalog,
            commands::query_usage,
            commands::list_available_models,
            commands::estimate_cost,
            commands::configure_auth,
            commands::set_api_key,
            commands::has_api_key,
            commands::delete_api_key,
            commands::auth_status,
            commands::logout,
            commands::start_oauth,
            commands::complete_oauth,
            commands::start_device_flow,
            commands::poll_device_flow,
        ])
        .setup(|app, _api| {
            app.manage(Handles::default());
            Ok(())
        })
        // A new page cannot reach the old page's handles: drop them (and abort their streams).
        .on_page_load(|webview, payload| {
            if payload.event() == PageLoadEvent::Started {
                webview.state::<Handles>().drop_webview(webview.label());
            }
        })
        .on_event(|app, event| match event {
            RunEvent::WindowEvent {
                label,
                event: WindowEvent::Destroyed,
                ..
            } => app.state::<Handles>().drop_webview(label),
            // The usage ledger's queued rows are written before the app goes.
            RunEvent::Exit => llm_native_core::api::usage::flush_usage(),
            _ => {}
        })
        .build()
}
