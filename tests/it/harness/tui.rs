//! Shared builders for the TUI tests: a small network as API DTOs, a state driven through
//! `update` exactly as the run loop drives it, and key helpers. A fixed clock keeps relative
//! times stable.

use chrono::{DateTime, Duration, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kring::api::dto::{self, MessagesEnvelope, Reference};
use kring::app::core::effect::{Effect, FeedPage};
use kring::app::core::global;
use kring::app::core::msg::{ApiMsg, Msg};
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::domain::convert::{community, page_from_envelope, person};
use kring::domain::{Feed, ThreadId};
use kring::input::action::Action;
use kring::input::keys::{KeyInput, Keymap};
use kring::panes::load::Load;

/// The signed-in user in every fixture.
pub const ME: u64 = 1;
pub const GRACE: u64 = 2;
pub const LINUS: u64 = 3;
pub const ENGINEERING: u64 = 10;
pub const DESIGN: u64 = 11;

/// The fixed "now" of every test.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 12, 12, 0, 0)
        .single()
        .expect("valid date")
}

fn minutes_ago(minutes: i64) -> dto::YammerTime {
    dto::YammerTime((now() - Duration::minutes(minutes)).fixed_offset())
}

pub fn user(id: u64, username: &str, full_name: &str, job_title: &str) -> dto::User {
    dto::User {
        id,
        name: username.into(),
        full_name: full_name.into(),
        job_title: job_title.into(),
        web_url: format!("https://kring.test/users/{id}"),
        ..dto::User::default()
    }
}

pub fn group(id: u64, name: &str) -> dto::Group {
    dto::Group {
        id,
        full_name: name.into(),
        name: name.to_lowercase(),
        privacy: "public".into(),
        ..dto::Group::default()
    }
}

/// A message `id` in `thread` from `sender`, `age` minutes old.
pub fn message(
    id: u64,
    thread: u64,
    sender: u64,
    replied_to: Option<u64>,
    group: Option<u64>,
    age: i64,
    body: &str,
) -> dto::Message {
    dto::Message {
        id,
        thread_id: Some(thread),
        sender_id: Some(sender),
        replied_to_id: replied_to,
        group_id: group,
        created_at: minutes_ago(age),
        body: dto::Body {
            plain: body.into(),
            parsed: body.into(),
            rich: body.into(),
        },
        web_url: format!("https://kring.test/threads/{thread}?message={id}"),
        ..dto::Message::default()
    }
}

pub fn people() -> Vec<dto::User> {
    vec![
        user(ME, "ada", "Ada Lovelace", "Analyst"),
        user(GRACE, "grace", "Grace Hopper", "Rear Admiral"),
        user(LINUS, "linus", "Linus Torvalds", "Maintainer"),
    ]
}

pub fn groups() -> Vec<dto::Group> {
    vec![
        group(ENGINEERING, "Engineering Platform"),
        group(DESIGN, "Design"),
    ]
}

/// The release thread: 20 ─┬─ 21 ── 23
///                            └─ 31
pub const RELEASE: u64 = 20;
/// A design thread with wide characters.
pub const WIDE_TEXT: u64 = 10;
/// An All Company thread started by the signed-in user.
pub const LUNCH: u64 = 30;

/// Every message of the fixture network; ids grow with time as on real servers.
pub fn all_messages() -> Vec<dto::Message> {
    let eng = Some(ENGINEERING);
    vec![
        message(
            10,
            10,
            LINUS,
            None,
            Some(DESIGN),
            300,
            "Does wrapping work for 日本語のテキスト and emoji 👍🏽 in the preview?",
        ),
        message(
            20,
            20,
            GRACE,
            None,
            eng,
            180,
            "Release 2.4 is out. Notes at https://kring.test/notes #release — please try the new thread view and tell us what breaks.",
        ),
        message(
            21,
            20,
            ME,
            Some(20),
            eng,
            120,
            "Installed it, the tree view is lovely.",
        ),
        message(
            23,
            20,
            LINUS,
            Some(21),
            eng,
            60,
            "Agreed. @ada did you try folding?",
        ),
        message(30, 30, ME, None, None, 30, "Lunch at noon, anyone? @grace"),
        message(31, 20, GRACE, Some(20), eng, 5, "Thanks all!"),
    ]
}

/// The server's summary of a fixture thread.
pub fn thread_reference(id: u64) -> dto::Thread {
    let messages: Vec<dto::Message> = all_messages()
        .into_iter()
        .filter(|m| m.thread_id == Some(id))
        .collect();
    let latest = messages.iter().map(|m| m.id).max();
    dto::Thread {
        id,
        thread_starter_id: Some(id),
        group_id: messages.first().and_then(|m| m.group_id),
        stats: dto::ThreadStats {
            updates: u64::try_from(messages.len()).unwrap_or(0),
            latest_reply_id: latest.filter(|l| *l != id),
            ..dto::ThreadStats::default()
        },
        ..dto::Thread::default()
    }
}

fn references() -> Vec<Reference> {
    let mut refs: Vec<Reference> = people().into_iter().map(Reference::User).collect();
    refs.extend(groups().into_iter().map(Reference::Group));
    refs.extend([WIDE_TEXT, RELEASE, LUNCH].map(|t| Reference::Thread(thread_reference(t))));
    refs
}

fn with_meta(messages: Vec<dto::Message>) -> MessagesEnvelope {
    let mut envelope = MessagesEnvelope {
        messages,
        references: references(),
        ..MessagesEnvelope::default()
    };
    envelope.meta.current_user_id = Some(ME);
    envelope.meta.requested_poll_interval = Some(60);
    envelope.meta.older_available = false;
    envelope
}

/// My feed as `threaded=extended` returns it: starters by activity, latest replies aside.
pub fn feed_envelope() -> MessagesEnvelope {
    let all = all_messages();
    let starter = |id: u64| {
        all.iter()
            .find(|m| m.id == id)
            .cloned()
            .expect("fixture message")
    };
    let mut envelope = with_meta(vec![starter(RELEASE), starter(LUNCH), starter(WIDE_TEXT)]);
    let replies: Vec<dto::Message> = all
        .iter()
        .filter(|m| m.thread_id == Some(RELEASE) && m.id != RELEASE)
        .cloned()
        .collect();
    envelope.threaded_extended.insert(
        RELEASE.to_string(),
        replies.into_iter().rev().take(2).collect(),
    );
    envelope
}

/// `in_thread/<thread>` for a fixture thread.
pub fn thread_envelope(thread: u64) -> MessagesEnvelope {
    let mut messages: Vec<dto::Message> = all_messages()
        .into_iter()
        .filter(|m| m.thread_id == Some(thread))
        .collect();
    messages.reverse();
    with_meta(messages)
}

/// The default keymap.
pub fn keymap() -> Keymap {
    Keymap::load(None).expect("the embedded keymap loads")
}

/// A state of `width` × `height` at the fixed clock, before anything loaded.
pub fn blank_state(width: u16, height: u16) -> State {
    let mut state = State::new(KeyInput::new(keymap()), now(), None);
    update(&mut state, Msg::Resize { width, height });
    state
}

/// A started state with the communities and My feed loaded, as after the first answers.
pub fn loaded_state(width: u16, height: u16) -> State {
    let mut state = blank_state(width, height);
    let effects = global::start(&mut state);
    answer_startup(&mut state, &effects);
    state
}

/// Answers the start-up effects with the fixture network.
pub fn answer_startup(state: &mut State, effects: &[Effect]) {
    for effect in effects {
        match effect {
            Effect::FetchCurrentUser => {
                update(
                    state,
                    Msg::Api(ApiMsg::CurrentUser(Ok(person(&people()[0])))),
                );
            }
            Effect::FetchCommunities => {
                let list = groups().iter().map(community).collect();
                update(state, Msg::Api(ApiMsg::Communities(Ok(list))));
            }
            Effect::FetchFeed {
                req,
                feed,
                page: FeedPage::Latest,
            } => {
                let page = page_from_envelope(&feed_envelope());
                let more = update(
                    state,
                    Msg::Api(ApiMsg::Feed {
                        req: *req,
                        feed: *feed,
                        page: FeedPage::Latest,
                        result: Ok(page),
                    }),
                );
                answer_older_with_nothing(state, &more);
            }
            _ => {}
        }
    }
}

/// Answers older-page fetches among `effects` with an empty page: the feed has no more.
pub fn answer_older_with_nothing(state: &mut State, effects: &[Effect]) {
    for effect in effects {
        if let Effect::FetchFeed {
            req,
            feed,
            page: page @ FeedPage::Older(_),
        } = effect
        {
            let empty = page_from_envelope(&with_meta(Vec::new()));
            update(
                state,
                Msg::Api(ApiMsg::Feed {
                    req: *req,
                    feed: *feed,
                    page: *page,
                    result: Ok(empty),
                }),
            );
        }
    }
}

/// Answers a thread fetch among `effects` with the fixture thread.
pub fn answer_thread(state: &mut State, effects: &[Effect]) {
    for effect in effects {
        if let Effect::FetchThread { req, thread } = effect {
            let page = page_from_envelope(&thread_envelope(thread.0));
            update(
                state,
                Msg::Api(ApiMsg::Thread {
                    req: *req,
                    thread: *thread,
                    result: Ok(page),
                }),
            );
        }
    }
}

/// A loaded state with the release thread open in the thread pane.
pub fn thread_state(width: u16, height: u16) -> State {
    let mut state = loaded_state(width, height);
    let effects = kring::app::core::route::open_thread(&mut state, ThreadId(RELEASE));
    state.focus = kring::panes::PaneId::Thread;
    answer_thread(&mut state, &effects);
    state
}

/// A key press message.
pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// A ctrl-chord key press message.
pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Types `text` key by key, returning every effect.
pub fn type_text(state: &mut State, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        let modifiers = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        effects.extend(update(state, Msg::Key(KeyEvent::new(code, modifiers))));
    }
    effects
}

/// Runs one action through `update`.
pub fn act(state: &mut State, action: Action) -> Vec<Effect> {
    update(state, Msg::Action(action))
}

pub fn selected_thread(state: &State) -> Option<u64> {
    state.timeline.selected_thread().map(|t| t.0)
}

pub fn timeline_order(state: &State) -> Vec<u64> {
    state
        .timeline
        .active()
        .map(|t| t.threads().iter().map(|t| t.0).collect())
        .unwrap_or_default()
}

pub fn feed_request(state: &State, feed: Feed) -> kring::panes::request::RequestId {
    match state.timeline.feed(feed).map(|t| &t.load) {
        Some(Load::Loading(req)) => *req,
        other => panic!("no request in flight for {feed:?}: {other:?}"),
    }
}

/// Draws one frame as the run loop does: the people pane's index held for the frame.
pub fn draw(
    frame: &mut ratatui::Frame,
    state: &State,
    view: &mut kring::app::shell::view_state::ViewState,
    theme: &kring::config::theme::Theme,
) {
    let index = state.people.index.lock();
    kring::app::shell::ui::draw_with(frame, state, &index, view, theme);
}
