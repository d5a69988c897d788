//! One message: `GET /messages/:id` (a bare message), `POST /messages` (201 with the envelope)
//! and `DELETE /messages/:id` (own messages only).
//!
//! `POST /messages` takes `message_type` (`update`, the default, or `question`, `announcement`,
//! `poll`, `praise` for a new conversation; a reply is always an update) and `title` (an
//! announcement's headline, nothing else has one). A poll here is only the kind: this server
//! keeps no poll options or votes. Every message says its `message_type`; `title`,
//! `notified_user_ids` (its mentions) and `delegate_id` are sent when they have a value and left
//! out when empty, like `topics` (clients read a missing one as empty).
//!
//! External communities: people outside the company read what is posted there. A client that
//! says nothing about it may not warn its user before they post there, so, as Viva Engage does,
//! a post or reply into an external community is refused (403, with a body saying why) unless
//! the request carries `yammer-capabilities: external-messaging,external-groups`: the client's
//! statement that it knows the conversation is external and shows it.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use rusqlite::Connection;

use super::{created, empty_ok};
use crate::api::dto::Message;
use crate::server::auth::Caller;
use crate::server::db::messages::{self, NewMessage};
use crate::server::db::rows::now_secs;
use crate::server::db::{access, groups, topics, users};
use crate::server::envelope::{self, PageInfo};
use crate::server::errors::ApiError;
use crate::server::extract::IdPath;
use crate::server::markup::{self, Token};
use crate::server::params::Params;
use crate::server::state::AppState;

/// Longest body accepted, in characters.
pub const MAX_BODY_CHARS: usize = 10_000;

/// Topics beyond `topic20` are ignored, as on Yammer.
const MAX_TOPIC_PARAMS: usize = 20;

/// Longest topic name, in characters: a `topicN` over it is refused, a longer `#hashtag` in
/// the body stays plain text.
pub const MAX_TOPIC_CHARS: usize = 64;

/// Most topics one message gets from its `#hashtags`; later ones stay plain text, so a post
/// full of hashtags cannot make every feed page that shows it huge.
pub const MAX_TOPICS_PER_MESSAGE: usize = 20;

/// Longest announcement title accepted, in characters.
pub const MAX_TITLE_CHARS: usize = 250;

/// The request header a client sends to show it handles external communities.
pub const CAPABILITIES_HEADER: &str = "yammer-capabilities";

/// The capabilities a post into an external community needs, as Viva Engage names them.
const EXTERNAL_CAPABILITIES: [&str; 2] = ["external-messaging", "external-groups"];

/// The kinds a new conversation may be.
const MESSAGE_TYPES: [&str; 5] = ["update", "question", "announcement", "poll", "praise"];

/// Whether the request says it handles external communities: every needed capability listed
/// (in any order, any case, among others) in one or more `yammer-capabilities` headers.
pub fn declares_external(headers: &HeaderMap) -> bool {
    let listed: Vec<String> = headers
        .get_all(CAPABILITIES_HEADER)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    EXTERNAL_CAPABILITIES
        .iter()
        .all(|needed| listed.iter().any(|c| c == needed))
}

/// `GET /messages/:id`.
pub async fn get_one(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> Result<Json<Message>, ApiError> {
    let links = state.links.clone();
    let message = state
        .db
        .read(move |conn| {
            let row = messages::get(conn, id)?
                .ok_or_else(|| ApiError::not_found(format!("message {id}")))?;
            if !messages::visible_to(conn, &row, caller.user_id)? {
                return Err(ApiError::not_found(format!("message {id}")));
            }
            let rendered = envelope::render_messages(conn, &links, caller.user_id, &[row])?;
            rendered
                .into_iter()
                .next()
                .ok_or_else(|| ApiError::not_found(format!("message {id}")))
        })
        .await?;
    Ok(Json(message))
}

/// `DELETE /messages/:id` (or `POST` with `_method=DELETE`).
pub async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> Result<Response, ApiError> {
    state
        .db
        .call(move |conn| {
            let row = messages::get(conn, id)?
                .filter(|row| messages::visible_to(conn, row, caller.user_id).unwrap_or(false))
                .ok_or_else(|| ApiError::not_found(format!("message {id}")))?;
            if row.sender_id != caller.user_id {
                return Err(ApiError::Forbidden(
                    "only the sender can delete a message".to_owned(),
                ));
            }
            let tx = conn.transaction()?;
            messages::delete(&tx, &row)?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    Ok(empty_ok())
}

/// What a `POST /messages` asks for, validated before touching the database.
struct Draft {
    body: String,
    group_id: Option<u64>,
    replied_to_id: Option<u64>,
    direct_to: Vec<u64>,
    topics: Vec<String>,
    message_type: String,
    title: String,
    /// The client handles external communities (see the module header).
    external_ok: bool,
}

impl Draft {
    fn from_params(params: &Params, headers: &HeaderMap) -> Result<Self, ApiError> {
        let body = params.text("body")?.unwrap_or_default().trim().to_owned();
        if body.is_empty() {
            return Err(ApiError::invalid("Please include a message"));
        }
        if body.chars().count() > MAX_BODY_CHARS {
            return Err(ApiError::invalid(format!(
                "Message is too long (maximum is {MAX_BODY_CHARS} characters)"
            )));
        }
        let mut direct_to = params.id_list("direct_to_user_ids")?;
        if let Some(one) = params.id("direct_to_id")?
            && !direct_to.contains(&one)
        {
            direct_to.push(one);
        }
        let mut topics = Vec::new();
        for n in 1..=MAX_TOPIC_PARAMS {
            let key = format!("topic{n}");
            if let Some(name) = params.nonempty(&key)? {
                topics.push(topic_name(&key, name)?);
            }
        }
        let message_type = params
            .nonempty("message_type")?
            .unwrap_or("update")
            .to_ascii_lowercase();
        if !MESSAGE_TYPES.contains(&message_type.as_str()) {
            return Err(ApiError::invalid(format!(
                "message_type must be one of {}",
                MESSAGE_TYPES.join(", ")
            )));
        }
        let title = params.nonempty("title")?.unwrap_or_default().to_owned();
        if !title.is_empty() && message_type != "announcement" {
            return Err(ApiError::invalid("Only an announcement has a title"));
        }
        if title.chars().count() > MAX_TITLE_CHARS {
            return Err(ApiError::invalid(format!(
                "Title is too long (maximum is {MAX_TITLE_CHARS} characters)"
            )));
        }
        let draft = Self {
            body,
            group_id: params.id("group_id")?,
            replied_to_id: params.id("replied_to_id")?,
            direct_to,
            topics,
            message_type,
            title,
            external_ok: declares_external(headers),
        };
        if draft.replied_to_id.is_some() && draft.message_type != "update" {
            return Err(ApiError::invalid(
                "A reply is an update: only a new conversation can be a question, an announcement, a poll or a praise",
            ));
        }
        if draft.replied_to_id.is_none() && draft.group_id.is_some() && !draft.direct_to.is_empty()
        {
            return Err(ApiError::invalid(
                "A message goes to a group or to people, not both",
            ));
        }
        Ok(draft)
    }
}

/// A `topicN` parameter's topic name: `#` and spaces trimmed, not empty, not too long.
fn topic_name(key: &str, raw: &str) -> Result<String, ApiError> {
    let name = raw.trim().trim_start_matches('#').trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(ApiError::invalid(format!("{key} is not a topic name")));
    }
    if name.chars().count() > MAX_TOPIC_CHARS {
        return Err(ApiError::invalid(format!(
            "{key} is too long (at most {MAX_TOPIC_CHARS} characters)"
        )));
    }
    Ok(name.to_owned())
}

/// Where a new message goes, resolved against the database.
fn place(conn: &Connection, draft: &Draft, me: u64) -> Result<NewMessage, ApiError> {
    let mut new = NewMessage {
        sender_id: me,
        created_at: now_secs(),
        ..NewMessage::default()
    };
    if let Some(parent_id) = draft.replied_to_id {
        let gone = || ApiError::invalid(format!("Cannot reply to deleted message: {parent_id}"));
        let parent = messages::get(conn, parent_id)?.ok_or_else(gone)?;
        if !messages::visible_to(conn, &parent, me)? {
            return Err(if parent.direct {
                gone()
            } else {
                private_community(parent.group_id)
            });
        }
        new.thread_id = Some(parent.thread_id);
        new.replied_to_id = Some(parent.id);
        new.group_id = parent.group_id;
        new.direct = parent.direct;
    } else if !draft.direct_to.is_empty() {
        for user in &draft.direct_to {
            if !users::exists(conn, *user)? {
                return Err(ApiError::invalid(format!("No such user: {user}")));
            }
        }
        new.direct = true;
        new.participants = draft.direct_to.clone();
        if !new.participants.contains(&me) {
            new.participants.push(me);
        }
    } else if let Some(group) = draft.group_id {
        if !groups::exists(conn, group)? {
            return Err(ApiError::invalid(format!("No such group: {group}")));
        }
        if !access::may_write_in(conn, Some(group), me)? {
            return Err(private_community(Some(group)));
        }
        new.group_id = Some(group);
    }
    if let Some(group) = new.group_id
        && !draft.external_ok
        && groups::is_external(conn, group)?
    {
        return Err(ApiError::Forbidden(format!(
            "Group {group} is an external community: people outside the company read it. \
             Send the header `{CAPABILITIES_HEADER}: {}` to post there, once the user \
             is told the conversation is visible to them",
            EXTERNAL_CAPABILITIES.join(",")
        )));
    }
    new.message_type.clone_from(&draft.message_type);
    new.title.clone_from(&draft.title);
    Ok(new)
}

/// The refusal of a write into a private community the caller is not a member of.
pub fn private_community(group: Option<u64>) -> ApiError {
    let which = group.map_or_else(String::new, |g| format!(" {g}"));
    ApiError::Forbidden(format!(
        "Group{which} is a private community: only its members can post, reply or like there"
    ))
}

/// `POST /messages`.
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, ApiError> {
    let draft = Draft::from_params(&params, &headers)?;
    let links = state.links.clone();
    let me = caller.user_id;
    let envelope = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let mut new = place(&tx, &draft, me)?;
            let mut tags = std::collections::BTreeSet::new();
            let marked = markup::mark_up(&draft.body, |token| match token {
                Token::Mention(name) => users::id_by_username(&tx, name),
                Token::Tag(name) => {
                    let fits = name.chars().count() <= MAX_TOPIC_CHARS
                        && (tags.contains(&topics::normalize(name))
                            || tags.len() < MAX_TOPICS_PER_MESSAGE);
                    if !fits {
                        return Ok(None);
                    }
                    tags.insert(topics::normalize(name));
                    topics::ensure(&tx, name).map(Some)
                }
            })?;
            new.plain = draft.body.clone();
            new.parsed = marked.parsed;
            new.mention_ids = marked.mention_ids;
            new.topic_ids = marked.topic_ids;
            for name in &draft.topics {
                let topic = topics::ensure(&tx, name)?;
                if !new.topic_ids.contains(&topic) {
                    new.topic_ids.push(topic);
                }
            }
            let id = messages::insert(&tx, &new)?;
            tx.commit()?;
            let info = PageInfo::default();
            Ok(envelope::build(
                conn,
                &links,
                me,
                &[id],
                &BTreeMap::new(),
                info,
            )?)
        })
        .await?;
    Ok(created(envelope))
}
