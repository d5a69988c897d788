//! Draws the line under each Discover row: member count, private / requested marks and the start
//! of the description, dimmed. Drawing only.

use ratatui::text::Line;

use super::{Discover, is_private, short_description};
use crate::config::theme::Theme;
use crate::domain::{Catalog, GroupId};
use crate::text;
use crate::widgets::body::with_ellipsis;

/// What the detail line says, before it is cut to the pane's width.
pub fn detail_text(catalog: &Catalog, discover: &Discover, group: GroupId) -> String {
    let community = catalog.community(group);
    let members = community.map_or(0, |c| c.members);
    let mut parts = vec![if members == 1 {
        "1 member".to_owned()
    } else {
        format!("{members} members")
    }];
    if discover.is_requested(group) {
        parts.push("requested".to_owned());
    } else if is_private(catalog, group) {
        parts.push("private — ask to join".to_owned());
    }
    if let Some(description) = community
        .map(|c| short_description(&c.description))
        .filter(|d| !d.is_empty())
    {
        parts.push(description);
    }
    format!("   {}", parts.join(" · "))
}

/// The dimmed detail line under a Discover row.
pub fn detail_line(
    catalog: &Catalog,
    discover: &Discover,
    group: GroupId,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let mut line = detail_text(catalog, discover, group);
    if text::width::display_width(&line) > width {
        line = with_ellipsis(&line, width);
    }
    Line::styled(line, theme.base.muted)
}
