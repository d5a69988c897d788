//! The network probes, each bounded by a timeout: name lookup, a TCP connection, a `CONNECT`
//! through an HTTP proxy, and one HTTP request through the API client's own transport (same
//! proxy settings, trust roots and redirect rule), whose status, headers and body the steps
//! read. Failures come back as plain words (or the transport's error, to be classified).
//!
//! Sends the token only in the API request's `Authorization` header, to the configured origin.

use std::net::SocketAddr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::header::{AUTHORIZATION, HeaderMap};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::proxy::ProxyUse;

/// The most of a body the doctor reads (a user object is a few KB).
const BODY_CAP: usize = 1024 * 1024;
/// The most of a proxy's `CONNECT` answer read before giving up on it.
const HEAD_CAP: usize = 16 * 1024;

/// The addresses `host` resolves to (an IP literal is its own answer).
pub async fn resolve(host: &str, port: u16, timeout: Duration) -> Result<Vec<SocketAddr>, String> {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let lookup = tokio::net::lookup_host((bare, port));
    match tokio::time::timeout(timeout, lookup).await {
        Err(_) => Err(format!("no answer within {} s", timeout.as_secs())),
        Ok(Err(e)) => Err(e.to_string()),
        Ok(Ok(addrs)) => {
            let addrs: Vec<SocketAddr> = addrs.collect();
            if addrs.is_empty() {
                Err("no address".to_owned())
            } else {
                Ok(addrs)
            }
        }
    }
}

/// A TCP connection to the first of `addrs` that accepts one, within `timeout` in all.
pub async fn connect(addrs: &[SocketAddr], timeout: Duration) -> Result<TcpStream, String> {
    let attempt = async {
        let mut last = "no address to connect to".to_owned();
        for addr in addrs {
            match TcpStream::connect(addr).await {
                Ok(stream) => return Ok(stream),
                Err(e) if addrs.len() > 1 => last = format!("{addr}: {e}"),
                Err(e) => last = e.to_string(),
            }
        }
        Err(last)
    };
    tokio::time::timeout(timeout, attempt)
        .await
        .unwrap_or_else(|_| Err(format!("no answer within {} s", timeout.as_secs())))
}

/// The proxy's answer to `CONNECT host:port`: its status code and status line.
pub async fn connect_through(
    stream: &mut TcpStream,
    proxy: &ProxyUse,
    host: &str,
    port: u16,
    timeout: Duration,
) -> Result<(u16, String), String> {
    let target = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    let mut request = format!("CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n");
    if let Some(credentials) = &proxy.authorization {
        request.push_str(&format!("Proxy-Authorization: {credentials}\r\n"));
    }
    request.push_str("\r\n");
    let exchange = async {
        stream
            .write_all(request.as_bytes())
            .await
            .map_err(|e| format!("cannot send CONNECT: {e}"))?;
        let head = read_head(stream).await?;
        parse_status_line(&head).ok_or_else(|| "the proxy's answer is not HTTP".to_owned())
    };
    tokio::time::timeout(timeout, exchange)
        .await
        .unwrap_or_else(|_| {
            Err(format!(
                "no answer to CONNECT within {} s",
                timeout.as_secs()
            ))
        })
}

async fn read_head(stream: &mut TcpStream) -> Result<String, String> {
    let mut head = Vec::new();
    let mut buffer = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let read = stream
            .read(&mut buffer)
            .await
            .map_err(|e| format!("the proxy broke the connection: {e}"))?;
        if read == 0 {
            if head.is_empty() {
                return Err("the proxy closed the connection without answering".to_owned());
            }
            break;
        }
        head.extend_from_slice(buffer.get(..read).unwrap_or_default());
        if head.len() > HEAD_CAP {
            break;
        }
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

/// `HTTP/1.1 403 Forbidden` → (403, "403 Forbidden").
fn parse_status_line(head: &str) -> Option<(u16, String)> {
    let line = head.lines().next()?;
    let mut parts = line.splitn(2, ' ');
    if !parts.next()?.starts_with("HTTP/") {
        return None;
    }
    let rest = parts.next()?.trim();
    let code = rest.split(' ').next()?.parse().ok()?;
    Some((code, rest.to_owned()))
}

/// What one HTTP request got back.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// When the answer's headers arrived, by this machine's clock.
    pub received_at: DateTime<Utc>,
}

impl Answer {
    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// One request to `url` with `client` (and `Bearer token` when given), the body read up to
/// a cap.
pub async fn request(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    token: Option<&str>,
) -> Result<Answer, reqwest::Error> {
    let mut request = client.request(method, url);
    if let Some(token) = token {
        request = request.header(AUTHORIZATION, format!("Bearer {token}"));
    }
    let mut response = request.send().await?;
    let received_at = Utc::now();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        body.extend_from_slice(&chunk);
        if body.len() > BODY_CAP {
            break;
        }
    }
    Ok(Answer {
        status,
        headers,
        body,
        received_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines_parse() {
        assert_eq!(
            parse_status_line("HTTP/1.1 200 Connection established\r\n\r\n"),
            Some((200, "200 Connection established".to_owned()))
        );
        assert_eq!(
            parse_status_line("HTTP/1.0 407 Proxy Authentication Required\r\n"),
            Some((407, "407 Proxy Authentication Required".to_owned()))
        );
        assert_eq!(parse_status_line("SSH-2.0-OpenSSH\r\n"), None);
    }
}
