//! Paging the people listing into the index: one `users.json` page at a time (the next is asked
//! for only when the last has arrived, so the request budget is never flooded), until a short
//! page, an empty one, or a page of people this pass has already listed (a server ignoring
//! `page`). A rate limit pauses the paging for the server's `Retry-After`, another passing
//! failure (offline, a 5xx) for a backoff; either way it goes on by itself at the page that
//! failed, and the pause's countdown is there to show. Other failures stop it until a refresh.
//! Pure bookkeeping: the time comes from the caller.

use std::collections::HashSet;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::effect::{PeopleEffect, USERS_PAGE_SIZE};
use crate::api::ApiError;
use crate::api::retry::DEFAULT_RETRY_AFTER;
use crate::panes::countdown::Countdown;
use crate::panes::request::RequestId;

/// Most pages asked for (a million people); beyond this the listing is considered complete.
pub const MAX_PAGES: u32 = 20_000;
/// The first wait after a passing failure other than a rate limit; it doubles each time.
const FIRST_BACKOFF: Duration = Duration::from_secs(5);
/// The longest wait after passing failures.
const MAX_BACKOFF: Duration = Duration::from_secs(300);

/// Where the people listing stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paging {
    /// The next page to ask for, from 1; 0 before the listing started.
    pub next_page: u32,
    /// Where the listing starts when an earlier session left it unfinished (0: at the start).
    pub resume_page: u32,
    pub in_flight: Option<RequestId>,
    pub complete: bool,
    /// Why the last page failed for good; paging waits for a refresh.
    pub failed: Option<String>,
    /// A passing failure: the paging goes on by itself when the countdown ends.
    pub paused: Option<Pause>,
    /// Passing failures in a row, for the backoff.
    failures: u32,
    /// The people this pass listed so far.
    seen: HashSet<u64>,
}

/// Why and until when the listing waits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pause {
    /// What happened, in a few words ("rate limited").
    pub reason: String,
    pub countdown: Countdown,
}

/// What a page's answer means for the paging.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageOutcome {
    /// Ask for the next page.
    More,
    /// The listing has been read to its end.
    Complete,
}

impl Paging {
    /// Whether the listing has been started.
    pub const fn started(&self) -> bool {
        self.next_page > 0
    }

    /// Whether a page is on its way.
    pub const fn is_loading(&self) -> bool {
        self.in_flight.is_some()
    }

    /// How many people this pass listed so far.
    pub fn listed(&self) -> usize {
        self.seen.len()
    }

    /// The request for the next page, unless one is in flight, the listing is complete, or it
    /// waits for a pause to end or for a refresh.
    pub fn next(&mut self, req: RequestId) -> Option<PeopleEffect> {
        if self.in_flight.is_some()
            || self.complete
            || self.failed.is_some()
            || self.paused.is_some()
        {
            return None;
        }
        let page = if self.next_page == 0 {
            self.resume_page.max(1)
        } else {
            self.next_page
        };
        self.next_page = page;
        self.in_flight = Some(req);
        Some(PeopleEffect::ListPage { req, page })
    }

    /// Whether `req` is the page this paging waits for.
    pub fn awaits(&self, req: RequestId) -> bool {
        self.in_flight == Some(req)
    }

    /// Records a page listing the people `ids`.
    pub fn received(&mut self, ids: impl IntoIterator<Item = u64>) -> PageOutcome {
        self.in_flight = None;
        self.failures = 0;
        let mut received = 0;
        let mut new = 0;
        for id in ids {
            received += 1;
            if self.seen.insert(id) {
                new += 1;
            }
        }
        let last = received < USERS_PAGE_SIZE || new == 0 || self.next_page >= MAX_PAGES;
        if last {
            self.complete = true;
            PageOutcome::Complete
        } else {
            self.next_page += 1;
            PageOutcome::More
        }
    }

    /// Records a failed page at `now`: a passing failure pauses the paging (true: it goes on by
    /// itself), any other stops it until a refresh (false).
    pub fn failed(&mut self, error: &ApiError, now: DateTime<Utc>) -> bool {
        self.in_flight = None;
        let (reason, wait) = match error {
            ApiError::RateLimited { retry_after } => (
                "rate limited".to_owned(),
                retry_after.unwrap_or(DEFAULT_RETRY_AFTER),
            ),
            error if error.is_transient() => {
                let wait = FIRST_BACKOFF
                    .saturating_mul(2u32.saturating_pow(self.failures.min(16)))
                    .min(MAX_BACKOFF);
                self.failures = self.failures.saturating_add(1);
                let reason = match error {
                    ApiError::Network { .. } => "offline".to_owned(),
                    ApiError::Server { status } => format!("server error {status}"),
                    other => other.to_string(),
                };
                (reason, wait)
            }
            error => {
                self.failed = Some(error.to_string());
                return false;
            }
        };
        self.paused = Some(Pause {
            reason,
            countdown: Countdown::starting(now, wait.max(Duration::from_secs(1))),
        });
        true
    }

    /// A tick at `now`: true when a pause just ended and the next page may be asked for.
    pub fn on_tick(&mut self, now: DateTime<Utc>) -> bool {
        if self
            .paused
            .as_ref()
            .is_some_and(|p| p.countdown.is_over(now))
        {
            self.paused = None;
            return true;
        }
        false
    }

    /// How soon a tick is needed: when the pause ends, or, while its countdown is `shown`,
    /// when the seconds left change.
    pub fn next_tick_in(&self, now: DateTime<Utc>, shown: bool) -> Option<Duration> {
        let countdown = self.paused.as_ref()?.countdown;
        if shown {
            countdown.until_change(now).or(Some(Duration::ZERO))
        } else {
            Some((countdown.until - now).to_std().unwrap_or(Duration::ZERO))
        }
    }

    /// Clears a failure or a pause so the next call to `next` asks for the failed page again.
    pub fn retry(&mut self) {
        self.failed = None;
        self.paused = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_asked_for_one_at_a_time_until_a_short_page() {
        let mut paging = Paging::default();
        assert!(!paging.started());
        let first = paging.next(RequestId(1));
        assert_eq!(
            first,
            Some(PeopleEffect::ListPage {
                req: RequestId(1),
                page: 1
            })
        );
        assert_eq!(paging.next(RequestId(2)), None, "one page at a time");
        assert!(paging.awaits(RequestId(1)));
        assert_eq!(paging.received(1..=50), PageOutcome::More);
        assert_eq!(
            paging.next(RequestId(3)),
            Some(PeopleEffect::ListPage {
                req: RequestId(3),
                page: 2
            })
        );
        assert_eq!(paging.received(51..=62), PageOutcome::Complete);
        assert!(paging.complete);
        assert_eq!(paging.next(RequestId(4)), None);
    }

    #[test]
    fn a_page_of_people_this_pass_listed_ends_the_listing() {
        let mut paging = Paging::default();
        paging.next(RequestId(1));
        assert_eq!(paging.received(1..=50), PageOutcome::More);
        paging.next(RequestId(2));
        assert_eq!(paging.received(1..=50), PageOutcome::Complete);
        assert_eq!(paging.listed(), 50);
    }

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + secs, 0).unwrap_or_default()
    }

    #[test]
    fn a_rate_limit_pauses_for_retry_after_then_goes_on_by_itself() {
        let mut paging = Paging::default();
        paging.next(RequestId(1));
        paging.received(1..=50);
        paging.next(RequestId(2));
        let limited = ApiError::RateLimited {
            retry_after: Some(Duration::from_secs(24)),
        };
        assert!(paging.failed(&limited, at(0)));
        assert_eq!(paging.next(RequestId(3)), None, "waits");
        let shown = paging.next_tick_in(at(0), true);
        assert_eq!(shown, Some(Duration::from_secs(1)), "the countdown is live");
        let hidden = paging.next_tick_in(at(0), false);
        assert_eq!(
            hidden,
            Some(Duration::from_secs(24)),
            "one tick when hidden"
        );
        assert!(!paging.on_tick(at(23)));
        assert!(paging.on_tick(at(24)));
        assert_eq!(paging.next_tick_in(at(24), true), None);
        assert_eq!(
            paging.next(RequestId(4)),
            Some(PeopleEffect::ListPage {
                req: RequestId(4),
                page: 2
            })
        );
    }

    #[test]
    fn passing_failures_back_off_and_others_wait_for_a_refresh() {
        let mut paging = Paging::default();
        paging.next(RequestId(1));
        let down = ApiError::Server { status: 503 };
        assert!(paging.failed(&down, at(0)));
        let reason = paging.paused.as_ref().map(|p| p.reason.as_str());
        assert_eq!(reason, Some("server error 503"));
        assert_eq!(paging.next_tick_in(at(0), false), Some(FIRST_BACKOFF));
        paging.on_tick(at(5));
        paging.next(RequestId(2));
        assert!(paging.failed(&down, at(5)));
        assert_eq!(paging.next_tick_in(at(5), false), Some(FIRST_BACKOFF * 2));
        paging.retry();
        paging.next(RequestId(3));
        assert!(!paging.failed(&ApiError::NotFound, at(6)));
        assert_eq!(paging.next_tick_in(at(6), false), None);
        assert_eq!(paging.next(RequestId(4)), None);
    }

    #[test]
    fn an_unfinished_listing_resumes_where_it_was_left() {
        let mut paging = Paging {
            resume_page: 7,
            ..Paging::default()
        };
        assert!(!paging.started());
        assert_eq!(
            paging.next(RequestId(1)),
            Some(PeopleEffect::ListPage {
                req: RequestId(1),
                page: 7
            })
        );
    }

    #[test]
    fn a_failed_page_is_asked_for_again_after_a_retry() {
        let mut paging = Paging::default();
        paging.next(RequestId(1));
        paging.received(1..=50);
        paging.next(RequestId(2));
        paging.failed(&ApiError::NotFound, at(0));
        assert_eq!(paging.next(RequestId(3)), None);
        paging.retry();
        assert_eq!(
            paging.next(RequestId(4)),
            Some(PeopleEffect::ListPage {
                req: RequestId(4),
                page: 2
            })
        );
    }
}
