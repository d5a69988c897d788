//! A tiny HTTP proxy for tests: `CONNECT host:port` opens a tunnel; a request with an absolute
//! URL is sent on to its host in origin form (with `Connection: close`). Records each request's
//! target. Test-only; loopback only.

use std::sync::{Arc, Mutex};

use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

use super::fault_server::read_request;

/// A tiny HTTP proxy: `CONNECT host:port` opens a tunnel; a request with an absolute URL is
/// sent on to its host in origin form. Records each request's target.
pub struct ForwardingProxy {
    port: u16,
    seen: Arc<Mutex<Vec<String>>>,
    accept: tokio::task::JoinHandle<()>,
}

impl ForwardingProxy {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let accept = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(forward(client, Arc::clone(&log)));
            }
        });
        Self { port, seen, accept }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for ForwardingProxy {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

async fn forward(mut client: TcpStream, log: Arc<Mutex<Vec<String>>>) {
    let Some(request) = read_request(&mut client).await else {
        return;
    };
    log.lock().unwrap().push(request.target.clone());
    if request.method == "CONNECT" {
        let Ok(mut upstream) = TcpStream::connect(&request.target).await else {
            let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n").await;
            return;
        };
        let _ = client
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .await;
        let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
        return;
    }
    let url = reqwest::Url::parse(&request.target).unwrap();
    let address = format!(
        "{}:{}",
        url.host_str().unwrap(),
        url.port_or_known_default().unwrap()
    );
    let mut upstream = TcpStream::connect(address).await.unwrap();
    let mut path = url.path().to_owned();
    if let Some(query) = url.query() {
        path.push('?');
        path.push_str(query);
    }
    let mut head = format!("{} {path} HTTP/1.1\r\n", request.method);
    for (name, value) in &request.headers {
        if !name.starts_with("proxy-") && name != "connection" {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str("connection: close\r\n\r\n");
    upstream.write_all(head.as_bytes()).await.unwrap();
    upstream.write_all(&request.body).await.unwrap();
    let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
}
