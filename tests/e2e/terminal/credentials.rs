//! Credentials around the terminal: the token never shows in kring's
//! command line, on its screen, in its log (at trace level), in error text from a server that
//! echoes it, or in the environment of the editor kring starts, whichever variable held it.
//! (File permissions and token-source errors are tested in the `it` crate's `config::secret`.)
//!
//! A small HTTP server on 127.0.0.1 answers every request with a 500 whose body quotes the
//! `Authorization` header back, as a careless server might.

use crate::harness::pty::PtySession;
use crate::harness::terminal;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::time::{Duration, Instant};

use terminal::*;

/// Unmistakable, and unlike anything kring prints on its own.
const TOKEN: &str = "TEST-SECRET-7f3a-9c1e";

/// Starts the echoing server; returns its base URL. The thread ends with the test process.
fn echoing_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let address = listener.local_addr().expect("local address");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut authorization = String::new();
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                if line.to_ascii_lowercase().starts_with("authorization:") {
                    authorization = line.trim_end().to_owned();
                }
                line.clear();
            }
            let body = format!("{{\"error\":\"rejected {authorization}\"}}");
            let response = format!(
                "HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\n\
                 content-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = (&stream).write_all(response.as_bytes());
        }
    });
    format!("http://{address}")
}

/// An editor that writes its environment to `dump` and leaves the draft as it was.
fn env_dumping_editor(dir: &Path, dump: &Path) -> String {
    let script = dir.join("dump-env-editor");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nenv > '{}.tmp'\nmv '{0}.tmp' '{0}'\n",
            dump.display()
        ),
    )
    .expect("write the editor script");
    let mut permissions = std::fs::metadata(&script)
        .expect("the script exists")
        .permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&script, permissions).expect("make the script executable");
    script.display().to_string()
}

fn wait_for_file(path: &Path, timeout: Duration) -> String {
    let deadline = Instant::now() + timeout;
    loop {
        if let Ok(text) = std::fs::read_to_string(path) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs kring against the echoing server with `env`, opens the compose box, hands the draft to
/// the editor and returns the editor's environment, kring's command line, screen bytes and log.
fn run_through_the_editor(dirs: &KringDirs, env: &[(&str, &str)]) -> [String; 4] {
    let dump = dirs.path().join("editor-env");
    let editor = env_dumping_editor(dirs.path(), &dump);
    let mut full_env = dirs.env_with(&[("EDITOR", &editor), ("KRING_LOG", "trace")]);
    full_env.extend(env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    let mut run = PtySession::kring(&[], &borrowed(&full_env), 100, 30);
    run.wait_for("Timeline", START_TIMEOUT);
    run.wait_quiet(Duration::from_millis(500), ACT_TIMEOUT);
    let cmdline = std::fs::read(format!(
        "/proc/{}/cmdline",
        run.pid().expect("kring has a pid")
    ))
    .unwrap_or_default();

    run.send(b"c");
    run.wait_quiet(Duration::from_millis(300), ACT_TIMEOUT);
    run.send(b"\x05");
    let editor_env = wait_for_file(&dump, ACT_TIMEOUT);
    run.wait_quiet(Duration::from_millis(300), ACT_TIMEOUT);

    send_signal(run.pid().expect("kring has a pid"), "TERM");
    assert!(
        run.wait_exit(ACT_TIMEOUT).is_some(),
        "kring ends on SIGTERM"
    );
    let log_file = dirs.path().join("cache").join("kring.log");
    let log = std::fs::read_to_string(&log_file).unwrap_or_default();
    [
        editor_env,
        String::from_utf8_lossy(&cmdline).into_owned(),
        String::from_utf8_lossy(&run.bytes()).into_owned(),
        log,
    ]
}

fn assert_token_nowhere([editor_env, cmdline, screen, log]: &[String; 4]) {
    assert!(
        editor_env.contains("EDITOR="),
        "the editor's environment was captured:\n{editor_env}"
    );
    assert!(!log.is_empty(), "kring logged at trace level");
    for (place, text) in [
        ("the editor's environment", editor_env),
        ("kring's command line", cmdline),
        ("the screen", screen),
        ("the log", log),
    ] {
        assert!(!text.contains(TOKEN), "the token is in {place}:\n{text}");
    }
}

#[test]
fn a_token_from_kring_token_stays_out_of_argv_screen_log_and_the_editor() {
    let dirs = KringDirs::new();
    let server = echoing_server();
    let seen = run_through_the_editor(&dirs, &[("KRING_SERVER", &server), ("KRING_TOKEN", TOKEN)]);
    assert_token_nowhere(&seen);
}

#[test]
fn a_token_from_a_token_env_variable_stays_out_of_the_editor() {
    let dirs = KringDirs::new();
    let server = echoing_server();
    let config = dirs.path().join("config");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("config.toml"),
        format!("[accounts.work]\nbase_url = \"{server}\"\ntoken_env = \"WORK_YAMMER_TOKEN\"\n"),
    )
    .expect("write config.toml");
    let seen = run_through_the_editor(&dirs, &[("WORK_YAMMER_TOKEN", TOKEN)]);
    assert_token_nowhere(&seen);
}
