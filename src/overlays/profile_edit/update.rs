//! Transitions of the profile form: opening it on your profile as the directory holds it,
//! typing and pasting into the focused field, `tab` between fields, `space` on the yes/no one,
//! `ctrl-s` saving, `esc` closing (asking first when something changed). A save is applied to
//! the directory at once and sent through `PeopleEffect::SaveProfile`; if the server refuses it
//! the directory is put back and the form comes back with your text and the reason. No I/O.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{OwnProfile, ProfileForm};
use crate::api::ApiError;
use crate::app::core::action::Action;
use crate::app::core::effect::Effect;
use crate::app::core::notice::Notice;
use crate::app::core::route::people::index_changed;
use crate::app::core::state::State;
use crate::domain::{SafeText, UserId};
use crate::expertise::PersonDoc;
use crate::overlays::Overlay;
use crate::panes::people::effect::PeopleEffect;

/// A save sent and not yet answered: what to put back if it fails, and the form to reopen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingSave {
    pub before: Option<PersonDoc>,
    pub before_summary: Option<SafeText>,
    pub form: ProfileForm,
}

/// Opens the form on your own profile.
pub fn open(state: &mut State) -> Vec<Effect> {
    let now = state.session.now;
    let Some(me) = state.catalog.me else {
        let text = "Your profile is not known yet: try again once kring has connected";
        state.notice = Some(Notice::info(text, now));
        return Vec::new();
    };
    if state.profile_save.is_some() {
        state.notice = Some(Notice::info("Your last change is still being saved", now));
        return Vec::new();
    }
    let form = ProfileForm::new(own_profile(state, me));
    state.overlay = Some(Overlay::ProfileEdit(Box::new(form)));
    Vec::new()
}

/// Your profile from the directory (whether it lists you or not) and the card's about text.
pub fn own_profile(state: &State, me: UserId) -> OwnProfile {
    let summary = state
        .people
        .extras
        .get(&me)
        .and_then(|e| e.summary.as_ref())
        .map(ToString::to_string)
        .unwrap_or_default();
    let index = state.people.index.lock();
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

fn form_mut(state: &mut State) -> Option<&mut ProfileForm> {
    match &mut state.overlay {
        Some(Overlay::ProfileEdit(form)) => Some(form),
        _ => None,
    }
}

/// Handles a bound action while the form is open.
pub fn handle(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(form) = form_mut(state) else {
        return Vec::new();
    };
    if form.confirm_discard {
        match action {
            Action::ConfirmYes => state.overlay = None,
            Action::ConfirmNo | Action::Back | Action::Cancel => form.confirm_discard = false,
            _ => {}
        }
        return Vec::new();
    }
    match action {
        Action::MoveDown | Action::NextGroup => form.move_focus(1),
        Action::MoveUp | Action::PrevGroup => form.move_focus(-1),
        Action::Send => return save(state),
        Action::Cancel | Action::Back | Action::QuitOrBack => {
            if form.has_changes() {
                form.confirm_discard = true;
            } else {
                state.overlay = None;
            }
        }
        _ => {}
    }
    Vec::new()
}

/// A key no binding took: typed into the focused field; `space` flips the yes/no field.
pub fn type_key(state: &mut State, key: KeyEvent) {
    let Some(form) = form_mut(state) else {
        return;
    };
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
pub fn paste(state: &mut State, pasted: &str) {
    let Some(text) = form_mut(state).and_then(|f| f.focused_text_mut()) else {
        return;
    };
    let one_line: Vec<&str> = pasted.split_whitespace().collect();
    text.push_str(&one_line.join(" "));
}

/// Sends what changed, showing it in the directory at once.
fn save(state: &mut State) -> Vec<Effect> {
    let now = state.session.now;
    let (Some(me), Some(Overlay::ProfileEdit(form))) = (state.catalog.me, state.overlay.take())
    else {
        return Vec::new();
    };
    let change = form.change();
    if change == crate::api::ProfileUpdate::default() {
        state.notice = Some(Notice::info("Nothing changed", now));
        return Vec::new();
    }
    let before = state.people.index.lock().own_profile(me.0).cloned();
    let before_summary = state.people.extras.get(&me).and_then(|e| e.summary.clone());
    apply(state, me, before.clone(), &form.after());
    let mut form = *form;
    form.error = None;
    state.profile_save = Some(PendingSave {
        before,
        before_summary,
        form,
    });
    state.notice = Some(Notice::info("Saving your profile…", now));
    vec![Effect::People(PeopleEffect::SaveProfile { change })]
}

/// Shows `after` as your profile in the directory (over `base`, or what the catalog knows).
fn apply(state: &mut State, me: UserId, base: Option<PersonDoc>, after: &OwnProfile) {
    let base = base.unwrap_or_else(|| {
        let person = state.catalog.person(me);
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
    let doc = PersonDoc {
        expertise: after.expertise.clone(),
        interests: after.interests.clone(),
        show_in_directory: after.listed,
        ..base
    };
    state.people.index.lock().upsert_person(doc);
    let summary = SafeText::new(&after.summary);
    let extras = state.people.extras.entry(me).or_default();
    extras.summary = (!summary.is_empty()).then_some(summary);
    index_changed(state);
}

/// The server answered a save: said when it took it; otherwise the directory is put back and
/// the form reopens with your text and why (a notice when something else is open).
pub fn saved(state: &mut State, result: Result<(), ApiError>) {
    let Some(pending) = state.profile_save.take() else {
        return;
    };
    let now = state.session.now;
    let error = match result {
        Ok(()) => {
            let text = if pending.form.listed {
                "Profile saved: visible to everyone in the network"
            } else {
                "Profile saved: People, search and rankings leave you out now"
            };
            state.notice = Some(Notice::info(text, now));
            return;
        }
        Err(error) => error,
    };
    if let Some(me) = state.catalog.me {
        let restored = match pending.before {
            Some(doc) => doc,
            // Unknown before the save: left out again until the listing brings it.
            None => PersonDoc {
                show_in_directory: false,
                ..state
                    .people
                    .index
                    .lock()
                    .own_profile(me.0)
                    .cloned()
                    .unwrap_or_default()
            },
        };
        if restored.id == me.0 {
            state.people.index.lock().upsert_person(restored);
        }
        let extras = state.people.extras.entry(me).or_default();
        extras.summary = pending.before_summary;
        index_changed(state);
    }
    let reason = format!("Your profile was not saved ({error}); nothing changed");
    if state.overlay.is_none() {
        let mut form = pending.form;
        form.error = Some(format!("{reason}. ctrl-s tries again, esc drops it."));
        state.overlay = Some(Overlay::ProfileEdit(Box::new(form)));
    } else {
        state.notice = Some(Notice::error(reason));
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
