//! The people pane's query line: what was typed, whether it is being typed, and how it splits
//! into free text and `dept:` / `loc:` filters (a value with spaces is quoted:
//! `dept:"engineering platform"`). Filter values are matched to the network's departments and
//! locations as typed: exact, then prefix, then word start, then anywhere. Pure text work.

/// Most bytes the line takes; a paste beyond this is cut.
pub const MAX_QUERY_LINE: usize = 512;

/// The typed line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryLine {
    pub text: String,
    /// Keys are typed into the line (after `/`, until `enter` or `esc`).
    pub editing: bool,
}

/// Which filter of the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterKind {
    Department,
    Location,
}

impl FilterKind {
    /// The prefixes that name this filter in the line, the short one first.
    const fn prefixes(self) -> &'static [&'static str] {
        match self {
            FilterKind::Department => &["dept:", "department:"],
            FilterKind::Location => &["loc:", "location:"],
        }
    }
}

/// The line taken apart.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Everything that is not a filter, single-spaced.
    pub text: String,
    pub department: Option<String>,
    pub location: Option<String>,
}

impl QueryLine {
    /// Appends typed text (control characters are dropped), within `MAX_QUERY_LINE`.
    pub fn push_str(&mut self, typed: &str) {
        for c in typed.chars().map(|c| if c == '\n' { ' ' } else { c }) {
            if c.is_control() || self.text.len() + c.len_utf8() > MAX_QUERY_LINE {
                continue;
            }
            self.text.push(c);
        }
    }

    /// Deletes the last character.
    pub fn backspace(&mut self) {
        self.text.pop();
    }

    /// Deletes the last word and the spaces after it.
    pub fn delete_word(&mut self) {
        let kept = self.text.trim_end().len();
        self.text.truncate(kept);
        let start = self
            .text
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(at, c)| at + c.len_utf8());
        self.text.truncate(start);
    }

    /// Replaces the line's `kind` filter with `value` (none: removed), keeping the free text and
    /// the other filter. A value with spaces is quoted; quotes inside it are dropped.
    pub fn set_filter(&mut self, kind: FilterKind, value: Option<&str>) {
        let mut tokens: Vec<String> = Vec::new();
        let mut rest = self.text.trim_start();
        while !rest.is_empty() {
            let (token, after) = next_token(rest);
            rest = after.trim_start();
            let lower = token.to_lowercase();
            if !kind.prefixes().iter().any(|p| lower.starts_with(p)) {
                tokens.push(token.to_owned());
            }
        }
        let value: String = value.unwrap_or_default().replace('"', "");
        let value = value.trim();
        if !value.is_empty() {
            let prefix = kind.prefixes()[0];
            if value.contains(char::is_whitespace) {
                tokens.push(format!("{prefix}\"{value}\""));
            } else {
                tokens.push(format!("{prefix}{value}"));
            }
        }
        self.text = tokens.join(" ");
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        let mut cut = MAX_QUERY_LINE.min(self.text.len());
        while !self.text.is_char_boundary(cut) {
            cut -= 1;
        }
        self.text.truncate(cut);
    }

    /// The free text and filters of the line.
    pub fn parsed(&self) -> ParsedQuery {
        parse(&self.text)
    }
}

/// Splits `line` into free text and `dept:` / `loc:` filters (the last of each kind wins).
pub fn parse(line: &str) -> ParsedQuery {
    let mut parsed = ParsedQuery::default();
    let mut words: Vec<&str> = Vec::new();
    let mut rest = line.trim_start();
    while !rest.is_empty() {
        let (token, after) = next_token(rest);
        rest = after.trim_start();
        let lower = token.to_lowercase();
        let filter = [
            ("dept:", 0),
            ("department:", 0),
            ("loc:", 1),
            ("location:", 1),
        ]
        .into_iter()
        .find(|(prefix, _)| lower.starts_with(prefix));
        match filter {
            Some((prefix, kind)) => {
                let value = token[prefix.len()..].trim_matches('"').trim().to_owned();
                let slot = if kind == 0 {
                    &mut parsed.department
                } else {
                    &mut parsed.location
                };
                *slot = (!value.is_empty()).then_some(value);
            }
            None => words.push(token),
        }
    }
    parsed.text = words.join(" ");
    parsed
}

/// The next whitespace-separated token; a `"` inside it runs to the closing quote.
fn next_token(text: &str) -> (&str, &str) {
    let mut quoted = false;
    for (at, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => return (&text[..at], &text[at..]),
            _ => {}
        }
    }
    (text, "")
}

/// The value among `values` (most common first) that `typed` names: the same (ignoring case),
/// else the first it starts, else the first with a word it starts, else the first containing it.
pub fn resolve<'a>(
    typed: &str,
    values: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    let typed = typed.to_lowercase();
    let typed = typed.as_str();
    let matches = |test: &dyn Fn(&str) -> bool| {
        values
            .clone()
            .into_iter()
            .find(|value| test(&value.to_lowercase()))
    };
    matches(&|v| v == typed)
        .or_else(|| matches(&|v| v.starts_with(typed)))
        .or_else(|| {
            matches(&|v| {
                v.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.starts_with(typed))
            })
        })
        .or_else(|| matches(&|v| v.contains(typed)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_taken_out_of_the_free_text() {
        let parsed = parse("  kubernetes dept:eng  helm LOC:\"New York\" ");
        assert_eq!(parsed.text, "kubernetes helm");
        assert_eq!(parsed.department.as_deref(), Some("eng"));
        assert_eq!(parsed.location.as_deref(), Some("New York"));
        assert_eq!(parse("dept:").department, None);
        assert_eq!(parse("").text, "");
    }

    #[test]
    fn an_open_quote_runs_to_the_end() {
        let parsed = parse("dept:\"engineering plat");
        assert_eq!(parsed.department.as_deref(), Some("engineering plat"));
        assert_eq!(parsed.text, "");
    }

    #[test]
    fn values_resolve_exact_then_prefix_then_word_then_inside() {
        let values = [
            "Data & Analytics",
            "Engineering",
            "Platform Engineering",
            "Legal",
        ];
        let find = |typed| resolve(typed, values.iter().copied());
        assert_eq!(find("engineering"), Some("Engineering"));
        assert_eq!(find("eng"), Some("Engineering"));
        assert_eq!(find("analy"), Some("Data & Analytics"));
        assert_eq!(find("gal"), Some("Legal"));
        assert_eq!(find("zzz"), None);
    }

    #[test]
    fn a_filter_is_set_replaced_and_removed_keeping_the_rest() {
        let mut line = QueryLine {
            text: "kubernetes department:eng loc:Oslo".into(),
            editing: false,
        };
        line.set_filter(FilterKind::Department, Some("Engineering Platform"));
        assert_eq!(
            line.text,
            "kubernetes loc:Oslo dept:\"Engineering Platform\" "
        );
        let parsed = line.parsed();
        assert_eq!(parsed.text, "kubernetes");
        assert_eq!(parsed.department.as_deref(), Some("Engineering Platform"));
        assert_eq!(parsed.location.as_deref(), Some("Oslo"));
        line.set_filter(FilterKind::Location, Some("New \"York\""));
        assert_eq!(line.parsed().location.as_deref(), Some("New York"));
        line.set_filter(FilterKind::Location, None);
        line.set_filter(FilterKind::Department, None);
        assert_eq!(line.text, "kubernetes ");
        line.text.clear();
        line.set_filter(FilterKind::Department, None);
        assert_eq!(line.text, "");
        line.set_filter(FilterKind::Location, Some(&"ø".repeat(MAX_QUERY_LINE)));
        assert!(line.text.len() <= MAX_QUERY_LINE && line.text.starts_with("loc:"));
    }

    #[test]
    fn editing_keeps_the_line_bounded_and_printable() {
        let mut line = QueryLine::default();
        line.push_str("who knows\u{7}\nhelm");
        assert_eq!(line.text, "who knows helm");
        line.delete_word();
        assert_eq!(line.text, "who knows ");
        line.delete_word();
        assert_eq!(line.text, "who ");
        line.backspace();
        assert_eq!(line.text, "who");
        line.push_str(&"x".repeat(2 * MAX_QUERY_LINE));
        assert_eq!(line.text.len(), MAX_QUERY_LINE);
    }
}
