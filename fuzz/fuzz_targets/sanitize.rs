//! ESC-05: the sanitizer on arbitrary bytes (as UTF-8, lossily). Checks what the property tests
//! check (ESC-04): no panic, idempotent, no control character but `\n` out, bounded growth;
//! for both the display and the paste mode.
#![no_main]

use kring::text::sanitize::{MAX_GROWTH_FACTOR, sanitize, sanitize_paste};
use libfuzzer_sys::fuzz_target;

fn check(input: &str, clean: impl Fn(&str) -> String) {
    let output = clean(input);
    assert_eq!(clean(&output), output, "not idempotent for {input:?}");
    assert!(
        output.chars().all(|c| c == '\n' || !c.is_control()),
        "control left for {input:?}: {output:?}"
    );
    assert!(
        output.len() <= MAX_GROWTH_FACTOR * input.len().max(1),
        "grew {} -> {} for {input:?}",
        input.len(),
        output.len()
    );
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    check(&input, sanitize);
    check(&input, sanitize_paste);
});
