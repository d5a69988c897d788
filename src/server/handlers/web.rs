//! The web pages behind the `web_url` of threads and messages (`GET /threads/ID`,
//! `GET /messages/ID`, outside `/api/v1`): the thread as plain HTML, every value escaped, no
//! scripts, no styles, nothing loaded from elsewhere (a `Content-Security-Policy` forbids it).
//! A page is shown with an `Authorization: Bearer` token, checked and rate-limited like the
//! API's, or to a browser signed in with a session cookie (see `web_session`). A token in the
//! query is never accepted, so tokens stay out of URLs. Without valid credentials every path
//! gets the same page: a form to sign in with one's access token, posted back to the same
//! address (`POST`), which sets the session cookie and sends the browser back to the page; so
//! it does not tell whether a thread exists, and the token is never echoed. Rendering and
//! wiring only; queries live in `db::thread_page`.

use axum::extract::{Extension, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};

use crate::server::auth::bearer_token;
use crate::server::db::thread_page::{self, ThreadPage};
use crate::server::db::tokens;
use crate::server::identity::pages::escape;
use crate::server::params::Params;
use crate::server::rate_limit::Family;
use crate::server::state::AppState;
use crate::server::web_session;

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
    // A bearer shares its rate limit with its API calls; a browser's is keyed by the hash.
    let (token_hash, limit_key) = match bearer_token(headers) {
        Some(token) => (tokens::hash(&token), token),
        None => {
            let cookies = headers.clone();
            let session = state
                .db
                .read(move |conn| Ok(web_session::token_hash(conn, &cookies)?))
                .await;
            match session {
                Ok(Some(hash)) => (hash, hex_key(&hash)),
                Ok(None) => return sign_in_page(SignIn::Ask, cross_site(headers)),
                Err(_) => return trouble_page(),
            }
        }
    };
    let viewer = match state
        .db
        .read(move |conn| Ok(tokens::user_for_hash(conn, &token_hash)?))
        .await
    {
        Ok(Some(user)) => user,
        Ok(None) => return sign_in_page(SignIn::Ask, false),
        Err(_) => return trouble_page(),
    };
    if state
        .limiter
        .check(&limit_key, Family::of_path(uri.path()))
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

/// `POST /threads/ID`, `POST /messages/ID`: the sign-in form's answer (its body read into
/// [`Params`] by the `prepare` middleware, like every form). A token that is
/// accepted starts a browser session and sends the browser back to the page it asked for;
/// anything else gets the form again, the same for every path.
pub async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    params: Option<Extension<Params>>,
) -> Response {
    if cross_site(&headers) {
        // Only the form on this server's own pages may sign a browser in.
        return sign_in_page(SignIn::Refused, false);
    }
    // The form's body only: a token in the address would end up in logs and history.
    let in_query = uri.query().is_some_and(|query| {
        url::form_urlencoded::parse(query.as_bytes()).any(|(name, _)| name == "token")
    });
    let token = params
        .filter(|_| !in_query)
        .and_then(|Extension(params)| params.nonempty("token").ok().flatten().map(str::to_owned))
        .map(|token| token.trim().to_owned())
        .filter(|token| !token.is_empty() && token.len() <= 512);
    let Some(token) = token else {
        return sign_in_page(SignIn::Refused, false);
    };
    let token_hash = tokens::hash(&token);
    if state
        .limiter
        .check(&hex_key(&token_hash), Family::Other)
        .is_err()
    {
        return notice(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many requests",
            "Wait a little and sign in again.",
        );
    }
    match state
        .db
        .read(move |conn| Ok(tokens::user_for_hash(conn, &token_hash)?))
        .await
    {
        Ok(Some(_)) => {}
        Ok(None) => return sign_in_page(SignIn::Refused, false),
        Err(_) => return trouble_page(),
    }
    let session = match state
        .db
        .call(move |conn| Ok(web_session::start(conn, &token)?))
        .await
    {
        Ok(session) => session,
        Err(_) => return trouble_page(),
    };
    let secure = state.links.web("").starts_with("https://");
    let cookie = web_session::set_cookie(&session, secure);
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    // The path is one of this server's own routes (`/threads/ID`, `/messages/ID`).
    if let Ok(location) = HeaderValue::from_str(uri.path()) {
        headers.insert(header::LOCATION, location);
    }
    if let Ok(cookie) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, cookie);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Whether the sign-in page asks, or says the last token was not accepted.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SignIn {
    Ask,
    Refused,
}

/// The browser followed a link from another site: its `SameSite=Strict` cookie was held back.
fn cross_site(headers: &HeaderMap) -> bool {
    headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|site| site.eq_ignore_ascii_case("cross-site"))
}

/// The rate limiter's key for a token known by its hash (the same for a bearer and a browser).
fn hex_key(hash: &[u8; 32]) -> String {
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

/// The one answer to a request without valid credentials, whatever it asked for: a form that
/// posts an access token back to the same address. `reload` when the browser came from another
/// site and so held back its session cookie: the page reloads itself once, from this site, so
/// a browser already signed in sends it.
fn sign_in_page(outcome: SignIn, reload: bool) -> Response {
    let refused = match outcome {
        SignIn::Refused => "<p><strong>That token was not accepted.</strong></p>\n",
        SignIn::Ask => "",
    };
    let body = format!(
        "{refused}<p>{intro}</p>\n\
         <form method=\"post\">\n\
         <p><label for=\"token\">Access token</label><br>\n\
         <input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" \
         spellcheck=\"false\" required></p>\n\
         <p><button type=\"submit\">Sign in</button></p>\n</form>\n<p>{how}</p>\n",
        intro = escape(
            "This conversation is on a kring network, and only people signed in can read it. \
             Sign in with your access token, or open it in kring."
        ),
        how = escape(
            "Whoever runs this server can give you a token (kring serve user token NAME). \
             Your browser then stays signed in for 12 hours with a cookie; the token itself is \
             not kept."
        ),
    );
    let head = if reload {
        "<meta http-equiv=\"refresh\" content=\"0\">"
    } else {
        ""
    };
    let mut response = page(
        StatusCode::UNAUTHORIZED,
        "Sign in with kring",
        &body,
        head,
        FORM_CSP,
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

/// The pages' policy: nothing loaded, run, framed or submitted.
const CSP: &str = "default-src 'none'; form-action 'none'; frame-ancestors 'none'";
/// The sign-in page's: the same, but its form may post back to this server.
const FORM_CSP: &str = "default-src 'none'; form-action 'self'; frame-ancestors 'none'";

/// A whole page: `body` is HTML already escaped; `title` is escaped here.
fn document(status: StatusCode, title: &str, body: &str) -> Response {
    page(status, title, body, "", CSP)
}

/// A whole page with `head` (fixed HTML) in its head and `csp` as its policy.
fn page(status: StatusCode, title: &str, body: &str, head: &str, csp: &'static str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\">\
         <meta name=\"referrer\" content=\"no-referrer\">{head}\
         <title>{title} - kring</title></head>\n<body>\n<h1>{title}</h1>\n{body}</body></html>\n",
        title = escape(title),
    );
    let mut response = (status, Html(html)).into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, csp),
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
