//! `who_knows`: plan the query, score (see `score`), order deterministically (score, then name,
//! then id; or by name or recent activity), keep the limit, explain the survivors. Also the
//! person comparison the directory shares. Never reads the clock: `now` is an argument.

use std::cmp::Ordering;

use super::index::ExpertiseIndex;
use super::person_idx::PersonIdx;
use super::query::{Query, SortOrder};
use super::reasons::Match;
use super::score::Scored;

impl ExpertiseIndex {
    /// People who know about `query.text`, best first, each with the reasons for their place.
    /// Hidden people never appear; ties break by name, then id. `now` (unix seconds) sets how
    /// recent each message is.
    pub fn who_knows(&self, query: &Query, now: i64) -> Vec<Match> {
        let plan = self.plan(query);
        if plan.is_empty() {
            return Vec::new();
        }
        let mut sheet = self.score(&plan, query, now);
        let ordered = self.order(std::mem::take(&mut sheet.scored), query.sort, query.limit);
        let persons: Vec<PersonIdx> = ordered.iter().map(|s| s.person).collect();
        let matched = self.matched_messages(&plan, &persons);
        ordered
            .into_iter()
            .zip(matched)
            .map(|(s, messages)| Match {
                person_id: self
                    .people
                    .ids
                    .get(s.person as usize)
                    .copied()
                    .unwrap_or_default(),
                score: s.score,
                parts: sheet.parts(s.person),
                reasons: self.reasons(&plan, s.person, &messages),
            })
            .collect()
    }

    /// Sorts by the requested order and keeps the first `limit`, fully deterministic.
    pub(super) fn order(
        &self,
        mut scored: Vec<Scored>,
        sort: SortOrder,
        limit: Option<usize>,
    ) -> Vec<Scored> {
        let compare = |a: &Scored, b: &Scored| match sort {
            SortOrder::Relevance => b
                .score
                .total_cmp(&a.score)
                .then_with(|| self.compare_people(a.person, b.person, SortOrder::Name)),
            other => self.compare_people(a.person, b.person, other),
        };
        if let Some(limit) = limit {
            if limit == 0 {
                return Vec::new();
            }
            if limit < scored.len() {
                scored.select_nth_unstable_by(limit - 1, compare);
                scored.truncate(limit);
            }
        }
        scored.sort_unstable_by(compare);
        scored
    }

    /// Orders two people by name (then id), or by recent activity (then name, id).
    pub(super) fn compare_people(&self, a: PersonIdx, b: PersonIdx, sort: SortOrder) -> Ordering {
        let people = &self.people;
        let by_name = || people.name_rank(a).cmp(&people.name_rank(b));
        match sort {
            SortOrder::RecentlyActive => {
                let active =
                    |p: PersonIdx| people.slots.get(p as usize).and_then(|s| s.last_active());
                active(b).cmp(&active(a)).then_with(by_name)
            }
            SortOrder::Name | SortOrder::Relevance => by_name(),
        }
    }
}
