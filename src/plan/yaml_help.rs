//! Plain-words explanations of the YAML mistakes people make when typing a
//! plan by hand: the parser's message names the symptom ("mapping values are
//! not allowed in this context"); this module looks at the lines around it and
//! names the cause and the fix (quote the text, add a space after the colon…).
//!
//! It also finds, before any parser runs, characters that make a parser report
//! wrong positions or wrong structure: line and paragraph separators (U+2028,
//! U+2029, U+0085) pasted from other programs, which YAML counts as line ends,
//! and no-break spaces (U+00A0) used as indentation.

use super::LoadError;

/// Errors for characters that confuse the YAML parser, each at its real
/// line and column (lines counted at `\n`, as editors do).
pub fn invisible_characters(text: &str, file: &str) -> Vec<LoadError> {
    let mut out = Vec::new();
    for (n, line) in text.split('\n').enumerate() {
        let indent_end = line.find(|c: char| c != ' ' && c != '\u{a0}' && c != '\t').unwrap_or(line.len());
        if let Some(i) = line[..indent_end].find('\u{a0}') {
            out.push(LoadError {
                file: file.into(),
                line: Some(n + 1),
                column: Some(line[..i].chars().count() + 1),
                message: "this line is indented with a no-break space (U+00A0), which YAML does not count as indentation".into(),
                help: Some("replace the spaces at the start of the line with ordinary spaces (retype them)".into()),
            });
        }
        for (i, c) in line.char_indices() {
            let name = match c {
                '\u{2028}' => "a line separator (U+2028)",
                '\u{2029}' => "a paragraph separator (U+2029)",
                '\u{85}' => "a next-line character (U+0085)",
                _ => continue,
            };
            out.push(LoadError {
                file: file.into(),
                line: Some(n + 1),
                column: Some(line[..i].chars().count() + 1),
                message: format!("the text holds {name}, an invisible line break pasted from another program"),
                help: Some("delete it (put the cursor just after the character before it and press Delete), or type a space instead".into()),
            });
        }
    }
    out
}

/// True when a message comes from the YAML parser (syntax), not from the plan's model.
pub fn is_syntax(message: &str) -> bool {
    ["not allowed in this context", "did not find expected", "could not find expected", "cannot start any token", "while scanning", "while parsing", "found unexpected", "found undefined"]
        .iter()
        .any(|m| message.contains(m))
}

/// The value part of a line `key: value` or `- value` (byte offset and text), if any.
fn value_of(line: &str) -> Option<(usize, &str)> {
    let body_start = line.len() - line.trim_start().len();
    let mut body = &line[body_start..];
    let mut at = body_start;
    while let Some(rest) = body.strip_prefix("- ") {
        let skipped = body.len() - rest.trim_start().len();
        at += skipped;
        body = &body[skipped..];
    }
    if body.starts_with('"') || body.starts_with('\'') || body.starts_with('#') {
        return None;
    }
    match body.find(": ") {
        Some(i) if !body[..i].contains(' ') || body[..i].chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
            let v = &body[i + 2..];
            let trimmed = v.trim_start();
            Some((at + i + 2 + (v.len() - trimmed.len()), trimmed))
        }
        _ if body.starts_with("- ") || line[..at].trim_end().ends_with('-') => Some((at, body)),
        _ => None,
    }
}

/// True for `{word}…` (a placeholder at the start of a text).
fn starts_with_placeholder(value: &str) -> bool {
    value.strip_prefix('{').and_then(|r| r.split_once('}')).is_some_and(|(w, rest)| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !rest.trim().is_empty())
}

/// Explains a YAML syntax error by the lines around it: rewrites the message,
/// moves the position to the cause, and gives the fix.
pub fn explain(text: &str, e: &mut LoadError) {
    if !is_syntax(&e.message) {
        return;
    }
    if e.message.contains("quoted scalar") {
        e.help = Some("a text in quotes must end with the same quote mark it starts with (\" or ')".into());
        return;
    }
    let Some(line_no) = e.line else { return };
    let lines: Vec<&str> = text.split('\n').collect();
    // the cause is on the error's line or on the line before it
    let mut candidates = vec![line_no];
    let mut p = line_no.saturating_sub(1);
    while p >= 1 && lines.get(p - 1).is_some_and(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        p -= 1;
    }
    if p >= 1 {
        candidates.push(p);
    }
    let col_of = |line: &str, byte: usize| line[..byte].chars().count() + 1;
    for n in candidates {
        let Some(line) = lines.get(n - 1) else { continue };
        let set = |e: &mut LoadError, byte: usize, message: &str, help: String| {
            e.line = Some(n);
            e.column = Some(col_of(line, byte));
            e.message = message.to_string();
            e.help = Some(help);
        };
        // `key:value` without a space
        let body_start = line.len() - line.trim_start_matches([' ', '-']).len();
        let body = &line[body_start..];
        if let Some(i) = body.find(':') {
            let key = &body[..i];
            let after = &body[i + 1..];
            if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !after.is_empty() && !after.starts_with([' ', '\t']) && !after.starts_with("//") {
                set(e, body_start + i, "there is no space after the colon", format!("YAML needs a space after `:` — write `{key}: {}`", after.trim()));
                return;
            }
        }
        let Some((at, value)) = value_of(line) else { continue };
        let quoted = format!("\"{}\"", value.trim_end().replace('"', "\\\""));
        if value.trim_end() == "-" {
            let key = line.trim_start().trim_start_matches("- ").split(':').next().unwrap_or("").trim();
            let help = if key == "budget" {
                "write `budget: ไม่ใช้งบประมาณ` if the activity needs no money, or `budget: รอจัดสรร` if the money is not yet allotted; without a `budget:` line the cell prints `-`".to_string()
            } else {
                "put it in quotes: \"-\", or remove the line if the value may be left out".to_string()
            };
            set(e, at, "a `-` alone starts a list in YAML", help);
            return;
        }
        match value.chars().next() {
            Some('{') if starts_with_placeholder(value) => {
                set(e, at, "a value that starts with `{` is read by YAML as a group of keys", format!("put the text in quotes: {quoted}"));
                return;
            }
            Some('[') if !value.trim_end().ends_with(']') => {
                set(e, at, "a value that starts with `[` is read by YAML as a list", format!("put the text in quotes: {quoted}"));
                return;
            }
            Some(c @ ('@' | '`' | '%')) => {
                set(e, at, &format!("a value cannot start with `{c}` in YAML"), format!("put the text in quotes: {quoted}"));
                return;
            }
            Some(c @ ('*' | '&' | '!' | '|' | '>')) if n == line_no => {
                set(e, at, &format!("a value that starts with `{c}` has a special meaning in YAML"), format!("put the text in quotes: {quoted}"));
                return;
            }
            _ => {}
        }
        if let Some(i) = value.find(": ") {
            if !value.starts_with(['"', '\'', '{', '[']) {
                set(e, at + i, "the text holds `: ` (a colon and a space), which YAML reads as the start of a new key", format!("put the whole text in quotes: {quoted}"));
                return;
            }
        }
    }
    if e.message.contains("cannot start any token") {
        let c = lines.get(line_no - 1).and_then(|l| l.chars().nth(e.column.unwrap_or(1).saturating_sub(1)));
        e.help = Some(if c == Some('\t') { "YAML indents with spaces only; replace tabs with spaces".into() } else { "put the text in quotes".into() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(text: &str, line: usize, column: usize, message: &str) -> LoadError {
        let mut e = LoadError { file: "p.yaml".into(), line: Some(line), column: Some(column), message: message.into(), help: None };
        explain(text, &mut e);
        e
    }

    #[test]
    fn common_mistakes_get_their_cause() {
        let e = explained("a:\n  b: กิจกรรม: รณรงค์\n", 2, 14, "mapping values are not allowed in this context");
        assert!(e.message.contains("`: `") && e.help.unwrap().contains("\"กิจกรรม: รณรงค์\""));
        let e = explained("a:\n  b: {office} เขต ๒\n", 2, 15, "did not find expected key, while parsing a block mapping");
        assert!(e.message.contains("`{`") && e.column == Some(6), "{e:?}");
        let e = explained("a:\n  b: @สพป\n", 2, 6, "found character that cannot start any token, while scanning for the next token");
        assert!(e.help.as_deref().unwrap().contains("quotes") && !e.help.unwrap().contains("tab"));
        let e = explained("a:\n  budget: -\n", 2, 11, "block sequence entries are not allowed in this context");
        assert!(e.message.contains("`-`"), "{e:?}");
        let help = e.help.unwrap();
        assert!(help.contains("budget: ไม่ใช้งบประมาณ") && help.contains("budget: รอจัดสรร"), "{help}");
        let e = explained("a:\n  target: -\n", 2, 11, "block sequence entries are not allowed in this context");
        assert!(e.help.unwrap().contains("\"-\""));
        let e = explained("a:\n  budget:150000\n  c: 1\n", 3, 3, "could not find expected ':', while scanning a simple key");
        assert_eq!((e.line, e.column), (Some(2), Some(9)), "{e:?}");
        assert!(e.help.unwrap().contains("budget: 150000"));
    }

    #[test]
    fn pasted_separators_are_found_where_they_are() {
        let errors = invisible_characters("a: 1\nb: xx\u{2028}yy\n\u{a0}\u{a0}c: 2\n", "p.yaml");
        assert_eq!(errors.len(), 2);
        assert_eq!((errors[0].line, errors[0].column), (Some(2), Some(6)));
        assert_eq!((errors[1].line, errors[1].column), (Some(3), Some(1)));
    }
}
