//! `phaen next`: next fiscal year's plan from this year's, on every example
//! and starter; the result checks and builds, keeps the comments, and marks
//! what a person must decide.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn phaen(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_phaen")).args(args).current_dir(dir).output().expect("phaen runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("phaen-next-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The fiscal year written on the `fiscal_year:` line, in either digits.
fn fiscal_year(text: &str) -> Option<u32> {
    let line = text.lines().find(|l| l.starts_with("fiscal_year:"))?;
    let digits: String = line["fiscal_year:".len()..]
        .chars()
        .take_while(|c| *c != '#')
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '๐'..='๙' => char::from_u32(c as u32 - '๐' as u32 + '0' as u32),
            _ => None,
        })
        .collect();
    digits.parse().ok()
}

/// Rolls one plan over in a scratch folder and checks the result; returns the new text.
fn roll(source: &Path, name: &str, extra: &[&str], expect_year: u32) -> String {
    let dir = temp_dir(name);
    let plan = dir.join(source.file_name().unwrap());
    std::fs::copy(source, &plan).unwrap();
    // pictures the examples name, beside the plan
    for f in std::fs::read_dir(root().join("data")).unwrap() {
        let p = f.unwrap().path();
        if p.extension().is_some_and(|e| e == "png") {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    let mut args = vec!["next", plan.file_name().unwrap().to_str().unwrap()];
    args.extend_from_slice(extra);
    let r = phaen(&args, &dir);
    let err = String::from_utf8_lossy(&r.stderr).into_owned();
    assert!(r.status.success(), "{name}: {err}");
    // the file it says it wrote
    let wrote = err.lines().find_map(|l| l.strip_prefix("wrote ")).and_then(|l| l.split(" (").next()).expect("says where it wrote").to_string();
    let new = dir.join(&wrote);
    let old_text = std::fs::read_to_string(&plan).unwrap();
    let text = std::fs::read_to_string(&new).unwrap();
    assert_eq!(fiscal_year(&text), Some(expect_year), "{name}: {wrote}");
    // every comment of the old file is still there, in order
    let mut rest = text.as_str();
    for c in old_text.lines().filter(|l| l.trim_start().starts_with('#')) {
        let at = rest.find(c).unwrap_or_else(|| panic!("{name}: comment lost: {c}"));
        rest = &rest[at + c.len()..];
    }
    // each warning points at its `# ตรวจสอบ:` comment
    let lines: Vec<&str> = text.lines().collect();
    let mut warnings = 0;
    for l in err.lines().filter_map(|l| l.trim().strip_prefix("--> ")) {
        let n: usize = l.rsplit(':').next().unwrap().parse().unwrap();
        assert!(lines[n - 1].trim_start().starts_with("# ตรวจสอบ:"), "{name}: line {n}: {}", lines[n - 1]);
        warnings += 1;
    }
    assert_eq!(warnings, text.matches("# ตรวจสอบ:").count() - old_text.matches("# ตรวจสอบ:").count(), "{name}: {err}");
    // it checks (warnings allowed) and builds
    let r = phaen(&["check", &wrote], &dir);
    assert!(r.status.success(), "{name}: {}", String::from_utf8_lossy(&r.stderr));
    let r = phaen(&["build", &wrote, "-o", "out", "--format", "pdf"], &dir);
    assert!(r.status.success(), "{name}: {}", String::from_utf8_lossy(&r.stderr));
    // nothing else left in the folder
    let names: Vec<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "{name}: {names:?}");
    text
}

#[test]
fn the_2563_example_moves_to_2564() {
    let text = roll(&root().join("data/chachoengsao2-2563.yaml"), "2563", &[], 2564);
    // a commented slot for the 2563 assessment after the last year of the history
    assert!(text.contains("        - year: 2562\n          score: 84.82\n        # ตรวจสอบ: ใส่ผลการประเมิน ITA ปี ๒๕๖๓"), "slot");
    assert!(text.contains("        # - year: 2563\n        #   score:\n"));
    // statistics move on with their counts
    assert!(text.contains("years: [2561, 2562, 2563]"));
    assert!(text.contains("จำนวนของปี ๒๕๖๓ ใส่ไว้เป็น 0"));
    // activity months are kept
    let months = |t: &str| t.lines().filter(|l| l.trim_start().starts_with("months:")).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(months(&text), months(&std::fs::read_to_string(root().join("data/chachoengsao2-2563.yaml")).unwrap()));
}

#[test]
fn the_2568_example_keeps_thai_digits() {
    let text = roll(&root().join("data/sesao-two-provinces-2568.yaml"), "2568", &[], 2569);
    // written into another folder: the emblem it names is not there, and it says so
    let dir = temp_dir("2568-elsewhere");
    std::fs::copy(root().join("data/sesao-two-provinces-2568.yaml"), dir.join("p.yaml")).unwrap();
    std::fs::copy(root().join("data/emblem-example.png"), dir.join("emblem-example.png")).unwrap();
    let r = phaen(&["next", "p.yaml", "-o", "new/p2569.yaml"], &dir);
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(r.status.success() && err.contains("names the picture emblem-example.png"), "{err}");
    assert!(dir.join("new/p2569.yaml").exists());
    for d in [dir.clone(), dir.join("new")] {
        let names: Vec<String> = std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
    }
    assert!(text.contains("fiscal_year: ๒๕๖๙"));
    assert!(text.contains("        - {year: ๒๕๖๗, score: \"๘๔.๑๙\"}\n        # ตรวจสอบ:"));
    assert!(text.contains("        # - {year: ๒๕๖๘, score: }\n"));
    assert!(text.contains("years: [๒๕๖๖, ๒๕๖๗, ๒๕๖๘]"));
    assert!(text.contains("counts: [0, 2, 0]") && text.contains("counts: [0, 1, 0]"));
    // the literal order number of last year is pointed out
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.iter().position(|l| l.contains("`412/2567`")).unwrap();
    assert!(lines[at - 1].trim_start().starts_with("# ตรวจสอบ: ข้อความนี้ระบุปี ๒๕๖๗"), "{}", lines[at - 1]);
}

#[test]
fn the_drive_plan_without_a_year_needs_one() {
    let source = root().join("data/provincial-drive-plan.yaml");
    let dir = temp_dir("drive-no-year");
    std::fs::copy(&source, dir.join("p.yaml")).unwrap();
    let r = phaen(&["next", "p.yaml"], &dir);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("--fiscal-year"));
    let text = roll(&source, "drive", &["--fiscal-year", "2569"], 2569);
    assert!(text.contains("template: provincial-drive\nfiscal_year: 2569\nprovince:"));
}

#[test]
fn the_starters_move_on() {
    for kind in ["anticorruption", "provincial-drive"] {
        let text = roll(&root().join(format!("starters/{kind}.yaml")), kind, &[], 2569);
        assert!(!text.contains("fiscal_year: 2568"));
    }
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let dir = temp_dir("force");
    std::fs::copy(root().join("starters/anticorruption.yaml"), dir.join("plan-2568.yaml")).unwrap();
    std::fs::write(dir.join("plan-2569.yaml"), "my work").unwrap();
    let r = phaen(&["next", "plan-2568.yaml"], &dir);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{err}");
    assert!(err.contains("plan-2569.yaml already exists") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("plan-2569.yaml")).unwrap(), "my work");
    // never onto the plan itself, even forced
    let r = phaen(&["next", "plan-2568.yaml", "-o", "plan-2568.yaml", "--force"], &dir);
    assert_eq!(r.status.code(), Some(2));
    assert!(std::fs::read_to_string(dir.join("plan-2568.yaml")).unwrap().contains("fiscal_year: 2568"));
    let r = phaen(&["next", "plan-2568.yaml", "--force"], &dir);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(std::fs::read_to_string(dir.join("plan-2569.yaml")).unwrap().contains("fiscal_year: 2569"));
    // a plan with errors is refused and nothing is written
    std::fs::write(dir.join("bad-2568.yaml"), "fiscal_year: 2568\nfiscal_yaer: 1\n").unwrap();
    let r = phaen(&["next", "bad-2568.yaml"], &dir);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("correct them first"));
    // a file that is not there is said so, with exit 2
    let r = phaen(&["next", "gone-2568.yaml"], &dir);
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(r.status.code() == Some(2) && err.contains("cannot read") && !err.contains("correct them"), "{err}");
    assert!(!dir.join("bad-2569.yaml").exists());
}
