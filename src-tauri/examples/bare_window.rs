//! The stack's own floor for scripts/bench-app.sh: a bare Tauri 2 window with a hello-world page
//! (`bench/bare/`), the same WebKitGTK settings as the app (`kustannusarvio_app::tune_process`, `tune_webview`)
//! and nothing else — no engine, no tariffs, no store, no updater. The app's budgets are set
//! relative to what this window costs on the same machine in the same run (BENCHMARKS.md).
//!
//! cargo build --release -p kustannusarvio-app --example bare_window --features custom-protocol

fn main() {
    kustannusarvio_app::tune_process();
    let result = tauri::Builder::default()
        .setup(|_app| {
            #[cfg(target_os = "linux")]
            {
                use tauri::Manager;
                if let Some(w) = _app.get_webview_window("main") {
                    let _ = w.with_webview(kustannusarvio_app::tune_webview);
                }
            }
            Ok(())
        })
        .run(tauri::generate_context!("bench/tauri.conf.json"));
    if let Err(e) = result {
        eprintln!("bare_window: {e}");
        std::process::exit(1);
    }
}
