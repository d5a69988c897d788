//! Action: everything a user can bind to a key, with its keymap name and one-line description.
//!
//! The names are the keymap's vocabulary (`keymap.toml` values) and the descriptions are the help
//! screen's text, so both come from the single table below and cannot drift apart. API results,
//! ticks and resizes are not actions: those are `Msg`s no keymap can name.

use std::fmt;
use std::str::FromStr;

macro_rules! actions {
    ($($variant:ident => $name:literal, $description:literal;)*) => {
        /// A bindable user intent.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action {
            $(#[doc = $description] $variant,)*
        }

        impl Action {
            /// Every action, in help-screen order.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The snake_case name used in keymap files.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                }
            }

            /// One line saying what the action does, for the help screen.
            pub const fn description(self) -> &'static str {
                match self {
                    $(Action::$variant => $description,)*
                }
            }
        }

        impl FromStr for Action {
            type Err = UnknownAction;

            fn from_str(name: &str) -> Result<Self, Self::Err> {
                match name {
                    $($name => Ok(Action::$variant),)*
                    other => Err(UnknownAction(other.to_owned())),
                }
            }
        }
    };
}

actions! {
    MoveDown => "move_down", "Move the selection down";
    MoveUp => "move_up", "Move the selection up";
    First => "first", "Jump to the first item";
    Last => "last", "Jump to the last item";
    HalfPageDown => "half_page_down", "Move down half a page";
    HalfPageUp => "half_page_up", "Move up half a page";
    FocusLeft => "focus_left", "Focus the pane to the left";
    FocusRight => "focus_right", "Focus the pane to the right";
    NextPane => "next_pane", "Focus the next pane";
    PrevPane => "prev_pane", "Focus the previous pane";
    PaneCommunities => "pane_communities", "Focus the communities pane";
    PaneTimeline => "pane_timeline", "Focus the timeline pane";
    PaneThread => "pane_thread", "Focus the thread pane";
    PanePeople => "pane_people", "Focus the people pane";
    Open => "open", "Open the selected feed or thread";
    Back => "back", "Go back, close an overlay or dismiss an error";
    QuitOrBack => "quit_or_back", "Go back; quit from the communities pane";
    Quit => "quit", "Quit kring";
    Compose => "compose", "Write a new post in the current community";
    Reply => "reply", "Reply to the selected message";
    ToggleLike => "toggle_like", "Like or unlike the selected message";
    ToggleFold => "toggle_fold", "Fold or unfold the replies under the selected message";
    OpenLink => "open_link", "Open the selected message's first link (or its page) in the browser";
    CopyLink => "copy_link", "Copy the selected message's web link to the clipboard";
    Delete => "delete", "Delete the selected message (your own only)";
    Refresh => "refresh", "Fetch what is new now";
    Help => "help", "Show this help";
    Redraw => "redraw", "Repaint the whole screen (after another program wrote over it)";
    Palette => "palette", "Open the command palette";
    Search => "search", "Search messages, communities, people and topics (in People: filter the list)";
    NextGroup => "next_group", "Jump to the next group of results";
    PrevGroup => "prev_group", "Jump to the previous group of results";
    NextUnread => "next_unread", "Open the next unread thread";
    Parent => "parent", "Jump to the message this one replies to";
    NextSibling => "next_sibling", "Jump to the next reply at the same level";
    PrevSibling => "prev_sibling", "Jump to the previous reply at the same level";
    Send => "send", "Send the message being written";
    ExternalEditor => "external_editor", "Edit the message in $VISUAL or $EDITOR";
    Cancel => "cancel", "Close the editor (asks first when there is text)";
    ConfirmYes => "confirm_yes", "Answer yes";
    ConfirmNo => "confirm_no", "Answer no";
    DirectMessage => "direct_message", "Write a private message to the selected person";
    ToggleFollow => "toggle_follow", "Follow or unfollow the selected person";
    CycleSort => "cycle_sort", "Sort the people by relevance, name or recent activity";
    FilterDepartment => "filter_department", "List only the selected person's department (again: everyone)";
    FilterLocation => "filter_location", "List only the selected person's location (again: everywhere)";
    Noop => "noop", "Do nothing (removes a default binding)";
    Outbox => "outbox", "Show the outbox: posts not sent yet";
    EditPost => "edit_post", "Edit the selected post of the outbox";
    CancelPost => "cancel_post", "Cancel the selected post of the outbox (asks first)";
    RetryPost => "retry_post", "Send the selected post of the outbox again, now";
    CatchUp => "catch_up", "Catch up: what happened since you last looked, per community";
    ToggleMembership => "toggle_membership", "Join the selected community, ask to join a private one (again: withdraw), or leave it";
    CommunityInfo => "community_info", "Show the selected community's card: about, admins, activity, guidelines";
    CommunityHealth => "community_health", "Community health: who takes part, what waits for an answer";
    OpenQuestions => "open_questions", "Questions for you: open questions your expertise matches";
    ReplyMentioning => "reply_mentioning", "Reply mentioning the people who could answer";
    JumpToNotification => "jump_to_notification", "Open the thread of the newest notification";
    MarkFeedRead => "mark_feed_read", "Mark the shown feed read";
    MarkAllRead => "mark_all_read", "Mark everything read";
    ToggleMuteCommunity => "toggle_mute_community", "Mute/unmute this community: no counts or notifications";
    ToggleMuteThread => "toggle_mute_thread", "Mute/unmute this thread: no counts or notifications";
    DismissStartHere => "dismiss_start_here", "Dismiss Start here, the first-steps checklist (the palette brings it back)";
    ShowStartHere => "show_start_here", "Show Start here, the first-steps checklist, again";
    Tour => "tour", "Tour: a short walk through the panes and their keys";
    TourNext => "tour_next", "Go on to the tour's next step";
    Guidelines => "guidelines", "Guidelines: the network's code of conduct and this community's";
    ToggleGuidelines => "toggle_guidelines", "Show the guidelines in full, or in one line";
    EditProfile => "edit_profile", "Edit my profile: expertise, interests, about (visible to everyone)";
    WhyListed => "why_listed", "Why am I listed? What the expertise ranking sees about you";
}

/// A keymap named an action that does not exist.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown action \"{0}\"")]
pub struct UnknownAction(pub String);

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_back_to_its_action() {
        for action in Action::ALL {
            assert_eq!(action.name().parse::<Action>(), Ok(*action));
            assert!(!action.description().is_empty());
        }
    }

    #[test]
    fn unknown_names_are_an_error_naming_them() {
        let error = "launch_rockets".parse::<Action>();
        assert_eq!(error, Err(UnknownAction("launch_rockets".to_owned())));
        assert_eq!(
            UnknownAction("x".to_owned()).to_string(),
            "unknown action \"x\""
        );
    }

    #[test]
    fn the_vocabulary_matches_the_keymap_contract() {
        let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        assert_eq!(names.len(), 70);
        for required in [
            "move_down",
            "quit_or_back",
            "toggle_fold",
            "external_editor",
            "noop",
        ] {
            assert!(names.contains(&required), "{required}");
        }
    }
}
