//! Overlays drawn over the panes: compose, help, confirm, the outbox list, the palette, search,
//! catch-up, links, guidelines, the tour and the profile form. An open overlay is modal: it gets
//! every key first, and the panes below keep their state untouched. Overlays may use the panes'
//! shared parts; they import nothing from the client's core or shell.

pub mod catchup;
pub mod compose;
pub mod confirm;
pub mod guidelines;
pub mod help;
pub mod links;
pub mod outbox;
pub mod palette;
pub mod profile_edit;
pub mod search;
pub mod tour;

use compose::Compose;
use confirm::Confirm;
use help::Help;

/// The overlay on top of the panes, if any.
#[derive(Clone, Debug)]
pub enum Overlay {
    Compose(Box<Compose>),
    Help(Help),
    Confirm(Confirm),
    Outbox(outbox::OutboxOverlay),
    Palette(palette::Palette),
    CatchUp(Box<catchup::CatchUpOverlay>),
    Links(links::LinkPicker),
    /// A community's info card.
    CommunityCard(Box<crate::panes::communities::discover::card::CommunityCard>),
    Health(Box<crate::panes::health::HealthView>),
    Questions(Box<crate::panes::questions::QuestionsView>),
    Search(Box<search::SearchOverlay>),
    /// The walk through the panes.
    Tour(tour::Tour),
    /// The code of conduct and a community's guidelines.
    Guidelines(Box<guidelines::GuidelinesView>),
    /// The form for your own profile.
    ProfileEdit(Box<profile_edit::ProfileForm>),
}

impl Overlay {
    /// The keymap modes tried for keys while this overlay is open, most specific first.
    pub const fn modes(&self) -> &'static [&'static str] {
        match self {
            // Compose is a text editor: global keys would eat typed letters.
            Self::Compose(_) => &["compose"],
            Self::Help(_) => &["help", "global"],
            Self::Confirm(_) => &["confirm"],
            Self::Outbox(list) if list.confirm_cancel.is_some() => &["confirm"],
            Self::Outbox(_) => &["outbox", "global"],
            // The filter line takes printable keys, so only the palette's own keys act.
            Self::Palette(_) => &["palette"],
            Self::CatchUp(_) => &["catchup", "global"],
            Self::Links(_) => &["links", "global"],
            Self::CommunityCard(_) => &["community_card", "global"],
            Self::Health(_) => &["health", "global"],
            Self::Questions(_) => &["questions", "global"],
            // The search line takes printable keys too.
            Self::Search(_) => &["search"],
            // Only the tour's keys act: the panes behind it stay as they are.
            Self::Tour(_) => &["tour"],
            Self::Guidelines(_) => &["guidelines", "global"],
            // The form's fields take printable keys.
            Self::ProfileEdit(_) => &["profile_edit"],
        }
    }

    /// The mode whose bindings the status bar hints at.
    pub const fn mode(&self) -> &'static str {
        match self {
            Self::Compose(_) => "compose",
            Self::Help(_) => "help",
            Self::Confirm(_) => "confirm",
            Self::Outbox(_) => "outbox",
            Self::Palette(_) => "palette",
            Self::CatchUp(_) => "catchup",
            Self::Links(_) => "links",
            Self::CommunityCard(_) => "community_card",
            Self::Health(_) => "health",
            Self::Questions(_) => "questions",
            Self::Search(_) => "search",
            Self::Tour(_) => "tour",
            Self::Guidelines(_) => "guidelines",
            Self::ProfileEdit(_) => "profile_edit",
        }
    }
}
