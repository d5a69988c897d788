//! Expanding Yammer `body.parsed` references (`[[user:123]]`, `[[tag:45]]`, `[[topic:45]]`,
//! `[[group:6]]`) into `@name` / `#name`. Owns the reference syntax only; names come from the
//! caller and the result must still be sanitized before display.

/// What a `[[kind:id]]` reference points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefKind {
    /// `[[user:ID]]`, shown as `@name`.
    User,
    /// `[[tag:ID]]` or `[[topic:ID]]`, shown as `#name`.
    Topic,
    /// `[[group:ID]]`, shown as `@name` (groups are mentioned like people).
    Group,
}

impl RefKind {
    fn from_keyword(keyword: &str) -> Option<RefKind> {
        match keyword {
            "user" => Some(RefKind::User),
            "tag" | "topic" => Some(RefKind::Topic),
            "group" => Some(RefKind::Group),
            _ => None,
        }
    }

    fn sigil(self) -> char {
        match self {
            RefKind::User | RefKind::Group => '@',
            RefKind::Topic => '#',
        }
    }
}

/// Replaces every well-formed reference by `@name`/`#name`, using `resolve` for the name
/// (a username or topic name). An unresolvable reference becomes `@user:123`, `#tag:45`,
/// `@group:6` (the keyword as written). Anything that is not a well-formed reference with a
/// known keyword and a decimal id that fits `u64` is left as it is. The output is not scanned
/// again, so a name containing `[[user:1]]` stays literal.
pub fn expand_parsed(parsed: &str, resolve: impl Fn(RefKind, u64) -> Option<String>) -> String {
    let mut out = String::with_capacity(parsed.len());
    let mut rest = parsed;
    while let Some(open) = rest.find("[[") {
        out.push_str(&rest[..open]);
        let candidate = &rest[open..];
        match parse_reference(candidate) {
            Some((kind, keyword, id, len)) => {
                out.push(kind.sigil());
                match resolve(kind, id) {
                    Some(name) => out.push_str(&name),
                    None => {
                        out.push_str(keyword);
                        out.push(':');
                        out.push_str(&id.to_string());
                    }
                }
                rest = &candidate[len..];
            }
            None => {
                out.push_str("[[");
                rest = &candidate[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Parses `[[keyword:digits]]` at the start of `s`: kind, keyword, id and byte length. Reads
/// only as far as the reference can reach, so text full of `[[` stays linear.
fn parse_reference(s: &str) -> Option<(RefKind, &str, u64, usize)> {
    let body = s.strip_prefix("[[")?;
    let keyword_len = body.find(|c: char| !c.is_ascii_lowercase())?;
    let keyword = &body[..keyword_len];
    let kind = RefKind::from_keyword(keyword)?;
    let after_colon = body[keyword_len..].strip_prefix(':')?;
    let digits_len = after_colon
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(after_colon.len());
    let digits = &after_colon[..digits_len];
    if digits.is_empty() || !after_colon[digits_len..].starts_with("]]") {
        return None;
    }
    let id = digits.parse().ok()?;
    Some((kind, keyword, id, 2 + keyword_len + 1 + digits_len + 2))
}
