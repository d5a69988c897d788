//! A small string interner: gives each distinct key a dense `u32` id and keeps the first
//! spelling seen for display. Used for departments, locations, communities and topics so hot
//! loops compare integers, not strings. It must not fold or otherwise change keys itself.

use super::hash::FxHashMap;

/// The id meaning "no value" in arrays of interned ids.
pub const NONE: u32 = u32::MAX;

#[derive(Debug, Default)]
pub struct Interner {
    ids: FxHashMap<String, u32>,
    shown: Vec<String>,
}

impl Interner {
    /// The id for `key`, adding it (with `shown` as its display form) if new.
    pub fn intern(&mut self, key: &str, shown: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        // Ids stay below NONE: an interner would need four billion distinct keys to reach it.
        let id = u32::try_from(self.shown.len())
            .unwrap_or(NONE - 1)
            .min(NONE - 1);
        self.ids.insert(key.to_owned(), id);
        self.shown.push(shown.to_owned());
        id
    }

    pub fn get(&self, key: &str) -> Option<u32> {
        self.ids.get(key).copied()
    }

    /// The display form of `id` (empty for `NONE` or unknown ids).
    pub fn shown(&self, id: u32) -> &str {
        self.shown.get(id as usize).map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_spelling_and_stable_ids() {
        let mut interner = Interner::default();
        let platform = interner.intern("platform", "Platform");
        assert_eq!(interner.intern("platform", "PLATFORM"), platform);
        assert_eq!(interner.shown(platform), "Platform");
        assert_eq!(interner.get("legal"), None);
        assert_eq!(interner.shown(NONE), "");
    }
}
