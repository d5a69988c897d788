//! A small expertise network for the people pane tests: a few people with known expertise and
//! messages (declared and written, declared only, written only, hidden, a name that looks like a
//! subject), fifty colleagues to make the listing page, and helpers that answer the pane's
//! requests through `update` exactly as the worker would.

use kring::api::dto::{self, MessagesEnvelope, Reference};
use kring::app::core::effect::Effect;
use kring::app::core::msg::{ApiMsg, Msg};
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::domain::convert::page_from_envelope;
use kring::domain::{Feed, UserId};
use kring::panes::people::effect::{PeopleEffect, PeopleMsg, Profile, USERS_PAGE_SIZE};

use crate::harness::tui::{self, ENGINEERING, group, message, now};

pub const KIM: u64 = 101;
pub const LARS: u64 = 102;
pub const EVA: u64 = 103;
pub const HANK: u64 = 104;
pub const KUBO: u64 = 105;
pub const LENA: u64 = 106;
/// Fifty colleagues with ids from here on.
pub const FIRST_COLLEAGUE: u64 = 200;
pub const COLLEAGUES: u64 = 50;

#[allow(clippy::too_many_arguments)]
fn person(
    id: u64,
    username: &str,
    full_name: &str,
    title: &str,
    department: &str,
    location: &str,
    expertise: &[&str],
    shown: bool,
) -> dto::User {
    dto::User {
        id,
        name: username.into(),
        full_name: full_name.into(),
        job_title: title.into(),
        department: department.into(),
        location: location.into(),
        expertise: expertise.iter().map(|e| e.to_string()).collect(),
        show_in_directory: shown,
        last_active_at: Some(dto::YammerTime(
            (now() - chrono::Duration::hours(i64::try_from(id % 48).unwrap_or(1))).fixed_offset(),
        )),
        stats: dto::UserStats {
            following: 3,
            followers: id % 7,
            updates: 40,
        },
        ..dto::User::default()
    }
}

/// Everyone, in the server's order (by username).
pub fn users() -> Vec<dto::User> {
    let mut all = vec![
        person(
            EVA,
            "evaferreira",
            "Eva Ferreira",
            "Support Engineer",
            "Customer Success",
            "Lisbon",
            &["customer onboarding"],
            true,
        ),
        person(
            HANK,
            "hankhidden",
            "Hank Hidden",
            "Platform Engineer",
            "Engineering",
            "Berlin",
            &["kubernetes"],
            false,
        ),
        {
            let mut kim = person(
                KIM,
                "kimdevries",
                "Kim de Vries",
                "Platform Engineer",
                "Engineering",
                "Amsterdam",
                &["kubernetes", "helm"],
                true,
            );
            kim.interests = vec!["bouldering".into()];
            kim.summary = "Keeps the clusters up.".into();
            kim
        },
        person(
            KUBO,
            "kubotanaka",
            "Kubo Tanaka",
            "Account Executive",
            "Sales",
            "Tokyo",
            &["negotiation"],
            true,
        ),
        person(
            LARS,
            "larsnieminen",
            "Lars Nieminen",
            "Site Reliability Engineer",
            "Engineering",
            "Berlin",
            &["kubernetes"],
            true,
        ),
        person(
            LENA,
            "lenaberg",
            "Lena Berg",
            "Privacy Counsel",
            "Legal",
            "Amsterdam",
            &["gdpr", "contract law"],
            true,
        ),
    ];
    for n in 0..COLLEAGUES {
        let id = FIRST_COLLEAGUE + n;
        all.push(person(
            id,
            &format!("colleague{n:02}"),
            &format!("Colleague {n:02}"),
            "Analyst",
            "Finance",
            "Remote",
            &["budgeting"],
            true,
        ));
    }
    all
}

/// Page `page` (from 1) of the people listing.
pub fn listing_page(page: u32) -> Vec<Profile> {
    users()
        .chunks(USERS_PAGE_SIZE)
        .nth(page.saturating_sub(1) as usize)
        .unwrap_or_default()
        .iter()
        .map(Profile::from_user)
        .collect()
}

const DAY: i64 = 24 * 60;

/// Messages about the subjects: ids from 1000, each its own thread, in Engineering Platform.
pub fn subject_messages() -> Vec<dto::Message> {
    let eng = Some(ENGINEERING);
    let mut out = Vec::new();
    let mut add = |sender: u64, age_days: i64, body: &str| {
        let id = 1000 + out.len() as u64;
        out.push(message(id, id, sender, None, eng, age_days * DAY, body));
    };
    add(
        KIM,
        3,
        "Rolled the kubernetes upgrade to every cluster tonight.",
    );
    add(
        KIM,
        5,
        "Kubernetes pod disruption budgets are now set for every service.",
    );
    add(
        KIM,
        9,
        "Helm charts for the kubernetes ingress are in the platform repo.",
    );
    for day in [2, 4, 6, 8] {
        add(
            EVA,
            day,
            "Which kubernetes namespace do customer sandboxes live in?",
        );
    }
    for day in [1, 2, 3, 4, 5] {
        add(
            HANK,
            day,
            "Kubernetes autoscaling notes for the platform team.",
        );
    }
    add(
        LENA,
        10,
        "The GDPR retention schedule is in the legal wiki.",
    );
    out
}

/// The envelope All Company answers with: the subject messages and their references.
pub fn subject_envelope() -> MessagesEnvelope {
    let mut envelope = MessagesEnvelope {
        messages: subject_messages(),
        references: vec![Reference::Group(group(ENGINEERING, "Engineering Platform"))],
        ..MessagesEnvelope::default()
    };
    envelope.meta.current_user_id = Some(tui::ME);
    envelope
}

/// A loaded state in which All Company was read (so the subject messages arrived), focus back
/// on the timeline.
pub fn state_with_messages(width: u16, height: u16) -> State {
    let mut state = tui::loaded_state(width, height);
    let effects = kring::app::core::route::open_feed(&mut state, Feed::AllCompany);
    for effect in effects {
        if let Effect::FetchFeed { req, feed, page } = effect {
            let more = update(
                &mut state,
                Msg::Api(ApiMsg::Feed {
                    req,
                    feed,
                    page,
                    result: Ok(page_from_envelope(&subject_envelope())),
                }),
            );
            tui::answer_older_with_nothing(&mut state, &more);
        }
    }
    state
}

/// The people-pane requests among `effects`.
pub fn people_effects(effects: &[Effect]) -> Vec<PeopleEffect> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::People(PeopleEffect::KeepListing { .. }) => None,
            Effect::People(p) => Some(p.clone()),
            _ => None,
        })
        .collect()
}

/// Where the listing stands as the effects ask the cache to keep it: (next page, complete).
pub fn kept_listing(effects: &[Effect]) -> Vec<(u32, bool)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::People(PeopleEffect::KeepListing {
                next_page,
                complete,
                ..
            }) => Some((*next_page, *complete)),
            _ => None,
        })
        .collect()
}

/// Answers every listing request among `effects` (and the ones that follow) from the fixture,
/// returning the other effects seen on the way.
pub fn answer_listing(state: &mut State, effects: Vec<Effect>) -> Vec<Effect> {
    let mut queue = effects;
    let mut others = Vec::new();
    while let Some(effect) = queue.pop() {
        match effect {
            Effect::People(PeopleEffect::ListPage { req, page }) => {
                queue.extend(update(
                    state,
                    Msg::People(PeopleMsg::ListPage {
                        req,
                        page,
                        result: Ok(listing_page(page)),
                    }),
                ));
            }
            other => others.push(other),
        }
    }
    others
}

/// A state with the subject messages received and the people pane open and fully listed.
pub fn people_state(width: u16, height: u16) -> State {
    let mut state = state_with_messages(width, height);
    let effects = tui::act(&mut state, kring::input::action::Action::PanePeople);
    answer_listing(&mut state, effects);
    state
}

/// Ids listed by the pane, in order.
pub fn listed(state: &State) -> Vec<u64> {
    state.people.listing.found.iter().map(|f| f.id.0).collect()
}

/// The reasons line of a listed person at the fixed clock.
pub fn reasons_of(state: &State, id: u64) -> Option<String> {
    state
        .people
        .listing
        .found
        .iter()
        .find(|f| f.id == UserId(id))
        .and_then(|f| f.why.as_ref())
        .map(|m| m.summary(now().timestamp()))
}
