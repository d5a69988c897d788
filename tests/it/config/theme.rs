//! Themes: shipped themes load complete, inheritance and its cycle check, errors that name file
//! and key, colour downsampling and NO_COLOR.

use std::path::Path;

use kring::config::theme::{
    BUILTIN_THEMES, BaseStyles, ColorSupport, CommunityStyles, ComposeStyles, PeopleStyles,
    StatusStyles, Theme, ThreadStyles, TimelineStyles, indexed_rgb, nearest_16, nearest_256,
};
use ratatui::style::{Color, Modifier, Style};

fn env_of<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| {
        vars.iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_string())
    }
}

fn user_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(format!("{name}.toml")), text).expect("write theme");
    }
    dir
}

fn load_error(name: &str, dir: &Path) -> String {
    Theme::load(name, Some(dir), ColorSupport::TrueColor)
        .expect_err("theme should fail")
        .to_string()
}

/// Every key of every table, read from the file itself, so the test follows the struct.
fn keys_in(text: &str) -> Vec<String> {
    let table: toml::Table = toml::from_str(text).expect("theme is TOML");
    let mut keys = Vec::new();
    for (section, value) in &table {
        match value {
            _ if section == "invisible_marker" => keys.push(section.clone()),
            toml::Value::Table(entries) if section != "palette" => {
                keys.extend(entries.keys().map(|key| format!("{section}.{key}")));
            }
            _ => {}
        }
    }
    keys.sort();
    keys
}

fn all_keys() -> Vec<String> {
    let sections: [(&str, &[&str]); 7] = [
        ("base", BaseStyles::KEYS),
        ("communities", CommunityStyles::KEYS),
        ("timeline", TimelineStyles::KEYS),
        ("thread", ThreadStyles::KEYS),
        ("people", PeopleStyles::KEYS),
        ("compose", ComposeStyles::KEYS),
        ("status", StatusStyles::KEYS),
    ];
    let mut keys: Vec<String> = sections
        .iter()
        .flat_map(|(section, keys)| keys.iter().map(move |key| format!("{section}.{key}")))
        .collect();
    keys.push("invisible_marker".to_string());
    keys.sort();
    keys
}

#[test]
fn every_shipped_theme_loads_at_every_colour_level() {
    for (name, _) in BUILTIN_THEMES {
        for support in [
            ColorSupport::TrueColor,
            ColorSupport::Ansi256,
            ColorSupport::Ansi16,
        ] {
            let theme = Theme::load(name, None, support)
                .unwrap_or_else(|error| panic!("theme {name} at {support:?}: {error}"));
            assert_eq!(theme.name, *name);
            assert_ne!(
                theme.base.selection,
                Style::default(),
                "{name}: selection must show"
            );
            assert_ne!(
                theme.base.selection, theme.base.text,
                "{name}: selection must differ"
            );
        }
    }
}

#[test]
fn default_and_mono_define_every_key_themselves() {
    for name in ["default", "mono"] {
        let text = BUILTIN_THEMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
            .expect("shipped");
        assert_eq!(keys_in(text), all_keys(), "{name} must define every key");
    }
}

#[test]
fn builtin_default_equals_loading_default() {
    let loaded = Theme::load("default", None, ColorSupport::TrueColor).expect("default loads");
    assert_eq!(Theme::builtin_default(), loaded);
    assert_eq!(
        loaded.timeline.author,
        Style::new()
            .fg(Color::Rgb(0x7a, 0xa2, 0xf7))
            .add_modifier(Modifier::BOLD)
    );
    assert_eq!(loaded.base.text, Style::new().fg(Color::Reset));
}

#[test]
fn child_theme_inherits_styles_and_overrides_palette() {
    let dir = user_dir(&[(
        "mine",
        "inherits = \"default\"\n[palette]\naccent = \"#ff0000\"\n[status]\nerror = \"green\"\n",
    )]);
    let theme = Theme::load("mine", Some(dir.path()), ColorSupport::TrueColor).expect("loads");
    let default = Theme::builtin_default();
    assert_eq!(theme.name, "mine");
    assert_eq!(
        theme.timeline.author,
        Style::new()
            .fg(Color::Rgb(255, 0, 0))
            .add_modifier(Modifier::BOLD)
    );
    assert_eq!(theme.status.error, Style::new().fg(Color::Green));
    assert_eq!(theme.thread.time, default.thread.time);
}

#[test]
fn light_theme_changes_colours_but_keeps_default_structure() {
    let light = Theme::load("light", None, ColorSupport::TrueColor).expect("light loads");
    let default = Theme::builtin_default();
    assert_ne!(light.timeline.author, default.timeline.author);
    assert!(light.timeline.author.add_modifier.contains(Modifier::BOLD));
}

#[test]
fn user_theme_overrides_shipped_theme_and_may_inherit_it() {
    let dir = user_dir(&[(
        "default",
        "inherits = \"default\"\n[timeline]\nauthor = \"magenta\"\n",
    )]);
    let theme = Theme::load("default", Some(dir.path()), ColorSupport::TrueColor).expect("loads");
    assert_eq!(theme.timeline.author, Style::new().fg(Color::Magenta));
    assert_eq!(theme.thread.body, Theme::builtin_default().thread.body);
}

#[test]
fn inheritance_chains_across_user_themes() {
    let dir = user_dir(&[
        ("a", "inherits = \"b\"\n[thread]\nbody = \"yellow\"\n"),
        (
            "b",
            "inherits = \"high-contrast\"\n[thread]\nlink = \"blue\"\n",
        ),
    ]);
    let theme = Theme::load("a", Some(dir.path()), ColorSupport::TrueColor).expect("loads");
    let high_contrast = Theme::load("high-contrast", None, ColorSupport::TrueColor).expect("hc");
    assert_eq!(theme.thread.body, Style::new().fg(Color::Yellow));
    assert_eq!(theme.thread.link, Style::new().fg(Color::Blue));
    assert_eq!(theme.base.selection, high_contrast.base.selection);
}

#[test]
fn inheritance_cycle_is_an_error_naming_the_chain() {
    let dir = user_dir(&[("a", "inherits = \"b\"\n"), ("b", "inherits = \"a\"\n")]);
    let message = load_error("a", dir.path());
    assert!(message.contains("cycle"), "{message}");
    assert!(message.contains("a → b → a"), "{message}");
    assert!(message.contains("b.toml"), "{message}");
}

#[test]
fn unknown_key_error_names_file_key_and_line() {
    let dir = user_dir(&[(
        "typo",
        "inherits = \"default\"\n\n[timeline]\nauthr = \"red\"\n",
    )]);
    let message = load_error("typo", dir.path());
    assert!(
        message.contains(&dir.path().join("typo.toml").display().to_string()),
        "{message}"
    );
    assert!(message.contains("authr"), "{message}");
    assert!(message.contains(":4:"), "{message}");

    let dir = user_dir(&[(
        "typo",
        "inherits = \"default\"\n[timeline]\nauthor = { fg = \"red\", blod = true }\n",
    )]);
    let message = load_error("typo", dir.path());
    assert!(message.contains("blod"), "{message}");

    let dir = user_dir(&[(
        "typo",
        "inherits = \"default\"\n[sidebar]\ntext = \"red\"\n",
    )]);
    let message = load_error("typo", dir.path());
    assert!(message.contains("sidebar"), "{message}");
}

#[test]
fn bad_colour_error_names_file_key_and_value() {
    let dir = user_dir(&[(
        "bad",
        "inherits = \"default\"\n[people]\nname = { fg = \"blurple\" }\n",
    )]);
    let message = load_error("bad", dir.path());
    for part in ["bad.toml", "people.name.fg", "blurple"] {
        assert!(message.contains(part), "`{part}` missing from: {message}");
    }
    let dir = user_dir(&[(
        "bad",
        "inherits = \"default\"\n[palette]\naccent = \"#12345\"\n",
    )]);
    let message = load_error("bad", dir.path());
    assert!(
        message.contains("palette.accent") && message.contains("#12345"),
        "{message}"
    );
}

#[test]
fn bad_colour_in_a_parent_names_the_parent_file() {
    let dir = user_dir(&[
        ("child", "inherits = \"parent\"\n"),
        (
            "parent",
            "inherits = \"default\"\n[thread]\nbody = { bg = \"nope\" }\n",
        ),
    ]);
    let message = load_error("child", dir.path());
    assert!(
        message.contains("parent.toml") && message.contains("thread.body.bg"),
        "{message}"
    );
}

#[test]
fn theme_without_inherits_must_be_complete() {
    let dir = user_dir(&[("bare", "[base]\ntext = \"white\"\n")]);
    let message = load_error("bare", dir.path());
    assert!(
        message.contains("bare.toml") && message.contains("missing key"),
        "{message}"
    );
}

#[test]
fn unknown_and_unsafe_theme_names_are_rejected() {
    let dir = user_dir(&[]);
    assert!(load_error("nonexistent", dir.path()).contains("no theme named `nonexistent`"));
    assert!(load_error("../etc/passwd", dir.path()).contains("not allowed"));
}

#[test]
fn colour_support_is_detected_from_environment() {
    let cases: &[(&[(&str, &str)], ColorSupport)] = &[
        (
            &[("NO_COLOR", "1"), ("COLORTERM", "truecolor")],
            ColorSupport::NoColor,
        ),
        (
            &[("NO_COLOR", ""), ("COLORTERM", "truecolor")],
            ColorSupport::TrueColor,
        ),
        (&[("TERM", "dumb")], ColorSupport::NoColor),
        (
            &[("COLORTERM", "24bit"), ("TERM", "xterm")],
            ColorSupport::TrueColor,
        ),
        (&[("TERM", "xterm-256color")], ColorSupport::Ansi256),
        (&[("TERM", "xterm")], ColorSupport::Ansi16),
        (&[], ColorSupport::Ansi16),
    ];
    for (vars, expected) in cases {
        assert_eq!(ColorSupport::detect(env_of(vars)), *expected, "{vars:?}");
    }
}

#[test]
fn no_color_uses_mono_with_visible_selection_and_no_colours() {
    let theme = Theme::load("default", None, ColorSupport::NoColor).expect("mono loads");
    assert_eq!(theme.name, "mono");
    assert!(
        theme
            .base
            .selection
            .add_modifier
            .contains(Modifier::REVERSED)
    );
    assert_ne!(theme.base.selection_unfocused, Style::default());
    let dir = user_dir(&[("mono", "inherits = \"default\"\n")]);
    let coloured_mono = Theme::load("x", Some(dir.path()), ColorSupport::NoColor).expect("loads");
    let styles = [
        coloured_mono.timeline.author,
        coloured_mono.base.selection,
        coloured_mono.status.offline,
    ];
    for style in styles {
        assert_eq!(
            (style.fg, style.bg),
            (None, None),
            "colours must be stripped: {style:?}"
        );
    }
}

#[test]
fn truecolor_maps_to_nearest_256_colour() {
    assert_eq!(nearest_256(255, 0, 0), 196);
    assert_eq!(nearest_256(0, 0, 0), 16);
    assert_eq!(nearest_256(255, 255, 255), 231);
    assert_eq!(nearest_256(128, 128, 128), 244);
    assert_eq!(nearest_256(0x5f, 0x87, 0xaf), 67);
    // Every cube and grey entry maps to itself (indices below 16 are terminal-defined).
    for index in 16..=255u8 {
        let (r, g, b) = indexed_rgb(index);
        assert_eq!(
            indexed_rgb(nearest_256(r, g, b)),
            (r, g, b),
            "index {index}"
        );
    }
}

#[test]
fn truecolor_and_256_map_to_nearest_16_colour() {
    assert_eq!(nearest_16(250, 10, 10), Color::LightRed);
    assert_eq!(nearest_16(10, 10, 10), Color::Black);
    assert_eq!(nearest_16(0, 0, 200), Color::Blue);
    assert_eq!(nearest_16(120, 120, 130), Color::DarkGray);
    assert_eq!(
        ColorSupport::Ansi16.map_colour(Color::Indexed(9)),
        Some(Color::LightRed)
    );
    assert_eq!(
        ColorSupport::Ansi16.map_colour(Color::Indexed(196)),
        Some(Color::LightRed)
    );
    assert_eq!(
        ColorSupport::Ansi16.map_colour(Color::Cyan),
        Some(Color::Cyan)
    );
    assert_eq!(
        ColorSupport::Ansi256.map_colour(Color::Rgb(255, 0, 0)),
        Some(Color::Indexed(196))
    );
    assert_eq!(
        ColorSupport::Ansi256.map_colour(Color::Indexed(3)),
        Some(Color::Indexed(3))
    );
    assert_eq!(
        ColorSupport::TrueColor.map_colour(Color::Rgb(1, 2, 3)),
        Some(Color::Rgb(1, 2, 3))
    );
    assert_eq!(ColorSupport::NoColor.map_colour(Color::Red), None);
}

#[test]
fn loading_at_16_colours_leaves_no_rgb_or_indexed_colours() {
    let theme = Theme::load("default", None, ColorSupport::Ansi16).expect("loads");
    let styles = [
        theme.timeline.author,
        theme.base.selection,
        theme.status.offline,
        theme.base.border,
    ];
    for style in styles {
        for colour in [style.fg, style.bg].into_iter().flatten() {
            assert!(
                !matches!(colour, Color::Rgb(..) | Color::Indexed(_)),
                "{style:?}"
            );
        }
    }
    assert!(theme.timeline.author.add_modifier.contains(Modifier::BOLD));
}

#[test]
fn palette_names_may_not_shadow_colour_names() {
    let dir = user_dir(&[(
        "shadow",
        "inherits = \"default\"\n[palette]\ngreen = \"#00ff00\"\n",
    )]);
    let message = load_error("shadow", dir.path());
    assert!(
        message.contains("shadow.toml") && message.contains("palette.green"),
        "{message}"
    );
}
