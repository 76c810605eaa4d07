//! Tables: a fixed grid from the column fractions, cells placed on it with
//! `gridSpan`/`vMerge`, repeated header rows, timeline bars and vertical cells.

use super::*;

/// Fill of a timeline cell that is part of a bar: a solid mid grey prints and
/// displays the same in Word and LibreOffice.
pub(super) const BAR_FILL: &str = "808080";

/// Single thin borders on every edge and between all cells.
pub(super) const TABLE_BORDERS: &str = concat!(
    r#"<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
    r#"<w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
    r#"<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
    r#"<w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
    r#"<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
    r#"<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
);

impl BodyWriter<'_> {
    /// A table; returns false when it has no columns or no rows (nothing
    /// written: Word rejects a table without rows).
    pub(super) fn table(&mut self, t: &Table, text_width: i64) -> bool {
        let ncols = t.columns.len();
        if ncols == 0 || t.rows.is_empty() {
            return false;
        }
        let widths = column_widths(&t.columns, text_width);
        let slots = place_cells(t);
        let _ = write!(
            self.out,
            concat!(
                r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{}" w:type="dxa"/>"#,
                r#"<w:tblBorders>{}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#
            ),
            text_width, TABLE_BORDERS
        );
        for w in &widths {
            let _ = write!(self.out, r#"<w:gridCol w:w="{w}"/>"#);
        }
        self.out.push_str("</w:tblGrid>");
        for (r, row) in t.rows.iter().enumerate() {
            let header = r < t.header_rows;
            let before_total = t.rows.get(r + 1).is_some_and(|n| n.total);
            let height = self.vertical_text_height(row, &slots[r], &t.cell_style);
            self.out.push_str("<w:tr>");
            if header || row.total || height > 0 {
                self.out.push_str("<w:trPr>");
                if header || row.total {
                    self.out.push_str("<w:cantSplit/>");
                }
                if height > 0 {
                    let _ = write!(self.out, r#"<w:trHeight w:val="{height}" w:hRule="atLeast"/>"#);
                }
                if header {
                    self.out.push_str("<w:tblHeader/>");
                }
                self.out.push_str("</w:trPr>");
            }
            let extra = ParaExtra { keep_next: header || before_total, bold: row.total, ..ParaExtra::default() };
            let mut c = 0;
            while c < ncols {
                match slots[r][c] {
                    Slot::Start { index, cols, rows } => {
                        let cell = &row.cells[index];
                        let width: i64 = widths[c..c + cols].iter().sum();
                        let merge = if rows > 1 { Some(r#"<w:vMerge w:val="restart"/>"#) } else { None };
                        // adjacent bar cells join: no border between them
                        let bar_at = |k: usize| match slots[r].get(k) {
                            Some(Slot::Start { index, .. }) => row.cells[*index].bar,
                            _ => false,
                        };
                        let joins = (cell.bar && c > 0 && bar_at(c - 1), cell.bar && bar_at(c + cols));
                        self.cell_open(width, cols, merge, cell, joins);
                        if cell.content.is_empty() {
                            self.empty_cell_paragraph(&t.cell_style, &extra);
                        }
                        for p in &cell.content {
                            self.paragraph(p, Some(&t.cell_style), &extra);
                        }
                        self.out.push_str("</w:tc>");
                        c += cols;
                    }
                    Slot::Continue { row: origin, index, cols } => {
                        let cell = &t.rows[origin].cells[index];
                        let width: i64 = widths[c..c + cols].iter().sum();
                        self.cell_open(width, cols, Some(r#"<w:vMerge w:val="continue"/>"#), cell, (false, false));
                        self.empty_cell_paragraph(&t.cell_style, &extra);
                        self.out.push_str("</w:tc>");
                        c += cols;
                    }
                    Slot::Free | Slot::Covered => {
                        // a gap in the row: one empty cell up to the next cell
                        let cols = (c..ncols).take_while(|&k| matches!(slots[r][k], Slot::Free | Slot::Covered)).count();
                        let width: i64 = widths[c..c + cols].iter().sum();
                        self.cell_open(width, cols, None, &Cell::empty(), (false, false));
                        self.empty_cell_paragraph(&t.cell_style, &extra);
                        self.out.push_str("</w:tc>");
                        c += cols;
                    }
                }
            }
            self.out.push_str("</w:tr>");
        }
        self.out.push_str("</w:tbl>");
        true
    }

    /// The height (twips) a row needs for the bottom-to-top text of its
    /// one-row vertical cells, 0 if it has none. Word would grow the row by
    /// itself; LibreOffice collapses it, so the height is estimated from the
    /// text (see [`estimated_width`]) and set as a minimum.
    pub(super) fn vertical_text_height(&self, row: &crate::doc::Row, slots: &[Slot], cell_style: &str) -> i64 {
        let mut height = 0.0f32;
        for slot in slots {
            let Slot::Start { index, rows: 1, .. } = *slot else { continue };
            let cell = &row.cells[index];
            if !cell.vertical {
                continue;
            }
            for p in &cell.content {
                let (_, style) = self.style_of(p, Some(cell_style));
                let (size, bold) = style.map_or((16.0, false), |s| (s.size, s.bold));
                let text = p.plain_text();
                let bold = bold || row.total || p.runs.iter().all(|r| r.bold) && !p.runs.is_empty();
                height = height.max(estimated_width(&text, size, bold) + size * 0.5);
            }
        }
        if height > 0.0 { (height * 20.0).round() as i64 + 2 * CELL_PADDING } else { 0 }
    }

    /// Opens `w:tc` and writes its properties.
    /// `joins`: the cell's left and right borders are left out (bar cells
    /// meeting other bar cells).
    pub(super) fn cell_open(&mut self, width: i64, cols: usize, merge: Option<&str>, cell: &Cell, joins: (bool, bool)) {
        let _ = write!(self.out, r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#);
        if cols > 1 {
            let _ = write!(self.out, r#"<w:gridSpan w:val="{cols}"/>"#);
        }
        if let Some(m) = merge {
            self.out.push_str(m);
        }
        if joins.0 || joins.1 {
            self.out.push_str("<w:tcBorders>");
            if joins.0 {
                self.out.push_str(r#"<w:left w:val="nil"/>"#);
            }
            if joins.1 {
                self.out.push_str(r#"<w:right w:val="nil"/>"#);
            }
            self.out.push_str("</w:tcBorders>");
        }
        let fill = if cell.bar {
            Some(BAR_FILL.to_string())
        } else {
            cell.shade.map(|[r, g, b]| format!("{r:02X}{g:02X}{b:02X}"))
        };
        if let Some(fill) = fill {
            let _ = write!(self.out, r#"<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>"#);
        }
        if cell.vertical {
            // one line, bottom to top; the row grows to the text's length
            self.out.push_str(r#"<w:noWrap/><w:textDirection w:val="btLr"/>"#);
        }
        if cell.valign == VAlign::Center {
            self.out.push_str(r#"<w:vAlign w:val="center"/>"#);
        }
        self.out.push_str("</w:tcPr>");
    }

    /// The empty paragraph every cell needs at least.
    pub(super) fn empty_cell_paragraph(&mut self, cell_style: &str, extra: &ParaExtra) {
        let p = Paragraph { style: cell_style.to_string(), ..Paragraph::default() };
        self.paragraph(&p, None, extra);
    }
}

/// Cell margin assumed above and below rotated text, twips.
pub(super) const CELL_PADDING: i64 = 57;

/// A generous estimate of the advance width of a line of Thai text, in
/// points: Sarabun's Thai letters are about 0.6 em wide, its Thai digits 0.7,
/// marks above and below take no room.
pub(super) fn estimated_width(text: &str, size: f32, bold: bool) -> f32 {
    let em: f32 = text
        .chars()
        .map(|c| match c {
            '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}' => 0.0,
            '\u{0E50}'..='\u{0E59}' => 0.7,
            '\u{0E00}'..='\u{0E7F}' => 0.62,
            ' ' => 0.25,
            '.' | ',' | ':' | ';' | '\'' => 0.3,
            c if c.is_ascii_alphanumeric() => 0.6,
            _ => 0.65,
        })
        .sum();
    em * size * if bold { 1.05 } else { 1.0 }
}

/// Grid column widths in twips, adding up exactly to the text width.
pub(super) fn column_widths(columns: &[f32], text_width: i64) -> Vec<i64> {
    let n = columns.len();
    let valid = |f: f32| if f.is_finite() && f > 0.0 { f } else { 0.0 };
    let sum: f32 = columns.iter().map(|&f| valid(f)).sum();
    let fracs: Vec<f32> = if sum > 0.0 {
        columns.iter().map(|&f| valid(f) / sum).collect()
    } else {
        vec![1.0 / n as f32; n]
    };
    let mut widths: Vec<i64> = fracs.iter().map(|f| ((f * text_width as f32).round() as i64).max(1)).collect();
    let rest: i64 = widths[..n - 1].iter().sum();
    widths[n - 1] = (text_width - rest).max(1);
    widths
}

/// What occupies one grid position of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    /// Nothing: the row has no cell there.
    Free,
    /// A cell starts here (`index` in its row), covering `cols` × `rows`.
    Start { index: usize, cols: usize, rows: usize },
    /// A row span from the cell `index` of row `row` continues here.
    Continue { row: usize, index: usize, cols: usize },
    /// Covered by a column span starting further left.
    Covered,
}

/// Lays every cell on the grid ([`Table::grid`]) and marks what its spans cover.
pub(super) fn place_cells(t: &Table) -> Vec<Vec<Slot>> {
    let ncols = t.columns.len();
    let nrows = t.rows.len();
    let mut slots = vec![vec![Slot::Free; ncols]; nrows];
    for (r, placed) in t.grid().into_iter().enumerate() {
        for p in placed {
            if slots[r][p.col] != Slot::Free {
                continue;
            }
            let cell = &t.rows[r].cells[p.index];
            let cols = (p.col..(p.col + cell.col_span.max(1)).min(ncols))
                .take_while(|&c| slots[r][c] == Slot::Free)
                .count();
            let rows = (r..(r + cell.row_span.max(1)).min(nrows))
                .take_while(|&rr| rr == r || slots[rr][p.col..p.col + cols].iter().all(|s| *s == Slot::Free))
                .count();
            for (k, row) in slots.iter_mut().enumerate().skip(r).take(rows) {
                row[p.col] = if k == r {
                    Slot::Start { index: p.index, cols, rows }
                } else {
                    Slot::Continue { row: r, index: p.index, cols }
                };
                for s in &mut row[p.col + 1..p.col + cols] {
                    *s = Slot::Covered;
                }
            }
        }
    }
    slots
}
