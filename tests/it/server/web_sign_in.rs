//! Signing a browser in to the web pages behind `web_url`s: the form a stranger gets, a token
//! posted to it becoming an `HttpOnly; SameSite=Strict` session cookie (the token never echoed),
//! the page then shown for that person only where they may read, and links followed from other
//! sites.

use crate::harness::server::{TestServer, start_empty};

use reqwest::header::{CONTENT_SECURITY_POLICY, COOKIE, LOCATION, SET_COOKIE};
use reqwest::redirect::Policy;
use reqwest::{Method, StatusCode};

/// A browser: no bearer token, redirects not followed.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// The full URL of a web page (outside the API).
fn web(server: &TestServer, path: &str) -> String {
    format!("{}{path}", server.base.trim_end_matches("/api/v1"))
}

/// Posts `body` as the demo user; returns (message id, thread id).
async fn post(server: &TestServer, form: &[(&str, &str)]) -> (u64, u64) {
    let reply = server
        .send(server.request(Method::POST, "messages.json").form(form))
        .await;
    let json = reply.json();
    let message = &json["messages"][0];
    (
        message["id"].as_u64().unwrap(),
        message["thread_id"].as_u64().unwrap(),
    )
}

/// Signs a browser in with `token` at `path`; returns the whole response.
async fn sign_in(server: &TestServer, path: &str, token: &str) -> reqwest::Response {
    browser()
        .post(web(server, path))
        .form(&[("token", token)])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_browser_signs_in_with_its_token_and_reads_the_thread_with_a_cookie() {
    let server = start_empty().await;
    let (id, thread) = post(&server, &[("body", "Shared <b>plans</b> for Friday")]).await;
    let page = format!("/threads/{thread}");

    // A stranger gets a form, the same at every path, which may post back to this server only.
    let stranger = browser().get(web(&server, &page)).send().await.unwrap();
    assert_eq!(stranger.status(), StatusCode::UNAUTHORIZED);
    let csp = stranger.headers()[CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("form-action 'self'"),
        "{csp}"
    );
    let form = stranger.text().await.unwrap();
    assert!(form.contains("<form method=\"post\">") && form.contains("name=\"token\""));
    assert!(!form.contains("plans"), "{form}");
    let elsewhere = browser()
        .get(web(&server, "/messages/999999"))
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.text().await.unwrap(), form);

    // A wrong token: the form again, saying so, and no cookie.
    let wrong = sign_in(&server, &page, "not-a-token").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert!(wrong.headers().get(SET_COOKIE).is_none());
    assert!(wrong.text().await.unwrap().contains("not accepted"));

    // The right one: a session cookie, back to the page, and the token nowhere in the answer.
    let signed = sign_in(&server, &page, &server.token).await;
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    assert_eq!(signed.headers()[LOCATION], page.as_str());
    let cookie = signed.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    for part in ["kring_session=", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    assert!(!cookie.contains(&server.token), "the token is never echoed");
    let headers = format!("{:?}", signed.headers());
    assert!(!headers.contains(&server.token));
    assert!(!signed.text().await.unwrap().contains(&server.token));

    let session = cookie.split(';').next().unwrap().to_owned();
    let read = browser()
        .get(web(&server, &page))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK);
    let html = read.text().await.unwrap();
    assert!(
        html.contains("Shared &lt;b&gt;plans&lt;/b&gt; for Friday"),
        "{html}"
    );
    let by_message = browser()
        .get(web(&server, &format!("/messages/{id}")))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(by_message.text().await.unwrap(), html);

    // A forged session is a stranger.
    let forged = browser()
        .get(web(&server, &page))
        .header(COOKIE, "kring_session=forged")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_signed_in_browser_sees_only_what_its_person_may_read() {
    let server = start_empty().await;
    let demo = server.get_ok("users/current.json").await["id"]
        .as_u64()
        .unwrap();
    let (_, private) = post(
        &server,
        &[("body", "Just me"), ("direct_to_id", &demo.to_string())],
    )
    .await;
    let [other] = server.add_people(900, 1)[..] else {
        panic!("one person added");
    };
    let token = server.token_of(&format!("person{other}")).await;
    let page = format!("/threads/{private}");
    let signed = sign_in(&server, &page, &token).await;
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    let cookie = signed.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    let session = cookie.split(';').next().unwrap().to_owned();
    let hidden = browser()
        .get(web(&server, &page))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
    assert!(!hidden.text().await.unwrap().contains("Just me"));
}

#[tokio::test]
async fn a_link_followed_from_another_site_reloads_once_to_send_the_cookie() {
    let server = start_empty().await;
    let (_, thread) = post(&server, &[("body", "Hello")]).await;
    let page = format!("/threads/{thread}");
    let from_elsewhere = browser()
        .get(web(&server, &page))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(from_elsewhere.status(), StatusCode::UNAUTHORIZED);
    let html = from_elsewhere.text().await.unwrap();
    assert!(
        html.contains("<meta http-equiv=\"refresh\" content=\"0\">"),
        "{html}"
    );
    let same_site = browser().get(web(&server, &page)).send().await.unwrap();
    assert!(!same_site.text().await.unwrap().contains("http-equiv"));

    // Another site cannot sign a browser in by posting the form for it.
    let forged = browser()
        .post(web(&server, &page))
        .header("sec-fetch-site", "cross-site")
        .form(&[("token", server.token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
    assert!(forged.headers().get(SET_COOKIE).is_none());

    // Nor is a token taken from the address, where logs and history would keep it.
    let in_address = browser()
        .post(web(&server, &format!("{page}?token={}", server.token)))
        .send()
        .await
        .unwrap();
    assert_eq!(in_address.status(), StatusCode::UNAUTHORIZED);
    assert!(in_address.headers().get(SET_COOKIE).is_none());
}
