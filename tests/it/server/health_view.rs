//! The community health view (`5`) against `kring serve`'s demo network: one community read
//! as the view's background read does it, folded into the view through `update`, its figures
//! checked against counts done by hand in SQL on the server's database, and the drawn view
//! showing them.

use chrono::Utc;
use kring::app::core::msg::Msg;
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::domain::{Community, GroupId, SafeText};
use kring::input::action::Action;
use kring::input::keys::{KeyInput, Keymap};
use kring::overlays::Overlay;
use kring::social::DAY;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rusqlite::Connection;

use crate::harness::server::{group_id, start};

fn count(conn: &Connection, sql: &str, group: u64, since: i64) -> u64 {
    conn.query_row(sql, (group as i64, since), |r| r.get::<_, i64>(0))
        .unwrap() as u64
}

#[tokio::test]
async fn one_communitys_health_in_the_view_matches_a_count_in_sql() {
    let server = start().await;
    let group = group_id(&server, "Community Managers").await;
    let answer = kring::panes::health::worker::read(&server.api_client(), GroupId(group)).await;
    assert_eq!(answer.fetched.error, None);

    let now = Utc::now();
    let mut state = State::new(KeyInput::new(Keymap::load(None).unwrap()), now, None);
    state.session.size = (100, 30);
    state.catalog.upsert_community(Community {
        id: GroupId(group),
        name: SafeText::new("Community Managers"),
        description: SafeText::default(),
        privacy: SafeText::new("public"),
        members: 0,
        last_message: None,
        external: false,
    });
    state.communities.mine = vec![GroupId(group)];
    update(&mut state, Msg::Action(Action::CommunityHealth));
    update(&mut state, Msg::Health(Box::new(answer)));
    let Some(Overlay::Health(view)) = &state.overlay else {
        panic!("the health view is open");
    };
    let report = view.report(&state.catalog, &view.asked, now.timestamp());
    let health = &report[0];

    let conn = Connection::open(&server.db).unwrap();
    let since = health.coverage.since.unwrap_or(0);
    let month = now.timestamp() - 30 * DAY;
    let members = count(
        &conn,
        "SELECT count(*) FROM group_members WHERE group_id = ?1 AND ?2 = ?2",
        group,
        0,
    );
    let messages = count(
        &conn,
        "SELECT count(*) FROM messages WHERE group_id = ?1 AND direct = 0 AND created_at >= ?2",
        group,
        since,
    );
    let active = count(
        &conn,
        "SELECT count(DISTINCT sender_id) FROM messages
         WHERE group_id = ?1 AND direct = 0 AND created_at >= ?2",
        group,
        month,
    );
    let readers = count(
        &conn,
        "SELECT count(*) FROM group_members m WHERE m.group_id = ?1 AND m.user_id NOT IN
           (SELECT sender_id FROM messages WHERE group_id = ?1 AND direct = 0 AND created_at >= ?2)",
        group,
        since,
    );
    assert!(messages > 0 && members > 0);
    assert_eq!(
        (
            health.members,
            health.coverage.messages as u64,
            health.active_30d,
            health.readers
        ),
        (members, messages, active, readers)
    );

    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|frame| {
            crate::harness::tui::draw(
                frame,
                &state,
                &mut Default::default(),
                &kring::config::theme::Theme::default(),
            )
        })
        .unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    let figures = format!("{members} members · {active} active in 30 days");
    assert!(screen.contains(&figures), "{figures} not in {screen}");
    assert!(
        screen.contains(&format!("from {messages} messages")),
        "{screen}"
    );
}
