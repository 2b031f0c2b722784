//! A minimal Tauri v2 app: the llm-native plugin, and two commands the end-to-end test uses —
//! `e2e_config` (where the local model server is) and `report` (the page's result, printed as one
//! JSON line on stdout for the test harness, which then takes its screenshot and stops the app).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[tauri::command]
fn e2e_config() -> serde_json::Value {
    let base =
        std::env::var("LLM_NATIVE_E2E_BASE_URL").unwrap_or_else(|_| "http://127.0.0.1:9/v1".into());
    serde_json::json!({ "baseUrl": base })
}

#[tauri::command]
fn report(report: serde_json::Value) {
    println!("LLM_NATIVE_E2E_REPORT {report}");
}

fn main() {
    tauri::Builder::default()
        .plugin(tauri_plugin_llm_native::init())
        .invoke_handler(tauri::generate_handler![e2e_config, report])
        .run(tauri::generate_context!())
        .expect("the app runs");
}
