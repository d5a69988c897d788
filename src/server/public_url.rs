//! `--public-url`: the address colleagues reach the server at (usually a TLS reverse proxy), used
//! for every link the server hands out (`web_url`, `url`, the device-login page) instead of the
//! bind address. Validation only: an absolute http(s) URL with a host and nothing after it.

use url::Url;

/// Why a public URL was refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not a usable public URL: give an absolute http:// or https:// address with a host \
     and no path, query or user name, like https://kring.example.com"
)]
pub struct PublicUrlError(String);

/// The origin of `raw` (`https://host[:port]`, no trailing slash), or why it is not one. The
/// server answers at the root of its address, so a path is refused rather than ignored.
pub fn parse(raw: &str) -> Result<String, PublicUrlError> {
    let refuse = || PublicUrlError(raw.to_owned());
    let url = Url::parse(raw.trim()).map_err(|_| refuse())?;
    let plain = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some_and(|h| !h.is_empty())
        && url.username().is_empty()
        && url.password().is_none()
        && url.path() == "/"
        && url.query().is_none()
        && url.fragment().is_none();
    if !plain {
        return Err(refuse());
    }
    Ok(url.origin().ascii_serialization())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_kept_and_normalised() {
        assert_eq!(
            parse("https://Kring.Example.com/").unwrap(),
            "https://kring.example.com"
        );
        assert_eq!(
            parse(" http://10.0.0.5:8080 ").unwrap(),
            "http://10.0.0.5:8080"
        );
        assert_eq!(
            parse("https://kring.example.com:443").unwrap(),
            "https://kring.example.com"
        );
    }

    #[test]
    fn anything_but_a_plain_web_origin_is_refused() {
        for bad in [
            "kring.example.com",
            "/relative",
            "ftp://kring.example.com",
            "https://kring.example.com/kring",
            "https://kring.example.com/?x=1",
            "https://user:pw@kring.example.com",
            "https://kring.example.com/#top",
            "javascript:alert(1)",
            "",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }
}
