//! `kring questions`: open questions of the last `--days` (the network's feed, or one
//! community's), matched with people by `social::questions` through an expertise index built
//! here from the directory (`users.json`) and the messages read as evidence. `--for-me`: the
//! questions you could answer, best match first, with why; otherwise each question with the
//! three people who could answer it (never you, as in the questions view of the terminal
//! client). Text fits 80 columns; `--json` prints `QuestionRecord`s.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::api::{Client, UserQuery};
use crate::cli::QuestionsArgs;
use crate::domain::{Catalog, Feed, GroupId};
use crate::expertise::feed::{message_doc, person_doc};
use crate::expertise::{ExpertiseIndex, relative_age};
use crate::launch::error::LaunchError;
use crate::social::DAY;
use crate::social::questions::{self, OpenQuestion};

use crate::social::read as social_read;

/// People per `users.json` page (the server's fixed page size).
const USERS_PAGE_SIZE: usize = 50;
/// Pages of `users.json` read at most.
const MAX_USER_PAGES: u32 = 400;

/// Someone who could answer a question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnswererRecord {
    pub id: u64,
    pub name: String,
    pub score: f64,
    pub why: String,
}

/// One open question, as `kring questions --json` prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuestionRecord {
    /// The question's message id (also its thread's).
    pub id: u64,
    pub community_id: Option<u64>,
    pub community: Option<String>,
    pub asker_id: u64,
    pub asker: String,
    /// RFC 3339.
    pub asked_at: String,
    pub text: String,
    pub web_url: String,
    /// `--for-me`: how well you match (the directory's score) and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// Without `--for-me`: the best three people who could answer, best first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answerers: Option<Vec<AnswererRecord>>,
}

/// Reads, matches and formats.
pub async fn run(client: &Client, args: &QuestionsArgs) -> Result<String, LaunchError> {
    let now = Utc::now().timestamp();
    let since = now
        - i64::try_from(args.days)
            .unwrap_or(i64::MAX / DAY)
            .min(36_500)
            * DAY;
    let groups = social_read::communities(client).await?;
    let community = match &args.community {
        Some(wanted) => Some(super::pick::pick(&groups, wanted)?.id),
        None => None,
    };
    let feed = community.map_or(Feed::AllCompany, |id| Feed::Community(GroupId(id)));
    let window = social_read::messages(client, &feed, since, args.max_messages).await?;
    let open: Vec<OpenQuestion> = questions::open_questions(&window.messages)
        .into_iter()
        .filter(|q| q.asked_at >= since)
        .collect();
    let mut index = ExpertiseIndex::new();
    let names = read_people(client, &mut index).await?;
    add_evidence(&mut index, &window.catalog, &window.messages);
    let group_names: HashMap<u64, String> = groups
        .iter()
        .map(|g| {
            (
                g.id,
                crate::text::SafeText::new(&g.display_name()).to_string(),
            )
        })
        .collect();
    let base = |q: &OpenQuestion| QuestionRecord {
        id: q.id,
        community_id: q.community,
        community: q.community.and_then(|c| group_names.get(&c).cloned()),
        asker_id: q.asker,
        asker: names
            .get(&q.asker)
            .cloned()
            .unwrap_or_else(|| format!("user {}", q.asker)),
        asked_at: DateTime::<Utc>::from_timestamp(q.asked_at, 0)
            .map(|d| d.to_rfc3339())
            .unwrap_or_default(),
        text: q.text.clone(),
        web_url: q.web_url.clone(),
        score: None,
        why: None,
        answerers: None,
    };
    let me = client
        .current_user()
        .await
        .map_err(super::reading("who you are"))?
        .id;
    let mut records: Vec<(QuestionRecord, i64)> = if args.for_me {
        questions::for_person(&index, me, &open, now)
            .into_iter()
            .map(|found| {
                let mut record = base(&found.question);
                record.score = Some(found.score);
                record.why = Some(found.why);
                (record, found.question.asked_at)
            })
            .collect()
    } else {
        questions::for_community(&index, &open, community, &|id| id == me, now)
            .into_iter()
            .map(|found| {
                let mut record = base(&found.question);
                record.answerers = Some(
                    found
                        .answerers
                        .into_iter()
                        .map(|a| AnswererRecord {
                            id: a.person_id,
                            name: a.name,
                            score: a.score,
                            why: a.why,
                        })
                        .collect(),
                );
                (record, found.question.asked_at)
            })
            .collect()
    };
    records.truncate(args.limit);
    if args.json {
        let plain: Vec<&QuestionRecord> = records.iter().map(|(r, _)| r).collect();
        return super::print::to_json(&plain);
    }
    Ok(text(&records, now, args.for_me))
}

/// Every listed person into `index`; their names by id.
pub(super) async fn read_people(
    client: &Client,
    index: &mut ExpertiseIndex,
) -> Result<HashMap<u64, String>, LaunchError> {
    let mut names = HashMap::new();
    for page in 1..=MAX_USER_PAGES {
        let users = client
            .users(&UserQuery {
                page: Some(page),
                ..UserQuery::default()
            })
            .await
            .map_err(super::reading("people"))?;
        let last = users.len() < USERS_PAGE_SIZE;
        for user in &users {
            names.insert(
                user.id,
                crate::text::SafeText::new(&user.display_name()).to_string(),
            );
            index.upsert_person(person_doc(user));
        }
        if last {
            break;
        }
    }
    index.mark_people_complete();
    Ok(names)
}

/// The messages read, as evidence of who writes about what.
pub(super) fn add_evidence(
    index: &mut ExpertiseIndex,
    catalog: &Catalog,
    messages: &[crate::domain::Message],
) {
    for message in messages {
        let community = message
            .community
            .and_then(|id| catalog.community(id))
            .map(|c| &c.name);
        let topics = message
            .topics
            .iter()
            .filter_map(|t| catalog.topic(*t).map(ToString::to_string))
            .collect();
        if let Some(doc) = message_doc(message, community, topics) {
            index.add_message(doc);
        }
    }
}

/// A block per question, no line wider than 80 columns.
fn text(records: &[(QuestionRecord, i64)], now: i64, for_me: bool) -> String {
    let mut out = String::new();
    for (r, asked_at) in records {
        let place = r.community.as_deref().unwrap_or("All Company");
        line(
            &mut out,
            &format!(
                "#{} · {} · {place} · {}",
                r.id,
                relative_age(now, *asked_at),
                r.asker
            ),
        );
        let first = r.text.lines().next().unwrap_or_default();
        line(&mut out, &format!("  {first}"));
        if let Some(why) = &r.why {
            line(&mut out, &format!("  → {why}"));
        }
        if let Some(answerers) = &r.answerers {
            if answerers.is_empty() {
                line(&mut out, "  → nobody in the directory matches yet");
            }
            for a in answerers {
                line(&mut out, &format!("  → {}: {}", a.name, a.why));
            }
        }
        out.push('\n');
    }
    if records.is_empty() {
        out.push_str(if for_me {
            "No open questions match your expertise.\n"
        } else {
            "No open questions.\n"
        });
    }
    out
}

fn line(out: &mut String, text: &str) {
    super::health::push(out, text);
}
