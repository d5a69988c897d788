//! The request budget: a sliding window per call family that keeps kring inside Yammer's limits
//! (messages 10 per 30 s, other calls 10 per 30 s to be safe) by itself, before the server has to
//! say 429. Callers wait for a slot; nothing is dropped. When the server does say 429, every family
//! pauses until its `Retry-After` has passed (Yammer then refuses every endpoint).

use std::collections::VecDeque;
use std::sync::{Arc, PoisonError};
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

/// Which of Yammer's independent rate-limit buckets a call counts against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Messages,
    Autocomplete,
    Other,
}

/// How many calls a family may make per window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BudgetConfig {
    pub calls: usize,
    pub window: Duration,
}

impl Default for BudgetConfig {
    fn default() -> Self {
        Self {
            calls: 10,
            window: Duration::from_secs(30),
        }
    }
}

/// Shared sliding windows, one per family.
#[derive(Clone, Debug)]
pub struct RequestBudget {
    config: BudgetConfig,
    windows: Arc<[Mutex<VecDeque<Instant>>; 3]>,
    /// No request may start before this instant (set by a 429).
    paused_until: Arc<std::sync::Mutex<Option<Instant>>>,
}

impl RequestBudget {
    pub fn new(config: BudgetConfig) -> Self {
        Self {
            config,
            windows: Arc::new([
                Mutex::new(VecDeque::new()),
                Mutex::new(VecDeque::new()),
                Mutex::new(VecDeque::new()),
            ]),
            paused_until: Arc::new(std::sync::Mutex::new(None)),
        }
    }

    /// Pauses every family for `wait` (at most a day) from now; a pause is extended, never
    /// shortened.
    pub fn pause_for(&self, wait: Duration) {
        let until = Instant::now() + wait.min(Duration::from_secs(24 * 60 * 60));
        let mut paused = self
            .paused_until
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if paused.is_none_or(|current| current < until) {
            *paused = Some(until);
        }
    }

    /// How long requests remain paused, if they are.
    pub fn paused_for(&self) -> Option<Duration> {
        let paused = *self
            .paused_until
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        paused
            .map(|until| until.saturating_duration_since(Instant::now()))
            .filter(|left| !left.is_zero())
    }

    /// A budget that never waits (for tests against servers without limits).
    pub fn unlimited() -> Self {
        Self::new(BudgetConfig {
            calls: usize::MAX,
            window: Duration::from_secs(1),
        })
    }

    /// Waits until a call of this family fits in the window, then records it.
    pub async fn acquire(&self, family: Family) {
        let index = match family {
            Family::Messages => 0,
            Family::Autocomplete => 1,
            Family::Other => 2,
        };
        loop {
            let wait = {
                let mut window = self.windows[index].lock().await;
                let now = Instant::now();
                while window
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= self.config.window)
                {
                    window.pop_front();
                }
                if window.len() < self.config.calls {
                    window.push_back(now);
                    return;
                }
                match window.front() {
                    Some(oldest) => self
                        .config
                        .window
                        .saturating_sub(now.duration_since(*oldest)),
                    None => Duration::ZERO,
                }
            };
            tokio::time::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_eleventh_call_waits_for_the_window() {
        let budget = RequestBudget::new(BudgetConfig::default());
        let start = Instant::now();
        for _ in 0..10 {
            budget.acquire(Family::Messages).await;
        }
        assert_eq!(Instant::now(), start, "ten calls fit at once");
        budget.acquire(Family::Messages).await;
        assert!(Instant::now().duration_since(start) >= Duration::from_secs(30));
    }

    #[tokio::test(start_paused = true)]
    async fn a_pause_covers_every_family_and_ends() {
        let budget = RequestBudget::unlimited();
        assert_eq!(budget.paused_for(), None);
        budget.pause_for(Duration::from_secs(7));
        budget.pause_for(Duration::from_secs(2));
        assert_eq!(
            budget.paused_for(),
            Some(Duration::from_secs(7)),
            "never shortened"
        );
        let clone = budget.clone();
        tokio::time::advance(Duration::from_secs(5)).await;
        assert_eq!(
            clone.paused_for(),
            Some(Duration::from_secs(2)),
            "shared by clones"
        );
        tokio::time::advance(Duration::from_secs(2)).await;
        assert_eq!(budget.paused_for(), None);
    }

    #[tokio::test(start_paused = true)]
    async fn families_are_independent() {
        let budget = RequestBudget::new(BudgetConfig::default());
        let start = Instant::now();
        for _ in 0..10 {
            budget.acquire(Family::Messages).await;
        }
        budget.acquire(Family::Other).await;
        assert_eq!(Instant::now(), start);
    }
}
