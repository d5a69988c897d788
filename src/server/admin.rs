//! Running `kring serve` for a team: the administrator's commands on the database file
//! (`kring serve user add|list|disable|token`). Each opens the existing file next to a running
//! server (WAL and a busy timeout let both write), validates what it is given, and changes the
//! database in one transaction. Returns data; printing is the caller's job. Never logs a token,
//! and never creates or seeds a database.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};

pub use super::db::accounts::Account;
use super::db::{self, accounts, tokens};
use super::errors::ServerError;

/// Longest username, full name, email and department accepted.
const MAX_USERNAME: usize = 64;
const MAX_TEXT: usize = 200;

/// Why an administrator's command failed; each says what to do.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error(
        "no kring serve database at {} (run `kring serve --empty --db {}` once to create one)",
        .0.display(), .0.display()
    )]
    NoDatabase(PathBuf),
    #[error(
        "{0:?} is not a usable username: use 1 to 64 lower-case letters, digits, '.', '_' or '-', \
         starting with a letter or digit"
    )]
    BadUsername(String),
    #[error("the {field} must be 1 to 200 characters, without control characters")]
    BadText { field: &'static str },
    #[error("{0:?} is not an email address")]
    BadEmail(String),
    #[error("there is already a user named {0:?}")]
    Taken(String),
    #[error("no user named {0:?} in this database")]
    UnknownUser(String),
    #[error("{0:?} is disabled and cannot be given a token")]
    Disabled(String),
    #[error(transparent)]
    Server(#[from] ServerError),
}

impl From<rusqlite::Error> for AdminError {
    fn from(error: rusqlite::Error) -> Self {
        Self::Server(ServerError::Db(error))
    }
}

/// A person to add, as typed on the command line.
#[derive(Clone, Debug, Default)]
pub struct NewUser {
    pub username: String,
    pub full_name: String,
    pub email: Option<String>,
    pub department: Option<String>,
}

/// What disabling someone did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Disabled {
    /// Whether they were disabled before already.
    pub already: bool,
    /// How many access tokens stopped working.
    pub tokens_revoked: usize,
}

fn open(db_path: &Path) -> Result<Connection, AdminError> {
    db::open_existing(db_path)?.ok_or_else(|| AdminError::NoDatabase(db_path.to_owned()))
}

/// A username as stored (lower case), or why it is not one.
pub fn username(raw: &str) -> Result<String, AdminError> {
    let name = raw.trim().to_lowercase();
    let fits = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c);
    let starts_well = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    if name.len() > MAX_USERNAME || !starts_well || !name.chars().all(fits) {
        return Err(AdminError::BadUsername(raw.to_owned()));
    }
    Ok(name)
}

fn text(raw: &str, field: &'static str) -> Result<String, AdminError> {
    let text = raw.trim();
    if text.is_empty() || text.chars().count() > MAX_TEXT || text.chars().any(char::is_control) {
        return Err(AdminError::BadText { field });
    }
    Ok(text.to_owned())
}

fn email(raw: &str) -> Result<String, AdminError> {
    let email = raw.trim().to_lowercase();
    let well_formed = email.len() <= MAX_TEXT
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.contains('@')
        });
    if !well_formed {
        return Err(AdminError::BadEmail(raw.to_owned()));
    }
    Ok(email)
}

/// `kring serve user add`: adds an active person (no token yet) and returns them.
pub fn add_user(db_path: &Path, new: &NewUser) -> Result<Account, AdminError> {
    let username = username(&new.username)?;
    let full_name = text(&new.full_name, "full name")?;
    let email = new
        .email
        .as_deref()
        .map(email)
        .transpose()?
        .unwrap_or_default();
    let department = match new.department.as_deref() {
        Some(d) => text(d, "department")?,
        None => String::new(),
    };
    let mut conn = open(db_path)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let added = accounts::NewAccount {
        username: &username,
        full_name: &full_name,
        email: &email,
        department: &department,
    };
    if accounts::add(&tx, &added, db::rows::now_secs())?.is_none() {
        return Err(AdminError::Taken(username));
    }
    let account = accounts::by_username(&tx, &username, tokens::now_millis())?
        .ok_or_else(|| AdminError::UnknownUser(username.clone()))?;
    tx.commit()?;
    Ok(account)
}

/// `kring serve user list`: everyone, by username.
pub fn list_users(db_path: &Path) -> Result<Vec<Account>, AdminError> {
    let conn = open(db_path)?;
    Ok(accounts::list(&conn, tokens::now_millis())?)
}

fn find(conn: &Connection, raw: &str) -> Result<Account, AdminError> {
    let name = raw.trim().to_lowercase();
    accounts::by_username(conn, &name, tokens::now_millis())?
        .ok_or_else(|| AdminError::UnknownUser(raw.to_owned()))
}

/// `kring serve user disable`: the person's tokens stop working at once, their sign-ins are
/// revoked and they cannot sign in again; their messages stay.
pub fn disable_user(db_path: &Path, username: &str) -> Result<Disabled, AdminError> {
    let mut conn = open(db_path)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let account = find(&tx, username)?;
    accounts::disable(&tx, account.id)?;
    let tokens_revoked = tokens::revoke_user(&tx, account.id)?;
    tx.commit()?;
    Ok(Disabled {
        already: account.disabled,
        tokens_revoked,
    })
}

/// `kring serve user directory`: whether the directory lists `username`. Returns whether it
/// already did as asked.
pub fn set_directory_listing(
    db_path: &Path,
    username: &str,
    listed: bool,
) -> Result<bool, AdminError> {
    let conn = open(db_path)?;
    let account = find(&conn, username)?;
    let change = crate::server::db::profile::ProfileChange {
        show_in_directory: Some(listed),
        ..Default::default()
    };
    let before: bool = conn.query_row(
        "SELECT show_in_directory FROM users WHERE id = ?1",
        [crate::server::db::rows::to_sql_id(account.id)],
        |row| row.get(0),
    )?;
    crate::server::db::profile::apply(&conn, account.id, &change)?;
    Ok(before == listed)
}

/// `kring serve user token`: a new token that never expires, for an active person; with
/// `revoke_all`, every earlier token and sign-in of theirs stops working first. Returns the
/// token and how many were revoked. Only the token's hash is stored.
pub fn issue_token(
    db_path: &Path,
    username: &str,
    revoke_all: bool,
) -> Result<(String, usize), AdminError> {
    let mut conn = open(db_path)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let account = find(&tx, username)?;
    if account.disabled {
        return Err(AdminError::Disabled(account.username));
    }
    let revoked = if revoke_all {
        tokens::revoke_user(&tx, account.id)?
    } else {
        0
    };
    let token = tokens::for_user(&tx, account.id)?;
    tx.commit()?;
    Ok((token, revoked))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_lower_case_and_plain() {
        assert_eq!(username(" Ada.Lovelace ").unwrap(), "ada.lovelace");
        assert_eq!(username("x_1-2").unwrap(), "x_1-2");
        for bad in ["", "-ada", "ada lovelace", "ådå", "a@b", &"a".repeat(65)] {
            assert!(username(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn emails_and_names_are_checked() {
        assert_eq!(email(" Ada@Example.TEST ").unwrap(), "ada@example.test");
        for bad in [
            "ada",
            "@example.test",
            "ada@localhost",
            "a b@example.test",
            "a@b@c.d",
        ] {
            assert!(email(bad).is_err(), "{bad:?}");
        }
        assert_eq!(text("  Ada  ", "full name").unwrap(), "Ada");
        assert!(text("  ", "full name").is_err());
        assert!(text("Ada\u{1b}[2J", "full name").is_err());
    }

    #[test]
    fn a_missing_database_is_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("none.sqlite");
        assert!(matches!(list_users(&path), Err(AdminError::NoDatabase(_))));
        assert!(!path.exists());
    }

    #[test]
    fn people_are_added_disabled_and_given_tokens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("team.sqlite");
        let mut options = super::super::ServeOptions::new(&path);
        options.seed_demo = false;
        super::super::token_with(&options, None).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "a new database is private");
        }
        let new = NewUser {
            username: "Ada".into(),
            full_name: "Ada Lovelace".into(),
            email: Some("ada@example.test".into()),
            department: None,
        };
        let ada = add_user(&path, &new).unwrap();
        assert_eq!((ada.username.as_str(), ada.tokens), ("ada", 0));
        assert!(matches!(add_user(&path, &new), Err(AdminError::Taken(_))));
        let (first, _) = issue_token(&path, "ada", false).unwrap();
        let (second, revoked) = issue_token(&path, "ADA", true).unwrap();
        assert_eq!(revoked, 1);
        let conn = open(&path).unwrap();
        assert_eq!(tokens::user_for(&conn, &first).unwrap(), None);
        assert_eq!(tokens::user_for(&conn, &second).unwrap(), Some(ada.id));
        let disabled = disable_user(&path, "ada").unwrap();
        assert_eq!(
            disabled,
            Disabled {
                already: false,
                tokens_revoked: 1
            }
        );
        assert_eq!(tokens::user_for(&conn, &second).unwrap(), None);
        assert!(matches!(
            issue_token(&path, "ada", false),
            Err(AdminError::Disabled(_))
        ));
        assert!(disable_user(&path, "ada").unwrap().already);
        let listed = list_users(&path).unwrap();
        assert_eq!(
            listed
                .iter()
                .map(|a| a.username.as_str())
                .collect::<Vec<_>>(),
            ["ada", "demo"]
        );
        assert!(listed[0].disabled);
        assert!(matches!(
            disable_user(&path, "nobody"),
            Err(AdminError::UnknownUser(_))
        ));
    }
}
