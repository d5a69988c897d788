//! Handing things to the world outside the TUI: the browser for links, `$VISUAL`/`$EDITOR` for
//! drafts, and the terminal's clipboard through OSC 52. The token never goes along: child
//! processes run without `KRING_TOKEN`, and without any variable the caller names as holding
//! the token (e.g. an account's `token_env`), in their environment.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::domain::SafeText;
use crate::text::osc::{is_safe_for_osc, osc52_copy_sequence};

/// The environment variable that may hold the API token.
pub const TOKEN_VARIABLE: &str = "KRING_TOKEN";

/// Why a hand-off failed, in words for the status line.
#[derive(Debug, thiserror::Error)]
pub enum HandOffError {
    #[error("refusing to open {0:?}: only http and https links are opened")]
    NotAWebLink(String),
    #[error("could not start {program}: {source}")]
    Spawn { program: String, source: io::Error },
    #[error("{program} exited with {status}")]
    Failed {
        program: String,
        status: std::process::ExitStatus,
    },
    #[error("could not use the draft file {path}: {source}")]
    DraftFile { path: PathBuf, source: io::Error },
}

/// Opens `url` in `$BROWSER` (or the platform opener) without waiting for it. The browser
/// does not get `secret_variables` (nor `KRING_TOKEN`).
pub fn open_url(
    url: &str,
    browser: Option<String>,
    secret_variables: &[String],
) -> Result<(), HandOffError> {
    let is_web = url.starts_with("https://") || url.starts_with("http://");
    if !is_web || !is_safe_for_osc(url) || url.chars().any(char::is_whitespace) {
        return Err(HandOffError::NotAWebLink(url.to_owned()));
    }
    let program = browser
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| default_opener().to_owned());
    let mut words = program.split_whitespace();
    let command = words.next().unwrap_or(default_opener());
    without_secrets(Command::new(command), secret_variables)
        .args(words)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|source| HandOffError::Spawn {
            program: command.to_owned(),
            source,
        })
}

const fn default_opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

/// The editor to use: `$VISUAL`, then `$EDITOR`, then `vi`.
pub fn editor_command(visual: Option<String>, editor: Option<String>) -> String {
    [visual, editor]
        .into_iter()
        .flatten()
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned())
}

/// Runs `editor` on a private temporary file holding `draft` and returns the edited text.
/// Blocks until the editor exits; the caller suspends the TUI around it. The editor does not get
/// `secret_variables` (nor `KRING_TOKEN`).
pub fn edit_in_editor(
    editor: &str,
    draft: &str,
    dir: &Path,
    secret_variables: &[String],
) -> Result<String, HandOffError> {
    let path = dir.join(format!("kring-draft-{}-{}.md", std::process::id(), nanos()));
    let file_error = |source| HandOffError::DraftFile {
        path: path.clone(),
        source,
    };
    // A text file ends with a newline: editors and scripts that append (`echo … >>`) expect
    // one. The one added here is taken off again; the user's own newlines stay.
    write_private(&path, &format!("{draft}\n")).map_err(file_error)?;
    let result = run_editor(editor, &path, secret_variables)
        .and_then(|()| std::fs::read_to_string(&path).map_err(file_error))
        .map(|mut text| {
            if text.ends_with('\n') {
                text.pop();
            }
            text
        });
    let _ = std::fs::remove_file(&path);
    result
}

fn run_editor(editor: &str, path: &Path, secret_variables: &[String]) -> Result<(), HandOffError> {
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi").to_owned();
    let status = without_secrets(Command::new(&program), secret_variables)
        .args(words)
        .arg(path)
        .status()
        .map_err(|source| HandOffError::Spawn {
            program: program.clone(),
            source,
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(HandOffError::Failed { program, status })
    }
}

/// `command` with `KRING_TOKEN` and `secret_variables` taken out of its environment.
fn without_secrets(mut command: Command, secret_variables: &[String]) -> Command {
    command.env_remove(TOKEN_VARIABLE);
    for variable in secret_variables {
        command.env_remove(variable);
    }
    command
}

fn write_private(path: &Path, text: &str) -> io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// Writes the OSC 52 sequence that puts `text` on the clipboard to `out`.
pub fn copy_to_clipboard(out: &mut (impl Write + ?Sized), text: &str) -> io::Result<()> {
    out.write_all(osc52_copy_sequence(&SafeText::new(text)).as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_are_opened() {
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "https://x.test/\u{1b}]0;t\u{7}",
            "-h",
        ] {
            assert!(
                matches!(
                    open_url(bad, Some("true".into()), &[]),
                    Err(HandOffError::NotAWebLink(_))
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn the_editor_falls_back_from_visual_to_editor_to_vi() {
        assert_eq!(editor_command(Some("hx".into()), Some("nano".into())), "hx");
        assert_eq!(
            editor_command(Some(" ".into()), Some("nano".into())),
            "nano"
        );
        assert_eq!(editor_command(None, None), "vi");
    }

    #[test]
    fn the_editor_round_trip_reads_back_the_file_and_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        // `true` leaves the draft as it was: the text read back is the text written.
        let text = edit_in_editor("true", "draft text", dir.path(), &[]).unwrap();
        assert_eq!(text, "draft text");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        let kept = edit_in_editor("true", "two\nlines\n", dir.path(), &[]).unwrap();
        assert_eq!(kept, "two\nlines\n", "the draft's own last newline stays");
        assert!(matches!(
            edit_in_editor("false", "x", dir.path(), &[]),
            Err(HandOffError::Failed { .. })
        ));
    }

    #[test]
    fn a_line_a_script_appends_starts_on_a_line_of_its_own() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("append.sh");
        std::fs::write(&script, "#!/bin/sh\necho 'line appended' >> \"$1\"\n").unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
        let drafts = dir.path().join("drafts");
        std::fs::create_dir(&drafts).unwrap();
        let editor = script.to_string_lossy().into_owned();
        let text = edit_in_editor(&editor, "the server was down", &drafts, &[]).unwrap();
        assert_eq!(text, "the server was down\nline appended");
    }

    #[test]
    fn programs_started_for_the_user_lose_every_variable_holding_the_token() {
        let secrets = ["WORK_YAMMER_TOKEN".to_owned()];
        let command = without_secrets(Command::new("true"), &secrets);
        let removed: Vec<_> = command
            .get_envs()
            .filter(|(_, value)| value.is_none())
            .map(|(name, _)| name.to_owned())
            .collect();
        assert!(
            removed.iter().any(|name| name == TOKEN_VARIABLE),
            "{removed:?}"
        );
        assert!(
            removed.iter().any(|name| name == "WORK_YAMMER_TOKEN"),
            "{removed:?}"
        );
    }

    #[test]
    fn clipboard_copies_are_osc52() {
        let mut out = Vec::new();
        copy_to_clipboard(&mut out, "https://example.test/m/1").unwrap();
        let written = String::from_utf8(out).unwrap();
        assert!(written.starts_with("\u{1b}]52;"), "{written:?}");
    }
}
