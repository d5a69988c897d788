//! Invariants of the generated demo network.

use super::*;

#[test]
fn placeholder() {
    let net = generate(1, 1_700_000_000);
    assert!(!net.people.is_empty());
}
