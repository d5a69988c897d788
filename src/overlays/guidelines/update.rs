//! Transitions of the guidelines: asking for texts not known yet, taking the answers, deciding
//! whether a compose window just opened shows them (before the user's first post there), and
//! the Guidelines view's keys. Showing marks them seen (kept as an account fact); the view
//! showing the code of conduct keeps `guidelines_read`. Works on [`Guidelines`] and the view's
//! own state with what it reads passed in (the catalog, the time, the compose window's note);
//! the fetches and the facts to keep are returned for the core to carry out. No I/O.

use super::effect::{GuidelinesEffect, GuidelinesMsg, KeptFact};
use super::{Guidelines, GuidelinesView, Known, Scope, has_posted, seen_key};
use crate::domain::{Catalog, GroupId, SafeText};
use crate::input::action::Action;

/// What a compose window shows of the guidelines: for which scope, and whether in full.
pub use crate::overlays::compose::GuidelinesNote as Note;

/// What the guidelines ask for after a change: texts to fetch and account facts to keep.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GuidelinesOutcome {
    pub fetch: Vec<GuidelinesEffect>,
    pub keep: Vec<KeptFact>,
    /// The Guidelines view showed the code of conduct for the first time this session: the
    /// "Start here" step it completes is done.
    pub read: bool,
}

impl GuidelinesOutcome {
    fn extend(&mut self, other: Self) {
        self.fetch.extend(other.fetch);
        self.keep.extend(other.keep);
        self.read |= other.read;
    }
}

/// Asks for the texts `scope`'s guidelines need that are not known (nor asked for) yet.
pub fn wanted(guidelines: &mut Guidelines, scope: Scope) -> Vec<GuidelinesEffect> {
    let mut effects = Vec::new();
    if matches!(guidelines.network, Known::Unasked | Known::Failed(_)) {
        guidelines.network = Known::Loading;
        effects.push(GuidelinesEffect::FetchNetwork);
    }
    if let Some(group) = scope {
        let known = guidelines.communities.entry(group).or_default();
        if matches!(known, Known::Unasked | Known::Failed(_)) {
            *known = Known::Loading;
            effects.push(GuidelinesEffect::FetchCommunity(group));
        }
    }
    effects
}

/// A compose window just opened for a draft to `scope` (`None`: a private message or an edit
/// of a queued post, which show none): before the user's first post there (none of their
/// messages there is known, and the guidelines were not shown there before), it shows the
/// guidelines. Returns the note the window shows, if any, and what that asks for.
pub fn compose_opened(
    guidelines: &mut Guidelines,
    catalog: &Catalog,
    scope: Option<Scope>,
) -> (Option<Note>, GuidelinesOutcome) {
    let Some(scope) = scope else {
        return (None, GuidelinesOutcome::default());
    };
    if guidelines.is_seen(scope) || has_posted(catalog, scope) {
        return (None, GuidelinesOutcome::default());
    }
    let note = Note {
        scope,
        expanded: false,
    };
    let mut outcome = GuidelinesOutcome {
        fetch: wanted(guidelines, scope),
        ..GuidelinesOutcome::default()
    };
    outcome
        .keep
        .extend(mark_shown(guidelines, catalog, Some(note)));
    (Some(note), outcome)
}

/// `ctrl-g` in the editor, whose note is `note` and whose draft goes to `scope`: shows the
/// guidelines in full, or back to one line. Where they were not shown (posted there before),
/// it shows them. Returns the window's new note (none: nothing to show) and the fetches.
pub fn toggle_in_compose(
    guidelines: &mut Guidelines,
    note: Option<Note>,
    scope: Option<Scope>,
) -> Option<(Note, Vec<GuidelinesEffect>)> {
    let scope = match note {
        Some(note) => note.scope,
        None => scope?,
    };
    let expanded = note.is_none_or(|n| !n.expanded);
    Some((Note { scope, expanded }, wanted(guidelines, scope)))
}

/// Once an open compose window (showing `note`) has guidelines to show, they count as seen
/// there.
fn mark_shown(
    guidelines: &mut Guidelines,
    catalog: &Catalog,
    note: Option<Note>,
) -> Option<KeptFact> {
    let note = note?;
    if guidelines.for_scope(note.scope, catalog).is_none()
        || !guidelines.seen.insert(seen_key(note.scope))
    {
        return None;
    }
    Some(KeptFact {
        fact: crate::store::FACT_GUIDELINES_SEEN,
        value: guidelines.seen_text(),
    })
}

/// Once the Guidelines view (`open`) shows the code of conduct, that is kept (once a session),
/// as the "Start here" checklist keeps it: "1".
fn mark_read(guidelines: &mut Guidelines, open: bool) -> GuidelinesOutcome {
    if !open || guidelines.read_kept || guidelines.network_text().is_none() {
        return GuidelinesOutcome::default();
    }
    guidelines.read_kept = true;
    GuidelinesOutcome {
        keep: vec![KeptFact {
            fact: crate::store::FACT_GUIDELINES_READ,
            value: "1".to_owned(),
        }],
        read: true,
        ..GuidelinesOutcome::default()
    }
}

/// What [`apply`] reads besides the guidelines.
#[derive(Clone, Copy, Debug)]
pub struct AnswerCtx<'a> {
    pub catalog: &'a Catalog,
    /// The open compose window's note, if one is open.
    pub note: Option<Note>,
    /// Whether the Guidelines view is open.
    pub view_open: bool,
}

/// Takes a fetched text.
pub fn apply(
    guidelines: &mut Guidelines,
    ctx: AnswerCtx<'_>,
    answer: GuidelinesMsg,
) -> GuidelinesOutcome {
    let known = |result: Result<String, crate::api::ApiError>| match result {
        Ok(text) => Known::Loaded(SafeText::new(text.trim())),
        Err(error) => Known::Failed(error.to_string()),
    };
    match answer {
        GuidelinesMsg::Network(result) => guidelines.network = known(result),
        GuidelinesMsg::Community(group, result) => {
            guidelines.communities.insert(group, known(result));
        }
    }
    let mut outcome = GuidelinesOutcome::default();
    outcome
        .keep
        .extend(mark_shown(guidelines, ctx.catalog, ctx.note));
    outcome.extend(mark_read(guidelines, ctx.view_open));
    outcome
}

/// A community's guidelines learnt elsewhere (its info card fetched them).
pub fn learn(guidelines: &mut Guidelines, group: GroupId, text: &SafeText) {
    let text = SafeText::new(text.as_str().trim());
    guidelines.communities.insert(group, Known::Loaded(text));
}

/// The Guidelines view on `community`: the code of conduct, then the community's guidelines;
/// with the fetches it needs and, when the code of conduct is known, the fact that it was read.
pub fn open(
    guidelines: &mut Guidelines,
    community: Option<GroupId>,
) -> (GuidelinesView, GuidelinesOutcome) {
    let view = GuidelinesView {
        community,
        scroll: 0,
    };
    let mut outcome = GuidelinesOutcome {
        fetch: wanted(guidelines, community),
        ..GuidelinesOutcome::default()
    };
    outcome.extend(mark_read(guidelines, true));
    (view, outcome)
}

/// What the Guidelines view's keys read besides the view.
#[derive(Clone, Copy, Debug)]
pub struct ViewCtx<'a> {
    /// Rows a half-page moves.
    pub page: u16,
    /// How far the view can scroll.
    pub last: u16,
    /// The configured link, if any.
    pub url: Option<&'a SafeText>,
}

/// What an action in the Guidelines view asks of the rest of the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ViewOutcome {
    Stay,
    Close,
    /// Open this link in the browser.
    OpenUrl(String),
}

/// Handles `action` while the Guidelines view is open.
pub fn handle(view: &mut GuidelinesView, ctx: ViewCtx<'_>, action: Action) -> ViewOutcome {
    let (page, last) = (ctx.page.max(1), ctx.last);
    match action {
        Action::MoveDown => view.scroll = view.scroll.saturating_add(1).min(last),
        Action::MoveUp => view.scroll = view.scroll.saturating_sub(1),
        Action::HalfPageDown => view.scroll = view.scroll.saturating_add(page).min(last),
        Action::HalfPageUp => view.scroll = view.scroll.saturating_sub(page),
        Action::First => view.scroll = 0,
        Action::Last => view.scroll = last,
        Action::OpenLink => {
            if let Some(url) = ctx.url {
                return ViewOutcome::OpenUrl(url.to_string());
            }
        }
        Action::Back | Action::QuitOrBack | Action::Cancel | Action::Guidelines => {
            return ViewOutcome::Close;
        }
        _ => {}
    }
    ViewOutcome::Stay
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
