//! Tokenisation for the expertise index: fold case and common Latin accents, split words, drop
//! stop words, and a light plural stemmer. The same function serves messages, declared tags and
//! queries, so their terms always meet. It must not know about people, messages or scores.

use std::borrow::Cow;

/// Longest term kept (in chars); longer runs are identifiers, hashes or garbage.
pub const MAX_TERM_CHARS: usize = 40;

/// Words that carry no subject: never indexed, dropped from queries.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "before", "being", "but", "by", "can", "com", "could", "did", "do",
    "does", "doing", "for", "from", "get", "got", "had", "has", "have", "he", "her", "here", "him",
    "his", "how", "http", "https", "i", "if", "in", "into", "is", "it", "its", "just", "me",
    "more", "my", "no", "not", "now", "of", "on", "one", "or", "our", "out", "she", "so", "some",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "to", "too", "up", "us", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "why", "will", "with", "would", "www", "you", "your",
];

/// Words ending in `s` that are not plurals; stripping them would only blur matches.
const KEEP_FINAL_S: &[&str] = &[
    "analytics",
    "aws",
    "devops",
    "dns",
    "gitops",
    "ios",
    "jenkins",
    "kubernetes",
    "macos",
    "mlops",
    "news",
    "postgres",
    "redis",
    "sass",
    "series",
    "status",
    "windows",
];

/// Folds one char to lowercase ASCII where a plain Latin equivalent exists (`É` → `e`);
/// other chars are lowercased as Unicode defines.
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ß' => {
            out.push_str("ss");
            return;
        }
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(plain);
}

/// Lowercases and folds accents of a whole string (used for names, filters and directory search).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Is `word` (already folded) a stop word?
pub fn is_stop_word(word: &str) -> bool {
    // No stop word is longer than this; most words skip the search.
    const LONGEST_STOP_WORD: usize = 7;
    word.len() <= LONGEST_STOP_WORD && STOP_WORDS.binary_search(&word).is_ok()
}

/// Light plural stemming: `policies` → `policy`, `classes` → `class`, `pods` → `pod`;
/// leaves `kubernetes`, `postgres`, `status`, `bus`, `analysis` alone.
pub fn stem(word: &str) -> Cow<'_, str> {
    let len = word.len();
    if len < 4 || !word.ends_with('s') || KEEP_FINAL_S.binary_search(&word).is_ok() {
        return Cow::Borrowed(word);
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return Cow::Borrowed(word);
    }
    if word.ends_with("sses") {
        return Cow::Borrowed(&word[..len - 2]);
    }
    if len > 4 && word.ends_with("ies") {
        return Cow::Owned(format!("{}y", &word[..len - 3]));
    }
    Cow::Borrowed(&word[..len - 1])
}

/// A word is part of a term: letters, digits, and `+`/`#` right after one (`c++`, `c#`).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Calls `emit(raw, stemmed)` for each indexable word of `text`, in order.
/// `raw` is the folded word before stemming; stop words and over-long words are skipped.
pub fn for_each_term(text: &str, mut emit: impl FnMut(&str, &str)) {
    let mut word = Word::default();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_word_char(c) {
            word.push(c);
            continue;
        }
        if word.chars > 0 && (c == '+' || c == '#') {
            word.push(c);
            while let Some(&next) = chars.peek() {
                if next != '+' && next != '#' {
                    break;
                }
                word.push(next);
                chars.next();
            }
        }
        word.flush(&mut emit);
    }
    word.flush(&mut emit);
}

/// The word being read: its folded text (not grown past the longest term kept) and how many
/// chars of the source it spans.
#[derive(Default)]
struct Word {
    text: String,
    chars: usize,
    digits_only: bool,
}

impl Word {
    fn push(&mut self, c: char) {
        if self.chars == 0 {
            self.digits_only = true;
        }
        self.chars += 1;
        self.digits_only &= c.is_ascii_digit();
        if self.chars <= MAX_TERM_CHARS {
            fold_char(c, &mut self.text);
        }
    }

    fn flush(&mut self, emit: &mut impl FnMut(&str, &str)) {
        if self.chars == 0 {
            return;
        }
        let keep = self.chars <= MAX_TERM_CHARS
            && (self.chars >= 2 || self.digits_only)
            && !is_stop_word(&self.text);
        if keep {
            emit(&self.text, &stem(&self.text));
        }
        self.text.clear();
        self.chars = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_term(text, |_, stemmed| out.push(stemmed.to_owned()));
        out
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP_WORDS.iter().all(|w| w.len() <= 7));
        assert!(KEEP_FINAL_S.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn splits_folds_and_drops_stop_words() {
        assert_eq!(
            terms("The Kubernetes pods, and Café!"),
            ["kubernetes", "pod", "cafe"]
        );
        assert_eq!(terms("GDPR-audit: what's next?"), ["gdpr", "audit", "next"]);
    }

    #[test]
    fn stems_plurals_but_keeps_names_ending_in_s() {
        assert_eq!(stem("kubernetes"), "kubernetes");
        assert_eq!(stem("postgres"), "postgres");
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("analysis"), "analysis");
        assert_eq!(stem("classes"), "class");
        assert_eq!(stem("audits"), "audit");
        assert_eq!(stem("postgress"), "postgress");
        assert_eq!(stem("policies"), "policy");
        assert_eq!(stem("ties"), "tie");
    }

    #[test]
    fn keeps_language_names_with_symbols() {
        assert_eq!(terms("c++ and C# (f#) or c+"), ["c++", "c#", "f#", "c+"]);
    }

    #[test]
    fn drops_single_letters_and_overlong_runs_but_keeps_digits() {
        let long = "x".repeat(MAX_TERM_CHARS + 1);
        assert_eq!(terms(&format!("a b 7 {long} ok")), ["7", "ok"]);
    }

    #[test]
    fn unicode_and_garbage_do_not_panic() {
        assert_eq!(terms("日本語 テスト"), ["日本語", "テスト"]);
        assert!(terms("\u{0}\u{202e}🙂🙂 !!! ###").is_empty());
        assert_eq!(fold("ÉCOLE Straße"), "ecole strasse");
    }
}
