//! The loopback redirect listener of `kring login --browser`: listens on `127.0.0.1:PORT`
//! (what `http://localhost:PORT/` reaches, also through `ssh -L PORT:localhost:PORT`), reads
//! each request's first line, and hands the query of the one carrying `state` to the caller;
//! the browser gets a small page saying what happened. Requests without `state` (a favicon, a
//! probe) get 404 and the wait goes on, as does a redirect whose `state` is not this sign-in's.
//!
//! Owns this tiny HTTP exchange only. Must not echo the query (it holds the code) to the page,
//! the terminal or the log.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::AuthError;
use crate::config::secret::Secret;

/// Longest request head read.
const MAX_HEAD_BYTES: usize = 16 * 1024;
/// How long one connection may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// A bound loopback listener.
pub(super) struct Loopback {
    listener: TcpListener,
    port: u16,
}

impl Loopback {
    /// Listens on `127.0.0.1:port` (`0`: any free port).
    pub async fn bind(port: u16) -> Result<Self, AuthError> {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(|error| {
                AuthError::Redirect(format!(
                    "cannot listen on localhost port {port}: {error} (choose another with \
                     --port, and use the same port in the app registration's redirect URI)"
                ))
            })?;
        let port = listener
            .local_addr()
            .map(|address| address.port())
            .unwrap_or(port);
        Ok(Self { listener, port })
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Waits for the redirect and returns what `take` makes of its query. A state mismatch
    /// (`AuthError::Redirect`) is answered and ignored; any other outcome ends the wait.
    pub async fn wait(
        &self,
        take: impl Fn(&str) -> Result<Secret, AuthError>,
    ) -> Result<Secret, AuthError> {
        loop {
            let Ok((mut stream, _)) = self.listener.accept().await else {
                continue;
            };
            let Some(target) = read_target(&mut stream).await else {
                respond(
                    &mut stream,
                    "400 Bad Request",
                    "kring could not read that request.",
                )
                .await;
                continue;
            };
            let query = target.split_once('?').map(|(_, q)| q).unwrap_or_default();
            if !query.split('&').any(|pair| pair.starts_with("state=")) {
                respond(&mut stream, "404 Not Found", "Nothing here.").await;
                continue;
            }
            let result = take(query);
            let page = match &result {
                Ok(_) => "Signed in: you can close this tab and go back to kring.".to_owned(),
                Err(AuthError::Redirect(_)) => {
                    "This link does not belong to the sign-in kring is waiting for.".to_owned()
                }
                Err(error) => format!(
                    "The sign-in did not complete: {}",
                    escape(&error.to_string())
                ),
            };
            let status = if result.is_ok() {
                "200 OK"
            } else {
                "400 Bad Request"
            };
            respond(&mut stream, status, &page).await;
            if !matches!(result, Err(AuthError::Redirect(_))) {
                return result;
            }
        }
    }
}

/// The request target (`/?code=…&state=…`) of a `GET`, or `None`.
async fn read_target(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut buffer = [0u8; 2048];
    let read = async {
        while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < MAX_HEAD_BYTES {
            let n = stream.read(&mut buffer).await.ok()?;
            if n == 0 {
                break;
            }
            head.extend_from_slice(&buffer[..n]);
        }
        Some(())
    };
    tokio::time::timeout(READ_TIMEOUT, read).await.ok()??;
    let text = String::from_utf8_lossy(&head);
    let mut words = text.lines().next()?.split_whitespace();
    match (words.next(), words.next()) {
        (Some("GET"), Some(target)) => Some(target.to_owned()),
        _ => None,
    }
}

async fn respond(stream: &mut TcpStream, status: &str, text: &str) {
    let body = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>kring</title></head>\
         <body><p>{text}</p></body></html>"
    );
    let reply = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = tokio::time::timeout(READ_TIMEOUT, stream.write_all(reply.as_bytes())).await;
    let _ = stream.shutdown().await;
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn get(port: u16, target: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let request = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        stream.write_all(request.as_bytes()).await.ok();
        let mut reply = String::new();
        stream.read_to_string(&mut reply).await.ok();
        reply
    }

    #[tokio::test]
    async fn the_redirect_with_the_right_state_ends_the_wait() {
        let loopback = Loopback::bind(0).await.unwrap_or_else(|e| panic!("{e}"));
        let port = loopback.port();
        let browser = tokio::spawn(async move {
            let favicon = get(port, "/favicon.ico").await;
            let foreign = get(port, "/?code=X&state=foreign").await;
            let right = get(port, "/?code=C0DE&state=s1").await;
            (favicon, foreign, right)
        });
        let code = loopback
            .wait(|query| {
                if query.contains("state=s1") {
                    Ok(Secret::new("C0DE"))
                } else {
                    Err(AuthError::Redirect("state".into()))
                }
            })
            .await;
        assert_eq!(code.map(|c| c.expose().to_owned()), Ok("C0DE".to_owned()));
        let (favicon, foreign, right) = browser.await.unwrap_or_default();
        assert!(favicon.starts_with("HTTP/1.1 404"), "{favicon}");
        assert!(foreign.starts_with("HTTP/1.1 400"), "{foreign}");
        assert!(right.starts_with("HTTP/1.1 200") && right.contains("Signed in"));
        assert!(!right.contains("C0DE"));
    }
}
