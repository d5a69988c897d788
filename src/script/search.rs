//! `kring search QUERY`: messages, communities, people and topics matching a search, from the
//! server's `search.json` and the cache's full-text index merged (deduplicated by id, each
//! result saying where it came from). When the server cannot be reached the cache answers
//! alone, with a note on standard error. Reads the cache; never writes it.

use chrono::DateTime;
use serde::Serialize;

use crate::api::{ApiError, Client};
use crate::cli::SearchArgs;
use crate::launch::error::LaunchError;
use crate::search::{Hit, HitKind, Hits, SearchQuery, Source, local, remote};
use crate::store::CacheStore;

use super::connect::Connection;

/// Most messages one run prints, whatever `--limit` says.
pub const MAX_LIMIT: usize = 200;
/// Messages per page of the server's search.
const SERVER_PAGE: usize = 20;

/// One result as `--json` prints it.
#[derive(Debug, Serialize)]
struct SearchRecord<'a> {
    kind: HitKind,
    id: u64,
    title: &'a str,
    detail: &'a str,
    source: Source,
    #[serde(skip_serializing_if = "Option::is_none")]
    thread_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sender_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_at: Option<String>,
}

impl<'a> SearchRecord<'a> {
    fn new(hit: &'a Hit) -> Self {
        Self {
            kind: hit.kind,
            id: hit.id,
            title: &hit.title,
            detail: &hit.detail,
            source: hit.source,
            thread_id: hit.thread_id,
            group_id: hit.group_id,
            sender_id: hit.sender_id,
            created_at: hit
                .created_at
                .and_then(|t| DateTime::from_timestamp(t, 0))
                .map(|t| t.to_rfc3339()),
        }
    }
}

/// Searches the server and the cache and formats the merged results.
pub async fn run(connection: &Connection, args: &SearchArgs) -> Result<String, LaunchError> {
    let mut query = SearchQuery::parse(&args.query.join(" "));
    if let Some(community) = &args.community {
        query.community = Some(community.clone());
    }
    if let Some(from) = &args.from {
        query.from = Some(from.clone());
    }
    if query.is_empty() {
        return Err(LaunchError::Usage(
            "the search has nothing to find: give a word, a \"phrase\", #topic, @user, in: or from:"
                .to_owned(),
        ));
    }
    let limit = args.limit.clamp(1, MAX_LIMIT);
    let mut hits = read_cache(connection, &query, limit).await?;
    let cached = hits.is_some();
    match read_server(&connection.client, &query, limit).await {
        Ok(server) => match hits.as_mut() {
            Some(hits) => hits.merge(server),
            None => hits = Some(server),
        },
        Err(e) if cached && e.is_transient() => {
            eprintln!("kring: the server did not answer ({e}); these results are from the cache");
        }
        Err(e) => return Err(super::reading("search")(e)),
    }
    let mut hits = hits.unwrap_or_default();
    hits.messages.truncate(limit);
    print(&hits, args.json)
}

/// The cache's results, when the account has a cache (`None` without one).
async fn read_cache(
    connection: &Connection,
    query: &SearchQuery,
    limit: usize,
) -> Result<Option<Hits>, LaunchError> {
    let (dir, account) = connection.cache.clone();
    if !dir.join(crate::store::CACHE_FILE).is_file() {
        return Ok(None);
    }
    let query = query.clone();
    tokio::task::spawn_blocking(move || {
        let (store, _) = CacheStore::open_deferring_cache_check(&dir).ok()?;
        match local::search(&store, &account, &query, limit) {
            Ok(hits) => Some(hits),
            Err(e) => {
                tracing::warn!(error = %e, "the cache could not be searched");
                None
            }
        }
    })
    .await
    .map_err(|e| LaunchError::Task(e.to_string()))
}

/// The server's results, page after page until `limit` messages or the last page.
async fn read_server(client: &Client, query: &SearchQuery, limit: usize) -> Result<Hits, ApiError> {
    let mut hits = Hits::default();
    let Some(term) = query.server_term() else {
        return Ok(hits);
    };
    let pages = limit.div_ceil(SERVER_PAGE);
    for page in 1..=pages {
        let results = client
            .search(&term, u32::try_from(page).unwrap_or(u32::MAX))
            .await?;
        let last = results.messages.messages.len() < SERVER_PAGE;
        let found = remote::hits(&results, query);
        if page == 1 {
            hits = found;
        } else {
            hits.merge(Hits {
                messages: found.messages,
                ..Hits::default()
            });
        }
        if last || hits.messages.len() >= limit {
            break;
        }
    }
    Ok(hits)
}

fn print(hits: &Hits, json: bool) -> Result<String, LaunchError> {
    if json {
        let records: Vec<SearchRecord<'_>> = hits.iter().map(SearchRecord::new).collect();
        return super::print::to_json(&records);
    }
    let mut out = String::new();
    for kind in HitKind::ALL {
        let group = hits.group(kind);
        if group.is_empty() {
            continue;
        }
        out.push_str(&format!("{} ({})\n", kind.heading(), group.len()));
        for hit in group {
            out.push_str(&format!(
                "#{} · {} · {}\n",
                hit.id,
                hit.title,
                hit.source.label()
            ));
            if !hit.detail.is_empty() {
                out.push_str(&format!("  {}\n", hit.detail));
            }
        }
        out.push('\n');
    }
    if out.is_empty() {
        eprintln!("kring: nothing found");
    }
    Ok(out)
}
