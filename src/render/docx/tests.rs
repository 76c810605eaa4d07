//! Unit tests of the DOCX parts.

use super::*;
use crate::doc::{Meta, PageSetup, Row, Run, Toc};
use std::collections::BTreeMap;
use std::io::{Cursor, Read as _};

fn rend(doc: &Document) -> Result<Vec<u8>, String> {
    render(doc, &Options::default(), &Hints::default())
}

fn style(size: f32, bold: bool, align: Align, outline: u8) -> Style {
    Style { name: format!("s{size}"), size, bold, align, outline_level: outline, ..Style::default() }
}

fn sample() -> Document {
    let mut styles = BTreeMap::new();
    styles.insert("body".to_string(), Style { first_line: 25.0, ..style(16.0, false, Align::Distribute, 0) });
    styles.insert("heading1".to_string(), Style { name: "หัวข้อ".into(), keep_with_next: true, ..style(18.0, true, Align::Center, 1) });
    styles.insert("heading2".to_string(), style(16.0, true, Align::Left, 2));
    styles.insert("list".to_string(), Style { indent_left: 10.0, first_line: -10.0, ..style(16.0, false, Align::Justify, 0) });
    styles.insert("cell".to_string(), style(14.0, false, Align::Left, 0));
    styles.insert("toc1".to_string(), style(16.0, false, Align::Left, 0));
    let table = Table {
        columns: vec![0.4, 0.2, 0.2, 0.2],
        header_rows: 2,
        cell_style: "cell".into(),
        rows: vec![
            Row { cells: vec![Cell::text("cell", "งาน").span(1, 2), Cell::text("cell", "ไตรมาส").span(3, 1)], total: false },
            Row { cells: vec![Cell { vertical: true, ..Cell::text("cell", "ต.ค.") }, Cell::text("cell", "พ.ย."), Cell::text("cell", "ธ.ค.")], total: false },
            Row {
                cells: vec![
                    Cell::text("cell", "น้ำ").span(1, 2),
                    Cell { bar: true, ..Cell::empty() },
                    Cell { shade: Some([255, 0, 16]), ..Cell::empty() },
                    Cell::empty(),
                ],
                total: false,
            },
            Row { cells: vec![Cell { bar: true, ..Cell::empty() }, Cell { bar: true, ..Cell::empty() }, Cell::empty()], total: false },
            Row { cells: vec![Cell::text("cell", "รวม"), Cell::empty().span(3, 1)], total: true },
        ],
    };
    Document {
        meta: Meta { title: "แผน & ฟ้า".into(), author: "สำนักงาน".into(), subject: "s".into(), language: "th-TH".into(), date: None },
        page: PageSetup { width: 210.0, height: 297.0, top: 25.0, bottom: 20.0, left: 30.0, right: 20.0, header: 12.0 },
        styles,
        font_family: "Sarabun".into(),
        page_number_format: "- {page} -".into(),
        digits: DigitStyle::Thai,
        no_break: vec!["เขต ๒".into(), "พะเยา".into()],
        sections: vec![
            Section {
                orientation: Orientation::Portrait,
                numbering: Numbering::None,
                vertical_center: true,
                blocks: vec![Block::Paragraph(Paragraph::new("heading1", "ปก"))],
            },
            Section {
                orientation: Orientation::Portrait,
                numbering: Numbering::Letters { restart: true },
                vertical_center: false,
                blocks: vec![
                    Block::Toc(Toc { levels: 2, entry_style: "toc1".into() }),
                    Block::PageBreak,
                    Block::Paragraph(Paragraph::new("heading1", "บทที่ ๑")),
                    Block::Paragraph(Paragraph::new("heading2", "ความเป็นมา")),
                    Block::Paragraph(Paragraph {
                        style: "list".into(),
                        label: "๑.".into(),
                        runs: vec![Run { text: "ปั่น".into(), bold: true, italic: false }, Run { text: " ญุ ฐุ เขต ๒ ร้อยละ ๘๐ ของ ๑๐ คน".into(), ..Run::default() }],
                        align: None,
                        list: None,
                    }),
                ],
            },
            Section {
                orientation: Orientation::Landscape,
                numbering: Numbering::Digits { restart: false },
                vertical_center: false,
                blocks: vec![Block::Table(table)],
            },
        ],
        attachments: Vec::new(),
    }
}

fn unzip(bytes: &[u8]) -> BTreeMap<String, (String, zip::CompressionMethod)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).expect("entry");
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("part");
        // the font parts are binary; every other part is UTF-8 XML
        let text = if f.name().ends_with(".odttf") { String::new() } else { String::from_utf8(data).expect("utf-8 part") };
        out.insert(f.name().to_string(), (text, f.compression()));
    }
    out
}

fn part(bytes: &[u8], name: &str) -> String {
    unzip(bytes).remove(name).unwrap_or_else(|| panic!("no {name}")).0
}

#[test]
fn styles_have_thai_fonts_language_and_builtin_headings() {
    let bytes = rend(&sample()).unwrap();
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains(r#"<w:rFonts w:ascii="Sarabun" w:hAnsi="Sarabun" w:eastAsia="Sarabun" w:cs="Sarabun"/>"#));
    assert!(styles.contains(r#"<w:lang w:val="en-US" w:eastAsia="th-TH" w:bidi="th-TH"/>"#));
    assert!(styles.contains(r#"w:styleId="Heading1"><w:name w:val="heading 1"/><w:aliases w:val="หัวข้อ"/>"#));
    assert!(styles.contains(r#"w:styleId="Heading2"><w:name w:val="heading 2"/>"#));
    assert!(styles.contains(r#"<w:outlineLvl w:val="0"/>"#));
    assert!(styles.contains(r#"w:styleId="TOC1"><w:name w:val="toc 1"/>"#));
    assert!(styles.contains(r#"w:styleId="TOC2""#), "synthesised level 2 TOC style");
    assert!(styles.contains(r#"<w:sz w:val="36"/><w:szCs w:val="36"/>"#));
    // body: Thai distributed, 25 mm first line
    assert!(styles.contains(r#"<w:ind w:left="0" w:firstLine="1417"/><w:jc w:val="thaiDistribute"/>"#));
    // list: hanging indent, justified
    assert!(styles.contains(r#"<w:ind w:left="567" w:hanging="567"/><w:jc w:val="both"/>"#));
}

#[test]
fn runs_carry_complex_script_fonts_and_sizes() {
    let doc = part(&rend(&sample()).unwrap(), "word/document.xml");
    let runs = doc.matches("<w:r>").count();
    assert!(runs > 10);
    // every run with text has the four font slots and both sizes
    for run in doc.split("<w:r>").skip(1) {
        let run = &run[..run.find("</w:r>").unwrap()];
        if run.contains("<w:t ") {
            assert!(run.contains(r#"w:cs="Sarabun""#), "{run}");
            assert!(run.contains("<w:szCs "), "{run}");
        }
    }
    assert!(doc.contains(r#"<w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t xml:space="preserve">ปั่น</w:t>"#));
    // label then tab, tab stop at the left indent
    assert!(doc.contains(r#"<w:tabs><w:tab w:val="left" w:pos="567"/></w:tabs>"#));
    assert!(doc.contains(r#"<w:t xml:space="preserve">๑.</w:t><w:tab/></w:r>"#));
    // no-break words keep their spaces unbreakable
    // and so do the spaces between a number and its word or unit
    assert!(doc.contains(" ญุ ฐุ เขต\u{A0}๒ ร้อยละ\u{A0}๘๐ ของ ๑๐\u{A0}คน</w:t>"), "{doc}");
}

#[test]
fn tables_have_spans_merges_and_repeated_headers() {
    let doc = part(&rend(&sample()).unwrap(), "word/document.xml");
    assert_eq!(doc.matches("<w:tblHeader/>").count(), 2);
    assert!(doc.contains(r#"<w:gridSpan w:val="3"/>"#));
    assert_eq!(doc.matches(r#"<w:vMerge w:val="restart"/>"#).count(), 2);
    assert_eq!(doc.matches(r#"<w:vMerge w:val="continue"/>"#).count(), 2);
    assert_eq!(doc.matches(r#"w:fill="466EAA""#).count(), 3, "bar cells hold a band in the template's colour");
    // two bar cells side by side join: no border between them
    assert_eq!(doc.matches(r#"<w:tcBorders><w:right w:val="nil"/></w:tcBorders>"#).count(), 1);
    assert_eq!(doc.matches(r#"<w:tcBorders><w:left w:val="nil"/></w:tcBorders>"#).count(), 1);
    assert!(doc.contains(r#"w:fill="FF0010""#), "cell shade");
    assert_eq!(doc.matches(r#"<w:textDirection w:val="btLr"/>"#).count(), 1, "vertical cell");
    // its row is tall enough for "ต.ค." at 14 pt (about 2.2 em wide)
    let h: i64 = doc.split(r#"<w:trHeight w:val=""#).nth(1).map(|s| s[..s.find('"').unwrap()].parse().unwrap()).unwrap();
    assert!((650..1100).contains(&h), "{h}");
    // landscape text width: 297 - 30 - 20 mm
    let width = twips(247.0);
    assert!(doc.contains(&format!(r#"<w:tblW w:w="{width}" w:type="dxa"/>"#)));
    let grid: i64 = column_widths(&[0.4, 0.2, 0.2, 0.2], width).iter().sum();
    assert_eq!(grid, width);
    // total row bold, the row above kept with it
    assert!(doc.contains(r#"<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve">รวม</w:t>"#));
    // every row covers all four grid columns
    for row in doc.split("<w:tr>").skip(1) {
        let row = &row[..row.find("</w:tr>").unwrap()];
        let cols: usize = row
            .split("<w:tc>")
            .skip(1)
            .map(|c| c.split(r#"<w:gridSpan w:val=""#).nth(1).map_or(1, |s| s[..s.find('"').unwrap()].parse().unwrap()))
            .sum();
        assert_eq!(cols, 4, "{row}");
    }
}

#[test]
fn sections_have_orientation_numbering_and_headers() {
    let bytes = rend(&sample()).unwrap();
    let doc = part(&bytes, "word/document.xml");
    assert_eq!(doc.matches("<w:sectPr>").count(), 3);
    assert!(doc.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#));
    assert!(doc.contains(r#"<w:pgNumType w:fmt="thaiLetters" w:start="1"/>"#));
    // digits after the lettered front matter: the cover is page 1 of the digits
    assert!(doc.contains(r#"<w:pgNumType w:fmt="thaiNumbers" w:start="2"/>"#));
    // the cover is centred by space above its first paragraph, not w:vAlign
    assert!(!doc.contains(r#"<w:vAlign w:val="center"/></w:sectPr>"#));
    let cover = &doc[..doc.find("</w:p>").unwrap()];
    assert!(cover.contains(r#"<w:spacing w:before=""#), "{cover}");
    assert!(doc.contains(r#"<w:pageBreakBefore/>"#));
    // schema order inside sectPr
    let s = &doc[doc.find("<w:sectPr>").unwrap()..];
    let order = ["<w:headerReference", "<w:type", "<w:pgSz", "<w:pgMar", "<w:cols", "<w:vAlign"];
    let pos: Vec<usize> = order.iter().map(|t| s.find(t).unwrap()).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{pos:?}");
    let cover = part(&bytes, "word/header1.xml");
    assert!(!cover.contains("PAGE"));
    let front = part(&bytes, "word/header2.xml");
    assert!(front.contains(r#"<w:t xml:space="preserve">- </w:t>"#) && front.contains(" PAGE "));
    assert!(front.contains(r#"w:cs="Sarabun""#) && front.contains(r#"<w:jc w:val="center"/>"#));
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Id="rIdHeader3""#) && rels.contains("header3.xml"));
}

#[test]
fn page_numbers_follow_the_model_counters() {
    let section = |numbering| Section { orientation: Orientation::Portrait, numbering, vertical_center: false, blocks: vec![] };
    let l = |restart| Numbering::Letters { restart };
    let d = |restart| Numbering::Digits { restart };
    let sections = vec![
        section(Numbering::None),
        section(d(false)),
        section(l(true)),
        section(l(false)),
        section(d(false)),
        section(Numbering::None),
        section(d(false)),
        section(d(true)),
    ];
    let starts: Vec<Option<usize>> = (0..sections.len()).map(|i| first_page_number(&sections, i)).collect();
    assert_eq!(starts, [None, None, Some(1), None, None, None, None, Some(1)]);
    let fresh = [section(Numbering::None), section(Numbering::None), section(l(true)), section(d(false))];
    assert_eq!(first_page_number(&fresh, 3), Some(3));
}

#[test]
fn toc_is_a_field_listing_the_headings() {
    let bytes = rend(&sample()).unwrap();
    let doc = part(&bytes, "word/document.xml");
    assert!(doc.contains(r#"<w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText>"#));
    let toc = &doc[doc.find(" TOC ").unwrap()..doc.find(r#"w:fldCharType="end""#).unwrap()];
    assert!(toc.contains("บทที่ ๑") && toc.contains("ความเป็นมา") && toc.contains(r#"<w:pStyle w:val="TOC2"/>"#));
    assert!(part(&bytes, "word/settings.xml").contains(r#"<w:updateFields w:val="true"/>"#));
}

#[test]
fn properties_and_compression() {
    let bytes = rend(&sample()).unwrap();
    let parts = unzip(&bytes);
    for (name, (_, method)) in &parts {
        assert_eq!(*method, zip::CompressionMethod::Deflated, "{name}");
    }
    let core = &parts["docProps/core.xml"].0;
    assert!(core.contains("<dc:title>แผน &amp; ฟ้า</dc:title>"));
    assert!(core.contains("<dc:creator>สำนักงาน</dc:creator>"));
    assert!(core.contains("<dc:language>th-TH</dc:language>"));
    assert!(!core.contains("dcterms:created"));
    assert!(parts["word/fontTable.xml"].0.contains(r#"<w:font w:name="Sarabun"><w:charset w:val="DE"/>"#));
}

#[test]
fn output_is_deterministic() {
    let a = rend(&sample()).unwrap();
    let b = rend(&sample()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn unknown_styles_and_empty_tables_are_handled() {
    let mut doc = sample();
    doc.sections[0].blocks = vec![
        Block::Paragraph(Paragraph { align: Some(Align::Right), ..Paragraph::new("nosuchstyle", "ก") }),
        Block::Table(Table { columns: vec![1.0], header_rows: 0, rows: vec![], cell_style: "cell".into() }),
        Block::PageBreak,
    ];
    let xml = part(&rend(&doc).unwrap(), "word/document.xml");
    let first = &xml[xml.find("<w:body>").unwrap()..xml.find("</w:p>").unwrap()];
    // default formatting applied directly, one jc only, the section ends on it
    assert!(first.contains(r#"<w:jc w:val="right"/><w:sectPr>"#), "{first}");
    assert_eq!(first.matches("<w:jc ").count(), 1);
    assert!(!first.contains("pStyle"));
    assert_eq!(xml.matches("<w:tbl>").count(), 1, "only the sample's timeline table");
    assert!(!xml.contains(r#"<w:br w:type="page"/>"#));
}

#[test]
fn empty_document_still_renders() {
    let mut doc = sample();
    doc.sections.clear();
    let bytes = rend(&doc).unwrap();
    let xml = part(&bytes, "word/document.xml");
    assert!(xml.contains("<w:p>") && xml.ends_with("</w:sectPr></w:body></w:document>"));
}

#[test]
fn regular_and_bold_are_embedded_obfuscated_and_listed() {
    let bytes = rend(&sample()).unwrap();
    let parts = unzip(&bytes);
    let table = &parts["word/fontTable.xml"].0;
    assert!(table.contains(r#"<w:embedRegular r:id="rIdFont1" w:fontKey="{"#), "{table}");
    assert!(table.contains(r#"<w:embedBold r:id="rIdFont2" w:fontKey="{"#));
    assert!(!table.contains("embedItalic"), "no run is italic");
    assert!(parts["word/settings.xml"].0.contains("<w:embedTrueTypeFonts/>"));
    assert!(parts["word/_rels/fontTable.xml.rels"].0.contains(r#"Target="fonts/font1.odttf""#));
    // the part is the font with its first 32 bytes changed, and the key undoes it
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
    let mut odttf = Vec::new();
    archive.by_name("word/fonts/font1.odttf").unwrap().read_to_end(&mut odttf).unwrap();
    let ttf = crate::fonts::data(crate::fonts::Face::Regular);
    assert_eq!(odttf.len(), ttf.len());
    assert_ne!(odttf[..32], ttf[..32]);
    assert_eq!(odttf[32..], ttf[32..]);
    let key = table.split(r#"w:fontKey=""#).nth(1).unwrap().split('"').next().unwrap();
    assert_eq!(fonts::obfuscate(&odttf, key), ttf);
}

#[test]
fn every_part_is_typed_and_related_and_nothing_else_is_listed() {
    let parts = unzip(&rend(&sample()).unwrap());
    let types = &parts["[Content_Types].xml"].0;
    for name in parts.keys().filter(|n| !n.ends_with(".rels") && !n.ends_with(".odttf") && *n != "[Content_Types].xml") {
        assert!(types.contains(&format!(r#"PartName="/{name}""#)), "{name} has no content type");
    }
    for listed in types.split(r#"PartName="/"#).skip(1).map(|s| &s[..s.find('"').unwrap()]) {
        assert!(parts.contains_key(listed), "{listed} listed but not packed");
    }
    for bad in ["comments", "numbering", "footnotes"] {
        assert!(!parts.keys().any(|n| n.contains(bad)), "{bad}");
    }
    let rels = &parts["word/_rels/document.xml.rels"].0;
    for target in rels.split(r#"Target=""#).skip(1).map(|s| &s[..s.find('"').unwrap()]) {
        assert!(parts.contains_key(&format!("word/{target}")), "{target}");
    }
}

#[test]
fn toc_carries_the_pdf_page_labels_and_links_to_bookmarks() {
    use crate::render::HeadingPage;
    let h = |level, text: &str, label: &str| HeadingPage { level, text: text.into(), label: label.into() };
    let hints = Hints { headings: vec![h(1, "ปก", ""), h(1, "บทที่ ๑", "๑"), h(2, "ความเป็นมา", "๒")], ..Hints::default() };
    let doc = part(&render(&sample(), &Options::default(), &hints).unwrap(), "word/document.xml");
    let toc = &doc[doc.find(" TOC ").unwrap()..doc.find(r#"w:fldCharType="end"/></w:r></w:p>"#).unwrap()];
    assert!(toc.contains(r#"<w:hyperlink w:anchor="_Toc2" w:history="1">"#), "{toc}");
    assert!(toc.contains(r#" PAGEREF _Toc3 \h "#) && toc.contains(">๒</w:t>"), "{toc}");
    assert!(doc.contains(r#"<w:bookmarkStart w:id="2" w:name="_Toc2"/>"#));
    // no update request without a TOC
    let mut no_toc = sample();
    no_toc.sections[1].blocks.remove(0);
    assert!(!part(&rend(&no_toc).unwrap(), "word/settings.xml").contains("updateFields"));
}

#[test]
fn spacing_between_paragraphs_adds_up_as_in_the_pdf() {
    assert_eq!(paragraphs::gap(12.0, 6.0), Some(18.0));
    assert_eq!(paragraphs::gap(0.0, 6.0), None);
    let mut doc = sample();
    doc.styles.get_mut("heading1").unwrap().space_after = 12.0;
    doc.styles.get_mut("heading2").unwrap().space_before = 12.0;
    let xml = part(&rend(&doc).unwrap(), "word/document.xml");
    // heading 2 follows heading 1: 12 + 12 pt written as its space before
    assert!(xml.contains(r#"<w:pStyle w:val="Heading2"/><w:spacing w:before="480"/>"#), "{xml}");
}

#[test]
fn built_in_names_are_not_doubled_and_money_does_not_wrap() {
    let mut doc = sample();
    doc.styles.insert("cover".into(), Style { name: "Title".into(), ..Style::default() });
    doc.styles.insert("other".into(), Style { name: "heading 1".into(), ..Style::default() });
    doc.styles.get_mut("heading1").unwrap().name = "Heading 1".into();
    let styles = part(&rend(&doc).unwrap(), "word/styles.xml");
    assert!(styles.contains(r#"<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>"#), "{styles}");
    assert!(!styles.contains(r#"<w:aliases w:val="Heading 1"/>"#), "Heading 1 is not repeated as an alias");
    assert!(styles.contains(r#"<w:name w:val="heading 1 (other)"/>"#));
    assert!(tables::is_money(&Cell::text("cell", "๑,๒๕๐,๐๐๐")));
    assert!(!tables::is_money(&Cell::text("cell", "ร้อยละ ๘๐")));
}

#[test]
fn styles_named_like_word_builtins_become_them() {
    let mut doc = sample();
    doc.styles.insert("list2".to_string(), Style { name: "List 2".into(), ..style(16.0, false, Align::Left, 0) });
    doc.styles.insert("closing".to_string(), Style { name: "closing".into(), ..style(16.0, false, Align::Left, 0) });
    let styles = part(&rend(&doc).unwrap(), "word/styles.xml");
    assert!(styles.contains(r#"<w:style w:type="paragraph" w:styleId="List2"><w:name w:val="List 2"/>"#), "{styles}");
    assert!(styles.contains(r#"<w:style w:type="paragraph" w:styleId="Closing"><w:name w:val="Closing"/>"#), "{styles}");
}

#[test]
fn arrow_style_draws_heads_at_the_ends_of_a_run() {
    let opts = Options { timeline: TimelineStyle::Arrow, color: [10, 20, 30] };
    let doc = part(&render(&sample(), &opts, &Hints::default()).unwrap(), "word/document.xml");
    // the sample's bars: one cell alone, then a run of two cells: three ends drawn
    let shapes = doc.matches("<a:custGeom>").count();
    assert_eq!(shapes, 3, "{doc}");
    // a head is a closed, filled triangle; the line is not filled
    assert!(doc.contains(r#"fill="none"><a:moveTo>"#));
    assert_eq!(doc.matches("<a:close/>").count(), 4, "a one-cell arrow has two heads, each end of a run one");
    assert!(doc.contains(r#"<a:srgbClr val="0A141E"/>"#));
    // drawn inline: the cell's vertical centring holds
    assert!(!doc.contains("<wp:anchor"));
}
