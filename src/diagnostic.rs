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
        let mut message = plain_words(&e.message);
        let mut help = e.help.clone().or_else(|| advice(&e.message));
        if help.is_none() {
            // the model's own messages say what to do after "; "
            if let Some((m, h)) = message.split_once("; ") {
                (message, help) = (m.to_string(), Some(h.to_string()));
            }
        }
        Diagnostic { severity: Severity::Error, file: e.file.clone(), position, message, help }
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
                    let chars: Vec<char> = line.chars().map(|c| if matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') { '↵' } else { c }).collect();
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

/// serde's and the YAML parser's message in words a plan author knows: no
/// type names of the program, Thai shown as Thai, keys called keys.
pub fn plain_words(message: &str) -> String {
    let mut m = unescape(message);
    // what was expected
    let expected: &[(&str, &str)] = &[
        ("expected struct MonthRange", "expected months, e.g. `{from: ต.ค., to: ก.ย.}`"),
        ("expected a sequence", "expected a list (lines starting with `- `)"),
        ("expected a string", "expected text"),
        ("expected a borrowed string", "expected text"),
        ("expected a boolean", "expected true or false"),
        ("expected a map", "expected keys and values (`key: value` lines)"),
    ];
    for (from, to) in expected {
        if let Some(i) = m.find(from) {
            m = format!("{}{}{}", &m[..i], to, &m[i + from.len()..]);
        }
    }
    for t in ["u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize"] {
        m = replace_word(&m, &format!("expected {t}"), "expected a whole number");
    }
    for t in ["f32", "f64"] {
        m = replace_word(&m, &format!("expected {t}"), "expected a number");
    }
    if let Some(i) = m.find("expected struct ") {
        let end = m[i..].find([',', ';']).map_or(m.len(), |j| i + j);
        m = format!("{}expected keys and values (`key: value` lines){}", &m[..i], &m[end..]);
    }
    if let Some(i) = m.find("data did not match any variant of untagged enum MonthName") {
        m = format!("{}expected a month: a Thai abbreviation such as ต.ค. or a number 1–12", &m[..i]);
    } else if let Some(i) = m.find("data did not match any variant of untagged enum") {
        m = format!("{}the value is not in any of the forms accepted here", &m[..i]);
    }
    // what was found
    let found: &[(&str, &str)] = &[
        ("invalid type: string ", "found the text "),
        ("invalid type: integer ", "found the number "),
        ("invalid type: floating point ", "found the number "),
        ("invalid type: boolean ", "found "),
        ("invalid type: sequence", "found a list"),
        ("invalid type: map", "found keys and values"),
        ("invalid type: unit value", "found nothing"),
        ("invalid type: null", "found nothing"),
        ("invalid value: integer ", "the number "),
        ("missing fields ", "missing keys "),
        ("missing field ", "missing key "),
        ("unknown field ", "unknown key "),
        ("unknown variant ", "unknown value "),
        ("duplicate field ", "duplicate key "),
    ];
    for (from, to) in found {
        m = m.replacen(from, to, 1);
    }
    if m.contains("the number ") && m.contains(", expected a whole number") && !m.contains("found") {
        m = m.replacen(", expected a whole number", " is out of the range allowed here", 1);
    }
    m
}

/// Replaces `from` when it is not followed by a letter or digit.
fn replace_word(text: &str, from: &str, to: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(from) {
        let after = &rest[i + from.len()..];
        out.push_str(&rest[..i]);
        if after.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            out.push_str(from);
        } else {
            out.push_str(to);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Turns `\u{e35}` escapes (Rust's debug form of text) back into the characters.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("\\u{") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 3..];
        match tail.find('}').and_then(|j| u32::from_str_radix(&tail[..j], 16).ok().and_then(char::from_u32).map(|c| (c, j))) {
            Some((c, j)) => {
                out.push(c);
                rest = &tail[j + 1..];
            }
            None => {
                out.push_str("\\u{");
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
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
    if message.contains("missing field") {
        return Some("add the missing key here (`phaen new` writes a complete plan to compare with)".into());
    }
    if message.contains("invalid type") && (message.contains("expected u") || message.contains("expected i")) {
        return Some("write the number in digits, e.g. 268000".into());
    }
    if message.contains("invalid type") && message.contains("expected f") {
        return Some("write the number in digits, e.g. 84.82".into());
    }
    if message.contains("duplicate entry") || message.contains("duplicate key") {
        return Some("a key may appear only once in a mapping; remove or rename one of them".into());
    }
    if message.contains("found a tab character") || message.contains("tab character") {
        return Some("YAML indents with spaces only; replace tabs with spaces".into());
    }
    if message.contains("recursion limit") {
        return Some("the file nests too deeply to be a plan".into());
    }
    if message.contains("repetition limit") {
        return Some("aliases (*name) expand to too much text; write the values out".into());
    }
    if message.contains("invalid type: sequence") || message.contains("invalid type: map") || message.contains("invalid type: string") {
        return Some("compare this value with the same key in a complete plan (`phaen new` writes one)".into());
    }
    None
}

/// Edit distance between two strings (in characters).
pub fn distance(a: &str, b: &str) -> usize {
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
        let e = LoadError { file: "p.yaml".into(), line: Some(2), column: Some(1), message: m.split_once(": ").unwrap().1.into(), help: None };
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
        let m = plain_words("budget: invalid type: string \"หน\\u{e36}\\u{e48}งแสน\", expected u64");
        assert_eq!(m, "budget: found the text \"หนึ่งแสน\", expected a whole number");
        assert_eq!(plain_words("months: invalid type: string \"x\", expected struct MonthRange"), "months: found the text \"x\", expected months, e.g. `{from: ต.ค., to: ก.ย.}`");
        assert_eq!(plain_words("year: invalid value: integer `70000`, expected u16"), "year: the number `70000` is out of the range allowed here");
        assert!(advice("unknown field `zzzzzz`, expected `a` or `b`").unwrap().contains("`a`, `b`"));
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
