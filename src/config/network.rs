//! `[network]` in `config.toml`: connect, read and total timeouts (whole seconds, at least one)
//! and a CA file every account trusts; defaults filled in. Parsing only: `ca_file` is read when a
//! client is built.

use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use super::problem::Problem;

/// The default connect timeout: long enough for a slow network, short enough to report an
/// unreachable server before the user gives up.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default per-read timeout, which detects stalled bodies.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// The default total timeout of one API call, which defeats drip-feeding servers.
pub const DEFAULT_TOTAL_TIMEOUT: Duration = Duration::from_secs(60);

/// `[network]` timeouts, with defaults filled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NetworkConfig {
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
    pub total_timeout: Duration,
}

impl Default for NetworkConfig {
    fn default() -> Self {
        Self {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            read_timeout: DEFAULT_READ_TIMEOUT,
            total_timeout: DEFAULT_TOTAL_TIMEOUT,
        }
    }
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNetwork {
    pub(super) connect_timeout_secs: Option<Spanned<u64>>,
    pub(super) read_timeout_secs: Option<Spanned<u64>>,
    pub(super) total_timeout_secs: Option<Spanned<u64>>,
    pub(super) ca_file: Option<PathBuf>,
}

pub(super) fn validate_network(raw: RawNetwork) -> Result<NetworkConfig, Problem> {
    let defaults = NetworkConfig::default();
    let seconds = |value: Option<Spanned<u64>>, field: &str, default: Duration| match value {
        None => Ok(default),
        Some(value) if *value.get_ref() == 0 => Err((
            value.span(),
            format!("network.{field}"),
            "must be at least 1 second".to_string(),
        )),
        Some(value) => Ok(Duration::from_secs(*value.get_ref())),
    };
    Ok(NetworkConfig {
        connect_timeout: seconds(
            raw.connect_timeout_secs,
            "connect_timeout_secs",
            defaults.connect_timeout,
        )?,
        read_timeout: seconds(
            raw.read_timeout_secs,
            "read_timeout_secs",
            defaults.read_timeout,
        )?,
        total_timeout: seconds(
            raw.total_timeout_secs,
            "total_timeout_secs",
            defaults.total_timeout,
        )?,
    })
}
