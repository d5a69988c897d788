//! The compose overlay: a multi-line editor for a new post or a reply, with `@`/`#` completion,
//! a hand-off to `$VISUAL`/`$EDITOR`, a discard question and the send progress. It also edits
//! posts waiting in the outbox.
//!
//! Editing itself is `ratatui-textarea`'s; this module owns what the draft is for and its state.
//! What it needs from elsewhere (the guidelines' text, the way to post) is handed in or asked
//! for as a [`effect::ComposeEffect`]; it names nothing of the whole client's state.

pub mod audience;
pub mod completion;
pub mod effect;
pub mod outbox_send;
pub mod update;
pub mod view;

use ratatui_textarea::{TextArea, WrapMode};

use crate::domain::{DraftFor, GroupId, MessageId, OutgoingPost, ThreadId, UserId};
use crate::panes::request::RequestId;
use completion::Completion;
use effect::ComposeEffect;

/// Where a draft goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ComposeTarget {
    /// A new thread, in a community or (without one) in All Company.
    NewPost {
        community: Option<GroupId>,
        label: String,
    },
    /// A reply to one message.
    Reply {
        to: MessageId,
        thread: ThreadId,
        author: String,
    },
    /// A private message to one person.
    Direct { to: UserId, name: String },
}

impl ComposeTarget {
    /// Whether what is written goes to an external community, where people outside the
    /// company read it: a new post there, or a reply in one of its threads.
    pub fn is_external(&self, catalog: &crate::domain::Catalog) -> bool {
        let community = match self {
            Self::NewPost { community, .. } => *community,
            Self::Reply { to, thread, .. } => catalog
                .message(*to)
                .or_else(|| catalog.message(MessageId(thread.0)))
                .and_then(|m| m.community),
            Self::Direct { .. } => None,
        };
        community
            .and_then(|g| catalog.community(g))
            .is_some_and(|c| c.external)
    }

    /// For a reply, the message answered as one line ("Grace Hopper: Release 2.4 is out…"), so
    /// the editor can show what it answers even where it covers the thread.
    pub fn quoted(&self, catalog: &crate::domain::Catalog) -> Option<String> {
        let Self::Reply { to, author, .. } = self else {
            return None;
        };
        let first = catalog.message(*to).and_then(|m| {
            m.body
                .as_str()
                .lines()
                .map(str::trim)
                .find(|line| !line.is_empty())
                .map(str::to_owned)
        });
        Some(match first {
            Some(line) => format!("{author}: {line}"),
            None => author.clone(),
        })
    }
}

/// What a compose window shows of the guidelines: for which scope (a community, or All Company
/// without one), and whether in full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GuidelinesNote {
    pub scope: Option<GroupId>,
    pub expanded: bool,
}

/// What the compose window says of a draft for an external community.
pub const EXTERNAL_NOTE: &str = "visible to people outside your company";

/// An open editor.
#[derive(Clone, Debug)]
pub struct Compose {
    pub target: ComposeTarget,
    pub editor: TextArea<'static>,
    /// The post request in flight, if sending.
    pub sending: Option<RequestId>,
    /// Why the last send failed; the draft stays for another try.
    pub error: Option<String>,
    /// `esc` was pressed with text: waiting for yes (discard) or no (keep editing).
    pub confirm_discard: bool,
    pub completion: Option<Completion>,
    /// The text changed since the draft was last kept.
    pub unsaved: bool,
    /// Editing this post of the outbox (by local id): sending replaces its text, and no
    /// draft is kept for it (the outbox already holds the text).
    pub replaces: Option<i64>,
    /// The guidelines shown above the draft (before the first post there, or asked for).
    pub guidelines: Option<GuidelinesNote>,
    /// A send to many (All Company, an external community) was asked once: the confirm line
    /// shows, and the next send posts. Any edit clears it.
    pub confirm_wide: bool,
}

impl Compose {
    /// An empty editor for `target`.
    pub fn new(target: ComposeTarget) -> Self {
        Self::with_text(target, "")
    }

    /// An editor for `target` holding `text` (a restored draft), cursor at the end.
    pub fn with_text(target: ComposeTarget, text: &str) -> Self {
        let mut editor = TextArea::new(text.split('\n').map(str::to_owned).collect());
        editor.set_wrap_mode(WrapMode::WordOrGlyph);
        editor.set_cursor_line_style(ratatui::style::Style::default());
        editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
        editor.move_cursor(ratatui_textarea::CursorMove::End);
        Self {
            target,
            editor,
            sending: None,
            error: None,
            confirm_discard: false,
            completion: None,
            unsaved: false,
            replaces: None,
            guidelines: None,
            confirm_wide: false,
        }
    }

    /// The draft's text, lines joined with newlines.
    pub fn text(&self) -> String {
        self.editor.lines().join("\n")
    }

    /// Whether the draft holds anything but whitespace.
    pub fn has_text(&self) -> bool {
        self.editor
            .lines()
            .iter()
            .any(|line| !line.trim().is_empty())
    }

    /// Replaces the draft (after the external editor), cursor at the end.
    pub fn set_text(&mut self, text: &str) {
        let target = self.target.clone();
        let error = self.error.take();
        let replaces = self.replaces;
        let guidelines = self.guidelines;
        *self = Self::with_text(target, text.trim_end_matches('\n'));
        self.error = error;
        self.replaces = replaces;
        self.guidelines = guidelines;
    }

    /// The key the draft is kept under.
    pub fn draft_for(&self) -> DraftFor {
        match &self.target {
            ComposeTarget::NewPost { community, .. } => DraftFor::NewPost(*community),
            ComposeTarget::Reply { to, thread, .. } => DraftFor::Reply {
                thread: *thread,
                to: *to,
            },
            ComposeTarget::Direct { to, .. } => DraftFor::Direct(*to),
        }
    }

    /// The effect that keeps the draft as it is now.
    pub fn save(&mut self) -> ComposeEffect {
        self.unsaved = false;
        ComposeEffect::SaveDraft {
            draft_for: self.draft_for(),
            body: self.text(),
        }
    }

    /// The message this draft becomes when sent.
    pub fn outgoing(&self) -> OutgoingPost {
        let (community, replied_to, direct_to) = match &self.target {
            ComposeTarget::NewPost { community, .. } => (*community, None, Vec::new()),
            ComposeTarget::Reply { to, .. } => (None, Some(*to), Vec::new()),
            ComposeTarget::Direct { to, .. } => (None, None, vec![*to]),
        };
        OutgoingPost {
            body: self.text().trim().to_owned(),
            community,
            replied_to,
            direct_to,
        }
    }

    /// The title line: what the draft is for.
    pub fn title(&self) -> String {
        if self.replaces.is_some() {
            return match &self.target {
                ComposeTarget::NewPost { label, .. } => format!("Edit queued post in {label}"),
                ComposeTarget::Reply { author, .. } => format!("Edit queued reply to {author}"),
                ComposeTarget::Direct { name, .. } => format!("Edit queued message to {name}"),
            };
        }
        match &self.target {
            ComposeTarget::NewPost { label, .. } => format!("New post in {label}"),
            ComposeTarget::Reply { author, .. } => format!("Reply to {author}"),
            ComposeTarget::Direct { name, .. } => format!("Private message to {name}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_through_the_editor() {
        let target = ComposeTarget::NewPost {
            community: Some(GroupId(3)),
            label: "Eng".into(),
        };
        let mut compose = Compose::with_text(target, "first\nsecond");
        assert_eq!(compose.text(), "first\nsecond");
        assert!(compose.has_text());
        compose.set_text("  \n");
        assert!(!compose.has_text());
    }

    #[test]
    fn outgoing_posts_go_where_the_target_says() {
        let reply = ComposeTarget::Reply {
            to: MessageId(7),
            thread: ThreadId(1),
            author: "Ada".into(),
        };
        let post = Compose::with_text(reply, " thanks \n").outgoing();
        assert_eq!(post.body, "thanks");
        assert_eq!(post.replied_to, Some(MessageId(7)));
        assert_eq!(post.community, None);
    }
}
