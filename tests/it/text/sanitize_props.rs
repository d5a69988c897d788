//! Sanitizer properties over generated input. Case count from `KRING_PROPTEST_CASES`
//! (default 10 000). The sanitizer fuzz target's seed corpus runs under the same checks.

use kring::text::sanitize::{MAX_GROWTH_FACTOR, sanitize, sanitize_paste};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("KRING_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

/// Pieces hostile input is made of: escape fragments, every terminator, controls, joiners,
/// selectors, tags, marks, right-to-left letters and kring's own marker glyphs.
const FRAGMENTS: &[&str] = &[
    "\u{1b}",
    "[",
    "]",
    "P",
    "X",
    "^",
    "_",
    "\\",
    "\u{7}",
    "\u{9c}",
    "\u{9b}",
    "\u{9d}",
    "\u{90}",
    "\u{98}",
    "\u{9e}",
    "\u{9f}",
    "\u{85}",
    "\u{18}",
    "\u{1a}",
    "0",
    "52",
    ";",
    "?1049h",
    "m",
    "2J",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\u{8}",
    "\u{0}",
    "\u{7f}",
    "\u{200b}",
    "\u{200c}",
    "\u{200d}",
    "\u{202e}",
    "\u{2066}",
    "\u{feff}",
    "\u{ad}",
    "\u{fe0f}",
    "\u{fe0e}",
    "\u{e0100}",
    "\u{e0067}",
    "\u{e007f}",
    "\u{1f3f4}",
    "👨",
    "❤",
    "1",
    "\u{301}",
    "\u{20e3}",
    "\u{34f}",
    "ا",
    "ب",
    "क",
    "\u{94d}",
    "葛",
    "\u{2028}",
    "⟨",
    "⟩",
    "◌",
    "␛",
    "a",
    " ",
];

fn hostile_string() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
            1 => any::<char>().prop_map(String::from),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn is_always_marked(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}' | '\u{180e}'
    )
}

fn check(input: &str, output: &str, again: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(again, output, "not idempotent for {:?}", input);
    for c in output.chars() {
        prop_assert!(
            c == '\n' || !c.is_control(),
            "control {:?} left for {:?}",
            c,
            input
        );
        prop_assert!(
            !is_bidi(c) && !is_always_marked(c),
            "{:?} left for {:?}",
            c,
            input
        );
    }
    prop_assert!(
        output.len() <= MAX_GROWTH_FACTOR * input.len(),
        "grew {} -> {} for {:?}",
        input.len(),
        output.len(),
        input
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn sanitize_holds_for_hostile_fragments(input in hostile_string()) {
        let output = sanitize(&input);
        check(&input, &output, &sanitize(&output))?;
    }

    #[test]
    fn sanitize_holds_for_arbitrary_strings(chars in prop::collection::vec(any::<char>(), 0..48)) {
        let input: String = chars.into_iter().collect();
        let output = sanitize(&input);
        check(&input, &output, &sanitize(&output))?;
    }

    #[test]
    fn sanitize_paste_holds_for_hostile_fragments(input in hostile_string()) {
        let output = sanitize_paste(&input);
        check(&input, &output, &sanitize_paste(&output))?;
        let escape_marker = kring::text::sanitize::ESCAPE_MARKER;
        prop_assert!(
            !output.contains(escape_marker) || input.contains(escape_marker),
            "paste left an escape marker for {:?}",
            input
        );
    }
}

// The `sanitize` fuzz target's committed seeds (`fuzz/corpus/sanitize/seed-*`) replayed
// with the target's checks, in both modes: the corpus stays meaningful in CI, where no fuzzer
// runs, and an input that once crashed the fuzzer stays fixed once added as a seed.
#[test]
fn the_sanitize_fuzz_seeds_pass_the_fuzz_checks() -> Result<(), TestCaseError> {
    let dir = format!("{}/fuzz/corpus/sanitize", env!("CARGO_MANIFEST_DIR"));
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir}: {e}")) {
        let path = entry.expect("corpus entry").path();
        if !path
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with("seed-"))
        {
            continue;
        }
        let bytes = std::fs::read(&path).expect("seed");
        let input = String::from_utf8_lossy(&bytes);
        let output = sanitize(&input);
        check(&input, &output, &sanitize(&output))?;
        let pasted = sanitize_paste(&input);
        check(&input, &pasted, &sanitize_paste(&pasted))?;
        replayed += 1;
    }
    assert!(replayed >= 10, "only {replayed} seeds in {dir}");
    Ok(())
}
