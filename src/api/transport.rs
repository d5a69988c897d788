//! The HTTP transport every API call goes through, and `kring doctor`'s probes with it: the
//! base URL checked and ending in `/`, and the reqwest client with kring's timeouts,
//! same-origin redirects only, the system's proxy settings, and the system's trust roots plus
//! any extra CAs. Builds; sends nothing.

use reqwest::Url;

use super::error::{ApiError, origin_of};
use super::options::ClientOptions;

/// `base_url` parsed, checked (http or https) and ending in `/`, so paths join under it.
pub(crate) fn api_base(base_url: &str) -> Result<Url, ApiError> {
    let mut base = Url::parse(base_url.trim())
        .map_err(|e| ApiError::Setup(format!("base URL {base_url:?}: {e}")))?;
    if !matches!(base.scheme(), "http" | "https") {
        return Err(ApiError::Setup(format!(
            "base URL {base_url:?} must be http or https"
        )));
    }
    if !base.path().ends_with('/') {
        let path = format!("{}/", base.path());
        base.set_path(&path);
    }
    Ok(base)
}

/// The HTTP client every call to `base` goes through: timeouts, same-origin redirects only,
/// the system's proxy settings and trust roots plus `extra_roots`. `kring doctor` probes with
/// the same client, so it sees what the API client sees.
pub(crate) fn http_client(
    base: &Url,
    options: &ClientOptions,
    extra_roots: Vec<reqwest::Certificate>,
) -> Result<reqwest::Client, ApiError> {
    let origin = origin_of(base);
    let mut builder = reqwest::Client::builder();
    if base.scheme() == "http" {
        // Redirects never leave the server's origin, so a plain-HTTP server (the demo, a
        // local `kring serve`) never needs TLS: skip loading the system's trust roots
        // (hundreds of certificates parsed at start, and the memory they hold).
        builder = builder.tls_certs_only(Vec::new());
    } else if !extra_roots.is_empty() {
        builder = builder.tls_certs_merge(extra_roots);
    }
    builder
        .user_agent(concat!("kring/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(options.connect_timeout)
        .read_timeout(options.read_timeout)
        .timeout(options.total_timeout)
        .redirect(reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= 5 || origin_of(attempt.url()) != origin {
                attempt.error("redirect away from the server refused")
            } else {
                attempt.follow()
            }
        }))
        .build()
        .map_err(|e| ApiError::Setup(e.to_string()))
}
