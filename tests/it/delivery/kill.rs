//! `kill -9` of a real `kring post` process at random moments never loses or doubles a
//! post. Each iteration starts the `kring` binary as `kring post` against an in-process
//! `kring serve`, kills it after a random delay, and reaps it; then the library's engine delivers the rest (without
//! a request budget, which would only make the test wait). Every post that reached the outbox
//! is then on the server exactly once, in outbox order, and nothing else is.
//!
//! The kill delay is uniform over 0..=D, where D is 1.5 times the longest of three calibration
//! runs that were not killed (at least 150 ms), so kills land anywhere from process start to the
//! end of a post, and some runs finish. The iteration count comes from `KRING_KILL_ITERS`
//! (default 50).

use crate::harness::offline;
use crate::harness::server;

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use kring::config::account::ENV_ACCOUNT_NAME;
use kring::delivery::{Delivery, DeliveryOptions, DrainOutcome, account_key};
use kring::store::{OutboxState, OutboxStore};
use offline::{ChildOutput, PostEnv, post_command};
use rand::Rng;
use server::{TestResult, client, serve_fresh, server_sent};

/// Long enough for a request of a killed process that is still in the server to land.
const SETTLE_SECS: u64 = 3;
const CALIBRATION_RUNS: usize = 3;
const MIN_KILL_RANGE: Duration = Duration::from_millis(150);

fn kill_iterations() -> usize {
    std::env::var("KRING_KILL_ITERS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(50)
}

/// Runs `kring post BODY`, killing it after `kill_after` (never, when `None`). Returns its
/// output when it exited by itself, and how long it ran.
async fn post_once(
    env: &PostEnv,
    body: &str,
    kill_after: Option<Duration>,
) -> server::Fallible<(Option<ChildOutput>, Duration)> {
    let settle = SETTLE_SECS.to_string();
    let args = [
        "post",
        "--json",
        "--settle-secs",
        &settle,
        "--wait",
        "5",
        body,
    ];
    let started = Instant::now();
    let mut child = post_command(env, &args).spawn()?;
    if let Some(delay) = kill_after {
        tokio::time::sleep(delay).await;
        // The child may have exited already; then there is nothing to kill.
        let _ = child.start_kill();
    }
    let output = child.wait_with_output().await?;
    let ran = started.elapsed();
    let finished = output
        .status
        .code()
        .is_some()
        .then(|| ChildOutput::from_output(&output));
    Ok((finished, ran))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_posts_leaves_exactly_one_copy_of_every_post() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (server, token) = serve_fresh(&dir.path().join("server.sqlite")).await?;
    let env = PostEnv {
        server: server.base_url.clone(),
        token: token.clone(),
        data_dir: dir.path().join("data"),
        config_dir: dir.path().join("config"),
    };
    let run_tag: u32 = rand::random();
    let prefix = format!("kill loop {run_tag:08x} post ");
    let started = Instant::now();

    let mut finished: Vec<(String, ChildOutput)> = Vec::new();
    let mut kill_range = MIN_KILL_RANGE;
    for n in 0..CALIBRATION_RUNS {
        let body = format!("{prefix}calibration {n}");
        let (output, ran) = post_once(&env, &body, None).await?;
        let output = output.ok_or("a run that is not killed exits by itself")?;
        assert_eq!(output.code, Some(0), "{output:?}");
        finished.push((body, output));
        kill_range = kill_range.max(ran.mul_f64(1.5));
    }

    let iterations = kill_iterations();
    let mut rng = rand::rng();
    for n in 0..iterations {
        let body = format!("{prefix}{n}");
        let range_ms = u64::try_from(kill_range.as_millis()).unwrap_or(u64::MAX);
        let delay = Duration::from_millis(rng.random_range(0..=range_ms));
        if let (Some(output), _) = post_once(&env, &body, Some(delay)).await? {
            finished.push((body, output));
        }
    }
    let loop_time = started.elapsed();

    let account = account_key(&server.base_url, ENV_ACCOUNT_NAME);
    let api = client(&server.base_url, &token)?;
    let (delivery, _) = Delivery::open(&env.account_dir(), account.clone(), api.clone()).await?;
    let delivery = delivery.with_options(DeliveryOptions {
        settle: Duration::from_secs(SETTLE_SECS),
        ..DeliveryOptions::default()
    });
    let drained = delivery.deliver_pending(Duration::from_secs(120)).await?;
    assert_eq!(
        drained,
        DrainOutcome::Settled,
        "the final run delivers everything"
    );

    let (store, _) = OutboxStore::open(&env.account_dir())?;
    let items = store.list(&account)?;
    let on_server: Vec<_> = server_sent(&api)
        .await?
        .into_iter()
        .filter(|message| message.body_plain.starts_with(&prefix))
        .collect();

    // Exactly one copy of each post on the server, and nothing the outbox does not know.
    let mut copies: HashMap<&str, Vec<u64>> = HashMap::new();
    for message in &on_server {
        copies
            .entry(message.body_plain.as_str())
            .or_default()
            .push(message.id);
    }
    let doubled: Vec<_> = copies.iter().filter(|(_, ids)| ids.len() > 1).collect();
    assert!(doubled.is_empty(), "posted twice: {doubled:?}");
    let outbox_bodies: HashSet<&str> = items.iter().map(|item| item.body.as_str()).collect();
    assert_eq!(outbox_bodies.len(), items.len(), "each body queued once");
    let server_bodies: HashSet<&str> = copies.keys().copied().collect();
    assert_eq!(
        server_bodies, outbox_bodies,
        "server and outbox hold the same posts"
    );

    // None lost: every queued post is sent, under the id the server gave it, in queue order.
    let mut previous_server_id = 0;
    for item in &items {
        assert_eq!(item.state, OutboxState::Sent, "{item:?}");
        let server_id = item.server_message_id.ok_or("sent without an id")?;
        assert_eq!(copies.get(item.body.as_str()), Some(&vec![server_id]));
        assert!(
            server_id > previous_server_id,
            "delivered in order: {items:?}"
        );
        previous_server_id = server_id;
    }
    // A run that exited by itself told the truth about its post.
    for (body, output) in &finished {
        let json = output
            .json()
            .ok_or_else(|| format!("a finished run prints its result: {output:?}"))?;
        match json["state"].as_str() {
            Some("sent") => {
                let printed = json["message_id"].as_u64().ok_or("message_id")?;
                assert_eq!(copies.get(body.as_str()), Some(&vec![printed]));
            }
            _ => assert!(outbox_bodies.contains(body.as_str()), "{output:?}"),
        }
    }
    let resent = items.iter().filter(|item| item.attempts > 1).count();
    let broken = items
        .iter()
        .filter(|item| item.last_error.as_deref() == Some("the process holding it stopped"))
        .count();
    eprintln!(
        "{iterations} kill -9 iterations, kill delay 0..={kill_range:?}, loop {loop_time:.1?}, \
         total {:.1?}; {} posts queued, {} runs exited by themselves, {broken} leases of killed \
         runs broken (last step), {resent} posts re-sent after being proved absent",
        started.elapsed(),
        items.len(),
        finished.len()
    );
    Ok(())
}
