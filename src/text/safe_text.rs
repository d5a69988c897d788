//! [`SafeText`]: a string that has passed the sanitizer. Owns the type and its conversions; must
//! not offer any way to build one that skips [`crate::text::sanitize::sanitize`].

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::sanitize::{SanitizeReport, sanitize, sanitize_with_report};

/// Text that is safe to put on a terminal: no control characters other than `\n`, no escape
/// sequences, no tabs, bidi and invisible characters replaced by visible markers.
///
/// The only constructors run the sanitizer, so holding a `SafeText` is proof the text went
/// through it. Deserializing re-sanitizes (a stored value is never trusted).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SafeText(String);

impl SafeText {
    /// Sanitizes `raw` (see [`crate::text::sanitize`]).
    pub fn new(raw: &str) -> SafeText {
        SafeText(sanitize(raw))
    }

    /// Sanitizes `raw` and says what was found: views show a `⚠` next to text whose report
    /// [`needs_warning`](SanitizeReport::needs_warning).
    pub fn new_with_report(raw: &str) -> (SafeText, SanitizeReport) {
        let (text, report) = sanitize_with_report(raw);
        (SafeText(text), report)
    }

    /// For kring's own literals. Still sanitized; for ordinary text this is a scan and one copy.
    pub fn from_static(literal: &'static str) -> SafeText {
        SafeText(sanitize(literal))
    }

    /// The sanitized text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the sanitized text is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Length of the sanitized text in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl fmt::Display for SafeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for SafeText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for SafeText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SafeText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Ok(SafeText::new(&raw))
    }
}
