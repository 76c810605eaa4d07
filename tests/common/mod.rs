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
        let msg = format!("`{tool}` is not installed (Debian: apt-get install poppler-utils qpdf)");
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
        let plan = phaen::plan::load(&example()).expect("example loads");
        let tpl = phaen::template::Templates::default().load("anticorruption").expect("template");
        phaen::compose::compose(&plan, &tpl).expect("example composes")
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
