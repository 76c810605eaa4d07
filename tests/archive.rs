//! The PDF as an archive: the plan (and a folder template) embedded and
//! written back byte for byte by `phaen extract`; `--pdf-standard`;
//! dates from the signature line or `SOURCE_DATE_EPOCH`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::root;

fn phaen(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_phaen"));
    c.args(args).current_dir(root()).env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("phaen runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("phaen-archive-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn ok(r: &Output) -> String {
    let err = String::from_utf8_lossy(&r.stderr).into_owned();
    assert!(r.status.success(), "{err}");
    err
}

fn build_pdf(plan: &str, out: &Path, extra: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
    let mut args = vec!["build", plan, "--format", "pdf", "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    ok(&phaen(&args, env));
    let stem = Path::new(plan).file_stem().unwrap().to_string_lossy().into_owned();
    std::fs::read(out.join(format!("{stem}.pdf"))).unwrap()
}

/// The decoded contents of every stream and the file's own bytes, for
/// looking up dictionaries that sit in compressed object streams.
fn decoded(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf reads it");
    let mut all = String::from_utf8_lossy(pdf).into_owned();
    for obj in doc.objects.values() {
        if let Ok(s) = obj.as_stream() {
            let bytes = s.decompressed_content().unwrap_or_else(|_| s.content.clone());
            all.push_str(&String::from_utf8_lossy(&bytes));
        } else {
            all.push_str(&format!("{obj:?}"));
        }
    }
    all
}

#[test]
fn extract_gives_back_every_example_byte_for_byte() {
    for plan in ["data/chachoengsao2-2563.yaml", "data/sesao-two-provinces-2568.yaml", "data/provincial-drive-plan.yaml"] {
        let dir = temp_dir(Path::new(plan).file_stem().unwrap().to_str().unwrap());
        build_pdf(plan, &dir, &[], &[]);
        let pdf = dir.join(Path::new(plan).with_extension("pdf").file_name().unwrap());
        let back = dir.join("back");
        let err = ok(&phaen(&["extract", pdf.to_str().unwrap(), "-o", back.to_str().unwrap()], &[]));
        let name = Path::new(plan).file_name().unwrap();
        assert_eq!(std::fs::read(back.join(name)).unwrap(), std::fs::read(root().join(plan)).unwrap(), "{plan}: {err}");
        // built-in template: nothing else is carried
        let files: Vec<_> = std::fs::read_dir(&back).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(files, vec![name.to_os_string()], "{plan}");
        // a second extract refuses to overwrite, and --force replaces
        let again = phaen(&["extract", pdf.to_str().unwrap(), "-o", back.to_str().unwrap()], &[]);
        assert_eq!(again.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
        ok(&phaen(&["extract", pdf.to_str().unwrap(), "-o", back.to_str().unwrap(), "--force"], &[]));
    }
}

#[test]
fn a_folder_template_travels_with_the_plan_and_rebuilds_the_same_pdf() {
    let dir = temp_dir("tpl");
    let tpls = dir.join("my-templates");
    ok(&phaen(&["template", "export", "anticorruption", tpls.to_str().unwrap()], &[]));
    let file = tpls.join("anticorruption/template.yaml");
    let edited = std::fs::read_to_string(&file).unwrap().replacen("{ title: ผู้รับผิดชอบ,", "{ title: หน่วยงานที่รับผิดชอบ,", 1);
    std::fs::write(&file, &edited).unwrap();
    let first = build_pdf("data/sesao-two-provinces-2568.yaml", &dir, &["--templates", tpls.to_str().unwrap()], &[]);
    let back = dir.join("back");
    let err = ok(&phaen(&["extract", dir.join("sesao-two-provinces-2568.pdf").to_str().unwrap(), "-o", back.to_str().unwrap()], &[]));
    assert_eq!(std::fs::read_to_string(back.join("templates/anticorruption/template.yaml")).unwrap(), edited);
    assert!(err.contains("--templates"), "tells how to build it: {err}");
    // the extracted pair rebuilds the same bytes (the plan's pictures are beside the original)
    let plan = back.join("sesao-two-provinces-2568.yaml");
    std::fs::copy(root().join("data/emblem-example.png"), back.join("emblem-example.png")).unwrap();
    let again = build_pdf(plan.to_str().unwrap(), &back.join("out"), &["--templates", back.join("templates").to_str().unwrap()], &[]);
    assert!(first == again, "rebuilding from the extracted files gives other bytes");
}

#[test]
fn a_pdf_without_a_plan_is_explained() {
    let dir = temp_dir("none");
    build_pdf("data/provincial-drive-plan.yaml", &dir, &[], &[]);
    // a PDF with no embedded files: strip them by building a plain one through lopdf
    let mut doc = lopdf::Document::load(dir.join("provincial-drive-plan.pdf")).unwrap();
    let cat = doc.catalog_mut().unwrap();
    cat.remove(b"AF");
    cat.remove(b"Names");
    let bare = dir.join("bare.pdf");
    doc.save(&bare).unwrap();
    let r = phaen(&["extract", bare.to_str().unwrap(), "-o", dir.join("x").to_str().unwrap()], &[]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("carries no plan"));
    let r = phaen(&["extract", "README.md"], &[]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("not a PDF"));
}

#[test]
fn pdf_standard_chooses_what_the_file_claims() {
    let dir = temp_dir("std");
    let plan = "data/provincial-drive-plan.yaml";
    let both = decoded(&build_pdf(plan, &dir.join("both"), &[], &[]));
    let none = decoded(&build_pdf(plan, &dir.join("none"), &["--pdf-standard", "none"], &[]));
    let a = decoded(&build_pdf(plan, &dir.join("a"), &["--pdf-standard", "a-3u"], &[]));
    let ua = decoded(&build_pdf(plan, &dir.join("ua"), &["--pdf-standard", "ua"], &[]));
    let has = |s: &str, k: &str| s.contains(k);
    for (name, s, archival, accessible) in [("both", &both, true, true), ("none", &none, false, false), ("a-3u", &a, true, false), ("ua", &ua, false, true)] {
        assert_eq!(has(s, "pdfaid:part"), archival, "{name}: PDF/A identification");
        assert_eq!(has(s, "OutputIntent"), archival, "{name}: output intent");
        assert_eq!(has(s, "pdfuaid:part"), accessible, "{name}: PDF/UA identification");
        assert_eq!(has(s, "StructTreeRoot"), accessible, "{name}: structure tree");
        // the plan is carried whatever the standard
        assert!(has(s, "EmbeddedFile"), "{name}: embedded plan");
    }
    let r = phaen(&["build", plan, "--pdf-standard", "a-1b"], &[]);
    assert_eq!(r.status.code(), Some(2));
}

#[test]
fn dates_come_from_the_signature_or_source_date_epoch() {
    let dir = temp_dir("date");
    // the FY 2568 example is signed "ตุลาคม ๒๕๖๗": 1 October 2024
    let signed = decoded(&build_pdf("data/sesao-two-provinces-2568.yaml", &dir.join("a"), &[], &[]));
    assert!(signed.contains("D:20241001000000+07'00'"), "date from the signature");
    assert!(signed.contains("2024-10-01T00:00:00+07:00"), "XMP date from the signature");
    // seed 000 has no signature date: the first day of FY 2563
    let unsigned = decoded(&build_pdf("data/chachoengsao2-2563.yaml", &dir.join("b"), &[], &[]));
    assert!(unsigned.contains("D:20191001000000+07'00'"));
    let epoch = decoded(&build_pdf("data/chachoengsao2-2563.yaml", &dir.join("c"), &[], &[("SOURCE_DATE_EPOCH", "1700000000")]));
    assert!(epoch.contains("D:20231114221320Z"), "SOURCE_DATE_EPOCH overrides");
    assert!(!epoch.contains("D:20191001"));
    let r = phaen(&["build", "data/chachoengsao2-2563.yaml", "-o", dir.join("d").to_str().unwrap()], &[("SOURCE_DATE_EPOCH", "yesterday")]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("SOURCE_DATE_EPOCH"));
    assert!(!dir.join("d").exists(), "nothing written");
}

#[test]
fn an_oversized_template_is_refused() {
    let dir = temp_dir("big");
    let tpls = dir.join("t");
    ok(&phaen(&["template", "export", "anticorruption", tpls.to_str().unwrap()], &[]));
    let file = tpls.join("anticorruption/template.yaml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(&format!("# {}\n", "x".repeat(300 * 1024)));
    std::fs::write(&file, text).unwrap();
    let r = phaen(&["check", "data/chachoengsao2-2563.yaml", "--templates", tpls.to_str().unwrap()], &[]);
    assert_ne!(r.status.code(), Some(0));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("at most") && err.contains("template"), "{err}");
}

#[test]
fn a_picture_without_alt_text_is_warned_about_at_its_line() {
    let dir = temp_dir("alt");
    let src = root().join("tests/blocks");
    for f in ["emblem.png", "photo.jpg"] {
        std::fs::copy(src.join(f), dir.join(f)).unwrap();
    }
    let text = std::fs::read_to_string(src.join("plan.yaml")).unwrap();
    let line = text.lines().position(|l| l.contains("emblem: {file: emblem.png, width: 35, alt: ตราสำนักงาน}")).expect("the emblem line") + 1;
    let plan = dir.join("plan.yaml");
    std::fs::write(&plan, text.replace("emblem: {file: emblem.png, width: 35, alt: ตราสำนักงาน}", "emblem: {file: emblem.png, width: 35}")).unwrap();
    let r = phaen(&["check", plan.to_str().unwrap()], &[]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(0), "a warning, not an error: {err}");
    assert!(err.contains("warning") && err.contains("alt:"), "{err}");
    assert!(err.contains(&format!("plan.yaml:{line}:")), "names line {line}: {err}");
}

#[test]
fn a_damaged_pdf_gets_a_message_not_a_crash() {
    let dir = temp_dir("damaged");
    let pdf = build_pdf("data/provincial-drive-plan.yaml", &dir, &[], &[]);
    // cut in the middle, and with its cross-reference table garbled
    let cut = dir.join("cut.pdf");
    std::fs::write(&cut, &pdf[..pdf.len() / 2]).unwrap();
    let mut garbled = pdf.clone();
    let n = garbled.len();
    for b in &mut garbled[n - 200..] {
        *b = b'7';
    }
    let bad = dir.join("garbled.pdf");
    std::fs::write(&bad, &garbled).unwrap();
    for f in [&cut, &bad] {
        let r = phaen(&["extract", f.to_str().unwrap(), "-o", dir.join("x").to_str().unwrap()], &[]);
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(matches!(r.status.code(), Some(1) | Some(2)), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(err.starts_with("error: ") || err.contains("wrote"), "{err}");
    }
}
