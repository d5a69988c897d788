//! End to end, the real binary in a pty: a second start with the server stopped shows the
//! cached timeline and "offline" on its first screen; a corrupt cache (truncated to half,
//! or garbage) is rebuilt, with a notice, while drafts and the outbox survive; SIGHUP and SIGTERM
//! with a draft open leave the draft on disk and end kring with 129 / 143.
//!
//! Waits are generous deadlines for "it happened at all", never timings.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::harness::kring_bin;
use crate::harness::pty::PtySession;
use crate::harness::serve::ServeProcess;
use kring::store::{DraftTarget, Stores};

/// Generous: a debug build on a loaded machine.
const WAIT: Duration = Duration::from_secs(60);
/// A timeline card's reply count: on screen only once timeline content is drawn.
const TIMELINE_MARK: &str = "↩";
/// The demo network's account key.
const DEMO: &str = "demo";

/// Private data, config and cache directories.
struct Dirs {
    root: tempfile::TempDir,
}

impl Dirs {
    fn new() -> Self {
        Self {
            root: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    /// The demo network's data directory.
    fn data(&self) -> PathBuf {
        self.root.path().join("data").join("demo")
    }

    fn env(&self, extra: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut env: Vec<(String, String)> = ["data", "config", "cache"]
            .iter()
            .map(|kind| {
                let dir = self.root.path().join(kind);
                (
                    format!("KRING_{}_DIR", kind.to_uppercase()),
                    dir.display().to_string(),
                )
            })
            .collect();
        env.extend(
            extra
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        env
    }
}

fn spawn(env: &[(String, String)]) -> PtySession {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    PtySession::spawn_program(kring_bin(), &[], &env, 120, 40)
}

/// Waits for timeline content with no request in flight.
fn wait_loaded(tui: &PtySession) -> String {
    tui.wait_until(WAIT, |s| {
        s.contains(TIMELINE_MARK) && !s.contains("updating…")
    })
    .unwrap_or_else(|screen| panic!("the timeline did not load:\n{screen}"))
}

/// The first timeline card's preview line (the row after the first card's header).
fn first_preview(screen: &str) -> String {
    let rows: Vec<&str> = screen.lines().collect();
    let header = rows
        .iter()
        .position(|row| row.contains(TIMELINE_MARK))
        .expect("a card header");
    let preview = rows.get(header + 1).copied().unwrap_or_default();
    preview
        .split("││")
        .nth(1)
        .map(|cell| cell.trim().to_owned())
        .filter(|cell| !cell.is_empty())
        .unwrap_or_else(|| panic!("no preview in {preview:?}"))
}

/// ctrl-c in the editor asks about the draft first; the second one quits, keeping it.
fn quit_from_the_editor(tui: &mut PtySession) {
    tui.send(b"\x03");
    tui.wait_for("Discard this draft?", WAIT);
    quit(tui);
}

fn quit(tui: &mut PtySession) {
    tui.send(b"\x03");
    assert!(tui.wait_exit(WAIT).is_some(), "kring did not quit");
}

#[test]
fn a_start_with_the_server_stopped_shows_the_cached_timeline_and_offline() {
    let dirs = Dirs::new();
    let server = ServeProcess::start(
        kring_bin(),
        &dirs.root.path().join("serve.sqlite"),
        "info",
        WAIT,
    );
    let env = dirs.env(&[
        ("KRING_SERVER", server.base_url.as_str()),
        ("KRING_TOKEN", server.token.as_str()),
    ]);
    let mut online = spawn(&env);
    let preview = first_preview(&wait_loaded(&online));
    quit(&mut online);
    drop(server);

    let offline = spawn(&env);
    let screen = offline.wait_for("offline", WAIT);
    assert!(
        screen.contains(&preview),
        "the cached timeline ({preview:?}) shows offline:\n{screen}"
    );
    assert!(screen.contains("retry in"), "{screen}");
}

/// Runs the demo once: loads the timeline and leaves a draft for a new post open at quit.
fn first_run_with_a_draft(dirs: &Dirs, draft: &str) {
    let mut tui = spawn(&dirs.env(&[]));
    wait_loaded(&tui);
    tui.send(b"c");
    tui.type_text(draft);
    tui.wait_for(draft, WAIT);
    quit_from_the_editor(&mut tui);
}

/// Waits (up to `WAIT`) until the running kring's cache task has written My feed, so that
/// quitting does not race the last write on a loaded machine.
fn wait_cache_has_my_feed(dirs: &Dirs) {
    let deadline = std::time::Instant::now() + WAIT;
    while std::time::Instant::now() < deadline {
        let filled = Stores::open(&dirs.data())
            .ok()
            .and_then(|(store, _)| store.cache.feed_messages(DEMO, "my_feed", 1).ok())
            .is_some_and(|messages| !messages.is_empty());
        if filled {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn corrupt_cache_then_restart(damage: impl Fn(&Path)) {
    let dirs = Dirs::new();
    let draft = "kept through a broken cache";
    first_run_with_a_draft(&dirs, draft);
    let queued_target = DraftTarget::NewPost {
        group_id: Some(424_242),
    };
    {
        let (mut store, _) = Stores::open(&dirs.data()).expect("the store opens");
        store
            .outbox
            .enqueue(DEMO, queued_target, "queued before the damage", &[], 1)
            .expect("queue a post");
    }
    damage(&dirs.data().join("cache.sqlite"));

    let mut tui = spawn(&dirs.env(&[]));
    let screen = wait_loaded(&tui);
    assert!(
        !screen.contains("database"),
        "no store error shows:\n{screen}"
    );
    // Found at open, by a start-up read or by the check after the first frame: said on screen.
    tui.wait_for("local cache was damaged", WAIT);
    tui.send(b"c");
    tui.wait_for(draft, WAIT);
    wait_cache_has_my_feed(&dirs);
    quit_from_the_editor(&mut tui);

    let set_aside = std::fs::read_dir(dirs.data())
        .expect("the data dir")
        .filter_map(Result::ok)
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("cache.sqlite.corrupt-")
        });
    assert!(set_aside, "the damaged cache was moved aside");
    let (store, report) = Stores::open(&dirs.data()).expect("the store opens again");
    assert_eq!(report.cache, kring::store::CacheStatus::Ok, "rebuilt cache");
    assert!(
        !store
            .cache
            .feed_messages(DEMO, "my_feed", 10)
            .expect("read the cache")
            .is_empty(),
        "the cache was filled again from the server"
    );
    let kept = store
        .outbox
        .load_draft(DEMO, DraftTarget::NewPost { group_id: None })
        .expect("read drafts");
    assert_eq!(kept.map(|d| d.body).as_deref(), Some(draft));
    let queued = store.outbox.list(DEMO).expect("read the outbox");
    assert!(
        queued
            .iter()
            .any(|item| item.body == "queued before the damage"),
        "the queued post survived: {queued:?}"
    );
}

#[test]
fn a_cache_truncated_to_half_is_rebuilt_and_drafts_and_outbox_survive() {
    corrupt_cache_then_restart(|path| {
        let len = std::fs::metadata(path).expect("cache exists").len();
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .expect("open the cache");
        file.set_len(len / 2).expect("truncate");
    });
}

#[test]
fn a_cache_full_of_garbage_is_rebuilt_and_drafts_and_outbox_survive() {
    corrupt_cache_then_restart(|path| {
        let len = std::fs::metadata(path).expect("cache exists").len();
        let garbage: Vec<u8> = (0..len).map(|i| (i * 7919 % 251) as u8).collect();
        std::fs::write(path, garbage).expect("overwrite the cache");
    });
}

fn signal_with_a_draft_open(signal: &str, code: u32) {
    let dirs = Dirs::new();
    let mut tui = spawn(&dirs.env(&[]));
    wait_loaded(&tui);
    tui.send(b"c");
    let draft = format!("typed before SIG{signal}");
    tui.type_text(&draft);
    tui.wait_for(&draft, WAIT);
    let pid = tui.pid().expect("kring has a pid");
    let sent = std::process::Command::new("kill")
        .args([format!("-{signal}"), pid.to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success());
    let status = tui.wait_exit(WAIT).expect("kring exits after the signal");
    assert_eq!(status.exit_code(), code, "exit code after SIG{signal}");
    let (store, _) = Stores::open(&dirs.data()).expect("the store opens");
    let kept = store
        .outbox
        .load_draft(DEMO, DraftTarget::NewPost { group_id: None })
        .expect("read drafts");
    assert_eq!(kept.map(|d| d.body), Some(draft));
}

#[test]
fn sighup_with_a_draft_open_keeps_it_and_exits_129() {
    signal_with_a_draft_open("HUP", 129);
}

#[test]
fn sigterm_with_a_draft_open_keeps_it_and_exits_143() {
    signal_with_a_draft_open("TERM", 143);
}
