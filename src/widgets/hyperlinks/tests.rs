use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::*;

const URL: &str = "https://example.com/a";

fn buffer(rows: &[&str]) -> Buffer {
    let width = rows.iter().map(|r| r.chars().count()).max().unwrap_or(0);
    let mut buf = Buffer::empty(Rect::new(0, 0, width as u16, rows.len() as u16));
    for (y, row) in rows.iter().enumerate() {
        buf.set_string(0, y as u16, row, Style::default());
    }
    buf
}

#[test]
fn whole_links_are_wrapped_cell_by_cell_and_the_text_is_unchanged() {
    let rows = [
        "see https://example.com/a, ok",
        "日本 https://example.com/a",
    ];
    let mut buf = buffer(&rows);
    let before: Vec<String> = (0..2).map(|y| visible_row(&buf, y)).collect();
    let area = buf.area;
    link_cells(&mut buf, &[area], |url| url == URL);
    let after: Vec<String> = (0..2).map(|y| visible_row(&buf, y)).collect();
    assert_eq!(before, after);
    let cell = &buf[(4, 0)];
    assert_eq!(cell.symbol(), format!("\x1b]8;;{URL}\x1b\\h\x1b]8;;\x1b\\"));
    assert_eq!(
        cell.diff_option,
        CellDiffOption::ForcedWidth(NonZeroU16::MIN)
    );
    let last = &buf[(24, 0)];
    assert_eq!(last.symbol(), format!("\x1b]8;;{URL}\x1b\\a\x1b]8;;\x1b\\"));
    // The comma after the link and the text around it stay plain.
    assert_eq!(buf[(25, 0)].symbol(), ",");
    assert_eq!(buf[(3, 0)].symbol(), " ");
    // After wide characters too.
    assert!(buf[(5, 1)].symbol().starts_with("\x1b]8;;"));
    assert_eq!(buf[(4, 1)].symbol(), " ");
}

#[test]
fn nothing_changes_for_cut_links_hostile_urls_or_other_areas() {
    let rows = ["https://example.com/a", "javascript:alert(1) x"];
    let mut buf = buffer(&rows);
    let start = buf.clone();
    // Not a whole link of any message.
    let area = buf.area;
    link_cells(&mut buf, &[area], |_| false);
    assert_eq!(buf, start);
    // Outside the areas given.
    link_cells(&mut buf, &[Rect::new(0, 1, 21, 1)], |_| true);
    assert_eq!(buf, start);
    // A URL that is not printable ASCII never reaches a cell.
    let mut buf = buffer(&["http://ä.example/x"]);
    let start = buf.clone();
    let area = buf.area;
    link_cells(&mut buf, &[area], |_| true);
    assert_eq!(buf, start);
}

#[test]
fn a_link_is_whole_only_where_the_body_ends_it() {
    let body = "read https://example.com/abc and (https://example.com/a) too";
    assert!(is_link_in(body, "https://example.com/abc"));
    assert!(is_link_in(body, URL));
    assert!(!is_link_in("read https://example.com/abc", URL));
    assert!(!is_link_in("xhttps://example.com/a", URL));
    assert!(is_link_in("https://example.com/a.", URL));
}

#[test]
fn stripping_osc8_leaves_the_text() {
    assert_eq!(strip_osc8("\x1b]8;;http://x\x1b\\a\x1b]8;;\x1b\\"), "a");
    assert_eq!(strip_osc8("plain"), "plain");
}
