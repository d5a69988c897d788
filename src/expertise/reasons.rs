//! What a ranking returns and how it explains itself: `Match`, its `Reason`s and the one-line
//! summary (`declared: kubernetes · 14 messages in Engineering Platform · last 3 days ago`).
//! Reasons carry the same counts the ranking used; rendering takes "now" as an argument and
//! never reads the clock.

use std::fmt;

/// How a query word met a person's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchKind {
    /// The same word (after case folding and plural stemming).
    Exact,
    /// The query word is the start of theirs (`kube` → `kubernetes`), for the word being typed.
    Prefix,
    /// A close spelling (`kubernets` → `kubernetes`).
    Fuzzy,
}

/// Which profile field a declaration came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeclaredField {
    /// Listed expertise: the strongest claim.
    Expertise,
    /// Listed interests: a softer claim.
    Interest,
    /// Their job title.
    JobTitle,
}

/// One reason a person matched a query.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// A profile field they filled in matched (`tag` as they wrote it).
    Declared {
        tag: String,
        kind: MatchKind,
        field: DeclaredField,
    },
    /// Messages of theirs that match: how many, where most of them were posted, the newest.
    Evidence {
        messages: u32,
        top_community: Option<String>,
        last_at: i64,
    },
    /// A topic (hashtag) they posted under that matches, and how many of their messages carry it.
    Topic { name: String, count: u32 },
}

/// The parts a score is made of, so a reader can see why one person outranks another.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ScoreParts {
    /// Weighted strength of declarations, summed over query words (0 when none).
    pub declared: f64,
    /// Weighted strength of evidence from messages, summed over query words.
    pub evidence: f64,
    /// Share of query words this person matched at all (soft AND), in (0, 1].
    pub coverage: f64,
}

/// A person found by `who_knows`, with the score that placed them and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub person_id: u64,
    /// `(declared + evidence) × coverage`, rounded to 6 decimals so equal strengths tie exactly
    /// (computed before `parts` are rounded, so it may differ from them in the last decimal).
    pub score: f64,
    pub parts: ScoreParts,
    /// Declarations first (strongest first), then evidence, then topics (most used first).
    pub reasons: Vec<Reason>,
}

impl Match {
    /// One line explaining the match, ages measured from `now` (unix seconds).
    pub fn summary(&self, now: i64) -> String {
        self.reasons
            .iter()
            .map(|r| r.render(now))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

impl Reason {
    /// This reason as a short phrase, ages measured from `now` (unix seconds).
    pub fn render(&self, now: i64) -> String {
        match self {
            Reason::Declared { tag, kind, field } => {
                let label = match field {
                    DeclaredField::Expertise => "declared",
                    DeclaredField::Interest => "interested in",
                    DeclaredField::JobTitle => "title",
                };
                match kind {
                    MatchKind::Exact => format!("{label}: {tag}"),
                    MatchKind::Prefix | MatchKind::Fuzzy => format!("{label}: {tag} (similar)"),
                }
            }
            Reason::Evidence {
                messages,
                top_community,
                last_at,
            } => {
                let noun = if *messages == 1 {
                    "message"
                } else {
                    "messages"
                };
                let place = top_community
                    .as_ref()
                    .map(|c| format!(" in {c}"))
                    .unwrap_or_default();
                format!(
                    "{messages} {noun}{place} · last {}",
                    relative_age(now, *last_at)
                )
            }
            Reason::Topic { name, count } => format!("#{name} ×{count}"),
        }
    }
}

/// `just now`, `5 minutes ago`, `1 day ago`, `3 days ago`, `2 months ago`…; future times read as
/// `just now` (clocks disagree).
pub fn relative_age(now: i64, then: i64) -> String {
    const MINUTE: i64 = 60;
    const HOUR: i64 = 60 * MINUTE;
    const DAY: i64 = 24 * HOUR;
    const TWO_MONTHS: i64 = 60 * DAY;
    const TWO_YEARS: i64 = 730 * DAY;
    let age = now.saturating_sub(then);
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    match age {
        i64::MIN..MINUTE => "just now".to_owned(),
        MINUTE..HOUR => plural(age / MINUTE, "minute"),
        HOUR..DAY => plural(age / HOUR, "hour"),
        DAY..TWO_MONTHS => plural(age / DAY, "day"),
        TWO_MONTHS..TWO_YEARS => plural(age / (30 * DAY), "month"),
        _ => plural(age / (365 * DAY), "year"),
    }
}

impl fmt::Display for MatchKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MatchKind::Exact => "exact",
            MatchKind::Prefix => "prefix",
            MatchKind::Fuzzy => "close spelling",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    #[test]
    fn summary_reads_like_the_people_pane_shows_it() {
        let now = 1_700_000_000;
        let found = Match {
            person_id: 7,
            score: 1.5,
            parts: ScoreParts::default(),
            reasons: vec![
                Reason::Declared {
                    tag: "kubernetes".into(),
                    kind: MatchKind::Exact,
                    field: DeclaredField::Expertise,
                },
                Reason::Evidence {
                    messages: 14,
                    top_community: Some("Engineering Platform".into()),
                    last_at: now - 3 * DAY,
                },
                Reason::Topic {
                    name: "helm".into(),
                    count: 2,
                },
            ],
        };
        assert_eq!(
            found.summary(now),
            "declared: kubernetes · 14 messages in Engineering Platform · last 3 days ago · #helm ×2"
        );
    }

    #[test]
    fn weak_declarations_and_single_messages_say_so() {
        let declared = Reason::Declared {
            tag: "Kubernetes".into(),
            kind: MatchKind::Fuzzy,
            field: DeclaredField::Interest,
        };
        assert_eq!(declared.render(0), "interested in: Kubernetes (similar)");
        let one = Reason::Evidence {
            messages: 1,
            top_community: None,
            last_at: 0,
        };
        assert_eq!(one.render(90), "1 message · last 1 minute ago");
    }

    #[test]
    fn ages_round_down_to_the_largest_unit() {
        let now = 1_000 * DAY;
        assert_eq!(relative_age(now, now + 50), "just now");
        assert_eq!(relative_age(now, now - 59), "just now");
        assert_eq!(relative_age(now, now - 7_200), "2 hours ago");
        assert_eq!(relative_age(now, now - DAY - 5), "1 day ago");
        assert_eq!(relative_age(now, now - 45 * DAY), "45 days ago");
        assert_eq!(relative_age(now, now - 90 * DAY), "3 months ago");
        assert_eq!(relative_age(now, now - 800 * DAY), "2 years ago");
        assert!(relative_age(i64::MAX, i64::MIN).ends_with("years ago"));
    }
}
