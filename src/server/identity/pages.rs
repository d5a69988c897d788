//! The HTML pages of the sign-in flows: the device-login form, the authorize (consent) form and
//! short result pages. Plain HTML with no scripts; every value echoed into a page is escaped.
//! Rendering only: these functions decide nothing.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// `text` safe to place in HTML text or a double-quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\">\
         <title>{title} - kring sign-in</title></head>\n<body>\n<h1>{title}</h1>\n{body}\n\
         </body></html>\n",
        title = escape(title),
    );
    (status, Html(html)).into_response()
}

/// A short page saying what happened (`text` is escaped).
pub fn notice(status: StatusCode, title: &str, text: &str) -> Response {
    page(status, title, &format!("<p>{}</p>", escape(text)))
}

/// The device-login form: the code shown by the device and a username, Approve or Deny.
pub fn device_form(status: StatusCode, user_code: &str, problem: Option<&str>) -> Response {
    let problem = problem
        .map(|p| format!("<p><strong>{}</strong></p>\n", escape(p)))
        .unwrap_or_default();
    let body = format!(
        "{problem}<p>Enter the code shown on your device, and the user to sign in as.</p>\n\
         <form method=\"post\" action=\"/devicelogin\">\n\
         <p><label>Code <input name=\"user_code\" value=\"{code}\" autocomplete=\"off\" \
         autofocus></label></p>\n\
         <p><label>Username <input name=\"username\" autocomplete=\"username\"></label></p>\n\
         <p><button name=\"decision\" value=\"approve\">Approve</button> \
         <button name=\"decision\" value=\"deny\">Deny</button></p>\n</form>",
        code = escape(user_code),
    );
    page(status, "Sign in to kring", &body)
}

/// The consent form of the authorization-code flow. `hidden` are the request's parameters,
/// carried to the POST unchanged.
pub fn authorize_form(
    status: StatusCode,
    action: &str,
    client_id: &str,
    scope: &str,
    hidden: &[(&str, &str)],
    problem: Option<&str>,
) -> Response {
    let problem = problem
        .map(|p| format!("<p><strong>{}</strong></p>\n", escape(p)))
        .unwrap_or_default();
    let fields: String = hidden
        .iter()
        .map(|(name, value)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">\n",
                escape(name),
                escape(value)
            )
        })
        .collect();
    let body = format!(
        "{problem}<p>The application <code>{client}</code> asks to sign you in with access to \
         <code>{scope}</code>.</p>\n<form method=\"post\" action=\"{action}\">\n{fields}\
         <p><label>Username <input name=\"username\" autocomplete=\"username\" autofocus>\
         </label></p>\n\
         <p><button name=\"decision\" value=\"approve\">Approve</button> \
         <button name=\"decision\" value=\"deny\">Deny</button></p>\n</form>",
        client = escape(client_id),
        scope = escape(scope),
        action = escape(action),
    );
    page(status, "Sign in to kring", &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }
}
