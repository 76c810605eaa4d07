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
//!
//! One module per concept, the way the PDF renderer is split:
//! - `styles`: the style map and `word/styles.xml`;
//! - `paragraphs`: the body walk, paragraphs and runs, the TOC field;
//! - `tables`: grid, cell placement, spans, timeline bars, vertical cells;
//! - `sections`: `w:sectPr`, page number formats and starts, header parts;
//! - `fonts`: `w:rFonts`, the font table and the theme's font scheme;
//! - `package`: docx-rs's skeleton, settings, core properties and the zip;
//! - `images`: pictures as inline drawings and their media parts;
//! - `xml`: units and escaping.

mod fonts;
mod images;
mod package;
mod paragraphs;
mod sections;
mod styles;
mod tables;
mod xml;

use crate::doc::{Align, Block, Cell, Document, Numbering, Orientation, Paragraph, Section, Style, Table, VAlign};
use crate::thai::DigitStyle;
use std::fmt::Write as _;

use fonts::*;
use images::*;
use package::*;
use paragraphs::*;
use sections::*;
use styles::*;
use tables::*;
use xml::*;

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
    let images = std::mem::take(&mut body.images);
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
    let media = media_parts(&images, &mut parts)?;
    pack(parts, theme_xml(&doc.font_family).into_bytes(), media)
}

#[cfg(test)]
mod tests;
