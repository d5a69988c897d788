//! Generates private conversations (direct messages) between two or three people, many of them
//! with the demo user, as short back-and-forth exchanges (replies go to the first message).

use rand::Rng;
use rand::seq::IndexedRandom;

use super::conversations::{Conversations, DAY, HOUR};
use super::model::{Post, PostKind};
use super::vocabulary::{DIRECT, subjects};

impl Conversations<'_> {
    /// One private conversation; `with_demo` puts the demo user in it.
    pub fn private_thread(&mut self, with_demo: bool) {
        let first = if with_demo {
            0
        } else {
            self.employees[self.rng.random_range(0..self.employees.len())]
        };
        let mut participants = vec![first];
        while participants.len() < if self.rng.random_bool(0.2) { 3 } else { 2 } {
            let other = self.employees[self.rng.random_range(0..self.employees.len())];
            if !participants.contains(&other) {
                participants.push(other);
            }
            if self.employees.len() < 3 {
                break;
            }
        }
        if participants.len() < 2 {
            return;
        }
        participants.sort_unstable();
        let tag = self.people[participants[1]].expertise.first().copied();
        let subject = subjects()
            .find(|s| Some(s.tag) == tag)
            .or_else(|| subjects().next());
        let age = if self.rng.random_bool(0.15) {
            self.rng.random_range(600..6 * HOUR)
        } else {
            self.rng.random_range(HOUR..60 * DAY)
        };
        let mut at = self.now - age;
        let root = self.posts.len();
        let length = self.rng.random_range(1..=6);
        let mut sender = *participants.choose(self.rng).unwrap_or(&first);
        for n in 0..length {
            if n > 0 {
                at += self.rng.random_range(60..6 * HOUR);
                if at > self.now - 30 {
                    break;
                }
                let others: Vec<usize> = participants
                    .iter()
                    .copied()
                    .filter(|p| *p != sender)
                    .collect();
                sender = *others.choose(self.rng).unwrap_or(&sender);
            }
            let addressee = participants.iter().copied().find(|p| *p != sender);
            let template = DIRECT.choose(self.rng).copied().unwrap_or("Hi!");
            let plain = self.write(template, subject, sender, addressee);
            let parent = (n > 0).then_some(root);
            self.posts.push(Post {
                sender,
                community: None,
                parent,
                root,
                depth: u8::from(n > 0),
                at,
                plain,
                private_to: participants.clone(),
                kind: PostKind::Update,
                title: String::new(),
            });
        }
    }
}
