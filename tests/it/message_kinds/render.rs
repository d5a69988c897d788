//! How typed messages, the external mark, the compose note and the server's counts look, at 80
//! and 160 columns, with and without colour.

use kring::api::dto::{self, MessagesEnvelope, Reference};
use kring::app::core::effect::{Effect, FeedPage};
use kring::app::core::global;
use kring::app::core::msg::{ApiMsg, Msg};
use kring::app::core::state::State;
use kring::app::core::unread::UnseenCounts;
use kring::app::core::update::update;
use kring::app::shell::view_state::ViewState;
use kring::config::theme::{ColorSupport, Theme};
use kring::domain::Feed;
use kring::domain::convert::{community, page_from_envelope, person};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

use crate::harness::tui::*;

// ── how it looks ────────────────────────────────────────────────────────────────────────────

const VOICE: u64 = 12;
// Ids grow with time, as on real servers.
const PRAISE: u64 = 40;
const QUESTION: u64 = 41;
const ANNOUNCEMENT: u64 = 42;

fn typed(mut m: dto::Message, kind: &str, title: &str) -> dto::Message {
    m.message_type = kind.into();
    m.title = title.into();
    m
}

fn typed_groups() -> Vec<dto::Group> {
    let mut voice = group(VOICE, "Customer Voice");
    voice.external = true;
    let mut all = groups();
    all.push(voice);
    all
}

/// My feed with an announcement in the external community, a question and a praise.
fn typed_envelope() -> MessagesEnvelope {
    let mut praise = typed(
        message(
            PRAISE,
            PRAISE,
            GRACE,
            None,
            None,
            50,
            "Praise for @linus: the release notes were perfect.",
        ),
        "praise",
        "",
    );
    praise.notified_user_ids = vec![LINUS];
    let messages = vec![
        typed(
            message(
                ANNOUNCEMENT,
                ANNOUNCEMENT,
                GRACE,
                None,
                Some(VOICE),
                10,
                "Faster exports and the audit log many of you asked for. Tell us what works.",
            ),
            "announcement",
            "Release 4.2 is rolling out this week",
        ),
        typed(
            message(
                QUESTION,
                QUESTION,
                LINUS,
                None,
                Some(ENGINEERING),
                20,
                "Is the export API rate limit per user or per organisation?",
            ),
            "question",
            "",
        ),
        praise,
    ];
    let mut references: Vec<Reference> = people().into_iter().map(Reference::User).collect();
    references.extend(typed_groups().into_iter().map(Reference::Group));
    let mut envelope = MessagesEnvelope {
        messages,
        references,
        ..MessagesEnvelope::default()
    };
    envelope.meta.current_user_id = Some(ME);
    envelope
}

/// A started state whose My feed holds the typed messages, Customer Voice among its
/// communities.
fn typed_state(width: u16, height: u16) -> State {
    let mut state = blank_state(width, height);
    for effect in global::start(&mut state) {
        let more = match effect {
            Effect::FetchCurrentUser => update(
                &mut state,
                Msg::Api(ApiMsg::CurrentUser(Ok(person(&people()[0])))),
            ),
            Effect::FetchCommunities => {
                let list = typed_groups().iter().map(community).collect();
                update(&mut state, Msg::Api(ApiMsg::Communities(Ok(list))))
            }
            Effect::FetchFeed {
                req,
                feed,
                page: FeedPage::Latest,
            } => update(
                &mut state,
                Msg::Api(ApiMsg::Feed {
                    req,
                    feed,
                    page: FeedPage::Latest,
                    result: Ok(page_from_envelope(&typed_envelope())),
                }),
            ),
            _ => Vec::new(),
        };
        answer_older_with_nothing(&mut state, &more);
    }
    state
}

/// `typed_state` with the announcement open in the thread pane.
fn typed_thread_state(width: u16, height: u16) -> State {
    let mut state = typed_state(width, height);
    let effects =
        kring::app::core::route::open_thread(&mut state, kring::domain::ThreadId(ANNOUNCEMENT));
    for effect in effects {
        if let Effect::FetchThread { req, thread } = effect {
            let mut envelope = typed_envelope();
            envelope.messages.retain(|m| m.id == ANNOUNCEMENT);
            let page = page_from_envelope(&envelope);
            update(
                &mut state,
                Msg::Api(ApiMsg::Thread {
                    req,
                    thread,
                    result: Ok(page),
                }),
            );
        }
    }
    state
}

fn render(state: &State, width: u16, height: u16, theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut view = ViewState::default();
    terminal
        .draw(|frame| crate::harness::tui::draw(frame, state, &mut view, theme))
        .unwrap();
    terminal
}

fn screen(state: &State, width: u16, height: u16) -> String {
    render(state, width, height, &Theme::builtin_default())
        .backend()
        .to_string()
}

#[test]
fn typed_messages_at_80x24() {
    let state = typed_state(80, 24);
    insta::assert_snapshot!(screen(&state, 80, 24));
}

#[test]
fn typed_messages_and_the_external_mark_at_160x48() {
    let state = typed_thread_state(160, 48);
    insta::assert_snapshot!(screen(&state, 160, 48));
}

#[test]
fn the_external_community_is_marked_at_80x24() {
    let mut state = typed_state(80, 24);
    act(&mut state, kring::input::action::Action::PaneCommunities);
    insta::assert_snapshot!(screen(&state, 80, 24));
}

#[test]
fn composing_in_an_external_community_says_who_reads_it_at_80x24() {
    let mut state = typed_state(80, 24);
    kring::app::core::route::compose_in(&mut state, Feed::Community(kring::domain::GroupId(VOICE)));
    let text = screen(&state, 80, 24);
    assert!(
        text.contains("visible to people outside your company"),
        "{text}"
    );
    insta::assert_snapshot!(text);
    let mut inside = typed_state(80, 24);
    kring::app::core::route::compose_in(
        &mut inside,
        Feed::Community(kring::domain::GroupId(ENGINEERING)),
    );
    assert!(!screen(&inside, 80, 24).contains("outside your company"));
}

#[test]
fn labels_and_marks_read_without_colour() {
    let state = typed_thread_state(160, 48);
    let theme = Theme::load("default", None, ColorSupport::NoColor).unwrap();
    let terminal = render(&state, 160, 48, &theme);
    let buffer = terminal.backend().buffer();
    let text = terminal.backend().to_string();
    for needle in ["[Announcement]", "[Question]", "[Praise]", "[ext]"] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
    // The label stands out by weight, not colour: find its first cell.
    let spells = |x: u16, y: u16| {
        "[Question]"
            .chars()
            .zip(x..buffer.area.width)
            .all(|(c, at)| buffer[(at, y)].symbol() == c.to_string())
    };
    let (x, y) = (0..buffer.area.height)
        .find_map(|y| {
            (0..buffer.area.width)
                .find(|x| spells(*x, y))
                .map(|x| (x, y))
        })
        .unwrap();
    let cell = &buffer[(x, y)];
    assert!(cell.modifier.contains(Modifier::BOLD), "{cell:?}");
    assert!(cell.fg == ratatui::style::Color::Reset, "{cell:?}");
}

#[test]
fn plain_updates_carry_no_label() {
    let state = loaded_state(80, 24);
    let text = screen(&state, 80, 24);
    assert!(
        !text.contains("[Update]") && !text.contains("[Other]"),
        "{text}"
    );
}

#[test]
fn unseen_counts_from_networks_current_reach_the_feed_list() {
    let mut state = typed_state(80, 24);
    update(
        &mut state,
        Msg::Api(ApiMsg::Unseen(Ok(UnseenCounts {
            messages: 40,
            inbox_threads: 3,
            private_threads: 1,
            notifications: 2,
        }))),
    );
    assert_eq!(state.unread.count(Feed::Inbox), 3);
    assert_eq!(
        state.unread.count(Feed::MyFeed),
        0,
        "My feed is loaded: its own count wins"
    );
    act(&mut state, kring::input::action::Action::PaneCommunities);
    let text = screen(&state, 80, 24);
    let inbox = text.lines().find(|l| l.contains("Inbox")).unwrap();
    assert!(
        inbox.trim_end_matches(['│', '"']).trim_end().ends_with('3'),
        "{inbox}"
    );
}
