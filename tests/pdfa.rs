//! The archival, accessible PDF: PDF/A-3u and PDF/UA-1 checked by veraPDF on
//! every example, and the parts of both read back from the file.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::*;

/// veraPDF's wrapper script: `$PHAEN_VERAPDF`, else the shared tools folder.
fn verapdf() -> Option<PathBuf> {
    let candidates = [std::env::var_os("PHAEN_VERAPDF").map(PathBuf::from), Some(root().join("../shared/tools/verapdf.sh")), Some(PathBuf::from("/work/shared/tools/verapdf.sh"))];
    let found = candidates.into_iter().flatten().find(|p| p.exists());
    if found.is_none() {
        skip("veraPDF's wrapper verapdf.sh was not found (set PHAEN_VERAPDF to its path)");
    }
    found
}

/// Says why a test did not run; under CI=true it fails instead.
fn skip(msg: &str) {
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{msg}: required under CI=true");
    }
    eprintln!("SKIPPED: {msg}");
}

/// Every plan in data/, composed and rendered with the default standards.
fn examples() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join("data")).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "yaml")).collect();
    out.sort();
    assert!(out.len() >= 2);
    out
}

#[test]
fn verapdf_finds_every_example_pdf_a_3u_and_pdf_ua_1() {
    if !have("java") || !have("javac") {
        return;
    }
    let Some(script) = verapdf() else { return };
    for plan in examples() {
        let (_, pdf) = compose_and_render(&plan);
        for flavour in ["3u", "ua1"] {
            let out = Command::new("bash").arg(&script).arg(flavour).arg(&pdf).arg("--rules").output().expect("verapdf.sh runs");
            let text = String::from_utf8_lossy(&out.stdout);
            assert_ne!(out.status.code(), Some(2), "veraPDF could not validate {}: {}", pdf.display(), String::from_utf8_lossy(&out.stderr));
            assert!(out.status.success() && text.contains("compliant=yes") && text.contains("failedChecks=0"), "{} is not {flavour}:\n{text}", plan.display());
        }
    }
}

#[test]
fn page_numbers_are_not_glued_to_the_first_line() {
    if !have("pdftotext") {
        return;
    }
    let raw = run("pdftotext", &[example_pdf().to_str().unwrap(), "-"]);
    let thai_digit = |c: char| ('\u{0E50}'..='\u{0E59}').contains(&c);
    let numbers: Vec<&str> = raw.lines().map(|l| l.trim_start_matches('\x0c')).filter(|l| l.starts_with("- ") && l.chars().nth(2).is_some_and(thai_digit)).collect();
    assert!(numbers.len() >= 25, "only {} page numbers found", numbers.len());
    for n in numbers {
        let token: String = n[2..].chars().take_while(|c| thai_digit(*c)).collect();
        // a body line starting with a number may look alike; a page number is the whole line
        if n.trim_end_matches(['\u{a0}', ' ']).ends_with(" -") {
            assert_eq!(n.trim_end_matches(['\u{a0}', ' ']), format!("- {token} -"));
        } else {
            panic!("page number glued to text: {n:?}");
        }
    }
}

#[test]
fn metadata_is_consistent_and_dated_from_the_plan() {
    let doc = lopdf::Document::load(example_pdf()).unwrap();
    let info_id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info_id).unwrap();
    // FY 2563 starts on 1 October 2019
    assert_eq!(info.get(b"CreationDate").unwrap().as_str().unwrap(), b"D:20191001000000+07'00'");
    assert_eq!(info.get(b"ModDate").unwrap().as_str().unwrap(), b"D:20191001000000+07'00'");
    assert!(info.get(b"GTS_PDFXVersion").is_err(), "claims PDF/X");
    let catalog = doc.catalog().unwrap();
    let meta = doc.get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap()).unwrap().as_stream().unwrap();
    let xmp = String::from_utf8(meta.content.clone()).unwrap();
    for needle in [
        "<pdfaid:part>3</pdfaid:part>",
        "<pdfaid:conformance>U</pdfaid:conformance>",
        "<pdfuaid:part>1</pdfuaid:part>",
        "<rdf:li>th-TH</rdf:li>",
        "<xmp:CreateDate>2019-10-01T00:00:00+07:00</xmp:CreateDate>",
        "<rdf:li>สำนักงานเขตพื้นที่การศึกษาประถมศึกษาฉะเชิงเทรา เขต ๒</rdf:li>",
        "<pdf:Producer>phaen ",
    ] {
        assert!(xmp.contains(needle), "XMP lacks {needle}:\n{xmp}");
    }
    assert!(catalog.get(b"OutputIntents").is_ok());
    if have("pdfinfo") {
        let info = run("pdfinfo", &[example_pdf().to_str().unwrap()]);
        assert!(!info.contains("PDF/X"), "{info}");
        assert!(!info.contains("1970"), "{info}");
    }
}

/// The structure types of all structure elements, in object order.
fn roles(doc: &lopdf::Document) -> Vec<(String, lopdf::Dictionary)> {
    let mut out = Vec::new();
    for obj in doc.objects.values() {
        if let Ok(d) = obj.as_dict() {
            // `/Type /StructElem` is optional: a structure element is a dictionary
            // with a structure type and a parent, and no other type
            let typed = d.get(b"Type").and_then(|t| t.as_name()).ok();
            let element = d.get(b"S").and_then(|s| s.as_name()).is_ok() && d.get(b"P").and_then(|p| p.as_reference()).is_ok();
            if element && (typed.is_none() || typed == Some(b"StructElem".as_slice())) {
                out.push((String::from_utf8_lossy(d.get(b"S").unwrap().as_name().unwrap()).into_owned(), d.clone()));
            }
        }
    }
    out
}

#[test]
fn structure_tree_has_headings_lists_tables_and_linked_contents() {
    let doc = lopdf::Document::load(example_pdf()).unwrap();
    let catalog = doc.catalog().unwrap();
    let mark = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
    assert!(mark.get(b"Marked").unwrap().as_bool().unwrap());
    assert!(catalog.get(b"StructTreeRoot").is_ok());
    for (_, page) in doc.get_pages() {
        let p = doc.get_dictionary(page).unwrap();
        assert!(p.get(b"StructParents").is_ok(), "a page without StructParents");
        assert_eq!(p.get(b"Tabs").unwrap().as_name().unwrap(), b"S");
    }
    let all = roles(&doc);
    let count = |s: &str| all.iter().filter(|(r, _)| r == s).count();
    for s in ["Document", "H1", "H2", "P", "L", "LI", "LBody", "Table", "THead", "TBody", "TR", "TH", "TD", "Figure", "TOC", "TOCI", "Link"] {
        assert!(count(s) > 0, "no {s} element");
    }
    // header cells say what they head; spans are given
    assert!(all.iter().filter(|(r, _)| r == "TH").all(|(_, d)| d.get(b"A").and_then(|a| a.as_dict()).and_then(|a| a.get(b"Scope")).is_ok()));
    assert!(all.iter().any(|(r, d)| r == "TD" && d.get(b"A").and_then(|a| a.as_dict()).and_then(|a| a.get(b"RowSpan")).is_ok()) || all.iter().any(|(r, d)| r == "TH" && d.get(b"A").and_then(|a| a.as_dict()).and_then(|a| a.get(b"ColSpan")).is_ok()));
    // the timeline bars have a text alternative
    assert!(all.iter().filter(|(r, _)| r == "Figure").all(|(_, d)| d.get(b"Alt").is_ok()));
    // one link per contents entry, each reaching its annotation
    assert_eq!(count("Link"), count("TOCI"));
}

#[test]
fn pdf_standard_none_writes_a_plain_file() {
    let ts = phaen::render::pdf::text::Typesetter::new();
    let opts = phaen::render::pdf::Options { standard: phaen::render::pdf::Standard { archival: false, accessible: false }, ..Default::default() };
    let bytes = phaen::render::pdf::render(example_doc(), &ts, opts).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    assert!(catalog.get(b"StructTreeRoot").is_err());
    assert!(catalog.get(b"OutputIntents").is_err());
    assert!(roles(&doc).is_empty());
}

#[test]
fn each_standard_alone_is_met_too() {
    if !have("java") || !have("javac") {
        return;
    }
    let Some(script) = verapdf() else { return };
    let plan = root().join("data/sesao-two-provinces-2568.yaml");
    let checked = phaen::check(&plan, &Default::default());
    let (doc, tpl) = checked.document.expect("plan composes");
    assert!(!doc.attachments.is_empty(), "the plan travels in the file");
    let ts = phaen::render::pdf::text::Typesetter::new();
    let dir = std::env::temp_dir().join(format!("phaen-test-std-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (flavour, standard) in [("3u", phaen::render::pdf::Standard { archival: true, accessible: false }), ("ua1", phaen::render::pdf::Standard { archival: false, accessible: true })] {
        let opts = phaen::render::pdf::Options { timeline: tpl.timeline.style, color: tpl.timeline.color, standard };
        let pdf = dir.join(format!("{flavour}.pdf"));
        std::fs::write(&pdf, phaen::render::pdf::render(&doc, &ts, opts).unwrap()).unwrap();
        let out = Command::new("bash").arg(&script).arg(flavour).arg(&pdf).output().expect("verapdf.sh runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success() && text.contains("compliant=yes") && text.contains("failedChecks=0"), "{flavour} alone:\n{text}");
    }
}
