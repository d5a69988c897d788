//! A load generator for `kring serve`: C concurrent clients run a mix of feed, thread, user and
//! post calls for S seconds, then p50/p99 latency and throughput are printed. With `--idle N` it
//! holds N idle connections (from loopback addresses other than 127.0.0.1, 200 per address)
//! meanwhile, and with `--pid P` it reports the server's resident memory before, during and
//! after. Run the server with `--no-rate-limit`; the token comes from `KRING_LOAD_TOKEN`.
//!
//! ```text
//! KRING_LOAD_TOKEN=$(kring serve --db load.sqlite --demo-scale 134 --print-token) \
//!   cargo run --release --example serve_load -- --base http://127.0.0.1:8808/api/v1 --clients 50 --secs 20
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark tool: a failure is the answer

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use rand::Rng;
use rand::seq::IndexedRandom;
use serde_json::Value;
use tokio::net::{TcpSocket, TcpStream};

struct Args {
    base: String,
    clients: usize,
    secs: u64,
    idle: usize,
    pid: Option<u32>,
}

fn args() -> Args {
    let mut args = Args {
        base: "http://127.0.0.1:8808/api/v1".into(),
        clients: 50,
        secs: 20,
        idle: 0,
        pid: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--base" => args.base = value,
            "--clients" => args.clients = value.parse().expect("--clients N"),
            "--secs" => args.secs = value.parse().expect("--secs N"),
            "--idle" => args.idle = value.parse().expect("--idle N"),
            "--pid" => args.pid = Some(value.parse().expect("--pid P")),
            other => panic!("unknown flag {other}"),
        }
    }
    args
}

/// Ids to ask about, taken from the network's first pages.
struct Ids {
    threads: Vec<u64>,
    users: Vec<u64>,
    groups: Vec<u64>,
}

async fn get(client: &reqwest::Client, base: &str, token: &str, path: &str) -> Value {
    client
        .get(format!("{base}/{path}"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn ids(client: &reqwest::Client, base: &str, token: &str) -> Ids {
    let mut ids = Ids {
        threads: Vec::new(),
        users: Vec::new(),
        groups: Vec::new(),
    };
    for path in [
        "messages.json",
        "messages/algo.json",
        "messages/my_feed.json",
    ] {
        let page = get(client, base, token, path).await;
        for m in page["messages"].as_array().into_iter().flatten() {
            ids.threads.extend(m["thread_id"].as_u64());
            ids.users.extend(m["sender_id"].as_u64());
            ids.groups.extend(m["group_id"].as_u64());
        }
    }
    for page in 1..=3 {
        let users = get(client, base, token, &format!("users.json?page={page}")).await;
        ids.users.extend(
            users
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|u| u["id"].as_u64()),
        );
    }
    for list in [&mut ids.threads, &mut ids.users, &mut ids.groups] {
        list.sort_unstable();
        list.dedup();
        assert!(
            !list.is_empty(),
            "no ids found: is this a seeded demo network?"
        );
    }
    ids
}

/// One call of the mix: 40% feeds, 25% threads, 20% users, 10% posts, 5% directory pages.
async fn one_call(client: &reqwest::Client, base: &str, token: &str, ids: &Ids) -> bool {
    let (roll, thread, user, group, page) = {
        let mut rng = rand::rng();
        (
            rng.random_range(0..100),
            *ids.threads.choose(&mut rng).unwrap(),
            *ids.users.choose(&mut rng).unwrap(),
            *ids.groups.choose(&mut rng).unwrap(),
            rng.random_range(1..50),
        )
    };
    let request = match roll {
        0..=14 => client.get(format!("{base}/messages/my_feed.json")),
        15..=24 => client.get(format!("{base}/messages.json?threaded=extended")),
        25..=39 => client.get(format!("{base}/messages/in_group/{group}.json")),
        40..=64 => client.get(format!("{base}/messages/in_thread/{thread}.json")),
        65..=84 => client.get(format!("{base}/users/{user}.json")),
        85..=94 => client.post(format!("{base}/messages.json")).form(&[
            ("body", "Load test reply"),
            ("replied_to_id", &thread.to_string()),
        ]),
        _ => client.get(format!("{base}/users.json?page={page}")),
    };
    match request.bearer_auth(token).send().await {
        Ok(response) => {
            let ok = response.status().is_success();
            ok && response.bytes().await.is_ok()
        }
        Err(_) => false,
    }
}

/// VmRSS of `pid` in MiB, from /proc.
fn rss_mib(pid: Option<u32>) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", pid?)).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Opens `n` connections that never send anything, 200 per loopback address 127.1.x.y.
async fn hold_idle(base: &str, n: usize) -> Vec<TcpStream> {
    let url = url::Url::parse(base).unwrap();
    let host: IpAddr = url.host_str().unwrap().parse().unwrap();
    let server = SocketAddr::new(host, url.port().unwrap_or(80));
    let opened: Vec<_> = futures::stream::iter(0..n)
        .map(|i| async move {
            let address = u32::from(Ipv4Addr::new(127, 1, 0, 2)) + u32::try_from(i / 200).unwrap();
            let socket = TcpSocket::new_v4().ok()?;
            socket
                .bind(SocketAddr::new(Ipv4Addr::from(address).into(), 0))
                .ok()?;
            socket.connect(server).await.ok()
        })
        .buffer_unordered(256)
        .collect()
        .await;
    opened.into_iter().flatten().collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let at = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() {
    let args = args();
    let token = std::env::var("KRING_LOAD_TOKEN").expect("set KRING_LOAD_TOKEN to a bearer token");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let ids = Arc::new(ids(&client, &args.base, &token).await);
    let rss_before = rss_mib(args.pid);
    let idle = hold_idle(&args.base, args.idle).await;
    if args.idle > 0 {
        println!("idle connections held: {} of {}", idle.len(), args.idle);
    }
    let deadline = Instant::now() + Duration::from_secs(args.secs);
    let started = Instant::now();
    let tasks: Vec<_> = (0..args.clients)
        .map(|_| {
            let (client, base, token, ids) = (
                client.clone(),
                args.base.clone(),
                token.clone(),
                Arc::clone(&ids),
            );
            tokio::spawn(async move {
                let (mut times, mut failed) = (Vec::new(), 0usize);
                while Instant::now() < deadline {
                    let asked = Instant::now();
                    if one_call(&client, &base, &token, &ids).await {
                        times.push(asked.elapsed());
                    } else {
                        failed += 1;
                    }
                }
                (times, failed)
            })
        })
        .collect();
    let (mut times, mut failed) = (Vec::new(), 0);
    for task in tasks {
        let (t, f) = task.await.unwrap();
        times.extend(t);
        failed += f;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let rss_during = rss_mib(args.pid);
    let still_open = idle
        .iter()
        .filter(|s| s.try_read(&mut [0u8; 1]).is_err())
        .count();
    drop(idle);
    times.sort_unstable();
    println!(
        "clients {} | {} ok, {} failed in {elapsed:.1} s | {:.0} req/s | p50 {:.1} ms | p99 {:.1} ms",
        args.clients,
        times.len(),
        failed,
        times.len() as f64 / elapsed,
        percentile(&times, 0.50).as_secs_f64() * 1000.0,
        percentile(&times, 0.99).as_secs_f64() * 1000.0,
    );
    if args.idle > 0 {
        println!("idle connections still open at the end: {still_open}");
    }
    if args.pid.is_some() {
        tokio::time::sleep(Duration::from_secs(3)).await;
        let show = |r: Option<f64>| r.map_or("?".into(), |r| format!("{r:.0} MiB"));
        println!(
            "server VmRSS: before {} | during {} | 3 s after {}",
            show(rss_before),
            show(rss_during),
            show(rss_mib(args.pid))
        );
    }
}
