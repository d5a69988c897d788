//! Checks 2 to 4, the way to the server: the proxy settings and which one applies, name lookup
//! of the host kring connects to (the proxy, when one applies) and of the others it needs, and
//! a TCP connection (with a `CONNECT` through an HTTP proxy to an https server).

use std::net::SocketAddr;
use std::time::Duration;

use reqwest::Url;

use super::probes;
use super::proxy::{ProxySettings, ProxyUse, Route};
use super::report::Step;

const PROXY: &str = "proxy";
const DNS: &str = "dns";
const CONNECT: &str = "connect";

/// Where the server is: host and port (the scheme's default when the URL has none).
pub fn host_port(url: &Url) -> (String, u16) {
    let host = url.host_str().unwrap_or_default().to_owned();
    (host, url.port_or_known_default().unwrap_or(443))
}

/// Step 2: the proxy variables seen and which applies to the server.
pub fn proxy_step(settings: &ProxySettings, base: &Url) -> (Step, Route) {
    let (host, _) = host_port(base);
    let system = if cfg!(target_os = "linux") {
        "on Linux the system proxy settings are these environment variables"
    } else {
        "kring also follows this system's own proxy settings, not shown here"
    };
    let seen = if settings.set.is_empty() {
        format!("no HTTPS_PROXY, HTTP_PROXY, ALL_PROXY or NO_PROXY set ({system})")
    } else {
        format!("seen {} ({system})", settings.describe())
    };
    let route = settings.route(base);
    let step = match &route {
        Route::Direct => Step::pass(PROXY, format!("{seen}; {host}: direct connection")),
        Route::Exempt => Step::pass(
            PROXY,
            format!("{seen}; NO_PROXY exempts {host}: direct connection"),
        ),
        Route::Unusable { variable } => Step::fail(
            PROXY,
            format!("{seen}; {variable} is not a proxy URL kring can use, so it is ignored"),
            format!(
                "set {variable} to http://HOST:PORT (with USER:PASSWORD@ before the host if \
                 the proxy asks for them), or unset it"
            ),
        ),
        Route::Proxy(proxy) => Step::pass(
            PROXY,
            format!(
                "{seen}; {} applies to {host}: through {}",
                proxy.variable, proxy.shown
            ),
        ),
    };
    (step, route)
}

/// Step 3: name lookup of the host kring connects to (the proxy, or the server) and of
/// `others` (role, host), e.g. the sign-in host. Returns the addresses to connect to.
pub async fn dns_step(
    base: &Url,
    route: &Route,
    others: &[(&str, String)],
    timeout: Duration,
) -> (Step, Option<Vec<SocketAddr>>) {
    let (host, port) = host_port(base);
    let (first, first_port, role) = match route {
        Route::Proxy(proxy) => (proxy.host.clone(), proxy.port, "the proxy"),
        _ => (host.clone(), port, "the server"),
    };
    let addrs = match probes::resolve(&first, first_port, timeout).await {
        Ok(addrs) => addrs,
        Err(e) => {
            let remedy = match route {
                Route::Proxy(proxy) => format!("check the proxy's host name in {}", proxy.variable),
                _ => "check the host in base_url (or KRING_SERVER); a network reachable only \
                      over VPN needs the VPN; a network that allows the web only through a \
                      proxy needs HTTPS_PROXY"
                    .to_owned(),
            };
            return (
                Step::fail(DNS, format!("cannot resolve {first} ({role}): {e}"), remedy),
                None,
            );
        }
    };
    let mut found = vec![format!("{first} ({role}) → {}", shown(&addrs))];
    if matches!(route, Route::Proxy(_)) {
        found.push(match probes::resolve(&host, port, timeout).await {
            Ok(addrs) => format!("{host} → {}", shown(&addrs)),
            Err(_) => format!("{host}: the proxy resolves it (not resolvable here)"),
        });
    }
    for (what, other) in others {
        match probes::resolve(other, 443, timeout).await {
            Ok(addrs) => found.push(format!("{other} ({what}) → {}", shown(&addrs))),
            Err(e) => {
                return (
                    Step::fail(
                        DNS,
                        format!("{}; cannot resolve {other} ({what}): {e}", found.join("; ")),
                        format!("check the {what} host in config.toml, your DNS or your VPN"),
                    ),
                    Some(addrs),
                );
            }
        }
    }
    (Step::pass(DNS, found.join("; ")), Some(addrs))
}

fn shown(addrs: &[SocketAddr]) -> String {
    let first: Vec<String> = addrs.iter().take(2).map(|a| a.ip().to_string()).collect();
    match addrs.len() {
        0..=2 => first.join(", "),
        n => format!("{} (+{} more)", first.join(", "), n - 2),
    }
}

/// Step 4: a TCP connection to `addrs` (the proxy's or the server's); through an HTTP proxy to
/// an https server, a `CONNECT` to the server as well.
pub async fn connect_step(
    base: &Url,
    route: &Route,
    addrs: &[SocketAddr],
    timeout: Duration,
) -> Step {
    let (host, port) = host_port(base);
    let proxy = match route {
        Route::Proxy(proxy) => Some(proxy),
        _ => None,
    };
    let mut stream = match probes::connect(addrs, timeout).await {
        Ok(stream) => stream,
        Err(e) => return connect_failed(&host, port, proxy, &e),
    };
    let peer = stream
        .peer_addr()
        .map_or_else(|_| "?".to_owned(), |a| a.to_string());
    let Some(proxy) = proxy else {
        let address = if peer == format!("{host}:{port}") {
            String::new()
        } else {
            format!(" ({peer})")
        };
        return Step::pass(CONNECT, format!("TCP to {host}:{port}{address}"));
    };
    if base.scheme() != "https" || proxy.scheme != "http" {
        let how = if base.scheme() == "https" {
            format!(
                "a {} proxy: the tunnel is checked by the TLS step",
                proxy.scheme
            )
        } else {
            "plain-HTTP requests are forwarded by it (checked by the api step)".to_owned()
        };
        return Step::pass(
            CONNECT,
            format!("TCP to proxy {} ({peer}); {how}", proxy.shown),
        );
    }
    match probes::connect_through(&mut stream, proxy, &host, port, timeout).await {
        Ok((code, line)) if (200..300).contains(&code) => Step::pass(
            CONNECT,
            format!(
                "TCP to proxy {} ({peer}); CONNECT {host}:{port} → {line}",
                proxy.shown
            ),
        ),
        Ok((407, line)) => Step::fail(
            CONNECT,
            format!(
                "proxy {} wants a sign-in for CONNECT {host}:{port}: {line}",
                proxy.shown
            ),
            format!(
                "put the user name and password in {}: http://USER:PASSWORD@HOST:PORT",
                proxy.variable
            ),
        ),
        Ok((_, line)) => Step::fail(
            CONNECT,
            format!(
                "proxy {} refused CONNECT {host}:{port}: {line}",
                proxy.shown
            ),
            format!(
                "ask your network team to allow {host} through the proxy, or add {host} to \
                 NO_PROXY if it is reachable directly"
            ),
        ),
        Err(e) => Step::fail(
            CONNECT,
            format!("proxy {}: CONNECT {host}:{port}: {e}", proxy.shown),
            format!("check that {} names an HTTP proxy", proxy.variable),
        ),
    }
}

fn connect_failed(host: &str, port: u16, proxy: Option<&ProxyUse>, error: &str) -> Step {
    match proxy {
        Some(proxy) => Step::fail(
            CONNECT,
            format!("cannot connect to proxy {}: {error}", proxy.shown),
            format!(
                "check {} (is the proxy's host and port right? is it running?)",
                proxy.variable
            ),
        ),
        None => Step::fail(
            CONNECT,
            format!("cannot connect to {host}:{port}: {error}"),
            "is the server running and listening on that port? A firewall may block the \
             way: a network that allows the web only through a proxy needs HTTPS_PROXY"
                .to_owned(),
        ),
    }
}
