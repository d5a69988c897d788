//! A small fixed network for the expertise tests: 16 people (one hidden, three that tie) and
//! about 60 messages written to exercise declared vs written expertise, misspellings,
//! multi-word queries, filters and sorts. Shared by the `expertise_*` test files.

#![allow(dead_code)]

use kring::expertise::{ExpertiseIndex, MessageDoc, PersonDoc};

pub const NOW: i64 = 1_750_000_000;
pub const DAY: i64 = 86_400;

pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const CAROL: u64 = 3;
pub const DAN: u64 = 4;
pub const ERIN: u64 = 5;
pub const FAY: u64 = 6;
pub const EVE_HIDDEN: u64 = 7;
pub const FRANK: u64 = 8;
pub const GRACE: u64 = 9;
pub const HEIDI: u64 = 10;
pub const IVAN: u64 = 11;
pub const JUDY: u64 = 12;
pub const ABE_TIE_HIGH_ID: u64 = 31;
pub const ABE_TIE_LOW_ID: u64 = 29;
pub const ZOE_TIE: u64 = 30;
pub const KIM: u64 = 16;
/// Sends messages but has no profile (yet).
pub const STRANGER: u64 = 999;

pub struct Profile<'a> {
    pub id: u64,
    pub name: &'a str,
    pub title: &'a str,
    pub department: &'a str,
    pub location: &'a str,
    pub expertise: &'a [&'a str],
    pub interests: &'a [&'a str],
    pub visible: bool,
    pub active_days_ago: Option<i64>,
}

pub fn person(p: &Profile<'_>) -> PersonDoc {
    let optional = |v: &str| (!v.is_empty()).then(|| v.to_owned());
    PersonDoc {
        id: p.id,
        full_name: p.name.to_owned(),
        username: p.name.split(' ').next().unwrap_or_default().to_lowercase(),
        job_title: optional(p.title),
        department: optional(p.department),
        location: optional(p.location),
        expertise: p.expertise.iter().map(|t| t.to_string()).collect(),
        interests: p.interests.iter().map(|t| t.to_string()).collect(),
        show_in_directory: p.visible,
        last_active: p.active_days_ago.map(|d| NOW - d * DAY),
    }
}

const fn profile<'a>(
    id: u64,
    name: &'a str,
    title: &'a str,
    department: &'a str,
    location: &'a str,
    expertise: &'a [&'a str],
    interests: &'a [&'a str],
) -> Profile<'a> {
    Profile {
        id,
        name,
        title,
        department,
        location,
        expertise,
        interests,
        visible: true,
        active_days_ago: None,
    }
}

pub fn people() -> Vec<PersonDoc> {
    let mut profiles = vec![
        Profile {
            active_days_ago: Some(4),
            ..profile(
                ALICE,
                "Alice Adams",
                "Platform Engineer",
                "Platform",
                "Amsterdam",
                &["Kubernetes", "Helm"],
                &["climbing"],
            )
        },
        Profile {
            active_days_ago: Some(30),
            ..profile(
                BOB,
                "Bob Brown",
                "Engineering Manager",
                "Platform",
                "Berlin",
                &["Kubernetes"],
                &[],
            )
        },
        profile(
            CAROL,
            "Carol Chen",
            "Site Reliability Engineer",
            "Platform",
            "Remote",
            &[],
            &["cooking"],
        ),
        profile(
            DAN,
            "Dan Dekker",
            "Frontend Developer",
            "Web",
            "Amsterdam",
            &["JavaScript"],
            &[],
        ),
        profile(
            ERIN,
            "Erin Evans",
            "Backend Developer",
            "Web",
            "Berlin",
            &[],
            &[],
        ),
        profile(FAY, "Fay Fischer", "Designer", "Web", "Remote", &[], &[]),
        Profile {
            visible: false,
            ..profile(
                EVE_HIDDEN,
                "Eve Hidden",
                "Cluster Wizard",
                "Platform",
                "Amsterdam",
                &["Kubernetes"],
                &[],
            )
        },
        profile(
            FRANK,
            "Frank Fox",
            "Privacy Officer",
            "Legal",
            "Amsterdam",
            &["GDPR"],
            &[],
        ),
        profile(
            GRACE,
            "Grace Green",
            "Compliance Lead",
            "Legal",
            "Berlin",
            &["GDPR audits"],
            &[],
        ),
        profile(
            HEIDI,
            "Heidi Hall",
            "Data Analyst",
            "Data",
            "Remote",
            &[],
            &[],
        ),
        profile(
            IVAN,
            "Ivan Ivanov",
            "Database Administrator",
            "Data",
            "Amsterdam",
            &["PostgreSQL", "Postgres"],
            &[],
        ),
        profile(
            JUDY,
            "Judy Jones",
            "Data Engineer",
            "Data",
            "Berlin",
            &[],
            &[],
        ),
        profile(ABE_TIE_HIGH_ID, "Abe Tie", "", "", "", &["Terraform"], &[]),
        profile(ABE_TIE_LOW_ID, "Abe Tie", "", "", "", &["Terraform"], &[]),
        profile(ZOE_TIE, "Zoe Tie", "", "", "", &["Terraform"], &[]),
        Profile {
            active_days_ago: Some(3),
            ..profile(
                KIM,
                "Kim Kramer",
                "Sales Lead",
                "Sales",
                "Amsterdam",
                &[],
                &[],
            )
        },
    ];
    profiles.sort_by_key(|p| p.id);
    profiles.iter().map(person).collect()
}

pub fn message(
    id: u64,
    sender: u64,
    community: &str,
    days_ago: i64,
    likes: u32,
    topics: &[&str],
    body: &str,
) -> MessageDoc {
    MessageDoc {
        id,
        sender_id: sender,
        body: body.to_owned(),
        topics: topics.iter().map(|t| t.to_string()).collect(),
        community: (!community.is_empty()).then(|| community.to_owned()),
        created_at: NOW - days_ago * DAY,
        likes,
    }
}

const PLATFORM: &str = "Engineering Platform";
const WEB: &str = "Web Guild";
const LEGAL: &str = "Privacy & Legal";
const DATA: &str = "Data Community";
const SOCIAL: &str = "Social";

pub fn messages() -> Vec<MessageDoc> {
    let m = message;
    vec![
        // Alice: declared Kubernetes and writes about it, mostly in Engineering Platform.
        m(
            100,
            ALICE,
            PLATFORM,
            2,
            4,
            &["kubernetes"],
            "Upgraded the Kubernetes cluster to 1.30 today, no downtime.",
        ),
        m(
            101,
            ALICE,
            PLATFORM,
            5,
            2,
            &[],
            "Kubernetes pod disruption budgets saved us during the node drain.",
        ),
        m(
            102,
            ALICE,
            PLATFORM,
            9,
            0,
            &["helm"],
            "New Helm chart for the ingress controller, reviews welcome.",
        ),
        m(
            103,
            ALICE,
            PLATFORM,
            14,
            1,
            &["kubernetes"],
            "How we autoscale Kubernetes workloads on queue length.",
        ),
        m(
            104,
            ALICE,
            WEB,
            20,
            0,
            &[],
            "Kubernetes readiness probes explained for frontend folks.",
        ),
        m(
            105,
            ALICE,
            SOCIAL,
            3,
            6,
            &[],
            "Climbing trip on Saturday, who is in?",
        ),
        // Bob: declared Kubernetes, writes about other things.
        m(
            110,
            BOB,
            SOCIAL,
            0,
            3,
            &[],
            "Lunch order for Friday: pizza or sushi?",
        ),
        m(
            111,
            BOB,
            PLATFORM,
            12,
            0,
            &[],
            "Quarterly planning slides are in the shared drive.",
        ),
        m(
            112,
            BOB,
            PLATFORM,
            40,
            1,
            &[],
            "Welcome to our new joiners this month.",
        ),
        // Carol: never declared Kubernetes, writes about it a lot.
        m(
            120,
            CAROL,
            PLATFORM,
            1,
            5,
            &["kubernetes"],
            "Debugged a Kubernetes DNS issue: coredns was OOM killed.",
        ),
        m(
            121,
            CAROL,
            PLATFORM,
            4,
            2,
            &[],
            "Our Kubernetes network policies now deny by default.",
        ),
        m(
            122,
            CAROL,
            PLATFORM,
            7,
            1,
            &[],
            "Kubernetes operators for the database clusters are live.",
        ),
        m(
            123,
            CAROL,
            PLATFORM,
            10,
            0,
            &["kubernetes"],
            "Kubernetes upgrade checklist, please add your services.",
        ),
        m(
            124,
            CAROL,
            PLATFORM,
            16,
            3,
            &[],
            "Writing a kubectl plugin to show Kubernetes resource usage.",
        ),
        m(
            125,
            CAROL,
            PLATFORM,
            25,
            0,
            &[],
            "Kubernetes cost report: we overprovision memory by 40%.",
        ),
        m(
            126,
            CAROL,
            SOCIAL,
            8,
            2,
            &[],
            "Best ramen in town? Asking for the team dinner.",
        ),
        // Dan: declared JavaScript, writes about CSS.
        m(
            130,
            DAN,
            WEB,
            3,
            1,
            &[],
            "CSS grid finally clicked for me, layout code halved.",
        ),
        m(
            131,
            DAN,
            WEB,
            11,
            0,
            &[],
            "Accessibility review of the login form is done.",
        ),
        // Erin: writes about Java a lot, declared nothing.
        m(
            140,
            ERIN,
            WEB,
            1,
            3,
            &["java"],
            "Java 21 virtual threads cut our request latency in half.",
        ),
        m(
            141,
            ERIN,
            WEB,
            3,
            2,
            &[],
            "Java records make our DTOs much shorter.",
        ),
        m(
            142,
            ERIN,
            WEB,
            6,
            1,
            &[],
            "Profiling the Java service with async-profiler found the leak.",
        ),
        m(
            143,
            ERIN,
            WEB,
            9,
            0,
            &["java"],
            "Java module system: worth it for a monolith?",
        ),
        m(
            144,
            ERIN,
            WEB,
            13,
            2,
            &[],
            "Upgraded Java builds to Gradle 8, faster incremental compiles.",
        ),
        m(
            145,
            ERIN,
            WEB,
            18,
            0,
            &[],
            "Java garbage collector tuning notes from the incident.",
        ),
        // Fay: a single Java message.
        m(
            150,
            FAY,
            WEB,
            60,
            0,
            &[],
            "Does anyone still use the old Java applet for the kiosk?",
        ),
        m(
            151,
            FAY,
            SOCIAL,
            2,
            4,
            &[],
            "New icons for the intranet are ready.",
        ),
        // Eve (hidden): declared and writes about Kubernetes more than anyone.
        m(
            160,
            EVE_HIDDEN,
            PLATFORM,
            1,
            9,
            &["kubernetes"],
            "Kubernetes scheduler deep dive, part one.",
        ),
        m(
            161,
            EVE_HIDDEN,
            PLATFORM,
            2,
            9,
            &["kubernetes"],
            "Kubernetes scheduler deep dive, part two.",
        ),
        m(
            162,
            EVE_HIDDEN,
            PLATFORM,
            3,
            9,
            &["kubernetes"],
            "Kubernetes scheduler deep dive, part three.",
        ),
        m(
            163,
            EVE_HIDDEN,
            PLATFORM,
            4,
            9,
            &[],
            "Kubernetes etcd backups are now hourly.",
        ),
        m(
            164,
            EVE_HIDDEN,
            LEGAL,
            5,
            2,
            &[],
            "GDPR question about Kubernetes audit logs retention.",
        ),
        // Frank: declared GDPR, writes about audits and GDPR.
        m(
            170,
            FRANK,
            LEGAL,
            2,
            3,
            &["gdpr"],
            "GDPR audit of the HR system starts next week.",
        ),
        m(
            171,
            FRANK,
            LEGAL,
            8,
            1,
            &[],
            "Audit findings: access reviews are overdue in three teams.",
        ),
        m(
            172,
            FRANK,
            LEGAL,
            15,
            0,
            &[],
            "Preparing the audit evidence folder for the regulator.",
        ),
        // Grace: declared "GDPR audits", writes a little.
        m(
            180,
            GRACE,
            LEGAL,
            4,
            2,
            &[],
            "Template for data processing agreements updated.",
        ),
        m(
            181,
            GRACE,
            LEGAL,
            30,
            0,
            &["gdpr"],
            "GDPR audit checklist for new vendors.",
        ),
        // Heidi: writes about GDPR (evidence only).
        m(
            190,
            HEIDI,
            DATA,
            3,
            1,
            &["gdpr"],
            "Pseudonymising customer data for GDPR in the warehouse.",
        ),
        m(
            191,
            HEIDI,
            DATA,
            6,
            0,
            &[],
            "GDPR deletion requests now flow into the data lake jobs.",
        ),
        m(192, HEIDI, DATA, 12, 2, &[], "Dashboard for churn is live."),
        // Ivan: declared Postgres, writes about it.
        m(
            200,
            IVAN,
            DATA,
            2,
            2,
            &["postgres"],
            "Postgres 17 upgrade done, logical replication works.",
        ),
        m(
            201,
            IVAN,
            DATA,
            9,
            1,
            &[],
            "Vacuum tuning for our biggest Postgres tables.",
        ),
        // Judy: writes about Postgres (one typo), declared nothing.
        m(
            210,
            JUDY,
            DATA,
            1,
            3,
            &[],
            "Moved the feature store to Postgres from Mongo.",
        ),
        m(
            211,
            JUDY,
            DATA,
            5,
            0,
            &[],
            "Postgres JSONB indexes are fast enough for our events.",
        ),
        m(
            212,
            JUDY,
            DATA,
            7,
            1,
            &[],
            "Anyone tried postgress partitioning with pg_partman?",
        ),
        m(
            213,
            JUDY,
            DATA,
            20,
            0,
            &[],
            "Postgres connection pooling with pgbouncer.",
        ),
        // Kim: audits, nothing else in the query space.
        m(
            220,
            KIM,
            SOCIAL,
            2,
            1,
            &[],
            "Sales audit of last quarter's deals is finished.",
        ),
        m(
            221,
            KIM,
            SOCIAL,
            9,
            0,
            &[],
            "Audit of the CRM fields: please clean up your leads.",
        ),
        m(
            222,
            KIM,
            SOCIAL,
            4,
            5,
            &[],
            "Great quarter everyone, drinks on Thursday!",
        ),
        // Someone whose profile has not arrived yet.
        m(230, STRANGER, PLATFORM, 1, 0, &[], "Kubernetes is great."),
        // General chatter.
        m(
            240,
            BOB,
            SOCIAL,
            6,
            2,
            &[],
            "Office closed on Monday for the holiday.",
        ),
        m(
            241,
            DAN,
            SOCIAL,
            5,
            1,
            &[],
            "Bike to work week starts soon.",
        ),
        m(
            242,
            GRACE,
            SOCIAL,
            10,
            0,
            &[],
            "Book club: next month we read Dune.",
        ),
        m(
            243,
            HEIDI,
            SOCIAL,
            14,
            3,
            &[],
            "Photos from the summer party are up.",
        ),
        m(
            244,
            IVAN,
            SOCIAL,
            21,
            0,
            &[],
            "Lost and found: a blue umbrella.",
        ),
        m(
            245,
            ERIN,
            SOCIAL,
            19,
            1,
            &[],
            "Running club meets Wednesday at six.",
        ),
        m(
            246,
            FAY,
            WEB,
            22,
            0,
            &[],
            "Design tokens are now shared with the web team.",
        ),
        m(
            247,
            KIM,
            SOCIAL,
            33,
            0,
            &[],
            "Customer visit went well, thanks all.",
        ),
        m(
            248,
            CAROL,
            SOCIAL,
            28,
            2,
            &[],
            "Who wants to join the pub quiz team?",
        ),
        m(
            249,
            FRANK,
            SOCIAL,
            27,
            0,
            &[],
            "Reminder: lock your screen when you leave your desk.",
        ),
        m(
            250,
            JUDY,
            SOCIAL,
            26,
            1,
            &[],
            "Found a great podcast about databases.",
        ),
    ]
}

/// The whole fixed network indexed.
pub fn network() -> ExpertiseIndex {
    let mut index = ExpertiseIndex::new();
    for person in people() {
        index.upsert_person(person);
    }
    for message in messages() {
        index.add_message(message);
    }
    index
}

/// Ids of the people `who_knows` returns for `text`, best first.
pub fn ranked(index: &ExpertiseIndex, text: &str) -> Vec<u64> {
    index
        .who_knows(&kring::expertise::Query::new(text), NOW)
        .iter()
        .map(|m| m.person_id)
        .collect()
}

/// Position of `id` in `ids` (panics with the list when absent).
pub fn position(ids: &[u64], id: u64) -> usize {
    ids.iter()
        .position(|&x| x == id)
        .unwrap_or_else(|| panic!("{id} not in {ids:?}"))
}
