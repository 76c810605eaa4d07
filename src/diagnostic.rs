//! Messages a plan author can act on: what is wrong, where (file, line,
//! column, with the line shown), and what to do — in the manner of rustc.

use crate::plan::positions::{Position, Positions};
use crate::plan::LoadError;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The plan cannot be built.
    Error,
    /// The plan builds, but something looks wrong.
    Warning,
}

/// One finding about an input file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file.
    pub file: String,
    /// Where in it, if known.
    pub position: Option<Position>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic for a loading error, with advice where the message suggests some.
    pub fn from_load(e: &LoadError) -> Diagnostic {
        let position = e.line.map(|line| Position { line, column: e.column.unwrap_or(1) });
        Diagnostic { severity: Severity::Error, file: e.file.clone(), position, message: e.message.clone(), help: advice(&e.message) }
    }

    /// A diagnostic for a finding about the value at `path` of the plan.
    pub fn at_path(severity: Severity, file: &str, positions: &Positions, path: &str, message: &str) -> Diagnostic {
        let (message, help) = match message.split_once("; ") {
            Some((m, h)) => (m.to_string(), Some(h.to_string())),
            None => (message.to_string(), None),
        };
        let message = if path.is_empty() { message } else { format!("{path}: {message}") };
        Diagnostic { severity, file: file.to_string(), position: if path.is_empty() { None } else { positions.find(path) }, message, help }
    }

    /// The diagnostic as text, showing the offending line of `source` when known.
    pub fn render(&self, source: Option<&str>) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{kind}: {}\n", self.message);
        match self.position {
            Some(p) => {
                out.push_str(&format!("  --> {}:{}:{}\n", self.file, p.line, p.column));
                if let Some(line) = source.and_then(|s| s.lines().nth(p.line.saturating_sub(1))) {
                    let n = p.line.to_string();
                    let pad = " ".repeat(n.len());
                    // long lines are shown around the column only
                    let chars: Vec<char> = line.chars().collect();
                    let col = p.column.saturating_sub(1).min(chars.len());
                    let start = col.saturating_sub(40);
                    let end = (start + 100).min(chars.len());
                    let mut shown: String = chars[start..end].iter().collect();
                    let mut caret: String = chars[start..col].iter().map(|c| if *c == '\t' { '\t' } else { ' ' }).collect();
                    if start > 0 {
                        shown.insert(0, '…');
                        caret.insert(0, ' ');
                    }
                    if end < chars.len() {
                        shown.push('…');
                    }
                    out.push_str(&format!("{pad} |\n{n} | {shown}\n{pad} | {caret}^\n"));
                }
            }
            None => out.push_str(&format!("  --> {}\n", self.file)),
        }
        if let Some(h) = &self.help {
            out.push_str(&format!("  = help: {h}\n"));
        }
        out
    }
}

/// Advice for the messages serde and the YAML parser give.
fn advice(message: &str) -> Option<String> {
    if let Some(at) = message.find("unknown field `") {
        let rest = &message[at + "unknown field `".len()..];
        let (field, expected) = rest.split_once('`')?;
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let best = candidates.iter().map(|c| (distance(field, c), *c)).min();
        return Some(match best {
            Some((d, c)) if d <= 2.max(field.chars().count() / 3) => format!("did you mean `{c}`?"),
            _ if !candidates.is_empty() => format!("the keys allowed here are {}", candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")),
            _ => "remove this key".to_string(),
        });
    }
    if message.contains("missing field `") {
        return Some("add the missing key here (data/ has complete examples)".into());
    }
    if message.contains("invalid type") && (message.contains("expected u") || message.contains("expected i")) {
        return Some("write a plain whole number without commas or Thai digits, e.g. 268000".into());
    }
    if message.contains("invalid type") && message.contains("expected f") {
        return Some("write a plain number, e.g. 84.82".into());
    }
    if message.contains("duplicate entry") || message.contains("duplicate key") {
        return Some("a key may appear only once in a mapping; remove or rename one of them".into());
    }
    if message.contains("cannot start any token") || message.contains("tab") {
        return Some("YAML indents with spaces only; replace tabs with spaces".into());
    }
    if message.contains("recursion limit") {
        return Some("the file nests too deeply to be a plan".into());
    }
    if message.contains("repetition limit") {
        return Some("aliases (*name) expand to too much text; write the values out".into());
    }
    if message.contains("invalid type: sequence") || message.contains("invalid type: map") || message.contains("invalid type: string") {
        return Some("compare the shape of this value with the same key in data/".into());
    }
    None
}

/// Edit distance between two strings (in characters).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_key() {
        let m = "fiscal_year: unknown field `fiscal_yaer`, expected one of `template`, `fiscal_year`, `office`";
        let e = LoadError { file: "p.yaml".into(), line: Some(2), column: Some(1), message: m.split_once(": ").unwrap().1.into() };
        let d = Diagnostic::from_load(&e);
        assert_eq!(d.help.as_deref(), Some("did you mean `fiscal_year`?"));
        let text = d.render(Some("template: anticorruption\nfiscal_yaer: 2563\n"));
        assert!(text.contains("  --> p.yaml:2:1\n"), "{text}");
        assert!(text.contains("2 | fiscal_yaer: 2563\n"), "{text}");
        assert!(text.contains("  | ^\n"), "{text}");
    }

    #[test]
    fn advice_for_types() {
        assert!(advice("budget: invalid type: string \"๒๖๘,๐๐๐\", expected u64").unwrap().contains("268000"));
        assert!(advice("unknown field `zzzzzz`, expected `a` or `b`").unwrap().contains("`a`, `b`"));
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
