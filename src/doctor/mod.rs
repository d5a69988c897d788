//! `kring doctor`: checks the way from this machine to the server one step at a time and says
//! which step is broken and what to do about it: config and account, proxy settings, name
//! lookup, TCP (through the proxy), the TLS handshake, the API with the token, who the token
//! is, the clock, and the request budget. Exit 0 only when every step passes.
//!
//! One job per file: `setup` (config and account), `path` (proxy, DNS, TCP), `server` (TLS,
//! API, token, clock, rate limits), `probes` (the network calls, each with a timeout),
//! `proxy` (which proxy applies), `verdicts` (judging without I/O), `report` (text and JSON).
//! Never shows the token; touches no store or cache.

mod path;
mod probes;
mod proxy;
mod report;
mod server;
mod setup;
mod verdicts;

use std::process::ExitCode;

use crate::cli::DoctorArgs;
use crate::config::Paths;
use crate::config::secret::TokenOrigin;
use crate::launch::error::LaunchError;
use crate::launch::session::process_env;

pub use report::{Report, Status, Step};

/// Steps skipped when there is nothing to check them against.
const AFTER_CONFIG: [&str; 8] = [
    "proxy",
    "dns",
    "connect",
    "tls",
    "api",
    "token",
    "clock",
    "rate-limit",
];

/// Runs every check against the selected account and prints the report.
pub async fn run(
    args: DoctorArgs,
    paths: Paths,
    account: Option<String>,
) -> Result<ExitCode, LaunchError> {
    let selected = args.account.or(account);
    let (steps, secret) = check(&paths, selected).await;
    let report = Report::new(steps, secret.as_ref().map(|s| s.expose()));
    let text = if args.json {
        report.to_json()
    } else {
        report.to_text()
    };
    write_stdout(&text)?;
    Ok(if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Writes the report; a closed pipe (`kring doctor | head`) ends quietly.
fn write_stdout(text: &str) -> Result<(), LaunchError> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(LaunchError::Output(e)),
        _ => Ok(()),
    }
}

/// Every step in order, and the token (to keep it out of the report).
async fn check(
    paths: &Paths,
    selected: Option<String>,
) -> (Vec<Step>, Option<crate::config::Secret>) {
    let (config, target) = setup::config_step(paths, selected, process_env).await;
    let mut steps = vec![config];
    let Some(target) = target else {
        steps.extend(
            AFTER_CONFIG
                .iter()
                .map(|name| Step::skip(name, "no server to check (see config)")),
        );
        return (steps, None);
    };
    let timeout = target.network.connect_timeout;
    let settings = proxy::ProxySettings::read(process_env);
    let (proxy_step, route) = path::proxy_step(&settings, &target.base);
    steps.push(proxy_step);
    let others = sign_in_hosts(&target);
    let (dns, addrs) = path::dns_step(&target.base, &route, &others, timeout).await;
    let dns_ok = dns.went_through();
    steps.push(dns);
    let connect = match addrs.filter(|_| dns_ok) {
        Some(addrs) => path::connect_step(&target.base, &route, &addrs, timeout).await,
        None => Step::skip("connect", "the dns step failed"),
    };
    if connect.went_through() {
        steps.push(connect);
        steps.extend(server::server_steps(&target, &route).await);
    } else {
        let why = if connect.status == Status::Skip {
            "the dns step failed"
        } else {
            "the connect step failed"
        };
        steps.push(connect);
        steps.extend(AFTER_CONFIG[3..].iter().map(|name| Step::skip(name, why)));
    }
    (steps, target.token)
}

/// Other hosts the account needs besides the API: the sign-in authority's, for an account
/// that signs in. Accounts with a static token need none.
fn sign_in_hosts(target: &setup::Target) -> Vec<(&'static str, String)> {
    let Some(TokenOrigin::SignIn { config, .. }) = &target.origin else {
        return Vec::new();
    };
    reqwest::Url::parse(&config.authority)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .map(|host| vec![("the sign-in service", host)])
        .unwrap_or_default()
}
