//! Generates the people: the demo user first, then employees across departments (titles, offices,
//! 1-5 expertise tags mostly from their department, optional interests and summaries, a few hidden
//! from the directory, a few who write about a subject they never declared), then customer guests.

use std::collections::HashSet;

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, IteratorRandom};

use super::DEMO_USERNAME;
use super::model::{Person, Time};
use super::text::{ascii_fold, pick};
use super::vocabulary::{
    CUSTOMERS, DEPARTMENTS, Department, FIRST_NAMES, GUEST_TITLES, INTERESTS, LAST_NAMES,
    LOCATIONS, subjects,
};

const DAY: Time = 86_400;

/// Employees per unit of scale (the demo user included).
pub const EMPLOYEES_PER_SCALE: usize = 142;
/// Customer guests per unit of scale.
pub const GUESTS_PER_SCALE: usize = 8;
/// People hidden from the directory per unit of scale.
pub const HIDDEN_PER_SCALE: usize = 4;
/// People who write about an undeclared subject, per unit of scale.
pub const UNDECLARED_PER_SCALE: usize = 4;

fn weighted<'a, T>(rng: &mut StdRng, items: &'a [T], weight: impl Fn(&T) -> u32) -> &'a T {
    let total: u32 = items.iter().map(&weight).sum();
    let mut roll = rng.random_range(0..total.max(1));
    for item in items {
        let w = weight(item);
        if roll < w {
            return item;
        }
        roll -= w;
    }
    &items[0]
}

/// Gives out unique usernames.
struct Usernames(HashSet<String>);

impl Usernames {
    fn claim(&mut self, first: &str, last: &str) -> String {
        let base = format!("{}{}", ascii_fold(first), ascii_fold(last));
        let mut name = base.clone();
        let mut n = 2;
        while !self.0.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }
}

fn expertise(rng: &mut StdRng, department: &Department) -> Vec<&'static str> {
    let count = *[1usize, 2, 2, 3, 3, 3, 4, 5].choose(rng).unwrap_or(&2);
    let mut tags: Vec<&'static str> = Vec::new();
    while tags.len() < count {
        let tag = if rng.random_bool(0.8) {
            pick(rng, department.subjects)
        } else {
            subjects().choose(rng).map_or("onboarding", |s| s.tag)
        };
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

fn summary(rng: &mut StdRng, title: &str, department: &str, place: &str, tags: &[&str]) -> String {
    if rng.random_bool(0.35) {
        return String::new();
    }
    let first = tags.first().copied().unwrap_or("our product");
    let templates = [
        format!("{title} in {department}, based in {place}. Ask me about {first}."),
        format!("I work on {first} in the {department} team. Happy to help, just message me."),
        format!("{title}. Previously consultant. Talks a lot about {first}."),
        format!("Based in {place}. {title} by day, learning new things by night."),
    ];
    templates.choose(rng).cloned().unwrap_or_default()
}

/// The demo user (always index 0).
fn demo(now: Time) -> Person {
    Person {
        username: DEMO_USERNAME.to_owned(),
        first_name: "Dana".to_owned(),
        full_name: "Dana Demo".to_owned(),
        email: format!("{DEMO_USERNAME}@halden.example"),
        job_title: "Community Manager".to_owned(),
        department: "People & Culture".to_owned(),
        location: "Amsterdam".to_owned(),
        expertise: vec!["community management", "working out loud", "onboarding"],
        interests: vec!["board games", "cycling"],
        summary: "I look after our communities. Tell me what would make them more useful to you."
            .to_owned(),
        activated_at: now - 700 * DAY,
        show_in_directory: true,
        guest: false,
        company: None,
        undeclared: None,
    }
}

/// Generates everyone for `scale`.
pub fn generate(rng: &mut StdRng, scale: usize, now: Time) -> Vec<Person> {
    let mut names = Usernames(HashSet::from([DEMO_USERNAME.to_owned()]));
    let mut people = vec![demo(now)];
    for _ in 1..EMPLOYEES_PER_SCALE * scale {
        let first = pick(rng, FIRST_NAMES);
        let last = pick(rng, LAST_NAMES);
        let username = names.claim(first, last);
        let department = weighted(rng, DEPARTMENTS, |d| d.weight);
        let location = weighted(rng, LOCATIONS, |l| l.1).0;
        let title = pick(rng, department.titles);
        let tags = expertise(rng, department);
        let interests = if rng.random_bool(0.34) {
            Vec::new()
        } else {
            let count = rng.random_range(1..=3);
            INTERESTS.choose_multiple(rng, count).copied().collect()
        };
        people.push(Person {
            email: format!("{username}@halden.example"),
            username,
            first_name: first.to_owned(),
            full_name: format!("{first} {last}"),
            job_title: title.to_owned(),
            department: department.name.to_owned(),
            location: location.to_owned(),
            summary: summary(rng, title, department.name, location, &tags),
            expertise: tags,
            interests,
            activated_at: now - rng.random_range(20 * DAY..2000 * DAY),
            show_in_directory: true,
            guest: false,
            company: None,
            undeclared: None,
        });
    }
    let employees = people.len();
    for idx in (1..employees).choose_multiple(rng, HIDDEN_PER_SCALE * scale) {
        people[idx].show_in_directory = false;
    }
    for idx in (1..employees).choose_multiple(rng, UNDECLARED_PER_SCALE * scale) {
        let department = DEPARTMENTS
            .iter()
            .find(|d| d.name == people[idx].department)
            .unwrap_or(&DEPARTMENTS[0]);
        let candidates: Vec<&'static str> = department
            .subjects
            .iter()
            .copied()
            .filter(|s| !people[idx].expertise.contains(s))
            .collect();
        people[idx].undeclared = candidates.choose(rng).copied();
    }
    for _ in 0..GUESTS_PER_SCALE * scale {
        let (company, domain) = *CUSTOMERS.choose(rng).unwrap_or(&CUSTOMERS[0]);
        let first = pick(rng, FIRST_NAMES);
        let last = pick(rng, LAST_NAMES);
        let username = names.claim(first, last);
        people.push(Person {
            email: format!("{username}@{domain}"),
            username,
            first_name: first.to_owned(),
            full_name: format!("{first} {last}"),
            job_title: format!("{} at {company}", pick(rng, GUEST_TITLES)),
            department: String::new(),
            location: String::new(),
            expertise: Vec::new(),
            interests: Vec::new(),
            summary: String::new(),
            activated_at: now - rng.random_range(10 * DAY..400 * DAY),
            show_in_directory: true,
            guest: true,
            company: Some(company),
            undeclared: None,
        });
    }
    people
}
