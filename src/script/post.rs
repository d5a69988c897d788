//! `kring post`: queue one post in the outbox of the data directory (durable before any
//! request), deliver everything pending for the account within `--wait`, report, exit.
//! `--flush` only delivers. Owns the command's input, output and exit codes; the delivery
//! itself is the engine's (`crate::delivery`). Must never drop a post it was given: once queued, a post stays in
//! the outbox until delivered or cancelled, whatever this process does.

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use serde_json::json;

use crate::api::{Client, ClientOptions};
use crate::cli::PostArgs;
use crate::config::{ConfigFile, Paths, ResolvedAccount, resolve_account};
use crate::delivery::{Delivery, DeliveryError, DeliveryOptions, account_key};
use crate::store::{DraftTarget, OutboxItem, OutboxState, OutboxStatus};
use crate::text::sanitize::sanitize_paste;

/// How `kring post` ended, and its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostExit {
    /// The post is on the server (`--flush`: nothing is left pending). Exit 0.
    Delivered,
    /// The server refused the post; it stays in the outbox as failed. Exit 2.
    Refused,
    /// Not delivered yet; it stays queued for the next kring run. Exit 75 (EX_TEMPFAIL).
    Queued,
}

impl PostExit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            PostExit::Delivered => 0,
            PostExit::Refused => 2,
            PostExit::Queued => 75,
        }
    }
}

impl From<PostExit> for ExitCode {
    fn from(exit: PostExit) -> Self {
        ExitCode::from(exit.code())
    }
}

/// Runs `kring post`. `selected_account` is the command line's `--account`. Configuration
/// problems are errors; a post that was queued but not delivered is `Ok(PostExit::Queued)`.
pub async fn run_post_command(
    args: PostArgs,
    paths: Paths,
    selected_account: Option<String>,
) -> Result<PostExit, DeliveryError> {
    let body = if args.flush {
        None
    } else {
        Some(read_body(args.text.as_deref()).await?)
    };
    let config = ConfigFile::load(&paths.config_file())?;
    let account = {
        let config = config.clone();
        tokio::task::spawn_blocking(move || {
            resolve_account(
                &config,
                |key| std::env::var(key).ok(),
                selected_account.as_deref(),
            )
        })
        .await
        .map_err(|err| DeliveryError::Task(err.to_string()))??
        .ok_or(DeliveryError::NoAccount)?
    };
    // The same directory as the TUI's for this account, with an earlier kring's store moved
    // there first.
    let dir = crate::account_data::account_dir(&paths, Some(&account.name));
    create_private_dir(&dir)?;
    let adopted = {
        let (paths, config, dir) = (paths.clone(), config.clone(), dir.clone());
        tokio::task::spawn_blocking(move || {
            crate::account_data::adopt_old_store_into(&paths, &config, &dir)
        })
        .await
        .map_err(|err| DeliveryError::Task(err.to_string()))?
    };
    if let Some(adopted) = adopted {
        eprintln!("kring: {adopted}");
    }
    let client = client_for(&account, &config)?;
    let key = account_key(&account.base_url, &account.name);
    let (delivery, report) = Delivery::open(&dir, key, client).await?;
    if let OutboxStatus::Recovered {
        reason, moved_to, ..
    } = &report.outbox
    {
        eprintln!(
            "kring: the outbox was damaged ({reason}); the old file is kept at {}",
            moved_to.display()
        );
    }
    let defaults = DeliveryOptions::default();
    let delivery = delivery.with_options(DeliveryOptions {
        settle: Duration::from_secs(args.settle_secs),
        lease: defaults.lease.max(lease_for(config.network.total_timeout)),
        ..defaults
    });
    let patience = Duration::from_secs(args.wait);
    let Some(body) = body else {
        delivery.deliver_pending(patience).await?;
        delivery.prune_sent_logged().await;
        return report_flush(&delivery, args.json).await;
    };
    let local_id = delivery
        .handle()
        .enqueue_keeping_draft(target_of(&args), &body, &args.topics)
        .await?;
    delivery.deliver_pending(patience).await?;
    delivery.prune_sent_logged().await;
    let item = delivery.handle().item(local_id).await?;
    report_post(local_id, item.as_ref(), args.json)
}

/// A lease that outlasts the slowest request: twice the total timeout, plus a full wait for
/// the request budget (Yammer's 30 s window).
fn lease_for(total_timeout: Duration) -> Duration {
    total_timeout.saturating_mul(2) + Duration::from_secs(30)
}

fn target_of(args: &PostArgs) -> DraftTarget {
    match (args.group, args.reply_to, args.to) {
        // The thread is not known without asking the server; the message id stands in (it
        // only names the draft slot, which a scripted post never uses).
        (_, Some(message), _) => DraftTarget::Reply {
            thread_id: message,
            replied_to_id: message,
        },
        (_, None, Some(user_id)) => DraftTarget::Direct { user_id },
        (group_id, None, None) => DraftTarget::NewPost { group_id },
    }
}

/// The text from the argument or standard input, with escape sequences and control characters
/// neutralised (as for a paste) and surrounding whitespace trimmed.
async fn read_body(text: Option<&str>) -> Result<String, DeliveryError> {
    let raw = match text {
        Some(text) if text != "-" => text.to_owned(),
        _ => {
            if text.is_none() && std::io::stdin().is_terminal() {
                return Err(DeliveryError::NoText);
            }
            tokio::task::spawn_blocking(|| {
                let mut input = String::new();
                std::io::stdin()
                    .read_to_string(&mut input)
                    .map(|_| input)
                    .map_err(DeliveryError::Stdin)
            })
            .await
            .map_err(|err| DeliveryError::Task(err.to_string()))??
        }
    };
    let body = sanitize_paste(&raw).trim().to_owned();
    if body.is_empty() {
        return Err(DeliveryError::EmptyBody);
    }
    Ok(body)
}

fn client_for(account: &ResolvedAccount, config: &ConfigFile) -> Result<Client, DeliveryError> {
    let options = ClientOptions {
        connect_timeout: config.network.connect_timeout,
        read_timeout: config.network.read_timeout,
        total_timeout: config.network.total_timeout,
        ..ClientOptions::default()
    };
    let roots = crate::config::ca_file::roots_for(
        config,
        &account.name,
        &account.base_url,
        crate::launch::session::process_env,
    )?;
    Ok(
        Client::with_roots(&account.base_url, account.token.expose(), options, roots)?
            .with_token_origin(account.origin.clone()),
    )
}

fn create_private_dir(dir: &Path) -> Result<(), DeliveryError> {
    crate::store::private::private_dir(dir).map_err(|source| DeliveryError::CreateDir {
        path: dir.to_path_buf(),
        source,
    })
}

fn report_post(
    local_id: i64,
    item: Option<&OutboxItem>,
    as_json: bool,
) -> Result<PostExit, DeliveryError> {
    let state = item.map(|item| &item.state);
    let (exit, line, problem) = match (state, item.and_then(|i| i.server_message_id)) {
        (Some(OutboxState::Sent), Some(message_id)) => (
            PostExit::Delivered,
            if as_json {
                json!({"local_id": local_id, "state": "sent", "message_id": message_id}).to_string()
            } else {
                message_id.to_string()
            },
            None,
        ),
        (Some(OutboxState::Failed { reason }), _) => (
            PostExit::Refused,
            json!({"local_id": local_id, "state": "failed", "reason": reason}).to_string(),
            Some(format!(
                "kring: the server refused post #{local_id}: {reason} (kept in the outbox)"
            )),
        ),
        (state, _) => {
            let state = state.map_or_else(|| "cancelled".to_owned(), ToString::to_string);
            let why = item
                .and_then(|i| i.last_error.clone())
                .unwrap_or_else(|| "posts queued before it are still waiting".to_owned());
            (
                PostExit::Queued,
                json!({"local_id": local_id, "state": state, "error": why}).to_string(),
                Some(format!(
                    "kring: post #{local_id} is queued but not delivered yet ({why}); \
                     the next kring run or `kring post --flush` delivers it"
                )),
            )
        }
    };
    if as_json || exit == PostExit::Delivered {
        print_line(&line)?;
    }
    if let Some(problem) = problem {
        eprintln!("{problem}");
    }
    Ok(exit)
}

async fn report_flush(delivery: &Delivery, as_json: bool) -> Result<PostExit, DeliveryError> {
    let items = delivery.handle().items().await?;
    let count =
        |wanted: fn(&OutboxState) -> bool| items.iter().filter(|i| wanted(&i.state)).count();
    let pending = count(|s| {
        matches!(
            s,
            OutboxState::Queued | OutboxState::Sending | OutboxState::Unknown
        )
    });
    let failed = count(|s| matches!(s, OutboxState::Failed { .. }));
    if as_json {
        print_line(&json!({"pending": pending, "failed": failed}).to_string())?;
    } else if pending > 0 || failed > 0 {
        eprintln!("kring: {pending} posts still queued, {failed} refused by the server");
    }
    Ok(if pending == 0 {
        PostExit::Delivered
    } else {
        PostExit::Queued
    })
}

fn print_line(line: &str) -> Result<(), DeliveryError> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")
        .and_then(|()| out.flush())
        .map_err(DeliveryError::Output)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_tell_refused_from_queued() {
        assert_eq!(PostExit::Delivered.code(), 0);
        assert_ne!(PostExit::Refused.code(), PostExit::Queued.code());
        assert_ne!(PostExit::Refused.code(), 0);
    }

    #[test]
    fn a_queued_post_reports_why_it_waits() -> Result<(), DeliveryError> {
        let exit = report_post(4, None, false)?;
        assert_eq!(exit, PostExit::Queued);
        Ok(())
    }
}
