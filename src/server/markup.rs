//! Message body markup: finds `@username` mentions and `#topic` tags in plain text and writes
//! `body.parsed` with Yammer's `[[user:ID]]` / `[[tag:ID]]` tokens; renders `body.rich` as escaped
//! HTML. Shared by posting and by the demo generator, so both produce the same shapes.

/// The result of marking up a plain body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Markup {
    pub parsed: String,
    pub mention_ids: Vec<u64>,
    pub topic_ids: Vec<u64>,
}

/// A mention or tag found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    Mention(&'a str),
    Tag(&'a str),
}

/// Rewrites `plain`, resolving each token with `resolve` (`None` leaves the text as written).
pub fn mark_up<E>(
    plain: &str,
    mut resolve: impl FnMut(Token<'_>) -> Result<Option<u64>, E>,
) -> Result<Markup, E> {
    let mut out = Markup::default();
    let mut rest = plain;
    let mut previous: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        let starts_token = matches!(c, '@' | '#') && !previous.is_some_and(is_word_char);
        if starts_token {
            let name = token_name(&rest[1..], c == '@');
            if !name.is_empty() {
                let token = if c == '@' {
                    Token::Mention(name)
                } else {
                    Token::Tag(name)
                };
                if let Some(id) = resolve(token)? {
                    let (kind, ids) = match token {
                        Token::Mention(_) => ("user", &mut out.mention_ids),
                        Token::Tag(_) => ("tag", &mut out.topic_ids),
                    };
                    out.parsed.push_str(&format!("[[{kind}:{id}]]"));
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                    rest = &rest[1 + name.len()..];
                    previous = name.chars().last();
                    continue;
                }
            }
        }
        out.parsed.push(c);
        previous = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    Ok(out)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The name after `@`/`#`: word characters, plus inner `.`/`-` for usernames and `-` for tags.
fn token_name(s: &str, username: bool) -> &str {
    let end = s
        .char_indices()
        .find(|(_, c)| !(is_word_char(*c) || *c == '-' || (username && *c == '.')))
        .map_or(s.len(), |(i, _)| i);
    s[..end].trim_end_matches(['.', '-'])
}

/// `body.rich`: the plain text as escaped HTML with line breaks.
pub fn rich(plain: &str) -> String {
    let mut out = String::with_capacity(plain.len() + 16);
    for c in plain.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            other => out.push(other),
        }
    }
    out
}

/// A short plain excerpt (at most `max` characters, ending in `…` when cut).
pub fn excerpt(plain: &str, max: usize) -> String {
    let single_line = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    if single_line.chars().count() <= max {
        return single_line;
    }
    let mut cut: String = single_line.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(token: Token<'_>) -> Result<Option<u64>, ()> {
        Ok(match token {
            Token::Mention("ana.lima") => Some(7),
            Token::Tag("kubernetes") => Some(9),
            _ => None,
        })
    }

    #[test]
    fn marks_up_mentions_and_tags() {
        let m = mark_up(
            "Ask @ana.lima. About #kubernetes, not a@b.com or @nobody!",
            resolve,
        )
        .unwrap();
        assert_eq!(
            m.parsed,
            "Ask [[user:7]]. About [[tag:9]], not a@b.com or @nobody!"
        );
        assert_eq!(m.mention_ids, vec![7]);
        assert_eq!(m.topic_ids, vec![9]);
    }

    #[test]
    fn leaves_unicode_and_lone_signs_alone() {
        let m = mark_up("Zoë says # and @ — ok", resolve).unwrap();
        assert_eq!(m.parsed, "Zoë says # and @ — ok");
        assert!(m.mention_ids.is_empty());
    }

    #[test]
    fn rich_escapes_html() {
        assert_eq!(rich("<b>&\n"), "&lt;b&gt;&amp;<br>");
        assert_eq!(excerpt("a  b\nc", 10), "a b c");
        assert_eq!(excerpt("abcdefghijkl", 5), "abcd…");
    }
}
