//! The plain inputs of the expertise index — a person's profile and a message — and the clean-up
//! applied when they enter (trimmed text, empty fields absent, tags de-duplicated). Callers adapt
//! API or store records to these shapes; this file must not know about either.

/// A person as the directory sees them. Empty optional fields are `None` once indexed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonDoc {
    pub id: u64,
    pub full_name: String,
    pub username: String,
    pub job_title: Option<String>,
    pub department: Option<String>,
    pub location: Option<String>,
    /// Declared expertise, one tag each (`"kubernetes"`, `"GDPR audits"`).
    pub expertise: Vec<String>,
    /// Declared interests: a softer claim than expertise.
    pub interests: Vec<String>,
    /// `false` hides the person from every result of the index.
    pub show_in_directory: bool,
    /// Last activity the server reported (unix seconds).
    pub last_active: Option<i64>,
}

/// A message as evidence of what its sender knows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MessageDoc {
    pub id: u64,
    pub sender_id: u64,
    /// Plain text (already stripped of markup).
    pub body: String,
    /// Topics (hashtags) the message was posted under, as named.
    pub topics: Vec<String>,
    /// The community (group) it was posted in, if any.
    pub community: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
    pub likes: u32,
}

impl PersonDoc {
    /// Splits a Yammer-style tag list (`"Kubernetes, GDPR audits; Go"`) into tags.
    pub fn split_tags(list: &str) -> Vec<String> {
        list.split([',', ';', '\n'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect()
    }

    /// The name to show and sort by: the full name, or the username when that is empty.
    pub fn display_name(&self) -> &str {
        if self.full_name.is_empty() {
            &self.username
        } else {
            &self.full_name
        }
    }

    /// The same person with text trimmed, blank optional fields removed and tags de-duplicated
    /// (case-insensitively, first spelling kept, at most `MAX_TAGS` each).
    pub fn cleaned(mut self) -> Self {
        self.full_name = self.full_name.trim().to_owned();
        self.username = self.username.trim().to_owned();
        for field in [
            &mut self.job_title,
            &mut self.department,
            &mut self.location,
        ] {
            *field = field
                .take()
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty());
        }
        self.expertise = clean_tags(std::mem::take(&mut self.expertise));
        self.interests = clean_tags(std::mem::take(&mut self.interests));
        self
    }
}

/// Most tags kept per field; a profile listing more is noise, not expertise.
pub const MAX_TAGS: usize = 64;

fn clean_tags(tags: Vec<String>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for tag in tags {
        if out.len() == MAX_TAGS {
            break;
        }
        let tag = tag.trim();
        let key = super::tokenize::fold(tag);
        if tag.is_empty() || seen.contains(&key) {
            continue;
        }
        seen.push(key);
        out.push(tag.to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_tag_lists_on_commas_and_semicolons() {
        assert_eq!(
            PersonDoc::split_tags(" Kubernetes, GDPR audits;; Go ,"),
            ["Kubernetes", "GDPR audits", "Go"]
        );
        assert!(PersonDoc::split_tags("").is_empty());
    }

    #[test]
    fn cleaning_removes_blank_fields_and_duplicate_tags() {
        let person = PersonDoc {
            id: 1,
            full_name: "  Ada  ".into(),
            username: "ada".into(),
            job_title: Some("   ".into()),
            department: Some(" Platform ".into()),
            location: None,
            expertise: vec!["Rust".into(), " rust ".into(), "".into(), "Go".into()],
            interests: vec![" ".into()],
            show_in_directory: true,
            last_active: None,
        }
        .cleaned();
        assert_eq!(person.full_name, "Ada");
        assert_eq!(person.job_title, None);
        assert_eq!(person.department.as_deref(), Some("Platform"));
        assert_eq!(person.expertise, ["Rust", "Go"]);
        assert!(person.interests.is_empty());
    }

    #[test]
    fn display_name_falls_back_to_username() {
        let person = PersonDoc {
            username: "grace".into(),
            ..PersonDoc::default()
        };
        assert_eq!(person.display_name(), "grace");
    }
}
