//! The profile form on the whole state: opening it on your profile (from the directory and
//! your card), routing its keys, typing and pastes to [`crate::overlays::profile_edit::update`],
//! and carrying out a save: the directory (locked here, never in the overlay) and your card
//! change at once, the People pane hears of it, the change is sent; a refusal puts both back
//! and reopens the form.

use crossterm::event::KeyEvent;

use crate::api::ApiError;
use crate::app::core::effect::Effect;
use crate::app::core::route::people::index_changed;
use crate::app::core::state::State;
use crate::input::action::Action;
use crate::overlays::Overlay;
use crate::overlays::profile_edit::ProfileForm;
use crate::overlays::profile_edit::update::{
    self as profile_edit, ProfileOutcome, SaveCtx, SaveOutcome, SavedOutcome,
};
use crate::panes::notice::Notice;
use crate::panes::people::effect::PeopleEffect;

/// Opens the form on your own profile.
pub fn open(state: &mut State) -> Vec<Effect> {
    let now = state.session.now;
    let Some(me) = state.catalog.me else {
        let text = "Your profile is not known yet: try again once kring has connected";
        state.notice.show(Notice::info(text, now));
        return Vec::new();
    };
    if state.profile_save.is_some() {
        state
            .notice
            .show(Notice::info("Your last change is still being saved", now));
        return Vec::new();
    }
    let summary = state
        .people
        .extras
        .get(&me)
        .and_then(|e| e.summary.as_ref());
    let was = profile_edit::own_profile(&state.people.index.lock(), me, summary);
    state.overlay = Some(Overlay::ProfileEdit(Box::new(ProfileForm::new(was))));
    Vec::new()
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
    match profile_edit::handle(form, action) {
        ProfileOutcome::Stay => Vec::new(),
        ProfileOutcome::Close => {
            state.overlay = None;
            Vec::new()
        }
        ProfileOutcome::Save => save(state),
    }
}

/// A key no binding took: typed into the focused field.
pub fn type_key(state: &mut State, key: KeyEvent) {
    if let Some(form) = form_mut(state) {
        profile_edit::type_key(form, key);
    }
}

/// Text pasted into the focused field.
pub fn paste(state: &mut State, pasted: &str) {
    if let Some(form) = form_mut(state) {
        profile_edit::paste(form, pasted);
    }
}

/// Sends what changed, showing it in the directory at once.
fn save(state: &mut State) -> Vec<Effect> {
    let now = state.session.now;
    let (Some(me), Some(Overlay::ProfileEdit(form))) = (state.catalog.me, state.overlay.take())
    else {
        return Vec::new();
    };
    let outcome = {
        let mut index = state.people.index.lock();
        let ctx = SaveCtx {
            me,
            person: state.catalog.person(me),
            index: &mut index,
            summary: state.people.extras.get(&me).and_then(|e| e.summary.clone()),
        };
        profile_edit::save(*form, ctx)
    };
    let SaveOutcome::Sent {
        change,
        pending,
        summary,
    } = outcome
    else {
        state.notice.show(Notice::info("Nothing changed", now));
        return Vec::new();
    };
    state.people.extras.entry(me).or_default().summary = summary;
    index_changed(state);
    state.profile_save = Some(*pending);
    state.notice.show(Notice::info("Saving your profile…", now));
    vec![Effect::People(PeopleEffect::SaveProfile { change })]
}

/// The server answered a save: said when it took it; otherwise the directory is put back and
/// the form reopens with your text and why (a notice when something else is open).
pub fn saved(state: &mut State, result: Result<(), ApiError>) {
    let Some(pending) = state.profile_save.take() else {
        return;
    };
    let me = state.catalog.me;
    let outcome = profile_edit::saved(pending, me, &mut state.people.index.lock(), result);
    match outcome {
        SavedOutcome::Saved(text) => {
            state.notice.show(Notice::info(text, state.session.now));
        }
        SavedOutcome::Refused {
            summary,
            form,
            reason,
        } => {
            if let Some(me) = me {
                state.people.extras.entry(me).or_default().summary = summary;
                index_changed(state);
            }
            if state.overlay.is_none() {
                state.overlay = Some(Overlay::ProfileEdit(form));
            } else {
                state.notice.show(Notice::error(reason));
            }
        }
    }
}

#[cfg(test)]
#[path = "profile_edit_tests.rs"]
mod tests;
