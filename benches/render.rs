//! The cost of one frame of the whole screen at 160×48 into a `TestBackend` (layout, widgets and
//! ratatui's buffer diff), as the state grows: the timeline with 100, 10k and 100k threads; the
//! thread view of a 30-message thread while the catalog holds 100, 10k and 100k messages; and
//! one thread of 100, 10k and 100k messages. The budget: ≤ 1 ms per frame, flat in n.
//!
//! States are built exactly as the run loop builds them: `update` fed with API pages.

// The tests' UI state builders; this bench uses some of them (a failed setup fails the bench).
#[allow(dead_code, clippy::expect_used)]
#[path = "../tests/it/harness/tui.rs"]
mod tui_support;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kring::api::dto;
use kring::app::core::effect::Effect;
use kring::app::core::global;
use kring::app::core::msg::{ApiMsg, Msg};
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::app::shell::view_state::ViewState;
use kring::config::theme::Theme;
use kring::domain::ThreadId;
use kring::domain::convert::page_from_envelope;
use kring::input::action::Action;
use kring::panes::PaneId;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_support::{
    ENGINEERING, GRACE, LINUS, ME, answer_startup, blank_state, draw, feed_envelope,
};

const WIDTH: u16 = 160;
const HEIGHT: u16 = 48;
const SIZES: [u64; 3] = [100, 10_000, 100_000];
/// Where the messages of the open thread start, above every timeline id.
const THREAD_BASE: u64 = 1_000_000;

fn body(id: u64) -> String {
    format!(
        "Message {id}: the build cache moved to the new cluster and a clean build takes four \
         minutes now. Thanks @grace for the operator work! #platform https://kring.test/notes/{id}"
    )
}

fn message(id: u64, thread: u64, replied_to: Option<u64>) -> dto::Message {
    let sender = [ME, GRACE, LINUS][usize::try_from(id % 3).unwrap_or(0)];
    let age = i64::try_from(THREAD_BASE * 2 - id).unwrap_or(0) / 10;
    tui_support::message(
        id,
        thread,
        sender,
        replied_to,
        Some(ENGINEERING),
        age,
        &body(id),
    )
}

/// A started state whose My feed holds `threads` one-message threads (newest first).
fn timeline_state(threads: u64) -> State {
    let mut state = blank_state(WIDTH, HEIGHT);
    let effects = global::start(&mut state);
    let mut envelope = feed_envelope();
    envelope.messages = (1..=threads)
        .rev()
        .map(|id| message(id, id, None))
        .collect();
    envelope.threaded_extended.clear();
    for effect in &effects {
        if let Effect::FetchFeed { req, feed, page } = effect {
            let result = Ok(page_from_envelope(&envelope));
            let msg = ApiMsg::Feed {
                req: *req,
                feed: *feed,
                page: *page,
                result,
            };
            update(&mut state, Msg::Api(msg));
        }
    }
    answer_startup(&mut state, &effects);
    state
}

/// Opens thread `starter` in `state` and answers with `replies` replies; each reply answers an
/// earlier message of the thread, so the tree branches and deepens as it grows.
fn open_thread(state: &mut State, starter: u64, replies: u64) {
    let effects = kring::app::core::route::open_thread(state, ThreadId(starter));
    let mut envelope = feed_envelope();
    envelope.threaded_extended.clear();
    let reply_id = |n: u64| THREAD_BASE + n;
    envelope.messages = std::iter::once(message(starter, starter, None))
        .chain((1..=replies).map(|n| {
            let parent = if n == 1 { starter } else { reply_id(n / 2) };
            message(reply_id(n), starter, Some(parent))
        }))
        .rev()
        .collect();
    for effect in &effects {
        if let Effect::FetchThread { req, thread } = effect {
            let msg = ApiMsg::Thread {
                req: *req,
                thread: *thread,
                result: Ok(page_from_envelope(&envelope)),
            };
            update(state, Msg::Api(msg));
        }
    }
    state.focus = PaneId::Thread;
}

/// The screen as text, one string.
fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|cell| cell.symbol())
        .collect()
}

/// Draws frames of `state`, as the run loop does after every change. `shows` must be on the
/// first frame, so that a state that failed to build cannot pass as a cheap empty screen.
fn bench_frames(c: &mut Criterion, name: &str, states: Vec<(u64, State, String)>) {
    let theme = Theme::builtin_default();
    let mut group = c.benchmark_group(name);
    for (n, state, shows) in states {
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
        let mut view = ViewState::default();
        terminal
            .draw(|frame| draw(frame, &state, &mut view, &theme))
            .expect("draw");
        let text = screen_text(&terminal);
        assert!(
            text.contains(&shows),
            "{name}/{n}: {shows:?} is not on screen"
        );
        group.bench_with_input(BenchmarkId::from_parameter(n), &state, |b, state| {
            b.iter(|| {
                terminal
                    .draw(|frame| draw(frame, state, &mut view, &theme))
                    .map(|_| ())
                    .expect("draw");
            });
        });
    }
    group.finish();
}

fn timeline(c: &mut Criterion) {
    let states = SIZES
        .iter()
        .map(|&n| {
            let mut state = timeline_state(n);
            // The middle of the feed: cards above and below the visible ones.
            for _ in 0..3 {
                update(&mut state, Msg::Action(Action::HalfPageDown));
            }
            let selected = state.timeline.selected_thread().map_or(0, |t| t.0);
            (n, state, format!("Message {selected}:"))
        })
        .collect();
    bench_frames(c, "frame_timeline", states);
}

fn thread_in_big_catalog(c: &mut Criterion) {
    let states = SIZES
        .iter()
        .map(|&n| {
            let mut state = timeline_state(n);
            open_thread(&mut state, n / 2, 29);
            (n, state, format!("Message {}:", n / 2))
        })
        .collect();
    bench_frames(c, "frame_thread_30_in_catalog", states);
}

fn one_big_thread(c: &mut Criterion) {
    let states = SIZES
        .iter()
        .map(|&n| {
            let mut state = timeline_state(100);
            open_thread(&mut state, 50, n - 1);
            update(&mut state, Msg::Action(Action::MoveDown));
            (n, state, format!("Message {}:", THREAD_BASE + 1))
        })
        .collect();
    bench_frames(c, "frame_thread_of", states);
}

criterion_group!(benches, timeline, thread_in_big_catalog, one_big_thread);
criterion_main!(benches);
