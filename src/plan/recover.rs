//! Reading a plan file and reporting every independent mistake in one run.
//!
//! serde stops at the first error. To find the others, the file is read a
//! second time into a YAML tree (`serde_yaml::Value`); the value at the failing
//! path is repaired and the tree is deserialized again, until it passes or no
//! repair is possible. The path of each error comes from `serde_path_to_error`,
//! its line and column from [`Positions`]. Repairs:
//!
//! - an unknown key is removed;
//! - a missing key, or a value of the wrong shape, is replaced by the value at
//!   the same place in a known-good plan of the same kind (the starter plan
//!   embedded in the program), or removed when that plan has none there.
//!
//! A YAML syntax error stops the file (the tree cannot be built). The first
//! error is always the one the direct read found, with serde_yaml's exact
//! position; the tree read only adds errors after it. Where the tree reading
//! differs from the direct one (a number where text is expected is text to the
//! direct reader), the tree is adjusted silently, so no error is reported that
//! the direct read would not make.

use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;
use serde_yaml::Value;

use super::positions::Positions;
use super::LoadError;

/// Most errors reported for one file.
pub const MAX_ERRORS: usize = 50;

/// Deserializes `text`; on failure returns every independent error found,
/// the first one as the direct read reports it. `donor` gives a known-good
/// plan of the same kind, used to repair the tree between attempts (asked
/// for only when the text has an error).
pub fn deserialize_all<T: DeserializeOwned>(text: &str, file: &str, donor: impl FnOnce() -> Option<Value>) -> Result<T, Vec<LoadError>> {
    let first = match serde_path_to_error::deserialize::<_, T>(serde_yaml::Deserializer::from_str(text)) {
        Ok(t) => return Ok(t),
        Err(e) => e,
    };
    let path: Vec<Segment> = first.path().iter().cloned().collect();
    let message = first.inner().to_string();
    let mut first_error = super::yaml_error(first.into_inner(), file);
    super::yaml_help::explain(text, &mut first_error);
    let mut errors = vec![first_error];
    let donor = donor();
    let donor = donor.as_ref();
    // a syntax error stops the file
    let Ok(mut tree) = serde_yaml::from_str::<Value>(text) else { return Err(errors) };
    if !repair(&mut tree, &path, &message, donor) {
        return Err(errors);
    }
    let positions = Positions::of(text);
    let mut seen = vec![(path_string(&path), strip_path(&message).to_string())];
    for _ in 0..MAX_ERRORS * 4 {
        if errors.len() >= MAX_ERRORS {
            break;
        }
        let e = match serde_path_to_error::deserialize::<_, T>(tree.clone()) {
            Ok(_) => break,
            Err(e) => e,
        };
        let path: Vec<Segment> = e.path().iter().cloned().collect();
        let message = e.inner().to_string();
        if let Some(text) = as_text_for_direct_reader(&message) {
            // the direct reader takes a plain number or true/false as text
            if let Some(v) = get_mut(&mut tree, &path) {
                let s = match v {
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    _ => text.to_string(),
                };
                *v = Value::String(s);
                continue;
            }
            break;
        }
        let key = (path_string(&path), message.clone());
        if seen.contains(&key) {
            break;
        }
        seen.push(key);
        let shown = path_string(&path);
        let unknown_key = message.starts_with("unknown field");
        let at = if unknown_key || message.starts_with("missing field") {
            positions.key(&shown).or_else(|| positions.find(&shown)).map(|p| item_start(text, p))
        } else {
            positions.find(&shown)
        };
        let at = if shown.is_empty() && message.starts_with("missing field") {
            // a key missing at the top: point at where the document starts
            document_start(text)
        } else if shown.is_empty() && !unknown_key {
            None
        } else {
            at
        };
        let prefix = if shown.is_empty() { String::new() } else { format!("{shown}: ") };
        if let Some(field) = message.strip_prefix("missing field ") {
            // several keys missing from one mapping make one error
            if let Some(last) = errors.last_mut().filter(|l| l.line == at.map(|p| p.line) && l.message.starts_with(&format!("{prefix}missing field"))) {
                let names = last.message[prefix.len()..].trim_start_matches("missing fields ").trim_start_matches("missing field ").to_string();
                last.message = format!("{prefix}missing fields {names}, {field}");
                if !repair(&mut tree, &path, &message, donor) {
                    break;
                }
                continue;
            }
        }
        errors.push(LoadError { file: file.to_string(), line: at.map(|p| p.line), column: at.map(|p| p.column), message: format!("{prefix}{message}"), help: None });
        if !repair(&mut tree, &path, &message, donor) {
            break;
        }
    }
    Err(errors)
}

/// The first line of the document itself (after comments, blank lines and `---`).
fn document_start(text: &str) -> Option<super::positions::Position> {
    text.split('\n').enumerate().find(|(_, l)| {
        let t = l.trim();
        !(t.is_empty() || t.starts_with('#') || t == "---" || t.starts_with('%'))
    })
    .map(|(n, _)| super::positions::Position { line: n + 1, column: 1 })
}

/// For a position inside a list item's line, the start of the item's first key.
fn item_start(text: &str, p: super::positions::Position) -> super::positions::Position {
    let Some(line) = text.split('\n').nth(p.line.saturating_sub(1)) else { return p };
    let body = line.trim_start_matches([' ', '-']);
    if line.trim_start().starts_with("- ") {
        super::positions::Position { line: p.line, column: line[..line.len() - body.len()].chars().count() + 1 }
    } else {
        p
    }
}

/// serde_yaml's message without the `path: ` it starts with.
fn strip_path(message: &str) -> &str {
    match message.split_once(": ") {
        Some((p, rest)) if !p.contains(' ') => rest,
        _ => message,
    }
}

/// For a tree-only error (a number or boolean where text is expected), Some.
fn as_text_for_direct_reader(message: &str) -> Option<&'static str> {
    let scalar = ["invalid type: integer", "invalid type: floating point", "invalid type: boolean"].iter().any(|p| message.starts_with(p));
    (scalar && (message.ends_with("expected a string") || message.ends_with("expected a borrowed string"))).then_some("")
}

/// The path as [`Positions`] writes it: `a.b[2].c`.
pub fn path_string(path: &[Segment]) -> String {
    let mut out = String::new();
    for s in path {
        match s {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => out.push('?'),
        }
    }
    out
}

fn get_mut<'a>(tree: &'a mut Value, path: &[Segment]) -> Option<&'a mut Value> {
    let mut v = tree;
    for s in path {
        v = match (s, v) {
            (Segment::Seq { index }, Value::Sequence(items)) => items.get_mut(*index)?,
            (Segment::Map { key }, Value::Mapping(m)) => m.get_mut(key.as_str())?,
            _ => return None,
        };
    }
    Some(v)
}

fn get<'a>(tree: &'a Value, path: &[Segment]) -> Option<&'a Value> {
    let mut v = tree;
    for s in path {
        v = match (s, v) {
            (Segment::Seq { index }, Value::Sequence(items)) => items.get(*index).or_else(|| items.first())?,
            (Segment::Map { key }, Value::Mapping(m)) => m.get(key.as_str())?,
            _ => return None,
        };
    }
    Some(v)
}

/// The donor's value at `path` (a list index missing in the donor reads its first item).
fn donated(donor: Option<&Value>, path: &[Segment]) -> Option<Value> {
    get(donor?, path).cloned()
}

/// Changes the tree so the error at `path` does not occur again; false when
/// that is not possible.
fn repair(tree: &mut Value, path: &[Segment], message: &str, donor: Option<&Value>) -> bool {
    let message = strip_path(message);
    if message.starts_with("unknown field") {
        let Some((Segment::Map { key }, parent)) = path.split_last() else { return false };
        let allowed: Vec<&str> = message.split('`').skip(3).step_by(2).collect();
        return match get_mut(tree, parent) {
            Some(Value::Mapping(m)) => match m.remove(key.as_str()) {
                Some(value) => {
                    // a misspelt key: keep its value under the key it was meant to be
                    let near = allowed.iter().filter(|a| !m.contains_key(**a)).map(|a| (crate::diagnostic::distance(key, a), *a)).min();
                    if let Some((d, a)) = near {
                        if d <= 2.max(key.chars().count() / 3) {
                            m.insert(Value::String(a.to_string()), value);
                        }
                    }
                    true
                }
                None => false,
            },
            _ => false,
        };
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let Some(field) = rest.split('`').next() else { return false };
        let mut full = path.to_vec();
        full.push(Segment::Map { key: field.to_string() });
        let Some(value) = donated(donor, &full) else { return false };
        return match get_mut(tree, path) {
            Some(Value::Mapping(m)) => {
                m.insert(Value::String(field.to_string()), value);
                true
            }
            _ => false,
        };
    }
    if path.is_empty() {
        return false;
    }
    if let Some(value) = donated(donor, path) {
        if let Some(v) = get_mut(tree, path) {
            if *v != value {
                *v = value;
                return true;
            }
        }
        return false;
    }
    // nothing to put there: remove a key (a list item would shift the ones after it)
    let Some((Segment::Map { key }, parent)) = path.split_last() else { return false };
    match get_mut(tree, parent) {
        Some(Value::Mapping(m)) => m.remove(key.as_str()).is_some(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct A {
        year: u16,
        items: Vec<B>,
    }
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct B {
        name: String,
        budget: Option<u64>,
        months: u8,
    }

    #[test]
    fn several_independent_errors_are_all_found() {
        let donor: Value = serde_yaml::from_str("year: 2567\nitems:\n  - name: x\n    budget: 1\n    months: 1\n").unwrap();
        let text = "year: สองห้า\nitems:\n  - name: 12\n    budget: abc\n    months: 1\n  - name: b\n    colour: red\n    month: 3\n  - budget: 5\n    months: 2\n";
        let errors = deserialize_all::<A>(text, "p.yaml", || Some(donor.clone())).unwrap_err();
        let found: Vec<(Option<usize>, &str)> = errors.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(found.len(), 5, "{found:#?}");
        assert_eq!(found[0].0, Some(1));
        assert!(found[1].1.contains("items[0].budget") && found[1].0 == Some(4), "{found:#?}");
        assert!(found[2].1.contains("unknown field `colour`") && found[2].0 == Some(7), "{found:#?}");
        // the misspelt key is not reported a second time as missing
        assert!(found[3].1.contains("unknown field `month`") && found[3].0 == Some(8), "{found:#?}");
        assert!(found[4].1.contains("missing field `name`") && found[4].0 == Some(9), "{found:#?}");
        // a clean file passes, and the number typed as a name is text
        assert!(deserialize_all::<A>("year: 1\nitems:\n  - name: 12\n    months: 1\n", "p.yaml", || None).is_ok());
    }

    #[test]
    fn a_syntax_error_stops_the_file() {
        let errors = deserialize_all::<A>("year: 1\nitems: [\n", "p.yaml", || None).unwrap_err();
        assert_eq!(errors.len(), 1);
    }
}
