//! Options of the account commands: `kring login`, `logout`, `accounts` and `doctor`.

/// `kring login` options. Without `--browser` or `--paste`, the device code flow: kring prints
/// a URL and a code to enter in a browser on any device (works over SSH).
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("code_flow").args(["browser", "paste"]))]
pub struct LoginArgs {
    /// Which account of config.toml (it needs client_id; default: its `default_account`).
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,

    /// Sign in in a browser that is redirected back to http://localhost:PORT/ (for tenants that
    /// block the device code flow; over SSH, forward the port with `ssh -L PORT:localhost:PORT`).
    #[arg(long)]
    pub browser: bool,

    /// Like --browser, but paste the address the browser ended on instead of listening for it.
    #[arg(long)]
    pub paste: bool,

    /// The redirect port of --browser and --paste (default 8400; the app registration's
    /// redirect URI is http://localhost:PORT).
    #[arg(long, value_name = "PORT", requires = "code_flow")]
    pub port: Option<u16>,
}

/// `kring logout` options.
#[derive(Debug, clap::Args)]
pub struct LogoutArgs {
    /// Which account of config.toml (default: its `default_account`).
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,
}

/// `kring accounts` options.
#[derive(Debug, clap::Args)]
pub struct AccountsArgs {
    /// Print JSON: an array of accounts.
    #[arg(long)]
    pub json: bool,
}

/// `kring doctor` options.
#[derive(Debug, clap::Args)]
pub struct DoctorArgs {
    /// Which account of config.toml to check (default: its `default_account`).
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,

    /// Print JSON: {"ok": .., "steps": [{"name", "status", "detail", "remedy"}]}.
    #[arg(long)]
    pub json: bool,
}
