//! `kring communities [--all]`: your communities, or every one the server lists (yours first,
//! then the others in the Discover pane's suggestion order, with why); `kring join COMMUNITY`
//! and `kring leave COMMUNITY` (an id or a name, any case; an ambiguous name lists the
//! candidates and fails). Joining a private community asks to join and says so.

use serde::Serialize;

use crate::api::dto::Group;
use crate::api::{Client, GroupQuery, Joined};
use crate::cli::{CommunitiesArgs, MembershipArgs};
use crate::domain::convert::{community, person};
use crate::domain::{GroupId, SafeText, UserId};
use crate::launch::error::LaunchError;
use crate::panes::communities::discover::{rank, worker};

use super::pick::pick;
use super::print::to_json;
use crate::social::read::communities as directory;

/// People followed whose communities count towards suggestions: a call each, and the request
/// budget allows ten in thirty seconds.
const FOLLOWED_LOOKED_AT: usize = 5;

/// One community as the scripts print it.
#[derive(Debug, Serialize)]
pub struct CommunityRecord {
    pub id: u64,
    pub name: String,
    pub description: String,
    pub privacy: String,
    pub external: bool,
    pub members: u64,
    pub messages: u64,
    pub last_message_at: Option<String>,
    pub member: bool,
    pub web_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

impl CommunityRecord {
    fn new(group: &Group, member: bool, why: Option<String>) -> Self {
        let text = |s: &str| SafeText::new(s.trim()).to_string();
        Self {
            id: group.id,
            name: text(&group.display_name()),
            description: text(&group.description),
            privacy: text(&group.privacy),
            external: group.external,
            members: group.stats.members,
            messages: group.stats.updates,
            last_message_at: group.stats.last_message_at.map(|t| t.0.to_rfc3339()),
            member,
            web_url: text(&group.web_url),
            why,
        }
    }
}

/// The user's communities, every page.
async fn mine(client: &Client) -> Result<Vec<Group>, LaunchError> {
    let mut out = Vec::new();
    for page in 1..=20 {
        let groups = client
            .groups(&GroupQuery {
                page: Some(page),
                mine: true,
                ..GroupQuery::default()
            })
            .await
            .map_err(super::reading("your communities"))?;
        let last = groups.len() < 50;
        out.extend(groups);
        if last {
            break;
        }
    }
    out.sort_by_key(|g| g.display_name().to_lowercase());
    Ok(out)
}

/// `kring communities`.
pub async fn list(client: &Client, args: &CommunitiesArgs) -> Result<String, LaunchError> {
    let mine = mine(client).await?;
    let mut records: Vec<CommunityRecord> = mine
        .iter()
        .map(|g| CommunityRecord::new(g, true, None))
        .collect();
    if args.all {
        let others: Vec<Group> = directory(client)
            .await?
            .into_iter()
            .filter(|g| !mine.iter().any(|m| m.id == g.id))
            .collect();
        let me = client.current_user().await.map_err(super::reading("you"))?;
        let followed = worker::followed_in(client, UserId(me.id), FOLLOWED_LOOKED_AT)
            .await
            .unwrap_or_default()
            .counts;
        let me = person(&me);
        let converted: Vec<_> = others.iter().map(community).collect();
        let refs: Vec<_> = converted.iter().collect();
        for id in rank::suggestion_order(&refs, Some(&me), &followed) {
            let (Some(group), Some(c)) = (
                others.iter().find(|g| GroupId(g.id) == id),
                converted.iter().find(|c| c.id == id),
            ) else {
                continue;
            };
            let why = rank::reasons(c, Some(&me), &followed).describe();
            records.push(CommunityRecord::new(group, false, Some(why)));
        }
    }
    if args.json {
        return to_json(&records);
    }
    Ok(records.iter().map(line).collect())
}

fn line(record: &CommunityRecord) -> String {
    let mut parts = vec![
        format!("{} ({})", record.name, record.id),
        format!("{} members", record.members),
    ];
    if record.privacy.eq_ignore_ascii_case("private") {
        parts.push("private".to_owned());
    }
    if record.external {
        parts.push("external".to_owned());
    }
    parts.push(
        if record.member {
            "member"
        } else {
            "not a member"
        }
        .to_owned(),
    );
    if let Some(why) = record.why.as_deref().filter(|w| !w.is_empty()) {
        parts.push(format!("suggested: {why}"));
    }
    format!("{}\n", parts.join(" · "))
}

/// What `join` and `leave` print.
#[derive(Debug, Serialize)]
struct Outcome<'a> {
    id: u64,
    name: &'a str,
    status: &'static str,
}

fn outcome(group: &Group, status: &'static str, json: bool) -> Result<String, LaunchError> {
    let name = SafeText::new(&group.display_name()).to_string();
    if json {
        return to_json(&Outcome {
            id: group.id,
            name: &name,
            status,
        });
    }
    Ok(match status {
        "member" => format!("Joined {name}\n"),
        "pending" => format!("Asked to join {name}: an admin will answer\n"),
        _ => format!("Left {name}\n"),
    })
}

/// `kring join COMMUNITY`.
pub async fn join(client: &Client, args: &MembershipArgs) -> Result<String, LaunchError> {
    let mine = mine(client).await?;
    let mut all = directory(client).await?;
    all.extend(
        mine.iter()
            .filter(|m| !all.iter().any(|g| g.id == m.id))
            .cloned()
            .collect::<Vec<_>>(),
    );
    let group = pick(&all, &args.community)?;
    if mine.iter().any(|m| m.id == group.id) {
        return outcome(group, "member", args.json);
    }
    let joined = client
        .join_community(group.id)
        .await
        .map_err(super::reading(format!("joining {}", group.display_name())))?;
    let status = match joined {
        Joined::Member => "member",
        Joined::Pending => "pending",
    };
    outcome(group, status, args.json)
}

/// `kring leave COMMUNITY`: only a community you are in.
pub async fn leave(client: &Client, args: &MembershipArgs) -> Result<String, LaunchError> {
    let mine = mine(client).await?;
    let group = pick(&mine, &args.community).map_err(|e| match e {
        LaunchError::Usage(text) if text.starts_with("no community") => LaunchError::Usage(
            format!("you are not in a community called {:?}", args.community),
        ),
        other => other,
    })?;
    client
        .leave_group(group.id)
        .await
        .map_err(super::reading(format!("leaving {}", group.display_name())))?;
    outcome(group, "left", args.json)
}
