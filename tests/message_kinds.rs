//! Message kinds, titles, mentions and delegates; the server's unseen counts; external
//! communities. Decoding from our own fixtures (odd and hostile values included), the cache's
//! round trip, `kring serve`'s rules (kinds on POST, unseen counts, the capabilities header an
//! external community needs), the client sending that header directly and through the outbox,
//! and how the labels, the external mark and the counts look at 80 and 160 columns.

#![allow(clippy::unwrap_used)] // test code

#[path = "common/live_server.rs"]
mod live_server;
mod tui_support;

use std::collections::HashSet;
use std::time::Duration;

use kring::api::dto::{self, MessagesEnvelope, Network, Reference};
use kring::api::{Client, Feed as ApiFeed, NewMessage, PageQuery};
use kring::app::cache_convert::{envelope_rows, page_from_rows};
use kring::app::effect::{Effect, FeedPage};
use kring::app::global;
use kring::app::msg::{ApiMsg, Msg};
use kring::app::state::State;
use kring::app::unread::UnseenCounts;
use kring::app::update::update;
use kring::app::view_state::ViewState;
use kring::config::theme::{ColorSupport, Theme};
use kring::delivery::{Delivery, DeliveryOptions, DrainOutcome, new_claimant};
use kring::domain::convert::{community, message as to_domain, page_from_envelope, person};
use kring::domain::{Feed, MessageKind, UserId};
use kring::store::{DraftTarget, OutboxState, Store};
use live_server::{Live, post_to_group};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use reqwest::StatusCode;
use tui_support::*;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap()
}

// ── decoding ────────────────────────────────────────────────────────────────────────────────

#[test]
fn message_fields_decode_from_every_shape_and_odd_values_fall_back() {
    let messages: Vec<dto::Message> = serde_json::from_str(&fixture("message_kinds.json")).unwrap();
    let domain: Vec<_> = messages
        .iter()
        .map(|m| to_domain(m, None, &HashSet::new()))
        .collect();

    let [announcement, question, unknown, hostile, old] = domain.as_slice() else {
        panic!("five messages");
    };
    assert_eq!(announcement.kind, MessageKind::Announcement);
    assert_eq!(announcement.title.as_str(), "Release 4.2 is rolling out");
    assert_eq!(
        announcement.notified,
        vec![UserId(1_500_000_000_109), UserId(1_500_000_000_110)]
    );
    assert_eq!(announcement.delegate, Some(UserId(1_500_000_000_111)));

    assert_eq!(question.kind, MessageKind::Question, "any case");
    assert_eq!(question.title.as_str(), "");
    assert_eq!(
        question.notified,
        vec![UserId(1_500_000_000_108), UserId(1_500_000_000_111)],
        "a comma-separated string"
    );
    assert_eq!(question.delegate, None);

    assert_eq!(
        unknown.kind,
        MessageKind::Other,
        "an unknown kind is kept as other"
    );
    assert_eq!(unknown.title.as_str(), "42");
    assert_eq!(
        unknown.notified,
        vec![UserId(1_500_000_000_112)],
        "entries that are not ids are dropped"
    );
    assert_eq!(unknown.delegate, None, "a negative id is no id");

    assert_eq!(hostile.kind, MessageKind::Other);
    assert!(
        !hostile
            .title
            .as_str()
            .contains(['\u{1b}', '\u{7}', '\n', '\t']),
        "{:?}",
        hostile.title
    );
    assert!(hostile.title.as_str().contains("click"));
    assert!(hostile.notified.is_empty());
    assert_eq!(hostile.delegate, None);

    assert_eq!(old.kind, MessageKind::Update);
    assert_eq!(old.title.as_str(), "");
    assert!(old.notified.is_empty());
    assert_eq!(old.delegate, None);
}

#[test]
fn unseen_counts_decode_from_numbers_and_strings_and_odd_ones_are_zero() {
    let networks: Vec<Network> = serde_json::from_str(&fixture("network_unseen.json")).unwrap();
    let first = &networks[0];
    assert_eq!(
        (
            first.unseen_message_count,
            first.private_unseen_thread_count,
            first.inbox_unseen_thread_count,
            first.unseen_notification_count
        ),
        (14, 3, 2, 5)
    );
    let odd = &networks[1];
    assert_eq!(odd.unseen_message_count, 0, "negative");
    assert_eq!(odd.private_unseen_thread_count, 0, "fractional");
    assert_eq!(odd.inbox_unseen_thread_count, 0, "null");
    assert_eq!(odd.unseen_notification_count, u64::from(u32::MAX), "capped");
    let old: Vec<Network> = serde_json::from_str(&fixture("network_current.json")).unwrap();
    assert_eq!(old[0].unseen_message_count, 14);
    assert_eq!(old[0].inbox_unseen_thread_count, 0, "absent");
}

// ── the cache ───────────────────────────────────────────────────────────────────────────────

#[test]
fn the_cache_keeps_kind_title_mentions_and_delegate_and_old_rows_read_as_plain() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path()).unwrap();
    let messages: Vec<dto::Message> = serde_json::from_str(&fixture("message_kinds.json")).unwrap();
    let envelope = MessagesEnvelope {
        messages: messages.clone(),
        ..MessagesEnvelope::default()
    };
    let rows = envelope_rows(&envelope);
    store
        .put_messages("acct", "my_feed", &rows.messages)
        .unwrap();
    // A row as kring wrote it before it kept these fields: the JSON simply lacks them.
    let mut old = rows.messages[0].clone();
    old.id = 3_000_000_000_000_200;
    old.thread_id = old.id;
    old.json = format!(
        r#"{{"id":{0},"thread_id":{0},"sender_id":1500000000108,"message_type":"update","body":{{"plain":"old row"}},"created_at":"2023/11/06 08:00:00 +0000"}}"#,
        old.id
    );
    store
        .put_messages("acct", "my_feed", std::slice::from_ref(&old))
        .unwrap();
    drop(store);

    let (store, _) = Store::open(dir.path()).unwrap();
    let cached = store.feed_messages("acct", "my_feed", 50).unwrap();
    let page = page_from_rows(&cached, &[], &[], &[], None);
    let fresh = page_from_envelope(&envelope);
    for want in &fresh.messages {
        let got = page.messages.iter().find(|m| m.id == want.id).unwrap();
        assert_eq!(
            (&got.kind, &got.title, &got.notified, &got.delegate),
            (&want.kind, &want.title, &want.notified, &want.delegate),
            "message {}",
            want.id.0
        );
    }
    let announcement = page.messages.iter().find(|m| m.id.0 == messages[0].id);
    assert!(announcement.is_some_and(|m| m.kind == MessageKind::Announcement));
    let old = page.messages.iter().find(|m| m.id.0 == old.id).unwrap();
    assert_eq!(old.kind, MessageKind::Update);
    assert!(old.title.as_str().is_empty() && old.notified.is_empty() && old.delegate.is_none());
}

// ── kring serve ─────────────────────────────────────────────────────────────────────────────

const DEMO_ID: u64 = 1_500_001;
const PARTNER: u64 = 2_000;
const PARTNERS: u64 = 70;
const INSIDE: u64 = 71;

/// A server with the demo user, one partner, an external community with both in it and an
/// internal one.
async fn network_with_partners() -> Live {
    let live = Live::quiet().await;
    live.add_people(PARTNER, 1);
    live.add_group(PARTNERS, "Partners", &[DEMO_ID, PARTNER]);
    live.add_group(INSIDE, "Inside", &[DEMO_ID, PARTNER]);
    let conn = rusqlite::Connection::open(&live.db).unwrap();
    conn.execute(
        "UPDATE groups SET external = 1 WHERE id = ?1",
        [PARTNERS as i64],
    )
    .unwrap();
    live
}

fn api(live: &Live, path: &str) -> String {
    format!("{}/{path}", live.server.base_url)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_refuses_an_external_post_without_the_header_and_takes_it_with() {
    let live = network_with_partners().await;
    let http = reqwest::Client::new();
    let post = |group: u64, headers: &[(&str, &str)]| {
        let mut request = http
            .post(api(&live, "messages.json"))
            .bearer_auth(&live.token)
            .form(&[("body", "Hello partners"), ("group_id", &group.to_string())]);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send()
    };

    let refused = post(PARTNERS, &[]).await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let body: serde_json::Value = refused.json().await.unwrap();
    let text = body.to_string();
    assert!(
        text.contains("external community") && text.contains("yammer-capabilities"),
        "{text}"
    );
    let partial = post(PARTNERS, &[("yammer-capabilities", "external-messaging")])
        .await
        .unwrap();
    assert_eq!(partial.status(), StatusCode::FORBIDDEN, "both capabilities");
    let inside = post(INSIDE, &[]).await.unwrap();
    assert_eq!(
        inside.status(),
        StatusCode::CREATED,
        "an internal one needs none"
    );

    let taken = post(
        PARTNERS,
        &[("Yammer-Capabilities", "external-groups, External-Messaging")],
    )
    .await
    .unwrap();
    assert_eq!(taken.status(), StatusCode::CREATED);
    let envelope: serde_json::Value = taken.json().await.unwrap();
    let starter = envelope["messages"][0]["id"].as_u64().unwrap();

    // A reply in an external community's thread needs it too.
    let reply = http
        .post(api(&live, "messages.json"))
        .bearer_auth(&live.token)
        .form(&[
            ("body", "and a reply"),
            ("replied_to_id", &starter.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_takes_kinds_and_titles_and_returns_all_four_fields() {
    let live = network_with_partners().await;
    let http = reqwest::Client::new();
    let post = |form: Vec<(&'static str, String)>| {
        http.post(api(&live, "messages.json"))
            .bearer_auth(&live.token)
            .form(&form)
            .send()
    };
    let group = ("group_id", INSIDE.to_string());
    let made = post(vec![
        ("body", "Release on Friday, @person2000 please check".into()),
        ("message_type", "Announcement".into()),
        ("title", "Release on Friday".into()),
        group.clone(),
    ])
    .await
    .unwrap();
    assert_eq!(made.status(), StatusCode::CREATED);
    let envelope: serde_json::Value = made.json().await.unwrap();
    let m = &envelope["messages"][0];
    assert_eq!(m["message_type"], "announcement");
    assert_eq!(m["title"], "Release on Friday");
    assert_eq!(m["notified_user_ids"], serde_json::json!([PARTNER]));
    assert!(m.get("delegate_id").is_none_or(serde_json::Value::is_null));

    let id = m["id"].as_u64().unwrap();
    let one: serde_json::Value = http
        .get(api(&live, &format!("messages/{id}.json")))
        .bearer_auth(&live.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(one["message_type"], "announcement");
    assert_eq!(one["title"], "Release on Friday");

    for (form, why) in [
        (
            vec![("body", "x".into()), ("message_type", "memo".into())],
            "unknown kind",
        ),
        (
            vec![
                ("body", "x".into()),
                ("message_type", "question".into()),
                ("title", "A title".into()),
            ],
            "a title on a question",
        ),
        (
            vec![
                ("body", "x".into()),
                ("message_type", "poll".into()),
                ("replied_to_id", id.to_string()),
            ],
            "a typed reply",
        ),
        (
            vec![
                ("body", "x".into()),
                ("message_type", "announcement".into()),
                ("title", "t".repeat(251)),
            ],
            "a title too long",
        ),
    ] {
        let refused = post(form).await.unwrap();
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "{why}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unseen_counts_follow_what_the_caller_has_seen() {
    let live = network_with_partners().await;
    let demo = live.client();
    let partner = live.client_with(&live.token_of(&format!("person{PARTNER}")).await);
    post_to_group(&partner, INSIDE, "Morning all, @demo have a look").await;
    let private = NewMessage {
        body: "Just between us".into(),
        direct_to_user_ids: vec![DEMO_ID],
        ..NewMessage::default()
    };
    partner.post_message(&private).await.unwrap();

    let counts = |n: Network| {
        (
            n.unseen_message_count,
            n.inbox_unseen_thread_count,
            n.private_unseen_thread_count,
            n.unseen_notification_count,
        )
    };
    let network = demo.network().await.unwrap().unwrap();
    assert_eq!(counts(network), (1, 2, 1, 1), "nothing seen yet");

    demo.feed(&ApiFeed::Received, &PageQuery::default())
        .await
        .unwrap();
    let network = demo.network().await.unwrap().unwrap();
    assert_eq!(counts(network), (1, 0, 1, 0), "the inbox was read");

    demo.feed(&ApiFeed::MyFeed, &PageQuery::default())
        .await
        .unwrap();
    demo.feed(&ApiFeed::Private, &PageQuery::default())
        .await
        .unwrap();
    assert_eq!(counts(demo.network().await.unwrap().unwrap()), (0, 0, 0, 0));

    post_to_group(&partner, INSIDE, "One more thing").await;
    assert_eq!(
        counts(demo.network().await.unwrap().unwrap()),
        (1, 0, 0, 0),
        "what came after the mark"
    );
    // What the demo user writes is never unseen by them.
    post_to_group(&demo, INSIDE, "Thanks!").await;
    assert_eq!(
        demo.network().await.unwrap().unwrap().unseen_message_count,
        1
    );
}

// ── the client sends the capabilities ───────────────────────────────────────────────────────

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_posts_into_an_external_community_directly_and_through_the_outbox() {
    let live = network_with_partners().await;
    let client: Client = live.client();
    let direct = post_to_group(&client, PARTNERS, "Welcome, partners").await;
    let reply = NewMessage {
        body: "A reply there".into(),
        replied_to_id: Some(direct),
        ..NewMessage::default()
    };
    client.post_message(&reply).await.unwrap();

    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let options = DeliveryOptions {
        settle: Duration::ZERO,
        ..DeliveryOptions::default()
    };
    let delivery =
        Delivery::new(store, "test-account", live.client(), new_claimant()).with_options(options);
    let outbox = delivery.handle();
    let post = outbox
        .enqueue(
            DraftTarget::NewPost {
                group_id: Some(PARTNERS),
            },
            "Queued for the partners",
            &[],
        )
        .await
        .unwrap();
    let queued_reply = outbox
        .enqueue(
            DraftTarget::Reply {
                thread_id: direct,
                replied_to_id: direct,
            },
            "A queued reply there",
            &[],
        )
        .await
        .unwrap();
    let outcome = delivery
        .deliver_pending(Duration::from_secs(30))
        .await
        .unwrap();
    assert_eq!(outcome, DrainOutcome::Settled);
    for local_id in [post, queued_reply] {
        let item = outbox.item(local_id).await.unwrap().unwrap();
        assert!(
            matches!(item.state, OutboxState::Sent),
            "{local_id}: {:?}",
            item.state
        );
    }
    let feed = client
        .feed(&ApiFeed::InGroup(PARTNERS), &PageQuery::default())
        .await
        .unwrap();
    let bodies: Vec<&str> = feed
        .messages
        .iter()
        .map(|m| m.body.plain.as_str())
        .collect();
    for body in [
        "Welcome, partners",
        "A reply there",
        "Queued for the partners",
        "A queued reply there",
    ] {
        assert!(bodies.contains(&body), "{body} in {bodies:?}");
    }
}

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
        kring::panes::thread::update::open(&mut state, kring::domain::ThreadId(ANNOUNCEMENT));
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
        .draw(|frame| kring::app::ui::draw(frame, state, &mut view, theme))
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
    act(&mut state, kring::app::action::Action::PaneCommunities);
    insta::assert_snapshot!(screen(&state, 80, 24));
}

#[test]
fn composing_in_an_external_community_says_who_reads_it_at_80x24() {
    let mut state = typed_state(80, 24);
    kring::panes::timeline::update::compose_in(
        &mut state,
        Feed::Community(kring::domain::GroupId(VOICE)),
    );
    let text = screen(&state, 80, 24);
    assert!(
        text.contains("visible to people outside your company"),
        "{text}"
    );
    insta::assert_snapshot!(text);
    let mut inside = typed_state(80, 24);
    kring::panes::timeline::update::compose_in(
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
    act(&mut state, kring::app::action::Action::PaneCommunities);
    let text = screen(&state, 80, 24);
    let inbox = text.lines().find(|l| l.contains("Inbox")).unwrap();
    assert!(
        inbox.trim_end_matches(['│', '"']).trim_end().ends_with('3'),
        "{inbox}"
    );
}
