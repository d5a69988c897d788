//! Open questions matched with people through the expertise index, run the other way round:
//! each question's text is a "who knows" query, so the people it finds, and the reasons they
//! are found (declared expertise, messages, topics), are the directory's own. `for_person`
//! keeps, per question, how well one person matches; `for_community` keeps the best three.
//! People the index hides (`show_in_directory = false`) never appear; callers exclude more
//! (opted out, away) with a predicate. Deterministic; `now` is an argument.

use crate::expertise::{ExpertiseIndex, Match, Query, Reason};

use super::OpenQuestion;

/// People suggested per question in a community view.
pub const ANSWERERS_PER_QUESTION: usize = 3;

/// A question one person could answer, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionForYou {
    pub question: OpenQuestion,
    /// The person's score for the question's words (the directory's score).
    pub score: f64,
    /// `matches your 'kubernetes' and 'helm'; you wrote 4 messages on it`.
    pub why: String,
}

/// Someone who could answer a question.
#[derive(Clone, Debug, PartialEq)]
pub struct Answerer {
    pub person_id: u64,
    pub name: String,
    pub score: f64,
    /// The directory's summary (`declared: kubernetes · 3 messages in Platform · last 2 days ago`).
    pub why: String,
}

/// A community's open question with the people who could answer it (best first, at most
/// `ANSWERERS_PER_QUESTION`; empty when nobody matches).
#[derive(Clone, Debug, PartialEq)]
pub struct CommunityQuestion {
    pub question: OpenQuestion,
    pub answerers: Vec<Answerer>,
}

/// The query a question asks: its text, closed so the last word is not read as a prefix.
fn query_for(question: &OpenQuestion) -> Query {
    Query::new(format!("{} .", question.text))
}

/// The open questions `person` matches (not their own), best match first, then newest.
pub fn for_person(
    index: &ExpertiseIndex,
    person: u64,
    questions: &[OpenQuestion],
    now: i64,
) -> Vec<QuestionForYou> {
    let mut out: Vec<QuestionForYou> = questions
        .iter()
        .filter(|q| q.asker != person)
        .filter_map(|q| {
            let found = index.who_knows(&query_for(q), now);
            let mine = found.into_iter().find(|m| m.person_id == person)?;
            Some(QuestionForYou {
                question: q.clone(),
                score: mine.score,
                why: why_you(&mine),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.question.asked_at.cmp(&a.question.asked_at))
            .then(a.question.id.cmp(&b.question.id))
    });
    out
}

/// The open questions of `community` (every community when `None`), newest first, each with
/// the best `ANSWERERS_PER_QUESTION` people who could answer: never the asker, nobody the index
/// hides, nobody `excluded` says to leave out.
pub fn for_community(
    index: &ExpertiseIndex,
    questions: &[OpenQuestion],
    community: Option<u64>,
    excluded: &dyn Fn(u64) -> bool,
    now: i64,
) -> Vec<CommunityQuestion> {
    let mut out: Vec<CommunityQuestion> = questions
        .iter()
        .filter(|q| community.is_none_or(|c| q.community == Some(c)))
        .map(|q| {
            let answerers = index
                .who_knows(&query_for(q), now)
                .into_iter()
                .filter(|m| m.person_id != q.asker && !excluded(m.person_id))
                .take(ANSWERERS_PER_QUESTION)
                .map(|m| Answerer {
                    person_id: m.person_id,
                    name: index
                        .person(m.person_id)
                        .map(|p| p.display_name().to_owned())
                        .unwrap_or_default(),
                    score: m.score,
                    why: m.summary(now),
                })
                .collect();
            CommunityQuestion {
                question: q.clone(),
                answerers,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.question
            .asked_at
            .cmp(&a.question.asked_at)
            .then(a.question.id.cmp(&b.question.id))
    });
    out
}

/// The reasons of a match, addressed to the person matched.
fn why_you(found: &Match) -> String {
    let mut tags: Vec<String> = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    for reason in &found.reasons {
        match reason {
            Reason::Declared { tag, .. } => {
                if !tags.contains(tag) {
                    tags.push(tag.clone());
                }
            }
            Reason::Evidence { messages, .. } => parts.push(if *messages == 1 {
                "you wrote 1 message on it".to_owned()
            } else {
                format!("you wrote {messages} messages on it")
            }),
            Reason::Topic { name, count } => parts.push(format!("you used #{name} ×{count}")),
        }
    }
    if !tags.is_empty() {
        let quoted: Vec<String> = tags.iter().map(|t| format!("'{t}'")).collect();
        let list = match quoted.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => quoted.join(""),
        };
        parts.insert(0, format!("matches your {list}"));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expertise::{MessageDoc, PersonDoc};

    fn person(id: u64, name: &str, expertise: &[&str], visible: bool) -> PersonDoc {
        PersonDoc {
            id,
            full_name: name.to_owned(),
            username: name.to_lowercase(),
            expertise: expertise.iter().map(|s| (*s).to_owned()).collect(),
            show_in_directory: visible,
            ..PersonDoc::default()
        }
    }

    fn question(id: u64, asker: u64, community: u64, text: &str) -> OpenQuestion {
        OpenQuestion {
            id,
            community: Some(community),
            asker,
            asked_at: 1_000 + i64::try_from(id).unwrap_or(0),
            text: text.to_owned(),
            web_url: String::new(),
        }
    }

    fn index() -> ExpertiseIndex {
        let mut index = ExpertiseIndex::new();
        index.upsert_person(person(1, "Ann", &["kubernetes", "helm"], true));
        index.upsert_person(person(2, "Bob", &["postgres"], true));
        index.upsert_person(person(3, "Cid", &["kubernetes"], false));
        index.upsert_person(person(4, "Dee", &["helm"], true));
        index.upsert_person(person(5, "Eve", &[], true));
        index.add_message(MessageDoc {
            id: 900,
            sender_id: 5,
            body: "our kubernetes upgrade notes".to_owned(),
            created_at: 500,
            ..MessageDoc::default()
        });
        index.mark_people_complete();
        index
    }

    fn questions() -> Vec<OpenQuestion> {
        vec![
            question(10, 2, 7, "How do we pin a helm chart on kubernetes?"),
            question(11, 4, 7, "Which postgres version do we run?"),
            question(12, 2, 8, "Anyone know about gardening?"),
            question(13, 1, 7, "Helm or kustomize?"),
        ]
    }

    #[test]
    fn a_person_gets_the_questions_their_expertise_matches_with_the_reasons() {
        let found = for_person(&index(), 1, &questions(), 2_000);
        let ids: Vec<u64> = found.iter().map(|f| f.question.id).collect();
        // Their own question (13) is not offered back; gardening and postgres do not match.
        assert_eq!(ids, vec![10]);
        assert_eq!(found[0].why, "matches your 'kubernetes' and 'helm'");
        let bob = for_person(&index(), 2, &questions(), 2_000);
        assert_eq!(
            bob.iter().map(|f| f.question.id).collect::<Vec<_>>(),
            vec![11]
        );
        assert_eq!(bob[0].why, "matches your 'postgres'");
    }

    #[test]
    fn a_community_lists_its_questions_with_three_answerers_never_hidden_or_excluded() {
        let all = for_community(&index(), &questions(), Some(7), &|_| false, 2_000);
        let ids: Vec<u64> = all.iter().map(|q| q.question.id).collect();
        assert_eq!(ids, vec![13, 11, 10]);
        let helm_on_kube = &all[2];
        let people: Vec<u64> = helm_on_kube.answerers.iter().map(|a| a.person_id).collect();
        // Ann declares both words, Dee one, Eve wrote about one; Cid is hidden, Bob asked.
        assert_eq!(people, vec![1, 4, 5]);
        assert_eq!(helm_on_kube.answerers[0].name, "Ann");
        let without_ann = for_community(&index(), &questions(), Some(7), &|p| p == 1, 2_000);
        let people: Vec<u64> = without_ann[2]
            .answerers
            .iter()
            .map(|a| a.person_id)
            .collect();
        assert_eq!(people, vec![4, 5]);
        // The asker of the helm/kustomize question is Ann: she is not suggested to herself.
        assert!(all[0].answerers.iter().all(|a| a.person_id != 1));
    }
}
