//! The doctor's findings: one [`Step`] per check, in order, each PASS, WARN, FAIL or SKIP with
//! a detail line and, for what is wrong, the remedy. Renders them as text for a person or as
//! JSON (`{ok, steps:[{name, status, detail, remedy}]}`) for a script.
//!
//! Every string is sanitized for the terminal and has the token removed before it is rendered,
//! whoever wrote it (server text ends up in details). Renders only: it runs no check.

use serde::Serialize;

use crate::text::sanitize::sanitize;

/// How a check came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    /// Works, but something deserves attention (a clock a minute off).
    Warn,
    Fail,
    /// Not run: an earlier failure makes it meaningless.
    Skip,
}

impl Status {
    fn label(self) -> &'static str {
        match self {
            Self::Pass => "PASS",
            Self::Warn => "WARN",
            Self::Fail => "FAIL",
            Self::Skip => "SKIP",
        }
    }
}

/// One check's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    pub name: &'static str,
    pub status: Status,
    pub detail: String,
    /// What to do about it (a FAIL or WARN); `null` in JSON otherwise.
    pub remedy: Option<String>,
}

impl Step {
    pub fn pass(name: &'static str, detail: impl Into<String>) -> Self {
        Self::new(name, Status::Pass, detail, None)
    }

    pub fn warn(name: &'static str, detail: impl Into<String>, remedy: impl Into<String>) -> Self {
        Self::new(name, Status::Warn, detail, Some(remedy.into()))
    }

    pub fn fail(name: &'static str, detail: impl Into<String>, remedy: impl Into<String>) -> Self {
        Self::new(name, Status::Fail, detail, Some(remedy.into()))
    }

    pub fn skip(name: &'static str, why: impl Into<String>) -> Self {
        Self::new(name, Status::Skip, why, None)
    }

    fn new(
        name: &'static str,
        status: Status,
        detail: impl Into<String>,
        remedy: Option<String>,
    ) -> Self {
        Self {
            name,
            status,
            detail: detail.into(),
            remedy,
        }
    }

    /// Whether later steps that need this one can run.
    pub fn went_through(&self) -> bool {
        matches!(self.status, Status::Pass | Status::Warn)
    }
}

/// Every step, in the order they ran.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub ok: bool,
    pub steps: Vec<Step>,
}

impl Report {
    /// The report of `steps`: ok when nothing failed or was skipped (warnings are ok). Each
    /// string is sanitized and cleaned of `secret` (when there is one).
    pub fn new(steps: Vec<Step>, secret: Option<&str>) -> Self {
        let clean = |text: &str| scrub(text, secret);
        let steps: Vec<Step> = steps
            .into_iter()
            .map(|step| Step {
                detail: clean(&step.detail),
                remedy: step.remedy.as_deref().map(clean),
                ..step
            })
            .collect();
        let ok = steps
            .iter()
            .all(|step| matches!(step.status, Status::Pass | Status::Warn));
        Self { ok, steps }
    }

    /// One line per step (`PASS  name  detail`), the remedy indented below a FAIL or WARN.
    pub fn to_text(&self) -> String {
        let width = self.steps.iter().map(|s| s.name.len()).max().unwrap_or(0);
        let mut out = String::new();
        for step in &self.steps {
            out.push_str(&format!(
                "{}  {:width$}  {}\n",
                step.status.label(),
                step.name,
                step.detail
            ));
            if let Some(remedy) = &step.remedy {
                for line in remedy.lines() {
                    out.push_str(&format!("{:pad$}→ {line}\n", "", pad = width + 8));
                }
            }
        }
        out.push_str(if self.ok {
            "All checks passed.\n"
        } else {
            "Something is in the way: see the first FAIL above.\n"
        });
        out
    }

    /// The report as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| {
            format!(
                "{{\"ok\": false, \"steps\": [], \"error\": {:?}}}",
                e.to_string()
            )
        }) + "\n"
    }
}

/// `text` safe for a terminal, line by line, without `secret` (too short a secret is left:
/// it would match ordinary words).
fn scrub(text: &str, secret: Option<&str>) -> String {
    let text = match secret.map(str::trim) {
        Some(secret) if secret.len() >= 6 => text.replace(secret, "[redacted]"),
        _ => text.to_owned(),
    };
    text.lines().map(sanitize).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Step> {
        vec![
            Step::pass("config", "account `work`"),
            Step::warn("clock", "90 s ahead", "sync the clock"),
            Step::fail("tls", "unknown issuer", "set SSL_CERT_FILE\nor ca_file"),
            Step::skip("api", "the TLS handshake failed"),
        ]
    }

    #[test]
    fn ok_only_when_nothing_failed_or_was_skipped() {
        assert!(!Report::new(sample(), None).ok);
        let fine = vec![Step::pass("a", "x"), Step::warn("b", "y", "z")];
        assert!(Report::new(fine, None).ok);
    }

    #[test]
    fn json_has_ok_and_every_step_with_its_remedy() {
        let json: serde_json::Value =
            serde_json::from_str(&Report::new(sample(), None).to_json()).unwrap();
        assert_eq!(json["ok"], false);
        let steps = json["steps"].as_array().unwrap();
        assert_eq!(steps.len(), 4);
        assert_eq!(steps[2]["name"], "tls");
        assert_eq!(steps[2]["status"], "fail");
        assert_eq!(steps[2]["detail"], "unknown issuer");
        assert_eq!(steps[2]["remedy"], "set SSL_CERT_FILE\nor ca_file");
        assert_eq!(steps[0]["remedy"], serde_json::Value::Null);
        assert_eq!(steps[3]["status"], "skip");
    }

    #[test]
    fn text_puts_the_remedy_under_its_step() {
        let text = Report::new(sample(), None).to_text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "PASS  config  account `work`");
        assert!(lines[3].starts_with("FAIL  tls"), "{text}");
        assert!(
            lines[4].trim_start().starts_with("→ set SSL_CERT_FILE"),
            "{text}"
        );
        assert!(lines[5].trim_start().starts_with("→ or ca_file"), "{text}");
        assert!(text.ends_with("see the first FAIL above.\n"), "{text}");
    }

    #[test]
    fn no_token_and_no_escape_sequence_gets_out() {
        let steps = vec![Step::fail(
            "api",
            "server said: bad token SECRET-123456 \u{1b}[31mred",
            "token SECRET-123456 rejected",
        )];
        let report = Report::new(steps, Some("SECRET-123456"));
        let all = format!("{}{}", report.to_text(), report.to_json());
        assert!(!all.contains("SECRET-123456"), "{all}");
        assert!(!all.contains('\u{1b}'), "{all}");
        assert!(all.contains("[redacted]"), "{all}");
    }
}
