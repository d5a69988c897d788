//! Filling message templates: `{term}`/`{term2}` from a subject's vocabulary, `{mention}` as an
//! @username, `{first}`, `{team}`, `{place}`, `{day}`, `{n}`, `{customer}`. Deterministic given
//! the random generator.

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::vocabulary::DAYS;

/// What placeholders are filled with.
#[derive(Clone, Debug, Default)]
pub struct Slots<'a> {
    pub terms: &'a [&'static str],
    pub mention: Option<&'a str>,
    pub first: &'a str,
    pub team: &'a str,
    pub place: &'a str,
    pub customer: &'a str,
}

/// Picks one item (the slice is never empty in the vocabulary; `""` if it were).
pub fn pick<'a>(rng: &mut StdRng, items: &'a [&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or("")
}

/// Fills every placeholder of `template`.
pub fn fill(rng: &mut StdRng, template: &str, slots: &Slots<'_>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    let mut first_term: Option<&str> = None;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = &rest[start + 1..start + len];
        match name {
            "term" | "term2" => {
                let mut term = pick(rng, slots.terms);
                if name == "term2" && slots.terms.len() > 1 {
                    while Some(term) == first_term {
                        term = pick(rng, slots.terms);
                    }
                }
                first_term.get_or_insert(term);
                out.push_str(term);
            }
            "mention" => match slots.mention {
                Some(username) => {
                    out.push('@');
                    out.push_str(username);
                }
                None => out.push_str("everyone"),
            },
            "first" => out.push_str(slots.first),
            "team" => out.push_str(slots.team),
            "place" => out.push_str(slots.place),
            "customer" => out.push_str(slots.customer),
            "day" => out.push_str(pick(rng, DAYS)),
            "n" => out.push_str(&rng.random_range(3..=60).to_string()),
            other => {
                out.push('{');
                out.push_str(other);
                out.push('}');
            }
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
    use rand::SeedableRng;

    #[test]
    fn fills_placeholders_and_keeps_terms_distinct() {
        let mut rng = StdRng::seed_from_u64(1);
        let slots = Slots {
            terms: &["alpha", "beta"],
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
            text == "alpha and beta by @ana.lima in Berlin {unknown}"
                || text == "beta and alpha by @ana.lima in Berlin {unknown}"
        );
    }

    #[test]
    fn folds_accents() {
        assert_eq!(ascii_fold("Łukasz"), "lukasz");
        assert_eq!(ascii_fold("Zoë"), "zoe");
        assert_eq!(ascii_fold("O'Brien"), "obrien");
        assert_eq!(ascii_fold("de Vries"), "devries");
    }
}
