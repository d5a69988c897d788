//! `GET /search?search=&page=&num_per_page=` (messages as an envelope plus users, groups, topics
//! and counts, up to 20 of each per page; the term may hold `"phrases"`, `#topic` and `@user`) and `GET /autocomplete/ranked?prefix=&models=user:5,group:3,topic:5`.

use std::collections::{BTreeMap, BTreeSet};

use axum::Json;
use axum::extract::State;

use super::page;
use crate::api::dto::{SearchCounts, SearchResults};
use crate::server::auth::Caller;
use crate::server::db::rows::escape_like;

use crate::server::db::{groups, search, topics, users};
use crate::server::envelope::{self, PageInfo};
use crate::server::errors::ApiError;
use crate::server::params::Params;
use crate::server::state::AppState;

/// Results of each kind per page.
const PER_PAGE: u64 = 20;

/// Hits per model when `models` asks for more.
const MAX_AUTOCOMPLETE: u64 = 20;

/// Longest search term or prefix, in characters. Longer ones are refused: SQLite refuses a
/// LIKE pattern over 50,000 bytes, and nobody types a term that long.
pub const MAX_TERM_CHARS: usize = 200;

/// The parameter `name` as a search term: required, at most [`MAX_TERM_CHARS`], and free of
/// control characters (SQLite ends a pattern at a NUL, so `%00` would match everything).
fn search_term(params: &Params, name: &str) -> Result<String, ApiError> {
    let term = params
        .nonempty(name)?
        .ok_or_else(|| ApiError::invalid(format!("{name} is required")))?;
    if term.chars().any(char::is_control) {
        return Err(ApiError::invalid(format!(
            "{name} must not contain control characters"
        )));
    }
    if term.chars().count() > MAX_TERM_CHARS {
        return Err(ApiError::invalid(format!(
            "{name} is too long (at most {MAX_TERM_CHARS} characters)"
        )));
    }
    Ok(term.to_owned())
}

/// `GET /search`.
pub async fn search(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Json<SearchResults>, ApiError> {
    let term = search_term(&params, "search")?;
    let per_page = params
        .count("num_per_page")?
        .unwrap_or(PER_PAGE)
        .clamp(1, PER_PAGE);
    let offset = (page(&params)? - 1).saturating_mul(per_page);
    let links = state.links.clone();
    let me = caller.user_id;
    let results = state
        .db
        .read(move |conn| {
            let query = search::parse_term(&term);
            let found = search::messages(conn, me, &query, per_page, offset)?;
            let reachable = found.count.min(search::MAX_RESULTS);
            let info = PageInfo {
                older_available: offset + (found.items.len() as u64) < reachable,
                feed_name: format!("Search: {term}"),
                feed_desc: String::new(),
            };
            let messages = envelope::build(conn, &links, me, &found.items, &BTreeMap::new(), info)?;
            let people = search::people(conn, &links, &query, per_page, offset)?;
            let communities = search::communities(conn, &links, &query, per_page, offset)?;
            let topic_list = search::topic_list(conn, &links, me, &query, per_page, offset)?;
            Ok(SearchResults {
                messages,
                users: people.items,
                groups: {
                    let mut found = communities.items;
                    groups::hide_counts(conn, &mut found, me)?;
                    found
                },
                topics: topic_list.items,
                count: SearchCounts {
                    messages: found.count,
                    users: people.count,
                    groups: communities.count,
                    topics: topic_list.count,
                },
            })
        })
        .await?;
    Ok(Json(results))
}

/// Parses `models=user:5,group:3`.
fn models(raw: &str) -> Result<BTreeMap<String, u64>, ApiError> {
    let known: BTreeSet<&str> = ["user", "group", "topic"].into_iter().collect();
    let mut out = BTreeMap::new();
    for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, count) = part.split_once(':').unwrap_or((part, "5"));
        let count: u64 = count
            .trim()
            .parse()
            .map_err(|_| ApiError::invalid(format!("bad model count in {part:?}")))?;
        if known.contains(name.trim()) {
            out.insert(name.trim().to_owned(), count.min(MAX_AUTOCOMPLETE));
        }
    }
    Ok(out)
}

/// `GET /autocomplete/ranked`.
pub async fn autocomplete(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Json<serde_json::Value>, ApiError> {
    let me = caller.user_id;
    let prefix = search_term(&params, "prefix")?;
    let wanted = models(
        params
            .nonempty("models")?
            .ok_or_else(|| ApiError::invalid("models is required"))?,
    )?;
    let links = state.links.clone();
    let value = state
        .db
        .read(move |conn| {
            let mut out = serde_json::Map::new();
            let starts = format!("{}%", escape_like(&prefix));
            let to_value = |v: Result<serde_json::Value, serde_json::Error>| {
                v.map_err(|e| ApiError::Internal(e.to_string()))
            };
            for (model, count) in &wanted {
                let hits = match model.as_str() {
                    "user" => to_value(serde_json::to_value(users::with_prefix(
                        conn, &links, &prefix, *count,
                    )?))?,
                    "group" => {
                        let mut found = groups::matching(conn, &links, &starts, *count, 0)?;
                        groups::hide_counts(conn, &mut found, me)?;
                        to_value(serde_json::to_value(found))?
                    }
                    _ => to_value(serde_json::to_value(topics::matching(
                        conn, &links, me, &starts, *count, 0,
                    )?))?,
                };
                out.insert(model.clone(), hits);
            }
            Ok(serde_json::Value::Object(out))
        })
        .await?;
    Ok(Json(value))
}
