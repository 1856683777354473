//! The harness the app's integration tests share: a mock app with the real commands, and a
//! command call through the IPC layer as the webview makes it.

use serde_json::Value;
use tauri::test::{mock_context, noop_assets, MockRuntime};
use tauri::WebviewWindowBuilder;

/// Builds `builder` (with its plugins and managed state) with the app's command handler, and
/// opens the main webview.
pub fn mock_app(builder: tauri::Builder<MockRuntime>) -> (tauri::App<MockRuntime>, tauri::WebviewWindow<MockRuntime>) {
    let app = builder
        .invoke_handler(kustannusarvio_app::specta_builder!(MockRuntime).invoke_handler())
        .build(mock_context(noop_assets()))
        .expect("mock app builds");
    let wv = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("webview");
    (app, wv)
}

/// Calls the command `cmd` with the JSON `body`, as the webview's `invoke` does.
pub fn invoke(wv: &tauri::WebviewWindow<MockRuntime>, cmd: &str, body: Value) -> Result<Value, Value> {
    tauri::test::get_ipc_response(
        wv,
        tauri::webview::InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: tauri::ipc::InvokeBody::from(body),
            headers: Default::default(),
            invoke_key: tauri::test::INVOKE_KEY.to_string(),
        },
    )
    .map(|r| r.deserialize::<Value>().expect("json"))
}
