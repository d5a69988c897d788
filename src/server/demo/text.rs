//! Filling message templates: `{term}`/`{term2}` from a subject's vocabulary, `{mention}` as an
//! @username, `{first}`, `{team}`, `{place}`, `{day}`, `{n}`, `{customer}`. Deterministic given
//! the random generator.
//!
//! Templates agree with the terms they are given rather than the other way round: a term slot
//! may ask for a kind of term (`{term:pl}` plural only, `{term:sg}` singular only, `{term:bare}`
//! without "the", so only plurals and article-less terms), and `{is}`, `{are}`, `{was}`, `{has}`,
//! `{does}`, `{it}` and the verb endings `{s}` and `{es}` take the number of the term filled last. A slot
//! that opens a sentence is capitalised.

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::vocabulary::{DAYS, Term};

/// What placeholders are filled with.
#[derive(Clone, Debug, Default)]
pub struct Slots<'a> {
    pub terms: &'a [Term],
    pub mention: Option<&'a str>,
    pub first: &'a str,
    pub team: &'a str,
    pub place: &'a str,
    pub customer: &'a str,
}

/// The short phrase before ": " that starts `text` ("Deprecation notice: …"), with no sentence
/// inside it; a template with one of its own takes no opener ("FYI: Deprecation notice: …").
pub fn lead_in(text: &str) -> Option<(&str, &str)> {
    let (lead, rest) = text.split_once(": ")?;
    let short = lead.split_whitespace().count() <= 6 && !lead.contains(['.', '?', '!']);
    short.then_some((lead, rest))
}

/// Picks one item (the slice is never empty in the vocabulary; `""` if it were).
pub fn pick<'a>(rng: &mut StdRng, items: &'a [&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or("")
}

/// Which terms a slot accepts, from the flags after its name.
fn accepts(flags: &str, term: &Term) -> bool {
    flags.split(':').all(|flag| match flag {
        "pl" => term.plural,
        "sg" => !term.plural,
        "bare" => term.plural || !term.definite(),
        _ => true,
    })
}

/// Picks a term for a slot with `flags`, other than `avoid` when there is a choice. Draws an
/// index over all terms and walks on to the next fitting one, so a slot's flags do not change
/// how much randomness it uses.
fn pick_term(rng: &mut StdRng, terms: &[Term], flags: &str, avoid: Option<Term>) -> Option<Term> {
    let fitting = terms.iter().filter(|t| accepts(flags, t)).count();
    if fitting == 0 {
        return None;
    }
    loop {
        // The same draw as choosing from the slice.
        let bound = u32::try_from(terms.len()).unwrap_or(u32::MAX);
        let start = rng.random_range(0..bound) as usize;
        let term = (0..terms.len())
            .map(|i| terms[(start + i) % terms.len()])
            .find(|t| accepts(flags, t))?;
        if fitting == 1 || Some(term) != avoid {
            return Some(term);
        }
    }
}

/// The form of an agreeing word for a singular or plural subject; `None` if `name` is not one.
fn agreeing(name: &str, plural: bool) -> Option<&'static str> {
    let (singular, many) = match name {
        "is" | "are" => ("is", "are"),
        "was" | "were" => ("was", "were"),
        "has" | "have" => ("has", "have"),
        "does" | "do" => ("does", "do"),
        "it" | "they" => ("it", "they"),
        "s" => ("s", ""),
        "es" => ("es", ""),
        _ => return None,
    };
    Some(if plural { many } else { singular })
}

/// Whether text appended to `out` opens a sentence.
fn opens_sentence(out: &str) -> bool {
    let trimmed = out.trim_end();
    trimmed.is_empty() || (trimmed.len() < out.len() && trimmed.ends_with(['.', '!', '?']))
}

/// Appends `text`, capitalised when it opens a sentence.
fn push_slot(out: &mut String, text: &str) {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if opens_sentence(out) => {
            out.extend(c.to_uppercase());
            out.push_str(chars.as_str());
        }
        _ => out.push_str(text),
    }
}

/// Fills every placeholder of `template`.
pub fn fill(rng: &mut StdRng, template: &str, slots: &Slots<'_>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    let mut first_term: Option<Term> = None;
    let mut last_plural = false;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let slot = &rest[start + 1..start + len];
        let (name, flags) = slot.split_once(':').unwrap_or((slot, ""));
        match name {
            "term" | "term2" => {
                let avoid = if name == "term2" { first_term } else { None };
                if let Some(term) = pick_term(rng, slots.terms, flags, avoid) {
                    first_term.get_or_insert(term);
                    last_plural = term.plural;
                    let text = if flags.split(':').any(|f| f == "bare") {
                        term.bare()
                    } else {
                        term.text
                    };
                    push_slot(&mut out, text);
                }
            }
            "mention" => match slots.mention {
                Some(username) => {
                    out.push('@');
                    out.push_str(username);
                }
                None => push_slot(&mut out, "everyone"),
            },
            "first" => out.push_str(slots.first),
            "team" => push_slot(&mut out, slots.team),
            "place" => out.push_str(slots.place),
            "customer" => out.push_str(slots.customer),
            "day" => out.push_str(pick(rng, DAYS)),
            "n" => out.push_str(&rng.random_range(3..=60).to_string()),
            other => match agreeing(other, last_plural) {
                Some(word) => push_slot(&mut out, word),
                None => {
                    out.push('{');
                    out.push_str(slot);
                    out.push('}');
                }
            },
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// An ASCII username part from a (possibly accented) name.
pub fn ascii_fold(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let folded = match c {
            'á' | 'à' | 'â' | 'ä' | 'å' | 'ã' => "a",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'í' | 'ì' | 'î' | 'ï' | 'ı' => "i",
            'ó' | 'ò' | 'ô' | 'ö' | 'ø' | 'õ' => "o",
            'ú' | 'ù' | 'û' | 'ü' => "u",
            'ç' | 'ć' | 'č' => "c",
            'ñ' => "n",
            'ł' | 'Ł' => "l",
            'ş' | 'š' => "s",
            'ß' => "ss",
            'Ø' | 'Ö' => "o",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => "",
        };
        out.push_str(folded);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::demo::vocabulary::{pl, sg};
    use rand::SeedableRng;

    #[test]
    fn fills_placeholders_and_keeps_terms_distinct() {
        let mut rng = StdRng::seed_from_u64(1);
        let slots = Slots {
            terms: &[pl("alphas"), sg("the beta")],
            mention: Some("ana.lima"),
            first: "Ana",
            team: "Sales",
            place: "Berlin",
            customer: "Acme",
        };
        let text = fill(
            &mut rng,
            "{term} and {term2} by {mention} in {place} {unknown}",
            &slots,
        );
        assert!(
            text == "Alphas and the beta by @ana.lima in Berlin {unknown}"
                || text == "The beta and alphas by @ana.lima in Berlin {unknown}"
        );
    }

    #[test]
    fn agrees_with_the_term_and_capitalises_sentence_starts() {
        let slots = Slots {
            terms: &[pl("helm charts"), sg("the build cache")],
            ..Slots::default()
        };
        for seed in 0..20 {
            let mut rng = StdRng::seed_from_u64(seed);
            let text = fill(&mut rng, "Done. {term} {is} fine and {it} work{s}.", &slots);
            assert!(
                text == "Done. Helm charts are fine and they work."
                    || text == "Done. The build cache is fine and it works.",
                "{text}"
            );
            let bare = fill(&mut rng, "New {term:bare} {have} landed.", &slots);
            assert_eq!(bare, "New helm charts have landed.");
            let singular = fill(&mut rng, "Is {term:sg} ready?", &slots);
            assert_eq!(singular, "Is the build cache ready?");
        }
    }

    #[test]
    fn folds_accents() {
        assert_eq!(ascii_fold("Łukasz"), "lukasz");
        assert_eq!(ascii_fold("Zoë"), "zoe");
        assert_eq!(ascii_fold("O'Brien"), "obrien");
        assert_eq!(ascii_fold("de Vries"), "devries");
    }
}
