//! Why a person matched, and which of their messages show it: the `Reason`s of a `Match` and
//! the evidence lists of a profile card. Uses the same plan (terms and factors) the ranking used,
//! so every count shown is a count that scored. Hidden people get nothing.

use std::cmp::Ordering;

use super::index::ExpertiseIndex;
use super::intern::NONE;
use super::messages::MsgIdx;
use super::person_idx::PersonIdx;
use super::plan::{Plan, field_weight};
use super::query::Query;
use super::reasons::{DeclaredField, MatchKind, Reason};

/// Most topic reasons shown for one person.
const MAX_TOPIC_REASONS: usize = 3;

impl ExpertiseIndex {
    /// For each of `persons`, their live messages containing a term of `plan` (sorted, unique),
    /// gathered in one pass over the plan's postings: cheap even for someone with thousands of
    /// messages.
    pub(super) fn matched_messages(&self, plan: &Plan, persons: &[PersonIdx]) -> Vec<Vec<MsgIdx>> {
        const ABSENT: usize = usize::MAX;
        let mut position = vec![ABSENT; self.people.len()];
        for (i, &person) in persons.iter().enumerate() {
            if let Some(slot) = position.get_mut(person as usize) {
                *slot = i;
            }
        }
        let mut matched: Vec<Vec<MsgIdx>> = vec![Vec::new(); persons.len()];
        for &term in plan.terms.keys() {
            let Some(data) = self.terms.get(term as usize) else {
                continue;
            };
            for posting in &data.postings {
                let at = position
                    .get(posting.person as usize)
                    .copied()
                    .unwrap_or(ABSENT);
                if let Some(list) = matched.get_mut(at)
                    && posting.is_live()
                {
                    list.push(posting.msg);
                }
            }
        }
        for list in &mut matched {
            list.sort_unstable();
            list.dedup();
        }
        matched
    }

    /// The reasons `person` matched `plan`, given their `matched` messages: declarations
    /// (strongest first), then evidence, then topics (most used first).
    pub(super) fn reasons(
        &self,
        plan: &Plan,
        person: PersonIdx,
        matched: &[MsgIdx],
    ) -> Vec<Reason> {
        let mut reasons = self.declared_reasons(plan, person);
        if let Some(newest) = matched.iter().filter_map(|&m| self.created_at(m)).max() {
            reasons.push(Reason::Evidence {
                messages: u32::try_from(matched.len()).unwrap_or(u32::MAX),
                top_community: self.top_community(matched),
                last_at: newest,
            });
        }
        // Every message under a matching topic carries the topic's words, so it is matched.
        let mut topic_counts: Vec<(u32, u32)> = plan
            .topics
            .iter()
            .filter_map(|&t| Some((t, *self.topic_people.get(&(t, person))?)))
            .collect();
        topic_counts.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| self.topics.shown(a.0).cmp(self.topics.shown(b.0)))
        });
        reasons.extend(
            topic_counts
                .into_iter()
                .take(MAX_TOPIC_REASONS)
                .map(|(topic, count)| Reason::Topic {
                    name: self.topics.shown(topic).to_owned(),
                    count,
                }),
        );
        reasons
    }

    /// Per query word the best declaration, merged per tag (a tag hit by two words shows once).
    fn declared_reasons(&self, plan: &Plan, person: PersonIdx) -> Vec<Reason> {
        let Some(slot) = self.people.slots.get(person as usize) else {
            return Vec::new();
        };
        let Some(doc) = slot.doc.as_ref() else {
            return Vec::new();
        };
        // (strength, field, tag, kind)
        let mut best: Vec<(f64, DeclaredField, u16, MatchKind)> = Vec::new();
        for word in &plan.words {
            let winner = word
                .expansions
                .iter()
                .flat_map(|(e, factor)| {
                    slot.declared
                        .iter()
                        .filter(move |d| d.term == e.term)
                        .map(move |d| (factor * field_weight(d.field), d.field, d.tag, e.kind))
                })
                .max_by(|a, b| {
                    a.0.total_cmp(&b.0)
                        .then_with(|| b.1.cmp(&a.1))
                        .then_with(|| b.2.cmp(&a.2))
                });
            let Some(winner) = winner else { continue };
            match best.iter_mut().find(|b| b.1 == winner.1 && b.2 == winner.2) {
                Some(existing) if existing.0 < winner.0 => *existing = winner,
                Some(_) => {}
                None => best.push(winner),
            }
        }
        best.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| a.1.cmp(&b.1))
                .then_with(|| a.2.cmp(&b.2))
        });
        best.into_iter()
            .filter_map(|(_, field, tag, kind)| {
                let text = match field {
                    DeclaredField::Expertise => doc.expertise.get(usize::from(tag)),
                    DeclaredField::Interest => doc.interests.get(usize::from(tag)),
                    DeclaredField::JobTitle => doc.job_title.as_ref(),
                }?;
                Some(Reason::Declared {
                    tag: text.clone(),
                    kind,
                    field,
                })
            })
            .collect()
    }

    fn created_at(&self, idx: MsgIdx) -> Option<i64> {
        self.messages.created_at(idx)
    }

    /// The community most of `matched` were posted in (ties: first by name).
    fn top_community(&self, matched: &[MsgIdx]) -> Option<String> {
        let communities = matched
            .iter()
            .filter_map(|&m| self.messages.hot.get(m as usize));
        let counts = tally(communities.map(|h| h.community).filter(|c| *c != NONE));
        counts
            .into_iter()
            .max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then_with(|| self.communities.shown(b.0).cmp(self.communities.shown(a.0)))
            })
            .map(|(community, _)| self.communities.shown(community).to_owned())
    }

    /// Ids of `person_id`'s messages that match `query`, best match first (words matched and
    /// how well, times likes), then newest. Empty for hidden or unknown people.
    pub fn evidence(&self, person_id: u64, query: &Query, limit: usize) -> Vec<u64> {
        let Some(person) = self
            .people
            .find(person_id)
            .filter(|p| self.people.is_visible(*p))
        else {
            return Vec::new();
        };
        let plan = self.plan(query);
        // (message, word, strength) for each of their live messages an expansion reaches;
        // read from the postings, which are sequential, rather than from their messages.
        let mut hits: Vec<(MsgIdx, usize, f64)> = Vec::new();
        for (word, planned) in plan.words.iter().enumerate() {
            for (expansion, factor) in &planned.expansions {
                let Some(data) = self.terms.get(expansion.term as usize) else {
                    continue;
                };
                let theirs = data
                    .postings
                    .iter()
                    .filter(|p| p.person == person && p.is_live());
                hits.extend(theirs.map(|p| (p.msg, word, factor * (1.0 + f64::from(p.tf).ln()))));
            }
        }
        hits.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(b.2.total_cmp(&a.2)));
        // Per message: the best expansion of each word, summed over words, times its likes.
        let mut scored: Vec<(f64, i64, u64)> = Vec::new();
        let mut previous: Option<(MsgIdx, usize)> = None;
        for (msg, word, strength) in hits {
            if previous.is_some_and(|(m, w)| m == msg && w == word) {
                continue;
            }
            let Some(hot) = self.messages.hot.get(msg as usize) else {
                continue;
            };
            let weighted = strength * f64::from(hot.like_factor);
            if previous.is_some_and(|(m, _)| m == msg) {
                if let Some(last) = scored.last_mut() {
                    last.0 += weighted;
                }
            } else {
                let id = self.messages.meta.get(msg as usize).map_or(0, |m| m.id);
                scored.push((weighted, hot.created_at, id));
            }
            previous = Some((msg, word));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
        scored
            .into_iter()
            .take(limit)
            .map(|(_, _, id)| id)
            .collect()
    }

    /// Ids of `person_id`'s newest messages, newest first. Empty for hidden or unknown people.
    pub fn recent_messages(&self, person_id: u64, limit: usize) -> Vec<u64> {
        let Some(person) = self
            .people
            .find(person_id)
            .filter(|p| self.people.is_visible(*p))
        else {
            return Vec::new();
        };
        let own = self
            .people
            .slots
            .get(person as usize)
            .map(|s| s.messages.as_slice())
            .unwrap_or_default();
        let mut live: Vec<MsgIdx> = own
            .iter()
            .copied()
            .filter(|&m| self.messages.is_live(m))
            .collect();
        live.sort_by(|&a, &b| self.newest_first(a, b));
        live.into_iter()
            .take(limit)
            .filter_map(|m| self.messages.meta.get(m as usize))
            .map(|m| m.id)
            .collect()
    }

    /// What a profile card lists: messages matching `query` first, then their other recent ones.
    pub fn profile_messages(&self, person_id: u64, query: &Query, limit: usize) -> Vec<u64> {
        let mut ids = self.evidence(person_id, query, limit);
        for id in self.recent_messages(person_id, limit) {
            if ids.len() == limit {
                break;
            }
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    fn newest_first(&self, a: MsgIdx, b: MsgIdx) -> Ordering {
        let time = |m: MsgIdx| self.messages.created_at(m);
        let id = |m: MsgIdx| self.messages.meta.get(m as usize).map(|meta| meta.id);
        time(b).cmp(&time(a)).then_with(|| id(b).cmp(&id(a)))
    }
}

/// Counts of each id, in id order.
fn tally(ids: impl Iterator<Item = u32>) -> Vec<(u32, u32)> {
    let mut ids: Vec<u32> = ids.collect();
    ids.sort_unstable();
    let mut counts: Vec<(u32, u32)> = Vec::new();
    for id in ids {
        match counts.last_mut() {
            Some((last, count)) if *last == id => *count += 1,
            _ => counts.push((id, 1)),
        }
    }
    counts
}
