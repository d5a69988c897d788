//! The web pages behind the `web_url` of threads and messages (`GET /threads/ID`,
//! `GET /messages/ID`, outside `/api/v1`): the thread as plain HTML, every value escaped, no
//! scripts, no styles, nothing loaded from elsewhere (a `Content-Security-Policy` forbids it).
//! A page is shown only with an `Authorization: Bearer` token, checked and rate-limited like the
//! API's; a token in the query or a cookie is never accepted, so tokens stay out of URLs and
//! browsers. Without a valid token every path gets the same page saying to sign in with kring,
//! so it does not tell whether a thread exists. Rendering and wiring only; queries live in
//! `db::thread_page`.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};

use crate::server::auth::bearer_token;
use crate::server::db::thread_page::{self, ThreadPage};
use crate::server::db::tokens;
use crate::server::identity::pages::escape;
use crate::server::rate_limit::Family;
use crate::server::state::AppState;

/// `GET /threads/ID`.
pub async fn thread(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Path(raw): Path<String>,
) -> Response {
    show(&state, &headers, &uri, &raw, false).await
}

/// `GET /messages/ID`: the message's thread.
pub async fn message(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Path(raw): Path<String>,
) -> Response {
    show(&state, &headers, &uri, &raw, true).await
}

async fn show(
    state: &AppState,
    headers: &HeaderMap,
    uri: &Uri,
    raw: &str,
    by_message: bool,
) -> Response {
    // Authentication comes first, so nothing about the path is told to a stranger.
    let Some(token) = bearer_token(headers) else {
        return sign_in_page();
    };
    let lookup = token.clone();
    let viewer = match state
        .db
        .read(move |conn| Ok(tokens::user_for(conn, &lookup)?))
        .await
    {
        Ok(Some(user)) => user,
        Ok(None) => return sign_in_page(),
        Err(_) => return trouble_page(),
    };
    if state
        .limiter
        .check(&token, Family::of_path(uri.path()))
        .is_err()
    {
        return notice(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many requests",
            "Wait a little and load the page again.",
        );
    }
    let Some(id) = raw
        .parse::<u64>()
        .ok()
        .filter(|id| *id > 0 && i64::try_from(*id).is_ok())
    else {
        return not_found_page();
    };
    let loaded = state
        .db
        .read(move |conn| {
            let thread = if by_message {
                thread_page::thread_of(conn, id)?
            } else {
                Some(id)
            };
            match thread {
                Some(thread) => Ok(thread_page::load(conn, thread, viewer)?),
                None => Ok(None),
            }
        })
        .await;
    match loaded {
        Ok(Some(page)) => document(StatusCode::OK, &heading(&page), &render(&page)),
        Ok(None) => not_found_page(),
        Err(_) => trouble_page(),
    }
}

fn heading(page: &ThreadPage) -> String {
    match (&page.group, page.direct) {
        (_, true) => "Private conversation".to_owned(),
        (Some(group), false) => format!("Conversation in {group}"),
        (None, false) => "Conversation in All Company".to_owned(),
    }
}

fn render(page: &ThreadPage) -> String {
    let mut body = String::new();
    for message in &page.messages {
        let when = chrono::DateTime::from_timestamp(message.created_at, 0)
            .map(|t| (t.to_rfc3339(), t.format("%Y-%m-%d %H:%M UTC").to_string()))
            .unwrap_or_default();
        body.push_str(&format!(
            "<article id=\"message-{id}\">\n<h2>{sender}</h2>\n\
             <p><time datetime=\"{iso}\">{shown}</time></p>\n",
            id = message.id,
            sender = escape(&message.sender),
            iso = escape(&when.0),
            shown = escape(&when.1),
        ));
        if !message.title.is_empty() {
            body.push_str(&format!("<h3>{}</h3>\n", escape(&message.title)));
        }
        for paragraph in message.plain.split("\n\n") {
            let lines: Vec<String> = paragraph.lines().map(escape).collect();
            body.push_str(&format!("<p>{}</p>\n", lines.join("<br>\n")));
        }
        body.push_str("</article>\n");
    }
    if page.more {
        body.push_str(&format!(
            "<p>This page shows the first {} messages; read the rest in kring.</p>\n",
            thread_page::MAX_MESSAGES
        ));
    }
    body
}

/// The one answer to a request without a valid token, whatever it asked for.
fn sign_in_page() -> Response {
    let mut response = notice(
        StatusCode::UNAUTHORIZED,
        "Sign in with kring",
        "This conversation is on a kring network, and only people signed in can read it. \
         Open it in kring: run kring in a terminal and sign in (kring login), or ask whoever \
         runs this server for an account.",
    );
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"kring\""),
    );
    response
}

fn not_found_page() -> Response {
    notice(
        StatusCode::NOT_FOUND,
        "Conversation not found",
        "There is no conversation here that you can read.",
    )
}

fn trouble_page() -> Response {
    notice(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong",
        "The server could not load this page. Try again.",
    )
}

fn notice(status: StatusCode, title: &str, text: &str) -> Response {
    document(status, title, &format!("<p>{}</p>\n", escape(text)))
}

/// A whole page: `body` is HTML already escaped; `title` is escaped here.
fn document(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <title>{title} - kring</title></head>\n<body>\n<h1>{title}</h1>\n{body}</body></html>\n",
        title = escape(title),
    );
    let mut response = (status, Html(html)).into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
        (header::CACHE_CONTROL, "no-store"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::thread_page::PageMessage;

    #[test]
    fn everything_from_the_database_is_escaped() {
        let page = ThreadPage {
            id: 1,
            group: Some("<b>Ops</b>".into()),
            direct: false,
            messages: vec![PageMessage {
                id: 1,
                sender: "Eve <script>alert(1)</script>".into(),
                created_at: 1_700_000_000,
                title: "\"quoted\" & 'single'".into(),
                plain: "line one <img src=x onerror=alert(1)>\nline two\n\nnext".into(),
            }],
            more: false,
        };
        let html = render(&page);
        assert!(
            !html.contains("<script") && !html.contains("<img"),
            "{html}"
        );
        assert!(html.contains("Eve &lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&quot;quoted&quot; &amp; &#39;single&#39;"));
        assert!(html.contains("line one &lt;img src=x onerror=alert(1)&gt;<br>\nline two</p>"));
        assert!(html.contains("<p>next</p>"));
        assert!(html.contains("2023-11-14 22:13 UTC"));
        assert_eq!(
            heading(&page),
            "Conversation in <b>Ops</b>",
            "escaped by document"
        );
    }
}
