//! `config.toml`: accounts (base URL and where each token comes from), the theme name and network
//! timeouts. Unknown keys are errors naming the file, the key and its line and column; a missing
//! file is an empty configuration (no accounts: the app opens the demo).
//!
//! ```toml
//! default_account = "work"
//! theme = "default"                      # optional; --theme wins
//!
//! [accounts.work]
//! base_url = "https://www.yammer.com/api/v1"
//! token_command = ["pass", "show", "yammer"]   # or token_env = "VAR", or token_file = "path";
//!                                              # none: credentials.toml in the config dir
//! [accounts.viva]                        # signs in with `kring login` (see `signin`)
//! client_id = "00000000-0000-0000-0000-000000000000"
//! tenant = "contoso.onmicrosoft.com"     # default organizations; base_url defaults to Yammer's
//! ca_file = "corp-ca.pem"                # optional: more CAs (PEM) this account trusts
//! guidelines_file = "conduct.md"         # optional: the code of conduct (see `guidelines`)
//! [network]                              # optional, seconds
//! connect_timeout_secs = 10
//! read_timeout_secs = 30
//! total_timeout_secs = 60
//! ca_file = "/etc/ssl/corp-ca.pem"       # optional: more CAs (PEM) every account trusts
//! [notify]                               # optional: terminal notifications (see `notify`)
//! method = "auto"
//! [ui]                                   # optional (see `ui`)
//! hyperlinks = "auto"                    # "auto" | "on" | "off": links as OSC 8 hyperlinks
//! mouse = false                          # true: the wheel scrolls, a click focuses
//! ```
//!
//! A `base_url` without a path (`https://www.yammer.com`) means the API under `/api/v1` (see
//! `base_url`). A `ca_file` is only named here; `ca_file` reads and checks it when a client is
//! built.
//!
//! Owns parsing and validation only; it runs no token commands and reads no token files (that is
//! `account`, on demand).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::network::{NetworkConfig, RawNetwork, validate_network};
use super::problem::Problem;
use super::source_location::{describe_toml_error, span_suffix};

/// The validated contents of `config.toml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigFile {
    /// Where it was (or would have been) read from; relative token files resolve against its
    /// directory.
    pub path: PathBuf,
    pub default_account: Option<String>,
    pub theme: Option<String>,
    pub accounts: BTreeMap<String, AccountConfig>,
    pub network: NetworkConfig,
    /// `[network] ca_file`: a PEM bundle of CAs every account trusts besides the system's
    /// (absolute, or relative to the config directory).
    pub ca_file: Option<PathBuf>,
    /// `[notify]`: terminal notifications.
    pub notify: super::notify::NotifyConfig,
    /// `[ui]`: hyperlinks and the mouse.
    pub ui: super::ui::UiConfig,
}

/// One `[accounts.<name>]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountConfig {
    pub base_url: String,
    pub token: TokenSource,
    /// `ca_file`: a PEM bundle of CAs this account trusts besides the system's.
    pub ca_file: Option<PathBuf>,
    /// `guidelines_file`, `guidelines_url`, `[community_guidelines]` (see `guidelines`).
    pub guidelines: super::guidelines::GuidelinesConfig,
}

/// Where an account's token comes from: exactly one per account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenSource {
    /// `token_env = "VAR"`: an environment variable.
    Env(String),
    /// `token_command = ["pass", "show", "yammer"]`: a program and its arguments, no shell.
    Command(Vec<String>),
    /// `token_file = "path"` (absolute, or relative to the config directory); the default is
    /// `credentials.toml` in the config directory.
    File(PathBuf),
    /// `client_id = "…"` and no `token_*` key: `kring login` signs in and the tokens are kept
    /// (and refreshed) in `store`, `credentials.toml` in the config directory.
    SignIn {
        config: super::signin::SignInConfig,
        store: PathBuf,
    },
}

/// A configuration problem; the text names the file and the key, with line and column when known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: cannot read: {reason}", file.display())]
    Read { file: PathBuf, reason: String },
    #[error("{}{detail}", file.display())]
    Syntax { file: PathBuf, detail: String },
    #[error("{}{location}: {key}: {reason}", file.display())]
    Invalid {
        file: PathBuf,
        location: String,
        key: String,
        reason: String,
    },
    #[error("{}: no account chosen: {reason}", file.display())]
    NoAccountChosen { file: PathBuf, reason: String },
    #[error("account `{account}`: {reason}")]
    Token { account: String, reason: String },
    #[error("{variable}: {reason}")]
    Environment { variable: String, reason: String },
    #[error("{} ({origin}): {reason}", file.display())]
    CaFile {
        file: PathBuf,
        origin: String,
        reason: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    default_account: Option<Spanned<String>>,
    theme: Option<String>,
    #[serde(default)]
    accounts: BTreeMap<String, Spanned<RawAccount>>,
    #[serde(default)]
    network: RawNetwork,
    #[serde(default)]
    notify: super::notify::NotifyConfig,
    #[serde(default)]
    ui: super::ui::UiConfig,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccount {
    base_url: Option<Spanned<String>>,
    token_env: Option<Spanned<String>>,
    token_command: Option<Spanned<Vec<String>>>,
    token_file: Option<Spanned<PathBuf>>,
    client_id: Option<Spanned<String>>,
    tenant: Option<Spanned<String>>,
    authority: Option<Spanned<String>>,
    ca_file: Option<PathBuf>,
    guidelines_file: Option<PathBuf>,
    guidelines_url: Option<Spanned<String>>,
    community_guidelines: Option<BTreeMap<String, PathBuf>>,
}

impl ConfigFile {
    /// An empty configuration that would live at `path`.
    pub fn empty(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
            default_account: None,
            theme: None,
            accounts: BTreeMap::new(),
            network: NetworkConfig::default(),
            ca_file: None,
            notify: super::notify::NotifyConfig::default(),
            ui: super::ui::UiConfig::default(),
        }
    }

    /// Reads and validates `path`; a missing file is an empty configuration.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(path, &text),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Self::empty(path)),
            Err(error) => Err(ConfigError::Read {
                file: path.to_path_buf(),
                reason: error.to_string(),
            }),
        }
    }

    /// Validates `text` as if read from `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|error| ConfigError::Syntax {
            file: path.to_path_buf(),
            detail: describe_toml_error(text, &error),
        })?;
        let invalid =
            |span: std::ops::Range<usize>, key: String, reason: String| ConfigError::Invalid {
                file: path.to_path_buf(),
                location: span_suffix(text, Some(span)),
                key,
                reason,
            };
        let config_dir = path.parent().unwrap_or(Path::new("."));
        let mut accounts = BTreeMap::new();
        for (name, account) in raw.accounts {
            let account = validate_account(&name, account, config_dir)
                .map_err(|(span, key, reason)| invalid(span, key, reason))?;
            accounts.insert(name, account);
        }
        if let Some(default) = &raw.default_account
            && !accounts.contains_key(default.get_ref())
        {
            return Err(invalid(
                default.span(),
                "default_account".to_string(),
                format!(
                    "no [accounts.{}] table ({})",
                    default.get_ref(),
                    known_names(&accounts)
                ),
            ));
        }
        let ca_file = raw
            .network
            .ca_file
            .as_ref()
            .map(|file| config_dir.join(file));
        Ok(Self {
            path: path.to_path_buf(),
            default_account: raw.default_account.map(Spanned::into_inner),
            theme: raw.theme,
            accounts,
            ca_file,
            notify: raw.notify,
            ui: raw.ui,
            network: validate_network(raw.network)
                .map_err(|(span, key, reason)| invalid(span, key, reason))?,
        })
    }
}

/// The account names for error messages.
pub(super) fn known_names(accounts: &BTreeMap<String, AccountConfig>) -> String {
    if accounts.is_empty() {
        "no accounts are configured".to_string()
    } else {
        let names: Vec<&str> = accounts.keys().map(String::as_str).collect();
        format!("accounts: {}", names.join(", "))
    }
}

fn validate_account(
    name: &str,
    raw: Spanned<RawAccount>,
    config_dir: &Path,
) -> Result<AccountConfig, Problem> {
    let key = |field: &str| format!("accounts.{name}.{field}");
    let table = raw.span();
    let raw = raw.into_inner();
    let signin = super::signin::validate_signin(
        name,
        super::signin::RawSignIn {
            client_id: raw.client_id,
            tenant: raw.tenant,
            authority: raw.authority,
        },
    )?;
    let base_url = match (&raw.base_url, &signin) {
        (Some(url), _) => super::base_url::normalize_base_url(url.get_ref(), &key("base_url"))
            .map_err(|reason| (url.span(), key("base_url"), reason))?,
        (None, Some(_)) => super::signin::DEFAULT_SIGNIN_BASE_URL.to_owned(),
        (None, None) => {
            return Err((
                table,
                key("base_url"),
                "missing: the server's API URL, e.g. \"https://www.yammer.com/api/v1\"".into(),
            ));
        }
    };
    let mut sources = Vec::new();
    if let Some(variable) = raw.token_env {
        if variable.get_ref().trim().is_empty() {
            return Err((
                variable.span(),
                key("token_env"),
                "must name an environment variable".into(),
            ));
        }
        sources.push((variable.span(), TokenSource::Env(variable.into_inner())));
    }
    if let Some(argv) = raw.token_command {
        if argv
            .get_ref()
            .first()
            .is_none_or(|program| program.trim().is_empty())
        {
            return Err((
                argv.span(),
                key("token_command"),
                "must list the program and its arguments, e.g. [\"pass\", \"show\", \"yammer\"]"
                    .into(),
            ));
        }
        sources.push((argv.span(), TokenSource::Command(argv.into_inner())));
    }
    if let Some(file) = raw.token_file {
        sources.push((
            file.span(),
            TokenSource::File(config_dir.join(file.get_ref())),
        ));
    }
    if sources.len() > 1 {
        let span = sources
            .get(1)
            .map(|(span, _)| span.clone())
            .unwrap_or_default();
        return Err((
            span,
            format!("accounts.{name}"),
            "set only one of token_env, token_command, token_file".into(),
        ));
    }
    if let (Some(signin), Some((span, _))) = (&signin, sources.first()) {
        return Err((
            span.clone(),
            format!("accounts.{name}"),
            format!(
                "client_id `{}` signs in with `kring login`; remove it or the token_* key",
                signin.client_id
            ),
        ));
    }
    let token = match (sources.pop(), signin) {
        (Some((_, source)), _) => source,
        (None, Some(config)) => TokenSource::SignIn {
            config,
            store: config_dir.join("credentials.toml"),
        },
        (None, None) => TokenSource::File(config_dir.join("credentials.toml")),
    };
    let guidelines = super::guidelines::RawGuidelines {
        file: raw.guidelines_file,
        url: raw.guidelines_url,
        communities: raw.community_guidelines,
    };
    Ok(AccountConfig {
        base_url,
        token,
        ca_file: raw.ca_file.map(|file| config_dir.join(file)),
        guidelines: super::guidelines::validate(name, guidelines, config_dir)?,
    })
}
