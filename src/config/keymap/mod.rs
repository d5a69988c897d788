//! The keymap: per-mode key bindings (`default_keymap.toml` merged with the user's `keymap.toml`),
//! key-sequence resolution with which-key hints, and the binding list the help screen shows.
//!
//! Generic over the app's action type `A` (parsed by snake_case name through `FromStr`), so this
//! module never depends on the app. It reads only the user's keymap file and no environment.

mod chord;
mod load;

use std::collections::BTreeMap;

pub use chord::{KeyChord, KeyParseError, display_sequence, parse_sequence};
pub use load::KeymapError;

/// The mode tables a keymap file may contain.
pub const MODES: &[&str] = &[
    "global",
    "communities",
    "timeline",
    "thread",
    "people",
    "people_search",
    "compose",
    "help",
    "palette",
    "search",
    "confirm",
    "outbox",
    "catchup",
    "links",
    "community_card",
    "health",
    "questions",
    "start_here",
    "tour",
    "guidelines",
    "profile_edit",
];

/// Every action name the app implements, in snake_case; `noop` removes a binding.
pub const KNOWN_ACTIONS: &[&str] = &[
    "move_down",
    "move_up",
    "first",
    "last",
    "half_page_down",
    "half_page_up",
    "focus_left",
    "focus_right",
    "next_pane",
    "prev_pane",
    "pane_communities",
    "pane_timeline",
    "pane_thread",
    "pane_people",
    "open",
    "back",
    "quit_or_back",
    "quit",
    "compose",
    "reply",
    "toggle_like",
    "toggle_fold",
    "open_link",
    "copy_link",
    "delete",
    "refresh",
    "help",
    "redraw",
    "palette",
    "search",
    "next_group",
    "prev_group",
    "next_unread",
    "parent",
    "next_sibling",
    "prev_sibling",
    "send",
    "external_editor",
    "cancel",
    "confirm_yes",
    "confirm_no",
    "direct_message",
    "toggle_follow",
    "cycle_sort",
    "filter_department",
    "filter_location",
    "noop",
    "outbox",
    "edit_post",
    "cancel_post",
    "retry_post",
    "catch_up",
    "toggle_membership",
    "community_info",
    "community_health",
    "open_questions",
    "reply_mentioning",
    "jump_to_notification",
    "mark_feed_read",
    "mark_all_read",
    "toggle_mute_community",
    "toggle_mute_thread",
    "dismiss_start_here",
    "show_start_here",
    "tour",
    "tour_next",
    "guidelines",
    "toggle_guidelines",
    "edit_profile",
    "why_listed",
];

/// The action name that removes a binding instead of adding one.
pub const NOOP_ACTION: &str = "noop";

/// The embedded default keymap (the same format users write).
pub const DEFAULT_KEYMAP: &str = include_str!("../default_keymap.toml");

/// One bound key sequence.
#[derive(Clone, Debug)]
struct Binding<A> {
    action: A,
    name: String,
}

/// The result of feeding one key press to the keymap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution<A> {
    /// The keys so far complete a binding.
    Action(A),
    /// The keys so far start one or more sequences. Each hint is the next key and the action it
    /// completes, or `"…"` when more keys follow.
    Pending(Vec<(KeyChord, String)>),
    /// No mode binds these keys; the caller drops any pending keys.
    Unbound,
}

/// Bindings per mode, after merging the user's file over the default.
#[derive(Clone, Debug)]
pub struct Keymap<A> {
    modes: BTreeMap<String, BTreeMap<Vec<KeyChord>, Binding<A>>>,
}

impl<A: Clone> Keymap<A> {
    /// Resolves `pending` + `key` against `modes` tried in order (e.g. `["thread", "global"]`).
    /// The first mode that binds the keys, exactly or as the start of a sequence, decides; an exact
    /// binding wins over a longer sequence sharing its first keys.
    ///
    /// Text-input modes (compose, the palette's filter) should resolve a chord whose
    /// [`KeyChord::typed_char`] is `Some` against that mode alone, so printable keys bound in
    /// `[global]` (such as `q`) are typed rather than run.
    pub fn resolve(&self, modes: &[&str], pending: &[KeyChord], key: KeyChord) -> Resolution<A> {
        let mut typed = pending.to_vec();
        typed.push(key);
        for mode in modes {
            let Some(bindings) = self.modes.get(*mode) else {
                continue;
            };
            if let Some(binding) = bindings.get(&typed) {
                return Resolution::Action(binding.action.clone());
            }
            if !continuation_hints(bindings, &typed).is_empty() {
                return Resolution::Pending(self.all_continuations(modes, &typed));
            }
        }
        Resolution::Unbound
    }

    /// What can follow `typed` in any of `modes`, a key bound in an earlier mode hiding the same
    /// key of a later one (as [`Keymap::resolve`] would), sorted by key.
    fn all_continuations(&self, modes: &[&str], typed: &[KeyChord]) -> Vec<(KeyChord, String)> {
        let mut hints: BTreeMap<KeyChord, String> = BTreeMap::new();
        for mode in modes {
            let Some(bindings) = self.modes.get(*mode) else {
                continue;
            };
            for (key, name) in continuation_hints(bindings, typed) {
                hints.entry(key).or_insert(name);
            }
        }
        hints.into_iter().collect()
    }

    /// Every binding of `mode` as (key display, action), sorted by action name then key, so keys
    /// for the same action sit together on the help screen.
    pub fn bindings(&self, mode: &str) -> Vec<(String, A)> {
        self.named_bindings(mode)
            .into_iter()
            .map(|(keys, _, action)| (keys, action))
            .collect()
    }

    /// Like [`Keymap::bindings`], with the action's name as the middle element.
    pub fn named_bindings(&self, mode: &str) -> Vec<(String, String, A)> {
        let mut listed: Vec<(String, String, A)> = self
            .modes
            .get(mode)
            .into_iter()
            .flatten()
            .map(|(keys, binding)| {
                (
                    display_sequence(keys),
                    binding.name.clone(),
                    binding.action.clone(),
                )
            })
            .collect();
        listed.sort_by(|left, right| (&left.1, &left.0).cmp(&(&right.1, &right.0)));
        listed
    }

    /// The keys bound to the action named `action_name` in the first of `modes` that binds it
    /// (status-bar hints such as "? help").
    pub fn keys_for(&self, modes: &[&str], action_name: &str) -> Vec<String> {
        for mode in modes {
            let keys: Vec<String> = self
                .named_bindings(mode)
                .into_iter()
                .filter(|(_, name, _)| name == action_name)
                .map(|(keys, _, _)| keys)
                .collect();
            if !keys.is_empty() {
                return keys;
            }
        }
        Vec::new()
    }
}

fn continuation_hints<A>(
    bindings: &BTreeMap<Vec<KeyChord>, Binding<A>>,
    typed: &[KeyChord],
) -> Vec<(KeyChord, String)> {
    let mut hints: BTreeMap<KeyChord, String> = BTreeMap::new();
    for (keys, binding) in bindings.range(typed.to_vec()..) {
        if !keys.starts_with(typed) {
            break;
        }
        let Some(next) = keys.get(typed.len()) else {
            continue;
        };
        if keys.len() == typed.len() + 1 {
            hints.insert(*next, binding.name.clone());
        } else {
            hints.entry(*next).or_insert_with(|| "…".to_string());
        }
    }
    hints.into_iter().collect()
}
