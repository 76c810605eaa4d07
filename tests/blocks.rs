//! Free blocks in a plan (tests/blocks/plan.yaml uses every one): they reach
//! the PDF and the DOCX, headings reach the contents and the bookmarks,
//! pictures are embedded, literal text and web addresses keep their digits;
//! mistakes in them are errors at their line and column, and nothing is written.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn plan() -> PathBuf {
    root().join("tests/blocks/plan.yaml")
}

fn phaen(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_phaen")).args(args).current_dir(root()).output().expect("phaen runs");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("phaen-blocks-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The outline's titles, depth first.
fn outline_titles(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).expect("PDF loads");
    let catalog = doc.catalog().unwrap();
    let mut out = Vec::new();
    let outlines = doc.get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    fn walk(doc: &lopdf::Document, first: Option<lopdf::ObjectId>, out: &mut Vec<String>) {
        let mut next = first;
        while let Some(id) = next {
            let d = doc.get_dictionary(id).unwrap();
            let raw = d.get(b"Title").unwrap().as_str().unwrap();
            let units: Vec<u16> = raw[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            out.push(String::from_utf16_lossy(&units));
            walk(doc, d.get(b"First").ok().and_then(|o| o.as_reference().ok()), out);
            next = d.get(b"Next").ok().and_then(|o| o.as_reference().ok());
        }
    }
    walk(&doc, outlines.get(b"First").ok().and_then(|o| o.as_reference().ok()), &mut out);
    out
}

#[test]
fn every_block_reaches_the_pdf() {
    let (doc, pdf) = compose_and_render(&plan());
    // list structure is carried for tagging: three levels, numbered and bulleted
    let levels: Vec<(u8, bool)> = doc.sections.iter().flat_map(|s| &s.blocks).filter_map(|b| match b {
        phaen::doc::Block::Paragraph(p) => p.list.map(|l| (l.level, l.ordered)),
        _ => None,
    }).collect();
    assert!(levels.contains(&(1, true)) && levels.contains(&(2, true)) && levels.contains(&(3, false)) && levels.contains(&(1, false)), "{levels:?}");
    if !have("pdftotext") {
        return;
    }
    let text = squeeze(&without_page_numbers(&run("pdftotext", &[pdf.to_str().unwrap(), "-"])));
    for want in [
        "ย่อหน้าแรกของความเป็นมา",
        "๒.๑ข้อย่อยหนึ่ง",
        "-รายการย่อยลึกที่สุด",
        "-จุดเด่นสอง",
        "ตารางที่๑จำนวนบุคลากร",
        "จำนวนบุคลากร",
        "กลุ่มอำนวยการ",
        "รวมทั้งสิ้น",
        "ภาพกิจกรรมประกาศเจตนารมณ์",
        "ประเทศไทยปลอดการทุจริตและประพฤติมิชอบ",
        "ค่าเป้าหมาย",
        "(นายสมชายใจดี)",
        "ตุลาคม๒๕๖๗",
        "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
        "ภาคผนวก",
        "คำสั่งแต่งตั้งคณะทำงาน",
        // computed tables among the blocks
        "+๒.๗๕",
        "เรื่องร้องเรียน",
    ] {
        assert!(text.contains(&squeeze(want)), "the PDF lacks {want:?}");
    }
    // literal spans and web addresses keep their digits; other digits are Thai
    for want in ["https://www.secondary35.go.th/ita2568", "ที่412/2565", "Line@lpb1", "ลงวันที่๑ตุลาคม๒๕๖๗"] {
        assert!(text.contains(want), "the PDF lacks {want:?}");
    }
    let titles = outline_titles(&pdf);
    for want in ["ความเป็นมา", "หลักการ", "ผลการประเมิน ITA", "ภาคผนวก", "คำสั่งแต่งตั้งคณะทำงาน", "แผนย่อยที่ ๑ การป้องกันการทุจริตและประพฤติมิชอบ"] {
        assert!(titles.iter().any(|t| t == want), "outline lacks {want:?}: {titles:?}");
    }
    if have("pdfimages") {
        let list = run("pdfimages", &["-list", pdf.to_str().unwrap()]);
        let rows: Vec<&str> = list.lines().skip(2).collect();
        assert_eq!(rows.len(), 3, "{list}");
        assert!(rows.iter().any(|r| r.contains("jpeg") && r.contains(" 320 ") && r.contains(" 160 ")), "{list}");
        assert_eq!(rows.iter().filter(|r| r.contains(" 240 ") && r.contains(" rgb ")).count(), 2, "{list}");
        // the emblem, used on the cover and in the appendix, is stored once
        let ids: std::collections::BTreeSet<&str> = rows.iter().filter(|r| r.contains(" 240 ")).map(|r| r.split_whitespace().nth(10).unwrap()).collect();
        assert_eq!(ids.len(), 1, "{list}");
    }
}

#[test]
fn every_block_reaches_the_docx() {
    let dir = temp_dir("docx");
    let (code, err) = phaen(&["build", plan().to_str().unwrap(), "-o", dir.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let bytes = std::fs::read(dir.join("plan.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    for want in ["word/media/image1.png", "word/media/image2.jpeg", "word/media/image3.png"] {
        assert!(names.iter().any(|n| n == want), "no {want} in {names:?}");
    }
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    assert_eq!(xml.matches("<wp:inline").count(), 3);
    assert!(xml.contains(r#"descr="ตราสำนักงาน""#));
    for want in ["ข้อย่อยหนึ่ง", "รายการย่อยลึกที่สุด", "จำนวนบุคลากร", "https://www.secondary35.go.th/ita2568", "412/2565", "ภาคผนวก"] {
        assert!(xml.contains(want), "document.xml lacks {want:?}");
    }
    let mut rels = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/_rels/document.xml.rels").unwrap(), &mut rels).unwrap();
    assert!(rels.contains(r#"Target="media/image2.jpeg""#), "{rels}");
}

/// The block plan with one piece of text replaced, written beside copies of its pictures.
fn mutated(name: &str, from: &str, to: &str) -> PathBuf {
    let text = std::fs::read_to_string(plan()).unwrap();
    assert!(text.contains(from), "the plan has no {from:?}");
    let dir = temp_dir(name);
    for pic in ["emblem.png", "photo.jpg"] {
        std::fs::copy(root().join("tests/blocks").join(pic), dir.join(pic)).unwrap();
    }
    std::fs::write(dir.join("not-a-picture.png"), "this is text, not a picture\n").unwrap();
    let path = dir.join(format!("{name}.yaml"));
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path
}

#[test]
fn mistakes_in_blocks_name_their_place_and_write_nothing() {
    let cases = [
        ("missing-picture", "file: photo.jpg", "file: photos/activity.jpg", "photos/activity.jpg", "there is no such file"),
        ("not-a-picture", "file: photo.jpg", "file: not-a-picture.png", "not-a-picture.png", "is not a PNG or JPEG picture"),
        ("open-literal", "คำสั่ง `ที่ 412/2565` ลงวันที่", "คำสั่ง `ที่ 412/2565 ลงวันที่", "`ที่ 412/2565 ลง", "is not closed"),
        ("unknown-block", "  - heading3: ข้อมูลประกอบ", "  - headline: ข้อมูลประกอบ", "headline", "unknown block type `headline`"),
        ("two-in-one", "  - bullets: [จุดเด่นหนึ่ง, จุดเด่นสอง]", "  - bullets: [จุดเด่นหนึ่ง, จุดเด่นสอง]\n    paragraph: ข้อความ", "- bullets: [จุดเด่นหนึ่ง", "one block per list item"),
        ("wide-row", "        - [กลุ่มอำนวยการ, 5, 7, 12]", "        - [กลุ่มอำนวยการ, 5, 7, 12, 13]", "12, 13", "fills 5 columns but the table has 4"),
        ("strategy-title", "    - heading: แผนย่อยที่ 1 การป้องกันการทุจริตและประพฤติมิชอบ", "    - national: 1", "national: 1", "write the table's title as `heading: …`"),
    ];
    for (name, from, to, needle, message) in cases {
        let path = mutated(name, from, to);
        let line = std::fs::read_to_string(&path).unwrap().lines().position(|l| l.contains(needle)).unwrap() + 1;
        let (code, err) = phaen(&["check", path.to_str().unwrap()]);
        assert_eq!(code, Some(1), "{name}: exit {code:?}\n{err}");
        assert!(err.contains(message), "{name}: message lacks {message:?}:\n{err}");
        assert!(err.contains(&format!("{name}.yaml:{line}:")), "{name}: not at line {line}:\n{err}");
        assert!(!err.contains("panicked"), "{name}:\n{err}");
        let out = path.parent().unwrap().join("out");
        let (code, _) = phaen(&["build", path.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert_eq!(code, Some(1), "{name}: build exit");
        assert!(!out.join(format!("{name}.pdf")).exists() && !out.join(format!("{name}.docx")).exists(), "{name}: something was written");
    }
}

#[test]
fn the_open_literal_points_at_its_backtick() {
    let path = mutated("open-literal-col", "คำสั่ง `ที่ 412/2565` ลงวันที่", "คำสั่ง `ที่ 412/2565 ลงวันที่");
    let text = std::fs::read_to_string(&path).unwrap();
    let (n, l) = text.lines().enumerate().find(|(_, l)| l.contains("`ที่ 412/2565 ลง")).unwrap();
    let col = l[..l.find('`').unwrap()].chars().count() + 1;
    let (_, err) = phaen(&["check", path.to_str().unwrap()]);
    assert!(err.contains(&format!(":{}:{col}", n + 1)), "not at column {col}:\n{err}");
}

#[test]
fn the_old_shape_still_reads() {
    // the example of earlier plans is untouched and composes without a warning
    let (doc, _) = compose_and_render(&example());
    let text: Vec<String> = paragraphs(&doc);
    assert!(text.iter().any(|t| t.contains("วิสัยทัศน์")));
    // cover, front matter, three parts and the timeline: no appendix, no picture
    assert_eq!(doc.sections.len(), 6);
    assert!(doc.sections.iter().flat_map(|s| &s.blocks).all(|b| !matches!(b, phaen::doc::Block::Image(_))));
}

#[test]
fn nested_lists_are_tagged_inside_their_item() {
    use phaen::render::pdf::layout::{layout, Tag};
    let checked = phaen::check(&plan(), &Default::default());
    let (doc, tpl) = checked.document.expect("plan composes");
    let laid = layout(&doc, &phaen::render::pdf::text::Typesetter::new(), (tpl.timeline.style, tpl.timeline.color)).unwrap();
    let e = &laid.elements;
    // a list whose parent is an item of a list whose parent is an item: three levels
    let depth = |mut i: usize| {
        let mut d = 0;
        while let Some(p) = e[i].parent {
            if e[i].tag == Tag::List {
                d += 1;
            }
            i = p;
        }
        d + usize::from(e[i].tag == Tag::List)
    };
    let deepest = (0..e.len()).filter(|&i| e[i].tag == Tag::List).map(depth).max().unwrap();
    assert_eq!(deepest, 3);
    // a picture with a text alternative is a figure carrying it
    assert!(e.iter().any(|x| x.tag == Tag::Figure("ตราสำนักงาน".into())));
}
