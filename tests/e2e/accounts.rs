//! Several accounts end to end: a post an earlier kring queued in its data directory goes out
//! with `kring post`; and two users of one `kring serve` in one terminal switch with the palette,
//! see the other user's name and timeline, switch back and find the first account's draft.

use std::process::Command;
use std::time::Duration;

use crate::harness::kring_bin;
use crate::harness::probe::Probe;
use crate::harness::pty::PtySession;
use crate::harness::serve::{REQUEST_LOG, ServeProcess};

/// Generous: a debug build on a loaded machine.
const WAIT: Duration = Duration::from_secs(30);

fn token_for(db: &std::path::Path, user: &str) -> String {
    let out = Command::new(kring_bin())
        .args(["serve", "--print-token", user, "--db"])
        .arg(db)
        .output()
        .expect("kring serve --print-token");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// The sender of the newest thread in `probe`'s user's My feed.
fn first_sender(probe: &Probe) -> String {
    let feed = probe.get("messages/my_feed.json?threaded=extended");
    let sender = feed["messages"][0]["sender_id"]
        .as_u64()
        .expect("a message");
    probe.full_name(sender)
}

/// The first content row of the timeline (the middle pane at 160 columns).
fn timeline_top(screen: &str) -> String {
    let line = screen.lines().nth(1).unwrap_or_default();
    line.split('│')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .nth(1)
        .unwrap_or_default()
        .to_owned()
}

fn switch_to(tui: &mut PtySession, name: &str) {
    tui.send(b"\x10");
    tui.wait_for("Go to · run", WAIT);
    tui.type_text(&format!("switch account: {name}"));
    tui.wait_for(&format!("Switch account: {name} ("), WAIT);
    tui.send(b"\r");
}

/// A post an earlier kring queued in the data directory itself goes out with `kring post`.
#[test]
fn kring_post_delivers_what_an_earlier_kring_queued() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = ServeProcess::start(kring_bin(), &dir.path().join("s.sqlite"), "info", WAIT);
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("data dir");
    let key = kring::delivery::account_key(&server.base_url, "env");
    let body = format!("queued before the upgrade, pid {}", std::process::id());
    let all = kring::store::DraftTarget::NewPost { group_id: None };
    let (mut old, _) = kring::store::OutboxStore::open(&data).expect("old store");
    old.enqueue(&key, all, &body, &[], 1).expect("queue");
    drop(old);
    let out = Command::new(kring_bin())
        .args(["post", "--flush"])
        .env("KRING_SERVER", &server.base_url)
        .env("KRING_TOKEN", &server.token)
        .env("KRING_DATA_DIR", &data)
        .env("KRING_CONFIG_DIR", dir.path().join("config"))
        .env("KRING_CACHE_DIR", dir.path().join("cache"))
        .output()
        .expect("kring post --flush");
    assert!(out.status.success(), "{out:?}");
    assert!(!data.join("outbox.sqlite").exists());
    assert!(data.join("accounts/env/outbox.sqlite").exists());
    let all = Probe::new(&server.base_url, &server.token).get("messages.json");
    let sent = all["messages"].as_array().into_iter().flatten();
    assert_eq!(
        sent.filter(|m| m["body"]["plain"] == body.as_str()).count(),
        1
    );
}

#[test]
fn two_users_in_one_terminal_switch_and_come_back_to_their_draft() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("serve.sqlite");
    let server = ServeProcess::start(kring_bin(), &db, REQUEST_LOG, WAIT);
    let olga_token = token_for(&db, "olgajovanovic");
    let dana = Probe::new(&server.base_url, &server.token);
    let olga = Probe::new(&server.base_url, &olga_token);
    let dana_name = dana.current_user()["full_name"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let olga_name = olga.current_user()["full_name"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let (dana_top, olga_top) = (first_sender(&dana), first_sender(&olga));

    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).expect("config dir");
    let toml = format!(
        "default_account = \"dana\"\n\n[accounts.dana]\nbase_url = \"{url}\"\n\
         token_env = \"DANA_TOKEN\"\n\n[accounts.olga]\nbase_url = \"{url}\"\n\
         token_env = \"OLGA_TOKEN\"\n",
        url = server.base_url
    );
    std::fs::write(config.join("config.toml"), toml).expect("config");
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (data, config, cache) = (path("data"), path("config"), path("cache"));
    let env = [
        ("KRING_DATA_DIR", data.as_str()),
        ("KRING_CONFIG_DIR", config.as_str()),
        ("KRING_CACHE_DIR", cache.as_str()),
        ("DANA_TOKEN", server.token.as_str()),
        ("OLGA_TOKEN", olga_token.as_str()),
    ];
    let mut tui = PtySession::spawn_program(kring_bin(), &[], &env, 160, 48);
    let dana_label = format!("{dana_name} · dana · ");
    tui.wait_until(WAIT, |s| {
        s.contains(&dana_label) && timeline_top(s).contains(&dana_top)
    })
    .unwrap_or_else(|s| panic!("dana's session did not start:\n{s}"));

    // A draft, kept when the palette takes the editor's place.
    let draft = format!("dana's draft, pid {}", std::process::id());
    tui.send(b"c");
    tui.wait_for("New post in", WAIT);
    tui.type_text(&draft);
    tui.wait_for(&draft, WAIT);
    switch_to(&mut tui, "olga");
    let olga_label = format!("{olga_name} · olga · ");
    tui.wait_until(WAIT, |s| {
        s.contains(&olga_label) && !s.contains(&dana_label) && timeline_top(s).contains(&olga_top)
    })
    .unwrap_or_else(|s| panic!("olga's session did not start:\n{s}"));
    assert!(!tui.contents().contains(&draft));

    switch_to(&mut tui, "dana");
    tui.wait_until(WAIT, |s| {
        s.contains(&dana_label) && timeline_top(s).contains(&dana_top)
    })
    .unwrap_or_else(|s| panic!("dana's session did not come back:\n{s}"));
    // At once: a key pressed as the session starts must not wait for the next one.
    tui.send(b"c");
    tui.wait_until(WAIT, |s| s.contains("New post in") && s.contains(&draft))
        .unwrap_or_else(|s| panic!("the draft did not come back:\n{s}"));

    // Each account kept its data apart.
    for name in ["dana", "olga"] {
        let outbox = dir
            .path()
            .join("data/accounts")
            .join(name)
            .join("outbox.sqlite");
        assert!(outbox.exists(), "{}", outbox.display());
    }
    // ctrl-c in the editor asks first; a second one quits, keeping the draft.
    tui.send(b"\x03");
    tui.wait_for("Discard this draft?", WAIT);
    tui.send(b"\x03");
    let status = tui.wait_exit(WAIT).expect("kring exits on ctrl-c");
    assert!(status.success(), "{status:?}");
}
