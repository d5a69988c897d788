//! Temporary stand-in for `crate::config::theme::Theme` (same field names); replaced by a
//! re-export when the config module lands.

use ratatui::style::{Color, Modifier, Style};

macro_rules! styles {
    ($name:ident { $($field:ident),* $(,)? }) => {
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct $name { $(pub $field: Style,)* }
    };
}

styles!(BaseStyles {
    text,
    muted,
    border,
    border_focused,
    title,
    title_focused,
    selection,
    selection_unfocused
});
styles!(CommunityStyles {
    feed,
    community,
    unread_count,
    selected_unread
});
styles!(TimelineStyles {
    author,
    community,
    time,
    preview,
    counts,
    unread_marker,
    liked
});
styles!(ThreadStyles {
    author,
    time,
    body,
    mention,
    topic,
    link,
    tree_guide,
    folded,
    liked,
    own
});
styles!(PeopleStyles {
    name,
    title,
    department,
    expertise,
    reason,
    match_highlight
});
styles!(ComposeStyles {
    text,
    cursor,
    placeholder,
    title
});
styles!(StatusStyles {
    normal,
    key,
    info,
    warning,
    error,
    offline,
    updating
});

/// Stand-in theme.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Theme {
    pub base: BaseStyles,
    pub communities: CommunityStyles,
    pub timeline: TimelineStyles,
    pub thread: ThreadStyles,
    pub people: PeopleStyles,
    pub compose: ComposeStyles,
    pub status: StatusStyles,
    pub invisible_marker: Style,
}

impl Theme {
    /// Stand-in default.
    pub fn builtin_default() -> Self {
        let mut theme = Self::default();
        theme.base.border_focused = Style::new().fg(Color::Cyan);
        theme.base.selection = Style::new().add_modifier(Modifier::REVERSED);
        theme.base.muted = Style::new().fg(Color::DarkGray);
        theme.timeline.author = Style::new().add_modifier(Modifier::BOLD);
        theme.thread.mention = Style::new().fg(Color::Cyan);
        theme.status.error = Style::new().fg(Color::Red);
        theme
    }
}
