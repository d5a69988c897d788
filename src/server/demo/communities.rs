//! Generates the communities (the five the product is judged on, eight more, and project groups
//! at larger scales) and who belongs to which: people join communities about what they know,
//! their office, a few at random; guests only join "Customer Voice".

use std::collections::BTreeSet;

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::model::{Chatter, Community, Person, Time};
use super::vocabulary::subjects;

const DAY: Time = 86_400;

/// `(name, description, subjects, chatter, external, weight)` of the standard communities.
type Spec = (
    &'static str,
    &'static str,
    &'static [&'static str],
    Chatter,
    bool,
    u32,
);

const STANDARD: &[Spec] = &[
    (
        "Engineering Platform",
        "Clusters, pipelines, databases and everything that keeps the product running.",
        &[
            "kubernetes",
            "terraform",
            "observability",
            "ci/cd",
            "postgres",
            "rust",
            "incident response",
            "api design",
        ],
        Chatter::Subjects,
        false,
        16,
    ),
    (
        "Social Business",
        "How we work together in the open: working out loud, sharing, enterprise social.",
        &["working out loud", "community management"],
        Chatter::Subjects,
        false,
        7,
    ),
    (
        "Community Managers",
        "For everyone who runs a community here. Tips, metrics and moral support.",
        &["community management", "working out loud", "onboarding"],
        Chatter::Subjects,
        false,
        6,
    ),
    (
        "New Joiners & Training",
        "Welcome! Ask anything about your first weeks, and find training here.",
        &["onboarding", "learning and development"],
        Chatter::NewJoiners,
        false,
        7,
    ),
    (
        "Customer Voice",
        "Customers and our teams in one place: questions, feedback and ideas.",
        &[
            "onboarding",
            "pricing",
            "accessibility",
            "customer success",
            "data privacy",
        ],
        Chatter::Subjects,
        true,
        9,
    ),
    (
        "Security & Privacy Guild",
        "Audits, threat models, privacy reviews and GDPR questions.",
        &["security audit", "data privacy", "gdpr"],
        Chatter::Subjects,
        false,
        6,
    ),
    (
        "Data & Machine Learning",
        "Models, pipelines, the warehouse and what the numbers say.",
        &[
            "machine learning",
            "data engineering",
            "product analytics",
            "python",
        ],
        Chatter::Subjects,
        false,
        7,
    ),
    (
        "Design Crit",
        "Show work in progress, get feedback, talk research and accessibility.",
        &["ux research", "accessibility", "design systems"],
        Chatter::Subjects,
        false,
        6,
    ),
    (
        "Sales Wins",
        "Deals, playbooks and what worked with customers.",
        &[
            "sales enablement",
            "pricing",
            "customer success",
            "contract law",
        ],
        Chatter::Subjects,
        false,
        6,
    ),
    (
        "Product Launches",
        "Launch plans, pricing, localisation and launch content.",
        &[
            "product analytics",
            "localization",
            "content strategy",
            "pricing",
        ],
        Chatter::Subjects,
        false,
        5,
    ),
    (
        "People & Culture",
        "Hiring, learning, budgets and how we grow as a company.",
        &["recruiting", "learning and development", "budgeting"],
        Chatter::Subjects,
        false,
        4,
    ),
    (
        "Amsterdam Office",
        "Life at the Amsterdam office: lunches, desks, events.",
        &[],
        Chatter::Office,
        false,
        3,
    ),
    (
        "Running Club",
        "Runs before work, races and personal bests.",
        &[],
        Chatter::Running,
        false,
        2,
    ),
];

const PROJECT_NAMES: &[&str] = &[
    "Aurora", "Beacon", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris",
    "Juniper", "Kestrel", "Lumen", "Monsoon", "Nimbus", "Orchid", "Pioneer", "Quartz", "Ridge",
    "Sierra", "Tundra",
];

/// Names of the communities the demo user belongs to.
pub const DEMO_COMMUNITIES: &[&str] = &[
    "Engineering Platform",
    "Social Business",
    "Community Managers",
    "New Joiners & Training",
    "Customer Voice",
    "Amsterdam Office",
];

fn slug(name: &str) -> String {
    let mut out = String::new();
    for word in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

/// The communities for `scale`: the standard thirteen, plus two project groups per extra unit.
pub fn generate(rng: &mut StdRng, scale: usize, now: Time) -> Vec<Community> {
    let mut out: Vec<Community> = STANDARD
        .iter()
        .map(
            |(name, description, subjects, chatter, external, weight)| Community {
                slug: slug(name),
                full_name: (*name).to_owned(),
                description: (*description).to_owned(),
                subjects: subjects.to_vec(),
                chatter: *chatter,
                external: *external,
                weight: *weight,
                created_at: now - rng.random_range(400 * DAY..1500 * DAY),
                private: false,
            },
        )
        .collect();
    let all_tags: Vec<&'static str> = subjects().map(|s| s.tag).collect();
    for n in 0..(scale.saturating_sub(1) * 2) {
        let codename = PROJECT_NAMES[n % PROJECT_NAMES.len()];
        let round = n / PROJECT_NAMES.len();
        let name = if round == 0 {
            format!("Project {codename}")
        } else {
            format!("Project {codename} {}", round + 1)
        };
        let picked: Vec<&'static str> = all_tags.choose_multiple(rng, 3).copied().collect();
        out.push(Community {
            slug: slug(&name),
            description: format!(
                "Working group for project {codename}: {}.",
                picked.join(", ")
            ),
            full_name: name,
            subjects: picked,
            chatter: Chatter::Subjects,
            external: false,
            weight: 3,
            created_at: now - rng.random_range(30 * DAY..300 * DAY),
            private: false,
        });
    }
    out
}

/// Who belongs where: `(community, person)`.
pub fn memberships(
    rng: &mut StdRng,
    people: &[Person],
    communities: &[Community],
) -> BTreeSet<(usize, usize)> {
    let mut members = BTreeSet::new();
    for (p, person) in people.iter().enumerate() {
        for (c, community) in communities.iter().enumerate() {
            let joins = if p == 0 {
                DEMO_COMMUNITIES.contains(&community.full_name.as_str())
            } else if person.guest {
                community.external
            } else {
                let knows = community
                    .subjects
                    .iter()
                    .any(|s| person.expertise.contains(s) || person.undeclared == Some(s));
                let chance = match community.chatter {
                    Chatter::Office => {
                        if person.location == "Amsterdam" {
                            0.7
                        } else {
                            0.03
                        }
                    }
                    Chatter::Running => 0.1,
                    Chatter::NewJoiners => 0.3,
                    Chatter::Subjects if knows => 0.75,
                    Chatter::Subjects => 0.08,
                };
                rng.random_bool(chance)
            };
            if joins {
                members.insert((c, p));
            }
        }
    }
    members
}
