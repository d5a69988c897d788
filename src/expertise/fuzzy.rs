//! Close-spelling primitives: a bounded Damerau–Levenshtein distance (optimal string alignment:
//! insert, delete, substitute, swap two neighbours) and the cheap filters that let a query scan
//! the whole vocabulary without computing it for every term (length window and a char-set mask).
//! It must not know about the index; `vocab` decides which terms to test.

/// How far a query word of `chars` chars may be from a vocabulary term and still count as the
/// same word: short words must match exactly (`go` is not `io`), mid-length words allow one
/// slip (`gdrp`), long words two (`kubernets`, `postgress`).
pub fn max_distance_for(chars: usize) -> u8 {
    match chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// A 64-bit set of the chars in a word (letters and digits own a bit; others share by hash).
/// Every edit adds or removes at most one char kind, so the set difference in either
/// direction is a lower bound on the distance — valid even when two chars share a bit.
pub fn char_mask(word: &str) -> u64 {
    word.chars()
        .fold(0u64, |mask, c| mask | (1u64 << char_bit(c)))
}

fn char_bit(c: char) -> u32 {
    match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + (c as u32 - '0' as u32),
        _ => 36 + (c as u32 % 28),
    }
}

/// True when the masks alone prove the words are more than `max` edits apart.
pub fn masks_too_far(query_mask: u64, term_mask: u64, max: u8) -> bool {
    let missing = (query_mask & !term_mask).count_ones();
    let extra = (term_mask & !query_mask).count_ones();
    missing.max(extra) > u32::from(max)
}

/// Longest word (in chars) the distance is computed for; vocabulary terms are at most
/// `tokenize::MAX_TERM_CHARS`, so this only turns away garbage.
const MAX_WORD_CHARS: usize = 63;

/// The optimal-string-alignment distance between `a` and `b`, or `None` when it exceeds `max`
/// (or a word is longer than `MAX_WORD_CHARS`). Stops as soon as a whole row exceeds `max`, so
/// far-apart words cost little; rows live on the stack.
pub fn bounded_distance(a: &[char], b: &[char], max: u8) -> Option<u8> {
    let max = usize::from(max);
    if a.len().abs_diff(b.len()) > max || a.len() > MAX_WORD_CHARS || b.len() > MAX_WORD_CHARS {
        return None;
    }
    if a == b {
        return Some(0);
    }
    let width = b.len() + 1;
    // Three rolling rows: two rows back (for swaps), previous, current; rotated by index.
    let mut rows = [[0usize; MAX_WORD_CHARS + 1]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(width) {
        *cell = j;
    }
    let (mut before, mut previous, mut current) = (2, 0, 1);
    for i in 1..=a.len() {
        rows[current][0] = i;
        let mut row_min = i;
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[previous][j] + 1)
                .min(rows[current][j - 1] + 1)
                .min(rows[previous][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[before][j - 2] + 1);
            }
            rows[current][j] = best;
            row_min = row_min.min(best);
        }
        if row_min > max {
            return None;
        }
        (before, previous, current) = (previous, current, before);
    }
    let distance = rows[previous][b.len()];
    // `distance <= max <= u8::MAX`, so the conversion cannot fail.
    (distance <= max).then(|| u8::try_from(distance).unwrap_or(u8::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: &str, b: &str, max: u8) -> Option<u8> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        bounded_distance(&a, &b, max)
    }

    #[test]
    fn counts_each_kind_of_slip_once() {
        assert_eq!(distance("kubernetes", "kubernetes", 2), Some(0));
        assert_eq!(distance("kubernets", "kubernetes", 2), Some(1));
        assert_eq!(distance("kuberentes", "kubernetes", 2), Some(1));
        assert_eq!(distance("gdrp", "gdpr", 1), Some(1));
        assert_eq!(distance("postgress", "postgres", 2), Some(1));
        assert_eq!(distance("kafka", "kafkx", 1), Some(1));
        assert_eq!(distance("", "ab", 2), Some(2));
    }

    #[test]
    fn gives_up_on_overlong_words() {
        let long = "a".repeat(MAX_WORD_CHARS + 1);
        assert_eq!(distance(&long, &long, 2), None);
        let longest = "a".repeat(MAX_WORD_CHARS);
        assert_eq!(
            distance(&longest, &format!("{}b", &longest[1..]), 2),
            Some(1)
        );
    }

    #[test]
    fn gives_up_beyond_the_bound() {
        assert_eq!(distance("kubernetes", "terraform", 2), None);
        assert_eq!(distance("rust", "go", 2), None);
        assert_eq!(distance("abcd", "dcba", 1), None);
    }

    #[test]
    fn masks_never_reject_a_true_neighbour() {
        let pairs = [
            ("kubernets", "kubernetes"),
            ("gdrp", "gdpr"),
            ("helmm", "helm"),
            ("ab", "ba"),
        ];
        for (a, b) in pairs {
            assert!(!masks_too_far(char_mask(a), char_mask(b), 1), "{a} vs {b}");
        }
        assert!(masks_too_far(char_mask("kafka"), char_mask("redis"), 1));
    }

    #[test]
    fn short_words_get_no_slack() {
        assert_eq!(max_distance_for(2), 0);
        assert_eq!(max_distance_for(4), 1);
        assert_eq!(max_distance_for(9), 2);
    }

    /// Plain optimal-string-alignment distance, no bound: the reference.
    fn reference(a: &[char], b: &[char]) -> usize {
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    proptest::proptest! {
        #[test]
        fn bounded_distance_agrees_with_the_reference(a in "[abc]{0,10}", b in "[abc]{0,10}", max in 0u8..4) {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let exact = reference(&a, &b);
            let expected = (exact <= usize::from(max)).then_some(exact as u8);
            proptest::prop_assert_eq!(bounded_distance(&a, &b, max), expected);
            if expected.is_some() {
                proptest::prop_assert!(!masks_too_far(char_mask(&a.iter().collect::<String>()), char_mask(&b.iter().collect::<String>()), max));
            }
        }
    }
}
