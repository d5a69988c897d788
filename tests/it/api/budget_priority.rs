//! Call priorities against the real `api::Client` and a scripted server: an interactive call
//! goes out while background calls wait for the budget, and a background call that was waiting
//! when a 429 arrived is refused instead of sent (the `Retry-After` pause applies to all).
//! Outcomes and request counts only, never timings.

use crate::harness::fault_client;
use crate::harness::fault_server;

use std::time::Duration;

use fault_client::{TOKEN, bounded, failure, options};
use fault_server::{Fault, FaultServer};
use kring::api::{ApiError, BudgetConfig, Client, ClientOptions};

const USER: &str = r#"{"id": 3, "name": "ada"}"#;

/// Three calls a window: two for background calls, one kept for interactive ones.
fn budgeted(base_url: &str) -> Result<Client, ApiError> {
    let options = ClientOptions {
        budget: Some(BudgetConfig {
            calls: 3,
            window: Duration::from_secs(5),
        }),
        ..options()
    };
    Client::with_options(base_url, TOKEN, options)
}

#[tokio::test]
async fn an_interactive_call_passes_waiting_background_calls_and_a_429_stops_them() {
    let server = FaultServer::sequence(vec![
        Fault::json(200, USER),
        Fault::json(200, USER),
        Fault::json(429, "{}").with_header("Retry-After", "120"),
        Fault::json(200, USER),
    ])
    .await;
    let api = budgeted(&server.base_url()).expect("a client");
    let loader = api.background();
    for _ in 0..2 {
        assert_eq!(bounded(loader.current_user()).await.map(|u| u.id), Ok(3));
    }
    let waiting = tokio::spawn({
        let loader = loader.clone();
        async move { bounded(loader.current_user()).await }
    });
    tokio::task::yield_now().await;
    assert_eq!(
        server.count(),
        2,
        "the background share of the window is used up"
    );

    let interactive = failure(bounded(api.current_user()).await);
    assert!(matches!(interactive, ApiError::RateLimited { .. }));
    assert!(!waiting.is_finished(), "it went ahead of the waiting call");
    assert_eq!(server.count(), 3);

    let background = waiting.await.expect("the waiting call ended");
    assert!(
        matches!(background, Err(ApiError::RateLimited { .. })),
        "refused during the pause: {background:?}"
    );
    assert_eq!(server.count(), 3, "nothing sent during the pause");
}
