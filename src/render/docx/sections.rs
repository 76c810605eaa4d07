//! Sections: `w:sectPr` (page size, orientation, margins, page number
//! format and start) and the header part holding each section's page number.

use super::*;

impl BodyWriter<'_> {
    /// Text width of a section's pages, in twips.
    pub(super) fn text_width(&self, section: &Section) -> i64 {
        let p = &self.doc.page;
        let paper = if section.orientation == Orientation::Landscape { p.height } else { p.width };
        twips(paper - p.left - p.right).max(1)
    }

    /// `w:sectPr` of section `index` (header part `index + 1`).
    pub(super) fn sect_pr(&self, sections: &[Section], index: usize) -> String {
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
        if section.vertical_center && self.centring_space(section).is_none() {
            x.push_str(r#"<w:vAlign w:val="center"/>"#);
        }
        x.push_str("</w:sectPr>");
        x
    }
}

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
pub(super) fn first_page_number(sections: &[Section], index: usize) -> Option<usize> {
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
pub(super) fn digits_format(digits: DigitStyle) -> &'static str {
    match digits {
        DigitStyle::Thai => "thaiNumbers",
        DigitStyle::Arabic => "decimal",
    }
}

/// The header of a section: `- PAGE -` centred, or an empty paragraph.
pub(super) fn header_xml(doc: &Document, numbering: Numbering) -> String {
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
