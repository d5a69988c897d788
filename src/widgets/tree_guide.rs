//! Tree guides for the thread view: `├─`, `└─` and `│` drawn from a [`TreeRow`].

use crate::domain::TreeRow;

/// Columns one tree level takes.
pub const LEVEL_WIDTH: usize = 2;

/// The guide before a message's header: ancestors' lines, then its own branch.
pub fn header_guide(row: &TreeRow, max_levels: usize) -> String {
    let mut guide = ancestors(row);
    if row.depth > 0 {
        guide.push_str(if row.is_last { "└─" } else { "├─" });
    }
    clip(guide, max_levels)
}

/// The guide before a message's body lines: ancestors' lines, its own continuation, and a line
/// down to its first reply when it has visible replies.
pub fn body_guide(row: &TreeRow, has_visible_replies: bool, max_levels: usize) -> String {
    let mut guide = ancestors(row);
    if row.depth > 0 {
        guide.push_str(if row.is_last { "  " } else { "│ " });
    }
    guide.push_str(if has_visible_replies { "│ " } else { "  " });
    clip(guide, max_levels + 1)
}

fn ancestors(row: &TreeRow) -> String {
    row.continues
        .iter()
        .map(|c| if *c { "│ " } else { "  " })
        .collect()
}

/// Keeps only the last `max_levels` levels so deep trees still leave room for text.
fn clip(guide: String, max_levels: usize) -> String {
    let levels = guide.chars().count() / LEVEL_WIDTH;
    if levels <= max_levels {
        return guide;
    }
    guide
        .chars()
        .skip((levels - max_levels) * LEVEL_WIDTH)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::MessageId;

    fn row(depth: usize, continues: Vec<bool>, is_last: bool) -> TreeRow {
        TreeRow {
            id: MessageId(1),
            depth,
            continues,
            is_last,
            hidden: 0,
        }
    }

    #[test]
    fn guides_draw_branches_and_continuations() {
        assert_eq!(header_guide(&row(0, vec![], true), 8), "");
        assert_eq!(header_guide(&row(1, vec![], false), 8), "├─");
        assert_eq!(header_guide(&row(2, vec![true], true), 8), "│ └─");
        assert_eq!(body_guide(&row(1, vec![], false), true, 8), "│ │ ");
        assert_eq!(body_guide(&row(0, vec![], true), false, 8), "  ");
    }

    #[test]
    fn deep_guides_are_clipped_to_the_last_levels() {
        let deep = row(6, vec![true; 5], true);
        assert_eq!(header_guide(&deep, 2), "│ └─");
    }
}
