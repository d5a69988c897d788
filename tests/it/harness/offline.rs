//! What the offline and outbox tests put around the in-process server (`super::server`): a
//! fault proxy in front of it that can lose a POST's answer, and the real `kring` binary run as
//! `kring post` in scratch directories.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::server::Fallible;

/// What the fault proxy does to a POST of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostFault {
    /// Forward it, wait for the server's answer, then close the client's connection without
    /// answering: the post exists but the client cannot know.
    ForwardThenDrop,
    /// Close the client's connection without forwarding: the post never arrives.
    DropWithoutForwarding,
}

/// A one-request-per-connection HTTP proxy in front of a server, counting message POSTs and
/// applying queued faults to them in order.
pub struct FaultProxy {
    pub base_url: String,
    posts: Arc<AtomicUsize>,
    faults: Arc<Mutex<VecDeque<PostFault>>>,
    task: tokio::task::JoinHandle<()>,
}

impl FaultProxy {
    pub async fn start(upstream: SocketAddr) -> Fallible<Self> {
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        let addr = listener.local_addr()?;
        let posts = Arc::new(AtomicUsize::new(0));
        let faults = Arc::new(Mutex::new(VecDeque::new()));
        let (task_posts, task_faults) = (Arc::clone(&posts), Arc::clone(&faults));
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let posts = Arc::clone(&task_posts);
                let faults = Arc::clone(&task_faults);
                tokio::spawn(async move {
                    let _ = proxy_one(stream, upstream, &posts, &faults).await;
                });
            }
        });
        Ok(Self {
            base_url: format!("http://{addr}/api/v1"),
            posts,
            faults,
            task,
        })
    }

    /// Applies `fault` to the next message POST that has no fault yet.
    pub fn fail_next_post(&self, fault: PostFault) {
        if let Ok(mut faults) = self.faults.lock() {
            faults.push_back(fault);
        }
    }

    /// Message POSTs that reached the proxy so far.
    pub fn posts_seen(&self) -> usize {
        self.posts.load(Ordering::SeqCst)
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn proxy_one(
    mut client: TcpStream,
    upstream: SocketAddr,
    posts: &AtomicUsize,
    faults: &Mutex<VecDeque<PostFault>>,
) -> std::io::Result<()> {
    let Some((head, body)) = read_request(&mut client).await? else {
        return Ok(());
    };
    let is_message_post = head.starts_with("POST ") && head.contains("/messages.json");
    let fault = if is_message_post {
        posts.fetch_add(1, Ordering::SeqCst);
        faults.lock().ok().and_then(|mut queue| queue.pop_front())
    } else {
        None
    };
    if fault == Some(PostFault::DropWithoutForwarding) {
        return Ok(());
    }
    let mut server = TcpStream::connect(upstream).await?;
    server.write_all(close_after(&head).as_bytes()).await?;
    server.write_all(&body).await?;
    let mut response = Vec::new();
    server.read_to_end(&mut response).await?;
    if fault == Some(PostFault::ForwardThenDrop) {
        return Ok(());
    }
    client.write_all(&response).await?;
    client.shutdown().await
}

/// The request head with `Connection: close`, so each connection carries one exchange.
fn close_after(head: &str) -> String {
    let mut lines: Vec<&str> = head
        .split("\r\n")
        .filter(|line| !line.is_empty())
        .filter(|line| !line.to_ascii_lowercase().starts_with("connection:"))
        .collect();
    lines.push("Connection: close");
    format!("{}\r\n\r\n", lines.join("\r\n"))
}

/// Reads one request: its head (up to the blank line) and a `Content-Length` body.
async fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<(String, Vec<u8>)>> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let read = stream.read(&mut chunk).await?;
        if read == 0 {
            return Ok(None);
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length = head
        .split("\r\n")
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end..].to_vec();
    while body.len() < length {
        let read = stream.read(&mut chunk).await?;
        if read == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..read]);
    }
    Ok(Some((head, body)))
}

/// Environment for a `kring post` child: the account and the directories.
#[derive(Debug, Clone)]
pub struct PostEnv {
    pub server: String,
    pub token: String,
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
}

impl PostEnv {
    /// Where `kring post` keeps the environment account's drafts and outbox.
    pub fn account_dir(&self) -> PathBuf {
        self.data_dir
            .join("accounts")
            .join(kring::config::account::ENV_ACCOUNT_NAME)
    }
}

/// `kring ARGS` (the real binary) as a child process with `env`'s account and directories.
pub fn post_command(env: &PostEnv, args: &[&str]) -> tokio::process::Command {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_kring"));
    command
        .args(args)
        .env("KRING_SERVER", &env.server)
        .env("KRING_TOKEN", &env.token)
        .env("KRING_DATA_DIR", &env.data_dir)
        .env("KRING_CONFIG_DIR", &env.config_dir)
        .env("KRING_CACHE_DIR", env.data_dir.join("cache"))
        .env_remove("KRING_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    command
}

/// The output of a finished child.
#[derive(Debug)]
pub struct ChildOutput {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl ChildOutput {
    pub fn from_output(output: &std::process::Output) -> Self {
        Self {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// The JSON object `kring post --json` printed, if any.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_str(self.stdout.trim()).ok()
    }

    /// The message id `kring post` printed in text mode, if any.
    pub fn message_id(&self) -> Option<u64> {
        self.stdout.trim().parse().ok()
    }
}

/// Runs `kring ARGS` to completion.
pub async fn run_post(env: &PostEnv, args: &[&str]) -> Fallible<ChildOutput> {
    let output = post_command(env, args).output().await?;
    Ok(ChildOutput::from_output(&output))
}
