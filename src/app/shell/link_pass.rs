//! Which cells of a drawn frame become OSC 8 hyperlinks: the links in the timeline's previews
//! and the thread's bodies, when no overlay covers them, and only text that is a whole link of
//! a message in the catalog. Owns choosing the areas and the messages; the rewriting itself is
//! [`crate::widgets::hyperlinks`]'s. Must not change the state.

use ratatui::buffer::Buffer;
use ratatui::layout::Margin;

use crate::app::core::state::State;
use crate::app::shell::view_state::ViewState;
use crate::panes::PaneId;
use crate::widgets::hyperlinks::{is_link_in, link_cells};

/// Links the message text of the frame just drawn into `buf`.
pub fn link_message_text(buf: &mut Buffer, state: &State, view: &ViewState) {
    if state.overlay.is_some() {
        return;
    }
    let areas: Vec<_> = view
        .pane_rects
        .iter()
        .filter(|(pane, _)| matches!(pane, PaneId::Timeline | PaneId::Thread))
        // Inside the frame: a link that reaches the border must not run on into it.
        .map(|(_, rect)| rect.inner(Margin::new(1, 1)))
        .collect();
    link_cells(buf, &areas, |url| {
        state
            .catalog
            .messages()
            .any(|message| is_link_in(message.body.as_str(), url))
    });
}
