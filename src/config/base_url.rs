//! The API base URL as the user typed it, made into the one the client calls: a URL with no path
//! (`http://host:8808`, `https://www.yammer.com`) gets `/api/v1`, where Yammer and `kring serve`
//! answer; any other path is kept as given. Also the "did you mean …/api/v1?" suggestion for a
//! base URL whose `users/current.json` is not found.
//!
//! Pure string work (and one log line): no network, no environment, no files.

use reqwest::Url;

/// The path every Yammer REST API v1 call lives under.
pub const API_PATH: &str = "/api/v1";

/// `url` checked (http or https, with a host) and, when it has no path, with [`API_PATH`]
/// appended (said in the log). `what` names where the URL came from, for the log line.
pub fn normalize_base_url(url: &str, what: &str) -> Result<String, String> {
    let url = url.trim();
    check_base_url(url)?;
    match with_api_path(url) {
        Some(completed) => {
            tracing::info!(
                from = %url,
                to = %completed,
                "{what} has no path: using the API under {API_PATH}"
            );
            Ok(completed)
        }
        None => Ok(url.to_owned()),
    }
}

/// `url` with [`API_PATH`] as its path when it has none (`/` or empty); `None` when it has a
/// path of its own or is not a URL.
fn with_api_path(url: &str) -> Option<String> {
    let mut parsed = Url::parse(url).ok()?;
    if parsed.path() != "/" && !parsed.path().is_empty() {
        return None;
    }
    parsed.set_path(API_PATH);
    Some(parsed.to_string())
}

/// What to suggest when `users/current.json` under `base` is not found: `base` with
/// [`API_PATH`] completed (`/api` → `/api/v1`, `/v1` → `/api/v1`) or added, unless it already
/// ends in it (then the URL is wrong some other way).
pub fn suggest_api_base(base: &str) -> Option<String> {
    let parsed = Url::parse(base.trim()).ok()?;
    let path = parsed.path().trim_end_matches('/');
    if path.ends_with(API_PATH) {
        return None;
    }
    let completed = if let Some(head) = path.strip_suffix("/api") {
        format!("{head}{API_PATH}")
    } else if let Some(head) = path.strip_suffix("/v1") {
        format!("{head}{API_PATH}")
    } else {
        format!("{path}{API_PATH}")
    };
    let mut suggested = parsed.clone();
    suggested.set_path(&completed);
    suggested.set_query(None);
    Some(suggested.to_string())
}

/// Accepts `http://` and `https://` URLs with a host.
pub(super) fn check_base_url(url: &str) -> Result<(), String> {
    let parsed =
        reqwest::Url::parse(url).map_err(|error| format!("`{url}` is not a URL: {error}"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(format!(
            "`{url}` must be an http:// or https:// URL with a host"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_without_a_path_gets_the_api_path() {
        for (given, expected) in [
            ("http://127.0.0.1:8808", "http://127.0.0.1:8808/api/v1"),
            ("http://127.0.0.1:8808/", "http://127.0.0.1:8808/api/v1"),
            ("https://www.yammer.com", "https://www.yammer.com/api/v1"),
            (" https://www.yammer.com/ ", "https://www.yammer.com/api/v1"),
        ] {
            assert_eq!(normalize_base_url(given, "test").unwrap(), expected);
        }
    }

    #[test]
    fn a_url_with_a_path_is_kept_as_given() {
        for given in [
            "https://www.yammer.com/api/v1",
            "https://www.yammer.com/api/v1/",
            "http://proxy.example/yammer",
        ] {
            assert_eq!(normalize_base_url(given, "test").unwrap(), given);
        }
    }

    #[test]
    fn normalization_still_refuses_what_is_not_an_http_url() {
        assert!(normalize_base_url("ftp://host", "test").is_err());
        assert!(normalize_base_url("not a url", "test").is_err());
    }

    #[test]
    fn the_suggestion_adds_the_api_path_once() {
        assert_eq!(
            suggest_api_base("http://h:8808/yammer/").as_deref(),
            Some("http://h:8808/yammer/api/v1")
        );
        assert_eq!(
            suggest_api_base("http://h:8808/").as_deref(),
            Some("http://h:8808/api/v1")
        );
        assert_eq!(
            suggest_api_base("http://h:8808/v1").as_deref(),
            Some("http://h:8808/api/v1")
        );
        assert_eq!(
            suggest_api_base("https://www.yammer.com/api").as_deref(),
            Some("https://www.yammer.com/api/v1")
        );
        assert_eq!(suggest_api_base("https://www.yammer.com/api/v1/"), None);
        assert_eq!(suggest_api_base("https://www.yammer.com/api/v1"), None);
    }
}
