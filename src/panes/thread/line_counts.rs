//! How many lines the thread view's messages take, kept between frames in the view state:
//! each message's text at a width, and where every visible row of the open thread starts at a
//! width ([`Placement`]), so a frame finds its window by binary search instead of walking the
//! thread.
//!
//! Filled on the draw path through the `&mut` the view state gets there (the only thing drawing
//! may change); it reads the catalog and the pane's rows and changes neither.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Weak};

use crate::config::theme::Theme;
use crate::domain::{Catalog, Message, MessageId, TreeRow};
use crate::text;
use crate::widgets::body::body_lines;
use crate::widgets::tree_guide::{LEVEL_WIDTH, body_guide};

/// Lines of text (wrapped body and links) per message and text width — wrapping is the costly
/// part of a layout, and a message's text does not change while it is shown — and the
/// placement of the open thread's rows at the pane's width.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineCounts {
    text: TextLines,
    placement: Option<Placement>,
}

/// Lines of each message's text at a text width.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct TextLines {
    counts: HashMap<(MessageId, usize), usize>,
}

/// Where each row of one list of visible rows starts, at one width: the row order, guides and
/// folds are those of the list, so it holds until the pane replaces the list (new or removed
/// messages, a fold toggled) or the width changes.
#[derive(Clone, Debug)]
pub struct Placement {
    /// The list measured; a weak handle keeps its address from being reused while it is held.
    rows: Weak<[TreeRow]>,
    width: usize,
    /// `starts[i]` is the first line of row `i`, `starts[rows]` the thread's total; a row whose
    /// message is not in the catalog takes no lines.
    starts: Vec<usize>,
    /// Each shown message's row.
    index: HashMap<MessageId, usize>,
}

impl PartialEq for Placement {
    fn eq(&self, other: &Self) -> bool {
        Weak::ptr_eq(&self.rows, &other.rows)
            && self.width == other.width
            && self.starts == other.starts
    }
}

impl Eq for Placement {}

impl LineCounts {
    /// The row on `line` of the thread as last placed (the last frame's), when a row is there.
    pub fn row_at_line(&self, line: usize) -> Option<usize> {
        let placement = self.placement.as_ref()?;
        (line < placement.total()).then(|| placement.first_row_reaching(line))
    }

    /// The placement of `rows` at pane `width`, measured again only when `rows` is another
    /// list than last time or the width changed.
    pub fn placement(
        &mut self,
        rows: &Arc<[TreeRow]>,
        catalog: &Catalog,
        width: usize,
        theme: &Theme,
    ) -> &Placement {
        match self.placement.take() {
            Some(placement) if placement.holds_for(rows, width) => self.placement.insert(placement),
            _ => {
                let placement = Placement::measure(rows, catalog, width, theme, &mut self.text);
                self.placement.insert(placement)
            }
        }
    }
}

impl TextLines {
    /// Beyond this many entries the cache starts over (widths change, threads come and go).
    const MAX_ENTRIES: usize = 100_000;

    fn get_or_count(&mut self, message: &Message, text_width: usize, theme: &Theme) -> usize {
        if self.counts.len() > Self::MAX_ENTRIES {
            self.counts.clear();
        }
        *self
            .counts
            .entry((message.id, text_width))
            .or_insert_with(|| {
                body_lines(&message.body, text_width, theme).len() + message.links().len()
            })
    }
}

impl Placement {
    /// Measures every row of `rows` at pane `width`; text is wrapped only for messages `text`
    /// has not counted at their text width yet.
    fn measure(
        rows: &Arc<[TreeRow]>,
        catalog: &Catalog,
        width: usize,
        theme: &Theme,
        text: &mut TextLines,
    ) -> Self {
        let mut starts = Vec::with_capacity(rows.len() + 1);
        let mut index = HashMap::with_capacity(rows.len());
        let mut start = 0;
        starts.push(start);
        for (at, row) in rows.iter().enumerate() {
            if let Some(message) = catalog.message(row.id) {
                let (_, text_width) = body_geometry(rows, at, width);
                start += 2 + text.get_or_count(message, text_width, theme);
                index.insert(row.id, at);
            }
            starts.push(start);
        }
        Self {
            rows: Arc::downgrade(rows),
            width,
            starts,
            index,
        }
    }

    /// Whether this was measured from the very list `rows` at `width`.
    fn holds_for(&self, rows: &Arc<[TreeRow]>, width: usize) -> bool {
        self.width == width && std::ptr::eq(self.rows.as_ptr(), Arc::as_ptr(rows))
    }

    /// The lines row `at` takes in the whole thread's layout (header, text, links and the guide
    /// line after it); empty for a row past the end or whose message is missing.
    pub fn span(&self, at: usize) -> Range<usize> {
        match (self.starts.get(at), self.starts.get(at + 1)) {
            (Some(&start), Some(&end)) => start..end,
            _ => self.total()..self.total(),
        }
    }

    /// The row of message `id`, when it is shown.
    pub fn row_of(&self, id: MessageId) -> Option<usize> {
        self.index.get(&id).copied()
    }

    /// The first row that reaches below `line` (the row `line` falls in, or the row count when
    /// the thread ends before it).
    pub fn first_row_reaching(&self, line: usize) -> usize {
        let ends = self.starts.get(1..).unwrap_or_default();
        ends.partition_point(|&end| end <= line)
    }

    /// Lines the whole thread takes.
    pub fn total(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }
}

/// The guide before row `at`'s text lines and the width left for the text, in a pane `width`
/// columns wide; deep trees are clipped so at least half the width stays for text.
pub fn body_geometry(rows: &[TreeRow], at: usize, width: usize) -> (String, usize) {
    let max_levels = max_levels(width);
    let Some(row) = rows.get(at) else {
        return (String::new(), width.max(1));
    };
    let has_replies = rows.get(at + 1).is_some_and(|next| next.depth > row.depth);
    let guide = body_guide(row, has_replies, max_levels);
    let text_width = width
        .saturating_sub(text::width::display_width(&guide))
        .max(1);
    (guide, text_width)
}

/// The most tree levels drawn in a pane `width` columns wide.
pub fn max_levels(width: usize) -> usize {
    (width / 2 / LEVEL_WIDTH).max(1)
}
