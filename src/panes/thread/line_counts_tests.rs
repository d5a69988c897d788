//! Tests of the thread view's kept placement: it follows new replies, folds and widths, and a
//! frame drawn with what was kept shows exactly what a frame measured from scratch shows.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::line_counts::LineCounts;
use super::view::draw;
use crate::app::core::state::State;
use crate::config::theme::Theme;
use crate::domain::test_support::message;
use crate::domain::{GroupId, Message, MessageId, SafeText, ThreadId};
use crate::panes::message_view::{MessageMarks, MessageViewCtx};

/// The view's kept data between frames, as the view state holds it.
#[derive(Default)]
struct Kept {
    offset: usize,
    counts: LineCounts,
}

fn state(messages: impl IntoIterator<Item = Message>) -> State {
    let mut state = State::for_tests();
    for m in messages {
        state.catalog.insert_message(m);
    }
    state.thread.open(ThreadId(1), &state.catalog);
    state
}

/// A chain 1 ← 2 ← 3 … ← `n`, each answering the one before.
fn chain(n: u64) -> Vec<Message> {
    (1..=n)
        .map(|id| message(id, 1, (id > 1).then(|| id - 1)))
        .collect()
}

fn long(mut m: Message, words: usize) -> Message {
    let text = vec!["word"; words].join(" ");
    m.body = SafeText::new(&format!("message {} {text}", m.id.0));
    m
}

/// No thread unread or muted, no post in the outbox.
struct NoMarks;

impl MessageMarks for NoMarks {
    fn is_unread(&self, _: ThreadId) -> bool {
        false
    }

    fn is_muted(&self, _: ThreadId, _: Option<GroupId>) -> bool {
        false
    }

    fn pending(&self, _: MessageId) -> Option<Span<'static>> {
        None
    }

    fn unknown_author(&self, message: &Message) -> String {
        format!("user {}", message.sender)
    }
}

/// Draws the pane at `width` × `height` with `kept`, returning the screen's lines.
fn frame(state: &State, kept: &mut Kept, width: u16, height: u16) -> Vec<String> {
    let theme = Theme::builtin_default();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|f| {
            let area = Rect::new(0, 0, width, height);
            let ctx = MessageViewCtx {
                catalog: &state.catalog,
                now: state.session.now,
                offline: false,
                focused: true,
                marks: &NoMarks,
            };
            draw(
                f,
                area,
                (&state.thread, &ctx),
                &mut kept.offset,
                &mut kept.counts,
                &theme,
            );
        })
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

/// Draws with `kept` and checks the screen and offset match a frame measured from scratch
/// at the same offset.
fn frame_as_fresh(state: &State, kept: &mut Kept, width: u16, height: u16) -> Vec<String> {
    let mut fresh = Kept {
        offset: kept.offset,
        counts: LineCounts::default(),
    };
    let screen = frame(state, kept, width, height);
    assert_eq!(screen, frame(state, &mut fresh, width, height));
    assert_eq!(kept.offset, fresh.offset);
    screen
}

fn shows(screen: &[String], text: &str) -> bool {
    screen.iter().any(|line| line.contains(text))
}

/// The pane's text width at a pane `width` (border and margin off both sides).
fn text_width(width: u16) -> usize {
    usize::from(width - 4)
}

fn total_lines(state: &State, kept: &mut Kept, width: u16) -> usize {
    let theme = Theme::builtin_default();
    kept.counts
        .placement(
            state.thread.shared_rows(),
            &state.catalog,
            text_width(width),
            &theme,
        )
        .total()
}

#[test]
fn a_reply_arriving_while_open_is_placed_and_shown() {
    let mut state = state(chain(2));
    let mut kept = Kept::default();
    let before = frame_as_fresh(&state, &mut kept, 60, 20);
    assert!(shows(&before, "message 2") && !shows(&before, "message 3"));
    let lines_before = total_lines(&state, &mut kept, 60);

    state.catalog.insert_message(message(3, 1, Some(2)));
    state.thread.rebuild(&state.catalog);
    let after = frame_as_fresh(&state, &mut kept, 60, 20);
    assert!(shows(&after, "message 3"));
    let theme = Theme::builtin_default();
    let placement = kept.counts.placement(
        state.thread.shared_rows(),
        &state.catalog,
        text_width(60),
        &theme,
    );
    assert_eq!(placement.row_of(MessageId(3)), Some(2));
    assert_eq!(placement.span(2).start, lines_before);
    assert_eq!(placement.total(), lines_before + placement.span(2).len());
}

#[test]
fn folding_and_unfolding_change_what_is_placed() {
    let mut state = state(chain(3));
    let mut kept = Kept::default();
    let open = frame_as_fresh(&state, &mut kept, 60, 20);
    assert!(shows(&open, "message 3"));
    let open_lines = total_lines(&state, &mut kept, 60);

    state.thread.toggle_fold(MessageId(1));
    let folded = frame_as_fresh(&state, &mut kept, 60, 20);
    assert!(shows(&folded, "[+2 replies folded]"));
    assert!(!shows(&folded, "message 2"));
    let folded_lines = total_lines(&state, &mut kept, 60);
    assert!(folded_lines < open_lines);

    state.thread.toggle_fold(MessageId(1));
    let reopened = frame_as_fresh(&state, &mut kept, 60, 20);
    assert_eq!(reopened, open);
    assert_eq!(total_lines(&state, &mut kept, 60), open_lines);
}

#[test]
fn a_narrower_pane_is_measured_again() {
    let messages = chain(3)
        .into_iter()
        .map(|m| long(m, 30))
        .collect::<Vec<_>>();
    let state = state(messages);
    let mut kept = Kept::default();
    frame_as_fresh(&state, &mut kept, 80, 40);
    let wide_lines = total_lines(&state, &mut kept, 80);

    let narrow = frame_as_fresh(&state, &mut kept, 30, 40);
    assert!(shows(&narrow, "message 1"));
    assert!(total_lines(&state, &mut kept, 30) > wide_lines);

    frame_as_fresh(&state, &mut kept, 80, 40);
    assert_eq!(total_lines(&state, &mut kept, 80), wide_lines);
}

#[test]
fn the_window_follows_a_selection_deep_in_a_long_thread() {
    let mut state = state(chain(200));
    let mut kept = Kept::default();
    frame_as_fresh(&state, &mut kept, 60, 20);
    state.thread.select(MessageId(150));
    let screen = frame_as_fresh(&state, &mut kept, 60, 20);
    assert!(shows(&screen, "message 150"));
    assert!(!shows(&screen, "message 1 "));

    let theme = Theme::builtin_default();
    let placement = kept.counts.placement(
        state.thread.shared_rows(),
        &state.catalog,
        text_width(60),
        &theme,
    );
    let selected = placement.span(149);
    // The selected message ends at the bottom of the window (its guide line just below).
    assert_eq!(kept.offset + 18, selected.end - 1);
    let first = placement.first_row_reaching(kept.offset);
    assert!(placement.span(first).contains(&kept.offset));
    assert!(first < 149);
}

#[test]
fn a_row_whose_message_is_gone_takes_no_lines() {
    let mut state = state(chain(3));
    state.catalog.remove_message(MessageId(2));
    let mut kept = Kept::default();
    let screen = frame(&state, &mut kept, 60, 20);
    assert!(shows(&screen, "message 1") && shows(&screen, "message 3"));
    assert!(!shows(&screen, "message 2"));

    let theme = Theme::builtin_default();
    let placement = kept.counts.placement(
        state.thread.shared_rows(),
        &state.catalog,
        text_width(60),
        &theme,
    );
    assert_eq!(placement.row_of(MessageId(2)), None);
    assert!(placement.span(1).is_empty());
    assert_eq!(placement.span(2).start, placement.span(0).end);
    assert_eq!(placement.first_row_reaching(placement.span(0).end), 2);
    assert_eq!(placement.first_row_reaching(placement.total()), 3);
}
