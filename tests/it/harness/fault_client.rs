//! Client-side helpers for the fault tests: a `kring::api::Client` with short timeouts and a
//! sentinel token, a bound that turns a hang into a failure, and the check that no error ever
//! carries the token. Test-only.

use std::future::Future;
use std::time::Duration;

use kring::api::{ApiError, Client, ClientOptions};

/// The sentinel token: it must reach the server's `Authorization` header and nothing else.
pub const TOKEN: &str = "SECRET-TOKEN-123";

/// Retries a GET gets after the first attempt in these tests.
pub const GET_RETRIES: u32 = 2;

/// Short timeouts so every fault ends in seconds; no budget so only the fault decides.
pub fn options() -> ClientOptions {
    ClientOptions {
        // Below the read timeout, which reqwest also runs while connecting.
        connect_timeout: Duration::from_millis(500),
        read_timeout: Duration::from_secs(1),
        total_timeout: Duration::from_secs(3),
        max_response_bytes: 256 * 1024,
        get_retries: GET_RETRIES,
        retry_base: Duration::from_millis(10),
        budget: None,
    }
}

pub fn client(base_url: &str) -> Client {
    Client::with_options(base_url, TOKEN, options()).unwrap()
}

/// Runs `f`, failing the test instead of hanging if it takes longer than a generous bound. The
/// bound is far above the configured timeouts: it catches hangs, it does not measure speed.
pub async fn bounded<F: Future>(f: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(60), f)
        .await
        .expect("the call ended (bounded by the client's timeouts)")
}

/// Asserts the token appears in neither the Display nor the Debug form of an error.
pub fn assert_no_token(error: &ApiError) {
    let shown = format!("{error} {error:?}");
    assert!(
        !shown.contains(TOKEN),
        "token leaked into an error: {shown}"
    );
}

/// Unwraps the error of a result, checking it carries no token.
pub fn failure<T: std::fmt::Debug>(result: Result<T, ApiError>) -> ApiError {
    let error = result.expect_err("the call must fail");
    assert_no_token(&error);
    error
}
