//! An HTTPS endpoint for TLS verification tests: a tokio `TcpListener` on 127.0.0.1:0 behind a
//! rustls acceptor with one of the certificates in `tests/fixtures/tls/`. It counts handshakes
//! and records every HTTP request that arrives over a completed handshake, answering each with
//! a small user object. Test-only.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::crypto::aws_lc_rs;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

use super::fault_server::{Recorded, read_request};

/// The body every request over a completed handshake gets.
pub const ANSWER: &str = r#"{"id": 7, "full_name": "Over TLS"}"#;

/// A running HTTPS endpoint; stops accepting when dropped.
pub struct TlsServer {
    pub port: u16,
    connections: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<Recorded>>>,
    accept: JoinHandle<()>,
}

/// The path of a TLS fixture.
pub fn tls_fixture(name: &str) -> String {
    format!("{}/tests/fixtures/tls/{name}", env!("CARGO_MANIFEST_DIR"))
}

impl TlsServer {
    /// Serves with `tests/fixtures/tls/{stem}.pem` and `{stem}.key`.
    pub async fn start(stem: &str) -> Self {
        let certs: Vec<CertificateDer<'static>> =
            CertificateDer::pem_file_iter(tls_fixture(&format!("{stem}.pem")))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
        let key = PrivateKeyDer::from_pem_file(tls_fixture(&format!("{stem}.key"))).unwrap();
        let config = ServerConfig::builder_with_provider(Arc::new(aws_lc_rs::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .unwrap();
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (count, seen) = (Arc::clone(&connections), Arc::clone(&requests));
        let accept = tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                count.fetch_add(1, Ordering::SeqCst);
                let acceptor = acceptor.clone();
                let seen = Arc::clone(&seen);
                tokio::spawn(async move {
                    let Ok(mut tls) = acceptor.accept(tcp).await else {
                        return;
                    };
                    let Some(request) = read_request(&mut tls).await else {
                        return;
                    };
                    seen.lock().unwrap().push(request);
                    let reply = format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{ANSWER}",
                        ANSWER.len()
                    );
                    let _ = tls.write_all(reply.as_bytes()).await;
                    let _ = tls.shutdown().await;
                });
            }
        });
        Self {
            port,
            connections,
            requests,
            accept,
        }
    }

    /// `https://127.0.0.1:PORT/api/v1`
    pub fn base_url(&self) -> String {
        format!("https://127.0.0.1:{}/api/v1", self.port)
    }

    /// TCP connections accepted (each one a handshake attempt).
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// HTTP requests that arrived over a completed handshake.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        self.accept.abort();
    }
}
