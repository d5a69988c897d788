//! The run loop's link to the delivery engine, on a real store in a temporary directory and a
//! server that is not there: the TUI's enqueue is on disk and consumes the kept draft in the
//! same step, changes answer with the outbox as the store has it, and without an
//! engine nothing is queued and the start says why.

use std::error::Error;

use kring::api::{Client, ClientOptions};
use kring::app::core::effect::DraftFor;
use kring::app::shell::outbox_link::{OutboxLink, OutboxStart};
use kring::delivery::Delivery;
use kring::panes::outbox::effect::{OutboxEffect, OutboxMsg};
use kring::store::{DraftTarget, OutboxState, OutboxStore};

type TestResult = Result<(), Box<dyn Error + Send + Sync>>;

const ACCOUNT: &str = "http://127.0.0.1:9/api/v1#test";
const ALL_COMPANY: DraftFor = DraftFor::NewPost(None);

/// A client for a port nothing listens on (discard, port 9).
fn unreachable() -> Result<Client, Box<dyn Error + Send + Sync>> {
    let options = ClientOptions {
        budget: None,
        ..ClientOptions::default()
    };
    Ok(Client::with_options(
        "http://127.0.0.1:9/api/v1",
        "token",
        options,
    )?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tuis_enqueue_is_on_disk_and_takes_the_draft_over() -> TestResult {
    let dir = tempfile::tempdir()?;
    {
        let (mut store, _) = OutboxStore::open(dir.path())?;
        let target = DraftTarget::NewPost { group_id: None };
        store.save_draft(ACCOUNT, target, "hello from the editor", 1)?;
    }
    let (delivery, _) = Delivery::open(dir.path(), ACCOUNT, unreachable()?).await?;
    let (messages, _received) = tokio::sync::mpsc::unbounded_channel();
    let (link, started) = OutboxLink::start(OutboxStart::Engine(delivery), messages);
    assert!(matches!(started, OutboxMsg::Started(Ok(()))));
    let answers = link
        .carry_out(OutboxEffect::Enqueue {
            draft_for: ALL_COMPANY,
            body: "hello from the editor".into(),
        })
        .await;
    let [
        OutboxMsg::Enqueued {
            result: Ok(item), ..
        },
    ] = answers.as_slice()
    else {
        panic!("{answers:?}");
    };
    // Read back through a separate connection, as after a crash.
    let (store, _) = OutboxStore::open(dir.path())?;
    let stored = store.outbox_item(item.local_id)?.ok_or("not on disk")?;
    assert_eq!(stored.body, "hello from the editor");
    assert_ne!(stored.state, OutboxState::Sent, "the server is not there");
    let target = DraftTarget::NewPost { group_id: None };
    assert_eq!(store.load_draft(ACCOUNT, target)?, None, "the draft moved");
    // Whatever the engine is doing meanwhile, the answers carry the outbox as stored.
    let answers = link.carry_out(OutboxEffect::Reload).await;
    let [OutboxMsg::Items(Ok(items))] = answers.as_slice() else {
        panic!("{answers:?}");
    };
    assert_eq!(items.len(), 1);
    let answers = link.carry_out(OutboxEffect::Cancel(9_999)).await;
    assert!(
        matches!(answers.first(), Some(OutboxMsg::Refused { .. })),
        "{answers:?}"
    );
    Ok(())
}

#[tokio::test]
async fn without_an_engine_nothing_is_queued_and_the_start_says_why() {
    let (messages, _received) = tokio::sync::mpsc::unbounded_channel();
    let (link, started) = OutboxLink::start(
        OutboxStart::Unavailable("no usable data directory".into()),
        messages,
    );
    assert!(
        matches!(&started, OutboxMsg::Started(Err(why)) if why.contains("data directory")),
        "{started:?}"
    );
    let answers = link
        .carry_out(OutboxEffect::Enqueue {
            draft_for: ALL_COMPANY,
            body: "x".into(),
        })
        .await;
    assert!(
        matches!(
            answers.as_slice(),
            [OutboxMsg::Enqueued { result: Err(_), .. }]
        ),
        "{answers:?}"
    );
    assert!(link.carry_out(OutboxEffect::RetryAll).await.is_empty());
}
