//! Theme loading: shipped themes, inheritance, errors, colour downsampling and NO_COLOR.

use kring::config::theme::{ColorSupport, Theme};

#[test]
fn builtin_default_has_distinct_selection() {
    let theme = Theme::builtin_default();
    assert_eq!(theme.name, "default");
    assert_ne!(theme.base.selection, ratatui::style::Style::default());
}
