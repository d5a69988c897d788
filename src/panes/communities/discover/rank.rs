//! The suggestion order of Discover: communities that match the user's department, that name
//! what they declared as their expertise or interests, and that many of the people they follow
//! are in come first; then the busiest. Pure functions.

use std::collections::HashMap;

use crate::domain::{Community, GroupId, Person};

/// Why a community is suggested.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reasons {
    /// The name or description mentions the user's department.
    pub department: bool,
    /// How many of the user's declared topics the name or description mentions.
    pub topics: u32,
    /// How many of the people the user follows are members.
    pub followed: u32,
}

impl Reasons {
    /// The weight of the reasons: a department match counts as two matching topics, each of
    /// those as two people followed there.
    pub const fn score(self) -> u32 {
        (self.department as u32) * 4 + self.topics * 2 + self.followed
    }

    /// "your department, 2 people you follow", or empty when there is no reason.
    pub fn describe(self) -> String {
        let mut parts = Vec::new();
        if self.department {
            parts.push("your department".to_owned());
        }
        match self.topics {
            0 => {}
            1 => parts.push("one of your topics".to_owned()),
            n => parts.push(format!("{n} of your topics")),
        }
        match self.followed {
            0 => {}
            1 => parts.push("1 person you follow".to_owned()),
            n => parts.push(format!("{n} people you follow")),
        }
        parts.join(", ")
    }
}

/// Whether `haystack` (lower case) holds `needle` as a whole word or phrase.
fn mentions(haystack: &str, needle: &str) -> bool {
    let needle = needle.trim().to_lowercase();
    if needle.chars().count() < 2 {
        return false;
    }
    haystack.match_indices(&needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Why `community` suits `me`.
pub fn reasons(
    community: &Community,
    me: Option<&Person>,
    followed_in: &HashMap<GroupId, u32>,
) -> Reasons {
    let text = format!(
        "{} {}",
        community.name.as_str().to_lowercase(),
        community.description.as_str().to_lowercase()
    );
    let department = me.is_some_and(|p| mentions(&text, p.department.as_str()));
    let topics = me.map_or(0, |p| {
        let hits = p
            .expertise
            .iter()
            .filter(|topic| mentions(&text, topic.as_str()))
            .count();
        u32::try_from(hits).unwrap_or(u32::MAX)
    });
    Reasons {
        department,
        topics,
        followed: followed_in.get(&community.id).copied().unwrap_or(0),
    }
}

/// `communities` in suggestion order: best reasons first, then most members, then by name.
pub fn suggestion_order(
    communities: &[&Community],
    me: Option<&Person>,
    followed_in: &HashMap<GroupId, u32>,
) -> Vec<GroupId> {
    let mut ranked: Vec<(u32, u64, String, GroupId)> = communities
        .iter()
        .map(|c| {
            (
                reasons(c, me, followed_in).score(),
                c.members,
                c.name.as_str().to_lowercase(),
                c.id,
            )
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    ranked.into_iter().map(|r| r.3).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{SafeText, UserId};

    fn community(id: u64, name: &str, description: &str, members: u64) -> Community {
        Community {
            id: GroupId(id),
            name: SafeText::new(name),
            description: SafeText::new(description),
            privacy: SafeText::new("public"),
            members,
            last_message: None,
            external: false,
        }
    }

    fn me(department: &str, expertise: &[&str]) -> Person {
        Person {
            department: SafeText::new(department),
            expertise: expertise.iter().map(|e| SafeText::new(e)).collect(),
            ..Person::unknown(UserId(1))
        }
    }

    #[test]
    fn department_topics_and_followed_people_come_before_size() {
        let big = community(1, "Cafeteria", "Lunch menus", 500);
        let dept = community(2, "Design Crit", "Weekly critique for the Design team", 12);
        let topic = community(3, "Rust Guild", "All things rust", 8);
        let friends = community(4, "Running Club", "Early runs", 5);
        let followed = HashMap::from([(GroupId(4), 1)]);
        let person = me("Design", &["Rust"]);
        let order = suggestion_order(&[&big, &dept, &topic, &friends], Some(&person), &followed);
        assert_eq!(order, vec![GroupId(2), GroupId(3), GroupId(4), GroupId(1)]);
    }

    #[test]
    fn without_reasons_the_busiest_and_then_the_name_lead() {
        let a = community(1, "beta", "", 3);
        let b = community(2, "Alpha", "", 3);
        let c = community(3, "Gamma", "", 9);
        let order = suggestion_order(&[&a, &b, &c], None, &HashMap::new());
        assert_eq!(order, vec![GroupId(3), GroupId(2), GroupId(1)]);
    }

    #[test]
    fn a_department_matches_whole_words_only() {
        let sales = community(1, "Wholesale deals", "", 1);
        let person = me("Sales", &[]);
        assert!(!reasons(&sales, Some(&person), &HashMap::new()).department);
        let team = community(2, "Sales kickoff", "", 1);
        let why = reasons(&team, Some(&person), &HashMap::new());
        assert!(why.department);
        assert_eq!(why.describe(), "your department");
    }
}
