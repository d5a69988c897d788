//! A POST whose answer is lost is reconciled against the sent feed before any
//! retry. A fault proxy in front of a real `kring serve` either forwards the POST and then drops
//! the connection without answering (the post exists: it must be found, not posted again), or
//! drops it without forwarding (the post does not exist: it must be sent again, once).
//! Repeats come from `KRING_UNKNOWN_ITERS` (default 10 per case).

use crate::harness::offline;
use crate::harness::server;

use std::time::Duration;

use kring::delivery::{Delivery, DeliveryEvent, DeliveryOptions, OutboxHandle, new_claimant};
use kring::store::{DraftTarget, OutboxState, OutboxStore};
use offline::{FaultProxy, PostFault};
use server::{Fallible, TestResult, client, serve_fresh, server_sent};
use tokio::sync::mpsc;

const ALL_COMPANY: DraftTarget = DraftTarget::NewPost { group_id: None };
const ACCOUNT: &str = "http://test.invalid/api/v1#test";
const GIVE_UP: Duration = Duration::from_secs(120);

fn iterations() -> usize {
    std::env::var("KRING_UNKNOWN_ITERS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(10)
}

struct Rig {
    _dir: tempfile::TempDir,
    _server: kring::server::RunningServer,
    proxy: FaultProxy,
    direct: kring::api::Client,
    outbox: OutboxHandle,
    events: mpsc::Receiver<DeliveryEvent>,
}

async fn rig() -> Fallible<Rig> {
    let dir = tempfile::tempdir()?;
    let (server, token) = serve_fresh(&dir.path().join("server.sqlite")).await?;
    let proxy = FaultProxy::start(server.addr).await?;
    let (store, _) = OutboxStore::open(dir.path())?;
    let options = DeliveryOptions {
        settle: Duration::ZERO,
        ..DeliveryOptions::default()
    };
    let delivery = Delivery::new(
        store,
        ACCOUNT,
        client(&proxy.base_url, &token)?,
        new_claimant(),
    )
    .with_options(options);
    let outbox = delivery.handle();
    let (sender, events) = mpsc::channel(256);
    tokio::spawn(delivery.run(sender));
    Ok(Rig {
        direct: client(&server.base_url, &token)?,
        _dir: dir,
        _server: server,
        proxy,
        outbox,
        events,
    })
}

/// Posts `body` with `fault` on its first POST; returns the events up to its `Sent`.
async fn post_through_fault(
    rig: &mut Rig,
    body: &str,
    fault: PostFault,
) -> Fallible<(i64, Vec<DeliveryEvent>)> {
    rig.proxy.fail_next_post(fault);
    let local_id = rig.outbox.enqueue(ALL_COMPANY, body, &[]).await?;
    let mut seen = Vec::new();
    let events = &mut rig.events;
    tokio::time::timeout(GIVE_UP, async {
        while let Some(event) = events.recv().await {
            let done =
                matches!(&event, DeliveryEvent::Sent { local_id: id, .. } if *id == local_id);
            seen.push(event);
            if done {
                return;
            }
        }
    })
    .await
    .map_err(|_| format!("not sent; events: {seen:?}"))?;
    Ok((local_id, seen))
}

async fn copies_on_server(rig: &Rig, body: &str) -> Fallible<Vec<u64>> {
    Ok(server_sent(&rig.direct)
        .await?
        .into_iter()
        .filter(|message| message.body_plain == body)
        .map(|message| message.id)
        .collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_whose_answer_was_lost_is_found_and_not_posted_again() -> TestResult {
    let mut rig = rig().await?;
    let tag: u32 = rand::random();
    for n in 0..iterations() {
        let body = format!("answer lost {tag:08x} #{n}");
        let posts_before = rig.proxy.posts_seen();
        let (local_id, seen) =
            post_through_fault(&mut rig, &body, PostFault::ForwardThenDrop).await?;
        assert!(
            seen.iter().any(
                |e| matches!(e, DeliveryEvent::Unknown { local_id: id, .. } if *id == local_id)
            ),
            "the lost answer makes the outcome unknown: {seen:?}"
        );
        assert_eq!(
            rig.proxy.posts_seen() - posts_before,
            1,
            "reconciled, not re-posted"
        );
        let copies = copies_on_server(&rig, &body).await?;
        assert_eq!(copies.len(), 1, "{copies:?}");
        let item = rig.outbox.item(local_id).await?.ok_or("kept")?;
        assert_eq!(item.state, OutboxState::Sent);
        assert_eq!(item.server_message_id, copies.first().copied());
        assert_eq!(item.attempts, 1);
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_lost_before_the_server_stored_it_is_sent_again_once() -> TestResult {
    let mut rig = rig().await?;
    let tag: u32 = rand::random();
    for n in 0..iterations() {
        let body = format!("request lost {tag:08x} #{n}");
        let posts_before = rig.proxy.posts_seen();
        let (local_id, seen) =
            post_through_fault(&mut rig, &body, PostFault::DropWithoutForwarding).await?;
        assert!(
            seen.iter()
                .any(|e| matches!(e, DeliveryEvent::Unknown { .. })),
            "{seen:?}"
        );
        assert_eq!(
            rig.proxy.posts_seen() - posts_before,
            2,
            "sent again exactly once"
        );
        let copies = copies_on_server(&rig, &body).await?;
        assert_eq!(copies.len(), 1, "{copies:?}");
        let item = rig.outbox.item(local_id).await?.ok_or("kept")?;
        assert_eq!(item.server_message_id, copies.first().copied());
        assert_eq!(item.attempts, 2);
    }
    Ok(())
}
