//! End to end, offline posting through the TUI: the real `kring` binary in a pty starts while its
//! server (an in-process `kring serve`) is down, three posts are written and sent with
//! `c … ctrl-s`, the status bar shows them queued and the server offline, the server comes up on
//! the same port, the outbox overlay's "retry now" is pressed, and all three posts arrive exactly
//! once each, in the order they were written (checked through the server's sent feed), while the
//! screen stops showing them as queued. Each post left the editor only once it was in
//! the outbox on disk.

use std::error::Error;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use kring::api::{Client, ClientOptions};
use kring::server::{self, RunningServer, ServeOptions};
use kring::store::SentMessage;

use crate::harness::kring_bin;
use crate::harness::pty::PtySession;

type Fallible<T> = Result<T, Box<dyn Error + Send + Sync>>;

/// A client without a request budget (the test server has no rate limit).
fn client(base_url: &str, token: &str) -> Fallible<Client> {
    let options = ClientOptions {
        budget: None,
        ..ClientOptions::default()
    };
    Ok(Client::with_options(base_url, token, options)?)
}

/// Starts an in-process `kring serve` on `bind` over `db` (created empty when new).
async fn serve(db: &Path, bind: SocketAddr) -> Fallible<RunningServer> {
    let mut options = ServeOptions::new(db);
    options.bind = bind;
    options.seed_demo = false;
    options.rate_limit = false;
    Ok(server::spawn(options).await?)
}

/// Starts a server on a free port and returns it with the `demo` user's token.
async fn serve_fresh(db: &Path) -> Fallible<(RunningServer, String)> {
    let running = serve(db, SocketAddr::from(([127, 0, 0, 1], 0))).await?;
    let db = db.to_path_buf();
    let token = tokio::task::spawn_blocking(move || server::token_for(&db, None)).await??;
    Ok((running, token))
}

/// Everything in the user's sent feed, newest first.
async fn server_sent(client: &Client) -> Fallible<Vec<SentMessage>> {
    let (sent, _) = kring::delivery::fetch_sent_since(client, i64::MIN, 100_000).await?;
    Ok(sent)
}

/// Generous: a debug build on a loaded machine, and a backoff of up to a minute.
const WAIT: Duration = Duration::from_secs(60);
const ARRIVAL: Duration = Duration::from_secs(240);

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// The bodies of `tag`'s posts the server has, oldest first (sent feed ids grow with time).
fn arrived(rt: &tokio::runtime::Runtime, api: &Client, tag: &str) -> Vec<(u64, String)> {
    let mut sent: Vec<(u64, String)> = rt
        .block_on(server_sent(api))
        .unwrap_or_default()
        .into_iter()
        .filter(|m| m.body_plain.contains(tag))
        .map(|m| (m.id, m.body_plain))
        .collect();
    sent.sort();
    sent
}

/// The status bar (the screen's last line).
fn status_bar(screen: &str) -> String {
    screen.lines().last().unwrap_or_default().to_owned()
}

#[test]
fn posts_written_in_the_tui_while_offline_arrive_once_each_in_order() {
    let rt = runtime();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = dir.path().join("server.sqlite");
    // Learn a free port and a token, then stop the server: the port refuses connections.
    let (first, token) = rt.block_on(serve_fresh(&db)).expect("a server");
    let (addr, base_url) = (first.addr, first.base_url.clone());
    rt.block_on(first.shutdown()).expect("the server stops");

    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (data, config, cache) = (path("data"), path("config"), path("cache"));
    let env = [
        ("KRING_DATA_DIR", data.as_str()),
        ("KRING_CONFIG_DIR", config.as_str()),
        ("KRING_CACHE_DIR", cache.as_str()),
        ("KRING_SERVER", base_url.as_str()),
        ("KRING_TOKEN", token.as_str()),
    ];
    let mut tui = PtySession::spawn_program(kring_bin(), &[], &env, 100, 30);
    tui.wait_for("Timeline", WAIT);

    let tag = format!("{:08x}", rand::random::<u32>());
    let bodies: Vec<String> = (1..=3).map(|n| format!("offline {tag} #{n}")).collect();
    for (n, body) in bodies.iter().enumerate() {
        tui.send(b"c");
        tui.wait_for("New post in All Company", WAIT);
        tui.type_text(body);
        tui.wait_for(body, WAIT);
        // All Company asks first; the second send queues.
        tui.send(b"\x13");
        tui.wait_for("Send again to post", WAIT);
        tui.send(b"\x13");
        // The editor is gone and the post waits in the outbox.
        let queued = format!("{} queued", n + 1);
        tui.wait_until(WAIT, |screen| {
            !screen.contains("New post in All Company") && status_bar(screen).contains(&queued)
        })
        .unwrap_or_else(|screen| panic!("post {n} was not queued:\n{screen}"));
    }
    let screen = tui
        .wait_until(WAIT, |screen| {
            let bar = status_bar(screen);
            bar.contains("3 queued") && bar.contains("offline")
        })
        .unwrap_or_else(|screen| panic!("no offline queue in the status bar:\n{screen}"));
    for body in &bodies {
        assert!(
            screen.contains(body.as_str()),
            "{body} on screen:\n{screen}"
        );
    }

    let api = client(&base_url, &token).expect("an API client");
    assert!(
        arrived(&rt, &api, &tag).is_empty(),
        "nothing can arrive yet"
    );
    let server = rt.block_on(serve(&db, addr)).expect("the server comes up");
    // Retry now from the outbox overlay instead of waiting out the backoff.
    tui.send(b"O");
    tui.wait_for("Outbox", WAIT);
    tui.send(b"r");
    tui.send(b"\x1b");

    let deadline = std::time::Instant::now() + ARRIVAL;
    let mut got = arrived(&rt, &api, &tag);
    while got.len() < bodies.len() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(500));
        got = arrived(&rt, &api, &tag);
    }
    let texts: Vec<&str> = got.iter().map(|(_, body)| body.as_str()).collect();
    assert_eq!(
        texts,
        bodies.iter().map(String::as_str).collect::<Vec<_>>(),
        "each post once, in the order written"
    );
    tui.wait_until(ARRIVAL, |screen| !status_bar(screen).contains("queued"))
        .unwrap_or_else(|screen| panic!("the queue did not empty on screen:\n{screen}"));
    // A little later still exactly once each: nothing is re-sent after delivery.
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(arrived(&rt, &api, &tag).len(), bodies.len());

    tui.send(b"\x03");
    assert!(tui.wait_exit(WAIT).is_some(), "kring exits on ctrl-c");
    rt.block_on(server.shutdown()).expect("the server stops");
}
