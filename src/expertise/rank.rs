//! `who_knows`: scores people for a query plan and orders them. Per query word, a person earns
//! a declared part (best declaration through any expansion × field weight) plus an evidence
//! part: BM25 saturation over the person's messages as one document, where each message adds
//! `factor × recency × likes × (1 + ln tf)` and document length is normalised by the square root
//! of its ratio to the average (prolific writers are not buried). Evidence tops out at 0.9 and
//! an exact declaration is worth 1, so declared + evidence > declared only > evidence only, and
//! strong evidence beats a prefix or close-spelling declaration (0.55 / 0.5). Words combine as a
//! weighted mean times coverage (soft AND). Never reads the clock: `now` is an argument.

use std::cmp::Ordering;

use super::index::ExpertiseIndex;
use super::people::PersonIdx;
use super::plan::{Plan, field_weight};
use super::query::{Query, SortOrder};
use super::reasons::{Match, ScoreParts};

const K1: f64 = 1.5;
const LENGTH_B: f64 = 0.5;
const EVIDENCE_WEIGHT: f64 = 0.9;
/// Old messages never weigh less than this share of a fresh one: knowledge fades slowly.
const RECENCY_FLOOR: f64 = 0.35;
const HALF_LIFE_DAYS: f64 = 120.0;
/// Beyond this age the weight is the floor (to within 0.1%).
const RECENCY_TABLE_DAYS: usize = 4 * 365;
const DAY: i64 = 86_400;
const NO_CANDIDATE: u32 = u32::MAX;

/// A person's score before explanation.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scored {
    pub person: PersonIdx,
    pub score: f64,
    pub parts: ScoreParts,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    person: PersonIdx,
    word: usize,
    word_declared: f64,
    word_tf: f64,
    /// Best factor among this word's expansions that reached their messages.
    word_factor: f64,
    declared: f64,
    evidence: f64,
    covered: u32,
}

/// Dense person → candidate map plus the compact candidate list.
struct Accumulator {
    slot_of: Vec<u32>,
    candidates: Vec<Candidate>,
    touched: Vec<usize>,
}

impl Accumulator {
    fn new(people: usize) -> Self {
        Accumulator {
            slot_of: vec![NO_CANDIDATE; people],
            candidates: Vec::new(),
            touched: Vec::new(),
        }
    }

    /// The candidate of `person`, reset for `word` the first time that word touches them.
    fn touch(&mut self, person: PersonIdx, word: usize) -> Option<&mut Candidate> {
        let slot = self.slot_of.get_mut(person as usize)?;
        if *slot == NO_CANDIDATE {
            *slot = u32::try_from(self.candidates.len()).unwrap_or(NO_CANDIDATE);
            self.candidates.push(Candidate {
                person,
                word: usize::MAX,
                word_declared: 0.0,
                word_tf: 0.0,
                word_factor: 0.0,
                declared: 0.0,
                evidence: 0.0,
                covered: 0,
            });
        }
        let index = *slot as usize;
        let candidate = self.candidates.get_mut(index)?;
        if candidate.word != word {
            candidate.word = word;
            candidate.word_declared = 0.0;
            candidate.word_tf = 0.0;
            candidate.word_factor = 0.0;
            self.touched.push(index);
        }
        Some(candidate)
    }
}

/// Weight of a message by age in days: 1 today, halving toward the floor every half-life.
fn recency_table() -> Vec<f64> {
    (0..=RECENCY_TABLE_DAYS)
        .map(|day| RECENCY_FLOOR + (1.0 - RECENCY_FLOOR) * (-(day as f64) / HALF_LIFE_DAYS).exp2())
        .collect()
}

/// BM25 saturation of a word's weighted term frequency, scaled by the best match factor after
/// saturating (not before), so a misspelled query discounts evidence exactly as much as it
/// discounts declarations and the two keep their order.
fn evidence_strength(weighted_tf: f64, best_factor: f64, norm: f64) -> f64 {
    if weighted_tf <= 0.0 || best_factor <= 0.0 {
        return 0.0;
    }
    let tf = weighted_tf / best_factor;
    EVIDENCE_WEIGHT * best_factor * tf / (tf + K1 * norm)
}

/// Scores and their parts keep 6 decimals: equal strengths tie exactly whatever the order of
/// floating-point sums (which depends on insertion order).
fn rounded(score: f64) -> f64 {
    (score * 1e6).round() / 1e6
}

impl ExpertiseIndex {
    /// People who know about `query.text`, best first, each with the reasons for their place.
    /// Hidden people never appear; ties break by name, then id. `now` (unix seconds) sets how
    /// recent each message is.
    pub fn who_knows(&self, query: &Query, now: i64) -> Vec<Match> {
        let plan = self.plan(query);
        if plan.is_empty() {
            return Vec::new();
        }
        let scored = self.score(&plan, query, now);
        let ordered = self.order(scored, query.sort, query.limit);
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
                parts: s.parts,
                reasons: self.reasons(&plan, s.person, &messages),
            })
            .collect()
    }

    pub(super) fn score(&self, plan: &Plan, query: &Query, now: i64) -> Vec<Scored> {
        let department = self.people.filter_key(query.department.as_deref());
        let location = self.people.filter_key(query.location.as_deref());
        let recency = recency_table();
        let avg_len = (self.total_doc_len as f64 / f64::from(self.senders.max(1))).max(1.0);
        let mut acc = Accumulator::new(self.people.len());
        for (word_index, word) in plan.words.iter().enumerate() {
            acc.touched.clear();
            for (expansion, factor) in &word.expansions {
                let Some(data) = self.terms.get(expansion.term as usize) else {
                    continue;
                };
                for posting in &data.declared {
                    if !self.people.passes(posting.person, department, location) {
                        continue;
                    }
                    if let Some(c) = acc.touch(posting.person, word_index) {
                        c.word_declared = c.word_declared.max(factor * field_weight(posting.field));
                    }
                }
                for posting in &data.postings {
                    let msg = posting.msg as usize;
                    if !self.messages.live.get(msg).copied().unwrap_or(false)
                        || !self.people.passes(posting.person, department, location)
                    {
                        continue;
                    }
                    let created = self.messages.created_at.get(msg).copied().unwrap_or(now);
                    let age_days =
                        (now.saturating_sub(created) / DAY).clamp(0, RECENCY_TABLE_DAYS as i64);
                    let fresh = recency
                        .get(age_days as usize)
                        .copied()
                        .unwrap_or(RECENCY_FLOOR);
                    let liked =
                        f64::from(self.messages.like_factor.get(msg).copied().unwrap_or(1.0));
                    let tf = if posting.tf <= 1 {
                        1.0
                    } else {
                        1.0 + f64::from(posting.tf).ln()
                    };
                    if let Some(c) = acc.touch(posting.person, word_index) {
                        c.word_tf += factor * fresh * liked * tf;
                        c.word_factor = c.word_factor.max(*factor);
                    }
                }
            }
            for &index in &acc.touched {
                let Some(c) = acc.candidates.get_mut(index) else {
                    continue;
                };
                let doc_len = self
                    .people
                    .hot
                    .get(c.person as usize)
                    .map_or(0, |h| h.doc_len);
                let norm = 1.0 - LENGTH_B + LENGTH_B * (f64::from(doc_len) / avg_len).sqrt();
                let evidence = evidence_strength(c.word_tf, c.word_factor, norm);
                if c.word_declared + evidence > 0.0 {
                    c.declared += word.weight * c.word_declared;
                    c.evidence += word.weight * evidence;
                    c.covered += 1;
                }
            }
        }
        let total_weight = plan.total_weight().max(f64::MIN_POSITIVE);
        let words = plan.words.len().max(1) as f64;
        acc.candidates
            .iter()
            .filter(|c| c.covered > 0)
            .map(|c| {
                let parts = ScoreParts {
                    declared: rounded(c.declared / total_weight),
                    evidence: rounded(c.evidence / total_weight),
                    coverage: rounded(f64::from(c.covered) / words),
                };
                let score = rounded((parts.declared + parts.evidence) * parts.coverage);
                Scored {
                    person: c.person,
                    score,
                    parts,
                }
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
        let slots = &self.people.slots;
        let (Some(slot_a), Some(slot_b)) = (slots.get(a as usize), slots.get(b as usize)) else {
            return a.cmp(&b);
        };
        let ids = &self.people.ids;
        let by_name = || {
            slot_a
                .sort_key
                .cmp(&slot_b.sort_key)
                .then_with(|| ids.get(a as usize).cmp(&ids.get(b as usize)))
        };
        match sort {
            SortOrder::RecentlyActive => slot_b
                .last_active()
                .cmp(&slot_a.last_active())
                .then_with(by_name),
            SortOrder::Name | SortOrder::Relevance => by_name(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recency_starts_at_one_and_decays_to_the_floor() {
        let table = recency_table();
        assert!((table[0] - 1.0).abs() < 1e-12);
        let half = RECENCY_FLOOR + (1.0 - RECENCY_FLOOR) / 2.0;
        assert!((table[HALF_LIFE_DAYS as usize] - half).abs() < 1e-9);
        assert!(table.windows(2).all(|w| w[0] > w[1]));
        assert!(table[RECENCY_TABLE_DAYS] - RECENCY_FLOOR < 1e-3);
    }

    #[test]
    fn evidence_saturates_below_an_exact_declaration_and_scales_with_the_factor() {
        let strong = evidence_strength(1e9, 1.0, 1.0);
        assert!(strong < 1.0 && strong > EVIDENCE_WEIGHT - 1e-6);
        assert!(evidence_strength(5.0, 1.0, 1.0) > evidence_strength(2.0, 1.0, 1.0));
        assert!(evidence_strength(5.0, 1.0, 1.0) > evidence_strength(5.0, 1.0, 3.0));
        let exact = evidence_strength(4.0, 1.0, 1.0);
        let fuzzy = evidence_strength(2.0, 0.5, 1.0);
        assert!((fuzzy - exact * 0.5).abs() < 1e-12);
        assert_eq!(evidence_strength(0.0, 1.0, 1.0), 0.0);
    }

    #[test]
    fn rounding_makes_near_equal_scores_tie() {
        assert_eq!(rounded(0.1 + 0.2), rounded(0.3));
    }
}
