//! Generates likes (most posts get a few, some many; the demo user likes a share of what they
//! see) and who follows whom (mostly colleagues from the same department).

use std::collections::{BTreeMap, BTreeSet};

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::model::{Person, Post, Time};

/// Chance that the demo user likes a post they can see.
const DEMO_LIKES: f64 = 0.07;

/// `(post, person, at)` likes for every post.
pub fn likes(
    rng: &mut StdRng,
    posts: &[Post],
    members_of: &[Vec<usize>],
    employees: &[usize],
    now: Time,
) -> Vec<(usize, usize, Time)> {
    let mut out = Vec::new();
    for (idx, post) in posts.iter().enumerate() {
        let crowd: &[usize] = if !post.private_to.is_empty() {
            &post.private_to
        } else {
            match post.community {
                Some(c) if !members_of[c].is_empty() => &members_of[c],
                _ => employees,
            }
        };
        let roll = rng.random_range(0..100);
        let count = match (post.parent.is_none(), roll) {
            _ if !post.private_to.is_empty() => usize::from(roll < 10),
            (true, 0..35) | (false, 0..55) => 0,
            (true, 35..75) | (false, 55..90) => rng.random_range(1..=3),
            (true, 75..95) | (false, 90..100) => rng.random_range(4..=10),
            _ => rng.random_range(11..=25),
        };
        let mut likers: BTreeSet<usize> = crowd
            .choose_multiple(rng, count)
            .copied()
            .filter(|p| *p != post.sender)
            .collect();
        let demo_sees = post.private_to.contains(&0)
            || (post.private_to.is_empty()
                && post
                    .community
                    .is_none_or(|c| members_of[c].binary_search(&0).is_ok()));
        if demo_sees && post.sender != 0 && rng.random_bool(DEMO_LIKES) {
            likers.insert(0);
        } else if post.sender != 0 {
            likers.remove(&0);
        }
        for person in likers {
            let latest = (post.at + 2 * 86_400).min(now - 1);
            let at = if latest > post.at + 1 {
                rng.random_range(post.at + 1..latest)
            } else {
                latest
            };
            out.push((idx, person, at));
        }
    }
    out
}

/// `(follower, followed)` pairs: employees follow 3-12 people, the demo user about twenty.
pub fn follows(
    rng: &mut StdRng,
    people: &[Person],
    employees: &[usize],
) -> BTreeSet<(usize, usize)> {
    let mut by_department: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &person in employees {
        by_department
            .entry(people[person].department.as_str())
            .or_default()
            .push(person);
    }
    let mut out = BTreeSet::new();
    for &person in employees {
        let wanted = if person == 0 {
            20
        } else {
            rng.random_range(3..=12)
        };
        let colleagues = by_department
            .get(people[person].department.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut followed = 0;
        for _ in 0..wanted * 4 {
            if followed == wanted {
                break;
            }
            let pool = if rng.random_bool(0.6) && colleagues.len() > 1 {
                colleagues
            } else {
                employees
            };
            if let Some(&other) = pool.choose(rng)
                && other != person
                && out.insert((person, other))
            {
                followed += 1;
            }
        }
    }
    out
}
