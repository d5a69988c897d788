//! Tests of the request budget on tokio's paused clock: virtual time only, so the waits they
//! check are exact and independent of the machine's load.

use std::sync::{Arc, Mutex};

use super::*;

const WINDOW: Duration = Duration::from_secs(30);

/// When each call got its slot, by priority.
#[derive(Clone, Default)]
struct Starts(Arc<Mutex<Vec<(Priority, Instant)>>>);

impl Starts {
    fn record(&self, priority: Priority) {
        if let Ok(mut starts) = self.0.lock() {
            starts.push((priority, Instant::now()));
        }
    }

    fn all(&self) -> Vec<(Priority, Instant)> {
        self.0.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn of(&self, priority: Priority) -> Vec<Instant> {
        let all = self.all();
        all.iter()
            .filter(|(p, _)| *p == priority)
            .map(|(_, t)| *t)
            .collect()
    }
}

/// Asserts no `limit + 1` of `starts` fall within one window.
fn assert_within_limit(starts: &[Instant], limit: usize) {
    let mut sorted = starts.to_vec();
    sorted.sort();
    for (first, later) in sorted.iter().zip(sorted.iter().skip(limit)) {
        assert!(
            later.duration_since(*first) >= WINDOW,
            "more than {limit} calls within one window"
        );
    }
}

/// A task making `calls` background calls of `family` one after another.
fn loader(
    budget: &RequestBudget,
    family: Family,
    calls: usize,
    starts: &Starts,
) -> tokio::task::JoinHandle<()> {
    let budget = budget.clone();
    let starts = starts.clone();
    tokio::spawn(async move {
        for _ in 0..calls {
            budget.acquire(family, Priority::Background).await;
            starts.record(Priority::Background);
        }
    })
}

#[tokio::test(start_paused = true)]
async fn the_eleventh_call_waits_for_the_window() {
    let budget = RequestBudget::new(BudgetConfig::default());
    let start = Instant::now();
    for _ in 0..10 {
        budget
            .acquire(Family::Messages, Priority::Interactive)
            .await;
    }
    assert_eq!(Instant::now(), start, "ten calls fit at once");
    budget
        .acquire(Family::Messages, Priority::Interactive)
        .await;
    assert!(Instant::now().duration_since(start) >= WINDOW);
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
        budget
            .acquire(Family::Messages, Priority::Interactive)
            .await;
    }
    budget.acquire(Family::Other, Priority::Background).await;
    assert_eq!(Instant::now(), start);
}

#[test]
fn background_calls_leave_three_in_ten_free() {
    let config = |calls| BudgetConfig {
        calls,
        window: WINDOW,
    };
    assert_eq!(config(10).calls_for(Priority::Background), 7);
    assert_eq!(config(10).calls_for(Priority::Interactive), 10);
    assert_eq!(config(8).reserved_for_interactive(), 2);
    assert_eq!(config(2).reserved_for_interactive(), 1);
    assert_eq!(config(1).calls_for(Priority::Background), 1, "never stuck");
    assert_eq!(config(0).calls_for(Priority::Background), 0);
    assert!(config(usize::MAX).calls_for(Priority::Background) > usize::MAX / 2);
}

#[tokio::test(start_paused = true)]
async fn a_background_loader_leaves_room_for_interactive_calls_at_once() {
    let budget = RequestBudget::new(BudgetConfig::default());
    let starts = Starts::default();
    let load = loader(&budget, Family::Other, 1_000, &starts);
    tokio::time::sleep(Duration::from_secs(95)).await;
    let start = Instant::now();
    for _ in 0..3 {
        budget.acquire(Family::Other, Priority::Interactive).await;
    }
    assert_eq!(Instant::now(), start, "the reserved slots are free");
    assert!(
        !load.is_finished(),
        "the loader still holds the family busy"
    );
    load.abort();
    assert_within_limit(&starts.of(Priority::Background), 7);
}

#[tokio::test(start_paused = true)]
async fn interactive_calls_get_a_slot_within_one_window_while_a_loader_runs() {
    let budget = RequestBudget::new(BudgetConfig::default());
    let starts = Starts::default();
    let load = loader(&budget, Family::Other, 1_000, &starts);
    tokio::time::sleep(Duration::from_secs(100)).await;
    let asked_at = Instant::now();
    let burst: Vec<_> = (0..10)
        .map(|_| {
            let budget = budget.clone();
            let starts = starts.clone();
            tokio::spawn(async move {
                budget.acquire(Family::Other, Priority::Interactive).await;
                starts.record(Priority::Interactive);
            })
        })
        .collect();
    for call in burst {
        assert!(call.await.is_ok());
    }
    let interactive = starts.of(Priority::Interactive);
    assert_eq!(interactive.len(), 10);
    for started in &interactive {
        assert!(started.duration_since(asked_at) <= WINDOW);
    }
    assert!(!load.is_finished());
    load.abort();
    let every_start: Vec<Instant> = starts.all().iter().map(|(_, t)| *t).collect();
    assert_within_limit(&every_start, 10);
}

#[tokio::test(start_paused = true)]
async fn background_calls_progress_when_nothing_interactive_waits() {
    let budget = RequestBudget::new(BudgetConfig::default());
    let starts = Starts::default();
    let start = Instant::now();
    let load = loader(&budget, Family::Other, 21, &starts);
    assert!(load.await.is_ok());
    let background = starts.of(Priority::Background);
    assert_eq!(background.len(), 21, "every call made");
    assert_within_limit(&background, 7);
    assert!(
        Instant::now().duration_since(start) <= 2 * WINDOW + Duration::from_secs(1),
        "seven a window, so three windows' worth start within two"
    );
}

#[tokio::test(start_paused = true)]
async fn a_background_call_never_passes_a_waiting_interactive_one() {
    let budget = RequestBudget::new(BudgetConfig::default());
    let starts = Starts::default();
    for _ in 0..10 {
        budget.acquire(Family::Other, Priority::Interactive).await;
    }
    let background = loader(&budget, Family::Other, 1, &starts);
    tokio::task::yield_now().await;
    let waiting: Vec<_> = (0..12)
        .map(|_| {
            let budget = budget.clone();
            let starts = starts.clone();
            tokio::spawn(async move {
                budget.acquire(Family::Other, Priority::Interactive).await;
                starts.record(Priority::Interactive);
            })
        })
        .collect();
    for call in waiting {
        assert!(call.await.is_ok());
    }
    assert!(background.await.is_ok());
    let order: Vec<Priority> = starts.all().iter().map(|(p, _)| *p).collect();
    assert_eq!(order.len(), 13, "no call dropped");
    assert_eq!(
        order.last(),
        Some(&Priority::Background),
        "the background call waited for every interactive one: {order:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_cancelled_interactive_wait_does_not_hold_back_background_calls() {
    let budget = RequestBudget::new(BudgetConfig::default());
    for _ in 0..10 {
        budget.acquire(Family::Other, Priority::Interactive).await;
    }
    let cancelled = {
        let budget = budget.clone();
        tokio::spawn(async move { budget.acquire(Family::Other, Priority::Interactive).await })
    };
    tokio::task::yield_now().await;
    cancelled.abort();
    assert!(cancelled.await.is_err_and(|e| e.is_cancelled()));
    let start = Instant::now();
    let acquired = tokio::time::timeout(
        10 * WINDOW,
        budget.acquire(Family::Other, Priority::Background),
    )
    .await;
    assert!(
        acquired.is_ok(),
        "a caller gone no longer counts as waiting"
    );
    let waited = Instant::now().duration_since(start);
    assert!(
        (WINDOW..WINDOW + Duration::from_secs(1)).contains(&waited),
        "the first free slot: {waited:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn mixed_callers_all_get_through_within_the_limit() {
    let rounds: usize = std::env::var("KRING_BUDGET_MIXED_CALLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let budget = RequestBudget::new(BudgetConfig::default());
    let starts = Starts::default();
    let load = loader(&budget, Family::Other, rounds, &starts);
    let mut users = Vec::new();
    for round in 0..rounds {
        tokio::time::sleep(Duration::from_secs(1 + (round % 7) as u64)).await;
        let budget = budget.clone();
        let starts = starts.clone();
        users.push(tokio::spawn(async move {
            budget.acquire(Family::Other, Priority::Interactive).await;
            starts.record(Priority::Interactive);
        }));
    }
    for user in users {
        assert!(user.await.is_ok());
    }
    assert!(load.await.is_ok());
    assert_eq!(starts.of(Priority::Interactive).len(), rounds);
    assert_eq!(starts.of(Priority::Background).len(), rounds);
    let every_start: Vec<Instant> = starts.all().iter().map(|(_, t)| *t).collect();
    assert_within_limit(&every_start, 10);
    assert_within_limit(&starts.of(Priority::Background), 7);
}

#[tokio::test(start_paused = true)]
async fn left_counts_the_calls_still_free_in_the_window() {
    let budget = RequestBudget::new(BudgetConfig::default());
    assert_eq!(budget.left(Family::Other, Priority::Interactive), 10);
    assert_eq!(budget.left(Family::Other, Priority::Background), 7);
    budget.acquire(Family::Other, Priority::Interactive).await;
    budget.acquire(Family::Other, Priority::Interactive).await;
    assert_eq!(budget.left(Family::Other, Priority::Interactive), 8);
    assert_eq!(budget.left(Family::Messages, Priority::Interactive), 10);
    tokio::time::sleep(Duration::from_secs(30)).await;
    assert_eq!(budget.left(Family::Other, Priority::Interactive), 10);
}
