//! Setting ahead on several cores: before layout, the runs of every
//! paragraph of the document are shaped and their break priorities worked
//! out on a few threads, into the typesetter's caches.
//!
//! Shaping and break priorities are most of the cost of setting text and
//! depend on the text alone (and the face and size), not on where it lands;
//! layout, which must go in order, then finds them ready. Measured on the
//! example plan, this takes the two of them from about half of a build's
//! time to a quarter on two cores. A batch of plans already keeps every
//! core busy with one plan each, so it does not use this.

use crate::doc::{Block, Document, Paragraph, Style};

use super::text::Typesetter;

/// Shapes and breaks the document's paragraphs on `threads` threads (none
/// when `threads` is 1 or less).
pub fn prepare(doc: &Document, ts: &Typesetter, threads: usize) {
    if threads < 2 {
        return;
    }
    let mut work: Vec<(&Paragraph, Style)> = Vec::new();
    let style = |name: &str| doc.styles.get(name);
    for s in &doc.sections {
        for b in &s.blocks {
            match b {
                Block::Paragraph(p) => work.extend(style(&p.style).map(|st| (p, st.clone()))),
                Block::Image(img) => work.extend(img.caption.as_ref().and_then(|c| style(&c.style).map(|st| (c, st.clone())))),
                Block::Table(t) => {
                    for row in &t.rows {
                        for cell in &row.cells {
                            for p in &cell.content {
                                // total rows are set bold, as layout does
                                work.extend(style(&p.style).map(|st| (p, Style { bold: st.bold || row.total, ..st.clone() })));
                            }
                        }
                    }
                }
                Block::Toc(_) | Block::PageBreak => {}
            }
        }
    }
    // the longest first, so the threads finish together
    work.sort_by_key(|(p, _)| std::cmp::Reverse(p.runs.iter().map(|r| r.text.len()).sum::<usize>()));
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some((p, st)) = work.get(i) else { break };
                ts.prepare(p, st, &doc.no_break);
            });
        }
    });
}
