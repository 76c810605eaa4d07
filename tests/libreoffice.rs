//! Every example plan (data/*.yaml, the starters and the hard plan
//! tests/typeset/hard.yaml, also with its timeline drawn as arrows, and
//! tests/typeset/lampang2-2568.yaml)
//! rendered to PDF and DOCX the way `phaen build` does, the DOCX opened by the
//! real clients: LibreOffice converts it to PDF (pages and heading pages
//! against phaen's PDF, the money column's text) and back to DOCX (what a
//! save in LibreOffice keeps), and openxml-audit (the Open XML SDK's schema
//! and semantic rules) validates it.
//!
//! LibreOffice runs once per conversion for all files together, with a
//! private profile, and its results are shared by the tests of this file.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::*;

/// One example: its document, phaen's PDF and DOCX.
struct Example {
    name: String,
    doc: phaen::doc::Document,
    pdf: PathBuf,
    docx: PathBuf,
}

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("phaen-lo-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The examples, rendered once.
fn examples() -> &'static [Example] {
    static EX: OnceLock<Vec<Example>> = OnceLock::new();
    EX.get_or_init(|| {
        // the examples, the starters `phaen new` writes, the hard plan
        let mut plans = Vec::new();
        for folder in ["data", "starters"] {
            let mut found: Vec<PathBuf> = std::fs::read_dir(root().join(folder))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                .collect();
            found.sort();
            plans.extend(found);
        }
        plans.push(root().join("tests/typeset/hard.yaml"));
        plans.push(root().join("tests/typeset/lampang2-2568.yaml"));
        // and the hard plan once more with its timeline drawn as arrows
        let mut plans: Vec<(PathBuf, bool)> = plans.into_iter().map(|p| (p, false)).collect();
        plans.push((root().join("tests/typeset/hard.yaml"), true));
        let ts = phaen::render::pdf::text::Typesetter::new();
        let out = dir().join("phaen");
        std::fs::create_dir_all(&out).unwrap();
        let (mut split, mut moved) = (0, 0);
        let examples = plans
            .iter()
            .map(|(plan, arrows)| {
                let checked = phaen::check(plan, &Default::default());
                assert!(checked.diagnostics.iter().all(|d| !matches!(d.severity, phaen::diagnostic::Severity::Error)), "{}: {:?}", plan.display(), checked.diagnostics);
                let (doc, mut tpl) = checked.document.expect("plan composes");
                if *arrows {
                    tpl.timeline.style = phaen::template::TimelineStyle::Arrow;
                }
                // as `phaen build` does: the DOCX takes its hints from the PDF layout
                let opts = phaen::render::pdf::Options { timeline: tpl.timeline.style, color: tpl.timeline.color, ..Default::default() };
                let (pdf_bytes, laid) = phaen::render::pdf::render_laid(&doc, &ts, opts).expect("PDF renders");
                let hints = phaen::render::Hints::from_laid(&laid);
                // the rows' paging lines up with the document's tables, row for row
                let tables: Vec<usize> = doc
                    .sections
                    .iter()
                    .flat_map(|s| &s.blocks)
                    .filter_map(|b| match b {
                        phaen::doc::Block::Table(t) if !t.rows.is_empty() && !t.columns.is_empty() => Some(t.rows.len()),
                        _ => None,
                    })
                    .collect();
                let paged: Vec<usize> = hints.table_rows.iter().map(Vec::len).collect();
                assert_eq!(paged, tables, "{}: rows paged by the PDF layout against the document's tables", plan.display());
                for r in hints.table_rows.iter().flatten() {
                    match r {
                        phaen::render::RowPaging::Split => split += 1,
                        phaen::render::RowPaging::Moved => moved += 1,
                        phaen::render::RowPaging::Along => {}
                    }
                }
                let docx_opts = phaen::render::docx::Options { timeline: tpl.timeline.style, color: tpl.timeline.color };
                let docx_bytes = phaen::render::docx::render(&doc, &docx_opts, &hints).expect("DOCX renders");
                let folder = plan.parent().and_then(|p| p.file_name()).unwrap().to_string_lossy();
                let name = format!("{folder}-{}{}", plan.file_stem().unwrap().to_string_lossy(), if *arrows { "-arrows" } else { "" });
                let pdf = out.join(format!("{name}.pdf"));
                let docx = out.join(format!("{name}.docx"));
                std::fs::write(&pdf, pdf_bytes).unwrap();
                std::fs::write(&docx, docx_bytes).unwrap();
                Example { name, doc, pdf, docx }
            })
            .collect();
        // the hints carry both of the PDF's decisions at a page break
        assert!(split > 0 && moved > 0, "rows split {split}, moved whole {moved}");
        examples
    })
}

/// Converts every example's DOCX with LibreOffice to `format` (`pdf`,
/// `docx`), all files in one run, into a folder of its own; `None` when
/// soffice is missing (the test then says it skipped, or fails under CI).
fn convert(format: &'static str) -> Option<&'static Path> {
    static PDF: OnceLock<Option<PathBuf>> = OnceLock::new();
    static DOCX: OnceLock<Option<PathBuf>> = OnceLock::new();
    let cell = if format == "pdf" { &PDF } else { &DOCX };
    cell.get_or_init(|| {
        if !have("soffice") {
            return None;
        }
        let out = dir().join(format!("lo-{format}"));
        std::fs::create_dir_all(&out).unwrap();
        // a private profile per conversion: two soffice processes never share one
        let profile = dir().join(format!("profile-{format}"));
        let filter = if format == "docx" { "docx:MS Word 2007 XML" } else { "pdf" };
        let mut cmd = Command::new("soffice");
        cmd.arg(format!("-env:UserInstallation=file://{}", profile.display()))
            .args(["--headless", "--norestore", "--convert-to", filter, "--outdir"])
            .arg(&out)
            .args(examples().iter().map(|e| &e.docx))
            .env("HOME", dir());
        let result = cmd.output().expect("soffice runs");
        assert!(result.status.success(), "soffice: {}", String::from_utf8_lossy(&result.stderr));
        for e in examples() {
            let file = out.join(format!("{}.{format}", e.name));
            assert!(file.exists(), "LibreOffice wrote no {}: {}", file.display(), String::from_utf8_lossy(&result.stdout));
        }
        Some(out)
    })
    .as_deref()
}

fn page_count(pdf: &Path) -> usize {
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines().find(|l| l.starts_with("Pages:")).and_then(|l| l.split_whitespace().nth(1)).unwrap().parse().unwrap()
}

/// A PDF's bookmarks in order: (depth, title, page from 1). LibreOffice makes
/// them from the heading paragraphs (their outline levels), phaen from its
/// headings, so they tell where each heading landed.
fn outline(pdf: &Path) -> Vec<(usize, String, usize)> {
    let json = run("qpdf", &["--json", "--json-key=outlines", pdf.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    fn walk(items: &serde_json::Value, depth: usize, out: &mut Vec<(usize, String, usize)>) {
        for item in items.as_array().into_iter().flatten() {
            let title = item["title"].as_str().unwrap_or_default().to_string();
            let page = item["destpageposfrom1"].as_u64().unwrap_or(0) as usize;
            out.push((depth, title, page));
            walk(&item["kids"], depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(&v["outlines"], 0, &mut out);
    out
}

/// Title without white space (LibreOffice writes no-break spaces and cuts
/// long titles short).
fn key(title: &str) -> String {
    title.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn libreoffice_pages_the_docx_like_the_pdf() {
    if !have("pdfinfo") || !have("qpdf") {
        return;
    }
    let Some(lo) = convert("pdf") else { return };
    let mut report = String::new();
    let mut failures = Vec::new();
    for e in examples() {
        let theirs_pdf = lo.join(format!("{}.pdf", e.name));
        let (ours, theirs) = (page_count(&e.pdf), page_count(&theirs_pdf));
        report.push_str(&format!("{}: phaen {ours} pages, LibreOffice {theirs}\n", e.name));
        if ours.abs_diff(theirs) > 1 {
            failures.push(format!("{}: LibreOffice has {theirs} pages, the PDF {ours}", e.name));
        }
        // each of phaen's bookmarks found in LibreOffice's, in order (LibreOffice
        // may list more: headings below the levels phaen bookmarks)
        let mine = outline(&e.pdf);
        let other = outline(&theirs_pdf);
        assert!(!mine.is_empty(), "{}: phaen's PDF has no bookmarks", e.name);
        let mut at = 0;
        let (mut same, mut near) = (0, 0);
        for (depth, title, page) in &mine {
            let k = key(title);
            let found = other[at..].iter().position(|(_, t, _)| {
                let o = key(t);
                o.chars().count() >= 4 && (k.starts_with(&o) || o.starts_with(&k))
            });
            let Some(found) = found else {
                failures.push(format!("{}: heading {title:?} is not a heading in LibreOffice's PDF", e.name));
                continue;
            };
            at += found;
            let lo_page = other[at].2;
            at += 1;
            // a part (top level: คำนำ, ส่วนที่ …, ภาคผนวก) starts a page: it
            // moves only when the pages before it differ, so it must agree;
            // a heading inside running text may land one page apart, where
            // the two line breakers differ by a line near a page foot
            let allowed = if *depth == 0 { 0 } else { 1 };
            if lo_page == *page {
                same += 1;
            } else if lo_page.abs_diff(*page) <= allowed {
                near += 1;
            } else {
                failures.push(format!("{}: {title:?} on page {lo_page} in LibreOffice, {page} in the PDF", e.name));
            }
        }
        report.push_str(&format!("  headings on the PDF's page: {same}/{}, one page apart: {near}\n", mine.len()));
    }
    eprintln!("{report}");
    assert!(failures.is_empty(), "{report}{}", failures.join("\n"));
}

/// The text of every cell holding one amount (the money column and totals).
fn amounts(doc: &phaen::doc::Document) -> Vec<String> {
    let digit = |c: char| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c);
    let mut out = Vec::new();
    for block in doc.sections.iter().flat_map(|s| &s.blocks) {
        let phaen::doc::Block::Table(t) = block else { continue };
        for cell in t.rows.iter().flat_map(|r| &r.cells) {
            for p in &cell.content {
                let text = p.plain_text();
                let text = text.trim();
                if text.contains(',') && text.chars().any(digit) && text.chars().all(|c| digit(c) || matches!(c, ',' | '.')) {
                    out.push(text.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn libreoffice_prints_every_amount_on_one_line() {
    if !have("pdftotext") {
        return;
    }
    let Some(lo) = convert("pdf") else { return };
    let mut split = Vec::new();
    let mut checked = 0;
    for e in examples() {
        let text = run("pdftotext", &["-layout", lo.join(format!("{}.pdf", e.name)).to_str().unwrap(), "-"]);
        // the whole amounts on LibreOffice's lines, as tokens
        let mut found: BTreeMap<String, usize> = BTreeMap::new();
        for line in text.lines() {
            for token in line.split(|c: char| !(c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c) || c == ',' || c == '.')) {
                let token = token.trim_end_matches('.');
                if !token.is_empty() {
                    *found.entry(token.to_string()).or_default() += 1;
                }
            }
        }
        let mut wanted: BTreeMap<String, usize> = BTreeMap::new();
        for a in amounts(&e.doc) {
            *wanted.entry(a).or_default() += 1;
        }
        for (amount, n) in wanted {
            checked += n;
            let got = found.get(&amount).copied().unwrap_or(0);
            if got < n {
                split.push(format!("{}: {amount} whole {got} times of {n}", e.name));
            }
        }
    }
    assert!(checked > 20, "only {checked} amounts found in the examples");
    assert!(split.is_empty(), "amounts split across lines in LibreOffice:\n{}", split.join("\n"));
}

fn zip_part(docx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap_or_else(|_| panic!("{}: no {name}", docx.display())).read_to_string(&mut s).unwrap();
    s
}

/// The value of `attr="…"` in an element's text.
fn attr<'a>(element: &'a str, attr: &str) -> Option<&'a str> {
    let at = element.find(&format!("{attr}=\""))? + attr.len() + 2;
    element[at..].split('"').next()
}

/// The elements `<tag …>…</tag>` (or `<tag …/>`) of a part, as text; `tag`
/// is matched whole (`w:p` is not `w:pPr`).
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        if !after.starts_with([' ', '>', '/']) {
            rest = after;
            continue;
        }
        let head_end = after.find('>').unwrap();
        let end = if after[..head_end].ends_with('/') { head_end + 1 } else { after.find(&close).map_or(after.len(), |j| j + close.len()) };
        out.push(&rest[i..i + open.len() + end]);
        rest = &after[end..];
    }
    out
}

/// The space before the first paragraph of the document, twips: the cover
/// is centred on its page by it (LibreOffice drops a section's vertical
/// alignment when it saves).
fn cover_space(docx: &Path) -> i64 {
    let document = zip_part(docx, "word/document.xml");
    let first = elements(&document, "w:p").into_iter().next().unwrap_or_default();
    elements(first, "w:spacing").first().and_then(|s| attr(s, "w:before")).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// What a save must keep: the heading paragraphs (outline level 1–9 from
/// their style or their own properties) as (level, text), the number of
/// tables, and each section's orientation.
fn structure(docx: &Path) -> (Vec<(u8, String)>, usize, Vec<bool>) {
    let styles = zip_part(docx, "word/styles.xml");
    let mut levels: BTreeMap<String, u8> = BTreeMap::new();
    for s in elements(&styles, "w:style") {
        let Some(id) = attr(s, "w:styleId") else { continue };
        let from_outline = elements(s, "w:outlineLvl").first().and_then(|o| attr(o, "w:val")).and_then(|v| v.parse::<u8>().ok()).map(|v| v + 1);
        let name = elements(s, "w:name").first().and_then(|n| attr(n, "w:val")).unwrap_or_default().to_lowercase();
        let from_name = name.strip_prefix("heading ").and_then(|n| n.parse::<u8>().ok());
        if let Some(l) = from_outline.or(from_name).filter(|l| (1..=9).contains(l)) {
            levels.insert(id.to_string(), l);
        }
    }
    let document = zip_part(docx, "word/document.xml");
    let mut headings = Vec::new();
    for p in elements(&document, "w:p") {
        let ppr = elements(p, "w:pPr").first().copied().unwrap_or_default();
        let own = elements(ppr, "w:outlineLvl").first().and_then(|o| attr(o, "w:val")).and_then(|v| v.parse::<u8>().ok()).map(|v| v + 1);
        let styled = elements(ppr, "w:pStyle").first().and_then(|s| attr(s, "w:val")).and_then(|id| levels.get(id).copied());
        if let Some(level) = own.or(styled).filter(|l| (1..=9).contains(l)) {
            let text: String = elements(p, "w:t").iter().map(|t| t.split_once('>').map_or("", |x| x.1).trim_end_matches("</w:t>")).collect();
            if !text.trim().is_empty() {
                headings.push((level, key(&text)));
            }
        }
    }
    let tables = elements(&document, "w:tbl").len();
    let orientation = elements(&document, "w:sectPr").iter().map(|s| elements(s, "w:pgSz").first().and_then(|p| attr(p, "w:orient")) == Some("landscape")).collect();
    (headings, tables, orientation)
}

#[test]
fn a_save_in_libreoffice_keeps_headings_tables_and_landscape_sections() {
    let Some(lo) = convert("docx") else { return };
    let mut landscape = false;
    let mut centred = 0;
    for e in examples() {
        let (headings, tables, orientation) = structure(&e.docx);
        let (saved_headings, saved_tables, saved_orientation) = structure(&lo.join(format!("{}.docx", e.name)));
        assert!(!headings.is_empty() && tables > 0, "{}: {} headings, {tables} tables", e.name, headings.len());
        assert_eq!(saved_headings, headings, "{}: headings after a save in LibreOffice", e.name);
        assert_eq!(saved_tables, tables, "{}: tables after a save in LibreOffice", e.name);
        // LibreOffice may write a landscape section's properties more than
        // once; what matters is the run of orientations
        let runs = |o: &[bool]| {
            let mut v = o.to_vec();
            v.dedup();
            v
        };
        landscape |= orientation.contains(&true);
        let space = cover_space(&e.docx);
        if e.doc.sections.first().is_some_and(|s| s.vertical_center) {
            centred += 1;
            assert!(space > 1440, "{}: the cover is not centred by space before ({space} twips)", e.name);
            assert_eq!(cover_space(&lo.join(format!("{}.docx", e.name))), space, "{}: the cover's centring after a save in LibreOffice", e.name);
        }
        assert_eq!(runs(&saved_orientation), runs(&orientation), "{}: section orientations after a save in LibreOffice", e.name);
    }
    assert!(landscape, "no example has a landscape (timeline) section");
    assert!(centred >= 2, "only {centred} examples have a centred cover");
}

#[test]
fn openxml_audit_finds_no_errors() {
    let ok = Command::new("openxml-audit").arg("--help").output().is_ok_and(|o| o.status.success());
    if !ok {
        let msg = "`openxml-audit` is not installed (pip install openxml-audit)";
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{msg}: required under CI=true");
        }
        eprintln!("SKIPPED: {msg}");
        return;
    }
    for e in examples() {
        let out = Command::new("openxml-audit").args(["-o", "json", "-m", "0"]).arg(&e.docx).output().expect("openxml-audit runs");
        let text = String::from_utf8_lossy(&out.stdout);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: openxml-audit output not JSON ({err}): {text}", e.name));
        let report = &v[0];
        assert_eq!(report["error_count"].as_u64(), Some(0), "{}: openxml-audit: {}", e.name, serde_json::to_string_pretty(&report["errors"]).unwrap());
        assert_eq!(report["valid"].as_bool(), Some(true), "{}: {text}", e.name);
    }
}
