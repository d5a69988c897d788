//! The view contexts the frame builds from the whole state for the views that take their own
//! state and a small context: what the timeline and thread read besides their pane
//! ([`message_view`], with the [`Marks`] only the whole client knows), and what the health
//! and questions views read. Reads only; nothing here draws or changes the state.

use ratatui::text::Span;

use crate::app::core::state::State;
use crate::config::theme::Theme;
use crate::domain::{GroupId, Message, MessageId, ThreadId};
use crate::panes::health::view::HealthViewCtx;
use crate::panes::message_view::{MessageMarks, MessageViewCtx};
use crate::panes::questions::view::QuestionsViewCtx;

/// What the timeline and thread views read of the rest of the state.
pub fn message_view<'a>(
    state: &'a State,
    marks: &'a Marks<'a>,
    focused: bool,
) -> MessageViewCtx<'a> {
    MessageViewCtx {
        catalog: &state.catalog,
        now: state.session.now,
        offline: state.connection.is_offline(),
        focused,
        marks,
    }
}

/// The marks of the message views, read from the whole state.
pub struct Marks<'a>(pub &'a State, pub &'a Theme);

impl MessageMarks for Marks<'_> {
    fn is_unread(&self, thread: ThreadId) -> bool {
        self.0.unread.is_unread(thread)
    }

    fn is_muted(&self, thread: ThreadId, group: Option<GroupId>) -> bool {
        self.0.unread.mutes().is_muted(thread, group)
    }

    fn pending(&self, id: MessageId) -> Option<Span<'static>> {
        crate::panes::outbox::label::pending_span(&self.0.outbox, id, self.1)
    }

    fn unknown_author(&self, message: &Message) -> String {
        crate::panes::outbox::unknown_author(message)
    }
}

/// What the health view reads of the rest of the state.
pub fn health(state: &State) -> HealthViewCtx<'_> {
    HealthViewCtx {
        catalog: &state.catalog,
        now: state.session.now,
    }
}

/// What the questions view reads of the rest of the state.
pub fn questions(state: &State) -> QuestionsViewCtx<'_> {
    QuestionsViewCtx {
        catalog: &state.catalog,
        now: state.session.now,
    }
}

/// What the communities pane draws from: the unread counts and mutes of the feeds it lists,
/// the checklist's facts, focus.
pub fn communities(
    state: &State,
    focused: bool,
) -> crate::panes::communities::view::CommunitiesView<'_> {
    let entries = state.communities.entries();
    let unread = entries
        .iter()
        .map(|feed| (*feed, state.unread.count(*feed)))
        .filter(|(_, count)| *count > 0)
        .collect();
    let mutes = state.unread.mutes();
    let muted = entries
        .iter()
        .filter_map(|feed| feed.community())
        .filter(|group| mutes.community_muted(*group))
        .collect();
    crate::panes::communities::view::CommunitiesView {
        catalog: &state.catalog,
        unread,
        muted,
        start_here: crate::app::core::route::start_here::view(state),
        focused,
    }
}
