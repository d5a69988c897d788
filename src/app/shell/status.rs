//! The status bar: the hints of the focused pane or open overlay (the keys bound to them),
//! the notice, an unfinished key sequence, whether work is under way, the offline marker, and
//! the outbox's segment on the right. Drawing only: reads the state, changes nothing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::app::core::state::State;
use crate::app::core::tick::is_busy;
use crate::app::core::update::active_modes;
use crate::config::theme::Theme;
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::panes::{self, PaneId};
use crate::widgets::status_bar::{StatusContent, status_line};

/// The status bar, with the outbox's segment (queue, connection) kept on the right.
pub fn draw_status(frame: &mut Frame, state: &State, area: Rect, theme: &Theme) {
    let outbox = Line::from(crate::panes::outbox::label::status_spans(
        &state.outbox,
        state.session.now,
        crate::app::core::connection::label(state).is_some(),
        theme,
    ));
    let outbox_width = u16::try_from(outbox.width())
        .unwrap_or(u16::MAX)
        .min(area.width);
    let left = Rect {
        width: area.width.saturating_sub(outbox_width),
        ..area
    };
    frame.render_widget(status(state, left.width, theme), left);
    if outbox_width > 0 {
        let right = Rect {
            x: left.right(),
            width: outbox_width,
            ..area
        };
        frame.render_widget(outbox.style(theme.status.normal), right);
    }
}

/// The keys of an unfinished sequence, as typed ("g", "f").
pub fn pending_keys(state: &State) -> String {
    state
        .keys
        .pending
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

fn status(state: &State, width: u16, theme: &Theme) -> Line<'static> {
    let modes = active_modes(state);
    let hints = hinted_actions(state)
        .iter()
        .filter_map(|(action, label)| state.keys.key_for(&modes, *action).map(|key| (key, *label)))
        .collect();
    // The keys that may follow are listed in the which-key box above the status bar.
    let pending = (!state.keys.pending.is_empty()).then(|| {
        (
            pending_keys(state),
            vec![("esc".to_owned(), "cancel".to_owned())],
        )
    });
    let offline = crate::app::core::connection::label(state);
    let content = StatusContent {
        hints,
        notice: state.notice.current(),
        pending,
        busy: is_busy(state) && offline.is_none(),
    };
    let line = status_line(&content, width, theme);
    match offline {
        Some(label) => {
            crate::app::core::connection::with_marker(line, &label, width, theme.status.warning)
        }
        None => line,
    }
}

/// The actions the status bar hints at, per pane (when bound).
fn hinted_actions(state: &State) -> &'static [(Action, &'static str)] {
    match (&state.overlay, state.focus) {
        (Some(Overlay::Compose(_)), _) => &[
            (Action::Send, "send"),
            (Action::ExternalEditor, "editor"),
            (Action::Cancel, "close"),
        ],
        (Some(Overlay::Help(_)), _) => &[(Action::MoveDown, "scroll"), (Action::Back, "close")],
        (Some(Overlay::Confirm(_)), _) => &[(Action::ConfirmYes, "yes"), (Action::ConfirmNo, "no")],
        (Some(Overlay::Outbox(_)), _) => &[
            (Action::EditPost, "edit"),
            (Action::CancelPost, "cancel"),
            (Action::RetryPost, "retry"),
            (Action::Back, "close"),
        ],
        (Some(Overlay::Links(_)), _) => &[(Action::Open, "go"), (Action::Back, "close")],
        (Some(Overlay::CatchUp(_)), _) => &[(Action::Open, "open"), (Action::Back, "close")],
        (Some(Overlay::Health(_)), _) => &[
            (Action::Open, "open"),
            (Action::MoveDown, "next"),
            (Action::Back, "close"),
        ],
        (Some(Overlay::Questions(_)), _) => &[
            (Action::Open, "open"),
            (Action::Reply, "answer"),
            (Action::ReplyMentioning, "ask them"),
            (Action::Back, "close"),
        ],
        (Some(Overlay::ProfileEdit(_)), _) => &[
            (Action::Send, "save"),
            (Action::MoveDown, "next field"),
            (Action::Cancel, "cancel"),
        ],
        (Some(Overlay::Search(_)), _) => &[
            (Action::Open, "open"),
            (Action::NextGroup, "next group"),
            (Action::Back, "close"),
        ],
        (Some(Overlay::Palette(_)), _) => &[
            (Action::Open, "run"),
            (Action::MoveDown, "next"),
            (Action::Back, "close"),
        ],
        (Some(Overlay::Tour(_)), _) => &[(Action::TourNext, "next"), (Action::Back, "end")],
        (Some(Overlay::Guidelines(_)), _) => {
            &[(Action::MoveDown, "scroll"), (Action::Back, "close")]
        }
        (Some(Overlay::CommunityCard(_)), _) => &[
            (Action::ToggleMembership, "join/leave"),
            (Action::Open, "open"),
            (Action::Back, "close"),
        ],
        (None, PaneId::Communities) => &[
            (Action::Open, "open"),
            (Action::Compose, "post"),
            (Action::Help, "help"),
            (Action::QuitOrBack, "quit"),
        ],
        (None, PaneId::Timeline) => &[
            (Action::Open, "open"),
            (Action::Reply, "reply"),
            (Action::ToggleLike, "like"),
            (Action::Compose, "post"),
            (Action::Help, "help"),
        ],
        (None, PaneId::Thread) => &[
            (Action::Reply, "reply"),
            (Action::ToggleLike, "like"),
            (Action::ToggleFold, "fold"),
            (Action::OpenLink, "link"),
            (Action::Back, "back"),
            (Action::Help, "help"),
        ],
        (None, PaneId::People) => panes::people::view::hints(&state.people),
    }
}
