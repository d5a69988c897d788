//! The help overlay: every binding of the live keymap grouped by pane, with the actions' own
//! descriptions. Generated, never hand-written, so it cannot drift from the keys.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::config::theme::Theme;
use crate::input::action::Action;
use crate::input::keys::Keymap;
use crate::widgets::popup::popup_block;

/// The modes listed, in order, with their headings.
const SECTIONS: &[(&str, &str)] = &[
    ("global", "Everywhere"),
    ("communities", "Communities"),
    ("timeline", "Timeline"),
    ("thread", "Thread"),
    ("people", "People"),
    ("people_search", "People search"),
    ("search", "Search (/)"),
    ("compose", "Compose"),
    ("help", "Help"),
    ("confirm", "Confirm"),
    ("outbox", "Outbox"),
    ("catchup", "Catch up"),
    ("links", "Link picker"),
    ("community_card", "Community card"),
    ("health", "Community health"),
    ("questions", "Questions for you"),
    ("start_here", "Start here checklist"),
    ("tour", "Tour"),
    ("guidelines", "Guidelines"),
    ("profile_edit", "Edit my profile"),
];

/// The help overlay's state: how far it is scrolled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Help {
    pub scroll: usize,
}

/// One line of the help text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpLine {
    Heading(&'static str),
    Binding {
        keys: String,
        description: &'static str,
    },
    Blank,
}

/// The whole help text for `keymap`: per mode, one line per action with all its keys.
pub fn help_lines(keymap: &Keymap) -> Vec<HelpLine> {
    let mut lines = Vec::new();
    for (mode, heading) in SECTIONS {
        let bindings = keymap.bindings(mode);
        if bindings.is_empty() {
            continue;
        }
        lines.push(HelpLine::Heading(heading));
        let mut grouped: Vec<(Action, Vec<String>)> = Vec::new();
        for (keys, action) in bindings {
            match grouped.last_mut() {
                Some((last, all)) if *last == action => all.push(keys),
                _ => grouped.push((action, vec![keys])),
            }
        }
        grouped.sort_by_key(|(action, _)| Action::ALL.iter().position(|a| a == action));
        for (action, keys) in grouped {
            lines.push(HelpLine::Binding {
                keys: keys.join(", "),
                description: action.description(),
            });
        }
        lines.push(HelpLine::Blank);
        if *mode == "search" {
            lines.extend(search_syntax());
        }
    }
    lines
}

/// What the search line understands.
fn search_syntax() -> Vec<HelpLine> {
    const SYNTAX: &[(&str, &str)] = &[
        (
            "word",
            "Messages with a word starting so (kube finds kubernetes)",
        ),
        ("\"two words\"", "Messages with the exact phrase"),
        ("#topic", "Messages about a topic, and the topic itself"),
        ("@user", "Messages from or mentioning someone"),
        (
            "in:community",
            "Only messages in that community (in:\"release train\")",
        ),
        ("from:person", "Only messages from that person (from:ada)"),
    ];
    let mut lines = vec![HelpLine::Heading("Search syntax")];
    lines.extend(SYNTAX.iter().map(|(keys, description)| HelpLine::Binding {
        keys: (*keys).to_owned(),
        description,
    }));
    lines.push(HelpLine::Blank);
    lines
}

/// Draws the help text over most of `area`, scrolled by `help.scroll` lines.
pub fn draw(frame: &mut Frame, area: Rect, help: &Help, keymap: &Keymap, theme: &Theme) {
    let rect = area.inner(Margin {
        horizontal: area.width / 20,
        vertical: area.height / 12,
    });
    let block = popup_block(
        Span::styled(" Help — keys ", theme.base.title_focused),
        theme,
    )
    .title_bottom(Line::styled(" j/k scroll · esc close ", theme.base.muted));
    let key_width = 16;
    // A description too long for the popup goes on under itself, broken between words.
    let room = usize::from(block.inner(rect).width).saturating_sub(key_width + 3);
    let lines: Vec<Line> = help_lines(keymap)
        .into_iter()
        .skip(help.scroll)
        .flat_map(|line| match line {
            HelpLine::Heading(text) => vec![Line::styled(text, theme.base.title)],
            HelpLine::Binding { keys, description } => {
                let mut parts = crate::text::wrap::wrap_lines(description, room.max(12));
                let first = if parts.is_empty() {
                    String::new()
                } else {
                    parts.remove(0)
                };
                let mut lines = vec![Line::from(vec![
                    Span::styled(format!("  {keys:<key_width$} "), theme.status.key),
                    Span::styled(first, theme.base.text),
                ])];
                lines.extend(parts.into_iter().map(|rest| {
                    Line::styled(format!("{:1$}{rest}", "", key_width + 3), theme.base.text)
                }));
                lines
            }
            HelpLine::Blank => vec![Line::default()],
        })
        .collect();
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
