//! Paging the people listing into the index: one `users.json` page at a time (the next is asked
//! for only when the last has arrived, so the request budget is never flooded), until a short
//! page, an empty one, or a page of people already seen (a server ignoring `page`). A failure
//! stops the paging; a refresh resumes it at the page that failed. Pure bookkeeping.

use super::effect::{PeopleEffect, USERS_PAGE_SIZE};
use crate::app::request::RequestId;

/// Most pages asked for (a million people); beyond this the listing is considered complete.
pub const MAX_PAGES: u32 = 20_000;

/// Where the people listing stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paging {
    /// The next page to ask for, from 1; 0 before the listing started.
    pub next_page: u32,
    pub in_flight: Option<RequestId>,
    pub complete: bool,
    /// Why the last page failed; paging waits for a refresh.
    pub failed: Option<String>,
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

    /// The request for the next page, unless one is in flight, the listing is complete or a
    /// failure waits for a refresh.
    pub fn next(&mut self, req: RequestId) -> Option<PeopleEffect> {
        if self.in_flight.is_some() || self.complete || self.failed.is_some() {
            return None;
        }
        let page = self.next_page.max(1);
        self.next_page = page;
        self.in_flight = Some(req);
        Some(PeopleEffect::ListPage { req, page })
    }

    /// Whether `req` is the page this paging waits for.
    pub fn awaits(&self, req: RequestId) -> bool {
        self.in_flight == Some(req)
    }

    /// Records a page of `received` people of whom `new` were not known before.
    pub fn received(&mut self, received: usize, new: usize) -> PageOutcome {
        self.in_flight = None;
        let last = received < USERS_PAGE_SIZE || new == 0 || self.next_page >= MAX_PAGES;
        if last {
            self.complete = true;
            PageOutcome::Complete
        } else {
            self.next_page += 1;
            PageOutcome::More
        }
    }

    /// Records a failed page; it is asked for again after `retry`.
    pub fn failed(&mut self, reason: String) {
        self.in_flight = None;
        self.failed = Some(reason);
    }

    /// Clears a failure so the next call to `next` asks for the failed page again.
    pub fn retry(&mut self) {
        self.failed = None;
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
        assert_eq!(paging.received(50, 50), PageOutcome::More);
        assert_eq!(
            paging.next(RequestId(3)),
            Some(PeopleEffect::ListPage {
                req: RequestId(3),
                page: 2
            })
        );
        assert_eq!(paging.received(12, 12), PageOutcome::Complete);
        assert!(paging.complete);
        assert_eq!(paging.next(RequestId(4)), None);
    }

    #[test]
    fn a_page_of_known_people_ends_the_listing() {
        let mut paging = Paging::default();
        paging.next(RequestId(1));
        assert_eq!(paging.received(50, 0), PageOutcome::Complete);
    }

    #[test]
    fn a_failed_page_is_asked_for_again_after_a_retry() {
        let mut paging = Paging::default();
        paging.next(RequestId(1));
        paging.received(50, 50);
        paging.next(RequestId(2));
        paging.failed("offline".into());
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
