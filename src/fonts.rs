//! The embedded Sarabun fonts (OFL 1.1, see `fonts/OFL.txt`): the four faces,
//! their metrics, and the check that a text can be drawn with them.

use std::borrow::Cow;

use rust_embed::RustEmbed;

/// The font files (and their licence) shipped inside the binary.
#[derive(RustEmbed)]
#[folder = "fonts/"]
struct Files;

/// One of the four faces of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    /// Upright, normal weight.
    Regular,
    /// Upright, bold.
    Bold,
    /// Italic, normal weight.
    Italic,
    /// Italic, bold.
    BoldItalic,
}

impl Face {
    /// All faces.
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    /// The face for a combination of bold and italic.
    pub fn of(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    /// The file name inside `fonts/`.
    pub fn file(self) -> &'static str {
        match self {
            Face::Regular => "Sarabun-Regular.ttf",
            Face::Bold => "Sarabun-Bold.ttf",
            Face::Italic => "Sarabun-Italic.ttf",
            Face::BoldItalic => "Sarabun-BoldItalic.ttf",
        }
    }

    /// Index in [`Face::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The bytes of a face's TTF file.
pub fn data(face: Face) -> &'static [u8] {
    let file = Files::get(face.file()).unwrap_or_else(|| panic!("font {} is embedded at build time", face.file()));
    match file.data {
        Cow::Borrowed(b) => b,
        // only when the embedding reads from disk; keep the bytes for the process
        Cow::Owned(v) => Box::leak(v.into_boxed_slice()),
    }
}

/// A character the fonts cannot draw, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncovered {
    /// The character.
    pub ch: char,
    /// Byte offset in the text.
    pub offset: usize,
}

/// Characters of `text` that the regular face has no glyph for (controls
/// such as tab and newline excepted, as they are not drawn).
pub fn uncovered(text: &str) -> Vec<Uncovered> {
    use ab_glyph::Font;
    // parsed once: every text of a plan is checked
    static FONT: std::sync::OnceLock<ab_glyph::FontRef<'static>> = std::sync::OnceLock::new();
    let font = FONT.get_or_init(|| ab_glyph::FontRef::try_from_slice(data(Face::Regular)).expect("embedded Sarabun parses"));
    // the answer for each character below U+1000 (Latin, Thai, punctuation:
    // nearly every character of a plan) is remembered, not looked up in the
    // font's character map for every character of every text:
    // 0 not asked yet, 1 drawn, 2 missing
    use std::sync::atomic::{AtomicU8, Ordering};
    static KNOWN: [AtomicU8; 0x1000] = [const { AtomicU8::new(0) }; 0x1000];
    let missing = |c: char| match KNOWN.get(c as usize) {
        Some(k) => match k.load(Ordering::Relaxed) {
            0 => {
                let m = font.glyph_id(c).0 == 0;
                k.store(if m { 2 } else { 1 }, Ordering::Relaxed);
                m
            }
            v => v == 2,
        },
        None => font.glyph_id(c).0 == 0,
    };
    text.char_indices()
        .filter(|(_, c)| !c.is_control() && !is_invisible(*c) && missing(*c))
        .map(|(offset, ch)| Uncovered { ch, offset })
        .collect()
}

/// The parsed faces, for glyph metrics (parsed once per process).
fn parsed(face: Face) -> &'static ab_glyph::FontRef<'static> {
    static FONTS: std::sync::OnceLock<Vec<ab_glyph::FontRef<'static>>> = std::sync::OnceLock::new();
    &FONTS.get_or_init(|| Face::ALL.iter().map(|f| ab_glyph::FontRef::try_from_slice(data(*f)).expect("embedded Sarabun parses")).collect())[face.index()]
}

/// Horizontal advance of glyph `gid` of a face, in em.
pub fn advance(face: Face, gid: u16) -> f32 {
    use ab_glyph::Font;
    let f = parsed(face);
    f.h_advance_unscaled(ab_glyph::GlyphId(gid)) / f.units_per_em().unwrap_or(1000.0)
}

/// Horizontal extent of glyph `gid` drawn at its origin, in em: the union of
/// its advance box and its ink (marks have no advance but ink, often to the left).
pub fn extent(face: Face, gid: u16) -> (f32, f32) {
    use ab_glyph::Font;
    let f = parsed(face);
    let upem = f.units_per_em().unwrap_or(1000.0);
    let adv = f.h_advance_unscaled(ab_glyph::GlyphId(gid));
    match f.outline(ab_glyph::GlyphId(gid)) {
        Some(o) => (o.bounds.min.x.min(0.0) / upem, o.bounds.max.x.max(adv) / upem),
        None => (0.0, adv / upem),
    }
}

/// Characters that are never drawn and need no glyph.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_are_embedded_and_cover_thai() {
        for f in Face::ALL {
            assert!(data(f).len() > 50_000, "{:?}", f);
        }
        assert!(uncovered("น้ำ ปั่น ฟ้า ญุ ฐุ ๐๑๒๓๔๕๖๗๘๙ ABC “ทดสอบ” – ฯลฯ").is_empty());
        let u = uncovered("ก\u{0BBE}ข");
        assert_eq!(u, vec![Uncovered { ch: '\u{0BBE}', offset: 3 }]);
        // asked again, the remembered answers are the same; above U+1000 looked up
        assert_eq!(uncovered("\u{0BBE}ก\u{0BBE}"), vec![Uncovered { ch: '\u{0BBE}', offset: 0 }, Uncovered { ch: '\u{0BBE}', offset: 6 }]);
        assert_eq!(uncovered("\u{4E2D}ก").len(), 1);
    }
}
