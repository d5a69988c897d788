//! ViewState: scroll offsets and layout caches that only drawing needs. `draw` may adjust them to keep the
//! selection on screen; nothing else about the app lives here.

use crate::app::core::shown::Shown;

/// Where each pane's visible window starts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    /// First visible row of the communities list.
    pub communities_offset: usize,
    /// First visible thread card of the timeline.
    pub timeline_offset: usize,
    /// First visible line of the thread view.
    pub thread_offset: usize,
    /// First visible person of the people list.
    pub people_offset: usize,
    /// First visible line of a profile card.
    pub profile_offset: usize,
    /// How many lines each thread message's text takes at a width (wrapping is costly), and
    /// where each row of the open thread starts at the pane's width.
    pub thread_line_counts: crate::panes::thread::line_counts::LineCounts,
    /// Where each pane was drawn in the last frame (none while the screen is too small): what
    /// a mouse event's position is matched against.
    pub pane_rects: Vec<(crate::panes::PaneId, ratatui::layout::Rect)>,
    /// Where each item of the open list overlay (health, questions) was drawn, with its index:
    /// what a click on the overlay selects.
    pub overlay_items: Vec<(ratatui::layout::Rect, usize)>,
}

impl ViewState {
    /// What this frame showed of the timeline of `state`.
    pub fn shown(&self, state: &crate::app::core::state::State) -> Shown {
        let rect = self
            .pane_rects
            .iter()
            .find(|(pane, _)| *pane == crate::panes::PaneId::Timeline)
            .map(|(_, rect)| *rect);
        let inner = rect.map_or(0, |r| usize::from(r.height.saturating_sub(2)));
        let card = usize::from(crate::panes::timeline::CARD_HEIGHT);
        Shown {
            feed: state.timeline.current,
            offset: self.timeline_offset,
            cards: inner.div_ceil(card),
        }
    }
}
