//! What an office types about itself and its money, months and ITA results:
//! several provinces, month sets, satang, budget sources, "no budget needed"
//! against "not yet allotted", ITA from 2566 (pass/fail, tools, weighted
//! overall score) and a result per year in the ITA history. Each construct
//! reaches the document; each mistake is an error at its line and column.

mod common;

use std::process::Command;

use common::*;
use phaen::doc::{Block, Document, Table};

/// The example with replacements applied in order (each must match).
fn variant(name: &str, edits: &[(&str, &str)]) -> std::path::PathBuf {
    let mut text = std::fs::read_to_string(example()).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "the example has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    let dir = std::env::temp_dir().join(format!("phaen-plan-data-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Every construct at once, on the example.
const NEW: &[(&str, &str)] = &[
    ("fiscal_year: 2563", "fiscal_year: 2568"),
    ("years: [2560, 2561, 2562]", "years: [2565, 2566, 2567]"),
    ("  province: ฉะเชิงเทรา\n", "  province: [ฉะเชิงเทรา, นครนายก]\n"),
    ("        - year: 2562\n          score: 84.82\n", "        - year: 2562\n          score: 84.82\n        - year: 2566\n          score: 88.47\n          level: ผ่าน\n        - year: 2567\n          score: \"๘๔.๘๒\"\n"),
    ("    indicators:\n      year: 2562", "    indicators:\n      year: 2567\n      overall: 84.82"),
    ("months: {from: ต.ค., to: ธ.ค.}", "months: [{from: ต.ค., to: พ.ย.}, มี.ค., ก.ย.]\n              budget: ไม่ใช้งบประมาณ"),
    ("budget: 268000", "budget: 268,000.50\n              budget_source: งบ สพฐ."),
    ("budget: 200000", "budget: รอจัดสรร"),
];

fn document(path: &std::path::Path) -> (Document, Vec<phaen::diagnostic::Diagnostic>) {
    let checked = phaen::check(path, &Default::default());
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    (checked.document.expect("composes").0, checked.diagnostics)
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.sections.iter().flat_map(|s| s.blocks.iter()).filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).collect()
}

fn row_text(t: &Table, r: usize) -> Vec<String> {
    t.rows[r].cells.iter().map(|c| c.content.iter().map(|p| p.plain_text()).collect::<Vec<_>>().join("\n")).collect()
}

/// The table whose header row starts with `first`.
fn table<'a>(doc: &'a Document, first: &str) -> &'a Table {
    tables(doc).into_iter().find(|t| row_text(t, 0).first().is_some_and(|c| c.contains(first))).unwrap_or_else(|| panic!("no table starting {first}"))
}

#[test]
fn every_construct_reaches_the_document() {
    let (doc, warnings) = document(&variant("new.yaml", NEW));
    assert!(warnings.is_empty(), "{warnings:#?}");
    let text = paragraphs(&doc).join("\n");

    // two provinces: {province} joined the Thai way
    assert!(text.contains("บางปะกง - ฉะเชิงเทรา และนครนายก"), "province placeholder");

    // the history: a result per year by that year's rules
    let h = table(&doc, "ปีงบประมาณ");
    assert_eq!(row_text(h, 0).len(), 5);
    let results: Vec<String> = (1..h.rows.len()).map(|r| row_text(h, r)[4].clone()).collect();
    assert_eq!(results, ["-", "-", "-", "-", "B", "ผ่าน", "ไม่ผ่าน"]);

    // 2567 indicators: no level column, grouped by tool, tool means and the weighted overall
    let ind = table(&doc, "ตัวชี้วัดที่");
    assert_eq!(row_text(ind, 0).len(), 4, "the level column is gone from 2566");
    assert!((ind.columns.iter().sum::<f32>() - 100.0).abs() < 0.01, "the level column's width went to the indicator");
    let all: Vec<Vec<String>> = (0..ind.rows.len()).map(|r| row_text(ind, r)).collect();
    let labels: Vec<&str> = all.iter().map(|r| r[0].as_str()).collect();
    assert!(labels[1].contains("(IIT)") && labels[7].starts_with("คะแนน IIT") && all[7][1] == "๙๒.๐๙", "{all:?}");
    assert!(labels[8].contains("(EIT)") && labels[12].starts_with("คะแนน EIT") && all[12][1] == "๘๔.๘๖", "{all:?}");
    assert!(labels[13].contains("(OIT)") && labels[16].starts_with("คะแนน OIT") && all[16][1] == "๗๙.๓๒", "{all:?}");
    let last = all.last().unwrap();
    assert!(last[0].starts_with("คะแนนภาพรวม") && last[1] == "๘๔.๘๒" && last[2] == "ไม่ผ่าน", "{last:?}");
    assert!(all[2][0] == "๑" && all[2][3] == "ผ่าน", "indicator rows keep number, score and verdict: {:?}", all[2]);

    // budgets: satang printed with two decimals everywhere, the source under the amount,
    // none and pending told apart, totals exact
    let action = table(&doc, "เป้าประสงค์");
    let budgets: Vec<String> = (1..action.rows.len()).map(|r| row_text(action, r).last().unwrap().clone()).collect();
    assert_eq!(budgets, ["ไม่ใช้งบประมาณ", "๒๖๘,๐๐๐.๕๐\n(งบ สพฐ.)", "รอจัดสรร", "๓๖,๐๐๐.๐๐", "๓๐๔,๐๐๐.๕๐"]);

    // the month set: three separate bars in the timeline (ต.ค.–พ.ย., มี.ค., ก.ย.)
    let tl = table(&doc, "กิจกรรม");
    let first = &tl.rows[3];
    let bars: String = first.cells[4..16].iter().map(|c| if c.bar { '#' } else { '.' }).collect();
    assert_eq!(bars, "##...#.....#");
    let total = row_text(tl, tl.rows.len() - 1);
    assert_eq!(total[1], "๔๐๔,๐๐๐.๕๐", "timeline total: 604,000 − 200,000 pending + 0.50, exact");
}

#[test]
fn the_plans_own_provinces_are_not_warned_about() {
    let mention = ("แผนปฏิบัติการป้องกันการทุจริต {office} ประจำปีงบประมาณ", "แผนปฏิบัติการป้องกันการทุจริต สพป.นครนายก ประจำปีงบประมาณ");
    let (_, w) = document(&variant("own.yaml", &[("  province: ฉะเชิงเทรา\n", "  province: [ฉะเชิงเทรา, นครนายก]\n"), mention]));
    assert!(w.is_empty(), "{w:#?}");
    let (_, w) = document(&variant("other.yaml", &[mention]));
    assert!(w.iter().any(|d| d.message.contains("นครนายก")), "another province is still warned about: {w:#?}");
}

#[test]
fn old_plans_mean_the_same() {
    // the province as one name, `{from, to}` months, whole baht, the 2562 table with levels
    let (doc, _) = document(&example());
    let ind = table(&doc, "ตัวชี้วัดที่");
    assert_eq!(row_text(ind, 0).len(), 5);
    assert_eq!(ind.rows.len(), 11, "no tool rows before 2566 unless asked");
    let action = table(&doc, "เป้าประสงค์");
    assert_eq!(row_text(action, 2).last().unwrap(), "๒๖๘,๐๐๐");
}

fn phaen(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_phaen")).args(args).current_dir(root()).output().expect("phaen runs");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn line_col(path: &std::path::Path, needle: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(path).unwrap();
    let (n, line) = text.lines().enumerate().find(|(_, l)| l.contains(needle)).expect("needle in file");
    (n + 1, line[..line.find(needle).unwrap()].chars().count() + 1)
}

#[test]
fn mistakes_are_errors_at_their_place() {
    // (file, edits, text at the reported place, message)
    let cases: &[(&str, &[(&str, &str)], &str, &str)] = &[
        ("empty-months.yaml", &[("months: {from: ต.ค., to: ธ.ค.}", "months: []")], "[]", "the list of months is empty"),
        ("backwards-in-set.yaml", &[("months: {from: ต.ค., to: ธ.ค.}", "months: [มี.ค., {from: ก.ย., to: ม.ค.}]")], "{from: ก.ย.", "the months run backwards"),
        ("bad-month-in-set.yaml", &[("months: {from: ต.ค., to: ธ.ค.}", "months: [ต.ค., ตุลา]")], "ตุลา]", "`ตุลา` is not a month"),
        ("satang.yaml", &[("budget: 268000", "budget: \"๒๖๘,๐๐๐.๕๐๕\"")], "\"๒๖๘", "more than two decimals"),
        ("words.yaml", &[("budget: 268000", "budget: สองแสนหกหมื่นแปดพันบาท")], "สองแสน", "is not a number"),
        ("score-words.yaml", &[("score: 96.61", "score: เก้าสิบหก")], "เก้าสิบหก", "is not a number"),
        ("overall.yaml", &[("    indicators:\n      year: 2562", "    indicators:\n      year: 2562\n      overall: 86.50")], "86.50", "the overall score 86.50 disagrees with the one computed from the indicators, 84.81"),
        ("history-level.yaml", &[("          score: 84.82\n", "          score: 84.82\n          level: A\n")], "A\n", "the level `A` disagrees with the score 84.82 in 2562, whose level is `B`"),
        ("history-pass.yaml", &[("          score: 84.82\n", "          score: 84.82\n        - year: 2566\n          score: 84.5\n          level: ผ่าน\n")], "ผ่าน\n", "the level `ผ่าน` disagrees with the score 84.5 in 2566, whose level is `ไม่ผ่าน`"),
        ("tools.yaml", &[("        - name: การใช้งบประมาณ\n", "        - name: การใช้งบประมาณ\n          tool: EIT\n")], "การปฏิบัติหน้าที่", "give every indicator its tool"),
        ("empty-provinces.yaml", &[("  province: ฉะเชิงเทรา\n", "  province: []\n")], "[]", "the list of provinces is empty"),
    ];
    for (name, edits, needle, want) in cases {
        let path = variant(name, edits);
        let (line, col) = if needle.ends_with('\n') {
            let text = std::fs::read_to_string(&path).unwrap();
            let n = needle.trim_end();
            let (i, l) = text.lines().enumerate().find(|(_, l)| l.ends_with(&format!(": {n}"))).expect("needle line");
            (i + 1, l.len() - n.len() + 1)
        } else {
            line_col(&path, needle)
        };
        let (code, err) = phaen(&["check", path.to_str().unwrap()]);
        assert_eq!(code, Some(1), "{name}: exit {code:?}\n{err}");
        assert!(err.contains(want), "{name}: message lacks {want:?}:\n{err}");
        assert!(err.contains(&format!("{name}:{line}:{col}\n")), "{name}: not at {line}:{col}:\n{err}");
        assert!(!err.contains("u64") && !err.contains("f64") && !err.contains("struct ") && !err.contains("\\u{"), "{name}: a Rust word in the message:\n{err}");
    }
}
