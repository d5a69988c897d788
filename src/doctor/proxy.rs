//! Which proxy the API client uses for the server, told the way reqwest decides it: the
//! `ALL_PROXY`, `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` variables (upper case first, as
//! curl), matched by hyper-util's proxy matcher, the one reqwest itself uses. On Linux the
//! "system" proxy settings are exactly these variables.
//!
//! Reads the environment only through the closure it is given; never shows a proxy's password.

use hyper_util::client::proxy::matcher::Matcher;
use reqwest::Url;

/// The proxy variables kring (through reqwest) reads, upper case before lower case.
const VARIABLES: [[&str; 2]; 4] = [
    ["HTTPS_PROXY", "https_proxy"],
    ["HTTP_PROXY", "http_proxy"],
    ["ALL_PROXY", "all_proxy"],
    ["NO_PROXY", "no_proxy"],
];

/// The proxy variables that are set (first of each pair, as reqwest reads them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProxySettings {
    /// (variable, value) in [`VARIABLES`] order; empty values included (they count as set).
    pub set: Vec<(String, String)>,
}

/// How the API client reaches the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// No proxy variable applies.
    Direct,
    /// A proxy would apply but `NO_PROXY` exempts the host.
    Exempt,
    /// Set but not a URL reqwest can use: it is ignored and the connection goes direct.
    Unusable { variable: String },
    /// Through this proxy.
    Proxy(ProxyUse),
}

/// A proxy the client goes through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProxyUse {
    /// The variable that named it.
    pub variable: String,
    /// Its URL without user name or password.
    pub shown: String,
    pub scheme: String,
    pub host: String,
    pub port: u16,
    /// The `Proxy-Authorization` value when the URL holds credentials (never shown).
    pub authorization: Option<String>,
}

impl ProxySettings {
    /// The variables as `env` has them.
    pub fn read(env: impl Fn(&str) -> Option<String>) -> Self {
        let set = VARIABLES
            .iter()
            .filter_map(|pair| {
                pair.iter()
                    .find_map(|name| env(name).map(|value| ((*name).to_owned(), value)))
            })
            .collect();
        Self { set }
    }

    fn value(&self, upper: &str) -> Option<&(String, String)> {
        self.set
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(upper))
    }

    fn matcher(&self, with_no_proxy: bool) -> Matcher {
        let get = |upper: &str| {
            self.value(upper)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let mut builder = Matcher::builder()
            .all(get("ALL_PROXY"))
            .http(get("HTTP_PROXY"))
            .https(get("HTTPS_PROXY"));
        if with_no_proxy {
            builder = builder.no(get("NO_PROXY"));
        }
        builder.build()
    }

    /// The variable that would name the proxy for `url`'s scheme, when one is set.
    fn candidate(&self, url: &Url) -> Option<&(String, String)> {
        let own = if url.scheme() == "https" {
            "HTTPS_PROXY"
        } else {
            "HTTP_PROXY"
        };
        self.value(own)
            .filter(|(_, v)| !v.trim().is_empty())
            .or_else(|| self.value("ALL_PROXY"))
    }

    /// How a request to `url` goes.
    pub fn route(&self, url: &Url) -> Route {
        let Ok(uri) = url.as_str().parse::<http::Uri>() else {
            return Route::Direct;
        };
        let Some((variable, _)) = self.candidate(url) else {
            return Route::Direct;
        };
        if let Some(intercept) = self.matcher(true).intercept(&uri) {
            let proxy = intercept.uri();
            let scheme = proxy.scheme_str().unwrap_or("http").to_owned();
            let port = proxy
                .port_u16()
                .unwrap_or(if scheme == "https" { 443 } else { 80 });
            let host = proxy.host().unwrap_or_default().to_owned();
            return Route::Proxy(ProxyUse {
                variable: variable.clone(),
                shown: format!("{scheme}://{}:{port}", host_for_url(&host)),
                scheme,
                host: host
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .to_owned(),
                port,
                authorization: intercept
                    .basic_auth()
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned),
            });
        }
        if self.matcher(false).intercept(&uri).is_some() {
            Route::Exempt
        } else {
            Route::Unusable {
                variable: variable.clone(),
            }
        }
    }

    /// The variables for a message: `HTTPS_PROXY=http://proxy:3128`, passwords hidden.
    pub fn describe(&self) -> String {
        self.set
            .iter()
            .map(|(name, value)| format!("{name}={}", hide_password(value)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn host_for_url(host: &str) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]")
    } else {
        host.to_owned()
    }
}

/// A proxy URL without its password (`http://user:***@proxy:3128`); other values as given.
fn hide_password(value: &str) -> String {
    match Url::parse(value) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("***"));
            url.to_string()
        }
        _ => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(vars: &[(&str, &str)]) -> ProxySettings {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        ProxySettings::read(|key| vars.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
    }

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn no_variables_mean_a_direct_connection() {
        assert_eq!(
            settings(&[]).route(&url("https://www.yammer.com/api/v1/")),
            Route::Direct
        );
    }

    #[test]
    fn https_proxy_applies_to_https_and_says_which_variable() {
        let s = settings(&[("https_proxy", "http://user:pw@proxy.corp:3128")]);
        let Route::Proxy(proxy) = s.route(&url("https://www.yammer.com/api/v1/")) else {
            panic!("expected a proxy");
        };
        assert_eq!(proxy.variable, "https_proxy");
        assert_eq!(proxy.shown, "http://proxy.corp:3128");
        assert_eq!((proxy.host.as_str(), proxy.port), ("proxy.corp", 3128));
        assert!(proxy.authorization.is_some_and(|a| a.starts_with("Basic ")));
        assert_eq!(s.describe(), "https_proxy=http://user:***@proxy.corp:3128/");
        assert_eq!(s.route(&url("http://intranet:8808/api/v1/")), Route::Direct);
    }

    #[test]
    fn all_proxy_is_the_fallback_and_no_proxy_exempts() {
        let s = settings(&[
            ("ALL_PROXY", "http://proxy:8080"),
            ("NO_PROXY", "localhost,127.0.0.1,.corp.example"),
        ]);
        assert!(matches!(
            s.route(&url("http://intranet:8808/api/v1/")),
            Route::Proxy(ProxyUse { ref variable, .. }) if variable == "ALL_PROXY"
        ));
        assert_eq!(
            s.route(&url("http://127.0.0.1:8808/api/v1/")),
            Route::Exempt
        );
        assert_eq!(
            s.route(&url("https://yammer.corp.example/api/v1/")),
            Route::Exempt
        );
    }

    #[test]
    fn a_value_that_is_no_url_is_ignored_and_named() {
        let s = settings(&[("HTTPS_PROXY", "http://[broken")]);
        assert_eq!(
            s.route(&url("https://www.yammer.com/api/v1/")),
            Route::Unusable {
                variable: "HTTPS_PROXY".to_owned()
            }
        );
    }
}
