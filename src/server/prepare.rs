//! Runs before routing on every request: strips the `.json` suffix, caps and reads the body,
//! merges query/form/JSON parameters into `Params` (request extension), and honours
//! `_method=DELETE` on POST. Anything malformed is answered here with a Yammer-style 4xx.
//! The sign-in endpoints (`identity`) pass through untouched.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::errors::ApiError;
use super::params::Params;

/// Largest request body accepted (64 KiB).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The middleware: normalizes the request, or answers the error itself.
pub async fn prepare(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = if super::identity::is_identity_path(&path) {
        // The sign-in endpoints speak OAuth, not Yammer: they read their own requests.
        next.run(request).await
    } else {
        match normalize(request).await {
            Ok(request) => next.run(request).await,
            Err(error) => error.into_response(),
        }
    };
    tracing::debug!(%method, %path, status = response.status().as_u16(), "request");
    response
}

async fn normalize(request: Request) -> Result<Request, ApiError> {
    let (mut parts, body) = request.into_parts();
    parts.uri = without_json_suffix(&parts.uri);

    let mut params = Params::default();
    if let Some(query) = parts.uri.query() {
        params.add_urlencoded(query.as_bytes())?;
    }

    let declared_length = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared_length.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return Err(ApiError::PayloadTooLarge);
    }
    let bytes = axum::body::to_bytes(body, MAX_BODY_BYTES)
        .await
        .map_err(|_| ApiError::PayloadTooLarge)?;
    if !bytes.iter().all(u8::is_ascii_whitespace) {
        let content_type = parts
            .headers
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap_or("(unreadable)").to_ascii_lowercase());
        add_body(&mut params, content_type.as_deref(), &bytes)?;
    }

    if parts.method == Method::POST
        && params
            .nonempty("_method")?
            .is_some_and(|m| m.eq_ignore_ascii_case("delete"))
    {
        parts.method = Method::DELETE;
    }
    parts.extensions.insert(params);
    Ok(Request::from_parts(parts, Body::empty()))
}

fn add_body(params: &mut Params, content_type: Option<&str>, bytes: &[u8]) -> Result<(), ApiError> {
    let essence = content_type.map(|c| c.split(';').next().unwrap_or("").trim().to_owned());
    match essence.as_deref() {
        Some("application/x-www-form-urlencoded") => params.add_urlencoded(bytes),
        Some(json) if json == "application/json" || json.ends_with("+json") => {
            params.add_json(bytes)
        }
        Some("multipart/form-data") => Err(ApiError::UnsupportedMediaType(
            "multipart/form-data (attachments are not supported)".to_owned(),
        )),
        Some(other) => Err(ApiError::UnsupportedMediaType(
            other.chars().take(60).collect(),
        )),
        None => {
            let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
            if matches!(first, Some(b'{' | b'[')) {
                params.add_json(bytes)
            } else {
                params.add_urlencoded(bytes)
            }
        }
    }
}

/// `/api/v1/messages/5.json?x=1` → `/api/v1/messages/5?x=1`.
fn without_json_suffix(uri: &Uri) -> Uri {
    let Some(path) = uri.path().strip_suffix(".json") else {
        return uri.clone();
    };
    let rebuilt = match uri.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    };
    rebuilt.parse().unwrap_or_else(|_| uri.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_only_a_trailing_json_suffix() {
        let uri: Uri = "/api/v1/messages/5.json?older_than=3".parse().unwrap();
        assert_eq!(without_json_suffix(&uri), "/api/v1/messages/5?older_than=3");
        let uri: Uri = "/api/v1/users/current".parse().unwrap();
        assert_eq!(without_json_suffix(&uri), "/api/v1/users/current");
    }
}
