//! Fits a thread card's header (author, community, time, counts) into the card's width.
//!
//! When the whole header does not fit, the parts give way in this order, so the author's name is
//! the last thing cut: the time shortens ("4h · last reply 30m" becomes "reply 30m"), the
//! counts close up ("↩ 14  ♥ 10" becomes "↩14 ♥10"), the community is cut, then dropped, and
//! only then the name. Pure text work: draws nothing and reads no state.

use crate::text::width::display_width;
use crate::widgets::body::with_ellipsis;

/// A community cut to fewer columns than this (its ellipsis included) says nothing; it is left
/// out instead.
const MIN_COMMUNITY: usize = 5;

/// What one card's header says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderText<'a> {
    pub author: String,
    /// Empty when there is none or no room for it.
    pub community: String,
    pub when: &'a str,
    /// The counts without their inner spaces.
    pub compact_counts: bool,
}

/// The header's inputs: the full texts and the shorter time.
pub struct HeaderParts<'a> {
    pub author: &'a str,
    pub community: &'a str,
    pub when: &'a str,
    pub when_short: &'a str,
    pub replies: u64,
    pub likes: u64,
}

/// The counts as the card shows them, with the trailing space before the border.
pub fn counts(replies: u64, likes: u64, compact: bool) -> [String; 2] {
    if compact {
        [format!("{replies} "), format!("{likes} ")]
    } else {
        [format!(" {replies}  "), format!(" {likes} ")]
    }
}

/// Fits `parts` into `width` columns (the marker, the spaces and the counts' glyphs counted).
pub fn fit<'a>(parts: &HeaderParts<'a>, width: usize) -> HeaderText<'a> {
    let who_width = |community: &str| {
        display_width(parts.author)
            + if community.is_empty() {
                0
            } else {
                3 + display_width(community)
            }
    };
    let room = |when: &str, compact: bool| {
        let [r, l] = counts(parts.replies, parts.likes, compact);
        // The marker, the space before the time, the two glyphs and two columns of padding.
        width.saturating_sub(display_width(when) + display_width(&r) + display_width(&l) + 6)
    };
    let tries = [
        (parts.when, false),
        (parts.when_short, false),
        (parts.when_short, true),
    ];
    for (when, compact) in tries {
        if who_width(parts.community) <= room(when, compact) {
            return HeaderText {
                author: parts.author.to_owned(),
                community: parts.community.to_owned(),
                when,
                compact_counts: compact,
            };
        }
    }
    let room = room(parts.when_short, true);
    let author_width = display_width(parts.author);
    let (author, community) = if author_width <= room {
        let left = room - author_width;
        let community = if parts.community.is_empty() || left < 3 + MIN_COMMUNITY {
            String::new()
        } else {
            with_ellipsis(parts.community, left - 3)
        };
        (parts.author.to_owned(), community)
    } else {
        (with_ellipsis(parts.author, room), String::new())
    };
    HeaderText {
        author,
        community,
        when: parts.when_short,
        compact_counts: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts<'a>(author: &'a str, community: &'a str) -> HeaderParts<'a> {
        HeaderParts {
            author,
            community,
            when: "1h · last reply 26m",
            when_short: "reply 26m",
            replies: 14,
            likes: 10,
        }
    }

    fn shown(author: &str, community: &str, width: usize) -> (String, String, String, bool) {
        let p = parts(author, community);
        let h = fit(&p, width);
        (h.author, h.community, h.when.to_owned(), h.compact_counts)
    }

    #[test]
    fn a_wide_card_says_everything() {
        let (a, c, w, compact) = shown("Noah Urbanek", "Social Business", 80);
        assert_eq!(
            (a.as_str(), c.as_str(), w.as_str()),
            ("Noah Urbanek", "Social Business", "1h · last reply 26m")
        );
        assert!(!compact);
    }

    #[test]
    fn the_time_shortens_before_any_name_is_cut() {
        let (a, c, w, _) = shown("Noah Urbanek", "Social Business", 56);
        assert_eq!(
            (a.as_str(), c.as_str(), w.as_str()),
            ("Noah Urbanek", "Social Business", "reply 26m")
        );
    }

    #[test]
    fn the_community_is_cut_then_dropped_and_the_author_comes_last() {
        let (a, c, _, compact) = shown("Paula Iyer", "New Joiners & Training", 48);
        assert_eq!(a, "Paula Iyer");
        assert!(c.ends_with('…') && c.starts_with("New Joiners"), "{c}");
        assert!(compact);
        let (a, c, _, _) = shown("Valentina Jovanović", "Engineering Platform", 44);
        assert_eq!((a.as_str(), c.as_str()), ("Valentina Jovanović", ""));
        let (a, c, _, _) = shown("Valentina Jovanović", "", 30);
        assert_eq!((a.as_str(), c.as_str()), ("Valentin…", ""));
    }

    #[test]
    fn the_header_never_outgrows_its_width() {
        for width in 30..90 {
            let p = parts("Björn Grünewald", "Customer Voice [ext]");
            let h = fit(&p, width);
            let [r, l] = counts(p.replies, p.likes, h.compact_counts);
            let community = if h.community.is_empty() {
                0
            } else {
                3 + display_width(&h.community)
            };
            // Marker, author, community, space, time, the glyphs, counts, two columns of padding.
            let used = 1
                + display_width(&h.author)
                + community
                + 1
                + display_width(h.when)
                + 2
                + display_width(&r)
                + display_width(&l)
                + 2;
            assert!(used <= width, "{width}: {h:?}");
        }
    }
}
