//! The request budget: a sliding window per call family that keeps kring inside Yammer's limits
//! (messages 10 per 30 s, other calls 10 per 30 s to be safe) by itself, before the server has to
//! say 429. Callers wait for a slot; nothing is dropped.

use std::collections::VecDeque;
use std::sync::Arc;
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
        }
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
