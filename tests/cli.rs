//! The `phaen` command as a user runs it.

mod common;

use std::process::Command;

use common::*;

fn phaen(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_phaen")).args(args).current_dir(root()).output().expect("phaen runs")
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("phaen-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn build_writes_the_pdf_and_is_deterministic() {
    let out = temp_dir("build");
    let o = out.to_str().unwrap();
    let r = phaen(&["build", "data/chachoengsao2-2563.yaml", "-o", o]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let pdf = out.join("chachoengsao2-2563.pdf");
    let first = std::fs::read(&pdf).unwrap();
    assert!(first.starts_with(b"%PDF-"));
    let r = phaen(&["build", "data/chachoengsao2-2563.yaml", "-o", o]);
    assert!(r.status.success());
    assert_eq!(first, std::fs::read(&pdf).unwrap(), "second build differs");
    // no temporary files left behind
    let names: Vec<String> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn a_bad_plan_is_reported_with_its_position_and_leaves_the_old_output() {
    let out = temp_dir("bad");
    let plan = out.join("plan.yaml");
    let good = std::fs::read_to_string(example()).unwrap();
    // an unknown key on a known line
    let bad = good.replacen("fiscal_year: 2563", "fiscal_year: 2563\nfiscal_yaer: 2563", 1);
    let line = bad.lines().position(|l| l.starts_with("fiscal_yaer")).unwrap() + 1;
    std::fs::write(&plan, &bad).unwrap();
    let target = out.join("plan.pdf");
    std::fs::write(&target, b"earlier output").unwrap();
    let r = phaen(&["build", plan.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains(&format!("plan.yaml:{line}:")), "{err}");
    assert!(err.contains("unknown key `fiscal_yaer`"), "{err}");
    assert_eq!(std::fs::read(&target).unwrap(), b"earlier output");
}

#[test]
fn months_running_backwards_are_refused() {
    let out = temp_dir("months");
    let plan = out.join("plan.yaml");
    let good = std::fs::read_to_string(example()).unwrap();
    let bad = good.replacen("months: {from: ม.ค., to: ก.ย.}", "months: {from: ก.ย., to: ม.ค.}", 1);
    assert_ne!(bad, good, "the example has an activity running ม.ค.–ก.ย.");
    std::fs::write(&plan, &bad).unwrap();
    let r = phaen(&["build", plan.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("months run backwards"), "{err}");
    assert!(!out.join("plan.pdf").exists());
}

#[test]
fn a_missing_file_is_an_io_error() {
    let r = phaen(&["build", "data/no-such-plan.yaml", "-o", temp_dir("missing").to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("no-such-plan.yaml"));
}

#[test]
fn an_exported_template_edited_as_text_changes_the_output() {
    let dir = temp_dir("tpl");
    let r = phaen(&["template", "list"]);
    assert!(String::from_utf8_lossy(&r.stdout).contains("anticorruption"));
    let r = phaen(&["template", "export", "anticorruption", dir.to_str().unwrap()]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let file = dir.join("anticorruption/template.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen("{ title: ผู้รับผิดชอบ,", "{ title: หน่วยงานที่รับผิดชอบ,", 1);
    assert_ne!(edited, text);
    std::fs::write(&file, edited).unwrap();
    // exporting again refuses to overwrite the edit
    assert_eq!(phaen(&["template", "export", "anticorruption", dir.to_str().unwrap()]).status.code(), Some(2));
    let out = dir.join("out");
    let r = phaen(&["build", "data/chachoengsao2-2563.yaml", "--format", "pdf", "-o", out.to_str().unwrap(), "--templates", dir.to_str().unwrap()]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    if have("pdftotext") {
        let text = run("pdftotext", &[out.join("chachoengsao2-2563.pdf").to_str().unwrap(), "-"]);
        assert!(squeeze(&text).contains("หน่วยงานที่รับผิดชอบ"), "edited column title not printed");
    }
}

#[test]
fn arabic_digits_and_arrows_on_request() {
    let dir = temp_dir("arabic");
    assert!(phaen(&["template", "export", "anticorruption", dir.to_str().unwrap()]).status.success());
    let file = dir.join("anticorruption/template.yaml");
    let text = std::fs::read_to_string(&file).unwrap().replacen("digits: thai", "digits: arabic", 1).replacen("style: bar", "style: arrow", 1);
    std::fs::write(&file, text).unwrap();
    let out = dir.join("out");
    let r = phaen(&["build", "data/chachoengsao2-2563.yaml", "--format", "pdf", "-o", out.to_str().unwrap(), "--templates", dir.to_str().unwrap()]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    if have("pdftotext") {
        let text = run("pdftotext", &[out.join("chachoengsao2-2563.pdf").to_str().unwrap(), "-"]);
        assert!(text.contains("2563") && text.contains("604,000") && text.contains("ต.ค. 62"), "Arabic digits not printed");
        assert!(!text.chars().any(|c| ('\u{0E50}'..='\u{0E59}').contains(&c)), "a Thai digit was printed");
    }
}

#[test]
fn the_committed_schemas_are_what_phaen_schema_prints() {
    for kind in ["anticorruption", "provincial-drive"] {
        let out = Command::new(env!("CARGO_BIN_EXE_phaen")).args(["schema", "--kind", kind]).output().unwrap();
        assert!(out.status.success());
        let committed = std::fs::read(root().join(format!("schema/{kind}.schema.json"))).unwrap();
        assert!(out.stdout == committed, "schema/{kind}.schema.json is stale: run `phaen schema --kind {kind} > schema/{kind}.schema.json`");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("\"additionalProperties\": false"), "unknown keys are not refused by the schema");
    }
    let r = phaen(&["schema", "--kind", "nope"]);
    assert_eq!(r.status.code(), Some(2));
}

fn drive_plan() -> std::path::PathBuf {
    root().join("data/provincial-drive-plan.yaml")
}

#[test]
fn a_plan_alone_on_the_command_line_is_built_beside_it() {
    let dir = temp_dir("beside");
    let plan = dir.join("แผน 2567.yaml");
    std::fs::copy(drive_plan(), &plan).unwrap();
    let r = phaen(&[plan.to_str().unwrap(), "--format", "pdf"]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(std::fs::read(dir.join("แผน 2567.pdf")).unwrap().starts_with(b"%PDF-"));
    // one plan: no summary line
    assert!(!String::from_utf8_lossy(&r.stderr).contains("built 1"));
}

#[test]
fn patterns_and_folders_expand_and_a_batch_ends_with_a_summary() {
    let dir = temp_dir("batch");
    for name in ["a.yaml", "b.yaml", "c.yml"] {
        std::fs::copy(drive_plan(), dir.join(name)).unwrap();
    }
    std::fs::write(dir.join("bad.yaml"), "fiscal_year: 2567\nprovince: [\n").unwrap();
    std::fs::write(dir.join("notes.txt"), "not a plan").unwrap();
    let pattern = dir.join("*.yaml");
    let out = dir.join("out");
    let r = phaen(&["build", pattern.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "pdf"]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(err.ends_with("built 2 plans, 1 failed\n"), "{err}");
    // messages in the order given, whatever order the plans finish in
    let a = err.find("a.pdf").unwrap();
    let bad = err.find("bad.yaml:2").unwrap();
    let b = err.find("b.pdf").unwrap();
    assert!(a < b && b < bad, "{err}");
    // no progress counter when stderr is not a terminal
    assert!(!err.contains("building…"), "{err}");
    let mut built: Vec<String> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    built.sort();
    assert_eq!(built, ["a.pdf", "b.pdf"]);
    // a folder: every .yaml and .yml in it
    std::fs::remove_file(dir.join("bad.yaml")).unwrap();
    let r = phaen(&["check", dir.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(r.status.success(), "{err}");
    assert_eq!(err.matches(": ok").count(), 3, "{err}");
    // a pattern matching nothing is an error
    let r = phaen(&["build", dir.join("*.json").to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("no file matches"));
}

#[test]
fn plans_that_would_write_the_same_file_are_refused() {
    let dir = temp_dir("collide");
    for sub in ["x", "y"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::copy(drive_plan(), dir.join(sub).join("plan.yaml")).unwrap();
    }
    let out = dir.join("out");
    let r = phaen(&["build", dir.join("x/plan.yaml").to_str().unwrap(), dir.join("y/plan.yaml").to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{err}");
    assert!(err.contains("would both be written to"), "{err}");
    assert!(!out.exists(), "nothing is written");
    // beside each plan they do not collide
    let r = phaen(&[dir.join("x/plan.yaml").to_str().unwrap(), dir.join("y/plan.yaml").to_str().unwrap(), "--format", "pdf"]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(dir.join("y/plan.pdf").exists() && dir.join("x/plan.pdf").exists());
}

#[test]
fn a_templates_folder_that_does_not_exist_is_an_error() {
    for cmd in ["build", "check"] {
        let r = phaen(&[cmd, "data/provincial-drive-plan.yaml", "--templates", "no/such/folder"]);
        assert_eq!(r.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&r.stderr).contains("the templates folder no/such/folder does not exist"));
    }
}

#[test]
fn phaen_new_writes_a_starter_that_checks_clean_and_builds() {
    let dir = temp_dir("new");
    let plan = dir.join("แผน2569.yaml");
    let r = phaen(&["new", plan.to_str().unwrap(), "--office", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาชลบุรี เขต ๑", "--short-name", "สพป.ชลบุรี เขต ๑", "--province", "ชลบุรี", "--fiscal-year", "๒๕๖๙"]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(text.contains("fiscal_year: 2569") && text.contains("- year: 2568") && text.contains("years: [2566, 2567, 2568]"), "{text}");
    assert!(text.contains("name: \"สำนักงานเขตพื้นที่การศึกษาประถมศึกษาชลบุรี เขต ๑\""));
    // Thai comments for the office, no notes for developers
    assert!(text.contains("# ปีงบประมาณของแผน"));
    for word in ["fixed:", "TODO", "serde", "compose", "struct"] {
        assert!(!text.contains(word), "{word} in the starter");
    }
    let r = phaen(&["check", plan.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(r.status.success() && err.contains(": ok") && !err.contains("warning"), "{err}");
    let r = phaen(&[plan.to_str().unwrap(), "--format", "pdf"]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(dir.join("แผน2569.pdf").exists());
    // never overwrites
    std::fs::write(&plan, "my work").unwrap();
    let r = phaen(&["new", plan.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), "my work");
    // a Christian-era year is refused with the conversion
    let r = phaen(&["new", dir.join("x.yaml").to_str().unwrap(), "--fiscal-year", "2025"]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("--fiscal-year 2568"));
    assert!(!dir.join("x.yaml").exists());
}

#[test]
fn phaen_new_writes_a_provincial_drive_plan_too() {
    let dir = temp_dir("new-drive");
    let plan = dir.join("drive.yaml");
    let r = phaen(&["new", plan.to_str().unwrap(), "--kind", "provincial-drive", "--province", "ระยอง"]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(std::fs::read_to_string(&plan).unwrap().contains("province: \"ระยอง\""));
    let r = phaen(&["build", plan.to_str().unwrap(), "-o", dir.to_str().unwrap(), "--format", "pdf"]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
}

/// `phaen watch plan.yaml -o out --format pdf` running in `dir`, its
/// standard error read line by line on a thread.
struct Watch {
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
    /// Every line read so far.
    log: Vec<String>,
}

impl Watch {
    fn start(dir: &std::path::Path) -> Watch {
        use std::io::{BufRead, BufReader};
        let mut child = Command::new(env!("CARGO_BIN_EXE_phaen"))
            .args(["watch", "plan.yaml", "-o", "out", "--format", "pdf"])
            .current_dir(dir)
            .stderr(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("phaen watch starts");
        let (tx, lines) = std::sync::mpsc::channel::<String>();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || BufReader::new(stderr).lines().map_while(Result::ok).try_for_each(|l| tx.send(l)));
        Watch { child, lines, log: Vec::new() }
    }

    /// Waits up to a minute for a line containing `want`.
    fn wait_for(&mut self, want: &str) -> bool {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while std::time::Instant::now() < deadline {
            if let Ok(line) = self.lines.recv_timeout(std::time::Duration::from_millis(200)) {
                let hit = line.contains(want);
                self.log.push(line);
                if hit {
                    return true;
                }
            }
        }
        false
    }

    /// Stops the watch; whether it was still running, and everything it printed.
    fn stop(mut self) -> (bool, String) {
        let alive = self.child.try_wait().unwrap().is_none();
        let _ = self.child.kill();
        let _ = self.child.wait();
        (alive, self.log.join("\n"))
    }
}

#[test]
fn watch_builds_again_on_save_and_survives_mistakes() {
    use std::time::Duration;
    let dir = temp_dir("watch");
    let plan = dir.join("plan.yaml");
    let good = std::fs::read_to_string(root().join("starters/provincial-drive.yaml")).unwrap();
    std::fs::write(&plan, &good).unwrap();
    let mut watch = Watch::start(&dir);
    let pdf = dir.join("out/plan.pdf");
    let ok1 = watch.wait_for("watching");
    let first = std::fs::read(&pdf).ok();
    // a save with a mistake: reported, the old PDF kept, still watching
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(&plan, good.replace("province: ตัวอย่าง", "province: [ตัวอย่าง")).unwrap();
    let ok2 = watch.wait_for("error") && watch.wait_for("watching");
    let kept = std::fs::read(&pdf).ok();
    // the mistake corrected, with a new province: built again
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(&plan, good.replace("province: ตัวอย่าง", "province: ระยอง")).unwrap();
    let ok3 = watch.wait_for("wrote") && watch.wait_for("watching");
    let (alive, log) = watch.stop();
    assert!(ok1 && first.is_some(), "first build:\n{log}");
    assert!(ok2 && kept == first, "a mistake:\n{log}");
    assert!(ok3 && std::fs::read(&pdf).ok() != first, "rebuilt:\n{log}");
    assert!(alive, "watch ended:\n{log}");
    assert_eq!(log.matches("building").count(), 3, "{log}");
}

#[test]
fn watch_builds_again_when_a_picture_changes() {
    let dir = temp_dir("watch-picture");
    std::fs::copy(root().join("data/sesao-two-provinces-2568.yaml"), dir.join("plan.yaml")).unwrap();
    std::fs::copy(root().join("data/emblem-example.png"), dir.join("emblem-example.png")).unwrap();
    let mut watch = Watch::start(&dir);
    let first = watch.wait_for("watching 2 files");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    // the picture saved again (same size, new time)
    let png = std::fs::read(dir.join("emblem-example.png")).unwrap();
    std::fs::write(dir.join("emblem-example.png"), png).unwrap();
    let again = watch.wait_for("[2] building");
    let (_, log) = watch.stop();
    assert!(first && again, "{log}");
}
