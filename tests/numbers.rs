//! Numbers typed the way people type them (Thai digits, thousands commas,
//! quoted or not) mean the same as plain ones: the example rewritten so
//! composes to the same document.

mod common;

use common::*;

fn composed(text: &str, name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("phaen-numbers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let checked = phaen::check(&path, &Default::default());
    assert!(!checked.has_errors(), "{name}: {:#?}", checked.diagnostics);
    let mut doc = checked.document.expect("composes").0;
    // the plan's own bytes travel with it; the rest must be the same
    assert_eq!(doc.attachments[0].data, text.as_bytes());
    doc.attachments.clear();
    format!("{doc:?}")
}

/// Arabic digits to Thai.
fn thai(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 - '0' as u32 + 0x0E50).unwrap() } else { c }).collect()
}

/// `268000` → `268,000`.
fn commas(n: &str) -> String {
    let mut out = String::new();
    for (i, c) in n.chars().enumerate() {
        if i > 0 && (n.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn thai_digits_commas_and_quotes_mean_the_same() {
    let plain = std::fs::read_to_string(example()).unwrap();
    let mut typed = String::new();
    let mut changed = 0;
    for line in plain.lines() {
        let t = line.trim_start();
        let indent = &line[..line.len() - t.len()];
        let rewritten = if let Some(v) = t.strip_prefix("budget: ") {
            Some(format!("budget: {}", thai(&commas(v))))
        } else if let Some(v) = t.strip_prefix("score: ") {
            Some(format!("score: \"{}\"", thai(v)))
        } else if let Some(v) = t.strip_prefix("fiscal_year: ") {
            Some(format!("fiscal_year: พ.ศ. {}", thai(v)))
        } else if let Some(v) = t.strip_prefix("- year: ") {
            Some(format!("- year: '{}'", thai(v)))
        } else if let Some(v) = t.strip_prefix("years: ") {
            Some(format!("years: {}", thai(v)))
        } else if let Some(v) = t.strip_prefix("- national: ") {
            Some(format!("- national: {}", thai(v)))
        } else if let Some(v) = t.strip_prefix("counts: ") {
            Some(format!("counts: {}", thai(v)))
        } else if t.starts_with("months: {from: ต.ค.") {
            Some(t.replace("ต.ค.", "\"๑๐\""))
        } else {
            None
        };
        match rewritten {
            Some(r) => {
                changed += 1;
                typed.push_str(indent);
                typed.push_str(&r);
            }
            None => typed.push_str(line),
        }
        typed.push('\n');
    }
    assert!(changed > 20, "only {changed} lines rewritten");
    assert!(typed.contains("budget: ๒๖๘,๐๐๐") && typed.contains("score: \"๙๖.๖๑\""), "the rewrite did not happen");
    assert_eq!(composed(&plain, "plain.yaml"), composed(&typed, "typed.yaml"));
}
