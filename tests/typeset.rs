//! Geometry of the layout on hard cases: the hard plan in tests/typeset/
//! (22 activities, amounts of 1,000,000–99,999,999 baht in every money column,
//! long Thai compounds in narrow cells, Latin with hyphens, abbreviations) and
//! the examples. Assertions are on the positions the layout gives each glyph
//! and cell border (`render::pdf::layout`), with glyph extents from the font.

mod common;

use std::sync::OnceLock;

use phaen::doc::{Block, Cell, Document, Paragraph, Row, Table};
use phaen::render::pdf::layout::{self, Item, Laid, Page};
use phaen::render::pdf::text::{Typesetter, PT_PER_MM};

fn compose(path: &std::path::Path) -> Document {
    let checked = phaen::check(path, &Default::default());
    assert!(checked.diagnostics.iter().all(|d| d.severity != phaen::diagnostic::Severity::Error), "{:?}", checked.diagnostics);
    checked.document.expect("plan composes").0
}

fn typesetter() -> &'static Typesetter {
    static TS: OnceLock<Typesetter> = OnceLock::new();
    TS.get_or_init(Typesetter::new)
}

fn lay(doc: &Document) -> Laid {
    layout::layout(doc, typesetter(), (phaen::template::TimelineStyle::Bar, [70, 110, 170])).expect("lays out")
}

/// The hard plan, composed and laid out once for all tests.
fn hard() -> &'static (Document, Laid) {
    static HARD: OnceLock<(Document, Laid)> = OnceLock::new();
    HARD.get_or_init(|| {
        let doc = compose(&common::root().join("tests/typeset/hard.yaml"));
        let laid = lay(&doc);
        (doc, laid)
    })
}

/// The two examples and an ordinary plan of another office (22 activities,
/// amounts up to 1,250,000, written the way an office writes, not to be
/// hard), laid out once.
fn examples() -> &'static Vec<(Document, Laid)> {
    static EX: OnceLock<Vec<(Document, Laid)>> = OnceLock::new();
    EX.get_or_init(|| {
        ["data/chachoengsao2-2563.yaml", "data/provincial-drive-plan.yaml", "tests/typeset/lampang2-2568.yaml"]
            .iter()
            .map(|p| {
                let doc = compose(&common::root().join(p));
                let laid = lay(&doc);
                (doc, laid)
            })
            .collect()
    })
}

/// Cell borders of a page: (left, top, right, bottom).
fn cells(page: &Page) -> Vec<(f32, f32, f32, f32)> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Rect { x, y, w, h, stroke: Some(_), .. } => Some((*x, *y, x + w, y + h)),
            _ => None,
        })
        .collect()
}

/// Horizontal extent of a line's glyphs (ink and advance), points from the page's left edge.
fn extent(x: f32, size: f32, line: &phaen::render::pdf::text::Line) -> (f32, f32) {
    line.glyphs.iter().fold((f32::MAX, f32::MIN), |(lo, hi), g| {
        let (a, b) = phaen::fonts::extent(g.face, g.gid);
        (lo.min(x + g.x + a * size), hi.max(x + g.x + b * size))
    })
}

/// Every upright text line inside a cell keeps its glyphs between the
/// cell's borders; returns the lines that do not, with the page index.
fn crossings(laid: &Laid) -> Vec<String> {
    let mut out = Vec::new();
    for (p, page) in laid.pages.iter().enumerate() {
        let boxes = cells(page);
        for item in &page.items {
            let Item::Text { x, baseline, size, line, rotated: false } = item else { continue };
            if line.glyphs.is_empty() {
                continue;
            }
            let start = x + line.glyphs.iter().map(|g| g.x).fold(f32::MAX, f32::min);
            // the smallest cell holding the line's start
            let cell = boxes
                .iter()
                .filter(|(l, t, r, b)| start >= *l - 0.01 && start <= *r && *baseline > *t && *baseline < *b)
                .min_by(|a, b| ((a.2 - a.0) * (a.3 - a.1)).total_cmp(&((b.2 - b.0) * (b.3 - b.1))));
            let (lo, hi) = extent(*x, *size, line);
            let (left, right) = match cell {
                Some((l, _, r, _)) => (*l, *r),
                // body text: inside the page
                None => (0.0, page.width),
            };
            if lo < left - 0.05 || hi > right + 0.05 {
                out.push(format!("page {}: {:?} spans {lo:.1}–{hi:.1}, cell {left:.1}–{right:.1}", p + 1, line.text));
            }
        }
    }
    out
}

#[test]
fn every_glyph_stays_inside_its_cell() {
    let (_, laid) = hard();
    let bad = crossings(laid);
    assert!(bad.is_empty(), "{} lines cross a cell border: {:#?}", bad.len(), &bad[..bad.len().min(20)]);
    for (doc, laid) in examples() {
        let bad = crossings(laid);
        assert!(bad.is_empty(), "{}: {:#?}", doc.meta.title, &bad[..bad.len().min(20)]);
    }
}

/// Characters a Thai line can never start with: marks above and below, ๆ and ฯ.
/// (The following vowels ะ า ำ join this list with the typesetter's syllable rules.)
fn follows(c: char) -> bool {
    matches!(c, 'ั' | 'ิ' | 'ี' | 'ึ' | 'ื' | 'ุ' | 'ู' | 'ฺ' | '็' | '่' | '้' | '๊' | '๋' | '์' | 'ํ' | '๎' | 'ๆ' | 'ฯ')
}

#[test]
fn no_line_starts_with_a_mark() {
    let all = std::iter::once(hard()).chain(examples().iter());
    for (doc, laid) in all {
        for (p, page) in laid.pages.iter().enumerate() {
            for item in &page.items {
                if let Item::Text { line, .. } = item {
                    let first = line.text.trim_start().chars().next();
                    assert!(!first.is_some_and(follows), "{}, page {}: line starts with a following vowel or mark: {:?}", doc.meta.title, p + 1, line.text);
                }
            }
        }
    }
}

/// Cell texts of the document that are amounts (`๑,๒๕๐,๐๐๐`).
fn amounts(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for s in &doc.sections {
        for b in &s.blocks {
            if let Block::Table(t) = b {
                for p in t.rows.iter().flat_map(|r| &r.cells).flat_map(|c| &c.content) {
                    let text = p.plain_text();
                    if text.contains(',') && text.chars().all(|c| phaen::thai::is_digit(c) || c == ',') {
                        out.push(text);
                    }
                }
            }
        }
    }
    out
}

#[test]
fn money_amounts_stay_on_one_line() {
    let (doc, laid) = hard();
    let amounts = amounts(doc);
    // every activity, strategy total and the grand total, each of 1,000,000 or more
    assert!(amounts.len() >= 2 * 22 + 3 + 1, "{}", amounts.len());
    assert!(amounts.iter().all(|a| a.chars().filter(|c| phaen::thai::is_digit(*c)).count() >= 7), "{amounts:?}");
    let lines: Vec<&str> = laid.pages.iter().flat_map(|p| &p.items).filter_map(|i| if let Item::Text { line, .. } = i { Some(line.text.as_str()) } else { None }).collect();
    for a in &amounts {
        assert!(lines.iter().any(|l| l.split_whitespace().any(|w| w == a)), "{a} is not printed whole on one line");
    }
}

/// Share of a page's text height that its content covers.
fn fill(doc: &Document, page: &Page) -> f32 {
    let top = doc.page.top * PT_PER_MM;
    let bottom = page.height - doc.page.bottom * PT_PER_MM;
    let low = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rect { y, h, .. } => Some(y + h),
            Item::Text { baseline, rotated: false, .. } => Some(*baseline),
            _ => None,
        })
        .fold(top, f32::max);
    (low - top) / (bottom - top)
}

#[test]
fn the_timeline_of_22_activities_fits_seven_pages_each_three_quarters_full() {
    // the hard plan and the other office's plan have 22 activities each
    for (doc, laid) in [hard(), &examples()[2]] {
        let landscape: Vec<&Page> = laid.pages.iter().filter(|p| p.width > p.height).collect();
        let fills: Vec<f32> = landscape.iter().map(|p| fill(doc, p)).collect();
        assert!(!landscape.is_empty() && landscape.len() <= 7, "{}: {} timeline pages: {fills:?}", doc.meta.title, landscape.len());
        for (i, f) in fills.iter().enumerate().take(fills.len() - 1) {
            assert!(*f >= 0.75, "{}: timeline page {} is {:.0} % full: {fills:?}", doc.meta.title, i + 1, f * 100.0);
        }
    }
}

#[test]
fn the_examples_take_no_more_pages_than_before() {
    // 38 and 8 pages before column widths came from content and rows split;
    // the other office's plan 33 with table text at 14 pt
    let before = [38, 8, 33];
    for ((doc, laid), max) in examples().iter().zip(before) {
        assert!(laid.pages.len() <= max, "{}: {} pages", doc.meta.title, laid.pages.len());
    }
}

/// Labels of the first paragraph of the cells in column `col` of the tables with `ncols` columns.
fn labels(doc: &Document, ncols: usize, col: usize) -> Vec<String> {
    let mut out = Vec::new();
    for b in doc.sections.iter().flat_map(|s| &s.blocks) {
        let Block::Table(t) = b else { continue };
        if t.columns.len() != ncols {
            continue;
        }
        for (r, placed) in t.grid().iter().enumerate().skip(t.header_rows) {
            for pl in placed.iter().filter(|pl| pl.col == col) {
                if let Some(p) = t.rows[r].cells[pl.index].content.first() {
                    out.push(p.label.clone());
                }
            }
        }
    }
    out
}

#[test]
fn action_tables_and_timeline_print_the_same_activity_numbers() {
    let (doc, _) = hard();
    // five-column tables with labelled projects: the action tables
    let action: Vec<String> = labels(doc, 5, 2).into_iter().filter(|l| !l.is_empty()).collect();
    let timeline: Vec<String> = labels(doc, 17, 0).into_iter().filter(|l| !l.is_empty()).collect();
    let expected: Vec<String> = (1..=22).map(|n| format!("{}.", phaen::thai::number(n, phaen::thai::DigitStyle::Thai))).collect();
    assert_eq!(action, expected);
    assert_eq!(timeline, expected);
}

#[test]
fn column_widths_are_reported_and_the_budget_column_gets_what_it_needs() {
    let tables = |doc: &Document| doc.sections.iter().flat_map(|s| &s.blocks).filter(|b| matches!(b, Block::Table(_))).count();
    let (doc, laid) = &examples()[0];
    assert_eq!(laid.table_widths.len(), tables(doc));
    for w in &laid.table_widths {
        assert!((w.iter().sum::<f32>() - 1.0).abs() < 0.001, "{w:?}");
    }
    // the example's amounts are six digits: its budget column needs less than the template's 18 %
    // (the action tables: five columns, the last headed งบประมาณ)
    let budget_last = |t: &phaen::doc::Table| t.columns.len() == 5 && t.rows.first().and_then(|r| r.cells.last()).is_some_and(|c| c.content.iter().any(|p| p.plain_text().contains("งบประมาณ")));
    let all: Vec<&phaen::doc::Table> = doc.sections.iter().flat_map(|s| &s.blocks).filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).collect();
    let action: Vec<&Vec<f32>> = all.iter().zip(&laid.table_widths).filter(|(t, _)| budget_last(t)).map(|(_, w)| w).collect();
    assert!(action.len() == 2 && action.iter().all(|w| w[4] < 0.177), "{:?}", laid.table_widths);
    let (doc, laid) = hard();
    assert_eq!(laid.table_widths.len(), tables(doc));
}

#[test]
fn a_piece_that_cannot_fit_is_set_smaller_with_a_warning() {
    let (doc, _) = &examples()[1];
    let mut doc = doc.clone();
    // twelve amounts side by side are wider than a portrait page
    let amount = "๙๙,๙๙๙,๙๙๙";
    let row = Row { cells: (0..12).map(|_| Cell::text(&doc.sections[1].blocks.iter().find_map(|b| if let Block::Table(t) = b { Some(t.cell_style.clone()) } else { None }).unwrap_or_else(|| "cell".into()), amount)).collect(), total: false };
    let style = row.cells[0].content[0].style.clone();
    doc.sections.last_mut().unwrap().blocks.push(Block::Paragraph(Paragraph::new(&style, "ตารางทดสอบ")));
    doc.sections.last_mut().unwrap().blocks.push(Block::Table(Table { columns: vec![1.0; 12], header_rows: 0, rows: vec![row], cell_style: style }));
    let laid = lay(&doc);
    assert!(crossings(&laid).is_empty(), "{:?}", crossings(&laid));
    assert!(laid.warnings.iter().any(|w| w.contains(amount) && w.contains("pt")), "{:?}", laid.warnings);
    let lines: Vec<&str> = laid.pages.iter().flat_map(|p| &p.items).filter_map(|i| if let Item::Text { line, .. } = i { Some(line.text.as_str()) } else { None }).collect();
    assert_eq!(lines.iter().filter(|l| **l == amount).count(), 12, "each amount on one line");
}

#[test]
fn a_lead_in_paragraph_stays_on_the_page_of_its_table() {
    let (_, laid) = hard();
    let mut seen = 0;
    for page in &laid.pages {
        let items = &page.items;
        for (i, item) in items.iter().enumerate() {
            let Item::Text { line, .. } = item else { continue };
            if line.text.trim_end().ends_with("สรุปได้ดังนี้") {
                seen += 1;
                assert!(items[i..].iter().any(|x| matches!(x, Item::Rect { stroke: Some(_), .. })), "{:?} ends a page without its table", line.text);
            }
        }
    }
    assert!(seen >= 3, "one lead-in per strategy at least: {seen}");
}

/// For every structure element, the pages its text lines are on and how
/// many lines on each (lines count toward the element marked and its ancestors).
fn lines_by_element(laid: &Laid) -> std::collections::BTreeMap<usize, std::collections::BTreeMap<usize, usize>> {
    let mut out: std::collections::BTreeMap<usize, std::collections::BTreeMap<usize, usize>> = Default::default();
    for (p, page) in laid.pages.iter().enumerate() {
        let mut current = None;
        for item in &page.items {
            match item {
                Item::Mark(m) => current = *m,
                Item::Text { .. } => {
                    let mut e = current;
                    while let Some(i) = e {
                        *out.entry(i).or_default().entry(p).or_default() += 1;
                        e = laid.elements[i].parent;
                    }
                }
                _ => {}
            }
        }
    }
    out
}

#[test]
fn no_body_paragraph_leaves_or_carries_a_single_line() {
    use phaen::render::pdf::layout::Tag;
    for (doc, laid) in std::iter::once(hard()).chain(examples().iter()) {
        let lines = lines_by_element(laid);
        let mut split = 0;
        for (e, pages) in &lines {
            if !matches!(laid.elements[*e].tag, Tag::P | Tag::ListBody) || pages.len() < 2 {
                continue;
            }
            split += 1;
            assert!(pages.values().all(|n| *n >= 2), "{}: a paragraph split {pages:?} (page: lines)", doc.meta.title);
        }
        assert!(split > 0 || laid.pages.len() < 10, "{}: no paragraph crosses a page, the test saw nothing", doc.meta.title);
    }
}

#[test]
fn a_table_starts_with_its_first_row_on_the_page_of_its_header() {
    use phaen::render::pdf::layout::Tag;
    for (doc, laid) in std::iter::once(hard()).chain(examples().iter()) {
        let lines = lines_by_element(laid);
        let children = |e: usize| (0..laid.elements.len()).filter(move |&c| laid.elements[c].parent == Some(e));
        for t in (0..laid.elements.len()).filter(|&e| laid.elements[e].tag == Tag::Table) {
            let head = children(t).find(|&c| laid.elements[c].tag == Tag::THead);
            let body = children(t).find(|&c| laid.elements[c].tag == Tag::TBody);
            let (Some(head), Some(body)) = (head, body) else { continue };
            let (Some(head_pages), Some(first_row)) = (lines.get(&head), children(body).next()) else { continue };
            let start = *head_pages.keys().next().unwrap();
            let row_pages = lines.get(&first_row).map(|p| p.keys().copied().collect::<Vec<_>>()).unwrap_or_default();
            assert!(row_pages.is_empty() || row_pages.contains(&start), "{}: a table's header is on page {} but its first row on {row_pages:?}", doc.meta.title, start + 1);
        }
    }
}

/// The hard plan's styles and page with one section of `blocks` after
/// `filler` one-line paragraphs, laid out.
fn after_filler(filler: usize, blocks: &[Block]) -> Laid {
    let mut doc = hard().0.clone();
    let mut section = doc.sections.last().unwrap().clone();
    section.orientation = phaen::doc::Orientation::Portrait;
    section.blocks = (0..filler).map(|i| Block::Paragraph(Paragraph::new("lead", format!("บรรทัดที่ {i}")))).collect();
    section.blocks.extend(blocks.iter().cloned());
    doc.sections = vec![section];
    lay(&doc)
}

/// Pages (index) of the lines whose text contains `needle`.
fn pages_of(laid: &Laid, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (p, page) in laid.pages.iter().enumerate() {
        for item in &page.items {
            if matches!(item, Item::Text { line, .. } if line.text.contains(needle)) {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn at_every_position_on_a_page_tables_and_lead_ins_start_whole() {
    // a lead-in, then a table whose first row is five lines (far less than a
    // quarter page): wherever they fall, the header, the whole first row and
    // the lead-in's last line are on one page, and a three-line paragraph is
    // never split two and one
    let first: Vec<Paragraph> = (1..=5).map(|i| Paragraph::new("cell", format!("แถวแรก{i}"))).collect();
    let table = Table {
        columns: vec![0.3, 0.7],
        header_rows: 1,
        rows: vec![
            Row { cells: vec![Cell::text("cell_header", "หัวตาราง"), Cell::text("cell_header", "รายละเอียด")], total: false },
            Row { cells: vec![Cell::text("cell", "แถวแรก"), Cell::new(first)], total: false },
            Row { cells: vec![Cell::text("cell", "แถวสอง"), Cell::text("cell", "ข้อความ")], total: false },
        ],
        cell_style: "cell".into(),
    };
    let three = "สามบรรทัด การดำเนินการตามยุทธศาสตร์มีเป้าหมายมุ่งเน้นให้ความสำคัญในกระบวนการปรับสภาพสังคมให้เกิดภาวะที่ไม่ทนต่อการทุจริตด้วยกระบวนการกล่อมเกลาทางสังคมในทุกระดับช่วงวัยจบ";
    let blocks = vec![
        Block::Paragraph(Paragraph::new("body", three)),
        Block::Paragraph(Paragraph::new("lead", "มีรายละเอียดสรุปได้ดังนี้")),
        Block::Table(table),
    ];
    let mut splits = 0;
    for filler in 14..40 {
        let laid = after_filler(filler, &blocks);
        let header = pages_of(&laid, "หัวตาราง");
        let rows: Vec<usize> = (1..=5).flat_map(|i| pages_of(&laid, &format!("แถวแรก{i}"))).collect();
        let lead = pages_of(&laid, "ดังนี้");
        assert!(rows.iter().chain(&lead).all(|p| *p == header[0]), "after {filler} lines: header on {header:?}, first row on {rows:?}, lead-in on {lead:?}");
        let (start, end) = (pages_of(&laid, "สามบรรทัด"), pages_of(&laid, "จบ"));
        if start != end {
            splits += 1;
            let on_first = laid.pages[start[0]].items.iter().filter(|i| matches!(i, Item::Text { line, .. } if three.contains(line.text.trim()) && !line.text.trim().is_empty())).count();
            assert!(on_first >= 2, "after {filler} lines the paragraph leaves {on_first} line behind");
            let on_next = laid.pages[end[0]].items.iter().filter(|i| matches!(i, Item::Text { line, .. } if three.contains(line.text.trim()) && !line.text.trim().is_empty())).count();
            assert!(on_next >= 2, "after {filler} lines the paragraph carries {on_next} line");
        }
    }
    let lines = after_filler(0, &blocks[..1]).pages[0].items.iter().filter(|i| matches!(i, Item::Text { line, .. } if three.contains(line.text.trim()) && !line.text.trim().is_empty())).count();
    assert_eq!(lines, 3, "the paragraph is {lines} lines");
    assert_eq!(splits, 0, "a three-line paragraph is never split");
}

#[test]
fn a_sum_row_never_stands_alone_under_a_repeated_header() {
    // body rows of four lines (the first of four to seven) and a sum row of
    // two lines: wherever the table falls, the page that has the sum also
    // has a line of a body row
    let table = |first: usize| {
        let mut rows = vec![Row { cells: vec![Cell::text("cell_header", "หัวตาราง"), Cell::text("cell_header", "รายละเอียด")], total: false }];
        for r in 1..=3 {
            let n = if r == 1 { first } else { 4 };
            let lines: Vec<Paragraph> = (1..=n).map(|i| Paragraph::new("cell", format!("แถว{r}บรรทัด{i}"))).collect();
            rows.push(Row { cells: vec![Cell::text("cell", &format!("แถว{r}")), Cell::new(lines)], total: false });
        }
        // its label and the source of the money
        let label = vec![Paragraph::new("cell", "รวมทั้งสิ้น"), Paragraph::new("cell", "(งบ สพฐ.)")];
        rows.push(Row { cells: vec![Cell::new(label), Cell::text("cell", "๑,๒๕๐,๐๐๐")], total: true });
        Table { columns: vec![0.3, 0.7], header_rows: 1, rows, cell_style: "cell".into() }
    };
    for filler in 14..24 {
        for first in 4..=7 {
            let laid = after_filler(filler, &[Block::Table(table(first))]);
            let sum = pages_of(&laid, "รวมทั้งสิ้น");
            let body = pages_of(&laid, "แถว");
            assert!(body.contains(&sum[0]), "after {filler} lines, first row of {first}: the sum row is on page {} without a body row (body rows on {body:?})", sum[0] + 1);
        }
    }
}
