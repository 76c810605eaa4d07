//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use phaen::doc::{Block, Document};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled example plan.
pub fn example() -> PathBuf {
    root().join("data/chachoengsao2-2563.yaml")
}

/// True when an external tool runs. A test needing a missing tool says why
/// it skipped, and fails instead when CI=true.
pub fn have(tool: &str) -> bool {
    let ok = Command::new(tool).arg("-v").output().is_ok();
    if !ok {
        let msg = format!("`{tool}` is not installed (Debian: apt-get install poppler-utils qpdf mupdf-tools libreoffice-writer-nogui)");
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{msg}: required under CI=true");
        }
        eprintln!("SKIPPED: {msg}");
    }
    ok
}

/// The example composed into a document.
pub fn example_doc() -> &'static Document {
    static DOC: OnceLock<Document> = OnceLock::new();
    DOC.get_or_init(|| {
        let checked = phaen::check(&example(), &Default::default());
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        checked.document.expect("example composes").0
    })
}

/// The example rendered to PDF once, written to a temporary file.
pub fn example_pdf() -> &'static Path {
    static PDF: OnceLock<PathBuf> = OnceLock::new();
    PDF.get_or_init(|| {
        let ts = phaen::render::pdf::text::Typesetter::new();
        let bytes = phaen::render::pdf::render(example_doc(), &ts, Default::default()).expect("renders");
        let dir = std::env::temp_dir().join(format!("phaen-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("example.pdf");
        std::fs::write(&path, bytes).unwrap();
        path
    })
}

/// Every paragraph of the document (cells included), as plain text.
pub fn paragraphs(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for s in &doc.sections {
        for b in &s.blocks {
            match b {
                Block::Paragraph(p) => out.push(p.plain_text()),
                Block::Table(t) => {
                    for r in &t.rows {
                        for c in &r.cells {
                            for p in &c.content {
                                out.push(p.plain_text());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out.into_iter().filter(|t| !t.trim().is_empty()).collect()
}

/// Text with all white space removed, and sara am written as one character.
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect::<String>().replace("\u{0E4D}\u{0E32}", "\u{0E33}")
}

/// Runs a command and returns its standard output as text.
pub fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).output().unwrap_or_else(|e| panic!("{cmd}: {e}"));
    assert!(out.status.success(), "{cmd} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Extracted text without the page-number headers (`- ๓ -`, `- ก -`, `- 3 -`),
/// which stand between the halves of a paragraph that runs over a page.
/// pdftotext joins a line ending in `-` to the next, so a header may share its
/// line with body text.
pub fn without_page_numbers(raw: &str) -> String {
    let mut kept = String::new();
    for line in raw.lines() {
        let t = line.trim_start();
        let token: String = t.strip_prefix("- ").unwrap_or("").chars().take_while(|c| !c.is_whitespace()).collect();
        let digits = |c: char| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c);
        let header = !token.is_empty()
            && (token.chars().all(digits) || token.chars().count() <= 2 && token.chars().all(|c| ('\u{0E01}'..='\u{0E2E}').contains(&c)));
        if header {
            let rest: String = t[2..].chars().skip_while(|c| !c.is_whitespace()).collect();
            let rest = rest.trim_start();
            kept.push_str(rest.strip_prefix('-').unwrap_or(rest));
        } else {
            kept.push_str(line);
        }
        kept.push('\n');
    }
    kept
}

/// A plan file composed and rendered to PDF in a temporary folder.
pub fn compose_and_render(path: &Path) -> (Document, PathBuf) {
    let checked = phaen::check(path, &Default::default());
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    let (doc, tpl) = checked.document.expect("plan composes");
    let ts = phaen::render::pdf::text::Typesetter::new();
    let bytes = phaen::render::pdf::render(&doc, &ts, phaen::render::pdf::Options { timeline: tpl.timeline.style, color: tpl.timeline.color, ..Default::default() }).expect("renders");
    let dir = std::env::temp_dir().join(format!("phaen-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join(format!("{}.pdf", path.file_stem().unwrap().to_string_lossy()));
    std::fs::write(&pdf, bytes).unwrap();
    (doc, pdf)
}

/// The text (without whitespace) of every table cell that the layout split
/// across pages (pdftotext reads it in parts), found from the structure marks
/// of its lines.
pub fn split_cells(doc: &Document) -> Vec<String> {
    use phaen::render::pdf::layout::{self, Item, Tag};
    use std::collections::{BTreeMap, BTreeSet};
    let ts = phaen::render::pdf::text::Typesetter::new();
    let laid = layout::layout(doc, &ts, (phaen::template::TimelineStyle::Bar, [70, 110, 170])).expect("lays out");
    let mut cells: BTreeMap<usize, (BTreeSet<usize>, String)> = BTreeMap::new();
    for (p, page) in laid.pages.iter().enumerate() {
        let mut current = None;
        for item in &page.items {
            match item {
                Item::Mark(m) => current = *m,
                Item::Text { line, .. } => {
                    let mut e = current;
                    while let Some(i) = e {
                        if matches!(laid.elements[i].tag, Tag::Cell { .. }) {
                            break;
                        }
                        e = laid.elements[i].parent;
                    }
                    if let Some(c) = e {
                        let entry = cells.entry(c).or_default();
                        entry.0.insert(p);
                        entry.1.push_str(&line.text);
                    }
                }
                _ => {}
            }
        }
    }
    cells.into_values().filter(|(pages, _)| pages.len() > 1).map(|(_, text)| squeeze(&text)).collect()
}
