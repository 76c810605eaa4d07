//! Tables on pages: a cell's paragraphs set into pieces, the columns
//! measured from their content once per table and text width ([`super::autofit`]
//! shares the width out), rows placed and split between pages with the
//! header rows repeated, and the timeline's bars drawn in their cells. The
//! rules are in the module docs of [`super`].

use super::*;

impl<'a> Engine<'a> {
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

    /// Sets a cell's paragraphs into pieces for width `w`, their font sizes
    /// multiplied by `scale`.
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
    pub(super) fn geom(&mut self, t: &Table) -> Rc<Geom> {
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

    pub(super) fn table(&mut self, t: &Table) {
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
}
