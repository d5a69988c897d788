//! `kring post` (the real binary) against an in-process `kring serve`: output, exit codes,
//! standard input, offline queueing and `--flush`, refusals, drafts left alone, and a
//! missing account.

use crate::harness::offline;
use crate::harness::server;

use std::process::Stdio;

use kring::config::account::ENV_ACCOUNT_NAME;
use kring::delivery::account_key;
use kring::store::{DraftTarget, OutboxState, OutboxStore};
use offline::{PostEnv, post_command, run_post};
use server::{Fallible, TestResult, client, serve, serve_fresh, server_sent};
use tokio::io::AsyncWriteExt;

fn post_env(dir: &std::path::Path, server: &str, token: &str) -> PostEnv {
    PostEnv {
        server: server.to_owned(),
        token: token.to_owned(),
        data_dir: dir.join("data"),
        config_dir: dir.join("config"),
    }
}

async fn bodies_on_server(base_url: &str, token: &str) -> Fallible<Vec<(u64, String)>> {
    Ok(server_sent(&client(base_url, token)?)
        .await?
        .into_iter()
        .map(|m| (m.id, m.body_plain))
        .collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kring_post_prints_the_new_message_id_or_json() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (server, token) = serve_fresh(&dir.path().join("server.sqlite")).await?;
    let env = post_env(dir.path(), &server.base_url, &token);

    let text = run_post(&env, &["post", "plain hello"]).await?;
    assert_eq!(text.code, Some(0), "{text:?}");
    let text_id = text.message_id().ok_or("prints the id")?;

    let json = run_post(&env, &["post", "--json", "--topic", "ops", "json hello"]).await?;
    assert_eq!(json.code, Some(0), "{json:?}");
    let value = json.json().ok_or("prints JSON")?;
    assert_eq!(value["state"], "sent");
    let json_id = value["message_id"].as_u64().ok_or("message_id")?;
    assert!(value["local_id"].as_i64().is_some());

    let on_server = bodies_on_server(&server.base_url, &token).await?;
    assert!(on_server.contains(&(text_id, "plain hello".to_owned())));
    assert!(on_server.contains(&(json_id, "json hello".to_owned())));
    assert_eq!(on_server.len(), 2);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kring_post_reads_standard_input_and_neutralises_escape_sequences() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (server, token) = serve_fresh(&dir.path().join("server.sqlite")).await?;
    let env = post_env(dir.path(), &server.base_url, &token);
    let mut child = post_command(&env, &["post", "-"])
        .stdin(Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().ok_or("stdin")?;
    stdin
        .write_all(b"from a pipe \x1b[31mred\x1b[0m\nsecond line\n")
        .await?;
    drop(stdin);
    let output = offline::ChildOutput::from_output(&child.wait_with_output().await?);
    assert_eq!(output.code, Some(0), "{output:?}");
    let id = output.message_id().ok_or("prints the id")?;
    let on_server = bodies_on_server(&server.base_url, &token).await?;
    assert_eq!(
        on_server,
        vec![(id, "from a pipe red\nsecond line".to_owned())]
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_post_stays_queued_and_flush_delivers_it_once() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("server.sqlite");
    let (first, token) = serve_fresh(&db).await?;
    let (addr, base_url) = (first.addr, first.base_url.clone());
    first.shutdown().await?;
    let env = post_env(dir.path(), &base_url, &token);

    let offline = run_post(&env, &["post", "--json", "--wait", "0", "written offline"]).await?;
    assert_eq!(offline.code, Some(75), "{offline:?}");
    assert!(offline.stderr.contains("queued"), "{offline:?}");
    let value = offline.json().ok_or("prints JSON")?;
    assert_eq!(value["state"], "queued");
    let (store, _) = OutboxStore::open(&env.account_dir())?;
    let items = store.list(&account_key(&base_url, ENV_ACCOUNT_NAME))?;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].state, OutboxState::Queued);
    assert_eq!(items[0].body, "written offline");

    let server = serve(&db, addr).await?;
    let flush = run_post(&env, &["post", "--flush", "--json", "--wait", "60"]).await?;
    assert_eq!(flush.code, Some(0), "{flush:?}");
    assert_eq!(flush.json().ok_or("prints JSON")?["pending"], 0);
    let on_server = bodies_on_server(&server.base_url, &token).await?;
    assert_eq!(on_server.len(), 1, "{on_server:?}");
    assert_eq!(on_server[0].1, "written offline");
    let sent = store.list(&account_key(&base_url, ENV_ACCOUNT_NAME))?;
    assert_eq!(sent[0].server_message_id, Some(on_server[0].0));
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_post_exits_2_with_the_servers_reason() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (server, token) = serve_fresh(&dir.path().join("server.sqlite")).await?;
    let env = post_env(dir.path(), &server.base_url, &token);
    let output = run_post(&env, &["post", "--reply-to", "987654321", "to nowhere"]).await?;
    assert_eq!(output.code, Some(2), "{output:?}");
    assert!(output.stderr.contains("Cannot reply"), "{output:?}");
    assert!(bodies_on_server(&server.base_url, &token).await?.is_empty());
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kring_post_leaves_the_users_draft_alone() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (server, token) = serve_fresh(&dir.path().join("server.sqlite")).await?;
    let env = post_env(dir.path(), &server.base_url, &token);
    std::fs::create_dir_all(env.account_dir())?;
    let account = account_key(&server.base_url, ENV_ACCOUNT_NAME);
    let all_company = DraftTarget::NewPost { group_id: None };
    {
        let (mut store, _) = OutboxStore::open(&env.account_dir())?;
        store.save_draft(&account, all_company, "half-written thought", 1_700_000_000)?;
    }
    let output = run_post(&env, &["post", "scripted"]).await?;
    assert_eq!(output.code, Some(0), "{output:?}");
    let (store, _) = OutboxStore::open(&env.account_dir())?;
    let draft = store
        .load_draft(&account, all_company)?
        .ok_or("draft kept")?;
    assert_eq!(draft.body, "half-written thought");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_an_account_kring_post_says_how_to_configure_one() -> TestResult {
    let dir = tempfile::tempdir()?;
    let env = post_env(dir.path(), "", "");
    let output = run_post(&env, &["post", "nowhere to go"]).await?;
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(output.stderr.contains("KRING_SERVER"), "{output:?}");
    Ok(())
}
