//! Render tests: the whole screen drawn into a `TestBackend` at fixed sizes with a fixed clock,
//! compared with reviewed `insta` snapshots; styled assertions where colour carries meaning; and
//! every size from 0×0 up drawn without a panic.

use crate::harness::tui;

use crate::harness::tui::draw;
use crossterm::event::KeyCode;
use kring::app::core::msg::Msg;
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::app::shell::view_state::ViewState;
use kring::config::theme::Theme;
use kring::input::action::Action;
use kring::panes::PaneId;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use tui::*;

fn render(state: &State, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let theme = Theme::builtin_default();
    let mut view = ViewState::default();
    terminal
        .draw(|frame| draw(frame, state, &mut view, &theme))
        .expect("draw");
    terminal
}

fn screen(state: &State, width: u16, height: u16) -> String {
    render(state, width, height).backend().to_string()
}

fn buffer(state: &State, width: u16, height: u16) -> Buffer {
    render(state, width, height).backend().buffer().clone()
}

fn act_on(state: &mut State, action: Action) {
    update(state, Msg::Action(action));
}

// ── snapshots ───────────────────────────────────────────────────────────────────────────────

#[test]
fn timeline_at_80x24() {
    let state = loaded_state(80, 24);
    insta::assert_snapshot!(screen(&state, 80, 24));
}

#[test]
fn thread_at_80x24() {
    let mut state = thread_state(80, 24);
    act_on(&mut state, Action::MoveDown);
    insta::assert_snapshot!(screen(&state, 80, 24));
}

#[test]
fn three_panes_at_160x48() {
    let mut state = thread_state(160, 48);
    act_on(&mut state, Action::MoveDown);
    insta::assert_snapshot!(screen(&state, 160, 48));
}

#[test]
fn people_replace_the_timeline_and_thread_at_160x48() {
    let mut state = loaded_state(160, 48);
    act_on(&mut state, Action::PanePeople);
    insta::assert_snapshot!(screen(&state, 160, 48));
}

#[test]
fn communities_at_40x10() {
    let mut state = loaded_state(40, 10);
    act_on(&mut state, Action::PaneCommunities);
    insta::assert_snapshot!(screen(&state, 40, 10));
}

#[test]
fn thread_at_40x10() {
    let state = thread_state(40, 10);
    insta::assert_snapshot!(screen(&state, 40, 10));
}

#[test]
fn folded_thread_at_80x24() {
    let mut state = thread_state(80, 24);
    act_on(&mut state, Action::MoveDown);
    act_on(&mut state, Action::ToggleFold);
    insta::assert_snapshot!(screen(&state, 80, 24));
}

#[test]
fn compose_reply_at_80x24() {
    let mut state = thread_state(80, 24);
    act_on(&mut state, Action::Reply);
    type_text(&mut state, "Looks good to me, thanks @gr");
    insta::assert_snapshot!(screen(&state, 80, 24));
}

#[test]
fn a_reply_box_at_80x24_shows_the_message_it_answers_even_where_it_covers_it() {
    let mut state = thread_state(80, 24);
    act_on(&mut state, Action::Last);
    act_on(&mut state, Action::Reply);
    let text = screen(&state, 80, 24);
    assert!(
        text.contains("│ ↳ Grace Hopper: Thanks all!"),
        "the last reply is under the box, so the box quotes it:\n{text}"
    );
}

#[test]
fn compose_discard_question_at_80x24() {
    let mut state = loaded_state(80, 24);
    act_on(&mut state, Action::Compose);
    type_text(&mut state, "A new post");
    update(&mut state, key(KeyCode::Esc));
    insta::assert_snapshot!(screen(&state, 80, 24));
}

#[test]
fn help_at_80x24() {
    let mut state = loaded_state(80, 24);
    act_on(&mut state, Action::Help);
    insta::assert_snapshot!(screen(&state, 80, 24));
}

#[test]
fn confirm_delete_at_80x24() {
    let mut state = loaded_state(80, 24);
    act_on(&mut state, Action::MoveDown);
    act_on(&mut state, Action::Delete);
    insta::assert_snapshot!(screen(&state, 80, 24));
}

#[test]
fn loading_and_banner_at_80x24() {
    let mut state = State::new(
        kring::input::keys::KeyInput::new(keymap()),
        now(),
        Some(kring::domain::SafeText::new(
            "Demo network — set KRING_SERVER/KRING_TOKEN or write config.toml to connect to a real one",
        )),
    );
    update(
        &mut state,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    kring::app::core::global::start(&mut state);
    insta::assert_snapshot!(screen(&state, 80, 24));
}

#[test]
fn an_error_line_at_80x24() {
    let mut state = loaded_state(80, 24);
    state.notice.show(kring::panes::notice::Notice::from_api(
        "Loading the timeline",
        &kring::api::ApiError::RateLimited {
            retry_after: Some(std::time::Duration::from_secs(30)),
        },
        state.session.now,
    ));
    insta::assert_snapshot!(screen(&state, 80, 24));
}

#[test]
fn which_key_hint_at_80x24() {
    let mut state = loaded_state(80, 24);
    update(&mut state, key(KeyCode::Char('g')));
    insta::assert_snapshot!(screen(&state, 80, 24));
}

#[test]
fn too_small() {
    let state = loaded_state(20, 6);
    insta::assert_snapshot!(screen(&state, 20, 6));
}

// ── styles and behaviour seen on screen ─────────────────────────────────────────────────────

fn find(buffer: &Buffer, text: &str) -> Option<(u16, u16)> {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        let row: String = (area.left()..area.right())
            .map(|x| buffer[(x, y)].symbol().to_owned())
            .collect();
        if let Some(byte) = row.find(text) {
            let x = u16::try_from(row[..byte].chars().count()).unwrap_or(0);
            return Some((x, y));
        }
    }
    None
}

#[test]
fn the_selected_card_uses_the_selection_style_and_authors_their_own() {
    let state = loaded_state(80, 24);
    let theme = Theme::builtin_default();
    let buffer = buffer(&state, 80, 24);
    let (x, y) = find(&buffer, "Grace Hopper").expect("the first card's author");
    let cell = &buffer[(x, y)];
    let selection = theme.base.selection;
    if let Some(bg) = selection.bg {
        assert_eq!(cell.bg, bg, "selected card background");
    }
    let (x, y) = find(&buffer, "Ada Lovelace").expect("the second card's author");
    let cell = &buffer[(x, y)];
    assert_eq!(Some(cell.fg), theme.timeline.author.fg.or(Some(cell.fg)));
    assert!(cell.modifier.contains(theme.timeline.author.add_modifier));
}

#[test]
fn tree_guides_and_the_focused_border_use_their_styles() {
    let state = thread_state(80, 24);
    let theme = Theme::builtin_default();
    let buffer = buffer(&state, 80, 24);
    let (x, y) = find(&buffer, "├─").expect("a branch guide");
    if let Some(fg) = theme.thread.tree_guide.fg {
        assert_eq!(buffer[(x, y)].fg, fg);
    }
    if let Some(fg) = theme.base.border_focused.fg {
        assert_eq!(buffer[(0, 0)].fg, fg, "the focused pane's corner");
    }
}

#[test]
fn wide_characters_are_laid_out_by_display_width() {
    let mut state = loaded_state(80, 24);
    act_on(&mut state, Action::Last);
    let buffer = buffer(&state, 80, 24);
    let (x, y) = find(&buffer, "日").expect("the CJK preview");
    // A wide character takes two cells: the next character starts two columns on.
    assert_eq!(buffer[(x + 2, y)].symbol(), "本");
    assert_eq!(
        buffer[(79, y)].symbol(),
        "│",
        "the right border stays in place"
    );
}

#[test]
fn a_hundred_thousand_threads_draw_only_what_is_visible() {
    let mut state = blank_state(80, 24);
    let effects = kring::app::core::global::start(&mut state);
    let count: u64 = std::env::var("KRING_TEST_BIG_FEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let mut envelope = feed_envelope();
    envelope.messages = (1..=count)
        .map(|id| message(id, id, GRACE, None, Some(ENGINEERING), 1, "thread"))
        .collect();
    envelope.threaded_extended.clear();
    for effect in &effects {
        if let kring::app::core::effect::Effect::FetchFeed { req, feed, page } = effect {
            let page_data = kring::domain::convert::page_from_envelope(&envelope);
            update(
                &mut state,
                Msg::Api(kring::app::core::msg::ApiMsg::Feed {
                    req: *req,
                    feed: *feed,
                    page: *page,
                    result: Ok(page_data),
                }),
            );
        }
    }
    act_on(&mut state, Action::Last);
    let screen = screen(&state, 80, 24);
    assert!(screen.contains("Grace Hopper"), "{screen}");
    assert_eq!(
        state.timeline.active().map(|t| t.threads().len()),
        usize::try_from(count).ok()
    );
}

#[test]
fn every_size_renders_without_panicking() {
    let mut composing = thread_state(80, 24);
    act_on(&mut composing, Action::Reply);
    type_text(&mut composing, "some text");
    let widths = [0, 1, 5, 29, 30, 40, 80, 89, 90, 119, 120, 170];
    let heights = [0, 1, 7, 8, 10, 24, 48];
    for base in [thread_state(80, 24), composing] {
        for pane in PaneId::ALL {
            let mut state = base.clone();
            state.focus = pane;
            for width in widths {
                for height in heights {
                    update(&mut state, Msg::Resize { width, height });
                    render(&state, width, height);
                }
            }
        }
    }
}

#[test]
fn cards_in_a_community_feed_do_not_repeat_its_name() {
    let mut state = loaded_state(80, 24);
    let feed = kring::domain::Feed::Community(kring::domain::GroupId(ENGINEERING));
    let effects = kring::app::core::route::open_feed(&mut state, feed);
    for effect in effects {
        if let kring::app::core::effect::Effect::FetchFeed { req, feed, page } = effect {
            let page_data = kring::domain::convert::page_from_envelope(&feed_envelope());
            update(
                &mut state,
                Msg::Api(kring::app::core::msg::ApiMsg::Feed {
                    req,
                    feed,
                    page,
                    result: Ok(page_data),
                }),
            );
        }
    }
    let screen = screen(&state, 80, 24);
    assert!(screen.contains("Linus Torvalds · Design"), "{screen}");
    assert!(
        !screen.contains("Grace Hopper · Engineering Platform"),
        "{screen}"
    );
    assert!(screen.contains("Timeline Engineering Platform"), "{screen}");
}
