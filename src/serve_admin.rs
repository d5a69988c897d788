//! `kring serve user ...` and `kring serve backup`: runs the administrator's command on the
//! database file (`server::admin`, `server::backup`, on a blocking thread) and prints what it
//! did. Owns the wording and layout of that output only. A token goes to standard output once
//! and nowhere else; what is said about it goes to standard error, so `$(...)` captures just
//! the token.

use std::io::Write;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::cli::{ServeAction, UserAction};
use crate::server::admin::{self, Account, AdminError, NewUser};
use crate::server::backup::{self, BackupError};

/// Why an administrator's command failed.
#[derive(Debug, Error)]
pub enum ServeAdminError {
    #[error("{0}")]
    Admin(#[from] AdminError),
    #[error("{0}")]
    Backup(#[from] BackupError),
    #[error("cannot write the output: {0}")]
    Output(#[from] std::io::Error),
    #[error("a background task failed: {0}")]
    Task(String),
}

/// Runs `action` on the database at `db`.
pub async fn run(action: ServeAction, db: PathBuf) -> Result<(), ServeAdminError> {
    tokio::task::spawn_blocking(move || run_blocking(action, &db))
        .await
        .map_err(|e| ServeAdminError::Task(e.to_string()))?
}

fn run_blocking(action: ServeAction, db: &Path) -> Result<(), ServeAdminError> {
    let mut out = std::io::stdout().lock();
    match action {
        ServeAction::Backup(args) => {
            let size = backup::backup(db, &args.file, args.force)?;
            writeln!(
                out,
                "backed up {} to {} ({size} bytes)",
                db.display(),
                args.file.display()
            )?;
        }
        ServeAction::User(UserAction::Add(args)) => {
            let new = NewUser {
                username: args.username,
                full_name: args.name,
                email: args.email,
                department: args.department,
            };
            let added = admin::add_user(db, &new)?;
            writeln!(
                out,
                "added {} ({}), id {}; they can sign in now, or run `kring serve user token {}`",
                added.username,
                printable(&added.full_name),
                added.id,
                added.username
            )?;
        }
        ServeAction::User(UserAction::List { json }) => {
            let people = admin::list_users(db)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &people).map_err(std::io::Error::other)?;
                writeln!(out)?;
            } else {
                out.write_all(table(&people).as_bytes())?;
            }
        }
        ServeAction::User(UserAction::Directory {
            username, listed, ..
        }) => {
            let already = admin::set_directory_listing(db, &username, listed)?;
            let name = printable(&username);
            let state = if listed {
                "listed in the directory"
            } else {
                "left out of the directory, people search and expertise rankings"
            };
            let note = if already { " (already)" } else { "" };
            writeln!(out, "{name} is {state}{note}")?;
        }
        ServeAction::User(UserAction::Disable { username }) => {
            let done = admin::disable_user(db, &username)?;
            let name = printable(&username);
            if done.already {
                writeln!(out, "{name} was disabled already")?;
            } else {
                writeln!(
                    out,
                    "disabled {name}: {} token(s) stopped working and they cannot sign in; \
                     their messages stay",
                    done.tokens_revoked
                )?;
            }
        }
        ServeAction::User(UserAction::Token {
            username,
            revoke_all,
        }) => {
            let (token, revoked) = admin::issue_token(db, &username, revoke_all)?;
            if revoke_all {
                let _ = writeln!(
                    std::io::stderr(),
                    "revoked {revoked} earlier token(s) of {}",
                    printable(&username)
                );
            }
            writeln!(out, "{token}")?;
        }
    }
    out.flush()?;
    Ok(())
}

/// `text` with control characters shown as `?`, so a name never drives the terminal.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// The people as aligned columns with a header line.
fn table(people: &[Account]) -> String {
    let header = ["USERNAME", "NAME", "EMAIL", "DEPARTMENT", "STATE", "TOKENS"];
    let rows: Vec<[String; 6]> = people
        .iter()
        .map(|p| {
            [
                printable(&p.username),
                printable(&p.full_name),
                printable(&p.email),
                printable(&p.department),
                if p.disabled { "disabled" } else { "active" }.to_owned(),
                p.tokens.to_string(),
            ]
        })
        .collect();
    let width = |i: usize| {
        rows.iter()
            .map(|r| crate::text::width::display_width(&r[i]))
            .chain([header[i].len()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..header.len()).map(width).collect();
    let line = |cells: &[&str]| {
        let mut line = String::new();
        for (i, cell) in cells.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < cells.len() {
                let pad = widths[i].saturating_sub(crate::text::width::display_width(cell)) + 2;
                line.push_str(&" ".repeat(pad));
            }
        }
        line.push('\n');
        line
    };
    let mut text = line(&header);
    for row in &rows {
        text.push_str(&line(&row.iter().map(String::as_str).collect::<Vec<_>>()));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lines_up_and_shows_no_control_characters() {
        let person = |username: &str, full_name: &str, disabled| Account {
            id: 1,
            username: username.into(),
            full_name: full_name.into(),
            email: String::new(),
            department: "Ops".into(),
            admin: false,
            disabled,
            tokens: 2,
        };
        let text = table(&[
            person("ada", "Ada Lovelace", false),
            person("bo", "Bo\u{1b}[2J", true),
        ]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("USERNAME  NAME          EMAIL"));
        assert!(lines[2].starts_with("bo        Bo?[2J"));
        assert!(lines[2].contains("disabled"));
        assert!(!text.contains('\u{1b}'));
    }
}
