//! The DOCX renderer: turns a [`crate::doc::Document`] into a Word document.
//!
//! The WordprocessingML parts that carry the content and its formatting
//! (`word/document.xml`, `word/styles.xml`, `word/settings.xml`, the page
//! number headers, an empty `word/numbering.xml` and `docProps/core.xml`) are
//! written here as text, element by element in the order the OOXML schema
//! prescribes. docx-rs writes several of them out of schema order (`w:rPr`
//! first in `w:pPr`, `w:basedOn` last in a style, the header references last
//! in `w:sectPr`), which LibreOffice accepts but Word may reject as
//! unreadable; it also lacks Thai distributed justification, repeated header
//! rows, page number formats, language tags and settable core properties.
//! docx-rs builds the rest of the package from [`docx_rs::Docx::build`]:
//! content types, relationships (one header part per section), the font table
//! (the document's font is added to it as a Thai font), app and custom
//! properties and the empty comment parts; a theme part is added. Everything
//! is then packed again, deflated, with fixed timestamps and a fixed entry
//! order, so the same document always gives the same bytes.
//!
//! How the model maps onto Word:
//! - every named style becomes a paragraph style based on `Normal` (Sarabun
//!   16 pt, Thai language); styles with an outline level become Word's
//!   built-in `Heading 1`… so the navigation pane and the TOC field see them,
//!   and the TOC entry styles become the built-in `TOC 1`…;
//! - [`Align::Distribute`] is Word's Thai distributed justification
//!   (`thaiDistribute`), [`Align::Justify`] is `both`;
//! - a paragraph label is literal text followed by a tab, sitting in the
//!   hanging indent of the style;
//! - each section is a Word section starting on a new page, with its own
//!   orientation and a header holding the centred page number (`PAGE` field);
//! - tables get a fixed grid from the column fractions, `gridSpan` and
//!   `vMerge` for spans, repeated header rows, shaded timeline bars and
//!   bottom-to-top text in vertical cells;
//! - the table of contents is a `TOC` field whose cached result already lists
//!   the headings (Word refreshes it, with page numbers, when it opens the file);
//! - the spaces inside [`Document::no_break`] words become no-break spaces.

use crate::doc::{Align, Block, Cell, Document, Numbering, Orientation, Paragraph, Section, Style, Table, VAlign};
use crate::thai::DigitStyle;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

/// Renders the document as the bytes of a `.docx` file.
pub fn render(doc: &Document) -> Result<Vec<u8>, String> {
    let default_section;
    let sections: &[Section] = if doc.sections.is_empty() {
        default_section = [Section {
            orientation: Orientation::Portrait,
            numbering: Numbering::None,
            vertical_center: false,
            blocks: Vec::new(),
        }];
        &default_section
    } else {
        &doc.sections
    };
    let styles = StyleMap::new(doc);
    let mut body = BodyWriter::new(doc, &styles);
    let document = body.document(sections);
    let headers: Vec<Vec<u8>> = sections.iter().map(|s| header_xml(doc, s.numbering).into_bytes()).collect();

    let mut parts = package_skeleton(sections.len());
    parts.document = document.into_bytes();
    parts.styles = styles_xml(doc, &styles).into_bytes();
    parts.settings = settings_xml(doc).into_bytes();
    parts.doc_props.core = core_xml(doc).into_bytes();
    parts.font_table = font_table_xml(&parts.font_table, &doc.font_family)?;
    // docx-rs's sample numbering is not used (labels are literal text) and
    // puts w:rPr first in w:pPr; an empty numbering part stands in its place
    parts.numberings = format!(r#"{XML_DECL}<w:numbering xmlns:w="{NS_W}"/>"#).into_bytes();
    parts.headers = headers;
    // a theme part: Word's validator counts it as required, and its font
    // scheme names the document's font for Latin and Thai text
    parts.content_type = insert_before(
        &parts.content_type,
        "</Types>",
        r#"<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>"#,
    )?;
    parts.document_rels = insert_before(
        &parts.document_rels,
        "</Relationships>",
        r#"<Relationship Id="rIdTheme1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/>"#,
    )?;
    pack(parts, theme_xml(&doc.font_family).into_bytes())
}

/// Inserts `text` before the last occurrence of `tag` in an XML part.
fn insert_before(part: &[u8], tag: &str, text: &str) -> Result<Vec<u8>, String> {
    let xml = std::str::from_utf8(part).map_err(|e| format!("docx: {e}"))?;
    let at = xml.rfind(tag).ok_or_else(|| format!("docx: no {tag} in a docx-rs part"))?;
    Ok(format!("{}{text}{}", &xml[..at], &xml[at..]).into_bytes())
}

// ---------------------------------------------------------------------------
// Units and escaping

/// Twentieths of a point per millimetre.
const TWIPS_PER_MM: f32 = 56.692_913;

/// Millimetres to twips.
fn twips(mm: f32) -> i64 {
    (mm * TWIPS_PER_MM).round() as i64
}

/// Points to half-points (`w:sz`).
fn half_points(pt: f32) -> i64 {
    (pt * 2.0).round().max(1.0) as i64
}

/// Points to twentieths of a point (`w:spacing` before/after).
fn pt20(pt: f32) -> i64 {
    (pt * 20.0).round().max(0.0) as i64
}

/// Escapes text for XML content and attribute values, dropping characters
/// XML 1.0 cannot carry.
fn esc(s: &str) -> String {
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

const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// Fill of a timeline cell that is part of a bar: a solid mid grey prints and
/// displays the same in Word and LibreOffice.
const BAR_FILL: &str = "808080";

// ---------------------------------------------------------------------------
// Styles

/// How a document style appears in Word.
#[derive(Debug, Clone)]
struct WordStyle {
    /// `w:styleId`.
    id: String,
    /// `w:name`: the built-in name for headings and TOC levels, else the
    /// style's display name.
    name: String,
    /// Display name kept as an alias when the Word name is a built-in one.
    alias: Option<String>,
    /// A Word built-in style (Heading n, TOC n).
    builtin: bool,
    /// UI priority Word gives the built-in style.
    priority: Option<u32>,
    /// TOC level whose entries use this style (gets the dotted right tab).
    toc_level: Option<u8>,
}

/// Maps document style keys to Word styles.
struct StyleMap<'a> {
    /// Document style key → Word style.
    words: BTreeMap<&'a str, WordStyle>,
    /// Style id of each TOC entry level, 1-based index.
    toc_ids: BTreeMap<u8, String>,
    /// TOC levels that have no document style: written with defaults.
    synthetic_toc: Vec<u8>,
}

/// Style ids the renderer defines itself.
const RESERVED_IDS: [&str; 5] = ["Normal", "DefaultParagraphFont", "TableNormal", "TableGrid", "Header"];

impl<'a> StyleMap<'a> {
    fn new(doc: &'a Document) -> Self {
        let mut words: BTreeMap<&'a str, WordStyle> = BTreeMap::new();
        let mut taken: BTreeSet<String> = RESERVED_IDS.iter().map(|s| s.to_ascii_lowercase()).collect();

        // Headings: one document style per outline level becomes Word's
        // built-in "heading n" (the one keyed `heading{n}` if there is one).
        for level in 1..=9u8 {
            let preferred = format!("heading{level}");
            let key = if doc.styles.get(&preferred).is_some_and(|s| s.outline_level == level) {
                doc.styles.get_key_value(&preferred).map(|(k, _)| k.as_str())
            } else {
                doc.styles.iter().find(|(_, s)| s.outline_level == level).map(|(k, _)| k.as_str())
            };
            if let Some(key) = key {
                let id = format!("Heading{level}");
                taken.insert(id.to_ascii_lowercase());
                words.insert(
                    key,
                    WordStyle {
                        id,
                        name: format!("heading {level}"),
                        alias: alias_of(&doc.styles[key]),
                        builtin: true,
                        priority: Some(9),
                        toc_level: None,
                    },
                );
            }
        }

        // TOC entry levels: the first table of contents decides the styles.
        let mut toc_ids = BTreeMap::new();
        let mut synthetic_toc = Vec::new();
        if let Some(toc) = doc.sections.iter().flat_map(|s| &s.blocks).find_map(|b| match b {
            Block::Toc(t) => Some(t),
            _ => None,
        }) {
            for level in 1..=toc.levels.clamp(1, 9) {
                let key = if level == 1 { toc.entry_style.clone() } else { format!("toc{level}") };
                let id = format!("TOC{level}");
                taken.insert(id.to_ascii_lowercase());
                match doc.styles.get_key_value(&key) {
                    Some((k, style)) if !words.contains_key(k.as_str()) => {
                        words.insert(
                            k.as_str(),
                            WordStyle {
                                id: id.clone(),
                                name: format!("toc {level}"),
                                alias: alias_of(style),
                                builtin: true,
                                priority: Some(39),
                                toc_level: Some(level),
                            },
                        );
                    }
                    _ => synthetic_toc.push(level),
                }
                toc_ids.insert(level, id);
            }
        }

        // Every other style: its key, reduced to letters and digits, made unique.
        for (key, style) in &doc.styles {
            if words.contains_key(key.as_str()) {
                continue;
            }
            let mut base: String = key.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
            if base.is_empty() {
                base = "Style".to_string();
            }
            let mut id = base.clone();
            let mut n = 2;
            while taken.contains(&id.to_ascii_lowercase()) {
                id = format!("{base}{n}");
                n += 1;
            }
            taken.insert(id.to_ascii_lowercase());
            let name = if style.name.trim().is_empty() { key.clone() } else { style.name.clone() };
            words.insert(key.as_str(), WordStyle { id, name, alias: None, builtin: false, priority: None, toc_level: None });
        }
        StyleMap { words, toc_ids, synthetic_toc }
    }

    /// Word style id of a document style key (`None`: Normal).
    fn id(&self, key: &str) -> Option<&str> {
        self.words.get(key).map(|w| w.id.as_str())
    }

    /// Word style id of the TOC entries of a level.
    fn toc_id(&self, level: u8) -> Option<&str> {
        self.toc_ids.get(&level).map(String::as_str)
    }
}

/// The display name of a style, kept as an alias of a built-in Word style.
fn alias_of(style: &Style) -> Option<String> {
    let name = style.name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// `w:rFonts` naming the family for every script slot.
fn rfonts(family: &str) -> String {
    let f = esc(family);
    format!(r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>"#)
}

/// The language tag of the document, `th-TH` unless the metadata says otherwise.
fn language(doc: &Document) -> String {
    let l = doc.meta.language.trim();
    if l.is_empty() { "th-TH".to_string() } else { esc(l) }
}

/// `w:jc` value of an alignment.
fn jc(align: Align) -> &'static str {
    match align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
        Align::Distribute => "thaiDistribute",
        Align::Justify => "both",
    }
}

/// `w:tabs` with one stop.
fn tab_stop(kind: &str, pos: i64, leader: Option<&str>) -> String {
    let leader = leader.map(|l| format!(r#" w:leader="{l}""#)).unwrap_or_default();
    format!(r#"<w:tabs><w:tab w:val="{kind}"{leader} w:pos="{pos}"/></w:tabs>"#)
}

/// The paragraph properties of a style, in schema order (without `w:pPr`).
fn style_ppr(s: &Style, tabs: &str) -> String {
    let mut p = String::new();
    if s.keep_with_next {
        p.push_str("<w:keepNext/>");
    }
    p.push_str(tabs);
    p.push_str(&spacing_and_indent(s));
    let _ = write!(p, r#"<w:jc w:val="{}"/>"#, jc(s.align));
    if (1..=9).contains(&s.outline_level) {
        let _ = write!(p, r#"<w:outlineLvl w:val="{}"/>"#, s.outline_level - 1);
    }
    p
}

/// `w:spacing` and `w:ind` of a style.
fn spacing_and_indent(s: &Style) -> String {
    let line = (240.0 * if s.line_spacing > 0.0 { s.line_spacing } else { 1.0 }).round() as i64;
    let mut p = format!(
        r#"<w:spacing w:before="{}" w:after="{}" w:line="{line}" w:lineRule="auto"/>"#,
        pt20(s.space_before),
        pt20(s.space_after)
    );
    let left = twips(s.indent_left);
    let first = twips(s.first_line);
    if first < 0 {
        let _ = write!(p, r#"<w:ind w:left="{left}" w:hanging="{}"/>"#, -first);
    } else {
        let _ = write!(p, r#"<w:ind w:left="{left}" w:firstLine="{first}"/>"#);
    }
    p
}

/// The text width of a portrait page, in twips.
fn portrait_text_width(doc: &Document) -> i64 {
    twips(doc.page.width - doc.page.left - doc.page.right).max(1)
}

/// `word/styles.xml`.
fn styles_xml(doc: &Document, map: &StyleMap) -> String {
    let fonts = rfonts(&doc.font_family);
    let lang = language(doc);
    let tw = portrait_text_width(doc);
    let mut x = String::with_capacity(8192);
    x.push_str(XML_DECL);
    let _ = write!(x, r#"<w:styles xmlns:w="{NS_W}" xmlns:r="{NS_R}">"#);
    let _ = write!(
        x,
        concat!(
            "<w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>",
            "<w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"{lang}\"/></w:rPr></w:rPrDefault>",
            "<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>",
            "</w:docDefaults>"
        ),
        fonts = fonts,
        lang = lang
    );
    let _ = write!(
        x,
        concat!(
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>",
            "<w:pPr><w:widowControl/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>",
            "<w:rPr>{fonts}<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"{lang}\"/></w:rPr></w:style>",
            "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/>",
            "<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>",
            "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>",
            "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>",
            "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>",
            "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
            "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/>",
            "<w:uiPriority w:val=\"39\"/><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr></w:style>",
            "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/>",
            "<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>",
            "<w:jc w:val=\"center\"/></w:pPr></w:style>"
        ),
        fonts = fonts,
        lang = lang,
        borders = TABLE_BORDERS
    );
    for (key, style) in &doc.styles {
        let Some(w) = map.words.get(key.as_str()) else { continue };
        let custom = if w.builtin { "" } else { r#" w:customStyle="1""# };
        let _ = write!(x, r#"<w:style w:type="paragraph"{custom} w:styleId="{}"><w:name w:val="{}"/>"#, w.id, esc(&w.name));
        if let Some(alias) = &w.alias {
            if alias != &w.name {
                let _ = write!(x, r#"<w:aliases w:val="{}"/>"#, esc(alias));
            }
        }
        x.push_str(r#"<w:basedOn w:val="Normal"/>"#);
        if let Some(p) = w.priority {
            let _ = write!(x, r#"<w:uiPriority w:val="{p}"/>"#);
        }
        if w.toc_level.is_some() {
            x.push_str("<w:unhideWhenUsed/>");
        }
        x.push_str("<w:qFormat/>");
        let tabs = if w.toc_level.is_some() { tab_stop("right", tw, Some("dot")) } else { String::new() };
        let _ = write!(x, "<w:pPr>{}</w:pPr>", style_ppr(style, &tabs));
        let sz = half_points(style.size);
        x.push_str("<w:rPr>");
        x.push_str(&fonts);
        if style.bold {
            x.push_str("<w:b/><w:bCs/>");
        } else {
            x.push_str(r#"<w:b w:val="0"/><w:bCs w:val="0"/>"#);
        }
        let _ = write!(x, r#"<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/></w:rPr></w:style>"#);
    }
    for &level in &map.synthetic_toc {
        let style = Style { indent_left: 10.0 * f32::from(level - 1), ..Style::default() };
        let _ = write!(
            x,
            concat!(
                r#"<w:style w:type="paragraph" w:styleId="TOC{level}"><w:name w:val="toc {level}"/><w:basedOn w:val="Normal"/>"#,
                r#"<w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/><w:pPr>{ppr}</w:pPr></w:style>"#
            ),
            level = level,
            ppr = style_ppr(&style, &tab_stop("right", tw, Some("dot")))
        );
    }
    x.push_str("</w:styles>");
    x
}

/// Single thin borders on every edge and between all cells.
const TABLE_BORDERS: &str = concat!(
    r#"<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
    r#"<w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
    r#"<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
    r#"<w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
    r#"<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
    r#"<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
);

// ---------------------------------------------------------------------------
// Body

/// Extra paragraph properties decided by the paragraph's surroundings.
#[derive(Default)]
struct ParaExtra<'s> {
    /// Keep with the next paragraph (header rows, the row above a total).
    keep_next: bool,
    /// Start on a new page (a page break block before it).
    page_break_before: bool,
    /// Print every run bold (a total row).
    bold: bool,
    /// Section properties ending the section with this paragraph.
    sect_pr: Option<&'s str>,
}

/// Writes `word/document.xml`.
struct BodyWriter<'a> {
    doc: &'a Document,
    styles: &'a StyleMap<'a>,
    out: String,
    fonts: String,
    /// No-break words that contain spaces, longest first, with the spaces
    /// made no-break spaces.
    no_break: Vec<(&'a str, String)>,
}

impl<'a> BodyWriter<'a> {
    fn new(doc: &'a Document, styles: &'a StyleMap<'a>) -> Self {
        let mut no_break: Vec<(&str, String)> =
            doc.no_break.iter().filter(|w| w.trim().contains(' ')).map(|w| (w.as_str(), w.replace(' ', "\u{A0}"))).collect();
        no_break.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
        BodyWriter { doc, styles, out: String::with_capacity(64 * 1024), fonts: rfonts(&doc.font_family), no_break }
    }

    /// Text with the spaces inside no-break words made no-break spaces (Word
    /// and LibreOffice never break a line there; where Thai words meet inside
    /// such a word, the line breaking stays the application's).
    fn keep_together(&self, text: &str) -> String {
        let mut t = text.to_string();
        for (word, joined) in &self.no_break {
            if t.contains(word) {
                t = t.replace(word, joined);
            }
        }
        t
    }

    /// The whole main document part.
    fn document(&mut self, sections: &[Section]) -> String {
        self.out.push_str(XML_DECL);
        let _ = write!(self.out, r#"<w:document xmlns:w="{NS_W}" xmlns:r="{NS_R}"><w:body>"#);
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

    /// Text width of a section's pages, in twips.
    fn text_width(&self, section: &Section) -> i64 {
        let p = &self.doc.page;
        let paper = if section.orientation == Orientation::Landscape { p.height } else { p.width };
        twips(paper - p.left - p.right).max(1)
    }

    /// `w:sectPr` of section `index` (header part `index + 1`).
    fn sect_pr(&self, sections: &[Section], index: usize) -> String {
        let section = &sections[index];
        let p = &self.doc.page;
        let (w, h) = (twips(p.width), twips(p.height));
        let mut x = String::new();
        let _ = write!(x, r#"<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader{}"/><w:type w:val="nextPage"/>"#, index + 1);
        if section.orientation == Orientation::Landscape {
            let _ = write!(x, r#"<w:pgSz w:w="{h}" w:h="{w}" w:orient="landscape"/>"#);
        } else {
            let _ = write!(x, r#"<w:pgSz w:w="{w}" w:h="{h}"/>"#);
        }
        let header = twips(p.header);
        let _ = write!(
            x,
            r#"<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="{header}" w:footer="{header}" w:gutter="0"/>"#,
            twips(p.top),
            twips(p.right),
            twips(p.bottom),
            twips(p.left)
        );
        let fmt = match section.numbering {
            Numbering::None => None,
            Numbering::Letters { .. } => Some("thaiLetters"),
            Numbering::Digits { .. } => Some(digits_format(self.doc.digits)),
        };
        if let Some(fmt) = fmt {
            let start = first_page_number(sections, index).map(|n| format!(r#" w:start="{n}""#)).unwrap_or_default();
            let _ = write!(x, r#"<w:pgNumType w:fmt="{fmt}"{start}/>"#);
        }
        x.push_str(r#"<w:cols w:space="708"/>"#);
        if section.vertical_center {
            x.push_str(r#"<w:vAlign w:val="center"/>"#);
        }
        x.push_str("</w:sectPr>");
        x
    }

    /// The blocks of a section; `sect_pr` ends a section that is not the last.
    fn section(&mut self, section: &Section, sect_pr: Option<&str>) {
        let width = self.text_width(section);
        let blocks = &section.blocks;
        // up to the last block that prints (page breaks at the end are dropped)
        let prints = |b: &Block| match b {
            Block::PageBreak => false,
            Block::Table(t) => !t.columns.is_empty() && !t.rows.is_empty(),
            Block::Paragraph(_) | Block::Toc(_) => true,
        };
        let end = blocks.iter().rposition(prints).map_or(0, |i| i + 1);
        let mut break_pending = false;
        let mut printed_any = false;
        let mut last_was_table = false;
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
                            r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>"#,
                            r#"<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr><w:r><w:br w:type="page"/></w:r></w:p>"#
                        ));
                        last_was_table = false;
                    }
                }
                Block::Paragraph(p) => {
                    let extra = ParaExtra {
                        page_break_before: std::mem::take(&mut break_pending),
                        sect_pr: if is_last { sect_pr } else { None },
                        ..ParaExtra::default()
                    };
                    self.paragraph(p, None, &extra);
                    printed_any = true;
                    last_was_table = false;
                    if is_last && sect_pr.is_some() {
                        return;
                    }
                }
                Block::Table(t) => {
                    if last_was_table {
                        self.spacer(None);
                    }
                    if self.table(t, width) {
                        printed_any = true;
                        last_was_table = true;
                    }
                }
                Block::Toc(toc) => {
                    self.toc(toc.levels, width);
                    printed_any = true;
                    last_was_table = false;
                }
            }
        }
        match sect_pr {
            Some(s) => self.spacer(Some(s)),
            // Word wants the body to end with a paragraph, not a table
            None if last_was_table || !printed_any => self.spacer(None),
            None => {}
        }
    }

    /// A minimal empty paragraph (1 pt), optionally ending a section.
    fn spacer(&mut self, sect_pr: Option<&str>) {
        let _ = write!(
            self.out,
            concat!(
                r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>"#,
                r#"<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>{}</w:pPr></w:p>"#
            ),
            sect_pr.unwrap_or("")
        );
    }

    /// The style of a paragraph: its own, or the fallback (a table's cell style).
    fn style_of<'p>(&self, p: &'p Paragraph, fallback: Option<&'p str>) -> (&'p str, Option<&'a Style>) {
        let key = if p.style.is_empty() { fallback.unwrap_or("") } else { p.style.as_str() };
        (key, self.doc.styles.get(key))
    }

    /// Run properties: fonts and size always, bold and italic when set.
    fn rpr(&self, size_pt: f32, bold: bool, italic: bool) -> String {
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
    fn paragraph(&mut self, p: &Paragraph, fallback: Option<&str>, extra: &ParaExtra) {
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
            ppr.push_str(&spacing_and_indent(style));
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
        self.out.push_str("</w:p>");
    }

    /// A table; returns false when it has no columns or no rows (nothing
    /// written: Word rejects a table without rows).
    fn table(&mut self, t: &Table, text_width: i64) -> bool {
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
    fn vertical_text_height(&self, row: &crate::doc::Row, slots: &[Slot], cell_style: &str) -> i64 {
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
    fn cell_open(&mut self, width: i64, cols: usize, merge: Option<&str>, cell: &Cell, joins: (bool, bool)) {
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
    fn empty_cell_paragraph(&mut self, cell_style: &str, extra: &ParaExtra) {
        let p = Paragraph { style: cell_style.to_string(), ..Paragraph::default() };
        self.paragraph(&p, None, extra);
    }

    /// The table of contents: a TOC field whose cached result lists the headings.
    fn toc(&mut self, levels: u8, text_width: i64) {
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
            r#"<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-{levels}" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#
        );
        let field_end = r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#;
        if entries.is_empty() {
            let _ = write!(self.out, "<w:p>{field_begin}{field_end}</w:p>");
            return;
        }
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
            let text = self.keep_together(text);
            let _ = write!(self.out, "<w:r>{rpr}{}</w:r>", text_content(&text));
            if i + 1 == n {
                self.out.push_str(field_end);
            }
            self.out.push_str("</w:p>");
        }
    }

    /// Font size of the TOC entries of a level.
    fn toc_style_size(&self, level: u8) -> f32 {
        self.styles
            .words
            .iter()
            .find(|(_, w)| w.toc_level == Some(level))
            .and_then(|(k, _)| self.doc.styles.get(*k))
            .map_or(16.0, |s| s.size)
    }
}

/// The content of a run: text, with tabs and line breaks as Word elements.
fn text_content(text: &str) -> String {
    let mut out = String::new();
    let mut buf = String::new();
    let flush = |buf: &mut String, out: &mut String| {
        if !buf.is_empty() {
            let _ = write!(out, r#"<w:t xml:space="preserve">{}</w:t>"#, esc(buf));
            buf.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\t' => {
                flush(&mut buf, &mut out);
                out.push_str("<w:tab/>");
            }
            '\n' => {
                flush(&mut buf, &mut out);
                out.push_str("<w:br/>");
            }
            '\r' => {}
            c => buf.push(c),
        }
    }
    flush(&mut buf, &mut out);
    out
}

/// Cell margin assumed above and below rotated text, twips.
const CELL_PADDING: i64 = 57;

/// A generous estimate of the advance width of a line of Thai text, in
/// points: Sarabun's Thai letters are about 0.6 em wide, its Thai digits 0.7,
/// marks above and below take no room.
fn estimated_width(text: &str, size: f32, bold: bool) -> f32 {
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
fn column_widths(columns: &[f32], text_width: i64) -> Vec<i64> {
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
enum Slot {
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
fn place_cells(t: &Table) -> Vec<Vec<Slot>> {
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

// ---------------------------------------------------------------------------
// Headers, settings, properties

/// The number of the first page of a numbered section when Word's own
/// continuation would not give it (`None`: let Word continue).
///
/// The model counts letters and digits apart: a lettered page does not
/// advance the digits and a digit-numbered page not the letters, while every
/// unnumbered page advances both. Word has one counter, continued from the
/// previous section whatever its format. So a section that restarts starts at
/// 1; one that continues its kind from an earlier section of the same kind,
/// with only unnumbered sections between, continues in Word too; the first
/// section of its kind after a section of the other kind starts after the
/// unnumbered pages before it, counted as one page per unnumbered section
/// (the cover: the page count is only known once laid out). A section that
/// continues a kind across a section of the other kind keeps Word's count.
fn first_page_number(sections: &[Section], index: usize) -> Option<usize> {
    let kind = |n: Numbering| match n {
        Numbering::None => 0,
        Numbering::Letters { .. } => 1,
        Numbering::Digits { .. } => 2,
    };
    let restart = match sections[index].numbering {
        Numbering::None => return None,
        Numbering::Letters { restart } | Numbering::Digits { restart } => restart,
    };
    if restart {
        return Some(1);
    }
    let this = kind(sections[index].numbering);
    let before = &sections[..index];
    let same_kind_before = before.iter().any(|s| kind(s.numbering) == this);
    let other_kind_before = before.iter().any(|s| kind(s.numbering) != 0 && kind(s.numbering) != this);
    if same_kind_before || !other_kind_before {
        return None;
    }
    Some(1 + before.iter().filter(|s| s.numbering == Numbering::None).count())
}

/// `w:pgNumType w:fmt` of page numbers in the document's digits.
fn digits_format(digits: DigitStyle) -> &'static str {
    match digits {
        DigitStyle::Thai => "thaiNumbers",
        DigitStyle::Arabic => "decimal",
    }
}

/// The header of a section: `- PAGE -` centred, or an empty paragraph.
fn header_xml(doc: &Document, numbering: Numbering) -> String {
    let mut x = String::new();
    x.push_str(XML_DECL);
    let _ = write!(x, r#"<w:hdr xmlns:w="{NS_W}" xmlns:r="{NS_R}"><w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="center"/></w:pPr>"#);
    // The number's style comes from the section's w:pgNumType; the field has
    // no format switch: LibreOffice reads `\* ThaiArabic` as Thai letters.
    let placeholder = match numbering {
        Numbering::None => {
            x.push_str("</w:p></w:hdr>");
            return x;
        }
        Numbering::Letters { .. } => "ก",
        Numbering::Digits { .. } => match doc.digits {
            DigitStyle::Thai => "๑",
            DigitStyle::Arabic => "1",
        },
    };
    let rpr = format!(r#"<w:rPr>{}<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>"#, rfonts(&doc.font_family));
    let format = if doc.page_number_format.is_empty() { "{page}" } else { doc.page_number_format.as_str() };
    let mut pieces = format.split("{page}").peekable();
    while let Some(text) = pieces.next() {
        if !text.is_empty() {
            let _ = write!(x, "<w:r>{rpr}{}</w:r>", text_content(text));
        }
        if pieces.peek().is_some() {
            let _ = write!(
                x,
                concat!(
                    r#"<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>"#,
                    r#"<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#,
                    r#"<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>"#,
                    r#"<w:r>{rpr}<w:t>{placeholder}</w:t></w:r>"#,
                    r#"<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>"#
                ),
                rpr = rpr,
                placeholder = placeholder
            );
        }
    }
    x.push_str("</w:p></w:hdr>");
    x
}

/// `word/settings.xml`: refresh fields (the TOC) on open, Word 2013+ layout.
fn settings_xml(doc: &Document) -> String {
    let lang = language(doc);
    format!(
        concat!(
            "{decl}<w:settings xmlns:w=\"{w}\" xmlns:r=\"{r}\"><w:zoom w:percent=\"100\"/>",
            "<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>",
            "<w:updateFields w:val=\"true\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" ",
            "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>",
            "<w:themeFontLang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"{lang}\"/></w:settings>"
        ),
        decl = XML_DECL,
        w = NS_W,
        r = NS_R,
        lang = lang
    )
}

/// `docProps/core.xml`: title, subject, author, language; no dates.
fn core_xml(doc: &Document) -> String {
    let m = &doc.meta;
    let mut x = String::new();
    x.push_str(XML_DECL);
    x.push_str(concat!(
        r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
        r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
        r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
    ));
    for (tag, value) in [("dc:title", &m.title), ("dc:subject", &m.subject), ("dc:creator", &m.author)] {
        if !value.is_empty() {
            let _ = write!(x, "<{tag}>{}</{tag}>", esc(value));
        }
    }
    if !m.author.is_empty() {
        let _ = write!(x, "<cp:lastModifiedBy>{}</cp:lastModifiedBy>", esc(&m.author));
    }
    let _ = write!(x, "<dc:language>{}</dc:language><cp:revision>1</cp:revision></cp:coreProperties>", language(doc));
    x
}

/// `word/theme/theme1.xml`: Office's colours, the document's font for the
/// major and minor fonts (Latin, complex script and Thai), plain formats.
fn theme_xml(family: &str) -> String {
    let f = esc(family);
    let fonts = format!(r#"<a:latin typeface="{f}"/><a:ea typeface=""/><a:cs typeface="{f}"/><a:font script="Thai" typeface="{f}"/>"#);
    let fill = r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#;
    let line = r#"<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#;
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    let mut x = String::with_capacity(4096);
    x.push_str(XML_DECL);
    x.push_str(r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="phaen"><a:themeElements>"#);
    x.push_str(r#"<a:clrScheme name="Office">"#);
    for (name, colour) in [
        ("dk1", r#"<a:sysClr val="windowText" lastClr="000000"/>"#),
        ("lt1", r#"<a:sysClr val="window" lastClr="FFFFFF"/>"#),
        ("dk2", r#"<a:srgbClr val="44546A"/>"#),
        ("lt2", r#"<a:srgbClr val="E7E6E6"/>"#),
        ("accent1", r#"<a:srgbClr val="4472C4"/>"#),
        ("accent2", r#"<a:srgbClr val="ED7D31"/>"#),
        ("accent3", r#"<a:srgbClr val="A5A5A5"/>"#),
        ("accent4", r#"<a:srgbClr val="FFC000"/>"#),
        ("accent5", r#"<a:srgbClr val="5B9BD5"/>"#),
        ("accent6", r#"<a:srgbClr val="70AD47"/>"#),
        ("hlink", r#"<a:srgbClr val="0563C1"/>"#),
        ("folHlink", r#"<a:srgbClr val="954F72"/>"#),
    ] {
        let _ = write!(x, "<a:{name}>{colour}</a:{name}>");
    }
    let _ = write!(
        x,
        concat!(
            r#"</a:clrScheme><a:fontScheme name="phaen"><a:majorFont>{fonts}</a:majorFont><a:minorFont>{fonts}</a:minorFont></a:fontScheme>"#,
            r#"<a:fmtScheme name="Office"><a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst>"#,
            r#"<a:lnStyleLst>{line}{line}{line}</a:lnStyleLst>"#,
            r#"<a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst>"#,
            r#"<a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"#,
            r#"<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#
        ),
        fonts = fonts,
        fill = fill,
        line = line,
        effect = effect
    );
    x
}

/// docx-rs's font table with the document's font added as a Thai font, so
/// Word substitutes a Thai face where the font is not installed.
fn font_table_xml(table: &[u8], family: &str) -> Result<Vec<u8>, String> {
    let text = std::str::from_utf8(table).map_err(|e| format!("font table: {e}"))?;
    let entry = format!(
        r#"<w:font w:name="{}"><w:charset w:val="DE"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>"#,
        esc(family)
    );
    let at = text.rfind("</w:fonts>").ok_or("font table: no </w:fonts>")?;
    Ok(format!("{}{entry}{}", &text[..at], &text[at..]).into_bytes())
}

// ---------------------------------------------------------------------------
// Package

/// docx-rs's package with `headers` header parts (`word/header{n}.xml`, related
/// as `rIdHeader{n}`); the main document and the other WordprocessingML parts
/// are replaced afterwards.
fn package_skeleton(headers: usize) -> docx_rs::XMLDocx {
    let mut docx = docx_rs::Docx::new();
    for _ in 0..headers {
        docx = docx.add_section(docx_rs::Section::new().header(docx_rs::Header::new()));
    }
    docx.build()
}

/// Packs the parts and the theme, deflated, in a fixed order with fixed
/// timestamps.
fn pack(parts: docx_rs::XMLDocx, theme: Vec<u8>) -> Result<Vec<u8>, String> {
    if !parts.media.is_empty() || !parts.custom_items.is_empty() || parts.taskpanes.is_some() {
        return Err("docx: unexpected media or custom parts".to_string());
    }
    let mut entries: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), parts.content_type),
        ("_rels/.rels".into(), parts.rels),
        ("docProps/app.xml".into(), parts.doc_props.app),
        ("docProps/core.xml".into(), parts.doc_props.core),
        ("docProps/custom.xml".into(), parts.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), parts.document_rels),
        ("word/document.xml".into(), parts.document),
        ("word/styles.xml".into(), parts.styles),
        ("word/settings.xml".into(), parts.settings),
        ("word/fontTable.xml".into(), parts.font_table),
        ("word/theme/theme1.xml".into(), theme),
        ("word/comments.xml".into(), parts.comments),
        ("word/numbering.xml".into(), parts.numberings),
        ("word/commentsExtended.xml".into(), parts.comments_extended),
        ("word/footnotes.xml".into(), parts.footnotes),
    ];
    let mut header_rels = parts.header_rels.into_iter();
    for (i, header) in parts.headers.into_iter().enumerate() {
        entries.push((format!("word/header{}.xml", i + 1), header));
        // docx-rs makes one (empty) relationship part per header; only
        // non-empty ones are worth packing
        if let Some(rels) = header_rels.next().filter(|r| r.windows(13).any(|w| w == b"<Relationship ")) {
            entries.push((format!("word/_rels/header{}.xml.rels", i + 1), rels));
        }
    }
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        zip.start_file(name.as_str(), options).map_err(|e| format!("docx: {name}: {e}"))?;
        zip.write_all(&data).map_err(|e| format!("docx: {name}: {e}"))?;
    }
    let cursor = zip.finish().map_err(|e| format!("docx: {e}"))?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Meta, PageSetup, Row, Run, Toc};
    use std::io::Read as _;

    fn style(size: f32, bold: bool, align: Align, outline: u8) -> Style {
        Style { name: format!("s{size}"), size, bold, align, outline_level: outline, ..Style::default() }
    }

    fn sample() -> Document {
        let mut styles = BTreeMap::new();
        styles.insert("body".to_string(), Style { first_line: 25.0, ..style(16.0, false, Align::Distribute, 0) });
        styles.insert("heading1".to_string(), Style { name: "หัวข้อ".into(), keep_with_next: true, ..style(18.0, true, Align::Center, 1) });
        styles.insert("heading2".to_string(), style(16.0, true, Align::Left, 2));
        styles.insert("list".to_string(), Style { indent_left: 10.0, first_line: -10.0, ..style(16.0, false, Align::Justify, 0) });
        styles.insert("cell".to_string(), style(14.0, false, Align::Left, 0));
        styles.insert("toc1".to_string(), style(16.0, false, Align::Left, 0));
        let table = Table {
            columns: vec![0.4, 0.2, 0.2, 0.2],
            header_rows: 2,
            cell_style: "cell".into(),
            rows: vec![
                Row { cells: vec![Cell::text("cell", "งาน").span(1, 2), Cell::text("cell", "ไตรมาส").span(3, 1)], total: false },
                Row { cells: vec![Cell { vertical: true, ..Cell::text("cell", "ต.ค.") }, Cell::text("cell", "พ.ย."), Cell::text("cell", "ธ.ค.")], total: false },
                Row {
                    cells: vec![
                        Cell::text("cell", "น้ำ").span(1, 2),
                        Cell { bar: true, ..Cell::empty() },
                        Cell { shade: Some([255, 0, 16]), ..Cell::empty() },
                        Cell::empty(),
                    ],
                    total: false,
                },
                Row { cells: vec![Cell { bar: true, ..Cell::empty() }, Cell { bar: true, ..Cell::empty() }, Cell::empty()], total: false },
                Row { cells: vec![Cell::text("cell", "รวม"), Cell::empty().span(3, 1)], total: true },
            ],
        };
        Document {
            meta: Meta { title: "แผน & ฟ้า".into(), author: "สำนักงาน".into(), subject: "s".into(), language: "th-TH".into() },
            page: PageSetup { width: 210.0, height: 297.0, top: 25.0, bottom: 20.0, left: 30.0, right: 20.0, header: 12.0 },
            styles,
            font_family: "Sarabun".into(),
            page_number_format: "- {page} -".into(),
            digits: DigitStyle::Thai,
            no_break: vec!["เขต ๒".into(), "พะเยา".into()],
            sections: vec![
                Section {
                    orientation: Orientation::Portrait,
                    numbering: Numbering::None,
                    vertical_center: true,
                    blocks: vec![Block::Paragraph(Paragraph::new("heading1", "ปก"))],
                },
                Section {
                    orientation: Orientation::Portrait,
                    numbering: Numbering::Letters { restart: true },
                    vertical_center: false,
                    blocks: vec![
                        Block::Toc(Toc { levels: 2, entry_style: "toc1".into() }),
                        Block::PageBreak,
                        Block::Paragraph(Paragraph::new("heading1", "บทที่ ๑")),
                        Block::Paragraph(Paragraph::new("heading2", "ความเป็นมา")),
                        Block::Paragraph(Paragraph {
                            style: "list".into(),
                            label: "๑.".into(),
                            runs: vec![Run { text: "ปั่น".into(), bold: true, italic: false }, Run { text: " ญุ ฐุ เขต ๒".into(), ..Run::default() }],
                            align: None,
                        }),
                    ],
                },
                Section {
                    orientation: Orientation::Landscape,
                    numbering: Numbering::Digits { restart: false },
                    vertical_center: false,
                    blocks: vec![Block::Table(table)],
                },
            ],
        }
    }

    fn unzip(bytes: &[u8]) -> BTreeMap<String, (String, zip::CompressionMethod)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
        let mut out = BTreeMap::new();
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).expect("entry");
            let mut text = String::new();
            f.read_to_string(&mut text).expect("utf-8 part");
            out.insert(f.name().to_string(), (text, f.compression()));
        }
        out
    }

    fn part(bytes: &[u8], name: &str) -> String {
        unzip(bytes).remove(name).unwrap_or_else(|| panic!("no {name}")).0
    }

    #[test]
    fn styles_have_thai_fonts_language_and_builtin_headings() {
        let bytes = render(&sample()).unwrap();
        let styles = part(&bytes, "word/styles.xml");
        assert!(styles.contains(r#"<w:rFonts w:ascii="Sarabun" w:hAnsi="Sarabun" w:eastAsia="Sarabun" w:cs="Sarabun"/>"#));
        assert!(styles.contains(r#"<w:lang w:val="th-TH" w:eastAsia="th-TH" w:bidi="th-TH"/>"#));
        assert!(styles.contains(r#"w:styleId="Heading1"><w:name w:val="heading 1"/><w:aliases w:val="หัวข้อ"/>"#));
        assert!(styles.contains(r#"w:styleId="Heading2"><w:name w:val="heading 2"/>"#));
        assert!(styles.contains(r#"<w:outlineLvl w:val="0"/>"#));
        assert!(styles.contains(r#"w:styleId="TOC1"><w:name w:val="toc 1"/>"#));
        assert!(styles.contains(r#"w:styleId="TOC2""#), "synthesised level 2 TOC style");
        assert!(styles.contains(r#"<w:sz w:val="36"/><w:szCs w:val="36"/>"#));
        // body: Thai distributed, 25 mm first line
        assert!(styles.contains(r#"<w:ind w:left="0" w:firstLine="1417"/><w:jc w:val="thaiDistribute"/>"#));
        // list: hanging indent, justified
        assert!(styles.contains(r#"<w:ind w:left="567" w:hanging="567"/><w:jc w:val="both"/>"#));
    }

    #[test]
    fn runs_carry_complex_script_fonts_and_sizes() {
        let doc = part(&render(&sample()).unwrap(), "word/document.xml");
        let runs = doc.matches("<w:r>").count();
        assert!(runs > 10);
        // every run with text has the four font slots and both sizes
        for run in doc.split("<w:r>").skip(1) {
            let run = &run[..run.find("</w:r>").unwrap()];
            if run.contains("<w:t ") {
                assert!(run.contains(r#"w:cs="Sarabun""#), "{run}");
                assert!(run.contains("<w:szCs "), "{run}");
            }
        }
        assert!(doc.contains(r#"<w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t xml:space="preserve">ปั่น</w:t>"#));
        // label then tab, tab stop at the left indent
        assert!(doc.contains(r#"<w:tabs><w:tab w:val="left" w:pos="567"/></w:tabs>"#));
        assert!(doc.contains(r#"<w:t xml:space="preserve">๑.</w:t><w:tab/></w:r>"#));
        // no-break words keep their spaces unbreakable
        assert!(doc.contains(" ญุ ฐุ เขต\u{A0}๒</w:t>"));
    }

    #[test]
    fn tables_have_spans_merges_and_repeated_headers() {
        let doc = part(&render(&sample()).unwrap(), "word/document.xml");
        assert_eq!(doc.matches("<w:tblHeader/>").count(), 2);
        assert!(doc.contains(r#"<w:gridSpan w:val="3"/>"#));
        assert_eq!(doc.matches(r#"<w:vMerge w:val="restart"/>"#).count(), 2);
        assert_eq!(doc.matches(r#"<w:vMerge w:val="continue"/>"#).count(), 2);
        assert_eq!(doc.matches(r#"w:fill="808080""#).count(), 3, "bar cells shaded");
        // two bar cells side by side join: no border between them
        assert_eq!(doc.matches(r#"<w:tcBorders><w:right w:val="nil"/></w:tcBorders>"#).count(), 1);
        assert_eq!(doc.matches(r#"<w:tcBorders><w:left w:val="nil"/></w:tcBorders>"#).count(), 1);
        assert!(doc.contains(r#"w:fill="FF0010""#), "cell shade");
        assert_eq!(doc.matches(r#"<w:noWrap/><w:textDirection w:val="btLr"/>"#).count(), 1, "vertical cell");
        // its row is tall enough for "ต.ค." at 14 pt (about 2.2 em wide)
        let h: i64 = doc.split(r#"<w:trHeight w:val=""#).nth(1).map(|s| s[..s.find('"').unwrap()].parse().unwrap()).unwrap();
        assert!((650..1100).contains(&h), "{h}");
        // landscape text width: 297 - 30 - 20 mm
        let width = twips(247.0);
        assert!(doc.contains(&format!(r#"<w:tblW w:w="{width}" w:type="dxa"/>"#)));
        let grid: i64 = column_widths(&[0.4, 0.2, 0.2, 0.2], width).iter().sum();
        assert_eq!(grid, width);
        // total row bold, the row above kept with it
        assert!(doc.contains(r#"<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve">รวม</w:t>"#));
        // every row covers all four grid columns
        for row in doc.split("<w:tr>").skip(1) {
            let row = &row[..row.find("</w:tr>").unwrap()];
            let cols: usize = row
                .split("<w:tc>")
                .skip(1)
                .map(|c| c.split(r#"<w:gridSpan w:val=""#).nth(1).map_or(1, |s| s[..s.find('"').unwrap()].parse().unwrap()))
                .sum();
            assert_eq!(cols, 4, "{row}");
        }
    }

    #[test]
    fn sections_have_orientation_numbering_and_headers() {
        let bytes = render(&sample()).unwrap();
        let doc = part(&bytes, "word/document.xml");
        assert_eq!(doc.matches("<w:sectPr>").count(), 3);
        assert!(doc.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#));
        assert!(doc.contains(r#"<w:pgNumType w:fmt="thaiLetters" w:start="1"/>"#));
        // digits after the lettered front matter: the cover is page 1 of the digits
        assert!(doc.contains(r#"<w:pgNumType w:fmt="thaiNumbers" w:start="2"/>"#));
        assert!(doc.contains(r#"<w:vAlign w:val="center"/></w:sectPr>"#));
        assert!(doc.contains(r#"<w:pageBreakBefore/>"#));
        // schema order inside sectPr
        let s = &doc[doc.find("<w:sectPr>").unwrap()..];
        let order = ["<w:headerReference", "<w:type", "<w:pgSz", "<w:pgMar", "<w:cols", "<w:vAlign"];
        let pos: Vec<usize> = order.iter().map(|t| s.find(t).unwrap()).collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "{pos:?}");
        let cover = part(&bytes, "word/header1.xml");
        assert!(!cover.contains("PAGE"));
        let front = part(&bytes, "word/header2.xml");
        assert!(front.contains(r#"<w:t xml:space="preserve">- </w:t>"#) && front.contains(" PAGE "));
        assert!(front.contains(r#"w:cs="Sarabun""#) && front.contains(r#"<w:jc w:val="center"/>"#));
        let rels = part(&bytes, "word/_rels/document.xml.rels");
        assert!(rels.contains(r#"Id="rIdHeader3""#) && rels.contains("header3.xml"));
    }

    #[test]
    fn page_numbers_follow_the_model_counters() {
        let section = |numbering| Section { orientation: Orientation::Portrait, numbering, vertical_center: false, blocks: vec![] };
        let l = |restart| Numbering::Letters { restart };
        let d = |restart| Numbering::Digits { restart };
        let sections = vec![
            section(Numbering::None),
            section(d(false)),
            section(l(true)),
            section(l(false)),
            section(d(false)),
            section(Numbering::None),
            section(d(false)),
            section(d(true)),
        ];
        let starts: Vec<Option<usize>> = (0..sections.len()).map(|i| first_page_number(&sections, i)).collect();
        assert_eq!(starts, [None, None, Some(1), None, None, None, None, Some(1)]);
        let fresh = [section(Numbering::None), section(Numbering::None), section(l(true)), section(d(false))];
        assert_eq!(first_page_number(&fresh, 3), Some(3));
    }

    #[test]
    fn toc_is_a_field_listing_the_headings() {
        let bytes = render(&sample()).unwrap();
        let doc = part(&bytes, "word/document.xml");
        assert!(doc.contains(r#"<w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText>"#));
        let toc = &doc[doc.find(" TOC ").unwrap()..doc.find(r#"w:fldCharType="end""#).unwrap()];
        assert!(toc.contains("บทที่ ๑") && toc.contains("ความเป็นมา") && toc.contains(r#"<w:pStyle w:val="TOC2"/>"#));
        assert!(part(&bytes, "word/settings.xml").contains(r#"<w:updateFields w:val="true"/>"#));
    }

    #[test]
    fn properties_and_compression() {
        let bytes = render(&sample()).unwrap();
        let parts = unzip(&bytes);
        for (name, (_, method)) in &parts {
            assert_eq!(*method, zip::CompressionMethod::Deflated, "{name}");
        }
        let core = &parts["docProps/core.xml"].0;
        assert!(core.contains("<dc:title>แผน &amp; ฟ้า</dc:title>"));
        assert!(core.contains("<dc:creator>สำนักงาน</dc:creator>"));
        assert!(core.contains("<dc:language>th-TH</dc:language>"));
        assert!(!core.contains("dcterms:created"));
        assert!(parts["word/fontTable.xml"].0.contains(r#"<w:font w:name="Sarabun"><w:charset w:val="DE"/>"#));
    }

    #[test]
    fn output_is_deterministic() {
        let a = render(&sample()).unwrap();
        let b = render(&sample()).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn unknown_styles_and_empty_tables_are_handled() {
        let mut doc = sample();
        doc.sections[0].blocks = vec![
            Block::Paragraph(Paragraph { align: Some(Align::Right), ..Paragraph::new("nosuchstyle", "ก") }),
            Block::Table(Table { columns: vec![1.0], header_rows: 0, rows: vec![], cell_style: "cell".into() }),
            Block::PageBreak,
        ];
        let xml = part(&render(&doc).unwrap(), "word/document.xml");
        let first = &xml[xml.find("<w:body>").unwrap()..xml.find("</w:p>").unwrap()];
        // default formatting applied directly, one jc only, the section ends on it
        assert!(first.contains(r#"<w:jc w:val="right"/><w:sectPr>"#), "{first}");
        assert_eq!(first.matches("<w:jc ").count(), 1);
        assert!(!first.contains("pStyle"));
        assert_eq!(xml.matches("<w:tbl>").count(), 1, "only the sample's timeline table");
        assert!(!xml.contains(r#"<w:br w:type="page"/>"#));
    }

    #[test]
    fn empty_document_still_renders() {
        let mut doc = sample();
        doc.sections.clear();
        let bytes = render(&doc).unwrap();
        let xml = part(&bytes, "word/document.xml");
        assert!(xml.contains("<w:p>") && xml.ends_with("</w:sectPr></w:body></w:document>"));
    }
}
