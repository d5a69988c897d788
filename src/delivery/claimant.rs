//! Claimant names for outbox leases, and telling whether the holder of a lease is gone.
//!
//! A name is `host:pid.start:nonce`: the host, the process id and its start time (clock ticks
//! since boot, from `/proc`), and a random nonce so two engines in one process differ. A lease
//! held by a process of this host that no longer runs can be broken at once instead of waiting
//! for it to expire; that is what lets a `kill -9`ed `kring post` be followed immediately by the
//! next one. This module must never call a holder dead without proof: on another host, on a
//! system without `/proc`, or for a name it cannot read, the holder counts as alive.

use std::path::Path;

/// Whether the process holding a lease still runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// It runs, or this cannot be told (other host, no `/proc`, unreadable name).
    MaybeAlive,
    /// A process of this host that has exited (or is a zombie), or whose pid now belongs to a
    /// process started at another time.
    Gone,
}

/// A fresh claimant name for an engine in this process.
pub fn new_claimant() -> String {
    let host = host_name().unwrap_or_else(|| "?".to_owned());
    let pid = std::process::id();
    let start = proc_start_time(Path::new("/proc/self/stat")).unwrap_or(0);
    let nonce: u32 = rand::random();
    format!("{host}:{pid}.{start}:{nonce:08x}")
}

/// Judges the holder named `claimant` (a name made by [`new_claimant`]).
pub fn holder_state(claimant: &str) -> Holder {
    let Some(parsed) = ParsedClaimant::parse(claimant) else {
        return Holder::MaybeAlive;
    };
    let Some(host) = host_name() else {
        return Holder::MaybeAlive;
    };
    if parsed.host != host || !Path::new("/proc/self/stat").exists() {
        return Holder::MaybeAlive;
    }
    process_state(Path::new("/proc"), parsed.pid, parsed.start)
}

/// The parts of a claimant name.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ParsedClaimant<'a> {
    host: &'a str,
    pid: u32,
    /// 0 when the start time was not known.
    start: u64,
}

impl<'a> ParsedClaimant<'a> {
    fn parse(name: &'a str) -> Option<Self> {
        let mut parts = name.rsplitn(3, ':');
        let _nonce = parts.next()?;
        let process = parts.next()?;
        let host = parts.next()?;
        let (pid, start) = process.split_once('.')?;
        if host.is_empty() || host == "?" {
            return None;
        }
        Some(Self {
            host,
            pid: pid.parse().ok()?,
            start: start.parse().ok()?,
        })
    }
}

/// Reads `<proc>/<pid>/stat`: gone when missing, a zombie, or started at another time.
fn process_state(proc_dir: &Path, pid: u32, start: u64) -> Holder {
    let stat_path = proc_dir.join(pid.to_string()).join("stat");
    let stat = match std::fs::read_to_string(&stat_path) {
        Ok(stat) => stat,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Holder::Gone,
        Err(_) => return Holder::MaybeAlive,
    };
    let Some(fields) = fields_after_command(&stat) else {
        return Holder::MaybeAlive;
    };
    if matches!(fields.first().copied(), Some("Z" | "X" | "x")) {
        return Holder::Gone;
    }
    match start_time_field(&fields) {
        Some(actual) if start != 0 && actual != start => Holder::Gone,
        _ => Holder::MaybeAlive,
    }
}

/// The start time (field 22 of `stat`) of the process whose stat file is `path`.
fn proc_start_time(path: &Path) -> Option<u64> {
    let stat = std::fs::read_to_string(path).ok()?;
    start_time_field(&fields_after_command(&stat)?)
}

/// The fields after `pid (command)`; the command may itself contain spaces and parentheses.
fn fields_after_command(stat: &str) -> Option<Vec<&str>> {
    let close = stat.rfind(')')?;
    Some(stat.get(close + 1..)?.split_whitespace().collect())
}

/// Field 22 (`starttime`) is the 20th after the command (state is field 3).
fn start_time_field(fields_after_command: &[&str]) -> Option<u64> {
    fields_after_command.get(19)?.parse().ok()
}

fn host_name() -> Option<String> {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .ok()?;
    let name = name.trim();
    (!name.is_empty()).then(|| name.replace(':', "_"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_name_parses_back_to_this_process() {
        let name = new_claimant();
        let parsed = ParsedClaimant::parse(&name);
        if host_name().is_some() {
            let parsed = parsed.expect("a name made here parses");
            assert_eq!(parsed.pid, std::process::id());
        }
        assert_eq!(holder_state(&name), Holder::MaybeAlive);
    }

    #[test]
    fn two_engines_in_one_process_get_different_names() {
        assert_ne!(new_claimant(), new_claimant());
    }

    #[test]
    fn unreadable_names_count_as_alive() {
        for name in [
            "",
            "a",
            "host:12:ff",
            "?:12.5:ff",
            "host:x.5:ff",
            "other-host:1.1:ff",
        ] {
            assert_eq!(holder_state(name), Holder::MaybeAlive, "{name:?}");
        }
    }

    #[test]
    fn stat_fields_survive_odd_command_names() {
        let stat = "42 (a) b (c)) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 777 19";
        let fields = fields_after_command(stat).expect("has a command");
        assert_eq!(fields.first().copied(), Some("S"));
        assert_eq!(start_time_field(&fields), Some(777));
    }

    #[test]
    fn zombies_missing_pids_and_reused_pids_are_gone() -> std::io::Result<()> {
        let proc_dir = tempfile::tempdir()?;
        let write = |pid: u32, state: &str, start: u64| -> std::io::Result<()> {
            let dir = proc_dir.path().join(pid.to_string());
            std::fs::create_dir_all(&dir)?;
            let tail: Vec<String> = (1..=18).map(|n| n.to_string()).collect();
            let stat = format!("{pid} (kring) {state} {} {start} 0", tail.join(" "));
            std::fs::write(dir.join("stat"), stat)
        };
        write(10, "S", 500)?;
        write(11, "Z", 500)?;
        assert_eq!(process_state(proc_dir.path(), 10, 500), Holder::MaybeAlive);
        assert_eq!(process_state(proc_dir.path(), 10, 0), Holder::MaybeAlive);
        assert_eq!(process_state(proc_dir.path(), 10, 499), Holder::Gone);
        assert_eq!(process_state(proc_dir.path(), 11, 500), Holder::Gone);
        assert_eq!(process_state(proc_dir.path(), 12, 500), Holder::Gone);
        Ok(())
    }
}
