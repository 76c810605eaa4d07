//! Setting ahead on a second core: while layout sets the document from its
//! start, another thread shapes the runs of its paragraphs and works out
//! their break priorities from the end backwards, into the typesetter's
//! caches; past the place where the two meet, it finds everything done.
//!
//! Shaping and break priorities are most of the cost of setting text and
//! depend on the text alone (and the face and size), not on where it lands,
//! so layout, which must go in order, finds the second half of the document
//! ready. Whoever computes an entry first, the caches hold the same values:
//! the output does not depend on the timing. A batch of plans already keeps
//! every core busy with one plan each, so it does not use this.

use crate::doc::{Block, Document, Paragraph, Style};

use super::text::Typesetter;

/// Shapes and breaks the document's paragraphs, last first, on the calling
/// thread, skipping those found done.
pub fn ahead(doc: &Document, ts: &Typesetter) {
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
    // past the place where layout is, every paragraph is found done (the
    // same text may also recur earlier, so finding one done is no reason to stop)
    for (p, st) in work.iter().rev() {
        ts.prepare(p, st, &doc.no_break);
    }
}
