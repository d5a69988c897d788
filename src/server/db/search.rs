//! Search for `search.json` over the full-text indexes of `search_index`: messages (newest
//! first; `#topic` must be tagged, `@user` must have sent or be mentioned), people in the
//! directory, communities and topics, one page of each with how many match in all.
//! Each search is a `Filter`: a FROM, conditions joined with AND (more can be pushed, such as a
//! visibility rule) and named values. Also the LIKE escaping autocomplete uses.

use rusqlite::Connection;
use rusqlite::types::{ToSql, Value};

use super::messages::VISIBLE_TO_ME;
use super::rows::{Links, from_sql_id, to_sql_id};
use super::{groups, topics, users};
use crate::api::dto::{Group, Topic, User};
use crate::text::search_query::SearchQuery;

/// Yammer answers at most this many results of each kind, however far one pages.
pub const MAX_RESULTS: u64 = 1000;

/// A `search.json` term taken apart as the server matches it: `in:` and `from:` are words, topic
/// names are normalized and usernames lower case.
pub fn parse_term(term: &str) -> SearchQuery {
    let mut query = SearchQuery::parse_term(term);
    for topic in &mut query.topics {
        *topic = topics::normalize(topic);
    }
    for user in &mut query.users {
        *user = user.to_lowercase();
    }
    query
}

/// One page of results and how many there are in all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found<T> {
    pub items: Vec<T>,
    pub count: u64,
}

impl<T> Found<T> {
    fn none() -> Self {
        Self {
            items: Vec::new(),
            count: 0,
        }
    }
}

/// Which rows of one kind a search selects.
struct Filter {
    alias: &'static str,
    from: String,
    conditions: Vec<String>,
    values: Vec<(String, Value)>,
    /// Whether the term asked anything of this kind (otherwise nothing matches).
    asked: bool,
}

impl Filter {
    /// Rows of `table` (as `alias`), through its FTS index when there is text to find.
    fn new(table: &str, alias: &'static str, fts: Option<String>) -> Self {
        let mut filter = Self {
            alias,
            from: format!("{table} {alias}"),
            conditions: Vec::new(),
            values: Vec::new(),
            asked: false,
        };
        if let Some(fts) = fts {
            // The index drives the join: a rare word reads a few rows, not the whole table.
            filter.from =
                format!("{table}_fts f CROSS JOIN {table} {alias} ON {alias}.id = f.rowid");
            filter.require(&format!("{table}_fts MATCH :fts"), ":fts", Value::Text(fts));
        }
        filter
    }

    /// Adds a condition the term asked for, with its one named value.
    fn require(&mut self, condition: &str, name: &str, value: Value) {
        self.conditions.push(condition.to_owned());
        self.values.push((name.to_owned(), value));
        self.asked = true;
    }

    /// Adds a rule of the kind itself (who may see what), with its named values.
    fn rule(&mut self, condition: &str, values: Vec<(String, Value)>) {
        self.conditions.push(condition.to_owned());
        self.values.extend(values);
    }

    /// The ids of one page, in `order`, and how many rows match in all.
    fn run(
        &self,
        conn: &Connection,
        order: &str,
        limit: u64,
        offset: u64,
    ) -> rusqlite::Result<Found<u64>> {
        if !self.asked || offset >= MAX_RESULTS {
            return Ok(Found::none());
        }
        let limit = limit.min(MAX_RESULTS - offset);
        let rest = format!("FROM {} WHERE {}", self.from, self.conditions.join(" AND "));
        let named: Vec<(&str, &dyn ToSql)> = self
            .values
            .iter()
            .map(|(name, value)| (name.as_str(), value as &dyn ToSql))
            .collect();
        let count: i64 = conn
            .prepare_cached(&format!("SELECT count(*) {rest}"))?
            .query_row(named.as_slice(), |r| r.get(0))?;
        let items = conn
            .prepare_cached(&format!(
                "SELECT {}.id {rest} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
                self.alias
            ))?
            .query_map(named.as_slice(), |r| r.get(0).map(from_sql_id))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Found {
            items,
            count: u64::try_from(count).unwrap_or(0),
        })
    }
}

/// The user with this username (any case), as a scalar subquery.
fn user_named(param: &str) -> String {
    format!("(SELECT id FROM users WHERE username = {param} COLLATE NOCASE)")
}

/// Ids of a page of visible messages matching the query (newest first) and how many there are.
pub fn messages(
    conn: &Connection,
    me: u64,
    query: &SearchQuery,
    limit: u64,
    offset: u64,
) -> rusqlite::Result<Found<u64>> {
    let fts = query.fts();
    let order = if fts.is_some() {
        "f.rowid DESC"
    } else {
        "m.id DESC"
    };
    let mut filter = Filter::new("messages", "m", fts);
    for (i, topic) in query.topics.iter().enumerate() {
        let name = format!(":topic{i}");
        filter.require(
            &format!(
                "m.id IN (SELECT mt.message_id FROM message_topics mt
                    JOIN topics t ON t.id = mt.topic_id WHERE t.normalized_name = {name})"
            ),
            &name,
            Value::Text(topic.clone()),
        );
    }
    for (i, user) in query.users.iter().enumerate() {
        let name = format!(":user{i}");
        let who = user_named(&name);
        filter.require(
            &format!(
                "(m.sender_id = {who}
                  OR m.id IN (SELECT message_id FROM mentions WHERE user_id = {who}))"
            ),
            &name,
            Value::Text(user.clone()),
        );
    }
    filter.rule(
        VISIBLE_TO_ME,
        vec![(":me".to_owned(), Value::Integer(to_sql_id(me)))],
    );
    filter.run(conn, order, limit, offset)
}

/// Loads rows by id and keeps the order of `ids`.
fn in_order<T>(ids: &[u64], mut rows: Vec<T>, id: impl Fn(&T) -> u64) -> Vec<T> {
    rows.sort_by_key(|row| ids.iter().position(|i| *i == id(row)));
    rows
}

/// People in the directory matching the words (`#name` counts as a word, `@name` must be the
/// username), most active first.
pub fn people(
    conn: &Connection,
    links: &Links,
    query: &SearchQuery,
    limit: u64,
    offset: u64,
) -> rusqlite::Result<Found<User>> {
    let mut filter = Filter::new("users", "u", query.fts_with(true, false));
    for (i, user) in query.users.iter().enumerate() {
        let name = format!(":user{i}");
        filter.require(
            &format!("u.username = {name} COLLATE NOCASE"),
            &name,
            Value::Text(user.clone()),
        );
    }
    filter.rule("u.show_in_directory = 1", Vec::new());
    let found = filter.run(conn, "u.updates DESC, u.username", limit, offset)?;
    let rows = users::by_ids(conn, links, &found.items)?;
    Ok(Found {
        items: in_order(&found.items, rows, |u| u.id),
        count: found.count,
    })
}

/// Communities in the directory matching every word, topic and user name, by name.
pub fn communities(
    conn: &Connection,
    links: &Links,
    query: &SearchQuery,
    limit: u64,
    offset: u64,
) -> rusqlite::Result<Found<Group>> {
    let mut filter = Filter::new("groups", "g", query.fts_with(true, true));
    filter.rule("g.show_in_directory = 1", Vec::new());
    let found = filter.run(conn, "g.full_name, g.id", limit, offset)?;
    let rows = groups::by_ids(conn, links, &found.items)?;
    Ok(Found {
        items: in_order(&found.items, rows, |g| g.id),
        count: found.count,
    })
}

/// Topics whose names match the words and `#names` and that `me` may see (a topic used only
/// where `me` cannot read is not public), the most used first.
pub fn topic_list(
    conn: &Connection,
    links: &Links,
    me: u64,
    query: &SearchQuery,
    limit: u64,
    offset: u64,
) -> rusqlite::Result<Found<Topic>> {
    let mut filter = Filter::new("topics", "t", query.fts_with(true, false));
    filter.rule(
        &super::access::topic_visible_sql(),
        vec![(":me".to_owned(), Value::Integer(to_sql_id(me)))],
    );
    let order = "(SELECT count(*) FROM message_topics mt WHERE mt.topic_id = t.id) DESC, t.name";
    let found = filter.run(conn, order, limit, offset)?;
    let rows = topics::by_ids(conn, links, &found.items)?;
    Ok(Found {
        items: in_order(&found.items, rows, |t| t.id),
        count: found.count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_matches_topics_normalized_and_usernames_in_lower_case() {
        let q = parse_term(r#"  kube "release  train" #Rust @Dana  "#);
        assert_eq!(q.topics, ["rust"]);
        assert_eq!(q.users, ["dana"]);
        assert_eq!(
            q.fts_with(true, false).as_deref(),
            Some(r#""kube"* AND "release train" AND "rust"*"#)
        );
    }
}
