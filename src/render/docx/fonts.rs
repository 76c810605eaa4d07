//! Fonts: the `w:rFonts` of every run, the font table and the theme's font
//! scheme.

use super::*;
use crate::fonts::Face;

/// `w:rFonts` naming the family for every script slot.
pub(super) fn rfonts(family: &str) -> String {
    let f = esc(family);
    format!(r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>"#)
}
/// `word/theme/theme1.xml`: Office's colours, the document's font for the
/// major and minor fonts (Latin, complex script and Thai), plain formats.
pub(super) fn theme_xml(family: &str) -> String {
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

/// The family name inside the shipped font files.
const SHIPPED_FAMILY: &str = "Sarabun";

/// A shipped face embedded in the package.
pub(super) struct Embedded {
    /// Which face.
    pub(super) face: Face,
    /// Part name, `word/fonts/fontN.odttf`.
    pub(super) part: String,
    /// Relationship id in `word/_rels/fontTable.xml.rels`.
    pub(super) rel_id: String,
    /// The obfuscation key, a GUID in braces.
    pub(super) key: String,
}

/// The shipped faces the document uses, embedded as obfuscated font parts
/// (ECMA-376 part 1, 17.8.1): Word and LibreOffice then draw the document with
/// the same Sarabun as the PDF, where offices have only TH Sarabun New or
/// TH SarabunPSK, which have other family names and other metrics. Regular and
/// bold are always embedded, italic faces only when a run is italic. Nothing
/// is embedded when the template names a family phaen does not ship.
pub(super) fn embedded(doc: &Document) -> Vec<Embedded> {
    if !doc.font_family.trim().eq_ignore_ascii_case(SHIPPED_FAMILY) {
        return Vec::new();
    }
    let (mut italic, mut bold_italic) = (false, false);
    let mut see = |p: &Paragraph, bold: bool| {
        for r in &p.runs {
            if r.italic && !r.text.is_empty() {
                if bold || r.bold {
                    bold_italic = true;
                } else {
                    italic = true;
                }
            }
        }
    };
    for b in doc.sections.iter().flat_map(|s| &s.blocks) {
        match b {
            Block::Paragraph(p) => see(p, doc.styles.get(&p.style).is_some_and(|s| s.bold)),
            Block::Table(t) => {
                for row in &t.rows {
                    for p in row.cells.iter().flat_map(|c| &c.content) {
                        see(p, row.total || doc.styles.get(&p.style).is_some_and(|s| s.bold));
                    }
                }
            }
            _ => {}
        }
    }
    let mut faces = vec![Face::Regular, Face::Bold];
    if italic {
        faces.push(Face::Italic);
    }
    if bold_italic {
        faces.push(Face::BoldItalic);
    }
    faces
        .into_iter()
        .enumerate()
        .map(|(i, face)| {
            Embedded { face, part: format!("word/fonts/font{}.odttf", i + 1), rel_id: format!("rIdFont{}", i + 1), key: packed(face).0.clone() }
        })
        .collect()
}

/// A face's obfuscated font, deflated as the package stores it, as a zip
/// holding that one entry (what [`pack`] copies from without compressing
/// again). Made once per process: the bytes depend on the face alone, and
/// compressing the two faces every document embeds was a third of the time
/// the DOCX took. [`prepare_fonts`] makes them ahead, on another core.
pub(super) fn packed_font(face: Face) -> &'static [u8] {
    &packed(face).1
}

/// A face's obfuscation key and packed font (see [`packed_font`]).
fn packed(face: Face) -> &'static (String, Vec<u8>) {
    static PACKED: [std::sync::OnceLock<(String, Vec<u8>)>; 4] = [const { std::sync::OnceLock::new() }; 4];
    PACKED[face.index()].get_or_init(|| {
        let font = crate::fonts::data(face);
        let key = font_key(font);
        let packed = pack_one("font.odttf", &obfuscate(font, &key));
        (key, packed)
    })
}

/// Deflates the faces every embedding document embeds (regular and bold),
/// for a DOCX that will be written later in the process.
pub fn prepare_fonts() {
    for face in [Face::Regular, Face::Bold] {
        packed_font(face);
    }
}

/// A GUID derived from the font's bytes (FNV-1a, twice), so the same font
/// always gets the same key and the package stays byte-for-byte reproducible.
fn font_key(font: &[u8]) -> String {
    let fnv = |seed: u64| font.iter().fold(seed, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3));
    let (a, b) = (fnv(0xcbf2_9ce4_8422_2325), fnv(0x6c62_272e_07bb_0142));
    let hex = format!("{a:016X}{b:016X}");
    format!("{{{}-{}-{}-{}-{}}}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// The 16 key bytes of a GUID key: its 32 hex digits read as bytes from the
/// last to the first.
fn key_bytes(key: &str) -> [u8; 16] {
    let hex: Vec<u8> = key.bytes().filter(u8::is_ascii_hexdigit).collect();
    let mut out = [0u8; 16];
    for (i, pair) in hex.chunks(2).take(16).enumerate() {
        let digits = std::str::from_utf8(pair).unwrap_or("0");
        out[15 - i] = u8::from_str_radix(digits, 16).unwrap_or(0);
    }
    out
}

/// Font obfuscation: the first 32 bytes XORed with the key bytes (twice
/// over). The same operation turns an `.odttf` back into the font.
pub(super) fn obfuscate(font: &[u8], key: &str) -> Vec<u8> {
    let k = key_bytes(key);
    let mut out = font.to_vec();
    for (i, b) in out.iter_mut().take(32).enumerate() {
        *b ^= k[i % 16];
    }
    out
}

/// `word/fontTable.xml`: the document's font, marked as a Thai font so Word
/// substitutes a Thai face where it is neither installed nor embedded, with
/// its embedded faces.
pub(super) fn font_table_xml(family: &str, embedded: &[Embedded]) -> String {
    let mut x = String::new();
    x.push_str(XML_DECL);
    let _ = write!(x, r#"<w:fonts xmlns:w="{NS_W}" xmlns:r="{NS_R}">"#);
    let _ = write!(x, r#"<w:font w:name="{}"><w:charset w:val="DE"/><w:family w:val="swiss"/><w:pitch w:val="variable"/>"#, esc(family));
    for e in embedded {
        let tag = match e.face {
            Face::Regular => "embedRegular",
            Face::Bold => "embedBold",
            Face::Italic => "embedItalic",
            Face::BoldItalic => "embedBoldItalic",
        };
        let _ = write!(x, r#"<w:{tag} r:id="{}" w:fontKey="{}"/>"#, e.rel_id, e.key);
    }
    x.push_str("</w:font></w:fonts>");
    x
}
