//! Several accounts: the account label on the top row at 80, 120, 160 and 200 columns (and
//! under `NO_COLOR`); the store of an earlier kring adopted by the account in use with its
//! queued posts, which `kring post` then delivers; and, end to end, two users of one
//! `kring serve` in one terminal: switch with the palette, see the other user's name and
//! timeline, switch back and find the first account's draft.

mod support;
mod tui_support;

use std::path::Path;
use std::time::Duration;

use kring::account_data::{DEMO_ACCOUNT_KEY, account_dir, adopt_old_store_into};
use kring::app::accounts::{AccountChoice, AccountEntry, Accounts};
use kring::app::state::State;
use kring::app::ui::draw;
use kring::app::view_state::ViewState;
use kring::config::theme::{ColorSupport, Theme};
use kring::config::{ConfigFile, Paths, resolve_account};
use kring::delivery::account_key;
use kring::store::{DraftTarget, OutboxState, OutboxStore};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use tui_support::*;

fn with_accounts(state: &mut State, current: usize) {
    state.accounts = Accounts {
        entries: vec![
            AccountEntry::new(
                AccountChoice::Named("work".into()),
                "work",
                "https://contoso.example.com/api/v1",
            ),
            AccountEntry::new(
                AccountChoice::Named("test".into()),
                "test",
                "https://test.example.net/api/v1",
            ),
            AccountEntry::demo(),
        ],
        current: Some(current),
    };
}

fn render(state: &State, width: u16, height: u16, theme: &Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let mut view = ViewState::default();
    terminal
        .draw(|frame| draw(frame, state, &mut view, theme))
        .expect("draw");
    terminal.backend().buffer().clone()
}

fn screen(state: &State, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let mut view = ViewState::default();
    let theme = Theme::builtin_default();
    terminal
        .draw(|frame| draw(frame, state, &mut view, &theme))
        .expect("draw");
    terminal.backend().to_string()
}

fn row(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

fn labelled(width: u16, height: u16) -> State {
    let mut state = loaded_state(width, height);
    with_accounts(&mut state, 0);
    state
}

// ── the label ────────────────────────────────────────────────────────────────────────────────

#[test]
fn account_label_at_80x24() {
    let state = labelled(80, 24);
    let screen = screen(&state, 80, 24);
    let top = screen.lines().next().unwrap_or_default();
    assert!(top.contains(" work · contoso ─╮"), "{top}");
    insta::assert_snapshot!(screen);
}

#[test]
fn account_label_at_120x30() {
    let state = labelled(120, 30);
    insta::assert_snapshot!(screen(&state, 120, 30));
}

#[test]
fn account_label_at_160x48() {
    let state = labelled(160, 48);
    let screen = screen(&state, 160, 48);
    let top = screen.lines().next().unwrap_or_default();
    assert!(
        top.contains(" Ada Lovelace · work · contoso.example.com ─╮"),
        "{top}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn account_label_at_200x50() {
    let state = labelled(200, 50);
    insta::assert_snapshot!(screen(&state, 200, 50));
}

#[test]
fn the_demo_network_is_labelled_below_its_banner() {
    let mut state = loaded_state(80, 24);
    state.banner = Some(kring::domain::SafeText::new("Demo network"));
    with_accounts(&mut state, 2);
    let buffer = render(&state, 80, 24, &Theme::builtin_default());
    assert!(row(&buffer, 0).starts_with(" Demo network"));
    assert!(row(&buffer, 1).ends_with(" demo ─╮"), "{}", row(&buffer, 1));
}

#[test]
fn the_label_under_no_color_has_no_colour() {
    let state = labelled(80, 24);
    let theme = Theme::load("default", None, ColorSupport::NoColor).expect("mono");
    let buffer = render(&state, 80, 24, &theme);
    let top = row(&buffer, 0);
    assert!(top.contains(" work · contoso "), "{top}");
    let start = top
        .find(" work")
        .map(|b| top[..b].chars().count())
        .unwrap_or(0);
    for x in start..start + 15 {
        let cell = &buffer[(u16::try_from(x).unwrap_or(0), 0)];
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "cell {x}: {cell:?}"
        );
    }
}

#[test]
fn a_long_account_name_is_cut_and_never_hides_the_pane_title() {
    let mut state = labelled(80, 24);
    state.accounts.entries[0] = AccountEntry::new(
        AccountChoice::Named("x".into()),
        &"a-very-long-account-name-".repeat(4),
        "https://contoso.example.com/api/v1",
    );
    let buffer = render(&state, 80, 24, &Theme::builtin_default());
    let top = row(&buffer, 0);
    assert!(top.starts_with("╭ 2 Timeline My feed ─"), "{top}");
    assert!(top.contains('…') && top.ends_with("─╮"), "{top}");
}

// ── the store of an earlier kring ────────────────────────────────────────────────────────────

const CONFIG: &str = r#"
default_account = "work"

[accounts.work]
base_url = "https://contoso.example.com/api/v1"
token_env = "WORK_TOKEN"

[accounts.test]
base_url = "https://test.example.net/api/v1"
token_env = "TEST_TOKEN"
"#;

fn queued(dir: &Path, key: &str) -> Vec<String> {
    let (store, _) = OutboxStore::open(dir).expect("store");
    let items = store.list(key).expect("list");
    assert!(
        items.iter().all(|i| i.state == OutboxState::Queued),
        "{items:?}"
    );
    items.into_iter().map(|i| i.body).collect()
}

#[test]
fn the_old_single_store_is_adopted_by_the_default_account_with_its_queued_posts() {
    let root = tempfile::tempdir().expect("temp dir");
    let paths = Paths {
        config_dir: root.path().join("config"),
        data_dir: root.path().join("data"),
        cache_dir: root.path().join("cache"),
    };
    let config = ConfigFile::parse(&paths.config_file(), CONFIG).expect("config");
    let work_key = account_key("https://contoso.example.com/api/v1", "work");
    let test_key = account_key("https://test.example.net/api/v1", "test");
    let all = DraftTarget::NewPost { group_id: None };
    std::fs::create_dir_all(&paths.data_dir).expect("data dir");
    {
        let (mut old, _) = OutboxStore::open(&paths.data_dir).expect("the old store");
        old.enqueue(&work_key, all, "first for work", &[], 1)
            .expect("queue");
        old.enqueue(&test_key, all, "for test", &[], 2)
            .expect("queue");
        old.enqueue(&work_key, all, "second for work", &[], 3)
            .expect("queue");
        old.save_draft(DEMO_ACCOUNT_KEY, all, "a demo draft", 4)
            .expect("draft");
    }

    // The account in use is the one kring resolves with no --account: the default.
    let env = |name: &str| (name == "WORK_TOKEN").then(|| "secret".to_owned());
    let account = resolve_account(&config, env, None)
        .expect("resolves")
        .expect("an account");
    assert_eq!(account.name, "work");
    let dir = account_dir(&paths, Some(&account.name));
    let notice = adopt_old_store_into(&paths, &config, &dir).expect("a one-time notice");
    assert!(notice.contains("own folder"), "{notice}");
    assert_eq!(adopt_old_store_into(&paths, &config, &dir), None, "once");

    assert!(!paths.data_dir.join("outbox.sqlite").exists());
    assert_eq!(
        queued(&dir, &work_key),
        ["first for work", "second for work"]
    );
    assert_eq!(queued(&paths.account_dir("test"), &test_key), ["for test"]);
    assert!(queued(&dir, &test_key).is_empty(), "never sent from here");
    let (demo, _) = OutboxStore::open(&paths.demo_dir()).expect("demo store");
    let drafts = demo.list_drafts(DEMO_ACCOUNT_KEY).expect("drafts");
    assert_eq!(
        drafts.first().map(|d| d.body.as_str()),
        Some("a demo draft")
    );
}

// ── end to end ───────────────────────────────────────────────────────────────────────────────

mod e2e {
    use super::support::kring_bin;
    use super::support::probe::Probe;
    use super::support::pty::PtySession;
    use super::support::serve::{REQUEST_LOG, ServeProcess};
    use std::process::Command;
    use std::time::Duration;

    const WAIT: Duration = super::WAIT;

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
            s.contains(&olga_label)
                && !s.contains(&dana_label)
                && timeline_top(s).contains(&olga_top)
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
}

/// Generous: a debug build on a loaded machine.
const WAIT: Duration = Duration::from_secs(30);
