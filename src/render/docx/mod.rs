//! The DOCX renderer: turns a [`crate::doc::Document`] into a Word document.
//!
//! What is written by hand, and why: every WordprocessingML part
//! (`word/document.xml`, `word/styles.xml`, `word/settings.xml`, the font
//! table, the page number headers, the theme), `docProps/core.xml`, the
//! content types and the part relationships are written here as text,
//! element by element in the order the OOXML schema prescribes. docx-rs writes
//! several of them out of schema order (`w:rPr` first in `w:pPr`, `w:basedOn`
//! last in a style, the header references last in `w:sectPr`), which
//! LibreOffice accepts but Word may reject as unreadable; it lacks Thai
//! distributed justification, repeated header rows, page number formats,
//! language tags, cell margins, bookmarks and hyperlinks, embedded fonts and
//! settable core properties; and its package lists comment, numbering and
//! footnote parts a document without them should not carry. docx-rs keeps
//! what it does right: the package root (`_rels/.rels`) and the app and custom
//! property parts. Everything is packed, deflated, with fixed timestamps and a
//! fixed entry order, so the same document always gives the same bytes.
//!
//! The DOCX pages like the PDF: it takes [`Hints`] from the PDF layout (the
//! page each heading landed on, each table's resolved column widths), embeds
//! the shipped Sarabun faces, uses the PDF's cell padding and spacing rule,
//! and keeps rows whole where the PDF does. Word and LibreOffice still break
//! lines and pages themselves; the tests check that LibreOffice's pages and
//! heading pages agree with the PDF's.
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
//! - the table of contents is a `TOC` field whose cached result lists the
//!   headings as links with dot leaders and the PDF's page numbers (Word
//!   refreshes it when it opens the file; the update is requested only when
//!   there is a TOC);
//! - the spaces inside [`Document::no_break`] words become no-break spaces.
//!
//! One module per concept, the way the PDF renderer is split:
//! - `styles`: the style map and `word/styles.xml`;
//! - `paragraphs`: the body walk, paragraphs and runs, the TOC field;
//! - `tables`: grid, cell placement, spans, timeline bars, vertical cells;
//! - `sections`: `w:sectPr`, page number formats and starts, header parts;
//! - `fonts`: `w:rFonts`, the font table and the theme's font scheme;
//! - `package`: the parts, content types, relationships, settings, core
//!   properties and the zip;
//! - `images`: pictures as inline drawings and their media parts;
//! - `xml`: units and escaping.

mod fonts;
pub use fonts::prepare_fonts;
mod images;
mod package;
mod paragraphs;
mod sections;
mod styles;
mod tables;
mod xml;

use crate::doc::{Align, Block, Cell, Document, Numbering, Orientation, Paragraph, Section, Style, Table, VAlign};
use crate::thai::DigitStyle;
use crate::template::TimelineStyle;
use super::{Hints, RowPaging};
use std::fmt::Write as _;

use fonts::*;
use images::*;
use package::*;
use paragraphs::*;
use sections::*;
use styles::*;
use tables::*;
use xml::*;

/// How the timeline's active months are drawn, and in which colour (the
/// template's choice, as for the PDF).
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Bar, arrow or shading.
    pub timeline: TimelineStyle,
    /// Colour of bars, arrows and shading.
    pub color: [u8; 3],
}

impl Default for Options {
    fn default() -> Self {
        Options { timeline: TimelineStyle::Bar, color: [70, 110, 170] }
    }
}

/// Renders the document as the bytes of a `.docx` file. `hints` come from the
/// PDF layout of the same document ([`Hints::default`] when there is none).
pub fn render(doc: &Document, opts: &Options, hints: &Hints) -> Result<Vec<u8>, String> {
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
    let mut body = BodyWriter::new(doc, &styles, opts, hints);
    let document = body.document(sections);
    let images = std::mem::take(&mut body.images);
    let has_toc = sections.iter().flat_map(|s| &s.blocks).any(|b| matches!(b, Block::Toc(_)));
    let fonts = embedded(doc);

    let mut parts = package_root();
    parts.push(core_part(doc));
    let mut rels: Vec<(String, String, String)> = vec![
        ("rIdStyles".into(), "styles".into(), "styles.xml".into()),
        ("rIdSettings".into(), "settings".into(), "settings.xml".into()),
        ("rIdFontTable".into(), "fontTable".into(), "fontTable.xml".into()),
        ("rIdTheme1".into(), "theme".into(), "theme/theme1.xml".into()),
    ];
    for i in 1..=sections.len() {
        rels.push((format!("rIdHeader{i}"), "header".into(), format!("header{i}.xml")));
    }
    parts.push(Part::new("word/document.xml", CT_DOCUMENT, document.into_bytes()));
    parts.push(Part::new("word/styles.xml", CT_STYLES, styles_xml(doc, &styles).into_bytes()));
    parts.push(Part::new("word/settings.xml", CT_SETTINGS, settings_xml(doc, !fonts.is_empty(), has_toc).into_bytes()));
    parts.push(Part::new("word/fontTable.xml", CT_FONT_TABLE, font_table_xml(&doc.font_family, &fonts).into_bytes()));
    if !fonts.is_empty() {
        let font_rels: Vec<(String, String, String)> =
            fonts.iter().map(|f| (f.rel_id.clone(), "font".to_string(), f.part.trim_start_matches("word/").to_string())).collect();
        parts.push(Part::rels("word/_rels/fontTable.xml.rels", rels_xml(&font_rels)));
    }
    // a theme part: Word's validator counts it as required, and its font
    // scheme names the document's font for Latin and Thai text
    parts.push(Part::new("word/theme/theme1.xml", CT_THEME, theme_xml(&doc.font_family).into_bytes()));
    for (i, s) in sections.iter().enumerate() {
        parts.push(Part::new(format!("word/header{}.xml", i + 1), CT_HEADER, header_xml(doc, s.numbering).into_bytes()));
    }
    for f in fonts {
        parts.push(Part { packed: Some(packed_font(f.face)), ..Part::new(f.part, CT_FONT, Vec::new()) });
    }
    for (rel, part) in media_parts(&images) {
        rels.push(rel);
        parts.push(part);
    }
    parts.push(Part::rels("word/_rels/document.xml.rels", rels_xml(&rels)));
    pack(parts)
}

#[cfg(test)]
mod tests;
