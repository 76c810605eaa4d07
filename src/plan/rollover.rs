//! Next fiscal year's plan file from this year's (`phaen next`).
//!
//! The new file is this year's text edited in place, at the positions the
//! YAML parser reports, never parsed and written out again: the office's
//! comments, quoting, digit style (Thai or Arabic) and layout all stay as they
//! were. What changes:
//!
//! - `fiscal_year` moves on by one (or to the year asked for);
//! - the ITA history gets a commented line for the assessment of the year
//!   just ended, to be filled in when its result is announced (a comment, so
//!   the file still checks and builds; `check` warns while it is missing);
//! - statistics (`misconduct`) move on by one year: the counts of the years
//!   that stay move with their years, the new year starts at 0 and is marked;
//! - activity months stay (they are months of any fiscal year).
//!
//! Every place that needs a person's decision — the new year's count, the
//! indicator scores of the last assessment, budgets, text that names this
//! year or the last — gets a comment `# ตรวจสอบ: …` in Thai above it, and is
//! returned as a [`Note`] with its line in the new file.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Words that start every comment this module writes, so they can be found.
pub const MARK: &str = "ตรวจสอบ:";

/// The plan file of the next fiscal year.
#[derive(Debug, Clone)]
pub struct Rollover {
    /// The new file's text.
    pub text: String,
    /// The fiscal year of the plan it was made from, if the plan had one.
    pub from_year: Option<u16>,
    /// The new plan's fiscal year.
    pub to_year: u16,
    /// What a person must decide, in the order of the new file.
    pub notes: Vec<Note>,
}

/// A place in the new file that needs a person's decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// 1-based line of the `# ตรวจสอบ:` comment in the new file.
    pub line: usize,
    /// What to decide, in Thai (the comment's text without its mark).
    pub message: String,
}

/// One node of the file: a scalar or the start of a mapping or sequence.
#[derive(Debug)]
struct Node {
    path: String,
    /// Where its key stands, for a value of a mapping.
    key: Option<Marker>,
    start: Marker,
    /// The scalar's value and style; None for a mapping or sequence.
    scalar: Option<(String, TScalarStyle)>,
}

#[derive(Default)]
struct Collect {
    /// (path, next index for a sequence, pending key and its mark for a mapping)
    stack: Vec<(String, Option<usize>, Option<(String, Marker)>)>,
    nodes: Vec<Node>,
}

impl Collect {
    /// The path and key mark of the node starting now; None for a mapping key.
    fn place(&mut self, key: Option<&str>, mark: Marker) -> Option<(String, Option<Marker>)> {
        let Some((path, seq, pending)) = self.stack.last_mut() else { return Some((String::new(), None)) };
        if let Some(i) = seq {
            let p = format!("{path}[{i}]");
            *i += 1;
            return Some((p, None));
        }
        match pending.take() {
            Some((k, km)) => Some((if path.is_empty() { k } else { format!("{path}.{k}") }, Some(km))),
            None => {
                *pending = Some((key.unwrap_or("?").to_string(), mark));
                None
            }
        }
    }
}

impl MarkedEventReceiver for Collect {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, style, ..) => {
                if let Some((path, key)) = self.place(Some(&value), mark) {
                    self.nodes.push(Node { path, key, start: mark, scalar: Some((value, style)) });
                }
            }
            Event::Alias(_) => {
                self.place(None, mark);
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let seq = matches!(ev, Event::SequenceStart(..));
                let (path, key) = self.place(None, mark).unwrap_or_else(|| ("?".into(), None));
                self.nodes.push(Node { path: path.clone(), key, start: mark, scalar: None });
                self.stack.push((path, seq.then_some(0), None));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

fn collect(text: &str) -> Result<Vec<Node>, String> {
    let mut c = Collect::default();
    Parser::new_from_str(text).load(&mut c, false).map_err(|e| format!("the file is not valid YAML ({e}); run `phaen check` on it first"))?;
    Ok(c.nodes)
}

/// The value of a scalar node.
fn scalar(n: &Node) -> Option<&str> {
    n.scalar.as_ref().map(|(v, _)| v.as_str())
}

/// A year in Thai digits.
fn thai(year: u32) -> String {
    year.to_string().chars().map(|c| char::from_u32('๐' as u32 + c.to_digit(10).unwrap_or(0)).unwrap_or(c)).collect()
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '๐'..='๙' => Some(c as u32 - '๐' as u32),
        _ => None,
    }
}

/// The runs of exactly four digits (Thai or Arabic) in a text: (byte start,
/// byte end, value, written in Thai digits).
pub fn year_runs(text: &str) -> Vec<(usize, usize, u32, bool)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if digit(chars[i].1).is_none() {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut value = 0u32;
        while j < chars.len() {
            match digit(chars[j].1) {
                Some(d) => value = value.saturating_mul(10).saturating_add(d),
                None => break,
            }
            j += 1;
        }
        // 4 digits, not part of a decimal number (2565.5) or a grouped one (1,2565)
        let before = i.checked_sub(1).map(|k| chars[k].1);
        let after = chars.get(j).map(|c| c.1);
        let next_is_digit = |k: usize| chars.get(k).is_some_and(|c| digit(c.1).is_some());
        let decimal_after = matches!(after, Some('.' | ',')) && next_is_digit(j + 1);
        if j - i == 4 && !matches!(before, Some('.' | ',')) && !decimal_after {
            let end = chars.get(j).map_or(text.len(), |c| c.0);
            out.push((chars[i].0, end, value, ('๐'..='๙').contains(&chars[i].1)));
        }
        i = j;
    }
    out
}

/// Writes `year` in Thai digits or Arabic ones.
pub fn written(year: u32, thai_digits: bool) -> String {
    if thai_digits {
        thai(year)
    } else {
        year.to_string()
    }
}

/// Edits to the text, all expressed by line (0-based) so that notes can be
/// given their lines in the new file.
#[derive(Default)]
struct Edits {
    /// (line, byte start, byte end, replacement)
    replace: Vec<(usize, usize, usize, String)>,
    /// (boundary: before this line, 0 = lines after the previous line's content
    /// / 1 = comments that belong to this line, lines, note)
    insert: Vec<(usize, u8, Vec<String>, Option<String>)>,
}

/// Builds next year's plan from the text of this year's. `to_year` overrides
/// the new fiscal year (needed when the plan has no `fiscal_year`).
pub fn next_year(text: &str, to_year: Option<u16>) -> Result<Rollover, String> {
    let nodes = collect(text)?;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut edits = Edits::default();
    let number = |v: &str| super::numbers::parse(v).ok().and_then(|d| d.whole()).and_then(|w| u32::try_from(w).ok());
    // byte offset in its line of a marker (columns count characters)
    let byte_at = |m: &Marker| -> (usize, usize) {
        let l = m.line().saturating_sub(1);
        let line = lines.get(l).copied().unwrap_or("");
        (l, line.char_indices().nth(m.col()).map_or(line.len(), |(b, _)| b))
    };
    // the line a node's entry starts on (its key, or its `- `), 0-based
    let anchor = |n: &Node| n.key.unwrap_or(n.start).line().saturating_sub(1);
    let indent_of = |l: usize| -> String { lines.get(l).map_or(String::new(), |s| s.chars().take_while(|c| *c == ' ').collect()) };
    let note = |edits: &mut Edits, line: usize, message: String| {
        let indent = indent_of(line);
        edits.insert.push((line, 1, vec![format!("{indent}# {MARK} {message}")], Some(message)));
    };
    // replaces the year `from` written in the scalar at `n` by `to`
    let shift_year = |edits: &mut Edits, n: &Node, from: u32, to: u32| -> bool {
        let (l, b) = byte_at(&n.start);
        let line = lines.get(l).copied().unwrap_or("");
        let content = line.trim_end_matches(['\n', '\r']);
        let rest = &content[b.min(content.len())..];
        match year_runs(rest).into_iter().find(|r| r.2 == from) {
            Some((s, e, _, th)) => {
                edits.replace.push((l, b + s, b + e, written(to, th)));
                true
            }
            None => false,
        }
    };

    // the fiscal year
    let fiscal = nodes.iter().find(|n| n.path == "fiscal_year");
    let from_year = fiscal.and_then(|n| scalar(n)).and_then(number).filter(|y| (2400..2700).contains(y));
    if fiscal.is_some() && from_year.is_none() {
        return Err("`fiscal_year` is not a year of the Buddhist Era; run `phaen check` on the plan first".into());
    }
    let to = match (to_year, from_year) {
        (Some(t), _) => u32::from(t),
        (None, Some(f)) => f + 1,
        (None, None) => return Err("the plan has no `fiscal_year`, so its next year is not known; give it: phaen next PLAN.yaml --fiscal-year 2569".into()),
    };
    if !(2400..2700).contains(&to) {
        return Err(format!("{to} is not a fiscal year of the Buddhist Era (e.g. 2569)"));
    }
    // the year just ended: the one assessed last, and counted last
    let old = from_year.unwrap_or(to - 1);
    match fiscal {
        Some(n) => {
            if !shift_year(&mut edits, n, old, to) {
                return Err("cannot find the year in `fiscal_year:`; write it as digits, e.g. fiscal_year: 2568".into());
            }
        }
        None => {
            // after `template:` when it leads the file, else before the first key
            let first = nodes.iter().find(|n| !n.path.is_empty() && !n.path.contains(['.', '['])).map(anchor).unwrap_or(0);
            let (line, phase) = match nodes.iter().find(|n| n.path == "template") {
                Some(t) if t.scalar.is_some() && anchor(t) == first => (anchor(t) + 1, 0),
                _ => (first, 1),
            };
            edits.insert.push((line, phase, vec![format!("fiscal_year: {to}")], None));
        }
    }

    let ends = |p: &str, suffixes: &[&str]| suffixes.iter().any(|s| p == &s[1..] || p.ends_with(s));

    // ITA history: a commented slot for the year just ended
    for seq in nodes.iter().filter(|n| n.scalar.is_none() && ends(&n.path, &[".ita.history.scores", ".ita_history.scores"])) {
        let prefix = format!("{}[", seq.path);
        let items: Vec<&Node> = nodes.iter().filter(|n| n.path.starts_with(&prefix) && !n.path[prefix.len()..].contains(['.', '['])).collect();
        let years: Vec<(&Node, u32)> = nodes.iter().filter(|n| n.path.starts_with(&prefix) && n.path.ends_with("].year")).filter_map(|n| scalar(n).and_then(number).map(|y| (n, y))).collect();
        let Some(last_item) = items.last() else { continue };
        let newest = years.iter().map(|(_, y)| *y).max().unwrap_or(0);
        if years.iter().any(|(_, y)| *y == old) || newest > old {
            continue;
        }
        let thai_digits = years.last().is_some_and(|(n, _)| scalar(n).is_some_and(|v| v.contains(|c: char| ('๐'..='๙').contains(&c))));
        let y = written(old, thai_digits);
        let item_prefix = last_item.path.clone();
        let last_line = nodes.iter().filter(|n| n.path == item_prefix || n.path.starts_with(&format!("{item_prefix}."))).map(|n| n.start.line()).max().unwrap_or(last_item.start.line());
        let first_line = last_item.start.line().saturating_sub(1);
        let indent = indent_of(first_line);
        let item_line = lines.get(first_line).copied().unwrap_or("").trim_start();
        let flow = item_line.strip_prefix('-').unwrap_or(item_line).trim_start().starts_with('{');
        // the column of the item's first key, for the placeholder's second line
        let key_col = nodes.iter().find(|n| n.path.starts_with(&format!("{item_prefix}."))).and_then(|n| n.key).map_or(indent.chars().count() + 2, |k| k.col());
        let message = format!("ใส่ผลการประเมิน ITA ปี {} เมื่อประกาศผลแล้ว: ลบ \"# \" หน้าบรรทัดข้างล่าง แล้วพิมพ์คะแนนหลัง score:", thai(old));
        let mut text = vec![format!("{indent}# {MARK} {message}")];
        if flow {
            text.push(format!("{indent}# - {{year: {y}, score: }}"));
        } else {
            let key_col = key_col.saturating_sub(indent.chars().count());
            text.push(format!("{indent}# - year: {y}"));
            text.push(format!("{indent}# {}score:", " ".repeat(key_col)));
        }
        edits.insert.push((last_line, 0, text, Some(message)));
    }

    // ITA indicator scores: of the last assessment, to be replaced
    for map in nodes.iter().filter(|n| n.scalar.is_none() && ends(&n.path, &[".ita.indicators", ".ita_indicators"])) {
        let year = nodes.iter().find(|n| n.path == format!("{}.year", map.path)).and_then(|n| scalar(n)).and_then(number);
        if let Some(y) = year.filter(|y| *y < old) {
            note(&mut edits, anchor(map), format!("คะแนนรายตัวชี้วัดเป็นผลปี {}: เมื่อประกาศผลปี {} แล้ว ให้แก้ year คะแนนทุกข้อ (และ overall ถ้ามี) และบทวิเคราะห์", thai(y), thai(old)));
        }
    }

    // statistics: every year moves on; counts move with their years
    for map in nodes.iter().filter(|n| n.scalar.is_none() && ends(&n.path, &[".misconduct"])) {
        let years_path = format!("{}.years[", map.path);
        let years: Vec<(&Node, u32)> = nodes.iter().filter(|n| n.path.starts_with(&years_path)).filter_map(|n| scalar(n).and_then(number).map(|y| (n, y))).collect();
        if years.is_empty() {
            continue;
        }
        let k = years.len();
        let consecutive = years.windows(2).all(|w| w[1].1 == w[0].1 + 1);
        let mut shifted = true;
        for (n, y) in &years {
            shifted &= shift_year(&mut edits, n, *y, y + 1);
        }
        // every `counts` list of the table, at any depth of rows/breakdown
        let prefix = format!("{}.", map.path);
        let lists: Vec<&Node> = nodes.iter().filter(|n| n.scalar.is_none() && n.path.starts_with(&prefix) && n.path.ends_with(".counts")).collect();
        let mut moved = consecutive && shifted;
        let mut plans = Vec::new();
        for list in &lists {
            let item_prefix = format!("{}[", list.path);
            let counts: Vec<&Node> = nodes.iter().filter(|n| n.path.starts_with(&item_prefix) && !n.path[item_prefix.len()..].contains(['.', '['])).collect();
            if counts.len() != k || counts.iter().any(|n| n.scalar.is_none()) {
                moved = false;
                break;
            }
            plans.push(counts);
        }
        let (first, newest) = (years[0].1 + 1, years[k - 1].1 + 1);
        if moved {
            for counts in plans {
                let raw: Vec<(usize, usize, usize)> = counts.iter().map(|n| raw_extent(&lines, n, &byte_at)).collect();
                for i in 0..k {
                    let (l, s, e) = raw[i];
                    let new = if i + 1 < k {
                        let (l2, s2, e2) = raw[i + 1];
                        lines[l2][s2..e2].to_string()
                    } else {
                        "0".to_string()
                    };
                    edits.replace.push((l, s, e, new));
                }
            }
            note(
                &mut edits,
                anchor(map),
                format!("สถิติเลื่อนเป็นปี {}–{}: จำนวนของปี {} ใส่ไว้เป็น 0 ทุกแถว ให้แก้เป็นจำนวนจริง และทบทวนบทวิเคราะห์", thai(first), thai(newest), thai(newest)),
            );
        } else {
            note(&mut edits, anchor(map), format!("ปีของสถิติเลื่อนไปหนึ่งปี ({}–{}) แต่จำนวนยังเป็นของปีเดิม ให้แก้จำนวนทุกแถวและบทวิเคราะห์", thai(first), thai(newest)));
        }
    }

    // budgets of the action plan
    let budgets = nodes.iter().filter(|n| n.path.starts_with("action_plan.") && n.path.ends_with(".budget")).count();
    if budgets > 0 {
        if let Some(s) = nodes.iter().find(|n| n.path == "action_plan.strategies") {
            note(&mut edits, anchor(s), format!("งบประมาณของกิจกรรมทั้ง {} รายการเป็นของปีงบประมาณ {}: ทบทวนโครงการ กิจกรรม และงบประมาณของปี {}", budgets, thai(old), thai(to)));
        }
    }
    if let Some(t) = nodes.iter().find(|n| n.path == "action_plan.budget_total") {
        note(&mut edits, anchor(t), "งบประมาณรวม (budget_total) ต้องตรงกับผลรวมของกิจกรรม: แก้หรือลบบรรทัดนี้ให้โปรแกรมรวมให้".to_string());
    }

    // text that names this plan's year or the one before (the new plan's
    // own year is often the end of a national plan's period: not flagged)
    for n in &nodes {
        let Some((value, _)) = &n.scalar else { continue };
        let key = n.path.rsplit('.').next().unwrap_or("");
        let key = key.split('[').next().unwrap_or(key);
        if matches!(key, "fiscal_year" | "year" | "years" | "score" | "counts" | "budget" | "overall") {
            continue;
        }
        let mut found: Vec<u32> = year_runs(value).into_iter().map(|r| r.2).filter(|y| *y == old || *y + 1 == old).collect();
        found.dedup();
        if found.is_empty() {
            continue;
        }
        let list = found.iter().map(|y| thai(*y)).collect::<Vec<_>>().join(", ");
        note(&mut edits, anchor(n), format!("ข้อความนี้ระบุปี {list}: ยังถูกต้องสำหรับแผนปี {} หรือไม่ (ปีของแผนเองเขียนเป็น {{fiscal_year}} ได้)", thai(to)));
    }

    let (text_out, notes) = apply(&lines, eol, edits);
    // the result must read as the same structure with the new year
    let after = collect(&text_out).map_err(|e| format!("the edited file does not read back ({e}); this is a fault in phaen, please report it"))?;
    let expected = nodes.len() + usize::from(fiscal.is_none());
    let year_now = after.iter().find(|n| n.path == "fiscal_year").and_then(|n| scalar(n)).and_then(number);
    if after.len() != expected || year_now != Some(to) {
        return Err("the edited file does not read back as the same plan; this is a fault in phaen, please report it".into());
    }
    Ok(Rollover { text: text_out, from_year: from_year.map(|y| y as u16), to_year: to as u16, notes })
}

/// The bytes a scalar takes in its line: (line, start, end), quotes included.
fn raw_extent(lines: &[&str], n: &Node, byte_at: &dyn Fn(&Marker) -> (usize, usize)) -> (usize, usize, usize) {
    let (l, s) = byte_at(&n.start);
    let line = lines.get(l).copied().unwrap_or("").trim_end_matches(['\n', '\r']);
    let rest = &line[s.min(line.len())..];
    let (value, style) = n.scalar.as_ref().map(|(v, st)| (v.as_str(), *st)).unwrap_or(("", TScalarStyle::Plain));
    let len = match style {
        TScalarStyle::DoubleQuoted | TScalarStyle::SingleQuoted => {
            let q = if style == TScalarStyle::DoubleQuoted { '"' } else { '\'' };
            let mut escaped = false;
            let mut end = rest.len();
            for (i, c) in rest.char_indices().skip(1) {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    end = i + 1;
                    break;
                }
            }
            end
        }
        _ if rest.starts_with(value) => value.len(),
        _ => rest.find([',', ']', '}', '#']).unwrap_or(rest.len()).min(rest.trim_end().len()),
    };
    (l, s, s + len)
}

/// Applies the edits; returns the new text and the notes with their new lines.
fn apply(lines: &[&str], eol: &str, mut edits: Edits) -> (String, Vec<Note>) {
    edits.insert.sort_by_key(|(line, phase, ..)| (*line, *phase));
    let mut out = String::new();
    let mut notes = Vec::new();
    let mut line_no = 0usize;
    let mut inserts = edits.insert.into_iter().peekable();
    for (i, line) in lines.iter().enumerate().chain(std::iter::once((lines.len(), &""))) {
        while let Some((_, _, text, note)) = inserts.next_if(|(l, ..)| *l <= i) {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push_str(eol);
            }
            if let Some(message) = note {
                notes.push(Note { line: line_no + 1, message });
            }
            for t in text {
                out.push_str(&t);
                out.push_str(eol);
                line_no += 1;
            }
        }
        if i == lines.len() {
            break;
        }
        let mut l = line.to_string();
        let mut mine: Vec<&(usize, usize, usize, String)> = edits.replace.iter().filter(|r| r.0 == i).collect();
        mine.sort_by_key(|r| std::cmp::Reverse(r.1));
        for (_, s, e, new) in mine {
            l.replace_range(*s..*e, new);
        }
        out.push_str(&l);
        line_no += 1;
    }
    (out, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_text() {
        let r = year_runs("ปี ๒๕๖๒ ถึง 2563, 12345 และ 2565.5 `412/2567`");
        let years: Vec<u32> = r.iter().map(|x| x.2).collect();
        assert_eq!(years, vec![2562, 2563, 2567]);
        assert!(r[0].3 && !r[1].3);
    }

    #[test]
    fn a_small_plan_moves_on_a_year() {
        let text = "# my comment\nfiscal_year: ๒๕๖๘   # the year\nintroduction:\n  ita:\n    history:\n      scores:\n        - year: 2566\n          score: 88.5\n        - year: 2567\n          score: 90\n    indicators:\n      year: 2567\n      items: []\n  misconduct:\n    years: [2565, 2566, 2567]\n    rows:\n      - label: เรื่องร้องเรียน\n        counts: [1, \"2\", ๓]\n    analysis:\n      - ปี ๒๕๖๗ ไม่พบ\n";
        let r = next_year(text, None).unwrap();
        assert_eq!(r.to_year, 2569);
        assert!(r.text.starts_with("# my comment\nfiscal_year: ๒๕๖๙   # the year\n"), "{}", r.text);
        assert!(r.text.contains("        - year: 2567\n          score: 90\n        # ตรวจสอบ: ใส่ผลการประเมิน ITA ปี ๒๕๖๘"), "{}", r.text);
        assert!(r.text.contains("        # - year: 2568\n        #   score:\n"), "{}", r.text);
        assert!(r.text.contains("years: [2566, 2567, 2568]"), "{}", r.text);
        assert!(r.text.contains("counts: [\"2\", ๓, 0]"), "{}", r.text);
        assert_eq!(r.notes.len(), 4, "{:#?}", r.notes);
        let lines: Vec<&str> = r.text.lines().collect();
        for n in &r.notes {
            assert!(lines[n.line - 1].trim_start().starts_with("# ตรวจสอบ:"), "{n:?}\n{}", r.text);
        }
    }

    #[test]
    fn flow_history_and_missing_fiscal_year() {
        let text = "template: provincial-drive\nprovince: ก\nintro:\n  - ita_history:\n      scores:\n        - {year: ๒๕๖๗, score: 84.1}\n";
        assert!(next_year(text, None).is_err());
        let r = next_year(text, Some(2569)).unwrap();
        assert!(r.text.starts_with("template: provincial-drive\nfiscal_year: 2569\nprovince"), "{}", r.text);
        assert!(r.text.contains("        # - {year: ๒๕๖๘, score: }\n"), "{}", r.text);
    }

    #[test]
    fn windows_line_ends_stay() {
        let text = "fiscal_year: 2568\r\nintroduction:\r\n  ita:\r\n    history:\r\n      scores:\r\n        - {year: 2566, score: 90}\r\n";
        let r = next_year(text, None).unwrap();
        assert!(r.text.starts_with("fiscal_year: 2569\r\n"), "{:?}", r.text);
        assert!(r.text.ends_with("        - {year: 2566, score: 90}\r\n        # ตรวจสอบ: ใส่ผลการประเมิน ITA ปี ๒๕๖๘ เมื่อประกาศผลแล้ว: ลบ \"# \" หน้าบรรทัดข้างล่าง แล้วพิมพ์คะแนนหลัง score:\r\n        # - {year: 2568, score: }\r\n"), "{:?}", r.text);
        assert!(!r.text.replace("\r\n", "").contains('\n'));
    }
}
