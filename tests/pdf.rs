//! The example plan rendered to PDF and checked with real PDF tools
//! (poppler's pdftotext, pdffonts, pdfinfo; qpdf).

mod common;

use common::*;

#[test]
fn every_paragraph_and_cell_extracts_intact() {
    if !have("pdftotext") {
        return;
    }
    let pdf = example_pdf().to_str().unwrap();
    let text = squeeze(&without_page_numbers(&run("pdftotext", &[pdf, "-"])));
    let paras = paragraphs(example_doc());
    assert!(paras.len() > 300, "{}", paras.len());
    // a cell whose row is split across pages is read in two parts, with the
    // other cells' first parts and the repeated header between them
    let split = split_cells(example_doc());
    let missing: Vec<&String> = paras.iter().filter(|p| !text.contains(&squeeze(p)) && !split.iter().any(|c| c.contains(&squeeze(p)))).collect();
    let short: Vec<String> = missing.iter().take(40).map(|m| m.chars().take(60).collect()).collect();
    // pdftotext's reading order still interleaves a few side-by-side table
    // cells and reorders one two-line paragraph at a page foot; every other
    // paragraph and cell must come out exactly as written
    assert!(missing.len() <= 4, "{} of {} paragraphs not found intact, e.g. {:#?}", missing.len(), paras.len(), short);
    // a row split at a page end splits each of its five cells
    assert!(split.len() <= 25, "{} cells split across pages", split.len());
}


#[test]
fn digits_are_thai_and_office_names_are_right() {
    if !have("pdftotext") {
        return;
    }
    let raw = run("pdftotext", &[example_pdf().to_str().unwrap(), "-"]);
    assert!(!raw.chars().any(|c| c.is_ascii_digit()), "an ASCII digit was printed");
    let text = squeeze(&raw);
    for wrong in ["พะเยา", "เชียงใหม่", "กลุ่มอำนาจการ", "ไสสะอาด", "<p>", "ாத"] {
        assert!(!text.contains(wrong), "{wrong} printed");
    }
    // the body starts at page ๑ (front matter is lettered)
    assert!(raw.contains("ส่วนที่ ๑ บทนำ"));
    let toc_line = raw.lines().find(|l| l.starts_with("ส่วนที่ ๑ บทนำ")).expect("TOC entry of part 1");
    assert!(toc_line.trim_end().ends_with(" ๑"), "{toc_line}");
    // page numbers `- ๒ -` at the top (pdftotext may join the line after the last hyphen)
    assert!(raw.lines().any(|l| l.trim_start_matches('\x0c').starts_with("- ๒ ")), "no page number ๒");
    assert!(raw.lines().any(|l| l.trim_start_matches('\x0c').starts_with("- ก ")), "no page letter ก");
    for expected in ["ต.ค. ๖๒", "ก.ย. ๖๓", "ไตรมาส ๔", "๖๐๔,๐๐๐", "๒๖๘,๐๐๐", "๘๔.๘๒", "+๔.๕๖", "-๔.๑๐", "เพิ่มขึ้น", "ลดลง", "ไม่ผ่าน", "กลุ่มอำนวยการ"] {
        assert!(text.contains(&squeeze(expected)), "{expected} not printed");
    }
}

#[test]
fn ita_levels_are_computed_from_the_bands() {
    if !have("pdftotext") {
        return;
    }
    let text = squeeze(&run("pdftotext", &["-layout", example_pdf().to_str().unwrap(), "-"]));
    // 82.55 is B and 73.21 is C in 2562 (the seed printed A and B)
    assert!(text.contains("๘๒.๕๕Bไม่ผ่าน"), "82.55 not B/ไม่ผ่าน");
    assert!(text.contains("๗๓.๒๑Cไม่ผ่าน"), "73.21 not C/ไม่ผ่าน");
    assert!(text.contains("๙๖.๖๑AAผ่าน"));
}

#[test]
fn fonts_are_embedded_subsets_and_the_file_is_valid() {
    if !have("pdffonts") || !have("qpdf") {
        return;
    }
    let pdf = example_pdf().to_str().unwrap();
    let fonts = run("pdffonts", &[pdf]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 2, "{fonts}");
    for r in rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        assert!(cols[0].contains('+') && cols[0].contains("Sarabun"), "not a Sarabun subset: {r}");
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "not embedded/subset/unicode: {r}");
    }
    let check = run("qpdf", &["--check", pdf]);
    assert!(check.contains("No syntax or stream encoding errors"), "{check}");
}

#[test]
fn pages_metadata_outline_and_landscape_timeline() {
    if !have("pdfinfo") {
        return;
    }
    let pdf = example_pdf().to_str().unwrap();
    let info = run("pdfinfo", &["-f", "1", "-l", "999", pdf]);
    assert!(info.contains("Author:          สำนักงานเขตพื้นที่การศึกษาประถมศึกษาฉะเชิงเทรา เขต ๒"), "{info}");
    let pages: usize = info.lines().find(|l| l.starts_with("Pages:")).and_then(|l| l.split_whitespace().nth(1)).unwrap().parse().unwrap();
    assert!((25..=60).contains(&pages), "{pages} pages");
    let sizes: Vec<&str> = info.lines().filter(|l| l.contains(" size: ")).collect();
    assert!(sizes.iter().any(|l| l.contains("841.89 x 595.276")), "no landscape page");
    assert!(sizes.first().unwrap().contains("595.276 x 841.89"));
    let doc = lopdf::Document::load(pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"th-TH");
    assert!(catalog.get(b"Outlines").is_ok(), "no outline");
}

#[test]
fn same_input_gives_the_same_bytes() {
    let ts = phaen::render::pdf::text::Typesetter::new();
    let a = phaen::render::pdf::render(example_doc(), &ts, Default::default()).unwrap();
    let b = phaen::render::pdf::render(example_doc(), &ts, Default::default()).unwrap();
    assert!(a == b, "two renders differ");
    assert_eq!(a, std::fs::read(example_pdf()).unwrap());
}

/// Line ends between two Thai letters, and how many of them fall inside a
/// word as phaen's own segmentation reads the two lines' ends joined (the
/// way scripts/breaks.py asks PyThaiNLP's newmm, whose word list phaen uses).
fn breaks_inside_words(pdf: &std::path::Path) -> (usize, usize, Vec<String>) {
    let text = run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let thai = |c: char| ('\u{0E01}'..='\u{0E4E}').contains(&c);
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let (mut total, mut inside, mut seen) = (0, 0, Vec::new());
    for w in lines.windows(2) {
        let (a, b) = (w[0], w[1]);
        if !a.ends_with(thai) || !b.starts_with(thai) {
            continue;
        }
        total += 1;
        let left: Vec<char> = a.chars().rev().take_while(|&c| thai(c)).collect::<Vec<_>>().into_iter().rev().collect();
        let right: Vec<char> = b.chars().take_while(|&c| thai(c)).collect();
        if b[right.iter().map(|c| c.len_utf8()).sum::<usize>()..].starts_with('.') {
            // the next line starts with an abbreviation (พ.ศ.)
            continue;
        }
        let joined: Vec<char> = left.iter().chain(&right).copied().collect();
        let words = phaen::thai::words::segment(&joined, &[]);
        if !words.iter().any(|w| w.end == left.len()) {
            inside += 1;
            seen.push(format!("{}|{}", left.iter().collect::<String>(), right.iter().collect::<String>()));
        }
    }
    (inside, total, seen)
}

#[test]
fn few_line_ends_fall_inside_a_word() {
    if !have("pdftotext") {
        return;
    }
    // the example: a word is split only where it is wider than its column
    let (inside, total, seen) = breaks_inside_words(example_pdf());
    assert!(total > 800 && inside * 100 <= total, "{inside} of {total}: {seen:?}");
    // the hard plan's long compounds in narrow columns
    let (_, pdf) = compose_and_render(&root().join("tests/typeset/hard.yaml"));
    let (inside, total, seen) = breaks_inside_words(&pdf);
    assert!(total > 800 && inside * 100 <= 3 * total, "{inside} of {total}: {seen:?}");
}

/// Every line the layout set comes out of pdftotext as written, spaces and
/// all, on its page: a line drawn with cluster glyphs and no ActualText
/// (the most of them) as much as a justified line that keeps its
/// ActualText. A space poppler put into a Thai word, or a character lost or
/// decomposed (ำ read as ํา), fails here, where the paragraph check, which
/// ignores spaces, would pass.
#[test]
fn every_line_reads_back_verbatim() {
    if !have("pdftotext") {
        return;
    }
    let ts = phaen::render::pdf::text::Typesetter::new();
    let laid = phaen::render::pdf::layout::layout(example_doc(), &ts, (phaen::template::TimelineStyle::Bar, [70, 110, 170])).expect("lays out");
    let raw = run("pdftotext", &[example_pdf().to_str().unwrap(), "-"]);
    let pages: Vec<&str> = raw.split('\x0c').collect();
    assert!(pages.len() >= laid.pages.len(), "{} pages read, {} laid out", pages.len(), laid.pages.len());
    let (mut lines, mut wrong) = (0, Vec::new());
    for (page, read) in laid.pages.iter().zip(&pages) {
        for item in &page.items {
            let phaen::render::pdf::layout::Item::Text { line, .. } = item else { continue };
            let text = line.text.trim();
            if text.is_empty() {
                continue;
            }
            lines += 1;
            if !read.contains(text) {
                wrong.push(text.to_string());
            }
        }
    }
    assert!(lines > 1000, "{lines} lines");
    assert!(wrong.is_empty(), "{} of {lines} lines not read as written, e.g. {:#?}", wrong.len(), &wrong[..wrong.len().min(10)]);
}

/// A reader that goes by the fonts' ToUnicode maps and ignores ActualText
/// (MuPDF here; pdf.js in a browser reads the same way) gets the Thai as
/// written too: ำ is one character, not ํ + า, and a consonant's marks stay
/// in its word. Justified lines may still read with a space where the line
/// was spread (those carry ActualText for the readers that use it).
#[test]
fn a_reader_without_actual_text_reads_thai_as_written() {
    if !have("mutool") || !have("pdftotext") {
        return;
    }
    let pdf = example_pdf().to_str().unwrap();
    let out = std::env::temp_dir().join(format!("phaen-test-{}-mutool.txt", std::process::id()));
    let status = std::process::Command::new("mutool").args(["draw", "-q", "-F", "txt", "-o", out.to_str().unwrap(), pdf]).status().expect("mutool runs");
    assert!(status.success());
    let mu = std::fs::read_to_string(&out).expect("mutool wrote text");
    assert!(!mu.contains("\u{0E4D}\u{0E32}"), "sara am read as nikhahit + sara aa");
    let text = run("pdftotext", &[pdf, "-"]);
    let exact: std::collections::HashSet<&str> = text.lines().map(str::trim).collect();
    let lines: Vec<&str> = mu.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let same = lines.iter().filter(|l| exact.contains(*l)).count();
    assert!(lines.len() > 1000 && same * 100 >= lines.len() * 97, "{same} of {} lines read as pdftotext reads them", lines.len());
}

/// ำ and its typing variant ํ + า draw alike, and so do น้ำ and นํ้า: each
/// still reads back as it was typed, on a line without ActualText; so do
/// Latin with combining accents, a cluster longer than a glyph's text can
/// hold, and the consonants that lose their tails under a mark.
#[test]
fn clusters_that_draw_alike_read_as_typed() {
    if !have("pdftotext") {
        return;
    }
    use phaen::doc::{Align, Paragraph, Style};
    use phaen::render::pdf::layout::Item;
    let ts = phaen::render::pdf::text::Typesetter::new();
    let doc = example_doc();
    let mut laid = phaen::render::pdf::layout::layout(doc, &ts, (phaen::template::TimelineStyle::Bar, [70, 110, 170])).expect("lays out");
    let style = Style { size: 16.0, align: Align::Left, ..Style::default() };
    let typed = ["สำคัญ น้ำ ทำ", "สําคัญ นํ้า ทํา", "cafe\u{301} ñ n\u{303}", "ก่่่่่่่่่่ ฤๅษี ฯลฯ", "ญุ ฐู ปั่น ฟ้ำ"];
    // a page of its own at the end, so that nothing else shares its lines
    laid.pages.push(phaen::render::pdf::layout::Page { width: 595.0, height: 842.0, items: vec![Item::Mark(None)], label: None });
    let last = laid.pages.last_mut().unwrap();
    for (k, text) in typed.iter().enumerate() {
        let set = ts.set(&Paragraph::new("body", *text), &style, 400.0, &[]);
        assert_eq!(set.lines.len(), 1);
        last.items.push(Item::Text { x: 60.0, baseline: 100.0 + 30.0 * k as f32, size: 16.0, line: set.lines[0].clone(), rotated: false });
    }
    let bytes = phaen::render::pdf::write_laid(doc, &laid, Default::default()).expect("writes");
    let path = std::env::temp_dir().join(format!("phaen-test-{}-alike.pdf", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    let pages = laid.pages.len().to_string();
    let raw = run("pdftotext", &["-f", &pages, "-l", &pages, path.to_str().unwrap(), "-"]);
    for text in typed {
        assert!(raw.lines().any(|l| l.trim() == text), "{text:?} not read as typed");
    }
    let _ = std::fs::remove_file(&path);
}
