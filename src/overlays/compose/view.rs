//! Draws the compose overlay: a centred box with the editor, the guidelines above it (before a
//! first post there), and one line below it for completions, progress, errors, the discard
//! question or the confirm line of a send to many.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};

use super::{Compose, EXTERNAL_NOTE};
use crate::config::theme::Theme;
use crate::domain::{Catalog, SafeText};
use crate::text::wrap::wrap_lines;
use crate::widgets::body::fit_width;
use crate::widgets::popup::{draw_popup, popup_block, popup_rect};

/// The widest the editor box gets.
const MAX_WIDTH: u16 = 84;
/// The tallest the editor box gets.
const MAX_HEIGHT: u16 = 16;

/// What the editor shows besides the draft, looked up by the caller.
#[derive(Clone, Debug, Default)]
pub struct ComposeContext {
    /// The draft goes to an external community.
    pub external: bool,
    /// For a reply, the message answered as one line (see [`super::ComposeTarget::quoted`]).
    pub quoted: Option<String>,
    /// The guidelines to show, when the editor shows them and they are known.
    pub guidelines: Option<ShownGuidelines>,
    /// The key that expands them ("ctrl-g").
    pub guidelines_key: String,
    /// What the confirm line says of a send to many (see [`super::audience`]).
    pub wide: Option<String>,
}

/// The guidelines shown above a draft: whose they are ("Engineering Platform guidelines",
/// "Code of conduct") and the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownGuidelines {
    pub whose: String,
    pub text: SafeText,
    /// They are the network's code of conduct (the folded line then says whose they are).
    pub network: bool,
}

impl ComposeContext {
    /// What the editor shows of `compose`'s own target: whether it is external, what a reply
    /// answers, the confirm line of a send to many. The guidelines are the caller's to add.
    pub fn of_target(compose: &Compose, catalog: &Catalog) -> Self {
        Self {
            external: compose.target.is_external(catalog),
            quoted: compose.target.quoted(catalog),
            wide: super::audience::warning(&compose.target, catalog),
            ..Self::default()
        }
    }
}

/// Draws the editor over `area`.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    compose: &Compose,
    context: &ComposeContext,
    theme: &Theme,
) {
    let external = context.external;
    let width = area.width.saturating_sub(2).min(MAX_WIDTH);
    let height = area.height.saturating_sub(2).min(MAX_HEIGHT);
    let rect = popup_rect(area, width, height, Flex::Center);
    let title = Span::styled(format!(" {} ", compose.title()), theme.compose.title);
    let inner = draw_popup(frame, rect, popup_block(title, theme));
    // A reply always shows what it answers (its author and first line) on its top line, since
    // the box may cover that message in the thread.
    let inner = match &context.quoted {
        Some(quoted) if inner.height > 3 => {
            let text = fit_width(&format!("↳ {quoted}"), usize::from(inner.width));
            frame.render_widget(
                Line::styled(text, theme.compose.placeholder),
                Rect { height: 1, ..inner },
            );
            Rect {
                y: inner.y + 1,
                height: inner.height - 1,
                ..inner
            }
        }
        _ => inner,
    };
    // Before anything is written there, say who will read it: a line of its own at the top,
    // so neither completions nor errors below ever hide it.
    let inner = if external && inner.height > 2 {
        let note = Line::from(vec![
            Span::styled("External: ", theme.compose.external),
            Span::styled(EXTERNAL_NOTE, theme.compose.external),
        ]);
        frame.render_widget(note, Rect { height: 1, ..inner });
        Rect {
            y: inner.y + 1,
            height: inner.height - 1,
            ..inner
        }
    } else {
        inner
    };
    let inner = match &context.guidelines {
        Some(shown) if inner.height > 3 => {
            let expanded = compose.guidelines.is_some_and(|n| n.expanded);
            let rows = usize::from(inner.height.saturating_sub(3));
            let lines = guidelines_lines(
                shown,
                expanded,
                &context.guidelines_key,
                usize::from(inner.width),
                rows,
                theme,
            );
            let height = u16::try_from(lines.len())
                .unwrap_or(1)
                .min(inner.height - 2);
            frame.render_widget(
                ratatui::widgets::Paragraph::new(lines),
                Rect { height, ..inner },
            );
            Rect {
                y: inner.y + height,
                height: inner.height - height,
                ..inner
            }
        }
        _ => inner,
    };
    let [editor, info] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    frame.buffer_mut().set_style(editor, theme.compose.text);
    if compose.has_text() || compose.editor.lines().len() > 1 {
        frame.render_widget(&compose.editor, editor);
    } else {
        let placeholder = "Write your message here.";
        frame.render_widget(Line::styled(placeholder, theme.compose.placeholder), editor);
        // The cursor sits on the placeholder's first letter, showing it, as an editor would.
        frame.render_widget(
            Span::styled(&placeholder[..1], theme.compose.cursor),
            Rect {
                width: 1.min(editor.width),
                ..editor
            },
        );
    }
    frame.render_widget(info_line(compose, context, theme), info);
}

fn info_line(compose: &Compose, context: &ComposeContext, theme: &Theme) -> Line<'static> {
    if compose.confirm_discard {
        return Line::from(vec![
            Span::styled("Discard this draft? ", theme.status.warning),
            Span::styled("y", theme.status.key),
            Span::styled(" discard  ", theme.status.normal),
            Span::styled("n", theme.status.key),
            Span::styled(" keep writing  ", theme.status.normal),
            Span::styled("ctrl-c", theme.status.key),
            Span::styled(" quit, keeping it", theme.status.normal),
        ]);
    }
    if compose.sending.is_some() {
        return Line::styled("Sending…", theme.status.updating);
    }
    if let Some(warning) = context.wide.as_ref().filter(|_| compose.confirm_wide) {
        return Line::styled(warning.clone(), theme.status.warning);
    }
    if let Some(error) = &compose.error {
        return Line::styled(error.clone(), theme.status.error);
    }
    if let Some(completion) = &compose.completion {
        let mut spans = vec![Span::styled("tab ", theme.status.key)];
        for (i, candidate) in completion.candidates.iter().enumerate() {
            let style = if i == completion.selected {
                theme.base.selection
            } else {
                theme.status.normal
            };
            spans.push(Span::styled(candidate.clone(), style));
            spans.push(Span::raw(" "));
        }
        return Line::from(spans);
    }
    let characters = compose.text().trim().chars().count();
    Line::styled(format!("{characters} characters"), theme.base.muted)
}

/// The compose window's guidelines in `width` columns: one line ("Guidelines: Welcome to… ·
/// ctrl-g more"), or, expanded, whose they are and the whole text wrapped, then a blank line
/// (at most `rows` lines, the last saying where the rest is).
pub fn guidelines_lines(
    shown: &ShownGuidelines,
    expanded: bool,
    key: &str,
    width: usize,
    rows: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    if !expanded {
        let label = if shown.network {
            format!("{}: ", shown.whose)
        } else {
            "Guidelines: ".to_owned()
        };
        let first = shown
            .text
            .as_str()
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or_default();
        let hint = format!(" · {key} more");
        let room = width.saturating_sub(crate::text::width::display_width(&label) + hint.len());
        return vec![Line::from(vec![
            Span::styled(label, theme.base.title),
            Span::styled(fit_width(first, room), theme.compose.placeholder),
            Span::styled(hint, theme.base.muted),
        ])];
    }
    let mut out = vec![Line::from(vec![
        Span::styled(format!("{} · ", shown.whose), theme.base.title),
        Span::styled(format!("{key} less"), theme.base.muted),
    ])];
    for line in shown.text.as_str().lines() {
        out.extend(
            wrap_lines(line, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.compose.placeholder)),
        );
    }
    if out.len() > rows.max(2) {
        out.truncate(rows.max(2) - 1);
        out.push(Line::styled(
            "… the rest in the Guidelines view (palette: Guidelines)",
            theme.base.muted,
        ));
    } else if out.len() < rows {
        out.push(Line::default());
    }
    out
}
