//! Transitions of the profile form: your profile as the directory holds it, typing and pasting
//! into the focused field, `tab` between fields, `space` on the yes/no one, `ctrl-s` saving,
//! `esc` closing (asking first when something changed). A save is applied to the directory at
//! once (the caller passes the index in) and sent as the change it returns; if the server
//! refuses it the directory is put back and the form comes back with your text and the reason.
//! Works on the form and what is passed in; locks nothing, no I/O.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{OwnProfile, ProfileForm};
use crate::api::{ApiError, ProfileUpdate};
use crate::domain::{Person, SafeText, UserId};
use crate::expertise::{ExpertiseIndex, PersonDoc};
use crate::input::action::Action;

/// A save sent and not yet answered: what to put back if it fails, and the form to reopen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingSave {
    pub before: Option<PersonDoc>,
    pub before_summary: Option<SafeText>,
    pub form: ProfileForm,
}

/// What an action in the form asks of the rest of the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileOutcome {
    /// The form stays open.
    Stay,
    /// Close the form, dropping what was typed.
    Close,
    /// Close the form and save it ([`save`]).
    Save,
}

/// Your profile (`me`) from the directory `index` (whether it lists you or not) and the card's
/// about text, `summary`.
pub fn own_profile(index: &ExpertiseIndex, me: UserId, summary: Option<&SafeText>) -> OwnProfile {
    let summary = summary.map(ToString::to_string).unwrap_or_default();
    match index.own_profile(me.0) {
        Some(doc) => OwnProfile {
            expertise: doc.expertise.clone(),
            interests: doc.interests.clone(),
            summary,
            listed: doc.show_in_directory,
        },
        None => OwnProfile {
            summary,
            ..OwnProfile::default()
        },
    }
}

/// Handles a bound action while the form is open.
pub fn handle(form: &mut ProfileForm, action: Action) -> ProfileOutcome {
    if form.confirm_discard {
        match action {
            Action::ConfirmYes => return ProfileOutcome::Close,
            Action::ConfirmNo | Action::Back | Action::Cancel => form.confirm_discard = false,
            _ => {}
        }
        return ProfileOutcome::Stay;
    }
    match action {
        Action::MoveDown | Action::NextGroup => form.move_focus(1),
        Action::MoveUp | Action::PrevGroup => form.move_focus(-1),
        Action::Send => return ProfileOutcome::Save,
        Action::Cancel | Action::Back | Action::QuitOrBack => {
            if form.has_changes() {
                form.confirm_discard = true;
            } else {
                return ProfileOutcome::Close;
            }
        }
        _ => {}
    }
    ProfileOutcome::Stay
}

/// A key no binding took: typed into the focused field; `space` flips the yes/no field.
pub fn type_key(form: &mut ProfileForm, key: KeyEvent) {
    if form.confirm_discard {
        return;
    }
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if form.focused_text_mut().is_none() {
        if matches!(key.code, KeyCode::Char(' ' | 'y' | 'n')) && plain {
            form.listed = match key.code {
                KeyCode::Char('y') => true,
                KeyCode::Char('n') => false,
                _ => !form.listed,
            };
        }
        return;
    }
    let Some(text) = form.focused_text_mut() else {
        return;
    };
    match key.code {
        KeyCode::Backspace if ctrl || key.modifiers.contains(KeyModifiers::ALT) => {
            delete_word(text);
        }
        KeyCode::Backspace => {
            text.pop();
        }
        KeyCode::Char('w') if ctrl => delete_word(text),
        KeyCode::Char('u') if ctrl => text.clear(),
        KeyCode::Char(c) if plain => text.push(c),
        _ => {}
    }
}

fn delete_word(text: &mut String) {
    let kept = text.trim_end().len();
    text.truncate(kept);
    let start = text
        .rfind(|c: char| c.is_whitespace() || c == ',')
        .map_or(0, |i| i + 1);
    text.truncate(start);
}

/// Text pasted into the focused field, on one line.
pub fn paste(form: &mut ProfileForm, pasted: &str) {
    let Some(text) = form.focused_text_mut() else {
        return;
    };
    let one_line: Vec<&str> = pasted.split_whitespace().collect();
    text.push_str(&one_line.join(" "));
}

/// What a save reads and writes besides the form.
#[derive(Debug)]
pub struct SaveCtx<'a> {
    pub me: UserId,
    /// You, as the catalog knows you (for a directory entry not known yet).
    pub person: Option<&'a Person>,
    /// The directory, changed at once.
    pub index: &'a mut ExpertiseIndex,
    /// The card's about text before the save.
    pub summary: Option<SafeText>,
}

/// What a save comes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Nothing changed: nothing to send.
    Unchanged,
    /// The directory shows the change already: send `change`, keep `pending` until the answer,
    /// and show `summary` as your card's about text.
    Sent {
        change: ProfileUpdate,
        pending: Box<PendingSave>,
        summary: Option<SafeText>,
    },
}

/// Saves `form`: what changed is shown in the directory at once and returned to send.
pub fn save(form: ProfileForm, ctx: SaveCtx<'_>) -> SaveOutcome {
    let change = form.change();
    if change == ProfileUpdate::default() {
        return SaveOutcome::Unchanged;
    }
    let before = ctx.index.own_profile(ctx.me.0).cloned();
    let after = form.after();
    ctx.index
        .upsert_person(doc_after(before.clone(), ctx.me, ctx.person, &after));
    let summary = SafeText::new(&after.summary);
    let mut form = form;
    form.error = None;
    SaveOutcome::Sent {
        change,
        pending: Box::new(PendingSave {
            before,
            before_summary: ctx.summary,
            form,
        }),
        summary: (!summary.is_empty()).then_some(summary),
    }
}

/// Your directory entry once `after` is saved, over `base` (or what the catalog knows).
fn doc_after(
    base: Option<PersonDoc>,
    me: UserId,
    person: Option<&Person>,
    after: &OwnProfile,
) -> PersonDoc {
    let base = base.unwrap_or_else(|| {
        let text = |t: Option<&SafeText>| t.map(ToString::to_string).filter(|t| !t.is_empty());
        PersonDoc {
            id: me.0,
            full_name: person.map(|p| p.full_name.to_string()).unwrap_or_default(),
            username: person.map(|p| p.username.to_string()).unwrap_or_default(),
            job_title: text(person.map(|p| &p.job_title)),
            department: text(person.map(|p| &p.department)),
            location: text(person.map(|p| &p.location)),
            ..PersonDoc::default()
        }
    });
    PersonDoc {
        expertise: after.expertise.clone(),
        interests: after.interests.clone(),
        show_in_directory: after.listed,
        ..base
    }
}

/// What the server's answer to a save comes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SavedOutcome {
    /// It took it: say so.
    Saved(&'static str),
    /// It refused: the directory entry is put back (in the index passed in); put back the
    /// card's about text, `summary`, and reopen `form` (or, when something else is open, say
    /// `reason`).
    Refused {
        summary: Option<SafeText>,
        form: Box<ProfileForm>,
        reason: String,
    },
}

/// The server answered the save `pending`; on a refusal your entry in `index` (you are `me`,
/// when known) is put back.
pub fn saved(
    pending: PendingSave,
    me: Option<UserId>,
    index: &mut ExpertiseIndex,
    result: Result<(), ApiError>,
) -> SavedOutcome {
    let error = match result {
        Ok(()) => {
            return SavedOutcome::Saved(if pending.form.listed {
                "Profile saved: visible to everyone in the network"
            } else {
                "Profile saved: People, search and rankings leave you out now"
            });
        }
        Err(error) => error,
    };
    if let Some(me) = me {
        let restored = match pending.before {
            Some(doc) => doc,
            // Unknown before the save: left out again until the listing brings it.
            None => PersonDoc {
                show_in_directory: false,
                ..index.own_profile(me.0).cloned().unwrap_or_default()
            },
        };
        if restored.id == me.0 {
            index.upsert_person(restored);
        }
    }
    let reason = format!("Your profile was not saved ({error}); nothing changed");
    let mut form = pending.form;
    form.error = Some(format!("{reason}. ctrl-s tries again, esc drops it."));
    SavedOutcome::Refused {
        summary: pending.before_summary,
        form: Box::new(form),
        reason,
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
