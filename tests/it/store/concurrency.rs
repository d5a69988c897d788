//! Several store handles on one data directory: claims never overlap, every queued post is
//! delivered exactly once and in creation order. A data
//! directory on a network filesystem is recognised from `mountinfo` (fixtures, no real mount),
//! which is when the store keeps its files locked for one handle. The threaded loop's size
//! comes from `KRING_STRESS_ITERS` (default 200).

use std::collections::HashSet;
use std::error::Error;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use kring::store::mountinfo::{filesystem_in, is_network_type, mount_for, parse_mountinfo};
use kring::store::{
    DraftTarget, FilesystemStatus, OutboxItem, OutboxState, OutboxStore, StoreError,
};

type TestResult = Result<(), Box<dyn Error>>;

const ACCOUNT: &str = "https://example.test#1";
const ALL_COMPANY: DraftTarget = DraftTarget::NewPost { group_id: None };
const T0: i64 = 1_700_000_000;
const LEASE: u32 = 120;

fn open(dir: &Path) -> Result<OutboxStore, StoreError> {
    Ok(OutboxStore::open(dir)?.0)
}

fn post(store: &mut OutboxStore, body: &str) -> Result<OutboxItem, StoreError> {
    store.enqueue(ACCOUNT, ALL_COMPANY, body, &[], T0)
}

fn claim(store: &mut OutboxStore, who: &str, now: i64) -> Result<Option<OutboxItem>, StoreError> {
    store.claim_next(ACCOUNT, who, now, LEASE)
}

#[test]
fn two_handles_never_claim_the_same_item() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut first = open(dir.path())?;
    let mut second = open(dir.path())?;
    let item = post(&mut first, "one")?;
    assert!(claim(&mut first, "a", T0)?.is_some());
    assert!(claim(&mut second, "b", T0)?.is_none());
    assert_eq!(
        second
            .outbox_item(item.local_id)?
            .and_then(|i| i.lease)
            .map(|l| l.claimant),
        Some("a".into())
    );
    Ok(())
}

fn stress_iterations() -> usize {
    std::env::var("KRING_STRESS_ITERS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(200)
}

/// One delivery worker: claims and "sends" until the producer is done and nothing is pending.
fn deliver_all(
    dir: &Path,
    name: &str,
    producing: &AtomicBool,
    log: &Mutex<Vec<i64>>,
) -> Result<Vec<i64>, StoreError> {
    let mut store = open(dir)?;
    let mut claimed = Vec::new();
    loop {
        match store.claim_next(ACCOUNT, name, T0, 3600)? {
            Some(item) => {
                assert_eq!(item.state, OutboxState::Queued);
                store.mark_sending(item.local_id, name, T0, 3600)?;
                if let Ok(mut log) = log.lock() {
                    log.push(item.local_id);
                }
                let server_id = u64::try_from(item.local_id).unwrap_or(0);
                store.mark_sent(item.local_id, server_id, T0)?;
                claimed.push(item.local_id);
            }
            None if !producing.load(Ordering::SeqCst) && store.pending_count(ACCOUNT)? == 0 => {
                return Ok(claimed);
            }
            None => thread::yield_now(),
        }
    }
}

#[test]
fn two_threads_hammering_claim_next_deliver_each_item_exactly_once_in_order() -> TestResult {
    let iterations = stress_iterations();
    let dir = tempfile::tempdir()?;
    drop(open(dir.path())?);
    let producing = Arc::new(AtomicBool::new(true));
    let log = Arc::new(Mutex::new(Vec::new()));
    let workers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|name| {
            let (dir, producing, log) = (dir.path().to_path_buf(), producing.clone(), log.clone());
            thread::spawn(move || deliver_all(&dir, name, &producing, &log))
        })
        .collect();

    let mut producer = open(dir.path())?;
    let mut enqueued = Vec::new();
    for n in 0..iterations {
        enqueued.push(
            producer
                .enqueue(ACCOUNT, ALL_COMPANY, &format!("post {n}"), &[], T0)?
                .local_id,
        );
    }
    producing.store(false, Ordering::SeqCst);

    let mut all_claims = Vec::new();
    for worker in workers {
        let claimed = worker.join().map_err(|_| "worker panicked")??;
        all_claims.extend(claimed);
    }
    let unique: HashSet<i64> = all_claims.iter().copied().collect();
    assert_eq!(all_claims.len(), iterations, "no item claimed twice");
    assert_eq!(
        unique,
        enqueued.iter().copied().collect(),
        "every item claimed"
    );
    let order = log.lock().map_err(|_| "log poisoned")?.clone();
    assert_eq!(order, enqueued, "delivered in creation order");
    assert!(
        producer
            .list(ACCOUNT)?
            .iter()
            .all(|i| i.state == OutboxState::Sent)
    );
    Ok(())
}

const WORKER_DIR_VAR: &str = "KRING_STORE_WORKER_DIR";
const WORKER_NAME_VAR: &str = "KRING_STORE_WORKER_NAME";

/// Child half of the two-process test: delivers until nothing is pending, printing each claim.
#[test]
#[ignore = "run only as a child of two_processes_deliver_each_item_exactly_once"]
fn claim_worker_process() -> TestResult {
    let dir = std::env::var(WORKER_DIR_VAR)?;
    let name = std::env::var(WORKER_NAME_VAR)?;
    let producing = AtomicBool::new(false);
    let log = Mutex::new(Vec::new());
    for local_id in deliver_all(Path::new(&dir), &name, &producing, &log)? {
        println!("claimed {local_id}");
    }
    Ok(())
}

#[test]
fn two_processes_deliver_each_item_exactly_once() -> TestResult {
    let iterations = stress_iterations();
    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let mut enqueued = HashSet::new();
    for n in 0..iterations {
        enqueued.insert(post(&mut store, &format!("post {n}"))?.local_id);
    }
    let spawn = |name: &str| {
        std::process::Command::new(std::env::current_exe()?)
            .args([
                "--exact",
                &crate::harness::test_name(module_path!(), "claim_worker_process"),
                "--ignored",
                "--nocapture",
            ])
            .env(WORKER_DIR_VAR, dir.path())
            .env(WORKER_NAME_VAR, name)
            .stdout(std::process::Stdio::piped())
            .spawn()
    };
    let children = [spawn("process-a")?, spawn("process-b")?];
    let mut claims = Vec::new();
    for child in children {
        let output = child.wait_with_output()?;
        assert!(output.status.success(), "worker failed: {output:?}");
        for line in String::from_utf8(output.stdout)?.lines() {
            if let Some(id) = line.strip_prefix("claimed ") {
                claims.push(id.parse::<i64>()?);
            }
        }
    }
    let unique: HashSet<i64> = claims.iter().copied().collect();
    assert_eq!(claims.len(), iterations, "no item claimed twice");
    assert_eq!(unique, enqueued, "every item claimed");
    assert!(
        store
            .list(ACCOUNT)?
            .iter()
            .all(|i| i.state == OutboxState::Sent)
    );
    Ok(())
}

/// A made-up host: local root and /var, NFS home directories, one user's sshfs mount inside
/// them, an SMB share, a tmpfs, a mount point with a space, a mount stacked over another, and
/// lines that are not mountinfo at all.
const MOUNTINFO: &str = "\
22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw,errors=remount-ro
23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
30 22 8:3 / /var rw,relatime shared:2 - xfs /dev/sda3 rw
41 22 0:45 / /home rw,relatime shared:20 master:3 - nfs4 filer.example.test:/export/home rw,vers=4.2
42 41 0:46 / /home/ada/remote rw,nosuid,nodev shared:21 - fuse.sshfs ada@build.example.test:/srv rw,user_id=1000
43 22 8:4 / /homework rw,relatime shared:22 - ext4 /dev/sda4 rw
44 22 0:47 / /mnt/team\\040share rw,relatime shared:23 - cifs //nas.example.test/team rw,vers=3.1.1
45 22 0:48 / /run/user/1000 rw,nosuid,nodev shared:24 - tmpfs tmpfs rw,size=1g
46 30 0:49 / /var/cache rw,relatime shared:25 - 9p cache rw,trans=virtio
47 46 8:5 / /var/cache rw,relatime shared:26 - ext4 /dev/sda5 rw
garbage line without a separator
12 13
";

fn fs_of(path: &str) -> FilesystemStatus {
    filesystem_in(MOUNTINFO, Path::new(path))
}

fn network(fs_type: &str, mount_point: &str) -> FilesystemStatus {
    FilesystemStatus::Network {
        fs_type: fs_type.into(),
        mount_point: mount_point.into(),
    }
}

#[test]
fn the_longest_mount_prefix_decides_the_filesystem() {
    assert_eq!(
        fs_of("/home/ada/.local/share/kring"),
        network("nfs4", "/home")
    );
    assert_eq!(
        fs_of("/home/ada/remote/kring"),
        network("fuse.sshfs", "/home/ada/remote")
    );
    assert_eq!(
        fs_of("/mnt/team share/kring"),
        network("cifs", "/mnt/team share")
    );
    // Component-wise prefixes: /homework is not under /home.
    assert_eq!(fs_of("/homework/kring"), FilesystemStatus::Local);
    assert_eq!(fs_of("/run/user/1000/kring"), FilesystemStatus::Local);
    assert_eq!(fs_of("/var/lib/kring"), FilesystemStatus::Local);
    // A later mount over the same point hides the earlier one.
    assert_eq!(fs_of("/var/cache/kring"), FilesystemStatus::Local);
    assert_eq!(fs_of("/"), FilesystemStatus::Local);
}

#[test]
fn malformed_or_empty_mountinfo_is_unknown_not_a_panic() {
    assert_eq!(
        parse_mountinfo(MOUNTINFO).len(),
        10,
        "garbage lines skipped"
    );
    assert_eq!(
        filesystem_in("", Path::new("/home")),
        FilesystemStatus::Unknown
    );
    for junk in [
        "-",
        "1 2 3 4 5 6 - ",
        "1 2 3 4 relative x - nfs s",
        "\\\\ \\0 - - -",
        "a b c d /x\\9 f - nfs",
    ] {
        let mounts = parse_mountinfo(junk);
        let _ = mount_for(&mounts, Path::new("/x"));
    }
    assert_eq!(FilesystemStatus::Unknown.warning(), None);
    assert_eq!(FilesystemStatus::Local.warning(), None);
}

#[test]
fn network_types_are_recognised_and_local_ones_are_not() {
    for network in [
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "fuse.sshfs",
        "9p",
        "ceph",
        "NFS4",
    ] {
        assert!(is_network_type(network), "{network}");
    }
    for local in [
        "ext4",
        "xfs",
        "btrfs",
        "tmpfs",
        "zfs",
        "overlay",
        "fuse",
        "fuse.portal",
    ] {
        assert!(!is_network_type(local), "{local}");
    }
    let warning = network("nfs4", "/home").warning().unwrap_or_default();
    assert!(
        warning.contains("network filesystem (nfs4 at /home)"),
        "{warning}"
    );
    assert!(warning.contains("KRING_DATA_DIR"), "{warning}");
}

#[test]
fn the_open_report_says_where_the_files_live() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (_store, report) = OutboxStore::open(dir.path())?;
    // The temporary directory is local on any test machine; on Linux mountinfo names it.
    let expected_known = Path::new("/proc/self/mountinfo").exists();
    match report.filesystem {
        FilesystemStatus::Local => assert!(expected_known),
        FilesystemStatus::Unknown => assert!(!expected_known),
        other => panic!("a temporary directory on a network filesystem? {other:?}"),
    }
    Ok(())
}
