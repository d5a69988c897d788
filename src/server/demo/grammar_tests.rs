//! Mechanical grammar checks over a few thousand generated demo messages: no doubled words, `a`
//! before a consonant sound and `an` before a vowel sound, no article after a determiner or
//! adjective ("good the"), subjects agree with is/are, has/have and was/were, and every sentence
//! starts with a capital and ends with punctuation; a lead-in fits what follows it (no
//! "Heads-up:" on a question, no "Question for the experts:" on a statement, never two lead-ins).
//! Test-only; it judges text, it makes none.

use rand::SeedableRng;
use rand::rngs::StdRng;

use super::generate;
use super::text::{Slots, fill, lead_in};
use super::vocabulary::{
    ALL_COMPANY, DIRECT, GENERIC_REPLIES, GUEST_OPENERS, NEW_JOINERS, OFFICE, QUESTION_OPENERS,
    RUNNING, SHARE_OPENERS, THANKS, subjects,
};

const NOW: i64 = 1_790_000_000;

/// Words after which "the" (or "a"/"an") cannot follow.
const DETERMINERS: &[&str] = &[
    "a",
    "an",
    "the",
    "good",
    "new",
    "our",
    "your",
    "their",
    "my",
    "this",
    "quarterly",
    "every",
    "critical",
    "its",
];

/// Verbs that agree with a singular subject, and their plural forms, as the templates use them.
const SINGULAR_VERBS: &[&str] = &[
    "is", "has", "was", "needs", "applies", "locks", "includes", "links", "goes", "shows",
    "combines", "starts", "handles", "confirms", "blocks", "pages", "rolls", "works",
];
const PLURAL_VERBS: &[&str] = &[
    "are", "have", "were", "need", "apply", "lock", "include", "link", "go", "show", "combine",
    "start", "handle", "confirm", "block", "page", "roll",
];

/// Lead-ins ("FYI: ") that tell something, and words of those that ask, lowercased.
const TELLING_LEAD_INS: &[&str] = &[
    "fyi",
    "heads-up",
    "sharing in case",
    "small win",
    "feedback from",
];
const ASKING_LEAD_INS: &[&str] = &["question", "wonder", "asking"];

const PREPOSITIONS: &[&str] = &["of", "for", "on", "with", "from", "about", "in", "to"];

/// Words starting with a vowel letter but a consonant sound, and the reverse.
const VOWEL_LETTER_CONSONANT_SOUND: &[&str] = &["one", "user", "unique", "usage", "uni", "euro"];
const CONSONANT_LETTER_VOWEL_SOUND: &[&str] =
    &["hour", "honest", "sso", "sla", "api", "faq", "mba"];

fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn starts_with_vowel_sound(word: &str) -> bool {
    if CONSONANT_LETTER_VOWEL_SOUND
        .iter()
        .any(|p| word.starts_with(p))
    {
        return true;
    }
    if VOWEL_LETTER_CONSONANT_SOUND
        .iter()
        .any(|p| word.starts_with(p))
    {
        return false;
    }
    word.starts_with(['a', 'e', 'i', 'o', 'u'])
}

/// Strips what the generator appends or prepends around the sentences: leading @mentions,
/// trailing #hashtags and a trailing "cc @someone".
fn sentences_part(text: &str) -> &str {
    let mut rest = text.trim();
    while rest.starts_with('@') {
        rest = rest.split_once(' ').map_or("", |(_, r)| r);
    }
    loop {
        let trimmed = rest.trim_end();
        match trimmed.rsplit_once(' ') {
            Some((head, last)) if last.starts_with('#') => rest = head,
            Some((head, last)) if last.starts_with('@') && head.ends_with(" cc") => {
                rest = &head[..head.len() - 3];
            }
            _ => return trimmed,
        }
    }
}

/// Every problem found in `text`, as a short description.
fn problems(text: &str, plural_terms: &[&str], singular_terms: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    let ws = words(text);
    for pair in ws.windows(2) {
        if pair[0] == pair[1] && !pair[0].chars().all(|c| c.is_ascii_digit()) {
            found.push(format!("doubled word {:?}", pair[0]));
        }
        if pair[0] == "a" && starts_with_vowel_sound(&pair[1]) {
            found.push(format!("\"a {}\"", pair[1]));
        }
        if pair[0] == "an" && !starts_with_vowel_sound(&pair[1]) {
            found.push(format!("\"an {}\"", pair[1]));
        }
        if DETERMINERS.contains(&pair[0].as_str()) && ["the", "a", "an"].contains(&pair[1].as_str())
        {
            found.push(format!("\"{} {}\"", pair[0], pair[1]));
        }
    }
    let lower = text.to_lowercase();
    for (at, _) in lower.match_indices(' ') {
        let before = &lower[..at];
        let verb = lower[at + 1..]
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let (terms, number) = if SINGULAR_VERBS.contains(&verb) {
            (plural_terms, "plural")
        } else if PLURAL_VERBS.contains(&verb) {
            (singular_terms, "singular")
        } else {
            continue;
        };
        let subject = terms.iter().find(|t| {
            before.strip_suffix(*t).is_some_and(|head| {
                // After a preposition the term is an object, not the subject.
                let head = head.strip_suffix("the ").unwrap_or(head);
                !PREPOSITIONS
                    .iter()
                    .any(|p| head.ends_with(&format!(" {p} ")))
            })
        });
        if let Some(term) = subject {
            found.push(format!("{number} \"{term}\" with \"{verb}\""));
        }
    }
    let body = sentences_part(text);
    found.extend(lead_in_problem(body));
    if !body.ends_with(['.', '!', '?']) {
        found.push("does not end with punctuation".to_string());
    }
    let mut at_start = true;
    let mut prev = ' ';
    for c in body.chars() {
        if at_start && !c.is_whitespace() {
            if c.is_lowercase() {
                found.push(format!("sentence starts with {c:?}"));
            }
            at_start = false;
        }
        if c == ' ' && matches!(prev, '.' | '!' | '?') {
            at_start = true;
        }
        prev = c;
    }
    found
}

/// A lead-in that does not fit what follows it: telling on a message that asks, asking on one
/// that does not,
/// or a second lead-in straight after the first.
fn lead_in_problem(body: &str) -> Option<String> {
    let (lead, rest) = lead_in(body)?;
    let lower = lead.to_lowercase();
    let asks = rest.contains('?');
    if lead_in(rest).is_some() {
        Some(format!("two lead-ins \"{lead}:\""))
    } else if asks && TELLING_LEAD_INS.iter().any(|l| lower.contains(l)) {
        Some(format!("\"{lead}:\" on a question"))
    } else if !asks && ASKING_LEAD_INS.iter().any(|l| lower.contains(l)) {
        Some(format!("\"{lead}:\" on a statement"))
    } else {
        None
    }
}

/// Terms of every subject split by number, lowercased, as the text shows them.
fn terms_by_number() -> (Vec<String>, Vec<String>) {
    let mut plural = Vec::new();
    let mut singular = Vec::new();
    for subject in subjects() {
        for term in subject.terms {
            let text = term.text.to_lowercase();
            let bare = text.strip_prefix("the ").unwrap_or(&text).to_string();
            let list = if term.plural {
                &mut plural
            } else {
                &mut singular
            };
            list.push(text);
            if bare != term.text.to_lowercase() {
                list.push(bare);
            }
        }
    }
    (plural, singular)
}

/// Every message of the demo network, then every template filled with many draws.
fn messages() -> Vec<String> {
    let mut all: Vec<String> = generate(1, NOW)
        .posts
        .into_iter()
        .map(|p| p.plain)
        .collect();
    let draws: u64 = std::env::var("KRING_GRAMMAR_DRAWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(6);
    let chatter = [
        ALL_COMPANY,
        NEW_JOINERS,
        OFFICE,
        RUNNING,
        GENERIC_REPLIES,
        THANKS,
        DIRECT,
    ];
    for seed in 0..draws {
        let mut rng = StdRng::seed_from_u64(seed);
        for subject in subjects() {
            let slots = Slots {
                terms: subject.terms,
                mention: (seed % 2 == 0).then_some("ana.lima"),
                first: "Ana",
                team: "Sales",
                place: "Berlin",
                customer: "Bluefin Retail",
            };
            // Every opener with every template of its kind, as the generator pairs them.
            // A template with a lead-in of its own takes no opener.
            let openers = |template: &str, openers: &'static [&'static str]| {
                if lead_in(template).is_some() {
                    &[""][..]
                } else {
                    openers
                }
            };
            for template in subject.shares {
                for opener in openers(template, SHARE_OPENERS) {
                    all.push(fill(&mut rng, &format!("{opener}{template}"), &slots));
                }
            }
            for template in subject.questions {
                let guests = openers(template, GUEST_OPENERS);
                for opener in openers(template, QUESTION_OPENERS).iter().chain(guests) {
                    all.push(fill(&mut rng, &format!("{opener}{template}"), &slots));
                }
            }
            for template in subject
                .answers
                .iter()
                .chain(chatter.iter().copied().flatten())
            {
                all.push(fill(&mut rng, template, &slots));
            }
        }
    }
    all
}

#[test]
fn generated_messages_read_grammatically() {
    let (plural, singular) = terms_by_number();
    let plural: Vec<&str> = plural.iter().map(String::as_str).collect();
    let singular: Vec<&str> = singular.iter().map(String::as_str).collect();
    let messages = messages();
    let mut failures = Vec::new();
    for message in &messages {
        for problem in problems(message, &plural, &singular) {
            failures.push(format!("{problem}: {message}"));
        }
    }
    assert!(messages.len() >= 3_000, "only {} messages", messages.len());
    failures.sort();
    failures.dedup();
    assert!(
        failures.is_empty(),
        "{} problems in {} messages, e.g.:\n{}",
        failures.len(),
        messages.len(),
        failures
            .iter()
            .take(400)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_checker_catches_the_usual_mistakes() {
    let plural = ["the networking modules"];
    let singular = ["the demo script"];
    for bad in [
        "How do we write good the accessibility audit for charts?",
        "I think the networking modules is paying off.",
        "This is is doubled.",
        "We ran a audit.",
        "We ran an test.",
        "the demo script are new.",
        "No punctuation at the end",
        "One sentence. another one.",
        "Heads-up: Can we get the build cache for the mobile app too?",
        "FYI: Heads-up: a backfill of the warehouse runs this weekend.",
        "Question for the experts: We moved the demo script to the new runners.",
        "We at Bluefin Retail wonder: The pricing tiers are live.",
    ] {
        assert!(!problems(bad, &plural, &singular).is_empty(), "{bad}");
    }
    for good in [
        "@ana.lima We ran an audit and a user test. Then an hour passed! #security",
        "Is the demo script up to date? cc @demo",
        "Heads-up: A backfill of the warehouse runs this weekend.",
        "Quick one: Is the demo script up to date? #ci",
        "Hello from Bluefin Retail! How do we export our orders?",
    ] {
        assert_eq!(
            problems(good, &plural, &singular),
            Vec::<String>::new(),
            "{good}"
        );
    }
}
