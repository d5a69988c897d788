//! Actions no overlay or pane took: focus moves, help, refresh (the Inbox too), back and quit.

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::Feed;
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::overlays::help::Help;
use crate::panes::PaneId;
use crate::panes::notice::{Level, Notice};

/// Handles an action at the global level.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => quit(state),
        Action::QuitOrBack => {
            if state.focus == PaneId::Communities {
                quit(state)
            } else {
                back(state);
                Vec::new()
            }
        }
        Action::Back | Action::Cancel => {
            back(state);
            Vec::new()
        }
        Action::FocusLeft => focus(state, state.focus.left()),
        Action::FocusRight => focus(state, state.focus.right()),
        Action::NextPane => focus(state, state.focus.cycle(true)),
        Action::PrevPane => focus(state, state.focus.cycle(false)),
        Action::PaneCommunities => focus(state, PaneId::Communities),
        Action::PaneTimeline => focus(state, PaneId::Timeline),
        Action::PaneThread => focus(state, PaneId::Thread),
        Action::PanePeople => focus(state, PaneId::People),
        Action::Help => {
            state.overlay = Some(Overlay::Help(Help::default()));
            Vec::new()
        }
        Action::Refresh => refresh(state),
        Action::Redraw => vec![Effect::Redraw],
        Action::NextUnread => crate::app::core::route::catchup::next(state)
            .unwrap_or_else(|| crate::app::core::route::next_unread::next_unread(state)),
        Action::CatchUp => crate::app::core::route::catchup::open(state),
        Action::JumpToNotification => crate::app::core::notify::watch::open_newest(state),
        Action::MarkFeedRead => crate::app::core::mark_read::feed(state),
        Action::MarkAllRead => crate::app::core::mark_read::everything(state),
        Action::ToggleMuteCommunity => crate::app::core::mute::toggle_community(state),
        Action::ToggleMuteThread => crate::app::core::mute::toggle_thread(state),
        Action::Compose => crate::app::core::route::compose_new(state),
        Action::Outbox => crate::app::core::route::outbox::open(state),
        Action::CommunityHealth => crate::app::core::route::health::open(state),
        Action::OpenQuestions => crate::app::core::route::questions::open(state),
        Action::EditProfile => crate::app::core::route::profile_edit::open(state),
        Action::Palette => crate::app::core::route::palette::open(state),
        Action::DismissStartHere => crate::app::core::route::start_here::dismiss(state),
        Action::ShowStartHere => crate::app::core::route::start_here::show(state),
        Action::Tour => crate::app::core::route::tour::open(state),
        Action::Guidelines => crate::app::core::route::guidelines::open(state),
        // The People pane filters its own list; everywhere else `/` searches everything.
        Action::Search => crate::app::core::route::search::open(state),
        // Bound in the People pane; a keymap may bind them elsewhere, where they have no person.
        Action::DirectMessage | Action::ToggleFollow | Action::WhyListed => {
            let text = format!("{}: works in the People pane (4)", action.description());
            state.notice.show(Notice::info(text, state.session.now));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Leaves: keeps an unsent draft, then asks the run loop to restore the terminal and exit.
pub fn quit(state: &mut State) -> Vec<Effect> {
    let mut effects = Vec::new();
    // An outbox edit keeps no draft: the outbox still holds the post.
    if let Some(compose) = state
        .compose_mut()
        .filter(|c| c.has_text() && c.replaces.is_none())
    {
        effects.push(compose.save().into());
    }
    state.quit();
    effects.push(Effect::Quit);
    effects
}

/// `esc`: dismiss a lasting notice first, then close an overlay, then step back a pane.
pub fn back(state: &mut State) {
    if state
        .notice
        .current()
        .is_some_and(|n| n.level != Level::Info)
    {
        state.notice.dismiss();
    } else if state.overlay.is_some() {
        state.overlay = None;
    } else {
        state.focus = state.focus.left();
    }
}

/// Moves the focus; a key sequence in progress is dropped.
pub fn focus(state: &mut State, pane: PaneId) -> Vec<Effect> {
    state.focus = pane;
    state.keys.clear();
    Vec::new()
}

/// `ctrl-r`: what is new in the shown feed, the open thread and the community list.
pub fn refresh(state: &mut State) -> Vec<Effect> {
    state.session.poll.restart(state.session.now);
    let mut effects = crate::app::core::route::poll_feed(state);
    effects.extend(crate::app::core::route::reload_thread(state));
    effects.push(Effect::FetchCommunities);
    effects.extend(crate::app::core::notify::watch::watch_inbox(state));
    effects
}

/// What happens when kring starts: who am I, my communities, and My feed in the timeline.
pub fn start(state: &mut State) -> Vec<Effect> {
    let mut effects = vec![Effect::FetchCurrentUser, Effect::FetchCommunities];
    effects.extend(crate::app::core::route::open_feed(state, Feed::MyFeed));
    state.focus = PaneId::Timeline;
    crate::app::core::update::settle(state, effects)
}
