//! A person as the client knows them: name, role and declared expertise, all sanitized.

use super::SafeText;
use super::ids::UserId;

/// Someone in the network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: UserId,
    /// The display name ("Ada Lovelace"); falls back to the username when the server sends none.
    pub full_name: SafeText,
    /// The handle used in `@mentions`.
    pub username: SafeText,
    pub job_title: SafeText,
    pub department: SafeText,
    pub location: SafeText,
    pub expertise: Vec<SafeText>,
    pub web_url: SafeText,
    /// False for someone who chose to stay out of the directory: mention completion and people
    /// search leave them out (their messages still show).
    pub listed: bool,
}

impl Person {
    /// A placeholder for a sender the server did not describe, so views always have a name.
    pub fn unknown(id: UserId) -> Self {
        let name = SafeText::new(&format!("user {id}"));
        Self {
            id,
            full_name: name.clone(),
            username: name,
            job_title: SafeText::default(),
            department: SafeText::default(),
            location: SafeText::default(),
            expertise: Vec::new(),
            web_url: SafeText::default(),
            listed: true,
        }
    }
}
