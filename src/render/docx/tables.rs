//! Tables: a fixed grid from the column widths the PDF layout resolved (else
//! the model's fractions), cells placed on it with `gridSpan`/`vMerge`, the
//! PDF's cell padding, rows kept whole as the PDF keeps them, repeated header
//! rows, timeline bars in the template's style and colour, vertical cells.
//!
//! Timeline bars: Word cannot shade part of a cell's height, so each style
//! is written with what both Word and LibreOffice draw the same way:
//! - `shade`: the cell's shading, in the template's colour;
//! - `bar`: the cell's one empty paragraph, exactly 6 pt high like the PDF's
//!   bar, shaded in the colour and centred in the cell; the cells of a bar
//!   have no side margins and no borders between them, so the bands join
//!   into one bar, inset 2.5 pt at its ends as in the PDF;
//! - `arrow`: the same band 1.5 pt high, a line, in the cells between the
//!   ends; each end cell (or a one-cell arrow) holds an inline shape as wide
//!   as the cell and 8 pt high, drawing its part of the line and the PDF's
//!   triangle head (6 by 8 pt) pointing out. Inline, not floating: LibreOffice
//!   stops centring a cell vertically once it holds a floating shape.

use super::*;

/// Cell padding like the PDF's, twips: 2 pt top, 3 pt bottom, 6 pt sides,
/// 3 pt sides in narrow cells (under 80 pt), 1.5 pt in vertical cells.
pub(super) const PAD_TOP: i64 = 40;
pub(super) const PAD_BOTTOM: i64 = 60;
pub(super) const PAD_X: i64 = 120;
pub(super) const PAD_X_NARROW: i64 = 60;
pub(super) const PAD_X_VERTICAL: i64 = 30;
/// How far a bar's ends stand in from the cell's edge, twips (2.5 pt, as in the PDF).
pub(super) const BAR_INSET: i64 = 50;
/// An arrow head's length and height, twips (6 by 8 pt, as in the PDF).
pub(super) const HEAD_LENGTH: i64 = 120;
pub(super) const HEAD_HEIGHT: i64 = 160;
/// Drawing ids of the arrows start above those of the pictures.
pub(super) const SHAPE_IDS: usize = 10_000;
/// Cells narrower than this (twips, from the template's fractions) get the
/// narrow padding, as in the PDF.
pub(super) const NARROW: f32 = 80.0 * 20.0;

/// How a cell is drawn beyond its content.
#[derive(Default, Clone, Copy)]
pub(super) struct CellLook {
    /// Left and right borders left out (bar cells meeting bar cells).
    pub(super) joins: (bool, bool),
    /// Left and right padding, twips, when they differ from the table's.
    pub(super) pad: Option<(i64, i64)>,
    /// A money amount: the cell does not wrap.
    pub(super) no_wrap: bool,
}

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
        // the widths the PDF layout resolved for this table, if it has them
        let resolved = self.hints.table_widths.get(self.tables).filter(|w| w.len() == ncols && w.iter().all(|f| f.is_finite() && *f > 0.0));
        // how the PDF paged each row, if the hints say
        let paging = self.hints.table_rows.get(self.tables).filter(|p| p.len() == t.rows.len());
        self.tables += 1;
        let widths = column_widths(resolved.map_or(&t.columns[..], |w| &w[..]), text_width);
        // padding follows the template's fractions, as in the PDF
        let template_widths = column_widths(&t.columns, text_width);
        let slots = place_cells(t);
        let _ = write!(
            self.out,
            concat!(
                r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{}" w:type="dxa"/>"#,
                r#"<w:tblBorders>{}</w:tblBorders><w:tblLayout w:type="fixed"/>"#,
                r#"<w:tblCellMar><w:top w:w="{top}" w:type="dxa"/><w:left w:w="{x}" w:type="dxa"/>"#,
                r#"<w:bottom w:w="{bottom}" w:type="dxa"/><w:right w:w="{x}" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#
            ),
            text_width,
            TABLE_BORDERS,
            top = PAD_TOP,
            bottom = PAD_BOTTOM,
            x = PAD_X
        );
        let page_room = self.page_room_twips();
        for w in &widths {
            let _ = write!(self.out, r#"<w:gridCol w:w="{w}"/>"#);
        }
        self.out.push_str("</w:tblGrid>");
        for (r, row) in t.rows.iter().enumerate() {
            let header = r < t.header_rows;
            let before_total = t.rows.get(r + 1).is_some_and(|n| n.total);
            let height = self.vertical_text_height(row, &slots[r], &t.cell_style);
            // rows split where the PDF split them and move whole where it
            // moved them; elsewhere the PDF's rule: a row splits between
            // lines, two at least on each side, so a row of fewer than four
            // lines moves whole (unless taller than a page could hold)
            let whole = header
                || row.total
                || match paging.map(|p| p[r]) {
                    Some(RowPaging::Split) => false,
                    Some(RowPaging::Moved) => true,
                    Some(RowPaging::Along) | None => {
                        let (lines, height) = self.row_lines_estimate(row, &slots[r], &widths, &t.cell_style);
                        lines < 4.0 && height < page_room * 0.8
                    }
                };
            self.out.push_str("<w:tr>");
            if whole || height > 0 {
                self.out.push_str("<w:trPr>");
                if whole {
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
                        let template_width: i64 = template_widths[c..c + cols].iter().sum();
                        let band = cell.bar && self.opts.timeline != TimelineStyle::Shade && cell.content.iter().all(|p| p.plain_text().trim().is_empty());
                        let pad_x = if cell.vertical {
                            Some(PAD_X_VERTICAL)
                        } else if band {
                            Some(0)
                        } else if (template_width as f32) < NARROW && header {
                            // a narrow heading (a timeline's quarter) is centred
                            // on one line in the PDF; LibreOffice sets its bold
                            // Thai a little wider and would wrap it
                            Some(PAD_X_VERTICAL)
                        } else if (template_width as f32) < NARROW || header {
                            // a heading is centred: narrower side padding is
                            // not seen, and gives room to a client that sets
                            // bold Thai a little wider than the PDF (a column
                            // as wide as its heading's longest word would
                            // otherwise wrap it inside the word: พัฒนากา|ร)
                            Some(PAD_X_NARROW)
                        } else {
                            None
                        };
                        let money = is_money(cell);
                        // an amount is set flush right, its column as wide as
                        // the widest amount and its padding: no room to spare
                        // on the left, where a client measuring the digits a
                        // little wider than the PDF would wrap a total
                        let pad = match pad_x {
                            Some(x) if money => Some((0, x)),
                            None if money => Some((0, PAD_X)),
                            Some(x) => Some((x, x)),
                            None => None,
                        };
                        let look = CellLook { joins, pad, no_wrap: money };
                        self.cell_open(width, cols, merge, cell, look);
                        if band {
                            if self.opts.timeline == TimelineStyle::Arrow && (!joins.0 || !joins.1) {
                                self.arrow_end(!joins.0, !joins.1, width);
                            } else {
                                self.bar_paragraph(!joins.0, !joins.1);
                            }
                        } else {
                            if cell.content.is_empty() {
                                self.empty_cell_paragraph(&t.cell_style, &extra);
                            }
                            let mut above = 0.0f32;
                            for (k, p) in cell.content.iter().enumerate() {
                                let (_, st) = self.style_of(p, Some(&t.cell_style));
                                let (before, after) = st.map_or((0.0, 0.0), |s| (s.space_before, s.space_after));
                                // the PDF drops the first paragraph's space before in a cell
                                let space_before = if k == 0 { (before > 0.0).then_some(0.0) } else { gap(above, before) };
                                let extra = ParaExtra { space_before, ..ParaExtra { keep_next: extra.keep_next, bold: extra.bold, ..ParaExtra::default() } };
                                self.paragraph(p, Some(&t.cell_style), &extra);
                                above = after;
                            }
                        }
                        self.out.push_str("</w:tc>");
                        c += cols;
                    }
                    Slot::Continue { row: origin, index, cols } => {
                        let cell = &t.rows[origin].cells[index];
                        let width: i64 = widths[c..c + cols].iter().sum();
                        self.cell_open(width, cols, Some(r#"<w:vMerge w:val="continue"/>"#), cell, CellLook::default());
                        self.empty_cell_paragraph(&t.cell_style, &extra);
                        self.out.push_str("</w:tc>");
                        c += cols;
                    }
                    Slot::Free | Slot::Covered => {
                        // a gap in the row: one empty cell up to the next cell
                        let cols = (c..ncols).take_while(|&k| matches!(slots[r][k], Slot::Free | Slot::Covered)).count();
                        let width: i64 = widths[c..c + cols].iter().sum();
                        self.cell_open(width, cols, None, &Cell::empty(), CellLook::default());
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
        if height > 0.0 { (height * 20.0).round() as i64 + PAD_TOP + PAD_BOTTOM } else { 0 }
    }

    /// The height of the page's text area, twips (portrait or landscape is
    /// not known here: the smaller of the two, landscape's).
    pub(super) fn page_room_twips(&self) -> f32 {
        let p = &self.doc.page;
        let h = p.width.min(p.height) - p.top - p.bottom;
        (h * TWIPS_PER_MM).max(1.0)
    }

    /// A rough size of a row: the most lines of one of its one-row cells, and
    /// the height of the tallest, twips; lines estimated from the text's
    /// width (see [`estimated_width`]).
    pub(super) fn row_lines_estimate(&self, row: &crate::doc::Row, slots: &[Slot], widths: &[i64], cell_style: &str) -> (f32, f32) {
        let mut most = 0.0f32;
        let mut tallest = 0.0f32;
        let mut c = 0;
        for slot in slots {
            if let Slot::Start { index, cols, rows: 1 } = *slot {
                let cell = &row.cells[index];
                let inner = (widths[c..c + cols].iter().sum::<i64>() - 2 * PAD_X_NARROW).max(20) as f32 / 20.0;
                let mut h = 0.0;
                let mut n = 0.0;
                for p in &cell.content {
                    let (_, st) = self.style_of(p, Some(cell_style));
                    let (size, bold, spacing, before, after) =
                        st.map_or((16.0, false, 1.0, 0.0, 0.0), |s| (s.size, s.bold, if s.line_spacing > 0.0 { s.line_spacing } else { 1.0 }, s.space_before, s.space_after));
                    let lines = if cell.vertical { 1.0 } else { (estimated_width(&p.plain_text(), size, bold) / inner).ceil().max(1.0) };
                    h += lines * size * LINE_HEIGHT * spacing + before + after;
                    n += lines;
                }
                tallest = tallest.max(h * 20.0);
                most = most.max(n);
            }
            c += 1;
        }
        (most, tallest + (PAD_TOP + PAD_BOTTOM) as f32)
    }

    /// The one paragraph of a bar cell: a band in the template's colour, as
    /// high as the PDF's bar (or arrow line), inset at the bar's ends.
    pub(super) fn bar_paragraph(&mut self, starts: bool, ends: bool) {
        let [r, g, b] = self.opts.color;
        let height = if self.opts.timeline == TimelineStyle::Arrow { 30 } else { 120 };
        let inset = |on: bool| if on { 50 } else { 0 };
        let _ = write!(
            self.out,
            concat!(
                r#"<w:p><w:pPr><w:shd w:val="clear" w:color="auto" w:fill="{r:02X}{g:02X}{b:02X}"/>"#,
                r#"<w:spacing w:before="0" w:after="0" w:line="{h}" w:lineRule="exact"/><w:ind w:left="{l}" w:right="{rt}" w:firstLine="0"/>"#,
                r#"<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>"#
            ),
            r = r,
            g = g,
            b = b,
            h = height,
            l = inset(starts),
            rt = inset(ends)
        );
    }

    /// An end cell of an arrow (or a one-cell arrow): its part of the line
    /// with the head, drawn as one inline shape as wide as the cell and 8 pt
    /// high (the head's height), the line along its middle. Inline, the shape
    /// is centred with the cell's paragraph like the bands of the cells
    /// between (a floating shape would stop LibreOffice centring the cell).
    pub(super) fn arrow_end(&mut self, starts: bool, ends: bool, width: i64) {
        let [r, g, b] = self.opts.color;
        self.shapes += 1;
        let id = SHAPE_IDS + self.shapes;
        let emu = |twips: i64| twips * 635;
        let (w, h) = (emu(width.max(1)), emu(HEAD_HEIGHT));
        let (x1, x2) = (if starts { emu(BAR_INSET) } else { 0 }, if ends { w - emu(BAR_INSET) } else { w });
        let mid = h / 2;
        let head = |at: i64, toward: i64| {
            format!(r#"<a:path w="{w}" h="{h}" stroke="0"><a:moveTo><a:pt x="{at}" y="{mid}"/></a:moveTo><a:lnTo><a:pt x="{toward}" y="0"/></a:lnTo><a:lnTo><a:pt x="{toward}" y="{h}"/></a:lnTo><a:close/></a:path>"#)
        };
        let mut paths = format!(r#"<a:path w="{w}" h="{h}" fill="none"><a:moveTo><a:pt x="{x1}" y="{mid}"/></a:moveTo><a:lnTo><a:pt x="{x2}" y="{mid}"/></a:lnTo></a:path>"#);
        if starts {
            paths.push_str(&head(x1, x1 + emu(HEAD_LENGTH)));
        }
        if ends {
            paths.push_str(&head(x2, x2 - emu(HEAD_LENGTH)));
        }
        let _ = write!(
            self.out,
            concat!(
                r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="0"/>"#,
                r#"<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr>"#,
                r#"<w:r><w:rPr><w:noProof/><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#,
                r#"<wp:extent cx="{w}" cy="{h}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{id}" name="Arrow {id}" descr="{alt}"/><wp:cNvGraphicFramePr/>"#,
                r#"<a:graphic><a:graphicData uri="{uri}"><wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>"#,
                r#"<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/><a:pathLst>{paths}</a:pathLst></a:custGeom>"#,
                r#"<a:solidFill><a:srgbClr val="{c}"/></a:solidFill><a:ln w="15240"><a:solidFill><a:srgbClr val="{c}"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>"#,
                r#"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
            ),
            line = HEAD_HEIGHT,
            w = w,
            h = h,
            id = id,
            alt = esc(crate::render::pdf::layout::BAR_ALT),
            uri = NS_WPS,
            paths = paths,
            c = format!("{r:02X}{g:02X}{b:02X}")
        );
    }

    /// Opens `w:tc` and writes its properties.
    /// `joins`: the cell's left and right borders are left out (bar cells
    /// meeting other bar cells).
    pub(super) fn cell_open(&mut self, width: i64, cols: usize, merge: Option<&str>, cell: &Cell, look: CellLook) {
        let joins = look.joins;
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
        let fill = if cell.bar && self.opts.timeline == TimelineStyle::Shade {
            Some(self.opts.color)
        } else if cell.bar {
            None
        } else {
            cell.shade
        };
        if let Some([r, g, b]) = fill {
            let _ = write!(self.out, r#"<w:shd w:val="clear" w:color="auto" w:fill="{r:02X}{g:02X}{b:02X}"/>"#);
        }
        if cell.vertical || look.no_wrap {
            self.out.push_str("<w:noWrap/>");
        }
        if let Some((l, r)) = look.pad {
            let _ = write!(self.out, r#"<w:tcMar><w:left w:w="{l}" w:type="dxa"/><w:right w:w="{r}" w:type="dxa"/></w:tcMar>"#);
        }
        if cell.vertical {
            // one line, bottom to top; the row grows to the text's length
            self.out.push_str(r#"<w:textDirection w:val="btLr"/>"#);
        }
        if cell.valign == VAlign::Center || (cell.bar && self.opts.timeline != TimelineStyle::Shade) {
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

/// A cell holding one amount (digits with thousands commas): it must not
/// wrap, a million-baht amount split after its first digit reads wrong.
pub(super) fn is_money(cell: &Cell) -> bool {
    let [p] = cell.content.as_slice() else { return false };
    let text = p.plain_text();
    let text = text.trim();
    text.chars().any(|c| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c))
        && text.contains(',')
        && text.chars().all(|c| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c) || matches!(c, ',' | '.' | '-'))
}

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
