//! Generates the public conversations: threads in communities and All Company over the last 90
//! days, with replies to replies (depth up to 4), @mentions and #topics. Experts share and answer
//! in their subject's own vocabulary, so expertise can be learned from what people write.

use std::collections::{BTreeMap, BTreeSet};

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::model::{Chatter, Community, Person, Post, PostKind, Time};
use super::text::{Slots, fill, lead_in, pick};
use super::vocabulary::{
    ALL_COMPANY, GENERIC_REPLIES, GUEST_OPENERS, NEW_JOINERS, OFFICE, QUESTION_OPENERS, RUNNING,
    SHARE_OPENERS, Subject, THANKS, subjects,
};

pub const HOUR: Time = 3_600;
pub const DAY: Time = 86_400;
/// How far back the history goes.
pub const HISTORY: Time = 90 * DAY;
/// Deepest reply level (a reply to a reply to a reply to a reply).
const MAX_DEPTH: u8 = 4;
/// Chance that the demo user writes a post where they are a member.
const DEMO_POSTS: f64 = 0.04;

/// What a thread is about.
#[derive(Clone, Copy)]
enum Theme {
    Subject {
        subject: &'static Subject,
        question: bool,
    },
    Chatter(&'static [&'static str]),
}

/// Generation state shared by every thread.
pub struct Conversations<'a> {
    pub rng: &'a mut StdRng,
    pub now: Time,
    pub people: &'a [Person],
    pub communities: &'a [Community],
    /// Members of each community, by community index.
    pub members_of: Vec<Vec<usize>>,
    /// Employees (everyone who is not a guest).
    pub employees: Vec<usize>,
    /// Who writes about each subject (undeclared writers weigh triple).
    experts: BTreeMap<&'static str, Vec<usize>>,
    pub posts: Vec<Post>,
}

impl<'a> Conversations<'a> {
    pub fn new(
        rng: &'a mut StdRng,
        now: Time,
        people: &'a [Person],
        communities: &'a [Community],
        members: &BTreeSet<(usize, usize)>,
    ) -> Self {
        let mut members_of = vec![Vec::new(); communities.len()];
        for (c, p) in members {
            members_of[*c].push(*p);
        }
        let mut experts: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
        for (p, person) in people.iter().enumerate() {
            for tag in &person.expertise {
                experts.entry(tag).or_default().push(p);
            }
            if let Some(tag) = person.undeclared {
                experts.entry(tag).or_default().extend([p, p, p]);
            }
        }
        let employees = (0..people.len()).filter(|p| !people[*p].guest).collect();
        Self {
            rng,
            now,
            people,
            communities,
            members_of,
            employees,
            experts,
            posts: Vec::new(),
        }
    }

    fn demo_is_member(&self, community: Option<usize>) -> bool {
        community.is_none_or(|c| self.members_of[c].binary_search(&0).is_ok())
    }

    /// A random member of the community (any employee for All Company).
    pub fn anyone(&mut self, community: Option<usize>) -> usize {
        if self.demo_is_member(community) && self.rng.random_bool(DEMO_POSTS) {
            return 0;
        }
        let crowd = match community {
            Some(c) if !self.members_of[c].is_empty() => &self.members_of[c],
            _ => &self.employees,
        };
        crowd[self.rng.random_range(0..crowd.len())]
    }

    fn expert(&mut self, tag: &str, community: Option<usize>) -> usize {
        match self.experts.get(tag) {
            Some(pool) if !pool.is_empty() => pool[self.rng.random_range(0..pool.len())],
            _ => self.anyone(community),
        }
    }

    fn guest(&mut self, community: usize) -> Option<usize> {
        let guests: Vec<usize> = self.members_of[community]
            .iter()
            .copied()
            .filter(|p| self.people[*p].guest)
            .collect();
        guests.choose(self.rng).copied()
    }

    /// Fills a template as written by `sender`, mentioning `mention` where it asks to.
    pub fn write(
        &mut self,
        template: &str,
        subject: Option<&'static Subject>,
        sender: usize,
        mention: Option<usize>,
    ) -> String {
        let people = self.people;
        let person = &people[sender];
        let slots = Slots {
            terms: subject.map_or(&[][..], |s| s.terms),
            mention: mention.map(|p| people[p].username.as_str()),
            first: mention.map_or("there", |p| people[p].first_name.as_str()),
            team: if person.department.is_empty() {
                "our team"
            } else {
                &person.department
            },
            place: match person.location.as_str() {
                "" | "Remote" => "Amsterdam",
                office => office,
            },
            customer: person.company.unwrap_or("our company"),
        };
        fill(self.rng, template, &slots)
    }

    fn theme(&mut self, community: Option<usize>) -> Theme {
        let question = self.rng.random_bool(0.55);
        let communities = self.communities;
        let tags: &[&'static str] = community.map_or(&[], |c| &communities[c].subjects);
        let chatter = match community.map(|c| communities[c].chatter) {
            None => self.rng.random_bool(0.45).then_some(ALL_COMPANY),
            Some(Chatter::Office) => Some(OFFICE),
            Some(Chatter::Running) => Some(RUNNING),
            Some(Chatter::NewJoiners) => self.rng.random_bool(0.5).then_some(NEW_JOINERS),
            Some(Chatter::Subjects) => None,
        };
        if let Some(lines) = chatter {
            return Theme::Chatter(lines);
        }
        let subject = match tags.choose(self.rng) {
            Some(tag) => subjects().find(|s| s.tag == *tag),
            None => {
                let all: Vec<&'static Subject> = subjects().collect();
                all.choose(self.rng).copied()
            }
        };
        match subject {
            Some(subject) => Theme::Subject { subject, question },
            None => Theme::Chatter(ALL_COMPANY),
        }
    }

    fn starter(&mut self, theme: Theme, community: Option<usize>) -> (usize, String) {
        match theme {
            Theme::Chatter(lines) => {
                let sender = self.anyone(community);
                let mention = self.anyone(community);
                let line = pick(self.rng, lines);
                (sender, self.write(line, None, sender, Some(mention)))
            }
            Theme::Subject { subject, question } => {
                let external = community.filter(|c| self.communities[*c].external);
                let guest = match external {
                    Some(c) if question && self.rng.random_bool(0.6) => self.guest(c),
                    _ => None,
                };
                let sender = match (guest, question) {
                    (Some(g), _) => g,
                    (None, true) => self.anyone(community),
                    (None, false) => self.expert(subject.tag, community),
                };
                let opener = match (guest, question) {
                    (Some(_), _) => pick(self.rng, GUEST_OPENERS),
                    (None, true) => pick(self.rng, QUESTION_OPENERS),
                    (None, false) => pick(self.rng, SHARE_OPENERS),
                };
                let template = if question {
                    subject.questions
                } else {
                    subject.shares
                };
                let body = pick(self.rng, template);
                // A template with a lead-in of its own ("Deprecation notice: …") takes no other.
                let opener = if lead_in(body).is_some() { "" } else { opener };
                let mut text = self.write(&format!("{opener}{body}"), Some(subject), sender, None);
                if question && self.rng.random_bool(0.25) {
                    let expert = self.expert(subject.tag, community);
                    if expert != sender {
                        text.push_str(&format!(" @{}, any idea?", self.people[expert].username));
                    }
                } else if sender != 0
                    && self.demo_is_member(community)
                    && self.rng.random_bool(0.05)
                {
                    text.push_str(" cc @demo");
                }
                if self.rng.random_bool(0.55) {
                    text.push_str(&format!(" #{}", subject.hashtag));
                }
                (sender, text)
            }
        }
    }

    /// One thread with its replies.
    pub fn thread(&mut self, community: Option<usize>) {
        let theme = self.theme(community);
        let age = if self.rng.random_bool(0.05) {
            self.rng.random_range(600..8 * HOUR)
        } else {
            self.rng.random_range(HOUR..HISTORY)
        };
        let (sender, plain) = self.starter(theme, community);
        let root = self.posts.len();
        self.posts.push(Post {
            sender,
            community,
            parent: None,
            root,
            depth: 0,
            at: self.now - age,
            plain,
            private_to: Vec::new(),
            kind: match theme {
                Theme::Subject { question: true, .. } => PostKind::Question,
                _ => PostKind::Update,
            },
            title: String::new(),
        });
        let replies = match self.rng.random_range(0..100) {
            0..20 => 0,
            20..95 => self.rng.random_range(1..=7),
            _ => self.rng.random_range(8..=24),
        };
        for _ in 0..replies {
            self.reply(root, theme, community);
        }
    }

    fn reply(&mut self, root: usize, theme: Theme, community: Option<usize>) {
        let open: Vec<usize> = (root..self.posts.len())
            .filter(|i| self.posts[*i].depth < MAX_DEPTH)
            .collect();
        let parent = if self.rng.random_bool(0.5) {
            root
        } else {
            open.choose(self.rng).copied().unwrap_or(root)
        };
        let spread = *[600, HOUR, 4 * HOUR, DAY, 3 * DAY]
            .choose(self.rng)
            .unwrap_or(&HOUR);
        let at = self.posts[parent].at + self.rng.random_range(120..spread);
        if at > self.now - 30 {
            return;
        }
        let parent_sender = self.posts[parent].sender;
        let asker = self.posts[root].sender;
        let roll = self.rng.random_range(0..100);
        let (sender, template, subject, answer) = match theme {
            Theme::Subject { subject, .. } if roll < 50 => {
                let expert = self.expert(subject.tag, community);
                (expert, pick(self.rng, subject.answers), Some(subject), true)
            }
            Theme::Subject { subject, .. } if roll < 65 && parent_sender != asker => {
                (asker, pick(self.rng, THANKS), Some(subject), false)
            }
            Theme::Subject { subject, .. } if roll < 75 => {
                let sender = self.anyone(community);
                (
                    sender,
                    pick(self.rng, subject.questions),
                    Some(subject),
                    false,
                )
            }
            _ => {
                let sender = self.anyone(community);
                (sender, pick(self.rng, GENERIC_REPLIES), None, false)
            }
        };
        let mut plain = self.write(template, subject, sender, Some(parent_sender));
        if answer && parent_sender != sender && self.rng.random_bool(0.3) {
            plain = format!("@{} {plain}", self.people[parent_sender].username);
        }
        if let Some(subject) = subject
            && self.rng.random_bool(0.1)
        {
            plain.push_str(&format!(" #{}", subject.hashtag));
        }
        let depth = self.posts[parent].depth + 1;
        self.posts.push(Post {
            sender,
            community,
            parent: Some(parent),
            root,
            depth,
            at,
            plain,
            private_to: Vec::new(),
            kind: PostKind::Update,
            title: String::new(),
        });
    }
}
