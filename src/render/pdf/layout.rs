//! Page layout: sections into pages, paragraphs into lines, tables into rows
//! and cells (with row and column spans, header rows repeated on every page,
//! rows split across pages), the table of contents with real page numbers,
//! and the page-number header.
//!
//! Coordinates are points from the top-left corner of the page, y downwards;
//! the writer turns them into PDF space.
//!
//! Tables take their column widths from their content ([`autofit`]): every
//! column is at least as wide as its widest unbreakable piece (an amount, a
//! dotted abbreviation), as measured by the typesetter with the padding; a
//! column whose content fits unbroken in less than its template share gets
//! only that; the rest is shared by the template's fractions. A piece that
//! still cannot fit is set smaller, with a warning. Rows move whole to the next
//! page when the page they leave is at least nine tenths full; otherwise a row
//! is split between lines, two lines at least on each side, as Word splits
//! rows. A table starts on a page only where its header and first row fit (or
//! two lines of a first row taller than a quarter page). A paragraph that
//! leads in (ends in a colon or ดังนี้, [`Paragraph::leads_in`]) stays on the
//! page of what follows; body paragraphs leave no single line at a page foot or
//! top.

mod autofit;
mod table;

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use crate::doc::{Align, Block, Document, Numbering, Orientation, Paragraph, Run, Section, Style, Table, VAlign};
use crate::fonts::Face;
use crate::render::pdf::text::{Glyph, Line, SetParagraph, Typesetter, PT_PER_MM};
use crate::template::TimelineStyle;
use crate::thai;

/// Something drawn on a page.
#[derive(Debug, Clone)]
pub enum Item {
    /// A line of text; glyph x positions are relative to `x`.
    Text {
        /// Left edge, points.
        x: f32,
        /// Baseline, points from the top.
        baseline: f32,
        /// Font size, points.
        size: f32,
        /// The glyphs (shared with the set paragraph they come from).
        line: Arc<Line>,
        /// Runs bottom to top: `x` is then the baseline and `baseline` the start, at the bottom.
        rotated: bool,
    },
    /// A rectangle, filled and/or stroked.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: Option<[u8; 3]>,
        /// Stroke width (black).
        stroke: Option<f32>,
    },
    /// A straight line.
    Segment {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Width.
        width: f32,
        /// Colour.
        color: [u8; 3],
    },
    /// A filled triangle (arrow heads).
    Triangle {
        /// Corners.
        points: [(f32, f32); 3],
        /// Colour.
        color: [u8; 3],
    },
    /// What the items after it on this page are, for the tagged PDF: content
    /// of the structure element with this index in [`Laid::elements`], or an
    /// artifact (page numbers, rules, repeated table headers) when `None`.
    /// Every page starts as artifact. Rules, borders and fills are drawn as
    /// artifacts whatever the mark, except inside a [`Tag::Figure`].
    Mark(Option<usize>),
    /// A picture scaled into a box.
    Image {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// The picture.
        image: crate::doc::Image,
    },
}

/// The role of a structure element (PDF/UA standard structure types).
#[derive(Debug, Clone, PartialEq)]
pub enum Tag {
    /// A heading of the given outline level (H1, H2 …).
    Heading(u8),
    /// A paragraph.
    P,
    /// A list of labelled paragraphs.
    List,
    /// One labelled paragraph of a list.
    ListItem,
    /// The body of a list item (label and text).
    ListBody,
    /// A table.
    Table,
    /// The header rows of a table.
    THead,
    /// The body rows of a table.
    TBody,
    /// A table row.
    Row,
    /// A cell: header (`TH`, scope column) or data (`TD`), with its spans.
    Cell {
        /// A header cell.
        header: bool,
        /// Rows covered.
        rows: usize,
        /// Columns covered.
        cols: usize,
    },
    /// A picture or drawing, with its text alternative.
    Figure(String),
    /// The table of contents.
    Toc,
    /// One entry of the table of contents; the index of the heading it lists.
    TocItem(usize),
    /// A link (the writer adds one in each table-of-contents entry, for its annotation).
    Link,
}

/// A node of the structure tree. Elements are listed parents first.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// Its role.
    pub tag: Tag,
    /// The enclosing element; `None` for children of the document itself.
    pub parent: Option<usize>,
    /// The text is in English (Latin letters only): its `/Lang` differs from the document's.
    pub latin: bool,
}

/// Text alternative of a timeline cell drawn as an active month.
pub const BAR_ALT: &str = "ดำเนินการในเดือนนี้";

/// A laid-out page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Width, points.
    pub width: f32,
    /// Height, points.
    pub height: f32,
    /// Content.
    pub items: Vec<Item>,
    /// The printed page number (`๑`, `ก`), if the page shows one.
    pub label: Option<String>,
}

/// A heading found while laying out, for the outline and the table of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// Outline level, 1 = top.
    pub level: u8,
    /// Its text.
    pub text: String,
    /// Index of the page it is on.
    pub page: usize,
    /// Its top, points from the top of the page.
    pub y: f32,
}

/// The result of layout.
#[derive(Debug, Clone)]
pub struct Laid {
    /// Pages, in order.
    pub pages: Vec<Page>,
    /// Headings, in order.
    pub headings: Vec<Heading>,
    /// The structure tree, parents before children, in reading order.
    pub elements: Vec<Element>,
    /// Column widths of each table as fractions of the text width, in
    /// document order (the DOCX uses them to page alike).
    pub table_widths: Vec<Vec<f32>>,
    /// What the layout had to give up on, in words for the plan's author
    /// (text set smaller to fit its column).
    pub warnings: Vec<String>,
}

/// Cell padding at the sides, points: a little more than Word's default
/// (0.19 cm, 5.4 pt), so text keeps clear of the rules. 6 pt rather than the
/// 7 it was leaves 4 pt more for the text of a five-column action table,
/// which measured fewer words split in its narrow columns (example 10 → 7
/// of about 1,000 line ends, the hard plan 26 → 23 and 41 → 39 pages; see
/// docs/bench.md).
const PAD_X: f32 = 6.0;
/// How many lines of a table's height a word split between lines is worth
/// when column widths are chosen.
const SPLIT_LINES: f32 = 2.0;
const PAD_TOP: f32 = 2.0;
const PAD_BOTTOM: f32 = 3.0;
const BORDER: f32 = 0.5;
/// A row that does not fit moves whole to the next page only when the room it
/// leaves behind is at most this share of the page; else it is split.
const ROW_MOVE_ROOM: f32 = 0.1;
/// A table's first row taller than this share of a page may start split
/// under the header; a shorter one goes with the header to the next page.
const FIRST_ROW_SPLIT: f32 = 0.25;

/// Lays out the whole document. Runs twice so that the table of contents
/// shows the pages its headings end up on.
pub fn layout(doc: &Document, ts: &Typesetter, timeline: (TimelineStyle, [u8; 3])) -> Result<Laid, String> {
    for s in &doc.sections {
        for b in &s.blocks {
            check_styles(doc, b)?;
        }
    }
    let mut toc: Option<Vec<(Heading, String)>> = None;
    let mut last_pages = 0;
    // table geometry depends on the document only: measured once for all passes
    let mut geoms = HashMap::new();
    let mut sets = Default::default();
    for _ in 0..4 {
        let mut e = Engine::new(doc, ts, timeline, toc.clone());
        e.geoms = std::mem::take(&mut geoms);
        e.sets = std::mem::take(&mut sets);
        e.run();
        geoms = std::mem::take(&mut e.geoms);
        sets = std::mem::take(&mut e.sets);
        let labels = e.labels();
        for (p, l) in e.pages.iter_mut().zip(&labels) {
            p.label = l.clone();
        }
        let entries: Vec<(Heading, String)> = e
            .headings
            .iter()
            .map(|h| (h.clone(), labels.get(h.page).cloned().flatten().unwrap_or_default()))
            .collect();
        let stable = toc.as_ref() == Some(&entries) && last_pages == e.pages.len();
        last_pages = e.pages.len();
        if stable || !e.has_toc {
            e.stamp_page_numbers();
            return Ok(Laid { pages: e.pages, headings: e.headings, elements: e.elements, table_widths: e.table_widths, warnings: e.warnings });
        }
        toc = Some(entries);
    }
    Err("the table of contents did not settle on its page numbers".into())
}

fn check_styles(doc: &Document, b: &Block) -> Result<(), String> {
    let check = |name: &str| {
        if doc.styles.contains_key(name) {
            Ok(())
        } else {
            Err(format!("the document uses style `{name}`, which the template does not define"))
        }
    };
    match b {
        Block::Paragraph(p) => check(&p.style),
        Block::Table(t) => {
            check(&t.cell_style)?;
            t.rows.iter().flat_map(|r| &r.cells).flat_map(|c| &c.content).try_for_each(|p| check(&p.style))
        }
        Block::Toc(t) => check(&t.entry_style),
        Block::PageBreak => Ok(()),
        Block::Image(img) => img.caption.as_ref().map_or(Ok(()), |c| check(&c.style)),
    }
}

/// Height of the first line piece (the line height it was set with).
fn p_height(pieces: &[Piece]) -> f32 {
    pieces.first().map(|p| p.height).unwrap_or(0.0)
}

/// A piece of cell content: a line or vertical space.
#[derive(Debug, Clone)]
struct Piece {
    height: f32,
    line: Option<(Arc<Line>, f32, f32, f32)>, // line, x offset, ascent, size
}

/// A cell being placed: its content flows through fragments, one per page.
#[derive(Debug, Clone)]
struct Flow {
    x: f32,
    w: f32,
    last_row: usize,
    pieces: Vec<Piece>,
    next: usize,
    frag_top: f32,
    valign: VAlign,
    shade: Option<[u8; 3]>,
    bar: Option<(bool, bool)>, // (run starts here, run ends here)
    /// Text runs bottom to top: (line height, ascent, length of the line).
    vertical: Option<(f32, f32, f32)>,
    /// Horizontal padding.
    pad_x: f32,
    /// Lines already drawn on earlier pages.
    split: bool,
    /// Its structure element (`None`: a repeated header, drawn as artifact).
    elem: Option<usize>,
    /// The figure standing for its timeline bar, once drawn.
    figure: Option<usize>,
}

impl Flow {
    fn remaining(&self) -> f32 {
        PAD_TOP + self.pieces[self.next..].iter().map(|p| p.height).sum::<f32>() + PAD_BOTTOM
    }
}

struct Engine<'a> {
    doc: &'a Document,
    ts: &'a Typesetter,
    timeline: (TimelineStyle, [u8; 3]),
    toc: Option<Vec<(Heading, String)>>,
    has_toc: bool,
    pages: Vec<Page>,
    /// Numbering of each page's section.
    numbering: Vec<Numbering>,
    headings: Vec<Heading>,
    // geometry of the current page
    x0: f32,
    width: f32,
    top: f32,
    bottom: f32,
    y: f32,
    /// The structure tree built so far.
    elements: Vec<Element>,
    /// The element content belongs to now (`None`: artifact).
    current: Option<usize>,
    /// The open lists, outermost first: level, list element, body of its last item, style.
    list: Vec<(u8, usize, usize, String)>,
    /// While placing a table's rows: its head and body elements (`None` while
    /// repeating the header on a new page).
    table_parts: Option<(usize, usize)>,
    /// Level of the last heading tagged: a heading is tagged at most one level
    /// deeper, so the structure never skips a level (PDF/UA 7.4.2).
    last_heading: u8,
    /// Measured tables, by address and text width.
    geoms: HashMap<(usize, u32), Rc<Geom>>,
    /// Paragraphs already set, by content, style and width: each is set once
    /// for all passes (the table of contents makes at least two).
    sets: std::cell::RefCell<HashMap<u64, Rc<SetParagraph>>>,
    /// The widest line of paragraphs measured for table columns, by the same key.
    widths: std::cell::RefCell<HashMap<u64, (f32, String)>>,
    /// Column widths of the tables laid so far (fractions of the text width).
    table_widths: Vec<Vec<f32>>,
    /// Warnings for the author.
    warnings: Vec<String>,
}

/// A table measured for the current text width.
#[derive(Debug)]
struct Geom {
    /// Column edges from the text's left edge, points.
    xs: Vec<f32>,
    /// Horizontal padding of each cell, by row and index in the row.
    pad: Vec<Vec<f32>>,
    /// Font scale of each cell (1: as styled; less when its widest piece does not fit).
    scale: Vec<Vec<f32>>,
    /// What was set smaller.
    warnings: Vec<String>,
    /// Height of the header rows.
    header_h: f32,
    /// Height of the first body row, unsplit.
    first_h: f32,
}

impl<'a> Engine<'a> {
    fn new(doc: &'a Document, ts: &'a Typesetter, timeline: (TimelineStyle, [u8; 3]), toc: Option<Vec<(Heading, String)>>) -> Self {
        Engine {
            doc,
            ts,
            timeline,
            toc,
            has_toc: false,
            pages: Vec::new(),
            numbering: Vec::new(),
            headings: Vec::new(),
            x0: 0.0,
            width: 0.0,
            top: 0.0,
            bottom: 0.0,
            y: 0.0,
            elements: Vec::new(),
            current: None,
            list: Vec::new(),
            table_parts: None,
            last_heading: 0,
            geoms: HashMap::new(),
            sets: Default::default(),
            widths: Default::default(),
            table_widths: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn style(&self, name: &str) -> &'a Style {
        &self.doc.styles[name]
    }

    fn new_page(&mut self, orientation: Orientation, numbering: Numbering) {
        let p = &self.doc.page;
        let (w, h) = match orientation {
            Orientation::Portrait => (p.width, p.height),
            Orientation::Landscape => (p.height, p.width),
        };
        let (w, h) = (w * PT_PER_MM, h * PT_PER_MM);
        // content carried over from the page before stays in its element
        let items = match self.current {
            Some(e) => vec![Item::Mark(Some(e))],
            None => Vec::new(),
        };
        self.pages.push(Page { width: w, height: h, items, label: None });
        self.numbering.push(numbering);
        self.x0 = p.left * PT_PER_MM;
        self.width = w - (p.left + p.right) * PT_PER_MM;
        self.top = p.top * PT_PER_MM;
        self.bottom = h - p.bottom * PT_PER_MM;
        self.y = self.top;
    }

    /// Continues on a new page of the same kind as the current one.
    fn next_page(&mut self) {
        let last = self.pages.len() - 1;
        let orientation = if self.pages[last].width > self.pages[last].height { Orientation::Landscape } else { Orientation::Portrait };
        let numbering = match self.numbering[last] {
            Numbering::Letters { .. } => Numbering::Letters { restart: false },
            Numbering::Digits { .. } => Numbering::Digits { restart: false },
            Numbering::None => Numbering::None,
        };
        self.new_page(orientation, numbering);
    }

    fn push(&mut self, item: Item) {
        self.pages.last_mut().expect("a page exists").items.push(item);
    }

    /// Adds a structure element and returns its index.
    fn open(&mut self, tag: Tag, parent: Option<usize>) -> usize {
        self.elements.push(Element { tag, parent, latin: false });
        self.elements.len() - 1
    }

    /// Content pushed from now on belongs to `elem` (`None`: artifact).
    fn mark(&mut self, elem: Option<usize>) {
        if self.current != elem {
            self.current = elem;
            if !self.pages.is_empty() {
                self.push(Item::Mark(elem));
            }
        }
    }

    fn at_top(&self) -> bool {
        self.y <= self.top + 0.01
    }

    fn run(&mut self) {
        for section in &self.doc.sections {
            self.list.clear();
            self.new_page(section.orientation, section.numbering);
            let first_page = self.pages.len() - 1;
            self.section(section);
            if section.vertical_center && self.pages.len() - 1 == first_page {
                let shift = ((self.bottom - self.y) / 2.0).max(0.0);
                for item in &mut self.pages[first_page].items {
                    shift_item(item, shift);
                }
            }
        }
    }

    fn section(&mut self, s: &Section) {
        let n = s.blocks.len();
        for i in 0..n {
            let rest = &s.blocks[i + 1..];
            let labelled = matches!(&s.blocks[i], Block::Paragraph(p) if !p.label.is_empty() || p.list.is_some());
            if !labelled {
                self.list.clear();
            }
            match &s.blocks[i] {
                Block::Paragraph(p) => self.paragraph(p, rest),
                Block::Table(t) => self.table(t),
                Block::Toc(t) => self.toc(t),
                Block::PageBreak => self.next_page(),
                Block::Image(img) => self.image(img),
            }
        }
    }

    /// Whether paragraph `p` is kept on the page of the block after it: its
    /// style says so, or it leads in to a table, list or paragraph.
    fn keeps_with_next(&self, p: &Paragraph, rest: &[Block]) -> bool {
        let keep = self.style(&p.style).keep_with_next;
        match rest.first() {
            Some(Block::Table(_)) | Some(Block::Image(_)) => keep || p.leads_in(),
            Some(Block::Paragraph(q)) => keep || (p.leads_in() && self.style(&q.style).outline_level == 0),
            _ => false,
        }
    }

    /// Whether the start of `rest` can go in `room` points at the current
    /// position: two lines of a paragraph (all of a short one), a kept
    /// paragraph with the start of what follows it, a table's start.
    fn starts_in(&mut self, rest: &[Block], room: f32, depth: usize) -> bool {
        match rest.first() {
            Some(Block::Paragraph(p)) => {
                let st = self.style(&p.style);
                let n = self.set(p, st, self.width).lines.len();
                let lh = self.ts.line_height(st.size, st.line_spacing);
                if depth < 3 && self.keeps_with_next(p, &rest[1..]) && (n < 4 || st.outline_level > 0) {
                    let h = st.space_before + lh * n as f32 + st.space_after;
                    h <= room && self.starts_in(&rest[1..], room - h, depth + 1)
                } else {
                    // a longer kept paragraph splits, keeping its last lines with what follows
                    st.space_before + lh * n.min(2) as f32 <= room + 0.01
                }
            }
            Some(Block::Table(t)) => self.table_starts_in(t, room - 6.0),
            Some(Block::Image(img)) => (img.height * PT_PER_MM * (self.width / (img.width * PT_PER_MM)).min(1.0)).min((self.bottom - self.top) / 2.0) <= room,
            _ => true,
        }
    }

    /// Whether table `t` may start with `room` points left on the page: its
    /// header and first row fit, or the first row is too tall to move whole
    /// (over a quarter page) and the header and two of its lines fit.
    fn table_starts_in(&mut self, t: &Table, room: f32) -> bool {
        if t.rows.is_empty() || t.columns.is_empty() {
            return true;
        }
        let g = self.geom(t);
        let st = self.style(&t.cell_style);
        let lh = self.ts.line_height(st.size, st.line_spacing);
        let body = self.bottom - self.top;
        if g.header_h + g.first_h <= room + 0.01 {
            return true;
        }
        let split_room = g.header_h + 2.0 * lh + PAD_TOP + PAD_BOTTOM;
        g.first_h > FIRST_ROW_SPLIT * body && room >= split_room && room > ROW_MOVE_ROOM * body
    }

    /// The structure element of a paragraph: a heading, a paragraph, or the
    /// body of an item of the list it joins. List items (labelled paragraphs,
    /// or paragraphs the document marks as list items) in a row form one list;
    /// a deeper level opens a list inside the item before it.
    fn paragraph_element(&mut self, p: &Paragraph, st: &Style) -> usize {
        let latin = is_latin(p.runs.iter().map(|r| r.text.as_str()));
        let id = if st.outline_level > 0 {
            self.list.clear();
            let level = st.outline_level.min(self.last_heading + 1).min(6);
            self.last_heading = level;
            self.open(Tag::Heading(level), None)
        } else if p.label.is_empty() && p.list.is_none() {
            self.open(Tag::P, None)
        } else {
            let level = p.list.map(|l| l.level.max(1)).unwrap_or(1);
            while self.list.last().is_some_and(|l| l.0 > level) {
                self.list.pop();
            }
            let same = self.list.last().is_some_and(|l| l.0 == level && (p.list.is_some() || l.3 == p.style));
            if !same {
                if self.list.last().is_some_and(|l| l.0 == level) {
                    self.list.pop();
                }
                let parent = self.list.last().map(|l| l.2);
                let l = self.open(Tag::List, parent);
                self.list.push((level, l, l, p.style.clone()));
            }
            let list = self.list.last().expect("pushed above").1;
            let item = self.open(Tag::ListItem, Some(list));
            // the label stays in the body's line (no Lbl element): poppler
            // reads a line as written only when one ActualText covers it;
            // split, a hanging label is read apart from its text
            let body = self.open(Tag::ListBody, Some(item));
            if let Some(top) = self.list.last_mut() {
                top.2 = body;
            }
            body
        };
        self.elements[id].latin = latin;
        id
    }

    /// A picture centred at its size (shrunk to the text width and to most of
    /// a page), moved to the next page with its caption when they do not fit.
    fn image(&mut self, img: &crate::doc::Image) {
        let mut w = img.width.max(1.0) * PT_PER_MM;
        let mut h = img.height.max(1.0) * PT_PER_MM;
        let caption = img.caption.as_ref().map(|c| {
            let st = self.style(&c.style);
            let set = self.set(c, st, self.width);
            st.space_before + set.line_height * set.lines.len() as f32 + st.space_after
        });
        let max_h = (self.bottom - self.top - caption.unwrap_or(0.0)).max(self.bottom - self.top - 0.5 * (self.bottom - self.top)) * 0.95;
        let scale = (self.width / w).min(max_h / h).min(1.0);
        w *= scale;
        h *= scale;
        const SPACE: f32 = 6.0;
        if !self.at_top() {
            self.y += SPACE;
            if self.y + h + caption.unwrap_or(0.0) > self.bottom {
                self.next_page();
            }
        }
        let figure = (!img.alt.is_empty()).then(|| self.open(Tag::Figure(img.alt.clone()), None));
        self.mark(figure);
        self.push(Item::Image { x: self.x0 + (self.width - w) / 2.0, y: self.y, w, h, image: img.clone() });
        self.mark(None);
        self.y += h;
        match &img.caption {
            Some(c) => self.paragraph(c, &[]),
            None => self.y += SPACE,
        }
    }

    fn paragraph(&mut self, p: &Paragraph, rest: &[Block]) {
        let st = self.style(&p.style);
        let elem = self.paragraph_element(p, st);
        self.mark(Some(elem));
        let set = self.set(p, st, self.width);
        let lh = set.line_height;
        let before = st.space_before;
        if !self.at_top() {
            self.y += before;
        }
        let n = set.lines.len();
        // lines to carry to the next page with the start of what follows
        let mut carry = 0;
        if !self.at_top() && self.keeps_with_next(p, rest) {
            // kept with the start of what follows, as Word keeps with next: a
            // paragraph of four lines or more leaves its first lines here and
            // takes two at least along; a shorter one (or a heading) goes whole
            let own = lh * n as f32 + st.space_after;
            let room = self.bottom - self.y;
            let fresh = self.bottom - self.top;
            if !(own <= room && self.starts_in(rest, room - own, 0)) {
                if n >= 4 && st.outline_level == 0 {
                    carry = 2;
                } else if own < fresh / 2.0 {
                    self.next_page();
                }
            }
        }
        let mut i = 0;
        while i < n {
            let room = ((self.bottom - self.y) / lh + 0.001).floor().max(0.0) as usize;
            let mut k = room.min(n - i);
            if i == 0 && carry > 0 {
                k = k.min(n - carry);
            }
            if k < n - i {
                // widow and orphan control: no single line left behind or carried over
                if (k < 2 && n - i >= 2 && !self.at_top()) || k == 0 {
                    if self.at_top() {
                        k = 1;
                    } else {
                        self.next_page();
                        continue;
                    }
                } else if n - i - k == 1 && k >= 3 {
                    k -= 1;
                } else if n - i - k == 1 && !self.at_top() {
                    // two lines here and one carried: the three go together
                    self.next_page();
                    continue;
                }
            }
            if st.outline_level > 0 && i == 0 {
                let text: String = p.runs.iter().map(|r| r.text.as_str()).collect();
                self.headings.push(Heading { level: st.outline_level, text, page: self.pages.len() - 1, y: self.y });
            }
            for line in &set.lines[i..i + k] {
                let baseline = self.y + set.ascent;
                self.push(Item::Text { x: self.x0, baseline, size: set.size, line: line.clone(), rotated: false });
                self.y += lh;
            }
            i += k;
            if i < n {
                self.next_page();
            }
        }
        self.y += st.space_after;
        self.mark(None);
    }

    fn toc(&mut self, t: &crate::doc::Toc) {
        self.has_toc = true;
        let entries: Vec<(usize, u8, String, String)> = match &self.toc {
            Some(list) => list.iter().enumerate().filter(|(_, (h, _))| h.level <= t.levels).map(|(i, (h, l))| (i, h.level, h.text.clone(), l.clone())).collect(),
            // first pass: the headings are not known yet; leave room for none
            None => Vec::new(),
        };
        let number_w = 15.0 * PT_PER_MM;
        let toc_elem = self.open(Tag::Toc, None);
        for (heading, level, text, label) in entries {
            let item = self.open(Tag::TocItem(heading), Some(toc_elem));
            let style_name = if level <= 1 { t.entry_style.clone() } else { format!("toc{level}") };
            let style_name = if self.doc.styles.contains_key(&style_name) { style_name } else { t.entry_style.clone() };
            let st = self.style(&style_name);
            let p = Paragraph { style: style_name.clone(), runs: vec![Run { text, ..Run::default() }], align: Some(Align::Left), label: String::new(), ..Paragraph::default() };
            let mut set = self.ts.set(&p, st, self.width - number_w, &self.doc.no_break);
            // leader dots and the page number on the last line
            let face = Face::of(st.bold, false);
            let label_w = self.ts.width(&label, face, st.size);
            if let Some(last) = set.lines.last_mut().map(Arc::make_mut) {
                let end = last.glyphs.iter().map(|g| g.x).fold(0.0f32, f32::max) + st.size * 0.6;
                let dot = self.ts.width(".", Face::Regular, st.size);
                let gap = st.size * 0.25;
                let mut dots = String::new();
                let mut x = end + gap;
                while x + dot < self.width - label_w - gap {
                    dots.push('.');
                    x += dot * 1.6;
                }
                let dot_line = self.ts.set(&Paragraph::new(&style_name, "."), &Style { bold: false, align: Align::Left, indent_left: 0.0, first_line: 0.0, ..st.clone() }, 1000.0, &[]);
                if let Some(dg) = dot_line.lines.first().and_then(|l| l.glyphs.first()) {
                    let mut x = end + gap;
                    for _ in dots.chars() {
                        last.glyphs.push(Glyph { face: dg.face, gid: dg.gid, x, y: 0.0, text: ".".into(), joined: false });
                        x += dot * 1.6;
                    }
                }
                let num = self.ts.set(&Paragraph::new(&style_name, label.clone()), &Style { align: Align::Left, indent_left: 0.0, first_line: 0.0, ..st.clone() }, 1000.0, &[]);
                if let Some(nl) = num.lines.first() {
                    for g in &nl.glyphs {
                        last.glyphs.push(Glyph { x: g.x + self.width - label_w, ..g.clone() });
                    }
                }
                last.text = format!("{} {}", last.text, label);
            }
            if !self.at_top() {
                self.y += st.space_before;
            }
            let need = set.line_height * set.lines.len() as f32;
            if self.y + need > self.bottom {
                self.next_page();
            }
            self.mark(Some(item));
            for line in set.lines {
                let baseline = self.y + set.ascent;
                self.push(Item::Text { x: self.x0, baseline, size: set.size, line, rotated: false });
                self.y += set.line_height;
            }
            self.mark(None);
        }
    }

    /// The paragraph set at width `w`, from the memo when it was set before.
    fn set(&self, p: &Paragraph, st: &Style, w: f32) -> Rc<SetParagraph> {
        let key = memo_key(p, st, w, false);
        if let Some(set) = self.sets.borrow().get(&key) {
            return set.clone();
        }
        let set = Rc::new(self.ts.set(p, st, w, &self.doc.no_break));
        self.sets.borrow_mut().insert(key, set.clone());
        set
    }

    /// The printed number of every page.
    fn labels(&self) -> Vec<Option<String>> {
        let mut letters = 0usize;
        let mut digits = 0usize;
        let mut out = Vec::with_capacity(self.numbering.len());
        for n in &self.numbering {
            out.push(match *n {
                Numbering::None => {
                    letters += 1;
                    digits += 1;
                    None
                }
                Numbering::Letters { restart } => {
                    letters = if restart { 1 } else { letters + 1 };
                    Some(thai::page_letter(letters))
                }
                Numbering::Digits { restart } => {
                    digits = if restart { 1 } else { digits + 1 };
                    Some(thai::number(digits as i64, self.doc.digits))
                }
            });
        }
        out
    }

    /// Prints `- ๒ -` at the top centre of every numbered page.
    fn stamp_page_numbers(&mut self) {
        let st = Style { size: self.doc.styles.get("body").map(|s| s.size).unwrap_or(16.0), align: Align::Left, ..Style::default() };
        let header_y = self.doc.page.header * PT_PER_MM;
        for i in 0..self.pages.len() {
            let Some(label) = self.pages[i].label.clone() else { continue };
            let text = self.doc.page_number_format.replace("{page}", &label);
            let set = self.ts.set(&Paragraph::new("body", text.clone()), &st, 1000.0, &[]);
            let w = self.ts.width(&text, Face::Regular, st.size);
            let page = &mut self.pages[i];
            if let Some(line) = set.lines.into_iter().next() {
                // page numbers are artifacts, whatever the page ended in
                page.items.push(Item::Mark(None));
                page.items.push(Item::Text { x: (page.width - w) / 2.0, baseline: header_y + set.ascent, size: st.size, line, rotated: false });
            }
        }
    }
}

/// The memo key of a paragraph set at width `w` (see [`Engine::set`]).
fn memo_key(p: &Paragraph, st: &Style, w: f32, words: bool) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for r in &p.runs {
        (&r.text, r.bold, r.italic).hash(&mut h);
    }
    (&p.label, p.align.map(|a| a as u8), words, w.to_bits()).hash(&mut h);
    (st.size.to_bits(), st.bold, st.align as u8, st.indent_left.to_bits(), st.first_line.to_bits(), st.line_spacing.to_bits()).hash(&mut h);
    h.finish()
}

/// The left edges of columns of widths `widths`, then the right edge of the last.
fn edges(widths: &[f32]) -> Vec<f32> {
    let mut xs = Vec::with_capacity(widths.len() + 1);
    xs.push(0.0);
    for w in widths {
        xs.push(xs.last().copied().unwrap_or(0.0) + w);
    }
    xs
}

/// A table named for the author: the text of its first cells.
fn table_name(t: &Table) -> String {
    let text: String = t.rows.first().map(|r| r.cells.iter().map(|c| c.content.iter().map(|p| p.plain_text()).collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join(" ")).unwrap_or_default();
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() { format!("{short}…") } else { short }
}

/// Text of Latin letters only (no Thai), to be tagged as English.
fn is_latin<'s>(texts: impl Iterator<Item = &'s str>) -> bool {
    let mut letters = false;
    for t in texts {
        for c in t.chars() {
            if ('\u{0E00}'..='\u{0E7F}').contains(&c) {
                return false;
            }
            letters |= c.is_ascii_alphabetic();
        }
    }
    letters
}

fn shift_item(item: &mut Item, dy: f32) {
    match item {
        Item::Mark(_) => {}
        Item::Text { baseline, .. } => *baseline += dy,
        Item::Rect { y, .. } => *y += dy,
        Item::Segment { from, to, .. } => {
            from.1 += dy;
            to.1 += dy;
        }
        Item::Triangle { points, .. } => {
            for p in points {
                p.1 += dy;
            }
        }
        Item::Image { y, .. } => *y += dy,
    }
}
