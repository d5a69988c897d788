//! An account's guidelines settings in `config.toml`, for networks whose server sends none: the
//! network's code of conduct from a local file (`guidelines_file`), a link to it
//! (`guidelines_url`), and per-community guidelines from local files
//! (`[accounts.NAME.community_guidelines]`, by community name):
//!
//! ```toml
//! [accounts.work]
//! guidelines_file = "conduct.md"                       # relative to the config directory
//! guidelines_url = "https://intranet.example.com/engage-rules"
//! [accounts.work.community_guidelines]
//! "Engineering Platform" = "guidelines/platform.md"
//! ```
//!
//! Owns validating the settings (a URL that is not http/https is a config error) and reading the
//! files once when a session starts ([`load`]): a file that cannot be read is a problem the user
//! is told about, never an error that stops kring. Must not draw or keep global state.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The most of a guidelines file kept (the rest is cut, and the user told).
pub const MAX_FILE_BYTES: u64 = 64 * 1024;

/// An account's validated guidelines settings (paths already resolved).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GuidelinesConfig {
    /// `guidelines_file`: the network's code of conduct, plain text or Markdown.
    pub file: Option<PathBuf>,
    /// `guidelines_url`: where the code of conduct is on the web, shown as a link.
    pub url: Option<String>,
    /// `[community_guidelines]`: community name → its guidelines file.
    pub communities: BTreeMap<String, PathBuf>,
}

impl GuidelinesConfig {
    /// Whether nothing is configured.
    pub fn is_empty(&self) -> bool {
        self.file.is_none() && self.url.is_none() && self.communities.is_empty()
    }
}

/// The guidelines settings as read, before validation.
pub(super) struct RawGuidelines {
    pub file: Option<PathBuf>,
    pub url: Option<toml::Spanned<String>>,
    pub communities: Option<BTreeMap<String, PathBuf>>,
}

/// Validates `raw` for account `name`, resolving paths against `config_dir`.
pub(super) fn validate(
    name: &str,
    raw: RawGuidelines,
    config_dir: &Path,
) -> Result<GuidelinesConfig, super::problem::Problem> {
    let url = match raw.url {
        Some(url) => {
            let text = url.get_ref().trim();
            check_url(text).map_err(|reason| {
                (
                    url.span(),
                    format!("accounts.{name}.guidelines_url"),
                    reason,
                )
            })?;
            Some(text.to_owned())
        }
        None => None,
    };
    Ok(GuidelinesConfig {
        file: raw.file.map(|file| config_dir.join(file)),
        url,
        communities: raw
            .communities
            .unwrap_or_default()
            .into_iter()
            .map(|(community, file)| (community, config_dir.join(file)))
            .collect(),
    })
}

fn check_url(url: &str) -> Result<(), String> {
    let parsed = url::Url::parse(url).map_err(|error| format!("`{url}` is not a URL: {error}"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(format!("`{url}` must be an http:// or https:// URL"));
    }
    Ok(())
}

/// The configured guidelines, read: what a session starts with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConfiguredGuidelines {
    /// The network's code of conduct, from `guidelines_file`.
    pub network: Option<String>,
    /// `guidelines_url`.
    pub url: Option<String>,
    /// Community name → its guidelines text.
    pub communities: Vec<(String, String)>,
    /// Files that could not be read, each a sentence naming the setting and the file.
    pub problems: Vec<String>,
}

/// Reads the files `config` names. A file that cannot be read (missing, a directory, not
/// allowed) becomes a problem naming it; a file longer than [`MAX_FILE_BYTES`] is cut there.
pub fn load(config: &GuidelinesConfig) -> ConfiguredGuidelines {
    let mut out = ConfiguredGuidelines {
        url: config.url.clone(),
        ..ConfiguredGuidelines::default()
    };
    if let Some(file) = &config.file {
        match read(file) {
            Ok(text) => out.network = Some(text),
            Err(reason) => out
                .problems
                .push(format!("guidelines_file {}: {reason}", file.display())),
        }
    }
    for (community, file) in &config.communities {
        match read(file) {
            Ok(text) => out.communities.push((community.clone(), text)),
            Err(reason) => out.problems.push(format!(
                "community_guidelines \"{community}\" {}: {reason}",
                file.display()
            )),
        }
    }
    out
}

fn read(file: &Path) -> Result<String, String> {
    use std::io::Read;
    let opened = std::fs::File::open(file).map_err(|e| format!("cannot read: {e}"))?;
    if opened.metadata().is_ok_and(|m| m.is_dir()) {
        return Err("cannot read: it is a directory".to_owned());
    }
    let mut bytes = Vec::new();
    opened
        .take(MAX_FILE_BYTES)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    Ok(String::from_utf8_lossy(&bytes).trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ConfigFile;

    fn parse(extra: &str) -> Result<ConfigFile, crate::config::ConfigError> {
        let text = format!(
            "[accounts.work]\nbase_url = \"https://y.example.com/api/v1\"\ntoken_env = \"T\"\n{extra}"
        );
        ConfigFile::parse(Path::new("/conf/config.toml"), &text)
    }

    #[test]
    fn the_settings_parse_with_paths_relative_to_the_config_directory() {
        let config = parse(
            "guidelines_file = \"conduct.md\"\nguidelines_url = \"https://intra.example.com/rules\"\n\
             [accounts.work.community_guidelines]\n\"Engineering Platform\" = \"/etc/eng.md\"\n",
        )
        .unwrap();
        let guidelines = &config.accounts["work"].guidelines;
        assert_eq!(guidelines.file, Some(PathBuf::from("/conf/conduct.md")));
        assert_eq!(
            guidelines.url.as_deref(),
            Some("https://intra.example.com/rules")
        );
        assert_eq!(
            guidelines.communities.get("Engineering Platform"),
            Some(&PathBuf::from("/etc/eng.md"))
        );
        assert!(parse("").unwrap().accounts["work"].guidelines.is_empty());
    }

    #[test]
    fn a_url_that_is_not_http_is_an_error_naming_the_key() {
        let error = parse("guidelines_url = \"file:///etc/passwd\"\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("accounts.work.guidelines_url"), "{error}");
        assert!(error.contains("http"), "{error}");
        assert!(parse("guidelines_url = \"not a url\"\n").is_err());
        assert!(parse("guidelines_files = \"x\"\n").is_err());
    }

    #[test]
    fn files_are_read_and_a_bad_path_is_a_message_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let conduct = dir.path().join("conduct.md");
        std::fs::write(&conduct, "Be kind.\n\nNo secrets.\n").unwrap();
        let config = GuidelinesConfig {
            file: Some(conduct),
            url: Some("https://intra.example.com/rules".to_owned()),
            communities: BTreeMap::from([
                ("Design".to_owned(), dir.path().join("missing.md")),
                ("Ops".to_owned(), dir.path().to_path_buf()),
            ]),
        };
        let loaded = load(&config);
        assert_eq!(loaded.network.as_deref(), Some("Be kind.\n\nNo secrets."));
        assert_eq!(
            loaded.url.as_deref(),
            Some("https://intra.example.com/rules")
        );
        assert!(loaded.communities.is_empty());
        assert_eq!(loaded.problems.len(), 2, "{:?}", loaded.problems);
        assert!(loaded.problems[0].starts_with("community_guidelines \"Design\" "));
        assert!(loaded.problems[0].contains("missing.md: cannot read"));
        assert!(loaded.problems[1].contains("is a directory"));
    }

    #[test]
    fn a_long_file_is_cut() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("long.md");
        std::fs::write(&file, "x".repeat(100_000)).unwrap();
        let loaded = load(&GuidelinesConfig {
            file: Some(file),
            ..GuidelinesConfig::default()
        });
        assert_eq!(
            loaded.network.map(|t| t.len()),
            Some(usize::try_from(MAX_FILE_BYTES).unwrap())
        );
    }
}
