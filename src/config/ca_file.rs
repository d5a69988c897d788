//! Extra certificate authorities: a company whose network inspects TLS re-signs every site with
//! its own CA, which the system may not trust. `ca_file` (per account, or in `[network]` for
//! all) and `SSL_CERT_FILE` name PEM bundles the API client trusts besides the system's roots.
//! Each file is read and checked here, so a missing, unreadable or non-PEM file is a clear
//! error naming it.
//!
//! Reads the files it is pointed at and the environment only through the closure it is given;
//! it decides nothing about connections.

use std::path::PathBuf;

use super::file::{ConfigError, ConfigFile};

/// The variable OpenSSL and most TLS stacks read for a CA bundle.
pub const SSL_CERT_FILE: &str = "SSL_CERT_FILE";

/// A PEM bundle to trust, and which setting named it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaFile {
    pub path: PathBuf,
    /// In words: "ca_file of [accounts.work]", "[network] ca_file", "SSL_CERT_FILE".
    pub origin: String,
}

/// The CA bundles that apply to `account` (a name from config.toml; an account that is not
/// there, such as the one `KRING_SERVER` defines, gets `[network]`'s only): the account's
/// `ca_file`, `[network] ca_file`, then `SSL_CERT_FILE`.
pub fn ca_files(
    config: &ConfigFile,
    account: &str,
    env: impl Fn(&str) -> Option<String>,
) -> Vec<CaFile> {
    let mut files = Vec::new();
    if let Some(path) = config.accounts.get(account).and_then(|a| a.ca_file.clone()) {
        files.push(CaFile {
            path,
            origin: format!("ca_file of [accounts.{account}]"),
        });
    }
    if let Some(path) = config.ca_file.clone() {
        files.push(CaFile {
            path,
            origin: "[network] ca_file".to_owned(),
        });
    }
    if let Some(path) = env(SSL_CERT_FILE).filter(|value| !value.trim().is_empty()) {
        files.push(CaFile {
            path: PathBuf::from(path.trim()),
            origin: SSL_CERT_FILE.to_owned(),
        });
    }
    files
}

impl CaFile {
    /// The certificates in the file; an error names the file and the setting when it cannot
    /// be read or holds no PEM certificate.
    pub fn load(&self) -> Result<Vec<reqwest::Certificate>, ConfigError> {
        let error = |reason: String| ConfigError::CaFile {
            file: self.path.clone(),
            origin: self.origin.clone(),
            reason,
        };
        let bytes = std::fs::read(&self.path).map_err(|e| error(format!("cannot read: {e}")))?;
        parse_bundle(&bytes).map_err(error)
    }
}

/// Whether the system's trust store already reads `SSL_CERT_FILE` (the platform verifier
/// does on Linux and the BSDs, where it then replaces the system's list, as OpenSSL does).
pub const SYSTEM_READS_SSL_CERT_FILE: bool = cfg!(all(
    unix,
    not(target_vendor = "apple"),
    not(target_os = "android")
));

/// The extra roots a client for `account` at `base_url` trusts: none for plain http (no TLS,
/// nothing read), otherwise every bundle of [`ca_files`]. Each file is checked; one the
/// system's store reads anyway (`SSL_CERT_FILE` on Linux) is not held twice.
pub fn roots_for(
    config: &ConfigFile,
    account: &str,
    base_url: &str,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Vec<reqwest::Certificate>, ConfigError> {
    if !base_url.trim_start().starts_with("https:") {
        return Ok(Vec::new());
    }
    let mut roots = Vec::new();
    for file in ca_files(config, account, env) {
        let certificates = file.load()?;
        if !(SYSTEM_READS_SSL_CERT_FILE && file.origin == SSL_CERT_FILE) {
            roots.extend(certificates);
        }
    }
    Ok(roots)
}

/// The certificates of a PEM bundle, or why there are none.
fn parse_bundle(bytes: &[u8]) -> Result<Vec<reqwest::Certificate>, String> {
    let certificates = reqwest::Certificate::from_pem_bundle(bytes)
        .map_err(|e| format!("not a PEM certificate bundle: {e}"))?;
    if certificates.is_empty() {
        return Err(
            "holds no PEM certificate (expected -----BEGIN CERTIFICATE----- blocks)".to_owned(),
        );
    }
    Ok(certificates)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn config(text: &str) -> ConfigFile {
        ConfigFile::parse(Path::new("/cfg/config.toml"), text).unwrap()
    }

    const TWO_ACCOUNTS: &str = r#"
        default_account = "work"
        [accounts.work]
        base_url = "https://www.yammer.com/api/v1"
        token_env = "T"
        ca_file = "corp.pem"
        [accounts.home]
        base_url = "https://www.yammer.com/api/v1"
        token_env = "T"
        [network]
        ca_file = "/etc/all.pem"
    "#;

    #[test]
    fn an_accounts_file_then_the_networks_then_ssl_cert_file() {
        let config = config(TWO_ACCOUNTS);
        let env = |key: &str| (key == SSL_CERT_FILE).then(|| "/env/ca.pem".to_owned());
        let files = ca_files(&config, "work", env);
        let paths: Vec<_> = files.iter().map(|f| f.path.clone()).collect();
        assert_eq!(
            paths,
            [
                PathBuf::from("/cfg/corp.pem"),
                PathBuf::from("/etc/all.pem"),
                PathBuf::from("/env/ca.pem")
            ]
        );
        assert_eq!(files[0].origin, "ca_file of [accounts.work]");
        let home = ca_files(&config, "home", |_| None);
        assert_eq!(home.len(), 1, "{home:?}");
        assert_eq!(home[0].origin, "[network] ca_file");
    }

    #[test]
    fn plain_http_reads_no_file() {
        let config = config(TWO_ACCOUNTS);
        let roots = roots_for(&config, "work", "http://127.0.0.1:8808/api/v1", |_| None);
        assert!(roots.unwrap().is_empty());
    }

    #[test]
    fn a_missing_or_non_pem_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let missing = CaFile {
            path: dir.path().join("nope.pem"),
            origin: SSL_CERT_FILE.to_owned(),
        };
        let text = missing.load().unwrap_err().to_string();
        assert!(
            text.contains("nope.pem") && text.contains("SSL_CERT_FILE"),
            "{text}"
        );
        assert!(text.contains("cannot read"), "{text}");

        let junk = dir.path().join("junk.pem");
        std::fs::write(&junk, "this is not a certificate\n").unwrap();
        let file = CaFile {
            path: junk,
            origin: "[network] ca_file".to_owned(),
        };
        let text = file.load().unwrap_err().to_string();
        assert!(
            text.contains("junk.pem") && text.contains("no PEM certificate"),
            "{text}"
        );
    }

    #[test]
    fn a_pem_bundle_loads() {
        let ca = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tls/ca.pem");
        let file = CaFile {
            path: PathBuf::from(ca),
            origin: SSL_CERT_FILE.to_owned(),
        };
        assert_eq!(file.load().unwrap().len(), 1);
    }
}
