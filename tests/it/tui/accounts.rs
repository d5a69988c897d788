//! Several accounts: the account label on the top row at 80, 120, 160 and 200 columns (and
//! under `NO_COLOR`); the store of an earlier kring adopted by the account in use with its
//! queued posts, which `kring post` then delivers.

use crate::harness::tui;

use std::path::Path;

use crate::harness::tui::draw;
use kring::account_data::{DEMO_ACCOUNT_KEY, account_dir, adopt_old_store_into};
use kring::app::core::accounts::{AccountChoice, AccountEntry, Accounts};
use kring::app::core::state::State;
use kring::app::shell::view_state::ViewState;
use kring::config::theme::{ColorSupport, Theme};
use kring::config::{ConfigFile, Paths, resolve_account};
use kring::delivery::account_key;
use kring::store::{DraftTarget, OutboxState, OutboxStore};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use tui::*;

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
