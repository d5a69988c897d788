//! Reading a captured screen by pane: a row split at the pane borders, and the rightmost
//! pane's text of a row (blank where that pane is blank, whatever the panes to its left show).

/// The cells of `line` split at the pane borders, trimmed, without empty pieces.
pub fn pane_cells(line: &str) -> Vec<&str> {
    line.split(['│', '╭', '╮', '╰', '╯'])
        .map(str::trim)
        .filter(|cell| !cell.is_empty())
        .collect()
}

/// The rightmost pane's text on `line`, trimmed; empty where that pane is blank.
pub fn rightmost_cell(line: &str) -> &str {
    line.rsplit('│').nth(1).unwrap_or_default().trim()
}

#[test]
fn a_blank_rightmost_pane_is_blank_not_its_neighbour() {
    assert_eq!(rightmost_cell("│ Discover ││            │"), "");
    assert_eq!(
        rightmost_cell("│ Discover ││ Ada Lovelace │"),
        "Ada Lovelace"
    );
    assert_eq!(pane_cells("│ a ││ │"), ["a"]);
}
