//! Checks made on the YAML text itself, with the position of every value:
//! mistakes the plan's model accepts but that would print something other than
//! what the author meant.
//!
//! - years typed in the Christian era (`2024`) where Buddhist Era years are meant;
//! - ITA history years after the fiscal year, repeated, or out of order;
//!   statistics years far from the fiscal year;
//! - a `**` that opens bold and is never closed;
//! - text that is empty;
//! - a ` #` inside unquoted text, which YAML reads as the start of a comment,
//!   so the rest of the line silently disappears;
//! - a `# ตรวจสอบ:` comment that `phaen next` left for the author to decide
//!   and that is still there (a warning, until the line is deleted).
//!
//! These run on parser events (yaml-rust2), independent of the model's types,
//! so they report even when the model has errors of its own.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::positions::Position;
use super::LoadError;

/// One finding of these checks.
#[derive(Debug, Clone)]
pub struct Finding {
    /// A warning (the plan still builds) rather than an error.
    pub warning: bool,
    /// What, where, and what to do.
    pub error: LoadError,
}

/// A scalar value of the file with its path and place.
struct Scalar {
    path: String,
    value: String,
    style: TScalarStyle,
    mark: Marker,
}

#[derive(Default)]
struct Collect {
    stack: Vec<(String, Option<usize>, Option<String>)>,
    scalars: Vec<Scalar>,
}

impl Collect {
    /// Path of the node starting now; None for a mapping key.
    fn path(&mut self, key: Option<&str>) -> Option<String> {
        let Some((path, seq, pending)) = self.stack.last_mut() else { return Some(String::new()) };
        if let Some(i) = seq {
            let p = format!("{path}[{i}]");
            *i += 1;
            return Some(p);
        }
        match pending.take() {
            Some(k) => Some(if path.is_empty() { k } else { format!("{path}.{k}") }),
            None => {
                *pending = Some(key.unwrap_or("?").to_string());
                None
            }
        }
    }
}

impl MarkedEventReceiver for Collect {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, style, ..) => {
                if let Some(path) = self.path(Some(&value)) {
                    self.scalars.push(Scalar { path, value, style, mark });
                }
            }
            Event::Alias(_) => {
                self.path(None);
            }
            Event::MappingStart(..) => {
                let p = self.path(None).unwrap_or_else(|| "?".into());
                self.stack.push((p, None, None));
            }
            Event::SequenceStart(..) => {
                let p = self.path(None).unwrap_or_else(|| "?".into());
                self.stack.push((p, Some(0), None));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

/// A whole number as people type it (Thai or Arabic digits, thousands commas).
fn whole_number(text: &str) -> Option<u32> {
    super::numbers::parse(text).ok()?.whole().and_then(|w| u32::try_from(w).ok())
}

/// A year in Thai digits.
fn thai(year: u32) -> String {
    year.to_string().chars().map(|c| char::from_u32('๐' as u32 + c.to_digit(10).unwrap_or(0)).unwrap_or(c)).collect()
}

/// Runs every check on a YAML text; a text that does not parse gives nothing
/// (the parser's error is reported elsewhere).
pub fn check(text: &str, file: &str) -> Vec<Finding> {
    let mut c = Collect::default();
    if Parser::new_from_str(text).load(&mut c, false).is_err() {
        return Vec::new();
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = Vec::new();
    let at = |s: &Scalar| Position { line: s.mark.line(), column: s.mark.col() + 1 };
    let mut push = |warning: bool, p: Position, message: String, help: Option<String>| {
        out.push(Finding { warning, error: LoadError { file: file.into(), line: Some(p.line), column: Some(p.column), message, help } });
    };

    let fiscal = c.scalars.iter().find(|s| s.path == "fiscal_year").and_then(|s| whole_number(&s.value));
    // years
    for s in &c.scalars {
        let is_year = s.path == "fiscal_year" || s.path.ends_with(".year") || s.path.ends_with("_year") || last_key(&s.path).is_some_and(|k| k == "years");
        if !is_year || s.style != TScalarStyle::Plain && s.style != TScalarStyle::SingleQuoted && s.style != TScalarStyle::DoubleQuoted {
            continue;
        }
        let Some(y) = whole_number(&s.value) else { continue };
        if (1900..2400).contains(&y) {
            push(
                false,
                at(s),
                format!("{}: {y} is a year of the Christian era; plans count years in the Buddhist Era (พ.ศ.)", s.path),
                Some(format!("add 543: {y} → {} ({})", y + 543, thai(y + 543))),
            );
        }
    }
    // ITA history: in order, once each, not after the fiscal year
    let mut histories: Vec<(String, Vec<(&Scalar, u32)>)> = Vec::new();
    for s in &c.scalars {
        if !(s.path.contains("history") && s.path.ends_with(".year")) {
            continue;
        }
        let Some(y) = whole_number(&s.value) else { continue };
        let list = s.path[..s.path.rfind('[').unwrap_or(0)].to_string();
        match histories.iter_mut().find(|(l, _)| *l == list) {
            Some((_, ys)) => ys.push((s, y)),
            None => histories.push((list, vec![(s, y)])),
        }
    }
    for (_, years) in &histories {
        let mut previous: Option<u32> = None;
        for (i, (s, y)) in years.iter().enumerate() {
            if let Some(f) = fiscal.filter(|f| *f >= 2400) {
                if *y > f {
                    push(false, at(s), format!("{}: the assessment of {} is after this plan's fiscal year {}", s.path, thai(*y), thai(f)), Some("an ITA history holds assessments already made; check the year".into()));
                }
            }
            if years[..i].iter().any(|(_, other)| other == y) {
                push(false, at(s), format!("{}: the year {} appears twice in the ITA history", s.path, thai(*y)), Some("keep one score per year".into()));
            } else if previous.is_some_and(|p| *y < p) {
                push(false, at(s), format!("{}: the year {} comes after {} in the list", s.path, thai(*y), thai(previous.unwrap_or(0))), Some("list the years from the oldest to the newest, so trends compare the right years".into()));
            }
            previous = Some(previous.map_or(*y, |p| p.max(*y)));
        }
        // results of two or more years are missing (one may not be announced yet
        // when the plan is written; `phaen next` leaves a commented line for it)
        if let (Some(f), Some((s, newest))) = (fiscal.filter(|f| *f >= 2400), years.iter().max_by_key(|(_, y)| *y)) {
            if *newest + 2 < f {
                let missing = (*newest + 1..f).map(thai).collect::<Vec<_>>().join(", ");
                push(
                    true,
                    at(s),
                    format!("{}: the ITA history ends at {} and this plan is for {}: the results of {missing} are missing", &s.path[..s.path.rfind('[').unwrap_or(0)], thai(*newest), thai(f)),
                    Some(format!("add `{{year: {}, score: …}}` and the years before it that are missing", f - 1)),
                );
            }
        }
    }
    // statistics years far from the fiscal year
    if let Some(f) = fiscal.filter(|f| *f >= 2400) {
        let mut seen_lists: Vec<String> = Vec::new();
        for s in &c.scalars {
            if last_key(&s.path) != Some("years") {
                continue;
            }
            let list = s.path[..s.path.rfind('[').unwrap_or(0)].to_string();
            if seen_lists.contains(&list) {
                continue;
            }
            let years: Vec<u32> = c.scalars.iter().filter(|o| o.path.starts_with(&format!("{list}["))).filter_map(|o| whole_number(&o.value)).filter(|y| *y >= 2400).collect();
            seen_lists.push(list.clone());
            let Some(newest) = years.iter().max() else { continue };
            if *newest + 3 < f || *newest > f {
                push(
                    true,
                    at(s),
                    format!("{list}: the statistics are of {}–{}, far from this plan's fiscal year {}", thai(*years.iter().min().unwrap_or(newest)), thai(*newest), thai(f)),
                    Some("update the figures to the latest years, or check the fiscal year".into()),
                );
            }
        }
    }
    for s in &c.scalars {
        if s.path == "template" || s.path.is_empty() {
            continue;
        }
        let quoted = matches!(s.style, TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted);
        // empty text
        if quoted && s.value.trim().is_empty() {
            push(false, at(s), format!("{}: the text is empty", s.path), Some("write the text, or remove the line if the value is optional".into()));
            continue;
        }
        // an unclosed **
        let count = s.value.matches("**").count();
        if count % 2 == 1 {
            let p = nth_in_source(&lines, at(s), "**", count).unwrap_or(at(s));
            push(false, p, format!("{}: `**` opens bold text that is never closed", s.path), Some("close the bold text with another `**`, or remove this one".into()));
        }
        // ` #` that ended a plain value
        if s.style == TScalarStyle::Plain && !s.value.contains('\n') {
            if let Some(line) = lines.get(s.mark.line().saturating_sub(1)) {
                let start = line.char_indices().nth(s.mark.col()).map_or(line.len(), |(i, _)| i);
                let rest = &line[start..];
                if let Some(after) = rest.strip_prefix(s.value.as_str()) {
                    let trimmed = after.trim_start_matches([' ', '\t']);
                    if trimmed.starts_with('#') && after.len() > trimmed.len() && trimmed.chars().nth(1).is_some_and(|c| !c.is_whitespace()) {
                        let col = line[..start + s.value.len() + (after.len() - trimmed.len())].chars().count() + 1;
                        push(
                            true,
                            Position { line: s.mark.line(), column: col },
                            format!("{}: the text stops before ` #`: YAML reads `{}` as a comment, so it is left out of the document", s.path, trimmed.trim_end()),
                            Some(format!("put the whole text in quotes: \"{} {}\"", s.value, trimmed.trim_end().replace('"', "\\\""))),
                        );
                    }
                }
            }
        }
    }
    // places `phaen next` marked for the author to decide, still in the file
    for (i, line) in lines.iter().enumerate() {
        let body = line.trim_start();
        let Some(note) = body.strip_prefix('#').map(str::trim_start).and_then(|b| b.strip_prefix(super::rollover::MARK)) else { continue };
        push(
            true,
            Position { line: i + 1, column: line[..line.len() - body.len()].chars().count() + 1 },
            format!("still to decide (marked by `phaen next`): {}", note.trim()),
            Some("when it is done, delete this comment line".into()),
        );
    }
    out.sort_by_key(|f| (f.error.line, f.error.column));
    out
}

/// The last key of a path, skipping list indexes.
fn last_key(path: &str) -> Option<&str> {
    let p = path.trim_end_matches(|c: char| c == ']' || c.is_ascii_digit());
    let p = p.strip_suffix('[').unwrap_or(p);
    p.rsplit('.').next()
}

/// Where the `n`-th (1-based) `needle` stands in the source from `from` on.
fn nth_in_source(lines: &[&str], from: Position, needle: &str, n: usize) -> Option<Position> {
    let mut seen = 0;
    for (i, line) in lines.iter().enumerate().skip(from.line.saturating_sub(1)).take(200) {
        let start = if i + 1 == from.line { line.char_indices().nth(from.column - 1).map_or(line.len(), |(b, _)| b) } else { 0 };
        let mut offset = start;
        while let Some(j) = line[offset..].find(needle) {
            seen += 1;
            if seen == n {
                return Some(Position { line: i + 1, column: line[..offset + j].chars().count() + 1 });
            }
            offset += j + needle.len();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(bool, usize, usize, String)> {
        check(text, "p.yaml").into_iter().map(|f| (f.warning, f.error.line.unwrap(), f.error.column.unwrap(), format!("{} | {}", f.error.message, f.error.help.unwrap_or_default()))).collect()
    }

    #[test]
    fn years() {
        let f = found("fiscal_year: 2567\nita:\n  history:\n    scores:\n      - year: 2565\n      - year: ๒๕๖๔\n      - year: 2565\n      - year: 2568\nstats:\n  years: [2560, 2561, 2562]\n");
        assert_eq!(f.len(), 4, "{f:#?}");
        assert!(f[0].3.contains("comes after") && f[0].1 == 6, "{f:#?}");
        assert!(f[1].3.contains("twice") && f[1].1 == 7, "{f:#?}");
        assert!(f[2].3.contains("after this plan's fiscal year") && f[2].1 == 8, "{f:#?}");
        assert!(f[3].0 && f[3].3.contains("๒๕๖๐–๒๕๖๒"), "{f:#?}");
        // one result not yet announced is normal; two missing are not
        assert!(found("fiscal_year: 2568\nita:\n  history:\n    scores:\n      - year: 2566\n").is_empty());
        let f = found("fiscal_year: 2569\nita:\n  history:\n    scores:\n      - year: 2566\n");
        assert!(f.len() == 1 && f[0].0 && f[0].3.contains("๒๕๖๗, ๒๕๖๘ are missing"), "{f:#?}");
        let f = found("fiscal_year: 2024\n");
        assert!(f[0].3.contains("2024 → 2567 (๒๕๖๗)"), "{f:#?}");
    }

    #[test]
    fn marks_left_by_next_are_warned_about_until_deleted() {
        let f = found("fiscal_year: 2569\nita:\n  # ตรวจสอบ: ใส่ผลการประเมิน ITA ปี ๒๕๖๘\n  # a comment of the author\n  history: []\nb: \"ตรวจสอบ: ข้อความ\"\n");
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!((f[0].0, f[0].1, f[0].2), (true, 3, 3));
        assert!(f[0].3.contains("ใส่ผลการประเมิน ITA ปี ๒๕๖๘") && f[0].3.contains("delete this comment line"), "{f:#?}");
    }

    #[test]
    fn text() {
        let f = found("a: กิจกรรมรณรงค์ #ต้านโกง\nb: x  # a comment\nc: \"\"\nd: ข้อความ **ตัวหนา ต่อ\ne: '**ok**'\n");
        assert_eq!(f.len(), 3, "{f:#?}");
        assert_eq!((f[0].0, f[0].1, f[0].2), (true, 1, 18));
        assert!(f[0].3.contains("\"กิจกรรมรณรงค์ #ต้านโกง\""), "{f:#?}");
        assert_eq!((f[1].0, f[1].1), (false, 3));
        assert_eq!((f[2].1, f[2].2), (4, 12));
    }
}
