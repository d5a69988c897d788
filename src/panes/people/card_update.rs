//! Transitions of the people pane's profile card: opening it on the selected person (with the
//! fetches it needs), moving through its threads or its "why am I listed?", closing it, and what
//! a card and the listing share: a private message, follow, your own profile's form. Works on
//! the pane's own state and a [`PeopleCtx`]; opening a thread, compose or the form is a
//! [`PeopleOutcome`] request. No I/O.

use super::PeoplePane;
use super::answers::set_follow;
use super::card::ProfileCard;
use super::ctx::PeopleCtx;
use super::effect::PeopleEffect;
use super::outcome::{PeopleOutcome, PeopleRequest};
use crate::domain::UserId;
use crate::input::action::Action;
use crate::panes::cursor::Motion;
use crate::panes::notice::Notice;

/// Handles `action` while a card is open; `None` lets the global handler take it.
pub fn handle(
    people: &mut PeoplePane,
    ctx: &mut PeopleCtx<'_>,
    action: Action,
) -> Option<PeopleOutcome> {
    let card = people.card.as_mut()?;
    let page = usize::from(ctx.height) / 2;
    if let (Some(why), Some(motion)) = (card.why.as_mut(), Motion::from_action(action, page)) {
        // The card scrolls over what the ranking sees; the view keeps it within the text.
        why.scroll = motion.apply(Some(why.scroll), 200).unwrap_or(0);
        return Some(PeopleOutcome::none());
    }
    if let Some(motion) = Motion::from_action(action, page) {
        card.selected = motion
            .apply(Some(card.selected), card.threads.len())
            .unwrap_or(0);
        return Some(PeopleOutcome::none());
    }
    let person = Some(card.person);
    let outcome = match action {
        Action::Back | Action::Cancel | Action::QuitOrBack => close_card(people),
        Action::Search => {
            let outcome = close_card(people);
            people.line.editing = true;
            outcome
        }
        Action::Open => open_thread(people),
        Action::DirectMessage => direct_message(people, ctx, person),
        Action::ToggleFollow => toggle_follow(people, ctx, person),
        Action::EditProfile => edit_profile(ctx, person),
        Action::WhyListed => toggle_why_listed(people, ctx),
        _ => return None,
    };
    Some(outcome)
}

/// `e` on a card: your own profile's form; anyone else's is theirs to change.
fn edit_profile(ctx: &PeopleCtx<'_>, person: Option<UserId>) -> PeopleOutcome {
    if person.is_some() && person == ctx.me {
        return PeopleOutcome::request(PeopleRequest::EditProfile);
    }
    let text = "Only your own profile can be edited: e on the list or on your own card";
    PeopleOutcome::notice(Notice::info(text, ctx.now))
}

/// `w` on your own card: shows or hides what the expertise ranking sees about you.
fn toggle_why_listed(people: &mut PeoplePane, ctx: &PeopleCtx<'_>) -> PeopleOutcome {
    let Some(card) = people.card.as_mut() else {
        return PeopleOutcome::none();
    };
    if ctx.me != Some(card.person) {
        let text = "\"Why am I listed?\" is for your own card";
        return PeopleOutcome::notice(Notice::info(text, ctx.now));
    }
    card.why = match card.why.take() {
        Some(_) => None,
        None => Some(super::why_listed::explain(
            &people.index.lock(),
            ctx.catalog,
            card.person,
            ctx.now.timestamp(),
        )),
    };
    PeopleOutcome::none()
}

/// Closes the profile card, cancelling the fetch of its messages if it is still running.
pub fn close_card(people: &mut PeoplePane) -> PeopleOutcome {
    let stale = people.card.take().and_then(|card| card.written);
    PeopleOutcome {
        cancel: stale.into_iter().collect(),
        ..PeopleOutcome::default()
    }
}

/// `enter` on the listing: the selected person's card, and the fetches it needs.
pub fn open_card(people: &mut PeoplePane, ctx: &mut PeopleCtx<'_>) -> PeopleOutcome {
    let Some(person) = people.selected else {
        return PeopleOutcome::none();
    };
    let mut outcome = close_card(people);
    let mut card = ProfileCard::new(person, &people.line.parsed().text);
    card.rebuild(&people.index.lock(), ctx.catalog);
    let req = ctx.requests.issue();
    card.written = Some(req);
    people.card = Some(card);
    outcome
        .effects
        .push(PeopleEffect::FetchWritten { req, user: person });
    if !people.communities.contains_key(&person) {
        outcome
            .effects
            .push(PeopleEffect::FetchCommunities { user: person });
    }
    if ctx.me != Some(person) && !people.following.contains_key(&person) {
        outcome
            .effects
            .push(PeopleEffect::CheckFollow { user: person });
    }
    outcome
}

fn open_thread(people: &PeoplePane) -> PeopleOutcome {
    let Some(entry) = people.card.as_ref().and_then(|c| c.selected_thread()) else {
        return PeopleOutcome::none();
    };
    PeopleOutcome::request(PeopleRequest::OpenThread {
        thread: entry.thread,
        message: entry.message,
    })
}

fn person_name(people: &PeoplePane, person: UserId) -> Option<String> {
    let index = people.index.lock();
    index.person(person.0).map(|p| p.display_name().to_owned())
}

/// `m`: a private message to `person`.
pub fn direct_message(
    people: &PeoplePane,
    ctx: &PeopleCtx<'_>,
    person: Option<UserId>,
) -> PeopleOutcome {
    let Some(person) = person else {
        return PeopleOutcome::none();
    };
    if ctx.me == Some(person) {
        return PeopleOutcome::notice(Notice::info("That is you", ctx.now));
    }
    let Some(name) = person_name(people, person) else {
        return PeopleOutcome::none();
    };
    PeopleOutcome::request(PeopleRequest::DirectMessage { to: person, name })
}

/// `F`: follows `person`, or no longer.
pub fn toggle_follow(
    people: &mut PeoplePane,
    ctx: &PeopleCtx<'_>,
    person: Option<UserId>,
) -> PeopleOutcome {
    let Some(person) = person else {
        return PeopleOutcome::none();
    };
    if ctx.me == Some(person) {
        return PeopleOutcome::notice(Notice::info("That is you", ctx.now));
    }
    let follow = !people.following.get(&person).copied().unwrap_or(false);
    people.following.insert(person, follow);
    PeopleOutcome::effect(set_follow(person, follow))
}
