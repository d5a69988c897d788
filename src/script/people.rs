//! `kring people [QUERY]`: the people directory from `users.json`, or with a subject "who knows
//! it", ranked by the same index and reasons as the People pane. Evidence comes from the
//! server's message search for the query words (`--evidence-pages` pages), so the answer needs
//! no local cache. Department and location filters match as in the pane.

use chrono::Utc;

use crate::api::{Client, UserQuery};
use crate::cli::PeopleArgs;
use crate::domain::Catalog;
use crate::domain::convert::page_from_envelope;
use crate::expertise::feed::{message_doc, person_doc};
use crate::expertise::{ExpertiseIndex, Query};
use crate::launch::error::LaunchError;

use super::print;
use super::shape::PersonRecord;

/// People per `users.json` page (the server's fixed page size).
const USERS_PAGE_SIZE: usize = 50;

/// Fetches people (and evidence for a subject) and formats the ranking or the directory.
pub async fn run(client: &Client, args: &PeopleArgs) -> Result<String, LaunchError> {
    let subject = args.query.join(" ");
    let mut index = ExpertiseIndex::new();
    read_people(client, &mut index, args.max_people).await?;
    if !subject.trim().is_empty() {
        read_evidence(client, &mut index, &subject, args.evidence_pages).await?;
    }
    let mut query = Query::new(subject.clone()).limit(Some(args.limit.max(1)));
    if let Some(department) = &args.department {
        query = query.department(department.clone());
    }
    if let Some(location) = &args.location {
        query = query.location(location.clone());
    }
    let now = Utc::now().timestamp();
    let records: Vec<PersonRecord> = if subject.trim().is_empty() {
        index
            .directory(&query)
            .into_iter()
            .filter_map(|id| index.person(id))
            .map(|doc| PersonRecord::new(doc, None, now))
            .collect()
    } else {
        index
            .who_knows(&query, now)
            .iter()
            .filter_map(|found| {
                let doc = index.person(found.person_id)?;
                Some(PersonRecord::new(doc, Some(found), now))
            })
            .collect()
    };
    print::people(&records, args.json)
}

/// Every listed person, page by page, up to `max_people`.
async fn read_people(
    client: &Client,
    index: &mut ExpertiseIndex,
    max_people: usize,
) -> Result<(), LaunchError> {
    let mut read = 0;
    for page in 1.. {
        let users = client
            .users(&UserQuery {
                page: Some(page),
                ..UserQuery::default()
            })
            .await
            .map_err(super::reading("people"))?;
        read += users.len();
        let last = users.len() < USERS_PAGE_SIZE;
        for user in &users {
            index.upsert_person(person_doc(user));
        }
        if last || read >= max_people {
            break;
        }
    }
    index.mark_people_complete();
    Ok(())
}

/// Messages the server's search finds for `subject`, as evidence of who writes about it.
async fn read_evidence(
    client: &Client,
    index: &mut ExpertiseIndex,
    subject: &str,
    pages: u32,
) -> Result<(), LaunchError> {
    for page in 1..=pages {
        let results = client
            .search(subject, page)
            .await
            .map_err(super::reading(format!("search for {subject:?}")))?;
        let page = page_from_envelope(&results.messages);
        if page.messages.is_empty() {
            break;
        }
        let messages = page.messages.clone();
        let mut catalog = Catalog::default();
        catalog.absorb(page);
        for message in &messages {
            let community = message.community.and_then(|id| catalog.community(id));
            let topics = message
                .topics
                .iter()
                .filter_map(|t| catalog.topic(*t).map(ToString::to_string))
                .collect();
            if let Some(doc) = message_doc(message, community.map(|c| &c.name), topics) {
                index.add_message(doc);
            }
        }
    }
    Ok(())
}
