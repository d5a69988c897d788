//! `TermKey`: a term as the dictionary's hash-map key, stored inline when short (nearly every
//! word) so a lookup compares bytes already in the table slot instead of chasing a pointer to
//! the heap — the dominant cost of indexing a message. Hashes and compares exactly as `str`.

use std::borrow::Borrow;
use std::hash::{Hash, Hasher};

/// Longest term kept inline, in bytes.
const INLINE: usize = 22;

/// A term, inline up to `INLINE` bytes, boxed beyond. Always valid UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermKey {
    Inline { len: u8, bytes: [u8; INLINE] },
    Boxed(Box<str>),
}

impl TermKey {
    pub fn new(term: &str) -> Self {
        match u8::try_from(term.len()) {
            Ok(len) if term.len() <= INLINE => {
                let mut bytes = [0u8; INLINE];
                bytes[..term.len()].copy_from_slice(term.as_bytes());
                TermKey::Inline { len, bytes }
            }
            _ => TermKey::Boxed(term.into()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            // Built from a `&str` cut at its own length, so always valid UTF-8.
            TermKey::Inline { len, bytes } => {
                std::str::from_utf8(bytes.get(..usize::from(*len)).unwrap_or_default())
                    .unwrap_or_default()
            }
            TermKey::Boxed(text) => text,
        }
    }
}

impl Borrow<str> for TermKey {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl Hash for TermKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expertise::hash::FxHashMap;

    #[test]
    fn short_and_long_terms_round_trip() {
        for term in [
            "",
            "go",
            "kubernetes",
            "ünïcödé",
            &"x".repeat(INLINE),
            &"y".repeat(INLINE + 1),
        ] {
            assert_eq!(TermKey::new(term).as_str(), term);
        }
        assert!(matches!(TermKey::new("rust"), TermKey::Inline { .. }));
        assert!(matches!(TermKey::new(&"z".repeat(40)), TermKey::Boxed(_)));
    }

    #[test]
    fn looks_up_by_str() {
        let mut map: FxHashMap<TermKey, u32> = FxHashMap::default();
        map.insert(TermKey::new("kafka"), 1);
        map.insert(TermKey::new(&"long".repeat(10)), 2);
        assert_eq!(map.get("kafka"), Some(&1));
        assert_eq!(
            map.get("longlonglonglonglonglonglonglonglonglong"),
            Some(&2)
        );
        assert_eq!(map.get("kafk"), None);
    }
}
