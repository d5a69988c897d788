//! `kring serve` against hostile clients: thousands of idle connections from many addresses are
//! held while ordinary requests keep answering quickly, an address over its connection cap and
//! a server over its total cap answer 503 and close, a slow header sender is cut at the header
//! timeout and an idle connection at the idle timeout. The number of idle connections comes from
//! `KRING_IDLE_CONNECTIONS` (default 2000).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use crate::harness::server::{TestServer, start_with};
use futures::StreamExt;
use kring::server::ConnectionLimits;
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

/// Connections each attacking address holds (the per-address cap of the flood test).
const PER_ADDRESS: usize = 100;

fn idle_connections() -> usize {
    std::env::var("KRING_IDLE_CONNECTIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000)
}

/// Raises this process's open-files limit as far as allowed and says how many descriptors the
/// test may use for connections (each one costs two here: client and server side).
fn descriptor_room() -> usize {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    let _ = setrlimit(
        Resource::Nofile,
        Rlimit {
            current: limit.maximum,
            maximum: limit.maximum,
        },
    );
    let soft = getrlimit(Resource::Nofile).current.unwrap_or(1 << 20);
    usize::try_from(soft.saturating_sub(256)).unwrap_or(usize::MAX)
}

async fn server(limits: ConnectionLimits) -> TestServer {
    start_with(|opts| opts.connections = limits).await
}

fn limits(max_total: usize, max_per_ip: usize, header: f64, idle: f64) -> ConnectionLimits {
    ConnectionLimits {
        max_total,
        max_per_ip,
        header_timeout: Duration::from_secs_f64(header),
        idle_timeout: Duration::from_secs_f64(idle),
    }
}

/// The `i`-th loopback address other than 127.0.0.1.
fn loopback(i: usize) -> IpAddr {
    let i = u32::try_from(i).unwrap() + 2;
    IpAddr::V4(Ipv4Addr::from(u32::from(Ipv4Addr::new(127, 1, 0, 0)) + i))
}

async fn connect_from(local: IpAddr, server: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(local, 0))?;
    socket.connect(server).await
}

/// Reads until the server closes the connection or `limit` passes; what was read, and whether
/// (and when) it closed.
async fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (Vec<u8>, Option<Duration>) {
    let start = Instant::now();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let left = limit.saturating_sub(start.elapsed());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => return (seen, Some(start.elapsed())),
            Ok(Ok(n)) => seen.extend_from_slice(&buf[..n]),
            Err(_) => return (seen, None),
        }
    }
}

/// Whether the server still holds `stream` open (nothing to read, no end of stream).
fn still_open(stream: &TcpStream) -> bool {
    let mut buf = [0u8; 1];
    matches!(stream.try_read(&mut buf), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock)
}

#[cfg(target_os = "linux")] // other systems route only 127.0.0.1 on loopback
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_connections_are_held_while_requests_keep_answering() {
    let wanted = idle_connections();
    let n = wanted.min(descriptor_room() / 2);
    if n < wanted {
        eprintln!("holding {n} idle connections, not {wanted}: the open-files limit is too low");
    }
    let server = server(limits(n + 64, PER_ADDRESS, 60.0, 60.0)).await;
    let addr = server.server.as_ref().unwrap().addr;
    let started = Instant::now();
    let held: Vec<TcpStream> = futures::stream::iter(0..n)
        .map(|i| connect_from(loopback(i / PER_ADDRESS), addr))
        .buffer_unordered(256)
        .map(Result::unwrap)
        .collect()
        .await;
    eprintln!("{n} idle connections open in {:?}", started.elapsed());

    let mut slowest = Duration::ZERO;
    for _ in 0..20 {
        let asked = Instant::now();
        let reply = server.get("networks/current.json").await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        slowest = slowest.max(asked.elapsed());
    }
    eprintln!("slowest of 20 requests beside them: {slowest:?}");
    assert!(
        slowest < Duration::from_secs(2),
        "requests slowed to {slowest:?}"
    );

    // The first attacking address is at its cap: one more connection is answered 503 and closed.
    let mut extra = connect_from(loopback(0), addr).await.unwrap();
    let (said, closed) = read_until_closed(&mut extra, Duration::from_secs(3)).await;
    assert!(
        closed.is_some(),
        "a connection over the per-address cap stays open"
    );
    assert!(
        said.starts_with(b"HTTP/1.1 503"),
        "{}",
        String::from_utf8_lossy(&said)
    );

    let open = held.iter().filter(|s| still_open(s)).count();
    assert_eq!(open, n, "every idle connection within the caps is held");
}

#[tokio::test]
async fn a_server_at_its_total_cap_answers_503_and_closes() {
    let server = server(limits(3, 100, 60.0, 60.0)).await;
    let addr = server.server.as_ref().unwrap().addr;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(TcpStream::connect(addr).await.unwrap());
    }
    let mut extra = TcpStream::connect(addr).await.unwrap();
    let (said, closed) = read_until_closed(&mut extra, Duration::from_secs(3)).await;
    assert!(
        closed.is_some(),
        "a connection over the total cap stays open"
    );
    assert!(said.starts_with(b"HTTP/1.1 503"));
    drop(held);
    // Places come back when connections close.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let reply = server
            .client
            .get(server.url("networks/current.json"))
            .bearer_auth(&server.token)
            .send()
            .await;
        if reply.is_ok_and(|r| r.status() == StatusCode::OK) {
            break;
        }
        assert!(Instant::now() < deadline, "places never came back");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_slow_header_sender_is_cut_at_the_header_timeout() {
    let server = server(limits(100, 100, 1.0, 30.0)).await;
    let addr = server.server.as_ref().unwrap().addr;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let started = Instant::now();
    stream
        .write_all(b"GET /api/v1/networks/current.json HTTP/1.1\r\nx-slow: ")
        .await
        .unwrap();
    let cut = loop {
        if stream.write_all(b"a").await.is_err() {
            break Some(started.elapsed());
        }
        let (_, closed) = read_until_closed(&mut stream, Duration::from_millis(100)).await;
        if closed.is_some() {
            break Some(started.elapsed());
        }
        if started.elapsed() > Duration::from_secs(6) {
            break None;
        }
    };
    let cut = cut.expect("a client sending headers a byte at a time is never cut off");
    assert!(cut >= Duration::from_millis(900), "cut too early: {cut:?}");
    assert!(cut < Duration::from_secs(4), "cut late: {cut:?}");
}

#[tokio::test]
async fn an_idle_connection_is_closed_at_the_idle_timeout() {
    let server = server(limits(100, 100, 30.0, 1.0)).await;
    let addr = server.server.as_ref().unwrap().addr;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "GET /api/v1/networks/current.json HTTP/1.1\r\nhost: kring\r\nauthorization: Bearer {}\r\n\r\n",
        server.token
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut buf = [0u8; 16];
    stream.read_exact(&mut buf).await.unwrap();
    assert_eq!(&buf[..12], b"HTTP/1.1 200");
    let (_, closed) = read_until_closed(&mut stream, Duration::from_secs(6)).await;
    let closed = closed.expect("an idle keep-alive connection is never closed");
    assert!(
        closed >= Duration::from_millis(900),
        "closed too early: {closed:?}"
    );
    assert!(closed < Duration::from_secs(4), "closed late: {closed:?}");
}
