//! What the tests share: in-process servers (real and misbehaving), a TLS server, a proxy, a
//! token command, state builders for the UI and the People pane, and a reader of `Cargo.lock`.

pub mod directory_driver;
pub mod doctor_run;
pub mod expertise;
pub mod fault_client;
pub mod fault_server;
pub mod forward_proxy;
pub mod identity;
pub mod lockfile;
pub mod offline;
pub mod people;
pub mod script;
pub mod server;
pub mod session;
pub mod tls_server;
pub mod token_script;
pub mod tui;
pub mod tui_outbox;

/// The name the test harness knows the test `name` in `module` (a `module_path!()`) by, for
/// running it alone in a child process of this binary with `--exact`.
pub fn test_name(module: &str, name: &str) -> String {
    let path = module.split_once("::").map_or("", |(_, rest)| rest);
    format!("{path}::{name}")
}
