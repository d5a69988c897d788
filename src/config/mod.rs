//! Configuration: where files live (`paths`), `config.toml` (`file`), choosing the account and its
//! token (`account`), secrets and token sources (`secret`), key bindings (`keymap`) and colours
//! (`theme`); `atomic_file`, the one way a file outside SQLite is replaced; `base_url`, the API URL
//! completed; `ca_file`, the extra CAs an account trusts.
//!
//! Owns reading and validating the user's configuration; it must not draw, talk to the network or
//! keep global state. Environment variables reach it only through closures passed by the caller.

pub mod account;
pub mod atomic_file;
pub mod base_url;
pub mod ca_file;
pub mod file;
pub mod guidelines;
pub mod keymap;
pub mod network;
pub mod notify;
pub mod paths;
mod problem;
pub mod secret;
pub mod signin;
mod source_location;
pub mod theme;
pub mod ui;

pub use account::{ResolvedAccount, resolve_account};
pub use file::{ConfigError, ConfigFile};
pub use keymap::{KeyChord, Keymap, KeymapError, Resolution};
pub use paths::Paths;
pub use secret::{Secret, TokenOrigin};
pub use signin::SignInConfig;
pub use theme::{ColorSupport, Theme, ThemeError};
