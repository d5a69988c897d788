//! The sign-in keys of an `[accounts.<name>]` table: `client_id` (the user's own Entra app
//! registration; kring ships none), `tenant` and `authority`. An account with `client_id` and no
//! `token_*` key signs in with `kring login`; its tokens live in the credentials file.
//!
//! Owns validating these keys only; it talks to no network and reads no token.

use std::ops::Range;

use toml::Spanned;

/// Where Microsoft Entra ID answers sign-ins.
pub const DEFAULT_AUTHORITY: &str = "https://login.microsoftonline.com";
/// Work and school accounts of any tenant.
pub const DEFAULT_TENANT: &str = "organizations";
/// The API a signed-in account talks to when `base_url` is not given.
pub const DEFAULT_SIGNIN_BASE_URL: &str = "https://www.yammer.com/api/v1";

/// How an account signs in: the Entra app registration and where to find it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignInConfig {
    /// The application (client) id of the user's app registration.
    pub client_id: String,
    /// The tenant: `organizations`, `common`, a domain or a directory id.
    pub tenant: String,
    /// The identity provider's base URL, without a trailing slash.
    pub authority: String,
}

/// The sign-in keys as read from the file.
pub(super) struct RawSignIn {
    pub client_id: Option<Spanned<String>>,
    pub tenant: Option<Spanned<String>>,
    pub authority: Option<Spanned<String>>,
}

/// A problem: where, which key, why.
pub(super) type Problem = (Range<usize>, String, String);

/// `Ok(None)` when the account does not sign in (no sign-in key at all). `tenant` or
/// `authority` without `client_id` is an error: they would do nothing.
pub(super) fn validate_signin(name: &str, raw: RawSignIn) -> Result<Option<SignInConfig>, Problem> {
    let key = |field: &str| format!("accounts.{name}.{field}");
    let Some(client_id) = raw.client_id else {
        if let Some((span, field)) = raw
            .tenant
            .map(|t| (t.span(), "tenant"))
            .or(raw.authority.map(|a| (a.span(), "authority")))
        {
            return Err((
                span,
                key(field),
                "only used to sign in: add client_id (your Entra app registration's \
                 application id)"
                    .into(),
            ));
        }
        return Ok(None);
    };
    let id = client_id.get_ref().trim();
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err((
            client_id.span(),
            key("client_id"),
            "must be your app registration's application (client) id, e.g. \
             \"00000000-0000-0000-0000-000000000000\""
                .into(),
        ));
    }
    let tenant = match raw.tenant {
        None => DEFAULT_TENANT.to_owned(),
        Some(tenant) => {
            let value = tenant.get_ref().trim();
            let ok = !value.is_empty()
                && value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
            if !ok {
                return Err((
                    tenant.span(),
                    key("tenant"),
                    "must be organizations, common, a domain (contoso.onmicrosoft.com) or a \
                     directory id"
                        .into(),
                ));
            }
            value.to_owned()
        }
    };
    let authority = match raw.authority {
        None => DEFAULT_AUTHORITY.to_owned(),
        Some(authority) => {
            let value = authority.get_ref().trim().trim_end_matches('/');
            check_authority(value)
                .map_err(|reason| (authority.span(), key("authority"), reason))?;
            value.to_owned()
        }
    };
    Ok(Some(SignInConfig {
        client_id: id.to_owned(),
        tenant,
        authority,
    }))
}

/// An authority is an `https://` URL with a host and no query (plain `http://` only for a
/// loopback host, such as a local `kring serve`).
fn check_authority(url: &str) -> Result<(), String> {
    let parsed =
        reqwest::Url::parse(url).map_err(|error| format!("`{url}` is not a URL: {error}"))?;
    let host = parsed.host_str().unwrap_or_default();
    let loopback = matches!(host, "localhost" | "127.0.0.1" | "[::1]");
    let scheme_ok = parsed.scheme() == "https" || (parsed.scheme() == "http" && loopback);
    if !scheme_ok || host.is_empty() || parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(format!(
            "`{url}` must be an https:// URL with a host (http:// only for localhost), without \
             a query"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(client_id: Option<&str>, tenant: Option<&str>, authority: Option<&str>) -> RawSignIn {
        let spanned = |v: Option<&str>| v.map(|v| Spanned::new(0..1, v.to_owned()));
        RawSignIn {
            client_id: spanned(client_id),
            tenant: spanned(tenant),
            authority: spanned(authority),
        }
    }

    #[test]
    fn defaults_fill_tenant_and_authority() {
        let config = validate_signin("w", raw(Some("abc-123"), None, None))
            .ok()
            .flatten();
        assert_eq!(
            config,
            Some(SignInConfig {
                client_id: "abc-123".into(),
                tenant: DEFAULT_TENANT.into(),
                authority: DEFAULT_AUTHORITY.into(),
            })
        );
    }

    #[test]
    fn no_client_id_means_no_sign_in_unless_other_keys_are_set() {
        assert_eq!(validate_signin("w", raw(None, None, None)), Ok(None));
        let error = validate_signin("w", raw(None, Some("contoso.com"), None));
        assert!(matches!(error, Err((_, key, _)) if key == "accounts.w.tenant"));
    }

    #[test]
    fn bad_values_name_their_key() {
        for (raw, key) in [
            (raw(Some("a b"), None, None), "accounts.w.client_id"),
            (raw(Some("a"), Some("x/y"), None), "accounts.w.tenant"),
            (
                raw(Some("a"), None, Some("http://evil.example")),
                "accounts.w.authority",
            ),
            (raw(Some("a"), None, Some("nope")), "accounts.w.authority"),
        ] {
            assert!(
                matches!(validate_signin("w", raw), Err((_, k, _)) if k == key),
                "{key}"
            );
        }
        let local = validate_signin("w", raw(Some("a"), None, Some("http://127.0.0.1:8808/")));
        assert_eq!(
            local.ok().flatten().map(|c| c.authority),
            Some("http://127.0.0.1:8808".to_owned())
        );
    }
}
