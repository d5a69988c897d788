//! The query plan: each query word expanded to vocabulary terms with the factor a match through
//! that term is worth (exact 1, prefix 0.55, close spelling 0.5 / 0.35), and the word's weight
//! from how rare it is among writers (an IDF). Ranking, explanations and evidence lists all use
//! the same plan, so reasons and scores can never disagree. It must not score people.

use super::hash::FxHashMap;
use super::index::ExpertiseIndex;
use super::query::Query;
use super::reasons::{DeclaredField, MatchKind};
use super::vocab::{Expansion, TermId};

/// A close spelling is only tried when nobody declared the word as typed and the spelling is
/// used at least this many times as widely: `postgress` (a typo in one message) reaches
/// `postgres`; `rust`, declared by someone, never drifts to `trust`.
const FUZZY_DOMINANCE: u64 = 3;

/// What a match through an expansion of this kind is worth, relative to an exact one.
pub fn kind_factor(kind: MatchKind, distance: u8) -> f64 {
    match kind {
        MatchKind::Exact => 1.0,
        MatchKind::Prefix => 0.55,
        MatchKind::Fuzzy if distance <= 1 => 0.5,
        MatchKind::Fuzzy => 0.35,
    }
}

/// What a declaration in this field is worth: listed expertise is the strongest claim.
pub fn field_weight(field: DeclaredField) -> f64 {
    match field {
        DeclaredField::Expertise => 1.0,
        DeclaredField::Interest => 0.6,
        DeclaredField::JobTitle => 0.5,
    }
}

/// One query word, ready to score.
#[derive(Debug, Clone)]
pub struct PlannedWord {
    pub expansions: Vec<(Expansion, f64)>,
    /// In [0.5, 1]: rarer words among writers weigh more (`gdpr` over `audit`).
    pub weight: f64,
}

/// A query turned into terms.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub words: Vec<PlannedWord>,
    /// Every expanded term with the best factor any word gives it.
    pub terms: FxHashMap<TermId, f64>,
    /// Topics whose name contains an expanded term.
    pub topics: Vec<u32>,
}

impl Plan {
    /// Sum of word weights (the denominator that keeps scores in a fixed range).
    pub fn total_weight(&self) -> f64 {
        self.words.iter().map(|w| w.weight).sum()
    }

    /// True when no word matched any term at all.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

impl ExpertiseIndex {
    /// How widely a term is used: live messages containing it plus people declaring it.
    fn usage(&self, term: TermId) -> u64 {
        self.terms
            .get(term as usize)
            .map_or(0, |d| u64::from(d.live_messages) + d.declared.len() as u64)
    }

    /// Inverse document frequency over people who wrote anything.
    pub(super) fn idf(&self, people_using: u32) -> f64 {
        let total = f64::from(self.senders.max(1));
        let df = f64::from(people_using).min(total);
        (1.0 + (total - df + 0.5) / (df + 0.5)).ln()
    }

    pub(super) fn plan(&self, query: &Query) -> Plan {
        let words = query.words();
        let last = words.len().saturating_sub(1);
        let typing = query.last_word_open();
        let max_idf = self.idf(0);
        let mut plan = Plan::default();
        for (position, word) in words.iter().enumerate() {
            let exact_terms = |found: &[Expansion]| -> Vec<TermId> {
                found
                    .iter()
                    .filter(|e| e.kind == MatchKind::Exact)
                    .map(|e| e.term)
                    .collect()
            };
            let declared = |t: TermId| {
                self.terms
                    .get(t as usize)
                    .is_some_and(|d| !d.declared.is_empty())
            };
            let mut expansions = self
                .vocab
                .expand(word, typing && position == last, |found| {
                    !exact_terms(found).into_iter().any(declared)
                });
            let exact_usage: u64 = exact_terms(&expansions)
                .into_iter()
                .map(|t| self.usage(t))
                .sum();
            expansions.retain(|e| {
                e.kind != MatchKind::Fuzzy || self.usage(e.term) >= FUZZY_DOMINANCE * exact_usage
            });
            let scored: Vec<(Expansion, f64)> = expansions
                .into_iter()
                .map(|e| (e, kind_factor(e.kind, e.distance)))
                .collect();
            // The word's rarity comes from its best expansion (highest factor, then most used).
            let main = scored.iter().max_by(|a, b| {
                a.1.total_cmp(&b.1)
                    .then_with(|| self.usage(a.0.term).cmp(&self.usage(b.0.term)))
            });
            let people_using = main
                .and_then(|(e, _)| self.terms.get(e.term as usize))
                .map_or(0, |d| d.people_using(self.people.len()));
            let weight = 0.5 + 0.5 * (self.idf(people_using) / max_idf).min(1.0);
            for (expansion, factor) in &scored {
                let best = plan.terms.entry(expansion.term).or_insert(0.0);
                *best = best.max(*factor);
            }
            plan.words.push(PlannedWord {
                expansions: scored,
                weight,
            });
        }
        plan.topics = (0u32..)
            .zip(&self.topic_terms)
            .filter(|(_, terms)| terms.iter().any(|t| plan.terms.contains_key(t)))
            .map(|(topic, _)| topic)
            .collect();
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_outweighs_prefix_outweighs_fuzzy() {
        let exact = kind_factor(MatchKind::Exact, 0);
        let prefix = kind_factor(MatchKind::Prefix, 0);
        let near = kind_factor(MatchKind::Fuzzy, 1);
        let far = kind_factor(MatchKind::Fuzzy, 2);
        assert!(exact > prefix && prefix > near && near > far && far > 0.0);
    }

    #[test]
    fn expertise_outweighs_interest_outweighs_title() {
        let expertise = field_weight(DeclaredField::Expertise);
        let interest = field_weight(DeclaredField::Interest);
        let title = field_weight(DeclaredField::JobTitle);
        assert!(expertise > interest && interest > title);
    }
}
