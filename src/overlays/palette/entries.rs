//! What the palette lists and how typed text narrows it. Actions bound in the focused pane or
//! globally come first (movement and the palette itself are left out: they need no palette), then
//! the feeds and communities, the accounts to switch to, then, once something is typed, people in
//! the directory (hidden people are never in the index's directory). Pure functions of a small
//! [`PaletteInput`] the core builds (the keymap, the feeds with their labels, the accounts).

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use crate::domain::{Feed, UserId};
use crate::expertise::{ExpertiseIndex, Query};
use crate::input::action::Action;
use crate::input::keys::Keymap;

/// Most matches listed (the rest are reached by typing more).
pub const MAX_MATCHES: usize = 200;

/// What the palette lists from besides the directory.
#[derive(Clone, Copy, Debug)]
pub struct PaletteInput<'a> {
    pub keymap: &'a Keymap,
    /// The focused pane's keymap mode.
    pub mode: &'a str,
    /// Whether the "Start here" checklist shows (which of hide / show it is listed).
    pub start_here_shown: bool,
    /// The feeds and communities, in the communities pane's order, with their labels.
    pub feeds: &'a [(Feed, String)],
    /// The session's accounts, in order.
    pub accounts: &'a [PaletteAccount],
}

/// One account as the palette names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaletteAccount {
    pub name: String,
    /// The server ("demo network" for the demo).
    pub server: String,
    /// The account in use.
    pub current: bool,
}

/// What running an entry does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Action(Action),
    Feed(Feed),
    Person(UserId),
    /// An index into the session's accounts ([`PaletteInput::accounts`]).
    Account(usize),
}

/// One line of the palette.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// What is matched and shown ("Open the outbox", "Engineering Platform", "Ada Lovelace").
    pub label: String,
    /// Shown dimmed beside it: the keys of an action, "feed", a person's title.
    pub detail: String,
    pub target: Target,
}

impl AsRef<str> for Entry {
    fn as_ref(&self) -> &str {
        &self.label
    }
}

/// Actions that make no sense from a palette.
fn listable(action: Action) -> bool {
    !matches!(
        action,
        Action::MoveDown
            | Action::MoveUp
            | Action::First
            | Action::Last
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::Palette
            | Action::Back
            | Action::Cancel
            | Action::QuitOrBack
            | Action::ConfirmYes
            | Action::ConfirmNo
            | Action::NextGroup
            | Action::PrevGroup
            | Action::TourNext
    )
}

/// Actions listed even with no key bound: the palette is their way in.
const fn palette_only(action: Action) -> bool {
    matches!(
        action,
        Action::MarkFeedRead
            | Action::MarkAllRead
            | Action::DismissStartHere
            | Action::ShowStartHere
            | Action::Tour
            | Action::Guidelines
            | Action::EditProfile
    )
}

/// The actions bound where the user is (the focused pane's mode, then global), with their keys.
fn actions(input: &PaletteInput<'_>) -> Vec<Entry> {
    let (mode, keymap) = (input.mode, input.keymap);
    let mut seen = Vec::new();
    let mut entries = Vec::new();
    for action in Action::ALL.iter().copied().filter(|a| listable(*a)) {
        let keys = keymap.keys_for(&[mode, "global"], action.name());
        if (keys.is_empty() && !palette_only(action)) || seen.contains(&action) {
            continue;
        }
        let shown = input.start_here_shown;
        if (action == Action::DismissStartHere && !shown)
            || (action == Action::ShowStartHere && shown)
        {
            continue;
        }
        seen.push(action);
        entries.push(Entry {
            label: action.description().to_owned(),
            detail: keys.join(", "),
            target: Target::Action(action),
        });
    }
    entries
}

fn feeds(input: &PaletteInput<'_>) -> Vec<Entry> {
    input
        .feeds
        .iter()
        .map(|&(feed, ref label)| Entry {
            label: label.clone(),
            detail: if matches!(feed, Feed::Community(_)) {
                "community".to_owned()
            } else {
                "feed".to_owned()
            },
            target: Target::Feed(feed),
        })
        .collect()
}

/// "Switch account: NAME (server)" for every account, the one in use marked.
fn accounts(input: &PaletteInput<'_>) -> Vec<Entry> {
    input
        .accounts
        .iter()
        .enumerate()
        .map(|(index, account)| Entry {
            label: format!("Switch account: {} ({})", account.name, account.server),
            detail: if account.current {
                "current".to_owned()
            } else {
                "account".to_owned()
            },
            target: Target::Account(index),
        })
        .collect()
}

fn people(index: &ExpertiseIndex) -> Vec<Entry> {
    index
        .directory(&Query::new("").limit(None))
        .into_iter()
        .filter_map(|id| index.person(id))
        .map(|doc| Entry {
            label: doc.display_name().to_owned(),
            detail: [doc.job_title.as_deref(), doc.department.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
            target: Target::Person(UserId(doc.id)),
        })
        .collect()
}

/// Every entry for `text`, best match first (ties keep actions, feeds, people order). People
/// come from `index`, which the caller holds (the frame's, while drawing), so nothing here locks.
pub fn matching(input: &PaletteInput<'_>, index: &ExpertiseIndex, text: &str) -> Vec<Entry> {
    let text = text.trim();
    let mut all = actions(input);
    all.extend(feeds(input));
    all.extend(accounts(input));
    if text.is_empty() {
        all.truncate(MAX_MATCHES);
        return all;
    }
    all.extend(people(index));
    let pattern = Pattern::parse(text, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    // `match_list` sorts by score with a stable sort, so equal scores keep the order above.
    let mut found: Vec<Entry> = pattern
        .match_list(all, &mut matcher)
        .into_iter()
        .map(|(entry, _)| entry)
        .collect();
    found.truncate(MAX_MATCHES);
    found
}
