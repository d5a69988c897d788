//! Keymap: the embedded default, user merges, sequences with which-key hints, and errors that
//! name file/table/key. Key names are in `keymap_keys`.

use std::path::Path;
use std::str::FromStr;

use kring::config::keymap::{KNOWN_ACTIONS, KeyChord, Keymap, MODES, Resolution};

macro_rules! test_actions {
    ($($variant:ident => $name:literal),+ $(,)?) => {
        /// Stands in for the app's `Action`, parsed by snake_case name like the real one.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(super) enum Act { $($variant),+ }
        const ACT_NAMES: &[&str] = &[$($name),+];
        impl FromStr for Act {
            type Err = String;
            fn from_str(name: &str) -> Result<Self, Self::Err> {
                match name { $($name => Ok(Self::$variant),)+ other => Err(other.to_string()) }
            }
        }
    };
}

test_actions! {
    MoveDown => "move_down", MoveUp => "move_up", First => "first", Last => "last",
    HalfPageDown => "half_page_down", HalfPageUp => "half_page_up", FocusLeft => "focus_left",
    FocusRight => "focus_right", NextPane => "next_pane", PrevPane => "prev_pane",
    PaneCommunities => "pane_communities", PaneTimeline => "pane_timeline",
    PaneThread => "pane_thread", PanePeople => "pane_people", Open => "open", Back => "back",
    QuitOrBack => "quit_or_back", Quit => "quit", Compose => "compose", Reply => "reply",
    ToggleLike => "toggle_like", ToggleFold => "toggle_fold", OpenLink => "open_link",
    CopyLink => "copy_link", Delete => "delete", Refresh => "refresh", Help => "help",
    Redraw => "redraw",
    Palette => "palette", Search => "search", NextGroup => "next_group",
    PrevGroup => "prev_group", NextUnread => "next_unread", Parent => "parent",
    NextSibling => "next_sibling", PrevSibling => "prev_sibling", Send => "send",
    ExternalEditor => "external_editor", Cancel => "cancel", ConfirmYes => "confirm_yes",
    ConfirmNo => "confirm_no", DirectMessage => "direct_message", ToggleFollow => "toggle_follow",
    CycleSort => "cycle_sort", FilterDepartment => "filter_department",
    FilterLocation => "filter_location", Noop => "noop", Outbox => "outbox",
    EditPost => "edit_post", CancelPost => "cancel_post", RetryPost => "retry_post",
    CatchUp => "catch_up",
    ToggleMembership => "toggle_membership", CommunityInfo => "community_info",
    CommunityHealth => "community_health", OpenQuestions => "open_questions",
    ReplyMentioning => "reply_mentioning",
    JumpToNotification => "jump_to_notification", MarkFeedRead => "mark_feed_read",
    MarkAllRead => "mark_all_read",
    ToggleMuteCommunity => "toggle_mute_community", ToggleMuteThread => "toggle_mute_thread",
    DismissStartHere => "dismiss_start_here", ShowStartHere => "show_start_here", Tour => "tour",
    TourNext => "tour_next",
    Guidelines => "guidelines", ToggleGuidelines => "toggle_guidelines",
    EditProfile => "edit_profile", WhyListed => "why_listed",
}

pub(super) fn key(text: &str) -> KeyChord {
    text.parse()
        .unwrap_or_else(|error| panic!("key `{text}`: {error}"))
}

pub(super) fn default_keymap() -> Keymap<Act> {
    Keymap::load(None).expect("embedded default keymap parses")
}

fn with_user(text: &str) -> Keymap<Act> {
    Keymap::load(Some((Path::new("/home/u/.config/kring/keymap.toml"), text)))
        .unwrap_or_else(|error| panic!("user keymap rejected: {error}"))
}

fn user_error(text: &str) -> String {
    Keymap::<Act>::load(Some((Path::new("/cfg/keymap.toml"), text)))
        .expect_err("keymap should be rejected")
        .to_string()
}

fn press(keymap: &Keymap<Act>, modes: &[&str], keys: &str) -> Resolution<Act> {
    let chords: Vec<KeyChord> = keys.split(' ').map(key).collect();
    let (last, pending) = chords.split_last().expect("at least one key");
    keymap.resolve(modes, pending, *last)
}

#[test]
fn test_enum_matches_known_actions_list() {
    assert_eq!(ACT_NAMES, KNOWN_ACTIONS);
}

#[test]
fn every_known_action_except_noop_is_bound_by_default() {
    let keymap = default_keymap();
    // `mark_feed_read` is the palette's (no key of its own: `N` marks everything read), and so
    // are bringing the "Start here" checklist back and the tour.
    let unbound = ["noop", "mark_feed_read", "show_start_here", "tour"];
    for action in KNOWN_ACTIONS.iter().filter(|name| !unbound.contains(*name)) {
        let bound = MODES
            .iter()
            .any(|mode| !keymap.keys_for(&[mode], action).is_empty());
        assert!(bound, "action `{action}` has no default key");
    }
}

#[test]
fn default_bindings_resolve_per_mode_with_global_fallback() {
    let keymap = default_keymap();
    let cases: &[(&[&str], &str, Act)] = &[
        (&["timeline", "global"], "ctrl-c", Act::Quit),
        (&["timeline", "global"], "q", Act::QuitOrBack),
        (&["timeline", "global"], "j", Act::MoveDown),
        (&["timeline", "global"], "G", Act::Last),
        (&["timeline", "global"], "shift-g", Act::Last),
        (&["timeline", "global"], "f", Act::ToggleLike),
        (&["thread", "global"], "J", Act::NextSibling),
        (&["thread", "global"], "space", Act::ToggleFold),
        (&["people", "global"], "F", Act::ToggleFollow),
        (&["people", "global"], "/", Act::Search),
        (&["communities", "global"], "backtab", Act::PrevPane),
        (&["compose", "global"], "ctrl-s", Act::Send),
        (&["compose", "global"], "esc", Act::Cancel),
        (&["confirm", "global"], "esc", Act::ConfirmNo),
        (&["confirm", "global"], "enter", Act::ConfirmYes),
        (&["help", "global"], "esc", Act::Back),
        (&["palette", "global"], "down", Act::MoveDown),
        (&["global"], "4", Act::PanePeople),
    ];
    for (modes, keys, expected) in cases {
        assert_eq!(
            press(&keymap, modes, keys),
            Resolution::Action(*expected),
            "{modes:?} {keys}"
        );
    }
    assert_eq!(
        press(&keymap, &["timeline", "global"], "x"),
        Resolution::Unbound
    );
}

#[test]
fn sequence_start_gives_which_key_hints_then_action() {
    let keymap = default_keymap();
    let modes = ["timeline", "global"];
    assert_eq!(
        press(&keymap, &modes, "g"),
        Resolution::Pending(vec![(key("g"), "first".to_string())])
    );
    assert_eq!(
        press(&keymap, &modes, "g g"),
        Resolution::Action(Act::First)
    );
    assert_eq!(press(&keymap, &modes, "g x"), Resolution::Unbound);
}

#[test]
fn longer_user_sequences_show_ellipsis_for_keys_that_continue() {
    let keymap = with_user("[timeline]\n\"space a b\" = \"refresh\"\n\"space c\" = \"compose\"\n");
    assert_eq!(
        press(&keymap, &["timeline"], "space"),
        Resolution::Pending(vec![
            (key("a"), "…".to_string()),
            (key("c"), "compose".to_string()),
        ])
    );
    assert_eq!(
        press(&keymap, &["timeline"], "space a b"),
        Resolution::Action(Act::Refresh)
    );
}

#[test]
fn which_key_hints_list_global_continuations_after_a_pane_prefix() {
    let keymap = with_user("[global]\n\"g r\" = \"refresh\"\n\"g g\" = \"help\"\n");
    assert_eq!(
        press(&keymap, &["timeline", "global"], "g"),
        Resolution::Pending(vec![
            (key("g"), "first".to_string()),
            (key("r"), "refresh".to_string()),
        ]),
        "the pane's own g g hides the global one; g r comes from global"
    );
    assert_eq!(
        press(&keymap, &["timeline", "global"], "g r"),
        Resolution::Action(Act::Refresh)
    );
}

#[test]
fn exact_binding_wins_over_sequence_with_same_start() {
    let keymap = with_user("[timeline]\n\"g\" = \"refresh\"\n");
    assert_eq!(
        press(&keymap, &["timeline"], "g"),
        Resolution::Action(Act::Refresh)
    );
}

#[test]
fn user_entries_override_add_and_remove_per_key() {
    let keymap = with_user(
        "[timeline]\n\"j\" = \"move_up\"\n\"x\" = \"reply\"\n\"r\" = \"noop\"\n\
         \"shift-g\" = \"first\"\n[global]\n\"ctrl-q\" = \"quit\"\n",
    );
    let modes = ["timeline", "global"];
    assert_eq!(press(&keymap, &modes, "j"), Resolution::Action(Act::MoveUp));
    assert_eq!(press(&keymap, &modes, "x"), Resolution::Action(Act::Reply));
    assert_eq!(press(&keymap, &modes, "r"), Resolution::Unbound);
    assert_eq!(press(&keymap, &modes, "G"), Resolution::Action(Act::First));
    assert_eq!(
        press(&keymap, &modes, "ctrl-q"),
        Resolution::Action(Act::Quit)
    );
    // Untouched defaults survive the merge, in this mode and others.
    assert_eq!(press(&keymap, &modes, "k"), Resolution::Action(Act::MoveUp));
    assert_eq!(
        press(&keymap, &["thread"], "r"),
        Resolution::Action(Act::Reply)
    );
    assert_eq!(
        press(&keymap, &modes, "ctrl-c"),
        Resolution::Action(Act::Quit)
    );
}

#[test]
fn bindings_list_is_sorted_by_action_then_key_for_help() {
    let keymap = default_keymap();
    let thread = keymap.named_bindings("thread");
    let order: Vec<(&str, &str)> = thread
        .iter()
        .map(|(keys, name, _)| (name.as_str(), keys.as_str()))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    assert_eq!(
        keymap.bindings("confirm"),
        vec![
            ("esc".to_string(), Act::ConfirmNo),
            ("n".to_string(), Act::ConfirmNo),
            ("enter".to_string(), Act::ConfirmYes),
            ("y".to_string(), Act::ConfirmYes),
        ]
    );
    assert!(keymap.bindings("no-such-mode").is_empty());
    assert_eq!(
        keymap.keys_for(&["timeline", "global"], "help"),
        vec!["?".to_string()]
    );
    assert_eq!(
        keymap.keys_for(&["timeline"], "first"),
        vec!["g g".to_string(), "home".to_string()]
    );
}

#[test]
fn unknown_action_error_names_file_table_key_and_action() {
    let message = user_error("[timeline]\n\"x\" = \"fly_away\"\n");
    for part in [
        "/cfg/keymap.toml",
        ":2:1",
        "[timeline]",
        "\"x\"",
        "fly_away",
    ] {
        assert!(message.contains(part), "`{part}` missing from: {message}");
    }
}

#[test]
fn misspelt_action_gets_a_suggestion() {
    let message = user_error("[thread]\n\"f\" = \"toggle_lik\"\n");
    assert!(message.contains("did you mean `toggle_like`?"), "{message}");
}

#[test]
fn unparseable_key_error_names_file_table_and_key() {
    let message = user_error("[thread]\n\"j\" = \"move_down\"\n\"ctrl-bogus\" = \"reply\"\n");
    for part in [
        "/cfg/keymap.toml",
        ":3:1",
        "[thread]",
        "ctrl-bogus",
        "unknown key name",
    ] {
        assert!(message.contains(part), "`{part}` missing from: {message}");
    }
    let message = user_error("[thread]\n\"hyper-j\" = \"reply\"\n");
    assert!(message.contains("unknown modifier `hyper`"), "{message}");
}

#[test]
fn unknown_mode_table_is_rejected_with_its_name() {
    let message = user_error("[timelime]\n\"j\" = \"move_down\"\n");
    for part in [
        "/cfg/keymap.toml",
        "[timelime]",
        "unknown mode table",
        "timeline",
    ] {
        assert!(message.contains(part), "`{part}` missing from: {message}");
    }
}

#[test]
fn non_string_action_and_bad_toml_are_syntax_errors_with_location() {
    let message = user_error("[timeline]\n\"j\" = 5\n");
    assert!(message.starts_with("/cfg/keymap.toml:2:"), "{message}");
    let message = user_error("[timeline\n");
    assert!(message.starts_with("/cfg/keymap.toml:1:"), "{message}");
}

#[test]
fn two_spellings_of_one_key_in_a_table_are_rejected() {
    let message = user_error("[timeline]\n\"G\" = \"last\"\n\"shift-g\" = \"first\"\n");
    assert!(message.contains("same key as"), "{message}");
    assert!(message.contains("[timeline]"), "{message}");
}

#[test]
fn load_file_uses_default_when_user_file_is_missing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("keymap.toml");
    let keymap = Keymap::<Act>::load_file(&missing).expect("missing file is fine");
    assert_eq!(
        press(&keymap, &["global"], "?"),
        Resolution::Action(Act::Help)
    );
    std::fs::write(&missing, "[global]\n\"?\" = \"noop\"\n").expect("write");
    let keymap = Keymap::<Act>::load_file(&missing).expect("user file loads");
    assert_eq!(press(&keymap, &["global"], "?"), Resolution::Unbound);
}
