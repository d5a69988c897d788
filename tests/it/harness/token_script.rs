//! A `token_command` for token refresh tests: `sh` printing a token from a file the test can change,
//! counting its runs. Test-only.

use std::path::PathBuf;
use std::time::Duration;

use kring::config::TokenOrigin;

/// A `token_command` that counts its runs and prints the contents of a file.
pub struct TokenScript {
    _dir: tempfile::TempDir,
    runs: PathBuf,
    pub token: PathBuf,
}

impl TokenScript {
    pub fn printing(token: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let runs = dir.path().join("runs");
        let token_file = dir.path().join("token");
        std::fs::write(&token_file, format!("{token}\n")).expect("token file");
        Self {
            runs,
            token: token_file,
            _dir: dir,
        }
    }

    pub fn origin(&self) -> TokenOrigin {
        let argv = [
            "sh",
            "-c",
            r#"echo run >> "$1"; cat "$2""#,
            "sh",
            self.runs.to_str().expect("utf-8 path"),
            self.token.to_str().expect("utf-8 path"),
        ];
        TokenOrigin::Command {
            argv: argv.iter().map(|part| (*part).to_owned()).collect(),
            timeout: Duration::from_secs(10),
        }
    }

    pub fn runs(&self) -> usize {
        std::fs::read_to_string(&self.runs)
            .map(|text| text.lines().count())
            .unwrap_or(0)
    }
}
