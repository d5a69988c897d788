//! A browser signed in to the web pages stays signed in when the server restarts: its session
//! is kept in the server's database, as hashes only, never the cookie itself.

use crate::harness::server::{options, start_empty};

use kring::server::spawn;
use reqwest::header::{COOKIE, SET_COOKIE};
use reqwest::redirect::Policy;
use reqwest::{Method, StatusCode};

/// A browser: no bearer token, redirects not followed.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// The origin of a server's web pages from its API base URL.
fn origin(base: &str) -> String {
    base.trim_end_matches("/api/v1").to_owned()
}

#[tokio::test]
async fn a_signed_in_browser_stays_signed_in_across_a_restart() {
    let mut server = start_empty().await;
    let posted = server
        .send(
            server
                .request(Method::POST, "messages.json")
                .form(&[("body", "Notes that outlive a restart")]),
        )
        .await;
    let thread = posted.json()["messages"][0]["thread_id"].as_u64().unwrap();
    let page = format!("/threads/{thread}");
    let signed = browser()
        .post(format!("{}{page}", origin(&server.base)))
        .form(&[("token", server.token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    let cookie = signed.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    let session = cookie.split(';').next().unwrap().to_owned();
    let id = session.trim_start_matches("kring_session=").to_owned();
    server.stop().await;

    // The database holds the session by its hash, never the cookie's value.
    let db = server.db.clone();
    let stored = tokio::task::spawn_blocking(move || {
        let conn = rusqlite::Connection::open(db).unwrap();
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM web_sessions", [], |r| r.get(0))
            .unwrap();
        let dump: (Vec<u8>, Vec<u8>) = conn
            .query_row("SELECT id_hash, token_hash FROM web_sessions", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        (rows, dump)
    })
    .await
    .unwrap();
    assert_eq!(stored.0, 1);
    let (id_hash, token_hash) = stored.1;
    assert_eq!(id_hash.len(), 32);
    assert_eq!(token_hash.len(), 32);
    assert_ne!(id_hash, id.as_bytes());
    assert_ne!(token_hash, server.token.as_bytes());

    let restarted = spawn(options(server.db.clone())).await.unwrap();
    let read = browser()
        .get(format!("{}{page}", origin(&restarted.base_url)))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK);
    let html = read.text().await.unwrap();
    assert!(html.contains("Notes that outlive a restart"), "{html}");

    // A forged cookie is still a stranger after the restart.
    let forged = browser()
        .get(format!("{}{page}", origin(&restarted.base_url)))
        .header(COOKIE, "kring_session=forged")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
    restarted.shutdown().await.unwrap();
}
