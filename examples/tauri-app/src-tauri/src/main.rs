//! A minimal Tauri v2 app: the llm-native plugin, and two commands the end-to-end test and the
//! webview bench use — `e2e_config` (where the local model server is, and which of the two runs)
//! and `report` (the page's result, printed as one JSON line on stdout for the harness, which
//! then takes its screenshot and stops the app).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[tauri::command]
fn e2e_config() -> serde_json::Value {
    let base =
        std::env::var("LLM_NATIVE_E2E_BASE_URL").unwrap_or_else(|_| "http://127.0.0.1:9/v1".into());
    // `bench`: the page times the workloads of bench/tauri.mjs instead of the end-to-end checks.
    let mode = std::env::var("LLM_NATIVE_E2E_MODE").unwrap_or_else(|_| "e2e".into());
    serde_json::json!({ "baseUrl": base, "mode": mode })
}

#[tauri::command]
fn report(report: serde_json::Value) {
    println!("LLM_NATIVE_E2E_REPORT {report}");
}

/// The webview bench: what the IPC costs for a megabyte history, page to app (a raw body, as
/// the plugin's `stream_start` takes the call options)…
#[tauri::command]
fn bench_sink(request: tauri::ipc::Request<'_>) -> usize {
    match request.body() {
        tauri::ipc::InvokeBody::Raw(bytes) => bytes.len(),
        tauri::ipc::InvokeBody::Json(_) => 0,
    }
}

/// …and app to page (raw bytes, as a `tauri::ipc::Response`).
#[tauri::command]
fn bench_source(bytes: usize) -> tauri::ipc::Response {
    tauri::ipc::Response::new(vec![b' '; bytes])
}

fn main() {
    tauri::Builder::default()
        .plugin(tauri_plugin_llm_native::init())
        .invoke_handler(tauri::generate_handler![
            e2e_config,
            report,
            bench_sink,
            bench_source
        ])
        .run(tauri::generate_context!())
        .expect("the app runs");
}
