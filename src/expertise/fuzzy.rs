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

/// The optimal-string-alignment distance between `a` and `b`, or `None` when it exceeds `max`.
/// Stops as soon as a whole row exceeds `max`, so far-apart words cost little.
pub fn bounded_distance(a: &[char], b: &[char], max: u8) -> Option<u8> {
    let max = usize::from(max);
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    if a == b {
        return Some(0);
    }
    let width = b.len() + 1;
    // Three rolling rows: two rows back (for swaps), previous, current.
    let mut before: Vec<usize> = vec![0; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current: Vec<usize> = vec![0; width];
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = i;
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
            row_min = row_min.min(best);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
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
}
