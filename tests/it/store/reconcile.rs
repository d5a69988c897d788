//! Reconciliation of unknown-outcome posts against the sent feed, and the backoff schedule.

use std::collections::HashSet;
use std::time::Duration;

use kring::api::backoff::Backoff;
use kring::store::{
    DraftTarget, OutboxItem, OutboxState, Reconciliation, SentCoverage, SentMessage,
    normalise_body, reconcile,
};
use rand::SeedableRng;
use rand::rngs::StdRng;

const T0: i64 = 1_700_000_000;
const WINDOW: i64 = 120;

fn item(target: DraftTarget, body: &str) -> OutboxItem {
    OutboxItem {
        local_id: 1,
        account: "acct".into(),
        target,
        body: body.into(),
        topics: Vec::new(),
        created_at: T0 - 3600,
        state: OutboxState::Unknown,
        attempts: 1,
        last_error: None,
        next_attempt_at: T0,
        server_message_id: None,
        lease: None,
        first_attempt_at: Some(T0),
        last_attempt_at: Some(T0),
        reconcile_checks: 0,
    }
}

fn sent(id: u64, body: &str, created_at: i64) -> SentMessage {
    SentMessage {
        id,
        body_plain: body.into(),
        group_id: None,
        replied_to_id: None,
        direct_to_user_ids: Vec::new(),
        created_at,
    }
}

const ALL: DraftTarget = DraftTarget::NewPost { group_id: None };
const GROUP: DraftTarget = DraftTarget::NewPost { group_id: Some(7) };
const REPLY: DraftTarget = DraftTarget::Reply {
    thread_id: 50,
    replied_to_id: 51,
};
const DIRECT: DraftTarget = DraftTarget::Direct { user_id: 9 };

fn in_group(message: SentMessage, group: u64) -> SentMessage {
    SentMessage {
        group_id: Some(group),
        ..message
    }
}

fn replying(message: SentMessage, to: u64) -> SentMessage {
    SentMessage {
        replied_to_id: Some(to),
        group_id: Some(7),
        ..message
    }
}

fn direct(message: SentMessage, users: &[u64]) -> SentMessage {
    SentMessage {
        direct_to_user_ids: users.to_vec(),
        ..message
    }
}

struct Case {
    name: &'static str,
    item: OutboxItem,
    sent: Vec<SentMessage>,
    coverage: SentCoverage,
    claimed: &'static [u64],
    expected: Reconciliation,
}

fn arrived(server_id: u64) -> Reconciliation {
    Reconciliation::Arrived { server_id }
}

#[test]
fn an_unknown_post_is_decided_by_comparing_it_with_the_sent_feed() {
    use Reconciliation::{NotArrived, Undecidable};
    use SentCoverage::{Complete, MayHaveOlder};
    let cases = vec![
        Case {
            name: "identical body and target",
            item: item(ALL, "Deploy done"),
            sent: vec![sent(10, "Deploy done", T0 + 1)],
            coverage: Complete,
            claimed: &[],
            expected: arrived(10),
        },
        Case {
            name: "whitespace and newline differences",
            item: item(ALL, "  Deploy\r\n\r\ndone\t "),
            sent: vec![sent(10, "Deploy \n done", T0 + 1)],
            coverage: Complete,
            claimed: &[],
            expected: arrived(10),
        },
        Case {
            name: "different text",
            item: item(ALL, "Deploy done"),
            sent: vec![sent(10, "Deploy started", T0 + 1)],
            coverage: Complete,
            claimed: &[],
            expected: NotArrived,
        },
        Case {
            name: "case matters",
            item: item(ALL, "deploy done"),
            sent: vec![sent(10, "Deploy done", T0 + 1)],
            coverage: Complete,
            claimed: &[],
            expected: NotArrived,
        },
        Case {
            name: "same text in another group",
            item: item(GROUP, "hi"),
            sent: vec![in_group(sent(10, "hi", T0), 8), sent(11, "hi", T0)],
            coverage: Complete,
            claimed: &[],
            expected: NotArrived,
        },
        Case {
            name: "group post found",
            item: item(GROUP, "hi"),
            sent: vec![in_group(sent(10, "hi", T0), 7)],
            coverage: Complete,
            claimed: &[],
            expected: arrived(10),
        },
        Case {
            name: "all-company post is not a reply with the same text",
            item: item(ALL, "+1"),
            sent: vec![replying(sent(10, "+1", T0), 51)],
            coverage: Complete,
            claimed: &[],
            expected: NotArrived,
        },
        Case {
            name: "reply found by replied_to_id",
            item: item(REPLY, "+1"),
            sent: vec![
                replying(sent(10, "+1", T0), 99),
                replying(sent(11, "+1", T0), 51),
            ],
            coverage: Complete,
            claimed: &[],
            expected: arrived(11),
        },
        Case {
            name: "direct message to the right user",
            item: item(DIRECT, "lunch?"),
            sent: vec![
                direct(sent(10, "lunch?", T0), &[3]),
                direct(sent(11, "lunch?", T0), &[1, 9]),
            ],
            coverage: Complete,
            claimed: &[],
            expected: arrived(11),
        },
        Case {
            name: "direct message is not a public post",
            item: item(DIRECT, "lunch?"),
            sent: vec![sent(10, "lunch?", T0)],
            coverage: Complete,
            claimed: &[],
            expected: NotArrived,
        },
        Case {
            name: "created before the window",
            item: item(ALL, "hi"),
            sent: vec![sent(10, "hi", T0 - WINDOW - 1)],
            coverage: MayHaveOlder,
            claimed: &[],
            expected: NotArrived,
        },
        Case {
            name: "created after the window",
            item: item(ALL, "hi"),
            sent: vec![sent(10, "hi", T0 + WINDOW + 1)],
            coverage: Complete,
            claimed: &[],
            expected: NotArrived,
        },
        Case {
            name: "window edges are inclusive",
            item: item(ALL, "hi"),
            sent: vec![sent(10, "hi", T0 - WINDOW), sent(11, "hi", T0 + WINDOW)],
            coverage: Complete,
            claimed: &[],
            expected: arrived(10),
        },
        Case {
            name: "queued offline long before the request: window follows the request",
            item: OutboxItem {
                created_at: T0 - 86_400,
                ..item(ALL, "written on the train")
            },
            sent: vec![sent(10, "written on the train", T0 + 5)],
            coverage: Complete,
            claimed: &[],
            expected: arrived(10),
        },
        Case {
            name: "several attempts: a copy from the first attempt still counts",
            item: OutboxItem {
                first_attempt_at: Some(T0),
                last_attempt_at: Some(T0 + 900),
                ..item(ALL, "retried")
            },
            sent: vec![sent(10, "retried", T0 + 2)],
            coverage: Complete,
            claimed: &[],
            expected: arrived(10),
        },
        Case {
            name: "duplicate posts: the earliest unclaimed one is taken",
            item: item(ALL, "same"),
            sent: vec![sent(12, "same", T0 + 3), sent(11, "same", T0 + 2)],
            coverage: Complete,
            claimed: &[],
            expected: arrived(11),
        },
        Case {
            name: "duplicate posts: one already matched to an earlier item is skipped",
            item: item(ALL, "same"),
            sent: vec![sent(12, "same", T0 + 3), sent(11, "same", T0 + 2)],
            coverage: Complete,
            claimed: &[11],
            expected: arrived(12),
        },
        Case {
            name: "the only copy belongs to an earlier item",
            item: item(ALL, "same"),
            sent: vec![sent(11, "same", T0 + 2)],
            coverage: Complete,
            claimed: &[11],
            expected: NotArrived,
        },
        Case {
            name: "full page that does not reach back past the window",
            item: item(ALL, "hi"),
            sent: vec![sent(20, "other", T0 + 50)],
            coverage: MayHaveOlder,
            claimed: &[],
            expected: Undecidable,
        },
        Case {
            name: "empty page that may have more",
            item: item(ALL, "hi"),
            sent: Vec::new(),
            coverage: MayHaveOlder,
            claimed: &[],
            expected: Undecidable,
        },
        Case {
            name: "empty complete list",
            item: item(ALL, "hi"),
            sent: Vec::new(),
            coverage: Complete,
            claimed: &[],
            expected: NotArrived,
        },
        Case {
            name: "a match on a partial page is still a match",
            item: item(ALL, "hi"),
            sent: vec![sent(20, "hi", T0 + 50)],
            coverage: MayHaveOlder,
            claimed: &[],
            expected: arrived(20),
        },
        Case {
            name: "never attempted: window falls back to created_at",
            item: OutboxItem {
                first_attempt_at: None,
                last_attempt_at: None,
                created_at: T0,
                ..item(ALL, "hi")
            },
            sent: vec![sent(10, "hi", T0 + 10)],
            coverage: Complete,
            claimed: &[],
            expected: arrived(10),
        },
    ];
    for case in cases {
        let claimed: HashSet<u64> = case.claimed.iter().copied().collect();
        let verdict = reconcile(&case.item, &case.sent, case.coverage, &claimed, WINDOW);
        assert_eq!(verdict, case.expected, "{}", case.name);
    }
}

#[test]
fn normalised_bodies_collapse_every_kind_of_whitespace() {
    assert_eq!(normalise_body("  a \t b\r\n\r\nc\u{a0}d  "), "a b c d");
    assert_eq!(normalise_body("\n\n"), "");
    assert_eq!(normalise_body("é ü"), "é ü");
}

#[test]
fn backoff_ceiling_doubles_up_to_the_cap() {
    let backoff = Backoff::DEFAULT;
    let ceilings: Vec<u64> = (0..8).map(|n| backoff.ceiling(n).as_secs()).collect();
    assert_eq!(ceilings, vec![1, 2, 4, 8, 16, 32, 60, 60]);
    assert_eq!(
        backoff.ceiling(u32::MAX),
        Duration::from_secs(60),
        "no overflow"
    );
    let huge = Backoff {
        base: Duration::MAX,
        cap: Duration::MAX,
    };
    assert!(huge.ceiling(64) > Duration::ZERO);
}

#[test]
fn backoff_delays_stay_within_full_jitter_bounds() {
    let backoff = Backoff::DEFAULT;
    let mut rng = StdRng::seed_from_u64(7);
    for attempt in 0..12 {
        let ceiling = backoff.ceiling(attempt);
        let delays: Vec<Duration> = (0..200).map(|_| backoff.delay(attempt, &mut rng)).collect();
        assert!(
            delays.iter().all(|delay| *delay <= ceiling),
            "attempt {attempt}"
        );
        assert!(
            delays.iter().any(|delay| *delay > ceiling / 2),
            "spread over the range"
        );
        assert!(
            delays.iter().any(|delay| *delay < ceiling / 2),
            "spread over the range"
        );
    }
}

#[test]
fn backoff_is_reproducible_from_the_random_source() {
    let backoff = Backoff::DEFAULT;
    let draw = |seed| {
        let mut rng = StdRng::seed_from_u64(seed);
        (0..10)
            .map(|n| backoff.retry_at(T0, n, &mut rng))
            .collect::<Vec<_>>()
    };
    assert_eq!(draw(1), draw(1));
    assert_ne!(draw(1), draw(2));
    let mut rng = StdRng::seed_from_u64(3);
    for attempt in 0..10 {
        let at = backoff.retry_at(T0, attempt, &mut rng);
        assert!((T0..=T0 + 60).contains(&at));
    }
}
