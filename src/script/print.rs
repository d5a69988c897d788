//! How the scripting subcommands write their results: pretty JSON with `--json`, otherwise
//! plain text for a person (a header line per message or person, indented detail). Writing to a
//! closed pipe (`kring feed | head`) ends quietly.

use std::io::{self, Write};

use super::shape::{MessageRecord, PersonRecord};
use crate::launch::error::LaunchError;

/// Messages as JSON (an array) or as text blocks.
pub fn messages(records: &[MessageRecord], json: bool) -> Result<String, LaunchError> {
    if json {
        return to_json(records);
    }
    let mut out = String::new();
    for record in records {
        out.push_str(&message_header(record));
        out.push('\n');
        for line in record.body.lines() {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    Ok(out)
}

/// People as JSON (an array) or one line each, with the reasons of a "who knows" match below.
pub fn people(records: &[PersonRecord], json: bool) -> Result<String, LaunchError> {
    if json {
        return to_json(records);
    }
    let mut out = String::new();
    for record in records {
        let mut parts = vec![format!("{} (@{})", record.name, record.username)];
        parts.extend(
            [&record.job_title, &record.department, &record.location]
                .into_iter()
                .flatten()
                .cloned(),
        );
        out.push_str(&parts.join(" · "));
        out.push('\n');
        if let Some(why) = &record.why {
            out.push_str("  ");
            out.push_str(why);
            out.push('\n');
        } else if !record.expertise.is_empty() {
            out.push_str("  ");
            out.push_str(&record.expertise.join(", "));
            out.push('\n');
        }
    }
    Ok(out)
}

/// `#id · time · sender (@username) · community · [external] · [kind] · ["title"] · reply to #n ·
/// ♥ likes`.
fn message_header(record: &MessageRecord) -> String {
    let mut parts = vec![
        format!("#{}", record.id),
        record.created_at.clone(),
        format!("{} (@{})", record.sender.name, record.sender.username),
    ];
    if let Some(community) = &record.community {
        parts.push(community.name.clone());
        if community.external {
            parts.push("external".to_owned());
        }
    }
    if !matches!(record.message_type, "update" | "system" | "other") {
        parts.push(record.message_type.to_owned());
    }
    if !record.title.is_empty() {
        parts.push(format!("\"{}\"", record.title));
    }
    if record.direct {
        parts.push("private".to_owned());
    }
    if let Some(to) = record.replied_to_id {
        parts.push(format!("reply to #{to}"));
    }
    if record.likes > 0 {
        parts.push(format!("♥ {}", record.likes));
    }
    parts.join(" · ")
}

pub(super) fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, LaunchError> {
    let mut text =
        serde_json::to_string_pretty(value).map_err(|e| LaunchError::Task(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// Writes `text` to standard output; a reader that went away is not an error.
pub fn to_stdout(text: &str) -> Result<(), LaunchError> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(LaunchError::Output(e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::shape::{CommunityRecord, SenderRecord};

    fn record() -> MessageRecord {
        MessageRecord {
            id: 12,
            thread_id: 10,
            replied_to_id: Some(10),
            created_at: "2026-11-27T12:00:00+00:00".into(),
            sender: SenderRecord {
                id: 3,
                name: "Ada Demo".into(),
                username: "ada".into(),
            },
            community: Some(CommunityRecord {
                id: 5,
                name: "Engineering".into(),
                external: false,
            }),
            body: "first line\nsecond line".into(),
            likes: 2,
            liked_by_me: false,
            direct: false,
            url: String::new(),
            topics: vec!["rust".into()],
            message_type: "update",
            title: String::new(),
            notified_user_ids: Vec::new(),
            delegate_id: None,
        }
    }

    #[test]
    fn text_blocks_have_a_header_and_an_indented_body() {
        let text = messages(&[record()], false).unwrap();
        assert_eq!(
            text,
            "#12 · 2026-11-27T12:00:00+00:00 · Ada Demo (@ada) · Engineering · reply to #10 · ♥ 2\n  first line\n  second line\n\n"
        );
    }

    #[test]
    fn a_typed_message_in_an_external_community_says_so_in_its_header_and_json() {
        let mut typed = record();
        typed.message_type = "announcement";
        typed.title = "Release 4.2".into();
        typed.notified_user_ids = vec![7, 8];
        if let Some(community) = typed.community.as_mut() {
            community.external = true;
        }
        let text = messages(std::slice::from_ref(&typed), false).unwrap();
        assert!(
            text.starts_with(
                "#12 · 2026-11-27T12:00:00+00:00 · Ada Demo (@ada) · Engineering · external · announcement · \"Release 4.2\" · reply to #10"
            ),
            "{text}"
        );
        let json: serde_json::Value =
            serde_json::from_str(&messages(&[typed], true).unwrap()).unwrap();
        assert_eq!(json[0]["message_type"], "announcement");
        assert_eq!(json[0]["title"], "Release 4.2");
        assert_eq!(json[0]["notified_user_ids"], serde_json::json!([7, 8]));
        assert_eq!(json[0]["community"]["external"], true);
        assert!(json[0].get("delegate_id").is_none());
    }

    #[test]
    fn json_leaves_out_what_is_empty_and_parses_back() {
        let text = messages(&[record()], true).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value[0]["sender"]["username"], "ada");
        assert_eq!(value[0]["replied_to_id"], 10);
        assert_eq!(value[0]["topics"][0], "rust");
        assert!(value[0].get("url").is_none());
    }

    #[test]
    fn people_show_reasons_for_a_match_and_expertise_otherwise() {
        let mut found = PersonRecord {
            id: 1,
            name: "Ada Demo".into(),
            username: "ada".into(),
            job_title: Some("Engineer".into()),
            department: None,
            location: Some("Berlin".into()),
            expertise: vec!["rust".into(), "kubernetes".into()],
            score: None,
            why: None,
        };
        assert_eq!(
            people(std::slice::from_ref(&found), false).unwrap(),
            "Ada Demo (@ada) · Engineer · Berlin\n  rust, kubernetes\n"
        );
        found.why = Some("declared: kubernetes".into());
        assert!(
            people(&[found], false)
                .unwrap()
                .ends_with("\n  declared: kubernetes\n")
        );
    }
}
