//! Who may hold a connection to `kring serve`: a cap on open connections in all and per client
//! address, the timeouts a connection lives under ([`ConnectionLimits`]), and raising the
//! process's descriptor limit so the cap, not the kernel, is what turns a flood away.
//! Counting only: this module never reads or writes a socket (`listen` does).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// Descriptors kept free of connections: the database and its readers, the listener, standard
/// streams, and the moment a refused connection is accepted in order to be closed.
const RESERVED_DESCRIPTORS: u64 = 64;

/// How many connections the server holds and how long an unproductive one may live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// Open connections in all; more are answered 503 and closed.
    pub max_total: usize,
    /// Open connections from one client address; more are answered 503 and closed.
    pub max_per_ip: usize,
    /// A request's headers must arrive within this time of the server waiting for them.
    pub header_timeout: Duration,
    /// A connection without a request in progress is closed after this time (hyper also closes
    /// one that waits longer than `header_timeout` for a request, so the smaller one rules).
    pub idle_timeout: Duration,
}

impl Default for ConnectionLimits {
    /// 4,096 connections, 256 per address, 10 s for headers, 5 s idle.
    fn default() -> Self {
        Self {
            max_total: 4096,
            max_per_ip: 256,
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(5),
        }
    }
}

impl ConnectionLimits {
    /// These limits with `max_total` lowered so that connections cannot use up `descriptors`
    /// (the soft descriptor limit; `None` is unlimited).
    pub fn fitted_to(mut self, descriptors: Option<u64>) -> Self {
        if let Some(descriptors) = descriptors {
            let room = descriptors.saturating_sub(RESERVED_DESCRIPTORS).max(1);
            let room = usize::try_from(room).unwrap_or(usize::MAX);
            self.max_total = self.max_total.min(room);
        }
        self.max_total = self.max_total.max(1);
        self.max_per_ip = self.max_per_ip.max(1);
        self
    }
}

/// Raises the soft limit on open descriptors to the hard limit where the system allows it and
/// returns the soft limit now in force (`None`: unlimited).
pub fn raise_descriptor_limit() -> Option<u64> {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    if limit.current != limit.maximum {
        let raised = Rlimit {
            current: limit.maximum,
            maximum: limit.maximum,
        };
        if let Err(e) = setrlimit(Resource::Nofile, raised) {
            tracing::debug!(error = %e, "could not raise the open-files limit");
        }
    }
    getrlimit(Resource::Nofile).current
}

/// Why a connection was turned away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The server holds `max_total` connections.
    Full,
    /// The client's address holds `max_per_ip` connections.
    TooManyFromAddress,
}

#[derive(Debug, Default)]
struct Counts {
    total: usize,
    per_ip: HashMap<IpAddr, usize>,
}

/// The open-connection counts, shared by the accept loop and the connections' tickets.
#[derive(Clone, Debug)]
pub struct Admission {
    counts: Arc<Mutex<Counts>>,
    max_total: usize,
    max_per_ip: usize,
}

impl Admission {
    pub fn new(limits: &ConnectionLimits) -> Self {
        Self {
            counts: Arc::default(),
            max_total: limits.max_total,
            max_per_ip: limits.max_per_ip,
        }
    }

    /// A ticket for one more connection from `ip`, or why there is no room for it. The
    /// connection counts until the ticket is dropped.
    pub fn admit(&self, ip: IpAddr) -> Result<Ticket, Refusal> {
        let ip = ip.to_canonical();
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        if counts.total >= self.max_total {
            return Err(Refusal::Full);
        }
        let from_ip = counts.per_ip.entry(ip).or_insert(0);
        if *from_ip >= self.max_per_ip {
            return Err(Refusal::TooManyFromAddress);
        }
        *from_ip += 1;
        counts.total += 1;
        Ok(Ticket {
            ip,
            counts: Arc::clone(&self.counts),
        })
    }

    /// Open connections in all.
    #[cfg(test)]
    fn open(&self) -> usize {
        self.counts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .total
    }
}

/// One admitted connection; dropping it frees its place.
#[derive(Debug)]
pub struct Ticket {
    ip: IpAddr,
    counts: Arc<Mutex<Counts>>,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        counts.total = counts.total.saturating_sub(1);
        if let Some(n) = counts.per_ip.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                counts.per_ip.remove(&self.ip);
            }
        }
        // After a flood from many addresses the table would keep its size for good.
        let len = counts.per_ip.len();
        if counts.per_ip.capacity() > 64 && counts.per_ip.capacity() > len * 4 {
            counts.per_ip.shrink_to(len * 2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(max_total: usize, max_per_ip: usize) -> ConnectionLimits {
        ConnectionLimits {
            max_total,
            max_per_ip,
            ..ConnectionLimits::default()
        }
    }

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([127, 0, 0, last])
    }

    #[test]
    fn one_address_is_capped_and_others_still_get_in() {
        let admission = Admission::new(&limits(10, 2));
        let a = admission.admit(ip(1)).unwrap();
        let _b = admission.admit(ip(1)).unwrap();
        assert_eq!(
            admission.admit(ip(1)).unwrap_err(),
            Refusal::TooManyFromAddress
        );
        let _c = admission.admit(ip(2)).unwrap();
        drop(a);
        assert!(
            admission.admit(ip(1)).is_ok(),
            "a closed connection frees its place"
        );
    }

    #[test]
    fn the_total_is_capped_and_freed_when_tickets_drop() {
        let admission = Admission::new(&limits(3, 3));
        let tickets: Vec<_> = (1..=3).map(|i| admission.admit(ip(i)).unwrap()).collect();
        assert_eq!(admission.admit(ip(9)).unwrap_err(), Refusal::Full);
        drop(tickets);
        assert_eq!(admission.open(), 0);
        assert!(admission.admit(ip(9)).is_ok());
    }

    #[test]
    fn a_mapped_ipv4_address_counts_as_the_ipv4_address() {
        let admission = Admission::new(&limits(10, 1));
        let _v4 = admission.admit(ip(1)).unwrap();
        let mapped: IpAddr = "::ffff:127.0.0.1".parse().unwrap();
        assert_eq!(
            admission.admit(mapped).unwrap_err(),
            Refusal::TooManyFromAddress
        );
    }

    #[test]
    fn the_total_is_fitted_below_the_descriptor_limit() {
        let fitted = limits(4096, 256).fitted_to(Some(1024));
        assert_eq!(fitted.max_total, 1024 - RESERVED_DESCRIPTORS as usize);
        assert_eq!(limits(4096, 256).fitted_to(None).max_total, 4096);
        assert_eq!(limits(4096, 256).fitted_to(Some(10)).max_total, 1);
        assert_eq!(limits(0, 0).fitted_to(None).max_per_ip, 1);
    }
}
