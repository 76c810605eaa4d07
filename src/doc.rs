//! The document model: renderer-neutral blocks that both the PDF and the DOCX
//! renderer draw.
//!
//! A [`Document`] is a list of [`Section`]s (each starts on a new page and has
//! its own orientation and page numbering) holding [`Block`]s: paragraphs
//! (headings are paragraphs whose style has an outline level), tables with
//! column and row spans, a table of contents, page breaks and images. List
//! items are paragraphs that carry their [`ListItem`] level and kind. All text is final:
//! numbering, Thai digits, dates and computed values were decided by
//! [`crate::compose`]. Styles are named, as in Word, and defined once in
//! [`Document::styles`].

use std::collections::BTreeMap;

/// A whole document, ready to render.
#[derive(Debug, Clone)]
pub struct Document {
    /// Title, author, language.
    pub meta: Meta,
    /// Paper size and margins.
    pub page: PageSetup,
    /// Named paragraph styles (`body`, `heading1`, …).
    pub styles: BTreeMap<String, Style>,
    /// Font family for every style, e.g. `Sarabun`.
    pub font_family: String,
    /// How page numbers are printed in the header; `{page}` is replaced.
    pub page_number_format: String,
    /// Digits of page numbers (Thai by default).
    pub digits: crate::thai::DigitStyle,
    /// Words that must never be split across lines (office, province, district names).
    pub no_break: Vec<String>,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// Files carried inside the output (the plan's source), for renderers
    /// that can embed them (the PDF).
    pub attachments: Vec<Attachment>,
}

/// A file embedded in the output, byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// File name, without folders.
    pub name: String,
    /// Media type, e.g. `application/yaml`.
    pub mime: String,
    /// One line saying what it is.
    pub description: String,
    /// The bytes.
    pub data: Vec<u8>,
}

/// A moment in time as a calendar date and time of day with its UTC offset
/// (Gregorian calendar).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    /// Year (Gregorian, e.g. 2019).
    pub year: i32,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
    /// Hour 0–23.
    pub hour: u8,
    /// Minute 0–59.
    pub minute: u8,
    /// Second 0–59.
    pub second: u8,
    /// Offset from UTC in minutes (Thailand: +420).
    pub offset_minutes: i16,
}

impl Timestamp {
    /// Midnight at the start of a day, Thailand time (UTC+7).
    pub fn thai_date(year: i32, month: u8, day: u8) -> Self {
        Timestamp { year, month, day, hour: 0, minute: 0, second: 0, offset_minutes: 7 * 60 }
    }

    /// The moment `secs` seconds after 1970-01-01 00:00 UTC, in UTC
    /// (what `SOURCE_DATE_EPOCH` holds).
    pub fn from_unix(secs: i64) -> Self {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        // civil-from-days (Howard Hinnant's algorithm)
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = if m <= 2 { y + 1 } else { y };
        Timestamp { year: y as i32, month: m as u8, day: d as u8, hour: (rem / 3600) as u8, minute: (rem / 60 % 60) as u8, second: (rem % 60) as u8, offset_minutes: 0 }
    }
}

/// Document metadata.
#[derive(Debug, Clone)]
pub struct Meta {
    /// Document title.
    pub title: String,
    /// Author (the office).
    pub author: String,
    /// Subject line.
    pub subject: String,
    /// BCP 47 language tag, e.g. `th-TH`.
    pub language: String,
    /// When the document was made, as the plan tells it; printed into the
    /// file's metadata so that the same plan always gives the same bytes.
    /// `None`: the file carries no date.
    pub date: Option<Timestamp>,
}

/// Paper size and margins, in millimetres, for a portrait page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    /// Paper width (portrait).
    pub width: f32,
    /// Paper height (portrait).
    pub height: f32,
    /// Top margin.
    pub top: f32,
    /// Bottom margin.
    pub bottom: f32,
    /// Left margin.
    pub left: f32,
    /// Right margin.
    pub right: f32,
    /// Distance from the top edge of the paper to the page-number header.
    pub header: f32,
}

/// Horizontal alignment of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// Flush left, ragged right.
    #[default]
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Justified the Thai way: extra space spread over character clusters
    /// (Word's "Thai Distributed"); the last line stays flush left.
    Distribute,
    /// Justified by widening spaces only (Word's "Justify").
    Justify,
}

/// A named paragraph style. Lengths in millimetres, sizes in points.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Style {
    /// Display name (Word shows it in the style list).
    pub name: String,
    /// Font size in points.
    pub size: f32,
    /// Bold text.
    pub bold: bool,
    /// Alignment.
    pub align: Align,
    /// Indent of the whole paragraph from the left text edge.
    pub indent_left: f32,
    /// Extra indent of the first line (negative: hanging indent for a label).
    pub first_line: f32,
    /// Space before the paragraph, points.
    pub space_before: f32,
    /// Space after the paragraph, points.
    pub space_after: f32,
    /// Line height as a multiple of the font's natural line height.
    pub line_spacing: f32,
    /// Outline level 1–9 for headings (navigation pane, bookmarks, TOC); 0 for body text.
    pub outline_level: u8,
    /// Keep the paragraph on the same page as the next block.
    pub keep_with_next: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            name: String::new(),
            size: 16.0,
            bold: false,
            align: Align::Left,
            indent_left: 0.0,
            first_line: 0.0,
            space_before: 0.0,
            space_after: 0.0,
            line_spacing: 1.0,
            outline_level: 0,
            keep_with_next: false,
        }
    }
}

/// Page orientation of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    /// Taller than wide.
    #[default]
    Portrait,
    /// Wider than tall (paper width and height swapped).
    Landscape,
}

/// How the pages of a section are numbered in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// No page number printed (the cover).
    None,
    /// Thai letters ก, ข, ค … (front matter); `restart` starts again at ก.
    Letters {
        /// Restart counting at 1 at the start of this section.
        restart: bool,
    },
    /// Numbers in the document's digit style; `restart` starts again at 1.
    Digits {
        /// Restart counting at 1 at the start of this section.
        restart: bool,
    },
}

/// A run of pages with one orientation and one numbering; starts a new page.
#[derive(Debug, Clone)]
pub struct Section {
    /// Orientation of its pages.
    pub orientation: Orientation,
    /// Page numbering.
    pub numbering: Numbering,
    /// Centre the content vertically on the page (the cover).
    pub vertical_center: bool,
    /// Content.
    pub blocks: Vec<Block>,
}

/// A piece of content.
#[derive(Debug, Clone)]
pub enum Block {
    /// A paragraph or heading.
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
    /// The table of contents: one line per heading whose style has
    /// `outline_level` ≤ `levels`, with its page number.
    Toc(Toc),
    /// Continue on a new page.
    PageBreak,
    /// A picture (PNG or JPEG), centred, with an optional caption below it.
    Image(Image),
}

/// The encoding of an image's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// PNG (may carry transparency).
    Png,
    /// JPEG (baseline or progressive).
    Jpeg,
}

/// A picture, kept as the bytes of its file.
#[derive(Debug, Clone)]
pub struct Image {
    /// The file's bytes, unchanged.
    pub bytes: std::sync::Arc<Vec<u8>>,
    /// PNG or JPEG.
    pub format: ImageFormat,
    /// Width in pixels.
    pub pixel_width: u32,
    /// Height in pixels.
    pub pixel_height: u32,
    /// Printed width, millimetres (renderers shrink it to fit the text width and page).
    pub width: f32,
    /// Printed height, millimetres.
    pub height: f32,
    /// Text alternative for readers who cannot see the picture (empty: decorative).
    pub alt: String,
    /// Caption printed under the picture.
    pub caption: Option<Paragraph>,
}

/// A paragraph: styled runs of text, optionally with a label (list number).
#[derive(Debug, Clone, Default)]
pub struct Paragraph {
    /// Key into [`Document::styles`].
    pub style: String,
    /// Label printed in the hanging indent (`๑.`, `-`); empty for none.
    pub label: String,
    /// The text.
    pub runs: Vec<Run>,
    /// Alignment overriding the style's.
    pub align: Option<Align>,
    /// The paragraph is an item of a list (tagged L/LI in PDF, a list item in DOCX).
    pub list: Option<ListItem>,
}

/// Where a paragraph stands in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListItem {
    /// Nesting level, 1 for the outermost list.
    pub level: u8,
    /// Numbered (true) or bulleted (false).
    pub ordered: bool,
}

/// A run of text with one formatting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Run {
    /// The text (final: digits already in the document's style).
    pub text: String,
    /// Bold (in addition to the style's).
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

impl Paragraph {
    /// A paragraph of one plain run.
    pub fn new(style: &str, text: impl Into<String>) -> Self {
        Paragraph { style: style.to_string(), runs: vec![Run { text: text.into(), ..Run::default() }], ..Paragraph::default() }
    }

    /// The paragraph introduces what follows: its text ends in a colon or in
    /// ดังนี้ / ต่อไปนี้ ("…สรุปได้ดังนี้"). Renderers keep it on the page of
    /// the table or list after it (Word's "keep with next").
    pub fn leads_in(&self) -> bool {
        let text: String = self.runs.iter().map(|r| r.text.as_str()).collect();
        let t = text.trim_end();
        t.ends_with(':') || t.ends_with('：') || t.ends_with("ดังนี้") || t.ends_with("ต่อไปนี้")
    }

    /// The paragraph's plain text, label first.
    pub fn plain_text(&self) -> String {
        let body: String = self.runs.iter().map(|r| r.text.as_str()).collect();
        if self.label.is_empty() { body } else { format!("{} {}", self.label, body) }
    }
}

/// The table of contents.
#[derive(Debug, Clone)]
pub struct Toc {
    /// Deepest outline level listed.
    pub levels: u8,
    /// Style of an entry of level 1; deeper levels use `toc2`, `toc3`, ….
    pub entry_style: String,
}

/// A table. Widths are fractions of the text width (they add up to 1).
#[derive(Debug, Clone)]
pub struct Table {
    /// Relative column widths.
    pub columns: Vec<f32>,
    /// The first `header_rows` rows are repeated at the top of every page.
    pub header_rows: usize,
    /// Rows. A row lists only the cells that start in it: positions covered by
    /// a row span from above are skipped, as in HTML.
    pub rows: Vec<Row>,
    /// Style of the paragraphs in body cells (key into [`Document::styles`]).
    pub cell_style: String,
}

/// A table row.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// Cells starting in this row, left to right.
    pub cells: Vec<Cell>,
    /// Sum row (printed bold, never separated from the row above).
    pub total: bool,
}

/// Vertical alignment in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VAlign {
    /// At the top.
    #[default]
    Top,
    /// Centred.
    Center,
}

/// A table cell.
#[derive(Debug, Clone)]
pub struct Cell {
    /// Paragraphs in the cell.
    pub content: Vec<Paragraph>,
    /// Number of columns covered (≥ 1).
    pub col_span: usize,
    /// Number of rows covered (≥ 1).
    pub row_span: usize,
    /// Vertical alignment.
    pub valign: VAlign,
    /// Background colour as RGB, 0–255.
    pub shade: Option<[u8; 3]>,
    /// The cell is an active month of a timeline: drawn as part of a bar
    /// (or arrow, or shading) joined with the active cells next to it.
    pub bar: bool,
    /// Text runs from bottom to top (a narrow header cell); one line, no wrapping.
    pub vertical: bool,
}

impl Cell {
    /// A one-by-one cell holding the given paragraphs.
    pub fn new(content: Vec<Paragraph>) -> Self {
        Cell { content, col_span: 1, row_span: 1, valign: VAlign::Top, shade: None, bar: false, vertical: false }
    }

    /// A one-by-one cell holding one paragraph of the given style and text.
    pub fn text(style: &str, text: impl Into<String>) -> Self {
        Self::new(vec![Paragraph::new(style, text)])
    }

    /// An empty one-by-one cell.
    pub fn empty() -> Self {
        Self::new(Vec::new())
    }

    /// Sets the spans.
    pub fn span(mut self, cols: usize, rows: usize) -> Self {
        self.col_span = cols.max(1);
        self.row_span = rows.max(1);
        self
    }

    /// Sets the vertical alignment.
    pub fn valign(mut self, v: VAlign) -> Self {
        self.valign = v;
        self
    }

    /// Sets the alignment of every paragraph in the cell.
    pub fn align(mut self, align: Align) -> Self {
        for p in &mut self.content {
            p.align = Some(align);
        }
        self
    }
}

/// Where each cell of a table sits on the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    /// Row index of the cell's top row.
    pub row: usize,
    /// Column index of the cell's first column.
    pub col: usize,
    /// Index of the cell within its row's `cells`.
    pub index: usize,
}

impl Table {
    /// Places every cell on the grid, following row spans from rows above.
    /// Returns one entry per row listing its cells' positions. Cells that do
    /// not fit (more columns than the table has) are dropped from the result.
    pub fn grid(&self) -> Vec<Vec<Placed>> {
        let ncols = self.columns.len();
        // remaining rows still covered in each column by a span from above
        let mut covered = vec![0usize; ncols];
        let mut out = Vec::with_capacity(self.rows.len());
        for (r, row) in self.rows.iter().enumerate() {
            let mut placed = Vec::with_capacity(row.cells.len());
            let mut col = 0;
            for (i, cell) in row.cells.iter().enumerate() {
                while col < ncols && covered[col] > 0 {
                    col += 1;
                }
                if col >= ncols {
                    break;
                }
                placed.push(Placed { row: r, col, index: i });
                let end = (col + cell.col_span).min(ncols);
                for c in covered.iter_mut().take(end).skip(col) {
                    *c = cell.row_span;
                }
                col = end;
            }
            for c in &mut covered {
                *c = c.saturating_sub(1);
            }
            out.push(placed);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_in_paragraphs_end_in_a_colon_or_dang_ni() {
        assert!(Paragraph::new("body", "มีโครงการและกิจกรรม สรุปได้ดังนี้").leads_in());
        assert!(Paragraph::new("body", "มีแนวทางและขั้นตอนดังต่อไปนี้ ").leads_in());
        assert!(Paragraph::new("lead", "พันธกิจ :").leads_in());
        assert!(!Paragraph::new("body", "การดำเนินการตามยุทธศาสตร์").leads_in());
        assert!(!Paragraph::new("body", "เวลา 10:30 น.").leads_in());
    }

    #[test]
    fn unix_time_to_calendar() {
        let t = Timestamp::from_unix(1_700_000_000);
        assert_eq!((t.year, t.month, t.day, t.hour, t.minute, t.second), (2023, 11, 14, 22, 13, 20));
        let t = Timestamp::from_unix(951_782_400); // leap day 2000
        assert_eq!((t.year, t.month, t.day), (2000, 2, 29));
    }

    #[test]
    fn grid_follows_row_spans() {
        let t = Table {
            columns: vec![0.25; 4],
            header_rows: 0,
            cell_style: "cell".into(),
            rows: vec![
                Row { cells: vec![Cell::empty().span(1, 2), Cell::empty(), Cell::empty().span(2, 1)], total: false },
                Row { cells: vec![Cell::empty(), Cell::empty(), Cell::empty()], total: false },
            ],
        };
        let g = t.grid();
        assert_eq!(g[0].iter().map(|p| p.col).collect::<Vec<_>>(), [0, 1, 2]);
        assert_eq!(g[1].iter().map(|p| p.col).collect::<Vec<_>>(), [1, 2, 3]);
    }
}
