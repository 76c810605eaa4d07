//! `phaen check` on plans with mistakes: every one gives a non-zero exit, a
//! message that says where and what, no panic, and no output file touched.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

fn phaen(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_phaen")).args(args).current_dir(root()).output().expect("phaen runs");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn every_bad_file_is_refused_with_its_message() {
    let dir = root().join("tests/bad");
    let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
    let mut cases = 0;
    for line in expected.lines().filter(|l| !l.trim().is_empty()) {
        let (name, want) = line.split_once('\t').expect("name<TAB>message");
        let file = dir.join(name);
        let start = Instant::now();
        let (code, err) = phaen(&["check", file.to_str().unwrap()]);
        assert!(start.elapsed() < Duration::from_secs(1), "{name} took {:?}", start.elapsed());
        assert_eq!(code, Some(1), "{name}: exit {code:?}\n{err}");
        match want.strip_prefix('!') {
            Some(unwanted) => assert!(!err.contains(unwanted), "{name}: message has {unwanted:?}:\n{err}"),
            None => assert!(err.contains(want), "{name}: message lacks {want:?}:\n{err}"),
        }
        assert!(!err.contains("panicked"), "{name} panicked:\n{err}");
        // a file with lines gets a line number
        let has_lines = !std::fs::read(&file).unwrap().iter().all(|b| b.is_ascii_whitespace()) && !want.contains("empty");
        if has_lines {
            assert!(err.contains(&format!("{name}:")), "{name}: no position:\n{err}");
        }
        cases += 1;
    }
    assert!(cases >= 12, "{cases} cases");
}

/// The example with one line changed; returns the file path.
fn mutated(name: &str, from: &str, to: &str) -> std::path::PathBuf {
    let text = std::fs::read_to_string(example()).unwrap();
    assert!(text.contains(from), "the example has no {from:?}");
    let dir = std::env::temp_dir().join(format!("phaen-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path
}

fn line_of(path: &std::path::Path, needle: &str) -> usize {
    std::fs::read_to_string(path).unwrap().lines().position(|l| l.contains(needle)).expect("needle in file") + 1
}

#[test]
fn semantic_mistakes_name_their_line() {
    let cases = [
        ("months.yaml", "months: {from: ม.ค., to: ก.ย.}", "months: {from: ก.ย., to: ม.ค.}", "from: ก.ย., to: ม.ค.", "the months run backwards"),
        ("month13.yaml", "months: {from: ม.ค., to: ก.ย.}", "months: {from: 13}", "from: 13", "month 13 does not exist"),
        ("monthname.yaml", "months: {from: ม.ค., to: ก.ย.}", "months: {from: มกรา}", "from: มกรา", "is not a month"),
        ("score.yaml", "score: 96.61", "score: 196.61", "196.61", "outside 0–100"),
        ("level.yaml", "          score: 82.55", "          score: 82.55\n          level: A", "level: A", "the level `A` disagrees"),
        ("tamil.yaml", "โดยเริ่มตั้งแต่การป้องกัน", "โดยเริ่มตั้งแต่การป้องกัน\u{0BBE}", "การป้องกัน\u{0BBE}", "U+0BBE"),
        ("placeholder.yaml", "แผนปฏิบัติการป้องกันการทุจริต {office} ประจำปีงบประมาณ", "แผนปฏิบัติการป้องกันการทุจริต {ofice} ประจำปีงบประมาณ", "{ofice}", "unknown placeholder {ofice}"),
        ("budget.yaml", "budget: 268000", "budget: สองแสนหกหมื่นแปดพัน", "สองแสน", "is not a number"),
        ("satang.yaml", "budget: 268000", "budget: 268000.505", "268000.505", "more than two decimals"),
        ("commas.yaml", "budget: 268000", "budget: 2,68,000", "2,68,000", "comma out of place"),
    ];
    for (name, from, to, needle, want) in cases {
        let path = mutated(name, from, to);
        let line = line_of(&path, needle);
        let (code, err) = phaen(&["check", path.to_str().unwrap()]);
        assert_eq!(code, Some(1), "{name}: exit {code:?}\n{err}");
        match want.strip_prefix('!') {
            Some(unwanted) => assert!(!err.contains(unwanted), "{name}: message has {unwanted:?}:\n{err}"),
            None => assert!(err.contains(want), "{name}: message lacks {want:?}:\n{err}"),
        }
        assert!(err.contains(&format!("{name}:{line}:")), "{name}: not at line {line}:\n{err}");
        if name == "placeholder.yaml" || name == "tamil.yaml" {
            // pointed at the placeholder or character itself, not the start of the text
            assert!(!err.contains(&format!("{name}:{line}:7\n")) && !err.contains(&format!("{name}:{line}:11\n")), "{name}: column not moved:\n{err}");
        }
    }
}

#[test]
fn another_offices_name_is_a_warning_with_its_line() {
    let path = mutated("office.yaml", "แผนปฏิบัติการป้องกันการทุจริต {office} ประจำปีงบประมาณ", "แผนปฏิบัติการป้องกันการทุจริต สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพะเยา เขต ๒ ประจำปีงบประมาณ");
    let line = line_of(&path, "ประถมศึกษาพะเยา");
    let (code, err) = phaen(&["check", path.to_str().unwrap()]);
    assert_eq!(code, Some(0), "warnings do not fail the check:\n{err}");
    assert!(err.contains("warning: ") && err.contains("พะเยา") && err.contains(&format!("office.yaml:{line}:")), "{err}");
}

#[test]
fn the_examples_are_clean() {
    let (code, err) = phaen(&["check", "data/chachoengsao2-2563.yaml", "data/provincial-drive-plan.yaml"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn a_failing_build_keeps_the_earlier_output() {
    let path = mutated("broken.yaml", "score: 96.61", "score: 196.61");
    let out = path.parent().unwrap().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("broken.pdf"), b"earlier").unwrap();
    std::fs::write(out.join("broken.docx"), b"earlier").unwrap();
    let (code, _) = phaen(&["build", path.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert_eq!(std::fs::read(out.join("broken.pdf")).unwrap(), b"earlier");
    assert_eq!(std::fs::read(out.join("broken.docx")).unwrap(), b"earlier");
}

#[test]
fn unreadable_files_are_exit_2() {
    let (code, err) = phaen(&["check", "data/no-such-plan.yaml"]);
    assert_eq!(code, Some(2), "{err}");
}

#[test]
fn a_template_named_in_any_yaml_spelling_is_the_one_used() {
    // the name is first guessed from a plain `template: NAME` line; a quoted
    // name or key misleads the guess, and the file is then read the full way
    let text = std::fs::read_to_string(root().join("data/provincial-drive-plan.yaml")).unwrap();
    assert!(text.contains("\ntemplate: provincial-drive\n"));
    let dir = std::env::temp_dir().join(format!("phaen-check-template-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, line) in [("quoted-value.yaml", "template: \"provincial-drive\""), ("quoted-key.yaml", "\"template\": provincial-drive"), ("complex-key.yaml", "? template\n: provincial-drive")] {
        let path = dir.join(name);
        let changed = text.replacen("\ntemplate: provincial-drive\n", &format!("\n{line}\n"), 1);
        std::fs::write(&path, changed).unwrap();
        let (code, err) = phaen(&["check", path.to_str().unwrap()]);
        assert_eq!(code, Some(0), "{name}: {err}");
        assert!(!err.contains("error") && !err.contains("warning"), "{name}: {err}");
    }
    // a wrong template is still refused at its line
    let path = dir.join("wrong.yaml");
    std::fs::write(&path, text.replacen("\ntemplate: provincial-drive\n", "\ntemplate: anticorruption\n", 1)).unwrap();
    let (code, err) = phaen(&["check", path.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
