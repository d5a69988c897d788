//! The delivery engine against a real in-process `kring serve`: offline start and recovery, two
//! engines sharing one data directory, a refused post (a 4xx is kept as failed and never
//! retried), and a refused token: the queue waits instead of failing posts, and a renewed token
//! sends each post once.

use crate::harness::offline;
use crate::harness::server;
use crate::harness::token_script;

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use kring::api::Client;
use kring::config::TokenOrigin;
use kring::delivery::{Delivery, DeliveryEvent, DeliveryOptions, DrainOutcome, new_claimant};
use kring::store::{DraftTarget, OutboxState, OutboxStore};
use offline::FaultProxy;
use server::{Fallible, TestResult, client, serve, serve_fresh, server_sent};
use token_script::TokenScript;
use tokio::sync::mpsc;

const ALL_COMPANY: DraftTarget = DraftTarget::NewPost { group_id: None };
const ACCOUNT: &str = "http://test.invalid/api/v1#test";
/// Bounds every wait so a broken engine fails the test instead of hanging it.
const GIVE_UP: Duration = Duration::from_secs(120);

fn options() -> DeliveryOptions {
    DeliveryOptions {
        settle: Duration::ZERO,
        ..DeliveryOptions::default()
    }
}

async fn engine(dir: &Path, api: Client) -> Fallible<Delivery> {
    let store = tokio::task::spawn_blocking({
        let dir = dir.to_path_buf();
        move || OutboxStore::open(&dir)
    })
    .await??
    .0;
    Ok(Delivery::new(store, ACCOUNT, api, new_claimant()).with_options(options()))
}

/// Receives events until `done` says so, returning all of them.
async fn events_until(
    events: &mut mpsc::Receiver<DeliveryEvent>,
    mut done: impl FnMut(&DeliveryEvent) -> bool,
) -> Fallible<Vec<DeliveryEvent>> {
    let mut seen = Vec::new();
    tokio::time::timeout(GIVE_UP, async {
        while let Some(event) = events.recv().await {
            let finished = done(&event);
            seen.push(event);
            if finished {
                return;
            }
        }
    })
    .await
    .map_err(|_| format!("gave up waiting; events so far: {seen:?}"))?;
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_written_offline_arrive_once_each_in_order_when_the_server_comes_up() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("server.sqlite");
    // Learn a free port and the token, then stop the server: the port is closed.
    let (first, token) = serve_fresh(&db).await?;
    let addr: SocketAddr = first.addr;
    let base_url = first.base_url.clone();
    first.shutdown().await?;

    let delivery = engine(dir.path(), client(&base_url, &token)?).await?;
    let outbox = delivery.handle();
    let (sender, mut events) = mpsc::channel(256);
    let running = tokio::spawn(delivery.run(sender));
    let tag: u32 = rand::random();
    let bodies: Vec<String> = (1..=3).map(|n| format!("offline {tag:08x} #{n}")).collect();
    let mut local_ids = Vec::new();
    for body in &bodies {
        local_ids.push(outbox.enqueue(ALL_COMPANY, body, &[]).await?);
    }
    let before = events_until(&mut events, |e| matches!(e, DeliveryEvent::Offline { .. })).await?;
    assert!(
        !before
            .iter()
            .any(|e| matches!(e, DeliveryEvent::Sent { .. })),
        "{before:?}"
    );
    assert_eq!(outbox.pending_count().await?, 3);

    let server = serve(&db, addr).await?;
    let mut sent = HashMap::new();
    let after = events_until(&mut events, |event| {
        if let DeliveryEvent::Sent {
            local_id,
            server_id,
        } = event
        {
            sent.insert(*local_id, *server_id);
        }
        sent.len() == 3
    })
    .await?;
    assert!(after.contains(&DeliveryEvent::CountChanged(0)) || outbox.pending_count().await? == 0);

    let on_server: Vec<_> = server_sent(&client(&server.base_url, &token)?)
        .await?
        .into_iter()
        .filter(|message| bodies.contains(&message.body_plain))
        .collect();
    assert_eq!(on_server.len(), 3, "each post once: {on_server:?}");
    // Newest first on the server: reversed, they are in the order written.
    let in_order: Vec<&str> = on_server
        .iter()
        .rev()
        .map(|m| m.body_plain.as_str())
        .collect();
    assert_eq!(
        in_order,
        bodies.iter().map(String::as_str).collect::<Vec<_>>()
    );
    for (local_id, message) in local_ids.iter().zip(on_server.iter().rev()) {
        assert_eq!(sent.get(local_id), Some(&message.id));
    }
    drop(events);
    tokio::time::timeout(GIVE_UP, running).await??;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_engines_on_one_data_dir_never_send_the_same_post() -> TestResult {
    const EACH: usize = 20;
    let dir = tempfile::tempdir()?;
    let (server, token) = serve_fresh(&dir.path().join("server.sqlite")).await?;
    // Both engines look again quickly when the other holds the head, so they contend.
    let eager = DeliveryOptions {
        peer_poll: Duration::from_millis(20),
        ..options()
    };
    let first = engine(dir.path(), client(&server.base_url, &token)?)
        .await?
        .with_options(eager);
    let second = engine(dir.path(), client(&server.base_url, &token)?)
        .await?
        .with_options(eager);
    let handles = [first.handle(), second.handle()];
    let (sender, mut events) = mpsc::channel::<(usize, DeliveryEvent)>(1024);
    let mut tasks = Vec::new();
    for (n, delivery) in [first, second].into_iter().enumerate() {
        let (engine_sender, mut engine_events) = mpsc::channel(256);
        tasks.push(tokio::spawn(delivery.run(engine_sender)));
        let sender = sender.clone();
        tokio::spawn(async move {
            while let Some(event) = engine_events.recv().await {
                if sender.send((n, event)).await.is_err() {
                    return;
                }
            }
        });
    }
    drop(sender);
    let tag: u32 = rand::random();
    let enqueue = |n: usize| {
        let handle = handles[n].clone();
        async move {
            let mut ids = Vec::new();
            for k in 0..EACH {
                let body = format!("two engines {tag:08x} engine {n} post {k}");
                ids.push(handle.enqueue(ALL_COMPANY, &body, &[]).await?);
            }
            Ok::<_, kring::delivery::DeliveryError>(ids)
        }
    };
    let (ids_a, ids_b) = tokio::join!(enqueue(0), enqueue(1));
    let queued: HashSet<i64> = ids_a?.into_iter().chain(ids_b?).collect();
    assert_eq!(queued.len(), 2 * EACH);

    let mut senders: HashMap<i64, Vec<usize>> = HashMap::new();
    let mut sent_total = 0;
    tokio::time::timeout(GIVE_UP, async {
        while let Some((engine, event)) = events.recv().await {
            if let DeliveryEvent::Sent { local_id, .. } = event {
                senders.entry(local_id).or_default().push(engine);
                sent_total += 1;
                if senders.len() == 2 * EACH {
                    return;
                }
            }
        }
    })
    .await
    .map_err(|_| format!("not all sent: {senders:?}"))?;
    // Give a duplicate a moment to show up before counting.
    tokio::time::sleep(Duration::from_millis(300)).await;
    while let Ok((engine, event)) = events.try_recv() {
        if let DeliveryEvent::Sent { local_id, .. } = event {
            senders.entry(local_id).or_default().push(engine);
            sent_total += 1;
        }
    }
    assert_eq!(sent_total, 2 * EACH, "no post sent twice: {senders:?}");
    let by_first = senders
        .values()
        .filter(|who| who.first() == Some(&0))
        .count();
    eprintln!(
        "engine 0 sent {by_first}, engine 1 sent {}",
        2 * EACH - by_first
    );
    assert_eq!(senders.keys().copied().collect::<HashSet<_>>(), queued);

    let prefix = format!("two engines {tag:08x}");
    let on_server: Vec<_> = server_sent(&client(&server.base_url, &token)?)
        .await?
        .into_iter()
        .filter(|m| m.body_plain.starts_with(&prefix))
        .collect();
    let bodies: HashSet<&str> = on_server.iter().map(|m| m.body_plain.as_str()).collect();
    assert_eq!(on_server.len(), 2 * EACH, "each post once on the server");
    assert_eq!(bodies.len(), 2 * EACH);

    let (store, _) = OutboxStore::open(dir.path())?;
    let mut previous = 0;
    for item in store.list(ACCOUNT)? {
        assert_eq!(item.state, OutboxState::Sent);
        let server_id = item.server_message_id.ok_or("sent without an id")?;
        assert!(server_id > previous, "sent in queue order");
        previous = server_id;
    }
    drop(events);
    for task in tasks {
        task.abort();
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_post_fails_with_the_servers_reason_and_is_not_retried() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (server, token) = serve_fresh(&dir.path().join("server.sqlite")).await?;
    let proxy = FaultProxy::start(server.addr).await?;
    let delivery = engine(dir.path(), client(&proxy.base_url, &token)?).await?;
    let outbox = delivery.handle();
    let (sender, mut events) = mpsc::channel(256);
    let running = tokio::spawn(delivery.run(sender));

    let missing_parent = DraftTarget::Reply {
        thread_id: 987_654_321,
        replied_to_id: 987_654_321,
    };
    let refused = outbox
        .enqueue(missing_parent, "a reply to nothing", &[])
        .await?;
    let accepted = outbox
        .enqueue(ALL_COMPANY, "after the refusal", &[])
        .await?;
    let seen = events_until(
        &mut events,
        |e| matches!(e, DeliveryEvent::Sent { local_id, .. } if *local_id == accepted),
    )
    .await?;
    let reason = seen
        .iter()
        .find_map(|e| match e {
            DeliveryEvent::Failed { local_id, reason } if *local_id == refused => Some(reason),
            _ => None,
        })
        .ok_or_else(|| format!("no Failed event: {seen:?}"))?;
    assert!(reason.contains("Cannot reply"), "{reason}");

    let item = outbox
        .item(refused)
        .await?
        .ok_or("the refused post is kept")?;
    assert!(
        matches!(&item.state, OutboxState::Failed { reason } if reason.contains("Cannot reply"))
    );
    assert_eq!(item.attempts, 1);
    assert_eq!(
        proxy.posts_seen(),
        2,
        "one POST each; the refused one is not retried"
    );
    assert_eq!(
        outbox.pending_count().await?,
        0,
        "a failed post does not count as pending"
    );

    // Kept for the user: retried on request, it is refused again, still once per request.
    outbox.retry(refused).await?;
    events_until(&mut events, |e| matches!(e, DeliveryEvent::Failed { .. })).await?;
    assert_eq!(proxy.posts_seen(), 3);
    drop(events);
    tokio::time::timeout(GIVE_UP, running).await??;
    Ok(())
}

/// A token the test server never issued.
const WRONG_TOKEN: &str = "WRONG-TOKEN-0000";

// A 401 proves the post was not taken. It stays queued (never failed for good), the
// queue behind it waits, and the rejected token is not sent again (no request storm) however
// often the engine looks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_token_pauses_the_outbox_without_failing_posts() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (server, _token) = serve_fresh(&dir.path().join("server.sqlite")).await?;
    let proxy = FaultProxy::start(server.addr).await?;
    let api = client(&proxy.base_url, WRONG_TOKEN)?.with_token_origin(TokenOrigin::Env {
        variable: "KRING_TOKEN".into(),
    });
    let short_pause = DeliveryOptions {
        auth_pause: Duration::from_secs(1),
        ..options()
    };
    let delivery = engine(dir.path(), api).await?.with_options(short_pause);
    let outbox = delivery.handle();
    let first = outbox
        .enqueue(ALL_COMPANY, "waits for a token", &[])
        .await?;
    let second = outbox.enqueue(ALL_COMPANY, "waits behind it", &[]).await?;

    let outcome = delivery.deliver_pending(Duration::from_secs(4)).await?;
    assert!(
        matches!(outcome, DrainOutcome::Waiting { .. }),
        "{outcome:?}"
    );
    assert_eq!(
        proxy.posts_seen(),
        1,
        "one refused POST, then nothing is sent"
    );
    let head = outbox.item(first).await?.ok_or("kept")?;
    assert_eq!(head.state, OutboxState::Queued, "{head:?}");
    let why = head.last_error.unwrap_or_default();
    assert!(why.contains("token"), "{why}");
    assert!(!why.contains(WRONG_TOKEN), "{why}");
    let behind = outbox.item(second).await?.ok_or("kept")?;
    assert_eq!(behind.state, OutboxState::Queued);
    assert_eq!(
        behind.attempts, 0,
        "the queue keeps its order: nothing overtakes the head"
    );
    assert_eq!(outbox.pending_count().await?, 2);
    Ok(())
}

// With a token_command, the refused POST is not replayed by the client; the outbox sends
// it again with the renewed token, and the server stores it exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_renewed_command_token_delivers_each_post_once() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (server, token) = serve_fresh(&dir.path().join("server.sqlite")).await?;
    let proxy = FaultProxy::start(server.addr).await?;
    let script = TokenScript::printing(&token);
    let api = client(&proxy.base_url, WRONG_TOKEN)?.with_token_origin(script.origin());
    let delivery = engine(dir.path(), api).await?;
    let outbox = delivery.handle();
    let tag: u32 = rand::random();
    let body = format!("after a token refresh {tag:08x}");
    let local_id = outbox.enqueue(ALL_COMPANY, &body, &[]).await?;

    let outcome = delivery.deliver_pending(GIVE_UP).await?;
    assert_eq!(outcome, DrainOutcome::Settled);
    let item = outbox.item(local_id).await?.ok_or("kept")?;
    assert_eq!(item.state, OutboxState::Sent, "{item:?}");
    assert_eq!(script.runs(), 1, "one refresh");
    assert_eq!(
        proxy.posts_seen(),
        2,
        "the refused POST and one with the new token"
    );
    let copies = server_sent(&client(&server.base_url, &token)?)
        .await?
        .into_iter()
        .filter(|message| message.body_plain == body)
        .count();
    assert_eq!(copies, 1);
    Ok(())
}
