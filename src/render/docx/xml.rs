//! Units and escaping shared by every part the renderer writes as text.

use std::fmt::Write as _;

/// Twentieths of a point per millimetre.
pub(super) const TWIPS_PER_MM: f32 = 56.692_913;

/// Millimetres to twips.
pub(super) fn twips(mm: f32) -> i64 {
    (mm * TWIPS_PER_MM).round() as i64
}

/// Points to half-points (`w:sz`).
pub(super) fn half_points(pt: f32) -> i64 {
    (pt * 2.0).round().max(1.0) as i64
}

/// Points to twentieths of a point (`w:spacing` before/after).
pub(super) fn pt20(pt: f32) -> i64 {
    (pt * 20.0).round().max(0.0) as i64
}

/// Escapes text for XML content and attribute values (see [`crate::render::xml_escape`]).
pub(super) use crate::render::xml_escape as esc;

pub(super) const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(super) const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// DrawingML in WordprocessingML (`wp:inline`).
pub(super) const NS_WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
/// DrawingML main (`a:graphic`, `a:blip`).
pub(super) const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
/// Word 2010's shapes (the timeline's arrows).
pub(super) const NS_WPS: &str = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape";
/// DrawingML pictures (`pic:pic`).
pub(super) const NS_PIC: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";
pub(super) const XML_DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// The content of a run: text, with tabs and line breaks as Word elements.
pub(super) fn text_content(text: &str) -> String {
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
