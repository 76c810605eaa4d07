//! Renderers: the same [`crate::doc::Document`] drawn as PDF and as DOCX.

pub mod docx;
pub mod pdf;

/// Escapes text for XML content and attribute values, dropping characters
/// XML 1.0 cannot carry.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// What the DOCX renderer takes from the PDF layout so that Word and
/// LibreOffice page the document the way the PDF does.
///
/// The PDF layout decides where pages break; Word decides again by itself
/// when it opens the file. These hints carry the PDF's decisions that the
/// DOCX can state: the page each heading landed on (the cached result of the
/// table of contents, so it reads right before any refresh) and the column
/// widths each table was given. Empty hints are valid: the renderer then
/// falls back to the document model (column fractions, a TOC without page
/// numbers).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hints {
    /// Every heading the layout placed (outline level ≥ 1), in document order.
    pub headings: Vec<HeadingPage>,
    /// Each laid table's column widths as fractions of the text width, in
    /// document order (tables without rows or columns are not laid).
    pub table_widths: Vec<Vec<f32>>,
    /// Number of pages of the PDF.
    pub pages: usize,
}

/// Where one heading landed in the PDF.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HeadingPage {
    /// Outline level, 1 = top.
    pub level: u8,
    /// The heading's text.
    pub text: String,
    /// The page number printed on its page (`๑`, `ก`, `3`), empty when the
    /// page shows none.
    pub label: String,
}

impl Hints {
    /// The hints of a finished PDF layout.
    pub fn from_laid(laid: &pdf::layout::Laid) -> Hints {
        let headings = laid
            .headings
            .iter()
            .map(|h| HeadingPage {
                level: h.level,
                text: h.text.clone(),
                label: laid.pages.get(h.page).and_then(|p| p.label.clone()).unwrap_or_default(),
            })
            .collect();
        Hints { headings, table_widths: laid.table_widths.clone(), pages: laid.pages.len() }
    }
}
