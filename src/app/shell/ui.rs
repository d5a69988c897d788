//! `draw_with(frame, &State, &ExpertiseIndex, &mut ViewState, &Theme)`: the whole screen as a
//! pure function of the state and the expertise index the people pane reads. Only scroll
//! offsets in [`ViewState`] may change here, and nothing here takes a lock: the caller (the run
//! loop) holds the index while a frame is drawn.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::view_ctx::{self, Marks};
use super::view_state::ViewState;
use crate::app::core::accounts;
use crate::app::core::layout::{self, MIN_HEIGHT, MIN_WIDTH, Screen, ScreenLayout};
use crate::app::core::state::State;
use crate::config::theme::Theme;
use crate::expertise::ExpertiseIndex;
use crate::overlays::{self, Overlay};
use crate::panes::{self, PaneId};
use crate::text::width::display_width;
use crate::widgets::body::fit_width;

/// Draws the screen, the people pane reading `index` (held by the caller for the frame).
pub fn draw_with(
    frame: &mut Frame,
    state: &State,
    index: &ExpertiseIndex,
    view: &mut ViewState,
    theme: &Theme,
) {
    let area = frame.area();
    match layout::plan(area, state.layout_panes(), state.banner.is_some()) {
        Screen::TooSmall(area) => {
            view.pane_rects.clear();
            draw_too_small(frame, area, theme);
        }
        Screen::Normal(plan) => {
            view.pane_rects.clone_from(&plan.panes);
            draw_normal(frame, (state, index), view, theme, &plan);
        }
    }
    crate::widgets::grapheme_guard::mark(frame.buffer_mut());
}

fn draw_normal(
    frame: &mut Frame,
    (state, index): (&State, &ExpertiseIndex),
    view: &mut ViewState,
    theme: &Theme,
    plan: &ScreenLayout,
) {
    if let (Some(rect), Some(banner)) = (plan.banner, &state.banner) {
        let text = fit_width(&format!(" {banner}"), usize::from(rect.width));
        frame.render_widget(Line::styled(text, theme.status.info), rect);
    }
    for (pane, rect) in &plan.panes {
        let focused = *pane == state.focus && state.overlay.is_none();
        match pane {
            PaneId::Communities => {
                let pane = &state.communities;
                let shown = view_ctx::communities(state, focused);
                panes::communities::view::draw(
                    frame,
                    *rect,
                    (pane, &shown),
                    &mut view.communities_offset,
                    theme,
                );
            }
            PaneId::Timeline => {
                let label = state
                    .timeline
                    .current
                    .map(|f| panes::communities::view::feed_label(&state.catalog, f));
                panes::timeline::view::draw(
                    frame,
                    *rect,
                    (&state.timeline, label.as_deref()),
                    &view_ctx::message_view(state, &Marks(state, theme), focused),
                    &mut view.timeline_offset,
                    theme,
                );
            }
            PaneId::Thread => {
                panes::thread::view::draw(
                    frame,
                    *rect,
                    (
                        &state.thread,
                        &view_ctx::message_view(state, &Marks(state, theme), focused),
                    ),
                    &mut view.thread_offset,
                    &mut view.thread_line_counts,
                    theme,
                );
            }
            PaneId::People => {
                let ctx = panes::people::ctx::PeopleViewCtx {
                    index,
                    catalog: &state.catalog,
                    now: state.session.now,
                    focused,
                    theme,
                };
                panes::people::view::draw(
                    frame,
                    *rect,
                    &state.people,
                    &ctx,
                    (&mut view.people_offset, &mut view.profile_offset),
                );
            }
        }
    }
    draw_account(frame, state, plan, theme);
    let body = Rect {
        y: plan.status.y.saturating_sub(1),
        ..plan.status
    };
    let overlay_area = Rect::new(
        0,
        plan.banner.map_or(0, |b| b.bottom()),
        body.width,
        plan.status.y,
    );
    view.overlay_items.clear();
    match &state.overlay {
        Some(Overlay::Compose(compose)) => {
            let context = super::ui_posting::compose_context(state, compose);
            overlays::compose::view::draw(frame, overlay_area, compose, &context, theme)
        }
        Some(Overlay::Help(help)) => {
            overlays::help::draw(frame, overlay_area, help, &state.keys.keymap, theme)
        }
        Some(Overlay::Confirm(confirm)) => {
            overlays::confirm::draw(frame, overlay_area, confirm, theme)
        }
        Some(Overlay::Outbox(list)) => {
            let ctx = super::ui_posting::outbox_context(state);
            overlays::outbox::view::draw(frame, overlay_area, ctx, list, theme)
        }
        Some(Overlay::Palette(palette)) => {
            let found =
                crate::app::core::route::palette::matching(state, index, &palette.line.text);
            overlays::palette::view::draw(frame, overlay_area, palette, &found, theme)
        }
        Some(Overlay::Links(picker)) => {
            overlays::links::view::draw(frame, overlay_area, picker, theme)
        }
        Some(Overlay::CatchUp(list)) => {
            overlays::catchup::view::draw(frame, overlay_area, list, theme)
        }
        Some(Overlay::CommunityCard(card)) => {
            let shown = crate::panes::communities::discover::card::CardView {
                catalog: &state.catalog,
                pane: &state.communities,
                now: state.session.now,
            };
            crate::panes::communities::discover::card::draw(frame, overlay_area, shown, card, theme)
        }
        Some(Overlay::Health(health)) => {
            let items = &mut view.overlay_items;
            let ctx = view_ctx::health(state);
            panes::health::view::draw(frame, overlay_area, (ctx, health), items, theme)
        }
        Some(Overlay::Questions(questions)) => {
            let items = &mut view.overlay_items;
            let shown = (view_ctx::questions(state), questions.as_ref());
            crate::panes::questions::view::draw(frame, overlay_area, shown, items, theme)
        }
        Some(Overlay::Search(search)) => {
            overlays::search::view::draw(frame, overlay_area, search, theme)
        }
        Some(Overlay::Tour(tour)) => {
            overlays::tour::view::draw(frame, overlay_area, tour, &state.keys.keymap, theme)
        }
        Some(Overlay::Guidelines(view)) => {
            let ctx = overlays::guidelines::view::GuidelinesViewCtx {
                guidelines: &state.guidelines,
                catalog: &state.catalog,
            };
            overlays::guidelines::view::draw(frame, overlay_area, ctx, view, theme)
        }
        Some(Overlay::ProfileEdit(form)) => {
            overlays::profile_edit::view::draw(frame, overlay_area, form, theme)
        }
        None => {}
    }
    if !state.keys.pending.is_empty() {
        let typed = super::status::pending_keys(state);
        let next: Vec<(String, String)> = state
            .keys
            .hints
            .iter()
            .map(|(key, text)| (key.to_string(), text.clone()))
            .collect();
        // The rows above the status bar (the overlay area may reach past it under a banner).
        let above_status = Rect {
            height: plan.status.y.saturating_sub(overlay_area.y),
            ..overlay_area
        };
        crate::widgets::which_key::draw(frame, above_status, &typed, &next, theme);
    }
    super::status::draw_status(frame, state, plan.status, theme);
}

/// Where the user is (see [`accounts::label`]), right-aligned on the top row of the panes,
/// inside its corners. At most a third of an 80-column screen and half of the rightmost pane's
/// top border: the pane's title comes first, so a full label that would cover it gives way to
/// the short one.
fn draw_account(frame: &mut Frame, state: &State, plan: &ScreenLayout, theme: &Theme) {
    let width = frame.area().width;
    let Some(label) = accounts::label(state, width) else {
        return;
    };
    let room = if width < accounts::WIDE {
        width / 3
    } else {
        width / 2
    };
    let room = plan
        .panes
        .last()
        .map_or(room, |(_, pane)| room.min(pane.width.saturating_sub(2) / 2));
    let mut label = format!(" {label} ");
    if display_width(&label) > usize::from(room)
        && let Some(short) = accounts::label(state, 0)
    {
        label = format!(" {short} ");
    }
    let text = fit_width(&label, usize::from(room));
    let text_width = u16::try_from(display_width(&text)).unwrap_or(room);
    let y = plan.banner.map_or(0, |banner| banner.bottom());
    let Some(x) = width.checked_sub(text_width + 2) else {
        return;
    };
    let area = Rect::new(x, y, text_width, 1).intersection(frame.area());
    frame.render_widget(Line::styled(text, theme.base.title), area);
}

fn draw_too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = format!("Terminal too small: kring needs at least {MIN_WIDTH}×{MIN_HEIGHT}");
    let paragraph = Paragraph::new(Line::styled(text, theme.status.warning))
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    frame.render_widget(paragraph, area);
}
