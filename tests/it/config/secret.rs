//! Secrets and token sources: the credentials file is created 0600 in a 0700 directory, a file
//! others can read is refused, the token never appears in Debug/Display or error text, there is
//! no keyring (startup without a D-Bus session does not hang, "no token" says where a token can
//! come from, and no keyring crate is linked), and files outside SQLite are replaced atomically.

use crate::harness::lockfile;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use kring::config::atomic_file::{WriteStep, write_atomically, write_atomically_with};
use kring::config::secret::{Secret, SecretError, read_token_file, store_token};
use kring::config::{ResolvedAccount, TokenOrigin};

/// A sentinel token: any test output containing it is a leak.
const SENTINEL: &str = "TEST-SECRET-7f3a";

fn mode_of(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn secret_never_prints_its_value() {
    let secret = Secret::new(SENTINEL);
    assert_eq!(format!("{secret:?}"), "Secret(***)");
    assert_eq!(format!("{secret}"), "Secret(***)");
    assert_eq!(secret.expose(), SENTINEL);
    let account = ResolvedAccount {
        name: "w".into(),
        base_url: "https://x.test".into(),
        token: secret.clone(),
        origin: TokenOrigin::Fixed,
    };
    let shown = format!("{account:?} {account:#?}");
    assert!(!shown.contains(SENTINEL), "{shown}");
    assert!(shown.contains("Secret(***)"), "{shown}");
}

#[test]
fn stored_credentials_are_0600_in_a_0700_directory() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("new").join("kring");
    let toml_path = dir.join("credentials.toml");
    store_token(&toml_path, "work", &Secret::new(SENTINEL)).expect("stored");
    assert_eq!(mode_of(&toml_path), 0o600);
    assert_eq!(mode_of(&dir), 0o700);
    assert_eq!(mode_of(&root.path().join("new")), 0o700);
    assert_eq!(
        read_token_file(&toml_path, "work")
            .expect("reads back")
            .expose(),
        SENTINEL
    );

    // A second account keeps the first; the file stays 0600 and no temporary is left behind.
    store_token(&toml_path, "home", &Secret::new("other-token")).expect("stored");
    assert_eq!(mode_of(&toml_path), 0o600);
    assert_eq!(
        read_token_file(&toml_path, "work").expect("kept").expose(),
        SENTINEL
    );
    assert_eq!(
        read_token_file(&toml_path, "home").expect("added").expose(),
        "other-token"
    );
    let entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("list")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    assert_eq!(entries, vec![std::ffi::OsString::from("credentials.toml")]);

    let plain = dir.join("token");
    store_token(&plain, "ignored", &Secret::new(SENTINEL)).expect("stored");
    assert_eq!(mode_of(&plain), 0o600);
    assert_eq!(
        read_token_file(&plain, "any").expect("plain").expose(),
        SENTINEL
    );
}

#[test]
fn storing_over_a_loose_file_makes_it_private() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("credentials.toml");
    std::fs::write(&path, "").expect("write");
    chmod(&path, 0o644);
    store_token(&path, "work", &Secret::new(SENTINEL)).expect("stored");
    assert_eq!(mode_of(&path), 0o600);
}

#[test]
fn storing_into_a_malformed_credentials_file_is_refused_not_clobbered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("credentials.toml");
    std::fs::write(&path, "[accounts.home\ntoken = \"keep-me\"\n").expect("write");
    chmod(&path, 0o600);
    let error = store_token(&path, "work", &Secret::new(SENTINEL)).expect_err("malformed");
    assert!(
        matches!(error, SecretError::CredentialsFormat { .. }),
        "{error:?}"
    );
    let kept = std::fs::read_to_string(&path).expect("still there");
    assert!(kept.contains("keep-me"));
}

#[test]
fn credentials_readable_by_others_are_refused_with_the_fix() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("credentials.toml");
    std::fs::write(&path, format!("[accounts.work]\ntoken = \"{SENTINEL}\"\n")).expect("write");
    for loose in [0o644, 0o640, 0o604, 0o660, 0o620] {
        chmod(&path, loose);
        let error = read_token_file(&path, "work").expect_err("loose file must be refused");
        assert_eq!(
            error,
            SecretError::LoosePermissions {
                file: path.clone(),
                mode: loose
            }
        );
        let message = error.to_string();
        let shown = path.display().to_string();
        assert!(message.contains(&format!("{loose:04o}")), "{message}");
        assert!(message.contains(&format!("chmod 600 {shown}")), "{message}");
        assert!(!message.contains(SENTINEL), "{message}");
    }
    for private in [0o600, 0o400] {
        chmod(&path, private);
        assert_eq!(
            read_token_file(&path, "work")
                .expect("private file")
                .expose(),
            SENTINEL
        );
    }
}

#[test]
fn credential_file_errors_never_quote_the_contents() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("credentials.toml");
    let write = |text: String| {
        std::fs::write(&path, text).expect("write");
        chmod(&path, 0o600);
    };
    let cases = [
        format!("accounts = \"{SENTINEL}\"\n"),
        format!("[accounts.work]\ntoken = \"{SENTINEL}\"\nextra = \"{SENTINEL}\"\n"),
        format!("[accounts.work]\ntoken = \"{SENTINEL}\n"),
        format!("[accounts.home]\ntoken = \"{SENTINEL}\"\n"),
    ];
    for text in cases {
        write(text.clone());
        let message = read_token_file(&path, "work")
            .expect_err("rejected")
            .to_string();
        assert!(!message.contains(SENTINEL), "leak for {text:?}: {message}");
        assert!(message.contains(&path.display().to_string()), "{message}");
    }
    write("[accounts.home]\ntoken = \"x\"\n".into());
    let message = read_token_file(&path, "work")
        .expect_err("no such account")
        .to_string();
    assert!(message.contains("[accounts.work]"), "{message}");
}

#[test]
fn missing_and_empty_token_files_are_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("token");
    let error = read_token_file(&path, "w").expect_err("missing");
    assert_eq!(
        error,
        SecretError::CredentialsMissing { file: path.clone() }
    );
    std::fs::write(&path, "\n  \n").expect("write");
    chmod(&path, 0o600);
    let error = read_token_file(&path, "w").expect_err("empty");
    assert!(matches!(error, SecretError::EmptyToken { .. }), "{error:?}");
}

/// The files in `dir`, by name.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

// Whatever step fails, the target holds the old content or the new one, never a mix
// or nothing, and no temporary file is left behind.
#[test]
fn a_failure_at_each_step_leaves_the_old_or_the_new_file() {
    for failing in WriteStep::ALL {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("credentials.toml");
        write_atomically(&path, b"old = 1\n", 0o600).expect("first write");
        let result = write_atomically_with(&path, b"new = 2\n", 0o600, |step| {
            if step == failing {
                Err(std::io::Error::other("injected"))
            } else {
                Ok(())
            }
        });
        assert!(result.is_err(), "{failing:?}");
        let now = std::fs::read(&path).expect("target still readable");
        let expected: &[u8] = if failing == WriteStep::SyncDirectory {
            b"new = 2\n"
        } else {
            b"old = 1\n"
        };
        assert_eq!(now, expected, "failure at {failing:?}");
        assert_eq!(mode_of(&path), 0o600);
        assert_eq!(names_in(dir.path()), ["credentials.toml"], "{failing:?}");
    }
}

// A crash at any step (what the disk holds when the process stops right before it)
// leaves a parseable file with the old or the new content, for a new file too (then: absent
// or new). The steps come in the order fsync(file) < rename < fsync(dir).
#[test]
fn a_crash_before_any_step_leaves_the_old_or_the_new_file() {
    for old in [Some("token = \"old\"\n"), None] {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("state.toml");
        if let Some(old) = old {
            write_atomically(&path, old.as_bytes(), 0o600).expect("first write");
        }
        let new = "token = \"new\"\n";
        let mut steps = Vec::new();
        write_atomically_with(&path, new.as_bytes(), 0o600, |step| {
            let on_disk = std::fs::read_to_string(&path).ok();
            let parsed: Option<toml::Table> = on_disk.as_deref().map(|text| {
                toml::from_str(text).unwrap_or_else(|e| panic!("torn at {step:?}: {e}"))
            });
            assert!(
                on_disk.as_deref() == old || on_disk.as_deref() == Some(new),
                "at {step:?}: {on_disk:?}"
            );
            assert_eq!(parsed.is_some(), on_disk.is_some());
            steps.push(step);
            Ok(())
        })
        .expect("write");
        assert_eq!(steps, WriteStep::ALL);
        assert_eq!(std::fs::read_to_string(&path).expect("new"), new);
    }
}

// The credentials file goes through the same helper: nothing but the file remains.
#[test]
fn storing_a_token_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("credentials.toml");
    for account in ["a", "b", "a"] {
        store_token(&path, account, &Secret::new(SENTINEL)).expect("stored");
    }
    assert_eq!(names_in(dir.path()), ["credentials.toml"]);
    assert_eq!(read_token_file(&path, "b").expect("b").expose(), SENTINEL);
}

/// Runs the real `kring` with `env` only (plus PATH), failing instead of hanging.
fn run_kring(args: &[&str], env: &[(&str, &Path)]) -> (Option<i32>, String) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_kring"));
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("kring starts");
    // A bound that catches a hang (e.g. waiting on a keyring prompt); it measures nothing.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("kring hung without a D-Bus session");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

// kring uses no OS keyring (tokens come from the environment, a command or a 0600
// file), so over SSH without DBUS_SESSION_BUS_ADDRESS nothing waits for a Secret Service.
// Startup ends promptly with an error that lists every place a token can come from.
#[test]
fn without_a_dbus_session_a_missing_token_is_reported_with_its_sources() {
    let root = tempfile::tempdir().expect("temp dir");
    let config_dir = root.path().join("config");
    std::fs::create_dir_all(&config_dir).expect("config dir");
    let cases = [
        // token_env names a variable that is not set.
        "[accounts.work]\nbase_url = \"https://x.test/api/v1\"\ntoken_env = \"WORK_TOKEN\"\n",
        // The default credentials file does not exist.
        "[accounts.work]\nbase_url = \"https://x.test/api/v1\"\n",
    ];
    for config in cases {
        std::fs::write(config_dir.join("config.toml"), config).expect("config");
        let env = [
            ("KRING_CONFIG_DIR", config_dir.as_path()),
            ("KRING_DATA_DIR", root.path()),
            ("KRING_CACHE_DIR", root.path()),
            ("HOME", root.path()),
        ];
        let (code, stderr) = run_kring(&["post", "hello"], &env);
        assert_ne!(code, Some(0), "{stderr}");
        for place in [
            "KRING_TOKEN",
            "token_env",
            "token_command",
            "token_file",
            "no OS keyring",
        ] {
            assert!(stderr.contains(place), "{place} missing from: {stderr}");
        }
    }
}

// No keyring crate is linked, so no in-memory mock store can ship and silently drop
// tokens. If one is ever added, this fails, and that crate's store needs a test of its own.
#[test]
fn no_keyring_crate_is_linked() {
    let keyrings = [
        "keyring",
        "keyring-core",
        "secret-service",
        "dbus-secret-service",
        "linux-keyutils",
        "oo7",
        "zbus",
    ];
    let linked: Vec<String> = lockfile::locked_packages()
        .into_iter()
        .filter(|package| keyrings.contains(&package.name.as_str()))
        .map(|package| package.name)
        .collect();
    assert!(
        linked.is_empty(),
        "keyring crates in Cargo.lock: {linked:?}"
    );
}
