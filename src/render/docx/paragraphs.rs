//! `word/document.xml`: the body walk over sections and blocks, paragraphs
//! with their runs, and the table of contents field.

use super::*;

/// Extra paragraph properties decided by the paragraph's surroundings.
#[derive(Default)]
pub(super) struct ParaExtra<'s> {
    /// Keep with the next paragraph (header rows, the row above a total).
    pub(super) keep_next: bool,
    /// Start on a new page (a page break block before it).
    pub(super) page_break_before: bool,
    /// Print every run bold (a total row).
    pub(super) bold: bool,
    /// Section properties ending the section with this paragraph.
    pub(super) sect_pr: Option<&'s str>,
    /// Space before, points, when it differs from the style's (see
    /// [`BodyWriter::gap`]).
    pub(super) space_before: Option<f32>,
    /// Space after, points, when it differs from the style's.
    pub(super) space_after: Option<f32>,
    /// Bookmark around the paragraph's text (a heading the TOC links to).
    pub(super) bookmark: Option<usize>,
}

/// Space the PDF layout puts above and below a table, points.
pub(super) const TABLE_GAP: f32 = 6.0;

/// Writes `word/document.xml`.
pub(super) struct BodyWriter<'a> {
    pub(super) doc: &'a Document,
    pub(super) styles: &'a StyleMap<'a>,
    pub(super) out: String,
    pub(super) fonts: String,
    /// No-break words that contain spaces, longest first, with the spaces
    /// made no-break spaces.
    pub(super) no_break: Vec<(&'a str, String)>,
    /// Pictures, in order: each becomes `word/media/imageN.png|jpeg`.
    pub(super) images: Vec<crate::doc::Image>,
    /// The template's timeline style and colour.
    pub(super) opts: &'a Options,
    /// What the PDF layout decided.
    pub(super) hints: &'a Hints,
    /// Tables written so far (index into the hints' table widths).
    pub(super) tables: usize,
    /// Outline levels the table of contents lists (0: no TOC).
    pub(super) toc_levels: u8,
    /// Headings bookmarked so far.
    pub(super) headings: usize,
    /// Shapes (arrow ends) drawn so far.
    pub(super) shapes: usize,
}

impl<'a> BodyWriter<'a> {
    pub(super) fn new(doc: &'a Document, styles: &'a StyleMap<'a>, opts: &'a Options, hints: &'a Hints) -> Self {
        let mut no_break: Vec<(&str, String)> =
            doc.no_break.iter().filter(|w| w.trim().contains(' ')).map(|w| (w.as_str(), w.replace(' ', "\u{A0}"))).collect();
        no_break.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
        let toc_levels = doc.sections.iter().flat_map(|s| &s.blocks).find_map(|b| match b {
            Block::Toc(t) => Some(t.levels.clamp(1, 9)),
            _ => None,
        });
        BodyWriter {
            doc,
            styles,
            out: String::with_capacity(64 * 1024),
            fonts: rfonts(&doc.font_family),
            no_break,
            opts,
            hints,
            tables: 0,
            toc_levels: toc_levels.unwrap_or(0),
            headings: 0,
            shapes: 0,
            images: Vec::new(),
        }
    }

    /// Text with the spaces inside no-break words, and those between a number
    /// and the word before or the unit after it ([`crate::thai::keep`]), made
    /// no-break spaces (Word and LibreOffice never break a line there; where
    /// Thai words meet inside such a word, the line breaking stays the
    /// application's).
    pub(super) fn keep_together(&self, text: &str) -> String {
        // the spaces the PDF typesetter keeps (พ.ศ. ๒๕๖๖, ร้อยละ ๘๐, ๑๐ คน)
        let kept = crate::thai::keep::kept_spaces(text);
        let mut t = String::with_capacity(text.len() + 2 * kept.len());
        let mut at = 0;
        for r in kept {
            t.push_str(&text[at..r.start]);
            t.push('\u{a0}');
            at = r.end;
        }
        t.push_str(&text[at..]);
        for (word, joined) in &self.no_break {
            if t.contains(word) {
                t = t.replace(word, joined);
            }
        }
        t
    }

    /// The whole main document part.
    pub(super) fn document(&mut self, sections: &[Section]) -> String {
        self.out.push_str(XML_DECL);
        let _ = write!(self.out, r#"<w:document xmlns:w="{NS_W}" xmlns:r="{NS_R}" xmlns:wp="{NS_WP}" xmlns:a="{NS_A}" xmlns:pic="{NS_PIC}" xmlns:wps="{NS_WPS}"><w:body>"#);
        let last = sections.len() - 1;
        for (i, section) in sections.iter().enumerate() {
            let sect_pr = self.sect_pr(sections, i);
            self.section(section, if i < last { Some(&sect_pr) } else { None });
            if i == last {
                self.out.push_str(&sect_pr);
            }
        }
        self.out.push_str("</w:body></w:document>");
        std::mem::take(&mut self.out)
    }


    /// The blocks of a section; `sect_pr` ends a section that is not the last.
    pub(super) fn section(&mut self, section: &Section, sect_pr: Option<&str>) {
        let width = self.text_width(section);
        let blocks = &section.blocks;
        // up to the last block that prints (page breaks at the end are dropped)
        let prints = |b: &Block| match b {
            Block::PageBreak => false,
            Block::Table(t) => !t.columns.is_empty() && !t.rows.is_empty(),
            Block::Paragraph(_) | Block::Toc(_) | Block::Image(_) => true,
        };
        let end = blocks.iter().rposition(prints).map_or(0, |i| i + 1);
        let mut break_pending = false;
        let mut printed_any = false;
        let mut last_was_table = false;
        // the space the block above leaves below itself (see `gap`)
        let mut above = 0.0f32;
        let centre = if section.vertical_center { self.centring_space(section) } else { None };
        for (i, block) in blocks[..end].iter().enumerate() {
            let is_last = i + 1 == end;
            match block {
                Block::PageBreak => {
                    if !printed_any || break_pending {
                        continue;
                    }
                    if matches!(blocks.get(i + 1), Some(Block::Paragraph(_))) {
                        break_pending = true;
                    } else {
                        // a 1 pt paragraph, so that the line after the break is not seen
                        self.out.push_str(concat!(
                            r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>"#,
                            r#"<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr><w:r><w:br w:type="page"/></w:r></w:p>"#
                        ));
                        last_was_table = false;
                    }
                    above = 0.0;
                }
                Block::Paragraph(p) => {
                    let style = self.doc.styles.get(&p.style);
                    let (before, after) = style.map_or((0.0, 0.0), |s| (s.space_before, s.space_after));
                    let page_break_before = std::mem::take(&mut break_pending);
                    let mut space_before = if page_break_before || !printed_any { None } else { gap(above, before) };
                    if !printed_any {
                        if let Some(c) = centre {
                            space_before = Some(c);
                        }
                    }
                    let next_is_table = matches!(blocks.get(i + 1), Some(Block::Table(t)) if !t.columns.is_empty() && !t.rows.is_empty());
                    let space_after = next_is_table.then_some(after + TABLE_GAP);
                    let level = style.map_or(0, |s| s.outline_level);
                    let bookmark = (level >= 1 && level <= self.toc_levels).then(|| {
                        self.headings += 1;
                        self.headings
                    });
                    // a lead-in (":", ดังนี้) stays on the page of the table,
                    // picture or paragraph after it, not of a heading (the PDF's rule)
                    // A short one only: LibreOffice moves a kept paragraph
                    // whole (with the heading kept to it) where the PDF and
                    // Word split it and keep its last lines with what follows
                    let short = style.is_some_and(|s| {
                        let room = (width as f32 / 20.0 - (s.indent_left + s.first_line.max(0.0)) * 72.0 / 25.4).max(1.0);
                        estimated_width(&p.plain_text(), s.size, s.bold) <= 3.0 * room
                    });
                    let keep_next = short
                        && p.leads_in()
                        && match blocks.get(i + 1) {
                            Some(Block::Table(_) | Block::Image(_)) => true,
                            Some(Block::Paragraph(q)) => self.doc.styles.get(&q.style).map_or(0, |s| s.outline_level) == 0,
                            _ => false,
                        };
                    let extra = ParaExtra {
                        keep_next,
                        page_break_before,
                        sect_pr: if is_last { sect_pr } else { None },
                        space_before,
                        space_after,
                        bookmark,
                        ..ParaExtra::default()
                    };
                    self.paragraph(p, None, &extra);
                    printed_any = true;
                    last_was_table = false;
                    above = space_after.unwrap_or(after);
                    if is_last && sect_pr.is_some() {
                        return;
                    }
                }
                Block::Table(t) => {
                    if last_was_table {
                        self.spacer(None, TABLE_GAP);
                    }
                    if self.table(t, width) {
                        printed_any = true;
                        last_was_table = true;
                        above = TABLE_GAP;
                    }
                }
                Block::Toc(toc) => {
                    self.toc(toc.levels, width);
                    printed_any = true;
                    last_was_table = false;
                    above = 0.0;
                }
                Block::Image(img) => {
                    let page_break_before = std::mem::take(&mut break_pending);
                    let space_before = if printed_any { None } else { centre };
                    self.image(img, width, page_break_before, space_before);
                    printed_any = true;
                    last_was_table = false;
                    // the picture's paragraph has 3 pt below it (a caption has its style's)
                    above = img.caption.as_ref().map_or(3.0, |c| self.doc.styles.get(&c.style).map_or(0.0, |s| s.space_after));
                }
            }
        }
        match sect_pr {
            Some(s) => self.spacer(Some(s), 0.0),
            // Word wants the body to end with a paragraph, not a table
            None if last_was_table || !printed_any => self.spacer(None, 0.0),
            None => {}
        }
    }

    /// The space above the first paragraph of a vertically centred section
    /// (the cover), in points: half the room its paragraphs leave on the
    /// page, estimated from their lines. Written as space before, it centres
    /// the page in Word and in LibreOffice alike and survives a save in
    /// either (LibreOffice drops a section's vertical alignment). `None` when
    /// the section holds more than paragraphs and pictures (an emblem);
    /// `w:vAlign` is then kept.
    pub(super) fn centring_space(&self, section: &Section) -> Option<f32> {
        let p = &self.doc.page;
        let (paper_w, paper_h) = if section.orientation == Orientation::Landscape { (p.height, p.width) } else { (p.width, p.height) };
        let pt = 72.0 / 25.4;
        let width = (paper_w - p.left - p.right) * pt;
        let room = (paper_h - p.top - p.bottom) * pt;
        let mut height = 0.0;
        let mut first = true;
        for b in &section.blocks {
            let para = match b {
                Block::Paragraph(para) => para,
                Block::Image(img) => {
                    // the picture at its printed size, its paragraph's spacing, its caption
                    let scale = image_scale(img, twips(paper_w - p.left - p.right));
                    height += img.height * scale * pt + IMAGE_AFTER + if first { 0.0 } else { IMAGE_BEFORE };
                    first = false;
                    match &img.caption {
                        Some(c) => c,
                        None => continue,
                    }
                }
                _ => return None,
            };
            let st = self.doc.styles.get(&para.style).cloned().unwrap_or_default();
            let indent = (st.indent_left + st.first_line.max(0.0)) * pt;
            let lines = (estimated_width(&para.plain_text(), st.size, st.bold) / (width - indent).max(1.0)).ceil().max(1.0);
            let spacing = if st.line_spacing > 0.0 { st.line_spacing } else { 1.0 };
            height += lines * st.size * LINE_HEIGHT * spacing + st.space_after + if first { 0.0 } else { st.space_before };
            first = false;
        }
        // a line's worth kept in hand, so an estimate that falls short never
        // pushes the last line onto a second page
        let free = room - height - 16.0 * LINE_HEIGHT;
        (free > 0.0).then_some(free / 2.0)
    }

    /// A minimal empty paragraph (1 pt), optionally ending a section, with
    /// `before` points above it.
    pub(super) fn spacer(&mut self, sect_pr: Option<&str>, before: f32) {
        let _ = write!(
            self.out,
            concat!(
                r#"<w:p><w:pPr><w:spacing w:before="{}" w:after="0" w:line="20" w:lineRule="exact"/>"#,
                r#"<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>{}</w:pPr></w:p>"#
            ),
            pt20(before),
            sect_pr.unwrap_or("")
        );
    }

    /// The style of a paragraph: its own, or the fallback (a table's cell style).
    pub(super) fn style_of<'p>(&self, p: &'p Paragraph, fallback: Option<&'p str>) -> (&'p str, Option<&'a Style>) {
        let key = if p.style.is_empty() { fallback.unwrap_or("") } else { p.style.as_str() };
        (key, self.doc.styles.get(key))
    }

    /// Run properties: fonts and size always, bold and italic when set.
    pub(super) fn rpr(&self, size_pt: f32, bold: bool, italic: bool) -> String {
        let sz = half_points(size_pt);
        let mut r = String::with_capacity(160);
        r.push_str("<w:rPr>");
        r.push_str(&self.fonts);
        if bold {
            r.push_str("<w:b/><w:bCs/>");
        }
        if italic {
            r.push_str("<w:i/><w:iCs/>");
        }
        let _ = write!(r, r#"<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/></w:rPr>"#);
        r
    }

    /// One paragraph; `fallback` is the style to use when it names none.
    pub(super) fn paragraph(&mut self, p: &Paragraph, fallback: Option<&str>, extra: &ParaExtra) {
        let (key, style) = self.style_of(p, fallback);
        let style_id = self.styles.id(key).map(str::to_string);
        let default_style = Style::default();
        let style = style.unwrap_or(&default_style);
        let hanging = twips(style.first_line) < 0;

        // direct properties, in schema order; a paragraph whose style is
        // unknown gets the default style's properties directly
        let mut ppr = String::new();
        if let Some(id) = &style_id {
            let _ = write!(ppr, r#"<w:pStyle w:val="{id}"/>"#);
        }
        let style_keeps = style_id.is_some() && style.keep_with_next;
        if (extra.keep_next || style.keep_with_next) && !style_keeps {
            ppr.push_str("<w:keepNext/>");
        }
        if extra.page_break_before {
            ppr.push_str("<w:pageBreakBefore/>");
        }
        if !p.label.is_empty() && hanging {
            // the text after the label starts at the left indent
            ppr.push_str(&tab_stop("left", twips(style.indent_left), None));
        }
        if style_id.is_none() {
            let s = Style {
                space_before: extra.space_before.unwrap_or(style.space_before),
                space_after: extra.space_after.unwrap_or(style.space_after),
                ..style.clone()
            };
            ppr.push_str(&spacing_and_indent(&s));
        } else if extra.space_before.is_some() || extra.space_after.is_some() {
            let before = extra.space_before.map(|b| format!(r#" w:before="{}""#, pt20(b))).unwrap_or_default();
            let after = extra.space_after.map(|a| format!(r#" w:after="{}""#, pt20(a))).unwrap_or_default();
            let _ = write!(ppr, "<w:spacing{before}{after}/>");
        }
        let align = p.align.unwrap_or(style.align);
        if style_id.is_none() || align != style.align {
            let _ = write!(ppr, r#"<w:jc w:val="{}"/>"#, jc(align));
        }
        if let Some(s) = extra.sect_pr {
            ppr.push_str(s);
        }

        self.out.push_str("<w:p>");
        if !ppr.is_empty() {
            let _ = write!(self.out, "<w:pPr>{ppr}</w:pPr>");
        }
        let base_bold = style.bold || extra.bold;
        if let Some(n) = extra.bookmark {
            let _ = write!(self.out, r#"<w:bookmarkStart w:id="{n}" w:name="_Toc{n}"/>"#);
        }
        if !p.label.is_empty() {
            let rpr = self.rpr(style.size, base_bold, false);
            let sep = if hanging { "<w:tab/>" } else { r#"<w:t xml:space="preserve"> </w:t>"# };
            let _ = write!(self.out, "<w:r>{rpr}{}{sep}</w:r>", text_content(&p.label));
        }
        for run in &p.runs {
            if run.text.is_empty() {
                continue;
            }
            let rpr = self.rpr(style.size, base_bold || run.bold, run.italic);
            let text = self.keep_together(&run.text);
            let _ = write!(self.out, "<w:r>{rpr}{}</w:r>", text_content(&text));
        }
        if let Some(n) = extra.bookmark {
            let _ = write!(self.out, r#"<w:bookmarkEnd w:id="{n}"/>"#);
        }
        self.out.push_str("</w:p>");
    }


    /// The table of contents: a TOC field whose cached result lists the
    /// headings, each a link to its heading's bookmark, with a dotted right
    /// tab and the page number the PDF layout gave it (a `PAGEREF` field, so
    /// Word's refresh recomputes it). The file reads right before any refresh.
    pub(super) fn toc(&mut self, levels: u8, text_width: i64) {
        let levels = levels.clamp(1, 9);
        let mut entries: Vec<(u8, String)> = Vec::new();
        for block in self.doc.sections.iter().flat_map(|s| &s.blocks) {
            if let Block::Paragraph(p) = block {
                if let Some(style) = self.doc.styles.get(&p.style) {
                    if (1..=levels).contains(&style.outline_level) {
                        entries.push((style.outline_level, p.plain_text()));
                    }
                }
            }
        }
        let field_begin = format!(
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-{levels}" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#
        );
        let field_end = r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#;
        if entries.is_empty() {
            let _ = write!(self.out, "<w:p>{field_begin}{field_end}</w:p>");
            return;
        }
        let labels = toc_labels(&entries, &self.hints.headings);
        let n = entries.len();
        for (i, (level, text)) in entries.iter().enumerate() {
            let size = self.toc_style_size(*level);
            let rpr = self.rpr(size, false, false);
            self.out.push_str("<w:p><w:pPr>");
            match self.styles.toc_id(*level) {
                Some(id) => {
                    let _ = write!(self.out, r#"<w:pStyle w:val="{id}"/>"#);
                }
                None => self.out.push_str(&tab_stop("right", text_width, Some("dot"))),
            }
            self.out.push_str("</w:pPr>");
            if i == 0 {
                self.out.push_str(&field_begin);
            }
            let anchor = format!("_Toc{}", i + 1);
            let text = self.keep_together(text);
            let _ = write!(self.out, r#"<w:hyperlink w:anchor="{anchor}" w:history="1"><w:r>{rpr}{}</w:r>"#, text_content(&text));
            if let Some(label) = &labels[i] {
                let _ = write!(
                    self.out,
                    concat!(
                        r#"<w:r>{rpr}<w:tab/></w:r><w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>"#,
                        r#"<w:r>{rpr}<w:instrText xml:space="preserve"> PAGEREF {anchor} \h </w:instrText></w:r>"#,
                        r#"<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{rpr}{label}</w:r>"#,
                        r#"<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>"#
                    ),
                    rpr = rpr,
                    anchor = anchor,
                    label = text_content(label)
                );
            }
            self.out.push_str("</w:hyperlink>");
            if i + 1 == n {
                self.out.push_str(field_end);
            }
            self.out.push_str("</w:p>");
        }
    }

    /// Font size of the TOC entries of a level.
    pub(super) fn toc_style_size(&self, level: u8) -> f32 {
        self.styles
            .words
            .iter()
            .find(|(_, w)| w.toc_level == Some(level))
            .and_then(|(k, _)| self.doc.styles.get(*k))
            .map_or(16.0, |s| s.size)
    }
}

/// Word's line height for Sarabun at single spacing, in ems (its ascender
/// and descender, 1.068 + 0.232).
pub(super) const LINE_HEIGHT: f32 = 1.3;

/// The space before a paragraph that makes Word's rule give the PDF's gap.
///
/// The PDF puts the previous block's space after and this paragraph's space
/// before one after the other (their sum); Word and LibreOffice use the larger
/// of the two. Writing the sum as this paragraph's space before makes Word's
/// larger-of-two equal the PDF's sum. `None`: the style's value already gives it
/// (one of the two is zero).
pub(super) fn gap(above: f32, before: f32) -> Option<f32> {
    (above > 0.0 && before > 0.0).then_some(above + before)
}

/// The page label of each TOC entry, from the headings the PDF layout
/// placed: matched in order by level and text, skipping headings the TOC does
/// not list. `None` where the layout has no match (no hints).
pub(super) fn toc_labels(entries: &[(u8, String)], headings: &[crate::render::HeadingPage]) -> Vec<Option<String>> {
    let mut at = 0;
    entries
        .iter()
        .map(|(level, text)| {
            let found = headings[at.min(headings.len())..].iter().position(|h| h.level == *level && h.text.trim() == text.trim())?;
            at += found + 1;
            let label = &headings[at - 1].label;
            (!label.is_empty()).then(|| label.clone())
        })
        .collect()
}
