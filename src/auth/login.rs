//! `kring login`: signs an account in with the device code flow (the default; works over SSH)
//! or the authorization code flow with PKCE (`--browser`: a loopback redirect; `--paste`: the
//! redirected URL pasted back), asks the API who signed in, and saves the tokens in the store.
//!
//! Talks to the user on standard error (the code, the URL, a progress line rewritten in place
//! on a terminal); ctrl-c cancels with nothing written. Must not print a token, a code or the
//! verifier (the user code is meant to be shown; it is not a credential on its own).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use super::device::{self, Pace};
use super::endpoint::{self, Endpoints, Grant};
use super::loopback::Loopback;
use super::pkce::Attempt;
use super::progress::Progress;
use super::{AuthError, DEFAULT_LOGIN_PORT, now_unix, store};
use crate::config::account::choose_account;
use crate::config::file::TokenSource;
use crate::config::secret::{Secret, SignInTokens};
use crate::config::{ConfigFile, Paths, SignInConfig};
use crate::text::SafeText;

/// How long `--browser` waits for the redirect.
const BROWSER_WAIT: Duration = Duration::from_secs(600);

/// `kring login` options.
#[derive(Clone, Debug, Default)]
pub struct LoginOptions {
    pub account: Option<String>,
    /// The authorization code flow with a loopback redirect.
    pub browser: bool,
    /// The authorization code flow, the redirected URL pasted on standard input.
    pub paste: bool,
    /// The loopback port (default [`DEFAULT_LOGIN_PORT`]).
    pub port: Option<u16>,
}

/// The account to sign in: its name, API, sign-in settings and store.
struct Target {
    name: String,
    base_url: String,
    config: SignInConfig,
    store: PathBuf,
}

fn target(paths: &Paths, selected: Option<&str>) -> Result<Target, AuthError> {
    let config =
        ConfigFile::load(&paths.config_file()).map_err(|e| AuthError::Config(e.to_string()))?;
    let (name, account) = choose_account(&config, selected)
        .map_err(|e| AuthError::Config(e.to_string()))?
        .ok_or_else(|| {
            AuthError::Config(format!(
                "no account in {}: add [accounts.NAME] with client_id (see the README, \"Sign in \
                 to Viva Engage\")",
                config.path.display()
            ))
        })?;
    match &account.token {
        TokenSource::SignIn { config, store } => Ok(Target {
            name: name.to_owned(),
            base_url: account.base_url.clone(),
            config: config.clone(),
            store: store.clone(),
        }),
        _ => Err(AuthError::Config(format!(
            "account `{name}` uses a token_* key, so it does not sign in: give it client_id (your \
             Entra app registration) and no token_* key"
        ))),
    }
}

/// Signs in and saves the tokens; returns what to tell the user.
pub async fn login(paths: &Paths, options: LoginOptions) -> Result<String, AuthError> {
    let target = target(paths, options.account.as_deref())?;
    let endpoints = Endpoints::new(&target.config);
    let http = endpoint::http_client()?;
    let flow = async {
        if options.browser || options.paste {
            code_flow(&http, &endpoints, &options).await
        } else {
            device_flow(&http, &endpoints).await
        }
    };
    let grant = tokio::select! {
        grant = flow => grant?,
        _ = tokio::signal::ctrl_c() => {
            say("");
            return Err(AuthError::Cancelled);
        }
    };
    let refresh = grant.refresh.ok_or_else(|| {
        AuthError::Config(
            "the identity provider gave no refresh token: is offline_access allowed for the app?"
                .into(),
        )
    })?;
    let user = who_signed_in(&target.base_url, &grant.access).await;
    let tokens = SignInTokens {
        access: grant.access,
        refresh,
        expires_at: now_unix() + grant.expires_in,
        user: user.clone(),
    };
    let lock = store::lock(&target.store).await?;
    store::write(&target.store, &target.name, tokens, &lock).await?;
    drop(lock);
    let who = user.map_or_else(String::new, |user| format!(" as {user}"));
    Ok(format!(
        "Signed in to `{}`{who}; the tokens are in {} (mode 0600) and renew by themselves.",
        target.name,
        target.store.display()
    ))
}

async fn device_flow(http: &reqwest::Client, endpoints: &Endpoints) -> Result<Grant, AuthError> {
    let code = device::start(http, endpoints).await?;
    let user_code = SafeText::new(&code.user_code);
    let uri = SafeText::new(&code.verification_uri);
    say(&format!(
        "To sign in, open {uri} in a browser (on any device) and enter the code {user_code}"
    ));
    if copy_to_clipboard(&user_code) {
        say("(the code is on your clipboard, where the terminal allows it)");
    }
    let mut progress = Progress::new(std::io::stderr().is_terminal());
    let result = device::wait_for_approval(http, endpoints, &code, Pace::default(), |left| {
        progress.show(left);
    })
    .await;
    progress.finish();
    result
}

async fn code_flow(
    http: &reqwest::Client,
    endpoints: &Endpoints,
    options: &LoginOptions,
) -> Result<Grant, AuthError> {
    let port = options.port.unwrap_or(DEFAULT_LOGIN_PORT);
    if options.paste {
        let attempt = Attempt::new(port);
        let url = attempt.authorize_url(endpoints)?;
        say(&format!(
            "Open this address in a browser and sign in:\n\n{url}\n"
        ));
        say(
            "The browser then fails to load a localhost page: copy the address it ended on and paste it here:",
        );
        let line = read_line().await?;
        let code = attempt.code_from_pasted(&line)?;
        return attempt.redeem(http, endpoints, &code).await;
    }
    let loopback = Loopback::bind(port).await?;
    let attempt = Attempt::new(loopback.port());
    let url = attempt.authorize_url(endpoints)?;
    say(&format!(
        "Open this address in a browser and sign in (from another machine, forward the port \
         first: ssh -L {port}:localhost:{port} THIS_HOST):\n\n{url}\n",
        port = loopback.port()
    ));
    open_browser(&url);
    say(&format!(
        "Waiting for the browser at http://localhost:{}/ …",
        loopback.port()
    ));
    let code = tokio::time::timeout(BROWSER_WAIT, loopback.wait(|q| attempt.code_from_query(q)))
        .await
        .map_err(|_| AuthError::Redirect("no redirect came within 10 minutes".into()))??;
    attempt.redeem(http, endpoints, &code).await
}

/// One line from standard input, off the runtime.
async fn read_line() -> Result<String, AuthError> {
    let read = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map(|_| line)
    });
    match read.await {
        Ok(Ok(line)) if !line.trim().is_empty() => Ok(line),
        Ok(Ok(_)) => Err(AuthError::Redirect("nothing was pasted".into())),
        Ok(Err(error)) => Err(AuthError::Redirect(format!(
            "cannot read standard input: {error}"
        ))),
        Err(join) => Err(AuthError::Config(join.to_string())),
    }
}

/// `Name <email>` of the signed-in user, sanitized; `None` when the API does not say.
async fn who_signed_in(base_url: &str, access: &Secret) -> Option<String> {
    let client = crate::api::Client::new(base_url, access.expose()).ok()?;
    match client.current_user().await {
        Ok(user) => {
            let name = SafeText::new(&user.full_name);
            let email = SafeText::new(&user.email);
            Some(match (name.is_empty(), email.is_empty()) {
                (false, false) => format!("{name} <{email}>"),
                (false, true) => name.to_string(),
                _ => email.to_string(),
            })
        }
        Err(error) => {
            say(&format!(
                "(signed in, but {base_url} did not say who you are: {error})"
            ));
            None
        }
    }
}

/// Asks the terminal to put `code` on the clipboard (OSC 52) when a standard stream is one.
fn copy_to_clipboard(code: &SafeText) -> bool {
    if std::env::var("TERM").is_ok_and(|term| term == "dumb") {
        return false;
    }
    let sequence = crate::text::osc::osc52_copy_sequence(code);
    if std::io::stderr().is_terminal() {
        return std::io::stderr().write_all(sequence.as_bytes()).is_ok();
    }
    if std::io::stdout().is_terminal() {
        return std::io::stdout().write_all(sequence.as_bytes()).is_ok();
    }
    false
}

/// Starts `$BROWSER` on `url` when a graphical display exists; never waits for it. Its
/// environment loses `KRING_TOKEN`.
fn open_browser(url: &str) {
    let display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()));
    let Some(browser) = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty())
    else {
        return;
    };
    if !display {
        return;
    }
    let started = std::process::Command::new(browser.trim())
        .arg(url)
        .env_remove(crate::config::account::TOKEN_ENV)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Ok(mut child) = started {
        std::thread::spawn(move || child.wait());
    }
}

/// A line on standard error (gone after a hang-up: then nothing is said).
pub(super) fn say(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}
