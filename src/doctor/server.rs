//! Checks 5 to 9, talking to the server through the API client's own transport: the TLS
//! handshake, `users/current.json` with the token, who the token belongs to and when it
//! expires, the clock against the server's `Date`, and the request budget with any rate-limit
//! headers the server sent.

use reqwest::{Method, Url};

use super::path::host_port;
use super::probes::{self, Answer};
use super::proxy::Route;
use super::report::Step;
use super::setup::Target;
use super::verdicts::{self, Skew, TlsProblem};
use crate::api::dto::User;
use crate::api::{ClientOptions, Family, Priority, RequestBudget};
use crate::config::base_url::{API_PATH, suggest_api_base};
use crate::config::secret::{Secret, TokenOrigin};

const TLS: &str = "tls";
const API: &str = "api";
const TOKEN: &str = "token";
const CLOCK: &str = "clock";
const RATE: &str = "rate-limit";

/// The steps from the TLS handshake on, in order.
pub async fn server_steps(target: &Target, route: &Route) -> Vec<Step> {
    let options = ClientOptions {
        connect_timeout: target.network.connect_timeout,
        read_timeout: target.network.read_timeout,
        total_timeout: target.network.total_timeout,
        ..ClientOptions::default()
    };
    let client = match crate::api::http_client(&target.base, &options, target.roots.clone()) {
        Ok(client) => client,
        Err(e) => {
            let failed = Step::fail(TLS, e.to_string(), "check ca_file and SSL_CERT_FILE");
            return with_skips(vec![failed], &[API, TOKEN, CLOCK, RATE], "no HTTP client");
        }
    };
    let (tls, handshake_answer) = tls_step(&client, target, route).await;
    if !tls.went_through() {
        return with_skips(vec![tls], &[API, TOKEN, CLOCK, RATE], "the TLS step failed");
    }
    let mut steps = vec![tls];
    let Some((token, origin)) = target.token.as_ref().zip(target.origin.as_ref()) else {
        steps.push(Step::skip(API, "no token (see config)"));
        steps.push(Step::skip(TOKEN, "no token (see config)"));
        steps.push(clock_step(handshake_answer.as_ref()));
        steps.push(Step::skip(RATE, "no API call was made"));
        return steps;
    };
    // A sign-in's stored token may have expired: renew it as any kring command would, so the
    // check sees the token kring would really send.
    let renewed = match crate::auth::Renewer::for_origin(origin) {
        Some(renewer) => match renewer.renew(token.expose(), false).await {
            Ok(renewal) => Some(renewal.access),
            Err(e) => {
                steps.push(Step::fail(
                    API,
                    format!("the sign-in could not be renewed: {e}"),
                    format!("sign in again: {}", origin.describe()),
                ));
                steps.push(Step::skip(TOKEN, "the api step failed"));
                steps.push(clock_step(handshake_answer.as_ref()));
                steps.push(Step::skip(RATE, "the api step failed"));
                return steps;
            }
        },
        None => None,
    };
    let token = renewed.as_ref().unwrap_or(token);
    let budget = RequestBudget::new(options.budget.unwrap_or_default());
    budget.acquire(Family::Other, Priority::Interactive).await;
    let url = format!("{}users/current.json", target.base);
    let answer = probes::request(&client, Method::GET, &url, Some(token.expose())).await;
    let answer = match answer {
        Ok(answer) => answer,
        Err(e) => {
            let failed = if e.is_redirect() {
                Step::fail(
                    API,
                    format!("GET {url}: the server sends kring somewhere else (a sign-in page?)"),
                    "kring follows redirects only within the server; check base_url",
                )
            } else {
                Step::fail(
                    API,
                    format!("GET {url}: {}", transport_text(&e)),
                    "run kring doctor again; if it keeps failing, the server or the way to it \
                     drops requests",
                )
            };
            steps.push(failed);
            steps.push(Step::skip(TOKEN, "the api step failed"));
            steps.push(clock_step(handshake_answer.as_ref()));
            steps.push(Step::skip(RATE, "the api step failed"));
            return steps;
        }
    };
    let (api, user) = api_step(&client, target, &url, &answer, &origin.describe()).await;
    steps.push(api);
    steps.push(match user {
        Some(user) => token_step(&user, token, origin),
        None => Step::skip(TOKEN, "the api step failed"),
    });
    steps.push(clock_step(Some(&answer)));
    steps.push(rate_step(&answer, &budget));
    steps
}

fn with_skips(mut steps: Vec<Step>, names: &[&'static str], why: &str) -> Vec<Step> {
    steps.extend(names.iter().map(|name| Step::skip(name, why)));
    steps
}

/// Step 5: one request without the token, which needs a completed handshake for https.
async fn tls_step(
    client: &reqwest::Client,
    target: &Target,
    route: &Route,
) -> (Step, Option<Answer>) {
    let (host, port) = host_port(&target.base);
    if target.base.scheme() != "https" {
        let step = Step::pass(
            TLS,
            "not used: http:// carries everything, the token too, unencrypted (fine for a \
             kring serve on this machine, not across a network)",
        );
        return (step, None);
    }
    let via = match route {
        Route::Proxy(proxy) => format!(" through {}", proxy.shown),
        _ => String::new(),
    };
    match probes::request(client, Method::HEAD, target.base.as_str(), None).await {
        Ok(answer) => {
            let trusted = if target.roots.is_empty() {
                "the system's CAs".to_owned()
            } else {
                let files: Vec<String> = target.ca_files.iter().map(|f| f.origin.clone()).collect();
                format!("the system's CAs and {}", files.join(", "))
            };
            let step = Step::pass(
                TLS,
                format!("handshake with {host}:{port}{via}; certificate trusted by {trusted}"),
            );
            (step, Some(answer))
        }
        // A redirect to another origin is refused before it is followed: an answer came, so
        // the handshake was done.
        Err(e) if e.is_redirect() => (
            Step::pass(
                TLS,
                format!("handshake with {host}:{port}{via}; the server answered with a redirect"),
            ),
            None,
        ),
        Err(e) => (tls_failed(&host, &e), None),
    }
}

fn tls_failed(host: &str, error: &reqwest::Error) -> Step {
    match verdicts::tls_problem(error) {
        TlsProblem::UnknownIssuer => Step::fail(
            TLS,
            format!("{host} shows a certificate from an unknown issuer"),
            "your network inspects TLS: set SSL_CERT_FILE or `ca_file` in config.toml to your \
             company's CA (a PEM file; your IT department has it)",
        ),
        TlsProblem::Expired => Step::fail(
            TLS,
            format!("{host}'s certificate has expired"),
            "if your clock is right (see the clock step), the server must renew its certificate",
        ),
        TlsProblem::NotYetValid => Step::fail(
            TLS,
            format!("{host}'s certificate is not valid yet"),
            "check this machine's clock (timedatectl; enable NTP)",
        ),
        TlsProblem::WrongName => Step::fail(
            TLS,
            format!("{host}'s certificate is for another host name"),
            "check the host in base_url; a captive portal or a proxy may be answering for it",
        ),
        TlsProblem::Other(text) => Step::fail(
            TLS,
            format!("handshake with {host} failed: {text}"),
            "check the URL's port speaks https; try again from another network to compare",
        ),
    }
}

/// The transport error in words: its innermost cause.
fn transport_text(error: &reqwest::Error) -> String {
    match verdicts::tls_problem(error) {
        TlsProblem::Other(text) => text,
        problem => format!("{problem:?}"),
    }
}

/// Step 6: what `users/current.json` answered; the user when it was a user.
async fn api_step(
    client: &reqwest::Client,
    target: &Target,
    url: &str,
    answer: &Answer,
    origin: &str,
) -> (Step, Option<User>) {
    let said = format!("GET {url} → {}", answer.status);
    let message = || server_message(&answer.body);
    let step = match answer.status {
        200..=299 => match serde_json::from_slice::<User>(&answer.body) {
            Ok(user) => return (Step::pass(API, said), Some(user)),
            Err(_) if answer.body.trim_ascii_start().starts_with(b"<") => Step::fail(
                API,
                format!("{said} with an HTML page, not the API"),
                "a sign-in page or a proxy's block page answered: check base_url, and open it \
                 in a browser on this machine to see who answers",
            ),
            Err(e) => Step::fail(
                API,
                format!("{said}, but not a user: {e}"),
                "check base_url points at a Yammer API",
            ),
        },
        404 => not_found_step(client, target, &said).await,
        401 => Step::fail(
            API,
            format!("{said}: the server does not accept the token{}", message()),
            format!("get a new token and update {origin}"),
        ),
        403 => Step::fail(
            API,
            format!("{said}: forbidden{}", message()),
            "the token works but this account may not use the API: ask your network's admin",
        ),
        429 => Step::fail(
            API,
            format!("{said}: rate limited"),
            "wait a minute: other kring processes or scripts with the same token share the limit",
        ),
        _ => Step::fail(
            API,
            format!("{said}{}", message()),
            "the server (or a proxy before it) has a problem: try again later",
        ),
    };
    (step, None)
}

/// A 404: the base URL is wrong. Names the URL that answers, trying `/api/v1` added to the
/// path and at the root.
async fn not_found_step(client: &reqwest::Client, target: &Target, said: &str) -> Step {
    let base = target.base.as_str();
    let mut candidates: Vec<String> = suggest_api_base(base).into_iter().collect();
    let root = format!("{}{API_PATH}", target.base.origin().ascii_serialization());
    if !candidates.contains(&root) && root.trim_end_matches('/') != base.trim_end_matches('/') {
        candidates.push(root);
    }
    let token = target.token.as_ref().map(|t| t.expose());
    for candidate in &candidates {
        let Ok(url) = Url::parse(&format!("{candidate}/users/current.json")) else {
            continue;
        };
        if let Ok(answer) = probes::request(client, Method::GET, url.as_str(), token).await
            && answer.status != 404
        {
            return Step::fail(
                API,
                format!(
                    "{said}: no API there; did you mean {candidate}? (it answers {})",
                    answer.status
                ),
                format!("set base_url (or KRING_SERVER) to {candidate}"),
            );
        }
    }
    match candidates.first() {
        Some(candidate) => Step::fail(
            API,
            format!("{said}: no API there; did you mean {candidate}?"),
            format!("set base_url (or KRING_SERVER) to the API's URL, usually {candidate}"),
        ),
        None => Step::fail(
            API,
            format!("{said}: no API there"),
            "check base_url (or KRING_SERVER): the API lives under …/api/v1",
        ),
    }
}

/// The first message of a Yammer error body, as ": message", or nothing.
fn server_message(body: &[u8]) -> String {
    let parsed: crate::api::dto::ErrorBody = serde_json::from_slice(body).unwrap_or_default();
    parsed
        .messages()
        .first()
        .map(|m| format!(": {}", m.chars().take(120).collect::<String>()))
        .unwrap_or_default()
}

/// Step 7: who the token belongs to, and when it expires when that is known.
fn token_step(user: &User, token: &Secret, origin: &TokenOrigin) -> Step {
    let who = format!(
        "you are {} (@{}, id {})",
        user.full_name, user.name, user.id
    );
    let expiry = verdicts::token_expiry(origin, token.expose());
    let now = chrono::Utc::now();
    match expiry {
        None => Step::pass(TOKEN, format!("{who}; expiry unknown")),
        Some(at) if at - now < chrono::Duration::minutes(5) => Step::warn(
            TOKEN,
            format!(
                "{who}; the token expires at {} (in under 5 minutes)",
                at.to_rfc3339()
            ),
            "get a new token soon",
        ),
        Some(at) => Step::pass(
            TOKEN,
            format!("{who}; the token expires at {}", at.to_rfc3339()),
        ),
    }
}

/// Step 8: this machine's clock against the server's `Date`.
fn clock_step(answer: Option<&Answer>) -> Step {
    let Some(answer) = answer else {
        return Step::skip(CLOCK, "no answer from the server to compare with");
    };
    let Some(server) = answer.header("date").and_then(verdicts::parse_http_date) else {
        return Step::warn(
            CLOCK,
            "the server sent no Date header: skew unknown",
            "make sure this machine's clock is synchronised (NTP)",
        );
    };
    let skew = (answer.received_at - server).num_seconds();
    let detail = format!(
        "this clock is {} the server's",
        verdicts::describe_skew(skew)
    );
    let remedy = "tokens are time-bound: synchronise the clock (e.g. timedatectl set-ntp true)";
    match verdicts::judge_skew(skew) {
        Skew::Fine => Step::pass(CLOCK, detail),
        Skew::Warn => Step::warn(CLOCK, detail, remedy),
        Skew::Fail => Step::fail(CLOCK, detail, remedy),
    }
}

/// Step 9: what the request budget has left, and the server's rate-limit headers.
fn rate_step(answer: &Answer, budget: &RequestBudget) -> Step {
    let config = budget.config();
    let left = budget.left(Family::Other, Priority::Interactive);
    let mut detail = format!(
        "request budget: {left} of {} calls per {} s left in this process (kring paces itself \
         below Yammer's limits)",
        config.calls,
        config.window.as_secs()
    );
    let headers: Vec<String> = answer
        .headers
        .iter()
        .filter(|(name, _)| {
            let name = name.as_str();
            name.contains("ratelimit") || name.contains("rate-limit") || name == "retry-after"
        })
        .map(|(name, value)| format!("{name}: {}", value.to_str().unwrap_or("?")))
        .collect();
    if headers.is_empty() {
        detail.push_str("; the server sent no rate-limit headers");
    } else {
        detail.push_str(&format!("; the server says {}", headers.join(", ")));
    }
    if answer.status == 429 {
        let wait = answer.header("retry-after").unwrap_or("60");
        return Step::fail(
            RATE,
            detail,
            format!("the server asks to wait {wait} s; kring waits by itself, scripts should too"),
        );
    }
    Step::pass(RATE, detail)
}
