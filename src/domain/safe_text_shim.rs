//! Temporary stand-in for `crate::text::SafeText` until the text module lands; deleted then.

use std::fmt;

/// Text that is safe to show (stand-in).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SafeText(String);

impl SafeText {
    /// Sanitize `raw` (stand-in: drops control characters).
    pub fn new(raw: &str) -> Self {
        Self(
            raw.chars()
                .filter(|c| !c.is_control() || *c == '\n')
                .collect(),
        )
    }

    /// The sanitized text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SafeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
