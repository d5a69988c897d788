//! Temporary stand-in for `crate::text` (same paths and signatures) until it lands; deleted then.

pub mod width {
    /// Display width (stand-in: one column per char).
    pub fn display_width(s: &str) -> usize {
        unicode_width::UnicodeWidthStr::width(s)
    }
}

pub mod wrap {
    /// Wraps at spaces to `width` columns (stand-in).
    pub fn wrap_lines(s: &str, width: usize) -> Vec<String> {
        let width = width.max(1);
        let mut out = Vec::new();
        for paragraph in s.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ') {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if super::width::display_width(&candidate) > width && !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                    line = word.to_owned();
                } else {
                    line = candidate;
                }
                while super::width::display_width(&line) > width {
                    let head: String = line.chars().take(width).collect();
                    let tail: String = line.chars().skip(width).collect();
                    out.push(head);
                    line = tail;
                }
            }
            out.push(line);
        }
        out
    }
}

pub mod tokens {
    /// What a span is.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum SpanKind {
        Plain,
        Mention,
        Topic,
        Link,
    }

    /// A run of text.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Span {
        pub kind: SpanKind,
        pub text: String,
    }

    /// Splits by words (stand-in).
    pub fn tokenize(text: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                spans.push(Span {
                    kind: SpanKind::Plain,
                    text: " ".to_owned(),
                });
            }
            let kind = if word.starts_with('@') && word.len() > 1 {
                SpanKind::Mention
            } else if word.starts_with('#') && word.len() > 1 {
                SpanKind::Topic
            } else if word.starts_with("http://") || word.starts_with("https://") {
                SpanKind::Link
            } else {
                SpanKind::Plain
            };
            spans.push(Span {
                kind,
                text: word.to_owned(),
            });
        }
        spans
    }

    /// Links in order (stand-in).
    pub fn links(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .filter(|s| s.kind == SpanKind::Link)
            .map(|s| s.text)
            .collect()
    }
}

pub mod sanitize {
    /// Stand-in paste sanitizer.
    pub fn sanitize_paste(raw: &str) -> String {
        raw.chars()
            .filter(|c| !c.is_control() || *c == '\n')
            .collect()
    }
}

pub mod osc {
    /// Stand-in OSC 52.
    pub fn osc52_copy_sequence(text: &crate::domain::SafeText) -> String {
        use base64::Engine;
        let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_str());
        format!("\u{1b}]52;c;{encoded}\u{7}")
    }
}
