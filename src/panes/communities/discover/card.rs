//! The community info card (an overlay): description, admins, member count, activity (messages
//! in the last 30 days, the last post), guidelines, where the user stands (member, requested,
//! private) and why it is suggested. Its keys close it, join or leave, or open the feed.
//!
//! Works on the card's own state; what it draws from is a [`CardView`] (the catalog, the
//! communities pane, the time). What it cannot do (closing, joining, the guidelines, the feed;
//! what the guidelines view learns from the details) is returned for the core's route.

use chrono::{DateTime, Duration, Utc};
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::effect::CardDetail;
use super::outcome::DiscoverRequest;
use super::{Discover, is_private, rank, readable};
use crate::api::ApiError;
use crate::config::theme::Theme;
use crate::domain::time::relative_label;
use crate::domain::{Catalog, GroupId, Timestamp};
use crate::input::action::Action;
use crate::panes::communities::CommunitiesPane;
use crate::widgets::popup::{draw_popup, popup_block};

/// What the card draws from besides its own state.
#[derive(Clone, Copy, Debug)]
pub struct CardView<'a> {
    pub catalog: &'a Catalog,
    /// The user's communities and the Discover section.
    pub pane: &'a CommunitiesPane,
    pub now: DateTime<Utc>,
}

/// An open info card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommunityCard {
    pub group: GroupId,
    pub detail: Option<CardDetail>,
    /// Why the details could not be fetched (what the catalog knows still shows).
    pub failed: Option<String>,
    pub scroll: u16,
}

impl CommunityCard {
    pub const fn new(group: GroupId) -> Self {
        Self {
            group,
            detail: None,
            failed: None,
            scroll: 0,
        }
    }
}

/// What an action on the card asks of the rest of the client (`app::core::route::communities`
/// carries it out).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardOutcome {
    /// The card stays open.
    Stay,
    /// Close the card.
    Close,
    /// Close the card and join or leave its community.
    ToggleMembership(GroupId),
    /// Show the community's guidelines over the card.
    Guidelines(GroupId),
    /// Close the card and show the community's feed.
    OpenFeed(GroupId),
}

/// Handles `action` while the card is open; `readable`: the user may read its feed.
pub fn handle(card: &mut CommunityCard, readable: bool, action: Action) -> CardOutcome {
    let group = card.group;
    match action {
        Action::MoveDown => card.scroll = card.scroll.saturating_add(1),
        Action::MoveUp => card.scroll = card.scroll.saturating_sub(1),
        Action::Back | Action::QuitOrBack | Action::Cancel | Action::CommunityInfo => {
            return CardOutcome::Close;
        }
        Action::ToggleMembership => return CardOutcome::ToggleMembership(group),
        Action::Guidelines => return CardOutcome::Guidelines(group),
        Action::Open if readable => return CardOutcome::OpenFeed(group),
        _ => {}
    }
    CardOutcome::Stay
}

/// Puts the fetched details into `card`, if it is still open on `group`, and keeps what the
/// listing part says; the guidelines the details bring are for the guidelines view to learn.
pub fn answer(
    card: Option<&mut CommunityCard>,
    discover: &mut Discover,
    group: GroupId,
    result: Result<CardDetail, ApiError>,
) -> Option<DiscoverRequest> {
    let learn = result.as_ref().ok().map(|detail| {
        discover.listed.insert(group, detail.listed.clone());
        DiscoverRequest::LearnGuidelines {
            group,
            guidelines: detail.guidelines.clone(),
        }
    });
    if let Some(card) = card.filter(|c| c.group == group) {
        match result {
            Ok(detail) => card.detail = Some(detail),
            Err(error) => card.failed = Some(error.to_string()),
        }
    }
    learn
}

/// Where the user stands, in words.
pub fn standing(catalog: &Catalog, pane: &CommunitiesPane, group: GroupId) -> &'static str {
    if pane.mine.contains(&group) {
        "You are a member"
    } else if pane.discover.is_requested(group) {
        "Requested: waiting for an admin"
    } else if is_private(catalog, group) {
        "Private: ask to join"
    } else {
        "Not a member"
    }
}

/// "4 messages in the last 30 days" from the newest page (a full page may hold fewer than all).
pub fn activity(now: DateTime<Utc>, recent: &[Timestamp]) -> String {
    let since = now - Duration::days(30);
    let count = recent.iter().filter(|t| **t >= since).count();
    let more = count == recent.len() && count >= 20;
    match (count, more) {
        (1, _) => "1 message in the last 30 days".to_owned(),
        (n, true) => format!("{n}+ messages in the last 30 days"),
        (n, false) => format!("{n} messages in the last 30 days"),
    }
}

fn lines(view: CardView<'_>, card: &CommunityCard, theme: &Theme) -> Vec<Line<'static>> {
    let CardView { catalog, pane, now } = view;
    let group = card.group;
    let community = catalog.community(group);
    let mut out = Vec::new();
    let text = theme.base.text;
    let muted = theme.base.muted;
    let mut marks = Vec::new();
    if is_private(catalog, group) {
        marks.push("private");
    }
    if community.is_some_and(|c| c.external) {
        marks.push("external: people outside the company take part");
    }
    let members = community.map_or(0, |c| c.members);
    out.push(Line::from(vec![
        Span::styled(standing(catalog, pane, group), theme.base.title),
        Span::styled(format!(" · {members} members"), text),
    ]));
    if !marks.is_empty() {
        out.push(Line::styled(marks.join(" · "), muted));
    }
    out.push(Line::default());
    match community.map(|c| c.description.as_str().trim()) {
        Some(d) if !d.is_empty() => out.push(Line::styled(d.to_owned(), text)),
        _ => out.push(Line::styled("No description.", muted)),
    }
    out.push(Line::default());
    let listed = card
        .detail
        .as_ref()
        .map(|d| &d.listed)
        .or_else(|| pane.discover.listed.get(&group));
    match card.detail.as_ref().and_then(|d| d.recent.as_deref()) {
        Some(recent) => out.push(Line::styled(activity(now, recent), text)),
        None if card.detail.is_some() => {
            out.push(Line::styled("Activity: for members only", muted));
        }
        None => {}
    }
    if let Some(at) = listed.and_then(|l| l.last_message_at) {
        let ago = relative_label(now, at);
        out.push(Line::styled(format!("Last post: {ago}"), text));
    }
    if let Some(detail) = &card.detail {
        let admins: Vec<&str> = detail.admins.iter().map(|a| a.as_str()).collect();
        if !admins.is_empty() {
            out.push(Line::styled(format!("Admins: {}", admins.join(", ")), text));
        }
        if !detail.guidelines.is_empty() {
            out.push(Line::default());
            out.push(Line::styled("Guidelines", theme.base.title));
            for line in detail.guidelines.as_str().lines() {
                out.push(Line::styled(line.to_owned(), text));
            }
        }
    } else if let Some(reason) = &card.failed {
        out.push(Line::styled(
            format!("Details unavailable: {reason}"),
            muted,
        ));
    } else {
        out.push(Line::styled("Loading details…", muted));
    }
    if let Some(c) = community.filter(|_| !pane.mine.contains(&group)) {
        let me = catalog.me.and_then(|m| catalog.person(m));
        let why = rank::reasons(c, me, &pane.discover.followed_in).describe();
        if !why.is_empty() {
            out.push(Line::default());
            out.push(Line::styled(format!("Suggested: {why}"), muted));
        }
    }
    out
}

/// The key hints at the bottom of the card.
fn hints(view: CardView<'_>, group: GroupId) -> String {
    let member = view.pane.mine.contains(&group);
    let join = if member {
        "J leave"
    } else if view.pane.discover.is_requested(group) {
        "requested"
    } else if is_private(view.catalog, group) {
        "J ask to join"
    } else {
        "J join"
    };
    if readable(view.catalog, &view.pane.mine, group) {
        format!(" {join} · enter open · g guidelines · esc close ")
    } else {
        format!(" {join} · g guidelines · esc close ")
    }
}

/// Draws the card over `area`.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    view: CardView<'_>,
    card: &CommunityCard,
    theme: &Theme,
) {
    let rect = area.inner(Margin {
        horizontal: area.width / 8,
        vertical: area.height / 10,
    });
    let title = view.catalog.community(card.group).map_or_else(
        || format!("community {}", card.group),
        |c| c.name.to_string(),
    );
    let block = popup_block(
        Span::styled(format!(" {title} "), theme.base.title_focused),
        theme,
    )
    .title_bottom(Line::styled(hints(view, card.group), theme.base.muted));
    let inner = draw_popup(frame, rect, block);
    let paragraph = Paragraph::new(lines(view, card, theme))
        .wrap(Wrap { trim: false })
        .scroll((card.scroll, 0));
    frame.render_widget(paragraph, inner);
}
