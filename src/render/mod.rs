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
    /// How each laid table's rows met the page breaks, in document order,
    /// one entry per row (see [`RowPaging`]).
    pub table_rows: Vec<Vec<RowPaging>>,
    /// Number of pages of the PDF.
    pub pages: usize,
}

/// Where a table row stood with respect to the PDF's page breaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RowPaging {
    /// On the page of the row before it.
    #[default]
    Along,
    /// Moved whole to a new page: the row before it ends on an earlier page.
    Moved,
    /// Split between lines across pages.
    Split,
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
        Hints { headings, table_widths: laid.table_widths.clone(), table_rows: row_paging(laid), pages: laid.pages.len() }
    }
}

/// The paging of every laid table's rows, read from the structure marks of
/// the text lines: the pages each row's lines are on.
fn row_paging(laid: &pdf::layout::Laid) -> Vec<Vec<RowPaging>> {
    use pdf::layout::{Item, Tag};
    let elements = &laid.elements;
    // the row of each element inside one, and each row's table
    let mut row_of = vec![None; elements.len()];
    let mut rows_of_table: Vec<Vec<usize>> = Vec::new();
    let mut table_index = vec![None; elements.len()];
    for (i, e) in elements.iter().enumerate() {
        match e.tag {
            Tag::Table => {
                table_index[i] = Some(rows_of_table.len());
                rows_of_table.push(Vec::new());
            }
            Tag::Row => {
                row_of[i] = Some(i);
                // the table: up through THead/TBody
                let mut up = e.parent;
                while let Some(p) = up {
                    if let Some(t) = table_index[p] {
                        rows_of_table[t].push(i);
                        break;
                    }
                    up = elements[p].parent;
                }
            }
            _ => row_of[i] = e.parent.and_then(|p| row_of[p]),
        }
    }
    let mut pages: Vec<(usize, usize)> = vec![(usize::MAX, 0); elements.len()];
    for (n, page) in laid.pages.iter().enumerate() {
        let mut current = None;
        for item in &page.items {
            match item {
                Item::Mark(m) => current = *m,
                Item::Text { .. } => {
                    if let Some(r) = current.and_then(|e: usize| row_of.get(e).copied().flatten()) {
                        let span = &mut pages[r];
                        *span = (span.0.min(n), span.1.max(n));
                    }
                }
                _ => {}
            }
        }
    }
    rows_of_table
        .iter()
        .map(|rows| {
            let mut before: Option<usize> = None;
            rows.iter()
                .map(|&r| {
                    let (first, last) = pages[r];
                    if first == usize::MAX {
                        return RowPaging::Along;
                    }
                    let paging = if last > first {
                        RowPaging::Split
                    } else if before.is_some_and(|b| b < first) {
                        RowPaging::Moved
                    } else {
                        RowPaging::Along
                    };
                    before = Some(last);
                    paging
                })
                .collect()
        })
        .collect()
}
