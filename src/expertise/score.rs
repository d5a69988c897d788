//! The scoring pass of `who_knows`. Per query word, a person earns a declared part (best
//! declaration through any expansion × field weight) plus an evidence part: BM25 saturation
//! over the person's messages as one document, where each message adds
//! `factor × recency × likes × (1 + ln tf)` and document length is normalised by the square root
//! of its ratio to the average (prolific writers are not buried). Evidence tops out at 0.9 and
//! an exact declaration is worth 1, so declared + evidence > declared only > evidence only, and
//! strong evidence beats a prefix or close-spelling declaration (0.55 / 0.5). Words combine as a
//! weighted mean times coverage (soft AND). Postings carry everything needed and accumulators
//! are dense per-person arrays, so each posting costs a few array reads. Recency is by whole
//! days. Never reads the clock: `now` is an argument.

use super::index::ExpertiseIndex;
use super::person_idx::PersonIdx;
use super::plan::{Plan, field_weight};
use super::postings::day_of;
use super::query::Query;
use super::reasons::ScoreParts;

const K1: f64 = 1.5;
const LENGTH_B: f64 = 0.5;
const EVIDENCE_WEIGHT: f64 = 0.9;
/// Old messages never weigh less than this share of a fresh one: knowledge fades slowly.
const RECENCY_FLOOR: f64 = 0.35;
const HALF_LIFE_DAYS: f64 = 120.0;
/// Beyond this age the weight is the floor (to within 0.1%).
const RECENCY_TABLE_DAYS: usize = 4 * 365;
/// Term frequencies up to this have their `1 + ln tf` precomputed.
const TF_TABLE: usize = 64;

/// A person's score before explanation.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scored {
    pub score: f64,
    pub person: PersonIdx,
}

/// Every scored person, plus the totals their parts are read from.
pub(super) struct ScoreSheet {
    pub scored: Vec<Scored>,
    totals: Vec<Totals>,
    total_weight: f64,
    words: f64,
}

impl ScoreSheet {
    /// The parts of `person`'s score, rounded as the score was.
    pub fn parts(&self, person: PersonIdx) -> ScoreParts {
        let totals = self
            .totals
            .get(person as usize)
            .copied()
            .unwrap_or_default();
        ScoreParts {
            declared: rounded(totals.declared / self.total_weight),
            evidence: rounded(totals.evidence / self.total_weight),
            coverage: rounded(f64::from(totals.covered) / self.words),
        }
    }

    /// `(declared + evidence) × coverage`, from the unrounded totals, rounded once.
    fn score_of(&self, person: PersonIdx) -> f64 {
        let t = self
            .totals
            .get(person as usize)
            .copied()
            .unwrap_or_default();
        let coverage = f64::from(t.covered) / self.words;
        rounded((t.declared + t.evidence) / self.total_weight * coverage)
    }
}

/// Weight of a message by age in days: 1 today, halving toward the floor every half-life.
fn recency_table() -> Vec<f64> {
    (0..=RECENCY_TABLE_DAYS)
        .map(|day| RECENCY_FLOOR + (1.0 - RECENCY_FLOOR) * (-(day as f64) / HALF_LIFE_DAYS).exp2())
        .collect()
}

/// `1 + ln tf`: repeating a word in one message counts, with diminishing returns.
fn tf_weight(table: &[f64], tf: u16) -> f64 {
    table
        .get(usize::from(tf))
        .copied()
        .unwrap_or_else(|| 1.0 + f64::from(tf).ln())
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
/// floating-point sums (which depends on insertion order). Scores are never negative.
pub(super) fn rounded(score: f64) -> f64 {
    ((score.max(0.0) * 1e6 + 0.5) as u64) as f64 / 1e6
}

/// What one query word has found for one person so far.
#[derive(Debug, Clone, Copy, Default)]
struct WordState {
    /// Sum over their messages of `factor × recency × likes × (1 + ln tf)`.
    weighted_tf: f64,
    /// Best declaration strength (0 when none).
    declared: f32,
    /// Best factor among the expansions that reached their messages (0 when none).
    factor: f32,
}

/// A person's running totals over all words.
#[derive(Debug, Clone, Copy, Default)]
struct Totals {
    declared: f64,
    evidence: f64,
    covered: u8,
}

impl ExpertiseIndex {
    /// Scores every visible person (passing the filters) that any word of `plan` reaches.
    pub(super) fn score(&self, plan: &Plan, query: &Query, now: i64) -> ScoreSheet {
        let department = self.people.filter_key(query.department.as_deref());
        let location = self.people.filter_key(query.location.as_deref());
        let eligible: Vec<bool> = (0..)
            .zip(&self.people.hot)
            .map(|(p, _)| self.people.passes(p, department, location))
            .collect();
        let recency = recency_table();
        let tf_table: Vec<f64> = (0..TF_TABLE)
            .map(|tf| 1.0 + (tf.max(1) as f64).ln())
            .collect();
        let today = i64::from(day_of(now));
        let avg_len = (self.total_doc_len as f64 / f64::from(self.senders.max(1))).max(1.0);
        let mut state = vec![WordState::default(); self.people.len()];
        let mut totals = vec![Totals::default(); self.people.len()];
        let mut touched: Vec<PersonIdx> = Vec::with_capacity(self.people.len());
        let mut candidates: Vec<PersonIdx> = Vec::with_capacity(self.people.len());
        for word in &plan.words {
            for (expansion, factor) in &word.expansions {
                let Some(data) = self.terms.get(expansion.term as usize) else {
                    continue;
                };
                for posting in &data.declared {
                    let p = posting.person as usize;
                    let (Some(true), Some(s)) = (eligible.get(p), state.get_mut(p)) else {
                        continue;
                    };
                    if s.declared == 0.0 && s.factor == 0.0 {
                        touched.push(posting.person);
                    }
                    s.declared = s
                        .declared
                        .max((factor * field_weight(posting.field)) as f32);
                }
                for posting in &data.postings {
                    let p = posting.person as usize;
                    let (Some(true), Some(s)) = (eligible.get(p), state.get_mut(p)) else {
                        continue;
                    };
                    if posting.tf == 0 {
                        continue;
                    }
                    let age = (today - i64::from(posting.day)).clamp(0, RECENCY_TABLE_DAYS as i64);
                    let fresh = recency.get(age as usize).copied().unwrap_or(RECENCY_FLOOR);
                    if s.declared == 0.0 && s.factor == 0.0 {
                        touched.push(posting.person);
                    }
                    s.weighted_tf += factor
                        * fresh
                        * f64::from(posting.like_factor)
                        * tf_weight(&tf_table, posting.tf);
                    s.factor = s.factor.max(*factor as f32);
                }
            }
            for &person in &touched {
                let p = person as usize;
                let (Some(s), Some(t)) = (state.get_mut(p), totals.get_mut(p)) else {
                    continue;
                };
                let doc_len = self.people.hot.get(p).map_or(0, |h| h.doc_len);
                let norm = 1.0 - LENGTH_B + LENGTH_B * (f64::from(doc_len) / avg_len).sqrt();
                let evidence = evidence_strength(s.weighted_tf, f64::from(s.factor), norm);
                let declared = f64::from(s.declared);
                *s = WordState::default();
                if declared + evidence <= 0.0 {
                    continue;
                }
                t.declared += word.weight * declared;
                t.evidence += word.weight * evidence;
                if t.covered == 0 {
                    candidates.push(person);
                }
                t.covered = t.covered.saturating_add(1);
            }
            touched.clear();
        }
        let mut sheet = ScoreSheet {
            scored: Vec::with_capacity(candidates.len()),
            totals,
            total_weight: plan.total_weight().max(f64::MIN_POSITIVE),
            words: plan.words.len().max(1) as f64,
        };
        sheet.scored = candidates
            .iter()
            .map(|&person| Scored {
                score: sheet.score_of(person),
                person,
            })
            .collect();
        sheet
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
    fn term_frequency_weight_is_sublinear_and_tabled_correctly() {
        let table: Vec<f64> = (0..TF_TABLE)
            .map(|tf| 1.0 + (tf.max(1) as f64).ln())
            .collect();
        assert_eq!(tf_weight(&table, 1), 1.0);
        assert!((tf_weight(&table, 3) - (1.0 + 3f64.ln())).abs() < 1e-12);
        assert!((tf_weight(&table, 500) - (1.0 + 500f64.ln())).abs() < 1e-12);
    }

    #[test]
    fn rounding_makes_near_equal_scores_tie() {
        assert_eq!(rounded(0.1 + 0.2), rounded(0.3));
        assert_eq!(rounded(1.2345674), 1.234567);
        assert_eq!(rounded(-1.0), 0.0);
    }
}
