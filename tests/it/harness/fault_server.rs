//! A misbehaving HTTP/1.1 server for API fault tests: a plain tokio `TcpListener` on 127.0.0.1:0
//! that writes raw bytes, so it can stall, reset, truncate, drip, lie about lengths, send garbage
//! or never stop. It records every request it reads (method, target, headers, body) so tests can
//! count attempts and check what was sent. Test-only; it never touches anything but loopback.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Fault {
    /// A well-formed response.
    Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Reads the request, then never answers.
    StallBeforeHeaders,
    /// Sends the headers and the first bytes of the body, then goes silent.
    StallMidBody,
    /// Reads the request, then resets the connection (RST, not FIN).
    Reset,
    /// Promises more bytes in `Content-Length` than it sends, then closes.
    Truncate,
    /// A valid response whose body arrives one byte at a time.
    Drip { body: Vec<u8>, every: Duration },
    /// Bytes that are not HTTP at all.
    Garbage,
    /// `Content-Length: 10737418240`, a few bytes, then silence.
    HugeContentLength,
    /// A chunked body that never ends (until the client hangs up).
    EndlessBody,
}

impl Fault {
    /// A JSON reply with the given status.
    pub fn json(status: u16, body: &str) -> Self {
        Self::Reply {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    /// A reply with raw bytes and no content type.
    pub fn raw(status: u16, body: &[u8]) -> Self {
        Self::Reply {
            status,
            headers: Vec::new(),
            body: body.to_vec(),
        }
    }

    /// A redirect to `location`.
    pub fn redirect(status: u16, location: &str) -> Self {
        Self::Reply {
            status,
            headers: vec![("Location".into(), location.into())],
            body: Vec::new(),
        }
    }

    /// The same fault with one more response header.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        if let Self::Reply { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

/// One request as the server read it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// The request target: a path, or an absolute URL when the client talks to a proxy.
    pub target: String,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    /// The first value of a header, by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

type Script = dyn Fn(usize, &Recorded) -> Fault + Send + Sync;

/// A running fault server; stops accepting when dropped.
pub struct FaultServer {
    port: u16,
    requests: Arc<Mutex<Vec<Recorded>>>,
    accept: JoinHandle<()>,
}

impl FaultServer {
    /// Answers request number `n` (0-based) with `script(n, &request)`.
    pub async fn start(script: impl Fn(usize, &Recorded) -> Fault + Send + Sync + 'static) -> Self {
        Self::start_on(0, script).await
    }

    /// Like `start`, on a chosen port of 127.0.0.1 (0 picks a free one).
    pub async fn start_on(
        port: u16,
        script: impl Fn(usize, &Recorded) -> Fault + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let script: Arc<Script> = Arc::new(script);
        let seen = Arc::clone(&requests);
        let accept = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let script = Arc::clone(&script);
                let seen = Arc::clone(&seen);
                tokio::spawn(serve_one(stream, script, seen));
            }
        });
        Self {
            port,
            requests,
            accept,
        }
    }

    /// Answers every request the same way.
    pub async fn always(fault: Fault) -> Self {
        Self::start(move |_, _| fault.clone()).await
    }

    /// Answers with `faults` in order; the last one repeats.
    pub async fn sequence(faults: Vec<Fault>) -> Self {
        Self::start(move |n, _| faults[n.min(faults.len() - 1)].clone()).await
    }

    /// `http://127.0.0.1:PORT`
    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The API base a client is pointed at.
    pub fn base_url(&self) -> String {
        format!("{}/api/v1", self.origin())
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

async fn serve_one(mut stream: TcpStream, script: Arc<Script>, seen: Arc<Mutex<Vec<Recorded>>>) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    let fault = {
        let mut seen = seen.lock().unwrap();
        let fault = script(seen.len(), &request);
        seen.push(request);
        fault
    };
    // Write errors mean the client hung up, which is what many faults provoke.
    let _ = answer(&mut stream, fault).await;
}

async fn answer(stream: &mut TcpStream, fault: Fault) -> std::io::Result<()> {
    match fault {
        Fault::Reply {
            status,
            headers,
            body,
        } => {
            let mut head = status_line(status, body.len());
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(&body).await?;
            stream.shutdown().await
        }
        Fault::StallBeforeHeaders => stall().await,
        Fault::StallMidBody => {
            let head = status_line(200, 200) + "\r\n";
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(br#"{"id": 1, "full_name": "#).await?;
            stream.flush().await?;
            stall().await
        }
        Fault::Reset => {
            stream.set_zero_linger()?;
            Ok(())
        }
        Fault::Truncate => {
            let body = br#"{"id": 1, "full_name": "Half"#;
            let head = status_line(200, body.len() + 100) + "\r\n";
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(body).await?;
            stream.shutdown().await
        }
        Fault::Drip { body, every } => {
            let head = status_line(200, body.len()) + "\r\n";
            stream.write_all(head.as_bytes()).await?;
            for byte in body {
                stream.write_all(&[byte]).await?;
                stream.flush().await?;
                tokio::time::sleep(every).await;
            }
            stream.shutdown().await
        }
        Fault::Garbage => {
            stream
                .write_all(b"\x00\x13\x37 this is not HTTP \xff\xfe\r\n\r\n")
                .await?;
            stream.shutdown().await
        }
        Fault::HugeContentLength => {
            let head = "HTTP/1.1 200 OK\r\nContent-Length: 10737418240\r\n\r\n";
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(b"[").await?;
            stall().await
        }
        Fault::EndlessBody => {
            let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
            stream.write_all(head.as_bytes()).await?;
            let chunk = [b' '; 16 * 1024];
            loop {
                stream.write_all(b"4000\r\n").await?;
                stream.write_all(&chunk).await?;
                stream.write_all(b"\r\n").await?;
            }
        }
    }
}

fn status_line(status: u16, content_length: usize) -> String {
    format!("HTTP/1.1 {status} Fault\r\nContent-Length: {content_length}\r\nConnection: close\r\n")
}

async fn stall() -> std::io::Result<()> {
    tokio::time::sleep(Duration::from_secs(3600)).await;
    Ok(())
}

/// Reads one request head and its `Content-Length` body; `None` if the client went away.
pub async fn read_request<S: AsyncRead + Unpin>(stream: &mut S) -> Option<Recorded> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos;
        }
        if buf.len() > 64 * 1024 {
            return None;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Recorded {
        method,
        target,
        headers,
        body,
    })
}
