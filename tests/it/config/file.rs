//! Paths, `config.toml` parsing and validation, and account resolution with the
//! `KRING_SERVER` / `KRING_TOKEN` overrides.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use kring::config::file::{ConfigFile, TokenSource};
use kring::config::network::NetworkConfig;
use kring::config::paths::Paths;
use kring::config::resolve_account;

fn env_of<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| {
        vars.iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_string())
    }
}

const NO_ENV: &[(&str, &str)] = &[];

fn config_path() -> PathBuf {
    PathBuf::from("/home/u/.config/kring/config.toml")
}

fn parse(text: &str) -> ConfigFile {
    ConfigFile::parse(&config_path(), text).unwrap_or_else(|error| panic!("rejected: {error}"))
}

fn parse_error(text: &str) -> String {
    ConfigFile::parse(&config_path(), text)
        .expect_err("should be rejected")
        .to_string()
}

#[test]
fn paths_follow_env_overrides_and_ignore_empty_values() {
    let vars = [
        ("KRING_CONFIG_DIR", "/c"),
        ("KRING_DATA_DIR", "/d"),
        ("KRING_CACHE_DIR", "/k"),
    ];
    let paths = Paths::resolve_with(env_of(&vars), None).expect("overrides suffice");
    assert_eq!(paths.config_dir, Path::new("/c"));
    assert_eq!(paths.data_dir, Path::new("/d"));
    assert_eq!(paths.cache_dir, Path::new("/k"));
    assert_eq!(paths.config_file(), Path::new("/c/config.toml"));
    assert_eq!(paths.keymap_file(), Path::new("/c/keymap.toml"));
    assert_eq!(paths.themes_dir(), Path::new("/c/themes"));
    assert_eq!(paths.credentials_file(), Path::new("/c/credentials.toml"));

    let vars = [
        ("KRING_CONFIG_DIR", ""),
        ("KRING_DATA_DIR", "/d"),
        ("KRING_CACHE_DIR", "/k"),
    ];
    let error = Paths::resolve_with(env_of(&vars), None).expect_err("no home, empty override");
    assert!(error.to_string().contains("KRING_CONFIG_DIR"), "{error}");
}

#[test]
fn paths_fall_back_to_platform_directories_per_directory() {
    let platform = directories::ProjectDirs::from("", "", "kring").expect("tests run with a HOME");
    let vars = [("KRING_DATA_DIR", "/d")];
    let paths = Paths::resolve_with(env_of(&vars), Some(platform.clone())).expect("platform dirs");
    assert_eq!(paths.config_dir, platform.config_dir());
    assert_eq!(paths.cache_dir, platform.cache_dir());
    assert_eq!(paths.data_dir, Path::new("/d"));
}

#[test]
fn full_config_parses_with_every_token_source() {
    let config = parse(
        r#"
default_account = "work"
theme = "light"

[accounts.work]
base_url = "https://www.yammer.com/api/v1"
token_command = ["pass", "show", "yammer"]

[accounts.env]
base_url = "https://example.test/api/v1"
token_env = "MY_TOKEN"

[accounts.file]
base_url = "http://127.0.0.1:8080/api/v1"
token_file = "tokens/file.txt"

[accounts.default_file]
base_url = "https://example.test/api/v1"

[network]
connect_timeout_secs = 5
read_timeout_secs = 20
total_timeout_secs = 90
"#,
    );
    assert_eq!(config.default_account.as_deref(), Some("work"));
    assert_eq!(config.theme.as_deref(), Some("light"));
    let source = |name: &str| config.accounts[name].token.clone();
    assert_eq!(
        source("work"),
        TokenSource::Command(vec!["pass".into(), "show".into(), "yammer".into()])
    );
    assert_eq!(source("env"), TokenSource::Env("MY_TOKEN".into()));
    assert_eq!(
        source("file"),
        TokenSource::File(PathBuf::from("/home/u/.config/kring/tokens/file.txt"))
    );
    assert_eq!(
        source("default_file"),
        TokenSource::File(PathBuf::from("/home/u/.config/kring/credentials.toml"))
    );
    assert_eq!(
        config.network,
        NetworkConfig {
            connect_timeout: Duration::from_secs(5),
            read_timeout: Duration::from_secs(20),
            total_timeout: Duration::from_secs(90),
        }
    );
}

#[test]
fn missing_file_is_an_empty_config_and_no_account() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = ConfigFile::load(&dir.path().join("config.toml")).expect("missing is fine");
    assert!(config.accounts.is_empty());
    assert_eq!(config.network, NetworkConfig::default());
    assert_eq!(
        resolve_account(&config, env_of(NO_ENV), None).expect("no error"),
        None
    );
}

#[test]
fn unreadable_config_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let error = ConfigFile::load(dir.path())
        .expect_err("a directory is not a file")
        .to_string();
    assert!(error.contains(&dir.path().display().to_string()), "{error}");
}

#[test]
fn unknown_keys_are_errors_naming_file_key_and_position() {
    let message = parse_error("defualt_account = \"work\"\n");
    for part in ["config.toml:1:1", "defualt_account"] {
        assert!(message.contains(part), "`{part}` missing from: {message}");
    }
    let message = parse_error("[accounts.work]\nbase_url = \"https://x.test\"\ntoken = \"abc\"\n");
    for part in ["config.toml:3:1", "`token`"] {
        assert!(message.contains(part), "`{part}` missing from: {message}");
    }
    let message = parse_error("[network]\nconect_timeout_secs = 3\n");
    assert!(
        message.contains(":2:1") && message.contains("conect_timeout_secs"),
        "{message}"
    );
}

#[test]
fn invalid_values_name_the_key() {
    let cases = [
        (
            "[accounts.w]\nbase_url = \"https://x.test\"\ntoken_env = \"A\"\ntoken_file = \"f\"\n",
            "accounts.w: set only one of token_env, token_command, token_file",
        ),
        (
            "[accounts.w]\nbase_url = \"ftp://x.test\"\n",
            "accounts.w.base_url",
        ),
        (
            "[accounts.w]\nbase_url = \"not a url\"\n",
            "accounts.w.base_url",
        ),
        (
            "[accounts.w]\nbase_url = \"https://x.test\"\ntoken_command = []\n",
            "accounts.w.token_command",
        ),
        (
            "[accounts.w]\nbase_url = \"https://x.test\"\ntoken_env = \" \"\n",
            "accounts.w.token_env",
        ),
        (
            "default_account = \"home\"\n[accounts.w]\nbase_url = \"https://x.test\"\n",
            "default_account",
        ),
        (
            "[network]\nread_timeout_secs = 0\n",
            "network.read_timeout_secs",
        ),
    ];
    for (text, expected) in cases {
        let message = parse_error(text);
        assert!(
            message.contains(expected),
            "`{expected}` missing from: {message}"
        );
        assert!(
            message.starts_with("/home/u/.config/kring/config.toml:"),
            "{message}"
        );
    }
    let message = parse_error("[accounts.w]\ntoken_env = \"A\"\n");
    assert!(message.contains("base_url"), "{message}");
}

#[test]
fn env_token_source_and_overrides() {
    let config = parse(
        "default_account = \"w\"\n[accounts.w]\nbase_url = \"https://a.test/api/v1\"\ntoken_env = \"W_TOKEN\"\n\
         [accounts.x]\nbase_url = \"https://b.test/api/v1\"\ntoken_env = \"X_TOKEN\"\n",
    );
    let vars = [("W_TOKEN", "tok-w"), ("X_TOKEN", "tok-x")];
    let account = resolve_account(&config, env_of(&vars), None)
        .expect("ok")
        .expect("account");
    assert_eq!(
        (account.name.as_str(), account.base_url.as_str()),
        ("w", "https://a.test/api/v1")
    );
    assert_eq!(account.token.expose(), "tok-w");

    let chosen = resolve_account(&config, env_of(&vars), Some("x"))
        .expect("ok")
        .expect("account");
    assert_eq!(
        (chosen.name.as_str(), chosen.token.expose()),
        ("x", "tok-x")
    );

    let vars = [
        ("W_TOKEN", "tok-w"),
        ("KRING_SERVER", "http://127.0.0.1:9000/api/v1"),
        ("KRING_TOKEN", "tok-env"),
    ];
    let overridden = resolve_account(&config, env_of(&vars), None)
        .expect("ok")
        .expect("account");
    assert_eq!(overridden.name, "w");
    assert_eq!(overridden.base_url, "http://127.0.0.1:9000/api/v1");
    assert_eq!(overridden.token.expose(), "tok-env");

    let error = resolve_account(&config, env_of(NO_ENV), None).expect_err("W_TOKEN unset");
    assert!(error.to_string().contains("W_TOKEN"), "{error}");
    let error =
        resolve_account(&config, env_of(NO_ENV), Some("nope")).expect_err("no such account");
    assert!(
        error.to_string().contains("nope") && error.to_string().contains("w, x"),
        "{error}"
    );
}

#[test]
fn environment_alone_defines_an_account() {
    let empty = ConfigFile::empty(&config_path());
    let vars = [
        ("KRING_SERVER", "http://127.0.0.1:8080/api/v1"),
        ("KRING_TOKEN", "t"),
    ];
    let account = resolve_account(&empty, env_of(&vars), None)
        .expect("ok")
        .expect("account");
    assert_eq!(
        (account.name.as_str(), account.token.expose()),
        ("env", "t")
    );

    let half = [("KRING_SERVER", "http://127.0.0.1:8080/api/v1")];
    let error = resolve_account(&empty, env_of(&half), None).expect_err("no token");
    assert!(error.to_string().contains("KRING_TOKEN"), "{error}");
    let half = [("KRING_TOKEN", "t")];
    let error = resolve_account(&empty, env_of(&half), None).expect_err("no server");
    assert!(error.to_string().contains("KRING_SERVER"), "{error}");
    let bad = [("KRING_SERVER", "yammer.com"), ("KRING_TOKEN", "t")];
    let error = resolve_account(&empty, env_of(&bad), None).expect_err("bad url");
    assert!(error.to_string().contains("KRING_SERVER"), "{error}");
}

#[test]
fn several_accounts_without_default_need_a_choice() {
    let config = parse(
        "[accounts.a]\nbase_url = \"https://a.test\"\ntoken_env = \"A\"\n\
         [accounts.b]\nbase_url = \"https://b.test\"\ntoken_env = \"B\"\n",
    );
    let error = resolve_account(&config, env_of(&[("A", "1")]), None).expect_err("ambiguous");
    let message = error.to_string();
    assert!(
        message.contains("default_account") && message.contains("a, b"),
        "{message}"
    );
}

#[test]
fn token_file_and_command_sources_are_used() {
    let dir = tempfile::tempdir().expect("temp dir");
    let token_path = dir.path().join("token.txt");
    std::fs::write(&token_path, "file-token\n").expect("write");
    std::fs::set_permissions(&token_path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let config_path = dir.path().join("config.toml");
    let text = "[accounts.f]\nbase_url = \"https://f.test\"\ntoken_file = \"token.txt\"\n\
                [accounts.c]\nbase_url = \"https://c.test\"\ntoken_command = [\"sh\", \"-c\", \"echo cmd-token\"]\n";
    std::fs::write(&config_path, text).expect("write config");
    let config = ConfigFile::load(&config_path).expect("loads");
    let file = resolve_account(&config, env_of(NO_ENV), Some("f"))
        .expect("ok")
        .expect("account");
    assert_eq!(file.token.expose(), "file-token");
    let command = resolve_account(&config, env_of(NO_ENV), Some("c"))
        .expect("ok")
        .expect("account");
    assert_eq!(command.token.expose(), "cmd-token");
}

#[test]
fn an_account_with_client_id_signs_in_with_defaults() {
    let config = parse("[accounts.viva]\nclient_id = \"abc-123\"\n");
    let account = &config.accounts["viva"];
    assert_eq!(account.base_url, "https://www.yammer.com/api/v1");
    assert_eq!(
        account.token,
        TokenSource::SignIn {
            config: kring::config::SignInConfig {
                client_id: "abc-123".into(),
                tenant: "organizations".into(),
                authority: "https://login.microsoftonline.com".into(),
            },
            store: PathBuf::from("/home/u/.config/kring/credentials.toml"),
        }
    );
    let config = parse(
        "[accounts.v]\nclient_id = \"c\"\ntenant = \"contoso.com\"\n\
         authority = \"http://127.0.0.1:8808\"\nbase_url = \"http://127.0.0.1:8808/api/v1\"\n",
    );
    assert!(matches!(
        &config.accounts["v"].token,
        TokenSource::SignIn { config, .. } if config.tenant == "contoso.com"
            && config.authority == "http://127.0.0.1:8808"
    ));
}

#[test]
fn sign_in_keys_are_checked_and_named() {
    let cases = [
        (
            "[accounts.w]\nclient_id = \"c\"\ntoken_env = \"A\"\n",
            "accounts.w: client_id `c` signs in",
        ),
        (
            "[accounts.w]\nbase_url = \"https://x.test\"\ntenant = \"contoso.com\"\n",
            "accounts.w.tenant",
        ),
        ("[accounts.w]\ntoken_env = \"A\"\n", "accounts.w.base_url"),
        (
            "[accounts.w]\nclient_id = \"c\"\nauthority = \"http://login.example\"\n",
            "accounts.w.authority",
        ),
        (
            "[accounts.w]\nclient_id = \"c\"\nclient_secret = \"s\"\n",
            "client_secret",
        ),
    ];
    for (text, expected) in cases {
        let message = parse_error(text);
        assert!(
            message.contains(expected) && message.contains("config.toml:"),
            "`{expected}` missing from: {message}"
        );
    }
}

#[test]
fn the_ui_table_sets_hyperlinks_and_the_mouse_and_rejects_unknown_keys() {
    use kring::config::ui::{Hyperlinks, UiConfig};
    assert_eq!(parse("").ui, UiConfig::default());
    let ui = parse("[ui]\nhyperlinks = \"on\"\nmouse = true\n").ui;
    assert_eq!(ui.hyperlinks, Hyperlinks::On);
    assert!(ui.mouse);
    assert_eq!(
        parse("[ui]\nhyperlinks = \"off\"\n").ui.hyperlinks,
        Hyperlinks::Off
    );
    let error = parse_error("[ui]\nhyperlinks = \"sometimes\"\n");
    assert!(error.contains("`auto`, `on`, `off`"), "{error}");
    let error = parse_error("[ui]\nmice = true\n");
    assert!(error.contains("mice"), "{error}");
}
