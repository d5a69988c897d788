//! The accept loop of `kring serve`: admits each connection through `admission` (refusing one
//! over a cap with a 503 and closing it at once), serves it with hyper's HTTP/1 connection under
//! a header-read timeout, closes it when idle, and on stop lets requests in progress finish.
//! Owns sockets and connection lifetimes only; routing and handlers are the router's.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::{Service, service_fn};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, watch};

use super::admission::{Admission, ConnectionLimits, Refusal, Ticket};

/// What a refused connection is told before it is closed.
const REFUSAL: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\n\
content-type: application/json\r\n\
retry-after: 1\r\n\
connection: close\r\n\
content-length: 36\r\n\
\r\n\
{\"base\":[\"Too many connections.\"]}\r\n";

/// How long accepting pauses after an error that is not the client's (e.g. no descriptors).
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// Serves `app` on `listener` until `stop` fires (or is dropped), then waits for the open
/// connections to finish what they are doing.
pub async fn run(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    stop: oneshot::Receiver<()>,
) -> io::Result<()> {
    let admission = Admission::new(&limits);
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let (closing, closing_rx) = watch::channel(());
    tokio::pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    accept_failed(&e).await;
                    continue;
                }
            },
        };
        match admission.admit(peer.ip()) {
            Ok(ticket) => {
                let _ = stream.set_nodelay(true);
                tokio::spawn(serve_one(
                    stream,
                    ticket,
                    TowerToHyperService::new(app.clone()),
                    builder.clone(),
                    limits.idle_timeout,
                    closing_rx.clone(),
                ));
            }
            Err(refusal) => refuse(&stream, refusal),
        }
    }
    drop(listener);
    drop(closing_rx);
    let _ = closing.send(());
    closing.closed().await;
    Ok(())
}

/// Client-side failures (a connection reset before it was accepted) are not worth a pause; the
/// rest (out of descriptors, say) are, or the loop would spin.
async fn accept_failed(e: &io::Error) {
    use io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::warn!(error = %e, "accepting a connection failed");
    tokio::time::sleep(ACCEPT_BACKOFF).await;
}

/// Says 503 without waiting (a full socket buffer just loses the answer) and closes.
fn refuse(stream: &TcpStream, refusal: Refusal) {
    tracing::debug!(?refusal, "connection refused");
    let _ = stream.try_write(REFUSAL);
}

/// When the connection last did something and whether a request is in progress.
struct Activity {
    born: Instant,
    last_ms: AtomicU64,
    in_flight: AtomicUsize,
}

impl Activity {
    fn touch(&self) {
        let ms = u64::try_from(self.born.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.store(ms, Ordering::Relaxed);
    }

    /// Resolves once no request has been in progress for `idle`.
    async fn idle_for(&self, idle: Duration) {
        loop {
            let last = self.born + Duration::from_millis(self.last_ms.load(Ordering::Relaxed));
            let now = Instant::now();
            let busy = self.in_flight.load(Ordering::Relaxed) > 0;
            if now >= last + idle && !busy {
                return;
            }
            let wake = if now >= last + idle {
                now + idle
            } else {
                last + idle
            };
            tokio::time::sleep_until(wake.into()).await;
        }
    }
}

/// Counts a request in progress for as long as it lives.
struct Busy(Arc<Activity>);

impl Busy {
    fn enter(activity: &Arc<Activity>) -> Self {
        activity.in_flight.fetch_add(1, Ordering::Relaxed);
        activity.touch();
        Self(Arc::clone(activity))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.touch();
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Serves one connection until the client closes it, it times out, it is idle too long or the
/// server stops. Its place is freed when `_ticket` drops.
async fn serve_one(
    stream: TcpStream,
    _ticket: Ticket,
    app: TowerToHyperService<Router>,
    builder: http1::Builder,
    idle: Duration,
    mut closing: watch::Receiver<()>,
) {
    let activity = Arc::new(Activity {
        born: Instant::now(),
        last_ms: AtomicU64::new(0),
        in_flight: AtomicUsize::new(0),
    });
    let tracked = Arc::clone(&activity);
    let service = service_fn(move |request: hyper::Request<Incoming>| {
        let busy = Busy::enter(&tracked);
        let response = app.call(request);
        async move {
            let response = response.await;
            drop(busy);
            response
        }
    });
    let conn = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    let mut winding_down = false;
    loop {
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(error = %e, "connection ended");
                }
                break;
            }
            () = activity.idle_for(idle), if !winding_down => {
                conn.as_mut().graceful_shutdown();
                winding_down = true;
            }
            _ = closing.changed(), if !winding_down => {
                conn.as_mut().graceful_shutdown();
                winding_down = true;
            }
        }
    }
}
