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
                        last.glyphs.push(Glyph { face: dg.face, gid: dg.gid, x, y: 0.0, text: ".".into() });
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

    /// Sets a cell's paragraphs into pieces for width `w`, their font sizes
    /// multiplied by `scale`.
    /// The style a cell's paragraph is set in: bold in a total row, and
    /// scaled down when its widest piece does not fit the column.
    fn cell_style(&self, p: &Paragraph, total: bool, scale: f32) -> std::borrow::Cow<'_, Style> {
        let st = self.style(&p.style);
        if (total && !st.bold) || scale < 1.0 {
            std::borrow::Cow::Owned(Style { bold: st.bold || total, size: st.size * scale, ..st.clone() })
        } else {
            std::borrow::Cow::Borrowed(st)
        }
    }

    fn cell_pieces(&self, content: &[Paragraph], w: f32, total: bool, scale: f32) -> Vec<Piece> {
        let mut out = Vec::new();
        for (i, p) in content.iter().enumerate() {
            let st = self.cell_style(p, total, scale);
            let st = st.as_ref();
            if i > 0 && st.space_before > 0.0 {
                out.push(Piece { height: st.space_before, line: None });
            }
            let set = self.set(p, st, w);
            for l in set.lines.iter().cloned() {
                out.push(Piece { height: set.line_height, line: Some((l, 0.0, set.ascent, set.size)) });
            }
            if st.space_after > 0.0 {
                out.push(Piece { height: st.space_after, line: None });
            }
        }
        out
    }

    /// Right edge of the widest line of a cell's paragraphs set (flush left)
    /// at width `w`, and that line's text: with `w` = 0 the widest piece no
    /// line break may split, with a huge `w` the content unbroken.
    fn content_width(&self, content: &[Paragraph], total: bool, w: f32) -> (f32, String) {
        let mut widest = (0.0f32, String::new());
        for p in content {
            let left = Paragraph { align: Some(Align::Left), ..p.clone() };
            let (right, text) = self.widest(&left, &self.cell_style(p, total, 1.0), w, false);
            if right > widest.0 {
                widest = (right, text);
            }
        }
        widest
    }

    /// Right edge and text of the widest line of a paragraph set at width
    /// `w`, breaking only between whole words with `words`. Measuring sets
    /// (narrowest, unbroken, whole words) are never drawn: they are only
    /// measured ([`Typesetter::measure`], no glyphs kept) and their results
    /// remembered.
    fn widest(&self, p: &Paragraph, st: &Style, w: f32, words: bool) -> (f32, String) {
        let key = memo_key(p, st, w, words);
        if let Some(m) = self.widths.borrow().get(&key) {
            return m.clone();
        }
        let m = self.ts.measure(p, st, w, &self.doc.no_break, words);
        let widest = (m.rights.iter().copied().fold(0.0f32, f32::max), m.widest);
        self.widths.borrow_mut().insert(key, widest.clone());
        widest
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

    /// Right edges of the whole words of a cell's paragraphs (set flush
    /// left, breaking only between words, one word or unbreakable phrase a
    /// line): the widest is the width at which no word of the cell is split.
    fn word_widths(&self, content: &[Paragraph], total: bool) -> Vec<f32> {
        let mut out = Vec::new();
        for p in content {
            let st = self.cell_style(p, total, 1.0);
            // a label stands on its own line before a word too long for the
            // rest of the first line: its words are measured without it
            let left = Paragraph { align: Some(Align::Left), label: String::new(), ..p.clone() };
            out.extend(self.ts.measure(&left, &st, 0.0, &self.doc.no_break, true).rights);
        }
        out
    }

    /// The table's geometry for the current text width, measured once.
    fn geom(&mut self, t: &Table) -> Rc<Geom> {
        let key = (t as *const Table as usize, self.width.to_bits());
        if let Some(g) = self.geoms.get(&key) {
            return g.clone();
        }
        let g = Rc::new(self.measure_table(t));
        self.geoms.insert(key, g.clone());
        g
    }

    /// Column widths from content (see the module docs), the cells that must
    /// be set smaller, and the heights of the header and the first row.
    fn measure_table(&self, t: &Table) -> Geom {
        let ncols = t.columns.len();
        let width = self.width;
        let total: f32 = t.columns.iter().map(|c| c.max(0.0)).sum();
        let fracs: Vec<f32> = t.columns.iter().map(|c| if total > 0.0 { c.max(0.0) / total } else { 1.0 / ncols as f32 }).collect();
        let grid = t.grid();
        // padding follows the template's width: narrow cells (quarters of a timeline) get less
        let pad_of = |c0: usize, c1: usize| if fracs[c0..c1].iter().sum::<f32>() * width < 80.0 { PAD_X.min(3.0) } else { PAD_X };
        struct Need {
            r: usize,
            index: usize,
            c0: usize,
            c1: usize,
            min: f32,
            /// Widths of the cell's whole words, padding included.
            words: Vec<f32>,
            max: f32,
            piece: String,
        }
        let mut needs = Vec::new();
        let mut pad = Vec::with_capacity(t.rows.len());
        for (r, placed) in grid.iter().enumerate() {
            let row = &t.rows[r];
            let mut row_pad = vec![PAD_X; row.cells.len()];
            for pl in placed {
                let cell = &row.cells[pl.index];
                let c1 = (pl.col + cell.col_span).min(ncols);
                if cell.vertical {
                    // a turned line: as wide as the line is high
                    row_pad[pl.index] = 1.5;
                    if let Some(p) = cell.content.first() {
                        let st = self.style(&p.style);
                        let w = self.ts.line_height(st.size, st.line_spacing) + 3.0;
                        needs.push(Need { r, index: pl.index, c0: pl.col, c1, min: w, words: vec![w], max: w, piece: String::new() });
                    }
                    continue;
                }
                let p = pad_of(pl.col, c1);
                row_pad[pl.index] = p;
                if cell.content.iter().all(|p| p.runs.iter().all(|r| r.text.trim().is_empty()) && p.label.is_empty()) {
                    continue;
                }
                let (min, piece) = self.content_width(&cell.content, row.total, 0.0);
                let (max, _) = self.content_width(&cell.content, row.total, 100_000.0);
                let words = self.word_widths(&cell.content, row.total).into_iter().map(|w| w + 2.0 * p).collect();
                needs.push(Need { r, index: pl.index, c0: pl.col, c1, min: min + 2.0 * p, words, max: max.max(min) + 2.0 * p, piece });
            }
            pad.push(row_pad);
        }
        let mut min = vec![0.0f32; ncols];
        let mut words: Vec<Vec<f32>> = vec![Vec::new(); ncols];
        let mut max = vec![0.0f32; ncols];
        let mut has = vec![false; ncols];
        for n in needs.iter().filter(|n| n.c1 == n.c0 + 1) {
            min[n.c0] = min[n.c0].max(n.min);
            // a header's words are printed again on every page the table
            // runs over: they count for more
            for _ in 0..if n.r < t.header_rows { 3 } else { 1 } {
                words[n.c0].extend_from_slice(&n.words);
            }
            max[n.c0] = max[n.c0].max(n.max);
            has[n.c0] = true;
        }
        let mut spanning: Vec<&Need> = needs.iter().filter(|n| n.c1 > n.c0 + 1).collect();
        spanning.sort_by_key(|n| n.c1 - n.c0);
        for n in spanning {
            autofit::spread(&mut min[n.c0..n.c1], &fracs[n.c0..n.c1], n.min);
            autofit::spread(&mut max[n.c0..n.c1], &fracs[n.c0..n.c1], n.max);
            for h in &mut has[n.c0..n.c1] {
                *h = true;
            }
        }
        for c in 0..ncols {
            max[c] = if has[c] { max[c].max(min[c]) } else { f32::INFINITY };
        }
        // columns wide enough for as many whole words as the table allows,
        // unless that makes the table much taller than the template's shares
        // (each column its widest word when all fit, else its narrowest)
        let fitted = autofit::resolve(&fracs, &autofit::fit_words(&fracs, &min, &words, width), &max, width);
        let widest: Vec<f32> = words.iter().zip(&min).map(|(w, m)| w.iter().copied().fold(*m, f32::max)).collect();
        let shared = autofit::resolve(&fracs, &autofit::prefer_words(&fracs, &min, &widest, width), &max, width);
        let cells: Vec<(usize, usize, usize, usize, f32)> = needs.iter().filter(|n| !t.rows[n.r].cells[n.index].vertical).map(|n| (n.r, n.index, n.c0, n.c1, pad[n.r][n.index])).collect();
        let widths = if fitted == shared || self.split_score(t, &cells, &fitted) <= self.split_score(t, &cells, &shared) { fitted } else { shared };
        let xs = edges(&widths);
        // what still does not fit is set smaller
        let mut scale: Vec<Vec<f32>> = t.rows.iter().map(|r| vec![1.0; r.cells.len()]).collect();
        let mut warnings = Vec::new();
        for n in &needs {
            let avail = xs[n.c1] - xs[n.c0];
            if n.min > avail + 0.01 && !n.piece.is_empty() {
                let p = pad[n.r][n.index];
                let f = (((avail - 2.0 * p) / (n.min - 2.0 * p)).max(0.3) * 100.0).floor() / 100.0;
                scale[n.r][n.index] = f;
                let size = t.rows[n.r].cells[n.index].content.first().map(|p| self.style(&p.style).size).unwrap_or(0.0);
                warnings.push(format!(
                    "`{}` does not fit its column in the table that starts “{}”; it is printed smaller ({:.1} pt instead of {:.1} pt). Shorten it, or widen the column in the template",
                    n.piece.trim(),
                    table_name(t),
                    size * f,
                    size
                ));
            }
        }
        let mut g = Geom { xs, pad, scale, warnings, header_h: 0.0, first_h: 0.0 };
        // heights, on a scratch engine
        let h = t.header_rows.min(t.rows.len());
        g.header_h = self.measure_rows(t, 0..h, &grid, &g);
        g.first_h = if h < t.rows.len() { self.measure_rows(t, h..h + 1, &grid, &g) } else { 0.0 };
        g
    }

    /// How a table reads at column widths `widths`: its height in points
    /// (rows of single-column cells laid whole) with each word split between
    /// lines counted as two more lines.
    fn split_score(&self, t: &Table, cells: &[(usize, usize, usize, usize, f32)], widths: &[f32]) -> f32 {
        let xs = edges(widths);
        let mut rows = vec![0.0f32; t.rows.len()];
        let mut penalty = 0.0;
        for &(r, index, c0, c1, pad) in cells {
            let row = &t.rows[r];
            let w = xs[c1] - xs[c0] - 2.0 * pad;
            let mut h = 0.0;
            for p in &row.cells[index].content {
                let st = self.cell_style(p, row.total, 1.0);
                // a set made before is there to count; else only measured,
                // as one of the two width choices is never laid out
                let line_height = self.ts.line_height(st.size, st.line_spacing);
                let (lines, split) = match self.sets.borrow().get(&memo_key(p, &st, w, false)) {
                    Some(set) => (set.lines.len(), set.split),
                    None => {
                        let m = self.ts.measure(p, &st, w, &self.doc.no_break, false);
                        (m.rights.len(), m.split)
                    }
                };
                h += lines as f32 * line_height;
                penalty += SPLIT_LINES * f32::from(split) * line_height;
            }
            rows[r] = rows[r].max(h);
        }
        rows.iter().sum::<f32>() + penalty
    }

    /// Height of rows `rows` laid whole.
    fn measure_rows(&self, t: &Table, rows: std::ops::Range<usize>, grid: &[Vec<crate::doc::Placed>], g: &Geom) -> f32 {
        let mut scratch = Engine::new(self.doc, self.ts, self.timeline, None);
        scratch.pages.push(Page { width: 0.0, height: 0.0, items: Vec::new(), label: None });
        scratch.numbering.push(Numbering::None);
        scratch.top = 0.0;
        scratch.y = 0.0;
        scratch.bottom = f32::MAX;
        scratch.x0 = self.x0;
        scratch.width = self.width;
        // the rows are set as they will be placed: share the memo
        scratch.sets = std::cell::RefCell::new(self.sets.take());
        scratch.place_rows(t, rows, grid, g, None);
        self.sets.replace(scratch.sets.take());
        scratch.y
    }

    fn flows_of_row(&mut self, t: &Table, r: usize, grid: &[Vec<crate::doc::Placed>], g: &Geom) -> Vec<Flow> {
        let row = &t.rows[r];
        let ncols = t.columns.len();
        let header = r < t.header_rows;
        // structure: the row under the table's head or body, a cell element per cell
        let tr = self.table_parts.map(|(head, body)| self.open(Tag::Row, Some(if header { head } else { body })));
        let elems: Vec<Option<usize>> = grid[r]
            .iter()
            .map(|pl| {
                let cell = &row.cells[pl.index];
                tr.map(|tr| {
                    let e = self.open(Tag::Cell { header, rows: cell.row_span.max(1), cols: cell.col_span.max(1) }, Some(tr));
                    self.elements[e].latin = is_latin(cell.content.iter().flat_map(|p| p.runs.iter().map(|r| r.text.as_str())));
                    e
                })
            })
            .collect();
        grid[r]
            .iter()
            .zip(elems)
            .map(|(pl, elem)| {
                let cell = &row.cells[pl.index];
                let end = (pl.col + cell.col_span).min(ncols);
                let x = self.x0 + g.xs[pl.col];
                let w = g.xs[end] - g.xs[pl.col];
                let scale = g.scale[r][pl.index];
                let bar = if cell.bar {
                    let left = pl.index > 0 && row.cells[pl.index - 1].bar;
                    let right = pl.index + 1 < row.cells.len() && row.cells[pl.index + 1].bar;
                    Some((!left, !right))
                } else {
                    None
                };
                let (pieces, vertical, pad_x) = if cell.vertical {
                    // one unwrapped line, turned to run upwards: its length is the height it needs
                    let first: Vec<Paragraph> = cell.content.iter().take(1).map(|p| Paragraph { align: Some(Align::Left), ..p.clone() }).collect();
                    let mut pieces = self.cell_pieces(&first, 10_000.0, row.total, 1.0);
                    pieces.retain(|p| p.line.is_some());
                    let dims = pieces.first().and_then(|p| p.line.as_ref()).map(|(line, _, ascent, size)| {
                        let style = cell.content.first().map(|p| self.style(&p.style)).cloned().unwrap_or_default();
                        let face = Face::of(style.bold, false);
                        let len = self.ts.width(&line.text, face, *size);
                        (p_height(&pieces), *ascent, len)
                    });
                    let len = dims.map(|d| d.2).unwrap_or(0.0);
                    for p in &mut pieces {
                        p.height = len;
                    }
                    (pieces, dims, 1.5)
                } else {
                    let pad = g.pad[r][pl.index];
                    (self.cell_pieces(&cell.content, w - 2.0 * pad, row.total, scale), None, pad)
                };
                Flow {
                    x,
                    w,
                    last_row: (r + cell.row_span - 1).min(t.rows.len() - 1),
                    pieces,
                    vertical,
                    pad_x,
                    next: 0,
                    frag_top: self.y,
                    valign: cell.valign,
                    shade: cell.shade,
                    bar,
                    split: false,
                    elem,
                    figure: None,
                }
            })
            .collect()
    }

    /// Draws the fragment of `f` from its top to `bottom`, with the pieces
    /// that fit (all remaining ones when `last`).
    fn close_fragment(&mut self, f: &mut Flow, bottom: f32, last: bool) {
        let top = f.frag_top;
        let h = bottom - top;
        self.mark(None);
        if let Some(fill) = f.shade {
            self.push(Item::Rect { x: f.x, y: top, w: f.w, h, fill: Some(fill), stroke: None });
        }
        if let Some((start, end)) = f.bar {
            if let Some(cell) = f.elem {
                let fig = *f.figure.get_or_insert_with(|| {
                    self.elements.push(Element { tag: Tag::Figure(BAR_ALT.to_string()), parent: Some(cell), latin: false });
                    self.elements.len() - 1
                });
                self.mark(Some(fig));
            }
            self.draw_bar(f.x, top, f.w, h, start, end);
        }
        self.mark(f.elem);
        let avail = h - PAD_TOP - PAD_BOTTOM;
        let mut used = 0.0;
        let first = f.next;
        let mut end = f.next;
        while end < f.pieces.len() && (last || used + f.pieces[end].height <= avail + 0.01) {
            used += f.pieces[end].height;
            end += 1;
        }
        if end == first && end < f.pieces.len() && !last && f.pieces[end].height > self.bottom - self.top {
            // a piece taller than a whole page: draw it anyway rather than loop
            used += f.pieces[end].height;
            end += 1;
        }
        let offset = if f.valign == VAlign::Center && !f.split && last { ((avail - used) / 2.0).max(0.0) } else { 0.0 };
        let mut y = top + PAD_TOP + offset;
        for piece in &f.pieces[first..end] {
            if let Some((line, dx, ascent, size)) = &piece.line {
                match f.vertical {
                    Some((lh, asc, len)) => {
                        // centred both ways; the glyphs' tops face left
                        let bx = f.x + f.w / 2.0 - lh / 2.0 + asc;
                        let start = top + h - (h - len) / 2.0;
                        self.push(Item::Text { x: bx, baseline: start, size: *size, line: line.clone(), rotated: true });
                    }
                    None => self.push(Item::Text { x: f.x + f.pad_x + dx, baseline: y + ascent, size: *size, line: line.clone(), rotated: false }),
                }
            }
            y += piece.height;
        }
        f.next = end;
        f.split = true;
        self.mark(None);
        self.push(Item::Rect { x: f.x, y: top, w: f.w, h, fill: None, stroke: Some(BORDER) });
    }

    fn draw_bar(&mut self, x: f32, y: f32, w: f32, h: f32, start: bool, end: bool) {
        let (style, color) = self.timeline;
        let inset = 2.5;
        let x1 = if start { x + inset } else { x };
        let x2 = if end { x + w - inset } else { x + w };
        let cy = y + h / 2.0;
        match style {
            TimelineStyle::Shade => {}
            TimelineStyle::Bar => {
                let bh = 6.0;
                self.push(Item::Rect { x: x1, y: cy - bh / 2.0, w: x2 - x1, h: bh, fill: Some(color), stroke: None });
            }
            TimelineStyle::Arrow => {
                self.push(Item::Segment { from: (x1, cy), to: (x2, cy), width: 1.2, color });
                let a = 4.0;
                if start {
                    self.push(Item::Triangle { points: [(x1, cy), (x1 + a * 1.5, cy - a), (x1 + a * 1.5, cy + a)], color });
                }
                if end {
                    self.push(Item::Triangle { points: [(x2, cy), (x2 - a * 1.5, cy - a), (x2 - a * 1.5, cy + a)], color });
                }
            }
        }
    }

    /// Places rows `rows` of `t`. `header` is the height of the header rows
    /// when they repeat on each new page (body rows), `None` for the header
    /// rows themselves, which are never split.
    fn place_rows(&mut self, t: &Table, rows: std::ops::Range<usize>, grid: &[Vec<crate::doc::Placed>], g: &Geom, header: Option<f32>) {
        let lh = {
            let st = self.style(&t.cell_style);
            self.ts.line_height(st.size, st.line_spacing)
        };
        let min_h = lh * 0.8 + PAD_TOP + PAD_BOTTOM;
        let mut active: Vec<Flow> = Vec::new();
        let mut body_top = self.y;
        let end = rows.end;
        for r in rows {
            let mut starting = self.flows_of_row(t, r, grid, g);
            for f in &mut starting {
                f.frag_top = self.y;
            }
            active.extend(starting);
            // a sum row is never left alone at the top of a page: room is
            // kept for it, its own height (bold, maybe more than a line)
            let sum_h = if r + 1 < end && t.rows[r + 1].total { self.measure_rows(t, r + 1..r + 2, grid, g).max(min_h) } else { 0.0 };
            let mut guard = 0;
            loop {
                guard += 1;
                let need = active
                    .iter()
                    .filter(|f| f.last_row == r)
                    .map(|f| f.remaining() - (self.y - f.frag_top))
                    .fold(min_h, f32::max);
                let keep = if self.y > body_top + 0.01 { sum_h } else { 0.0 };
                if self.y + need + keep <= self.bottom + 0.01 || header.is_none() || guard > 50 {
                    self.y += need;
                    let (done, open): (Vec<Flow>, Vec<Flow>) = active.into_iter().partition(|f| f.last_row == r);
                    for mut f in done {
                        self.close_fragment(&mut f, self.y, true);
                    }
                    active = open;
                    break;
                }
                // the row does not fit here. Split it between lines, keeping two
                // lines at least on each side (fewer carried: the split comes
                // earlier), unless the page it leaves is already nine tenths
                // full and it fits on the next: then it moves whole
                let fresh = self.bottom - self.top - header.unwrap_or(0.0);
                let room = self.bottom - self.y;
                let untouched = active.iter().filter(|f| f.last_row == r || f.frag_top == self.y).all(|f| f.next == 0 || f.frag_top == self.y);
                let two = 2.0 * lh + PAD_TOP + PAD_BOTTOM;
                let carried = need - room;
                let split_at = if carried < 2.0 * lh { self.bottom - (2.0 * lh - carried) } else { self.bottom };
                let split_ok = need >= 4.0 * lh + PAD_TOP + PAD_BOTTOM && split_at - self.y >= two;
                let little_room = room <= ROW_MOVE_ROOM * (self.bottom - self.top);
                let move_whole = self.y > body_top + 0.01 && untouched && (if split_ok { need <= fresh && little_room } else { need <= fresh || room < 2.0 * min_h });
                let bottom = if move_whole {
                    self.y
                } else if split_ok {
                    split_at
                } else {
                    self.bottom
                };
                let mut kept = Vec::new();
                for mut f in active.drain(..) {
                    if move_whole && f.frag_top >= self.y - 0.01 {
                        // started in this row: nothing drawn yet
                        kept.push(f);
                        continue;
                    }
                    self.close_fragment(&mut f, bottom, false);
                    kept.push(f);
                }
                active = kept;
                self.next_page();
                if header.is_some() {
                    // the repeated header is an artifact: its cells were tagged once
                    let parts = self.table_parts.take();
                    self.header(t, grid, g);
                    self.table_parts = parts;
                }
                body_top = self.y;
                for f in &mut active {
                    f.frag_top = self.y;
                }
            }
        }
        // rows spanning past the table's end (malformed spans) are closed here
        for mut f in active {
            let y = self.y;
            self.close_fragment(&mut f, y, true);
        }
    }

    fn header(&mut self, t: &Table, grid: &[Vec<crate::doc::Placed>], g: &Geom) {
        self.place_rows(t, 0..t.header_rows.min(t.rows.len()), grid, g, None);
    }

    fn table(&mut self, t: &Table) {
        if t.rows.is_empty() || t.columns.is_empty() {
            return;
        }
        let g = self.geom(t);
        let grid = t.grid();
        if !self.at_top() {
            self.y += 6.0;
            if !self.table_starts_in(t, self.bottom - self.y) {
                self.next_page();
            }
        }
        self.table_widths.push(g.xs.windows(2).map(|w| (w[1] - w[0]) / self.width).collect());
        self.warnings.extend(g.warnings.iter().cloned());
        let table = self.open(Tag::Table, None);
        let head = self.open(Tag::THead, Some(table));
        let body = self.open(Tag::TBody, Some(table));
        self.table_parts = Some((head, body));
        self.header(t, &grid, &g);
        let h = t.header_rows.min(t.rows.len());
        self.place_rows(t, h..t.rows.len(), &grid, &g, Some(g.header_h));
        self.table_parts = None;
        self.mark(None);
        self.y += 6.0;
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
