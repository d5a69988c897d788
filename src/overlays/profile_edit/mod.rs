//! The profile form (`e` on your own card in People, or "Edit my profile" in the palette): your
//! expertise, interests, about text and whether the directory lists you, every field optional
//! and marked visible to everyone in the network. This module owns the form's text, its focus
//! and what a save would change (only the fields that differ from what was there); `update`
//! turns keys into a save `Effect` (applied at once, rolled back on failure) and `view` draws
//! it. It must not do I/O or read the clock.

pub mod update;
pub mod view;

use crate::api::ProfileUpdate;

/// One field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Expertise,
    Interests,
    Summary,
    Listed,
}

/// The fields, in the order `tab` visits them.
pub const FIELDS: [Field; 4] = [
    Field::Expertise,
    Field::Interests,
    Field::Summary,
    Field::Listed,
];

impl Field {
    /// The field's name on the form.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Expertise => "Expertise",
            Self::Interests => "Interests",
            Self::Summary => "About you",
            Self::Listed => "Listed in the directory",
        }
    }

    /// What to write there.
    pub const fn hint(self) -> &'static str {
        match self {
            Self::Expertise => "what you know well, comma-separated (rust, payroll audits)",
            Self::Interests => "what you like to follow, comma-separated",
            Self::Summary => "a few words about your work",
            Self::Listed => "space: yes/no; no keeps you out of People, search and rankings",
        }
    }
}

/// Your own profile as far as kring knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnProfile {
    pub expertise: Vec<String>,
    pub interests: Vec<String>,
    pub summary: String,
    /// Whether the directory lists you.
    pub listed: bool,
}

impl Default for OwnProfile {
    fn default() -> Self {
        Self {
            expertise: Vec::new(),
            interests: Vec::new(),
            summary: String::new(),
            listed: true,
        }
    }
}

/// The open form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileForm {
    /// The profile when the form opened: a save sends only what differs from it.
    pub was: OwnProfile,
    pub expertise: String,
    pub interests: String,
    pub summary: String,
    pub listed: bool,
    pub focus: Field,
    /// `esc` was pressed with changes: waiting for yes (drop them) or no (keep editing).
    pub confirm_discard: bool,
    /// Why the last save failed, shown until the next one.
    pub error: Option<String>,
}

impl ProfileForm {
    /// The form filled with `was`.
    pub fn new(was: OwnProfile) -> Self {
        Self {
            expertise: was.expertise.join(", "),
            interests: was.interests.join(", "),
            summary: was.summary.clone(),
            listed: was.listed,
            was,
            focus: Field::Expertise,
            confirm_discard: false,
            error: None,
        }
    }

    /// The text of a field (`None` for the yes/no one).
    pub fn text(&self, field: Field) -> Option<&str> {
        match field {
            Field::Expertise => Some(&self.expertise),
            Field::Interests => Some(&self.interests),
            Field::Summary => Some(&self.summary),
            Field::Listed => None,
        }
    }

    /// The focused field's text, to type into (`None` on the yes/no field).
    pub fn focused_text_mut(&mut self) -> Option<&mut String> {
        match self.focus {
            Field::Expertise => Some(&mut self.expertise),
            Field::Interests => Some(&mut self.interests),
            Field::Summary => Some(&mut self.summary),
            Field::Listed => None,
        }
    }

    /// Moves the focus `by` fields on (negative: back), wrapping around.
    pub fn move_focus(&mut self, by: isize) {
        let at = FIELDS.iter().position(|f| *f == self.focus).unwrap_or(0);
        let len = FIELDS.len() as isize;
        let next = (at as isize + by).rem_euclid(len);
        self.focus = FIELDS[next as usize];
    }

    /// The profile as it will be once saved.
    pub fn after(&self) -> OwnProfile {
        OwnProfile {
            expertise: tags(&self.expertise),
            interests: tags(&self.interests),
            summary: self.summary.trim().to_owned(),
            listed: self.listed,
        }
    }

    /// What a save sends: only the fields that changed (an emptied list clears it).
    pub fn change(&self) -> ProfileUpdate {
        let after = self.after();
        let was = &self.was;
        ProfileUpdate {
            expertise: (after.expertise != was.expertise).then(|| after.expertise.clone()),
            interests: (after.interests != was.interests).then(|| after.interests.clone()),
            summary: (after.summary != was.summary.trim()).then(|| after.summary.clone()),
            show_in_directory: (after.listed != was.listed).then_some(after.listed),
        }
    }

    /// Whether anything would change.
    pub fn has_changes(&self) -> bool {
        self.change() != ProfileUpdate::default()
    }
}

/// Tags from typed text: comma- (or semicolon-) separated, trimmed, blanks and repeats (ignoring
/// case) dropped.
pub fn tags(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in text.split([',', ';']).map(str::trim) {
        if !tag.is_empty() && !out.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            out.push(tag.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn was() -> OwnProfile {
        OwnProfile {
            expertise: vec!["rust".to_owned(), "postgres".to_owned()],
            interests: Vec::new(),
            summary: "Platform team".to_owned(),
            listed: true,
        }
    }

    #[test]
    fn the_form_opens_with_the_profile_and_sends_nothing_unchanged() {
        let form = ProfileForm::new(was());
        assert_eq!(form.expertise, "rust, postgres");
        assert_eq!(form.text(Field::Interests), Some(""));
        assert!(form.listed);
        assert!(!form.has_changes());
        assert_eq!(form.change(), ProfileUpdate::default());
    }

    #[test]
    fn only_the_fields_that_changed_are_sent_and_an_emptied_list_clears() {
        let mut form = ProfileForm::new(was());
        form.expertise = " rust,postgres , Rust ".to_owned();
        form.interests = "chess; climbing".to_owned();
        form.summary = "  Platform team ".to_owned();
        assert_eq!(
            form.change(),
            ProfileUpdate {
                interests: Some(vec!["chess".to_owned(), "climbing".to_owned()]),
                ..ProfileUpdate::default()
            }
        );
        form.expertise.clear();
        form.listed = false;
        let change = form.change();
        assert_eq!(change.expertise, Some(Vec::new()));
        assert_eq!(change.show_in_directory, Some(false));
        assert_eq!(change.summary, None);
    }

    #[test]
    fn tab_visits_every_field_and_wraps() {
        let mut form = ProfileForm::new(was());
        let mut seen = vec![form.focus];
        for _ in 0..4 {
            form.move_focus(1);
            seen.push(form.focus);
        }
        assert_eq!(
            seen,
            [
                Field::Expertise,
                Field::Interests,
                Field::Summary,
                Field::Listed,
                Field::Expertise
            ]
        );
        form.move_focus(-1);
        assert_eq!(form.focus, Field::Listed);
        assert!(form.focused_text_mut().is_none());
    }
}
