//! Embedded fonts: each face used becomes a Type 0 font with a TrueType
//! (CIDFontType2) descendant holding only the glyphs drawn.
//!
//! Content streams are written page by page before the set of glyphs is
//! known, so they cannot use the subset's glyph ids. Each glyph is shown by a
//! character code (CID) chosen here: a character's own (nominal) glyph by the
//! character's Unicode value, when below [`NOMINAL_END`] (Latin and Thai),
//! any other glyph (ligatures, positioned forms, a glyph standing for other
//! text) by [`NOMINAL_END`] plus its glyph id. A `/CIDToGIDMap` stream maps
//! the codes to the subset's glyphs. Codes equal to the text's own UTF-16
//! make the glyph strings repeat the bytes of the line's `/ActualText`, which
//! the compressor then stores once: a sixth of the page content. Subsetting itself is printpdf's
//! (`printpdf::subset_font`, allsorts underneath), which does it well; its
//! page-content layer is not used (see [`super`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rustybuzz::ttf_parser;

use super::object::{self, r, Id, Writer};
use crate::fonts::{self, Face};

/// Resource name of a face; its first six letters are the subset tag.
pub fn resource(face: Face) -> &'static str {
    match face {
        Face::Regular => "PHAENR",
        Face::Bold => "PHAENB",
        Face::Italic => "PHAENI",
        Face::BoldItalic => "PHAENX",
    }
}

fn index(face: Face) -> usize {
    match face {
        Face::Regular => 0,
        Face::Bold => 1,
        Face::Italic => 2,
        Face::BoldItalic => 3,
    }
}

const FACES: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

/// Codes below this are Unicode values (see the module docs); a glyph that is
/// not a character's own has the code `NOMINAL_END + glyph id`.
pub const NOMINAL_END: u16 = 0x0E80;

/// One face as used so far.
struct Used {
    /// Number of its Type 0 font dictionary.
    id: Id,
    /// Glyphs drawn (what the subset keeps), with the text first drawn.
    glyphs: BTreeMap<u16, String>,
    /// Codes used: the glyph each shows and the text it stands for (its
    /// ToUnicode entry).
    codes: BTreeMap<u16, (u16, String)>,
    /// The codes as bits, checked first (every glyph drawn asks).
    seen: Vec<u64>,
}

/// The fonts of a document being written.
pub struct Fonts {
    used: [Option<Used>; 4],
    /// Advance widths of every glyph, 1/1000 em, per face (filled on first use).
    widths: [Vec<i32>; 4],
    /// The character below [`NOMINAL_END`] each glyph is the own glyph of
    /// (0 for none), per face (filled on first use).
    nominal: [Vec<u16>; 4],
}

impl Default for Fonts {
    fn default() -> Self {
        Self::new()
    }
}

impl Fonts {
    /// No font used yet.
    pub fn new() -> Self {
        Fonts { used: [None, None, None, None], widths: Default::default(), nominal: Default::default() }
    }

    /// Records that glyph `gid` of `face` is drawn for `text`; returns the
    /// number of the face's font dictionary and the glyph's code.
    pub fn glyph(&mut self, w: &mut Writer, face: Face, gid: u16, text: &str) -> (Id, u16) {
        let i = index(face);
        if self.used[i].is_none() {
            self.used[i] = Some(Used { id: w.reserve(), glyphs: BTreeMap::new(), codes: BTreeMap::new(), seen: vec![0; 1024] });
            self.widths[i] = advances(face);
            self.nominal[i] = nominal(face);
        }
        let own = self.nominal[i].get(gid as usize).copied().unwrap_or(0);
        let mut chars = text.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if own != 0 && c as u32 == own as u32 => own,
            _ => NOMINAL_END.saturating_add(gid),
        };
        let used = self.used[i].as_mut().expect("set above");
        let (word, bit) = (code as usize / 64, 1u64 << (code % 64));
        if used.seen[word] & bit == 0 {
            used.seen[word] |= bit;
            used.codes.insert(code, (gid, text.to_string()));
            used.glyphs.entry(gid).or_insert_with(|| text.to_string());
        }
        (used.id, code)
    }

    /// The advance width of a glyph in 1/1000 em, as the `/W` array gives it.
    /// Only for faces already used.
    pub fn width(&self, face: Face, gid: u16) -> i32 {
        self.widths[index(face)].get(gid as usize).copied().unwrap_or(0)
    }

    /// Subsets and writes every face used.
    pub fn finish(self, w: &mut Writer) -> Result<(), String> {
        for (i, used) in self.used.into_iter().enumerate() {
            let Some(used) = used else { continue };
            write_face(w, FACES[i], used, &self.widths[i])?;
        }
        Ok(())
    }
}

/// For each glyph of a face, the character below [`NOMINAL_END`] whose own
/// glyph it is (the first such character), or 0.
fn nominal(face: Face) -> Vec<u16> {
    let Ok(f) = ttf_parser::Face::parse(fonts::data(face), 0) else { return Vec::new() };
    let mut out = vec![0u16; f.number_of_glyphs() as usize];
    for c in (1..NOMINAL_END as u32).filter_map(char::from_u32) {
        if let Some(g) = f.glyph_index(c) {
            if let Some(slot) = out.get_mut(g.0 as usize).filter(|s| **s == 0) {
                *slot = c as u16;
            }
        }
    }
    out
}

/// Advance widths of all glyphs of a face, in 1/1000 em.
fn advances(face: Face) -> Vec<i32> {
    let Ok(f) = ttf_parser::Face::parse(fonts::data(face), 0) else { return Vec::new() };
    let upem = f.units_per_em() as f32;
    (0..f.number_of_glyphs()).map(|g| (f.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0) as f32 * 1000.0 / upem).round() as i32).collect()
}

fn write_face(w: &mut Writer, face: Face, used: Used, widths: &[i32]) -> Result<(), String> {
    let data = fonts::data(face);
    let f = ttf_parser::Face::parse(data, 0).map_err(|e| format!("font {} could not be read: {e}", face.file()))?;
    let scale = 1000.0 / f.units_per_em() as f32;
    let s = |v: i16| (v as f32 * scale).round() as i32;
    let postscript = f
        .names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .and_then(|n| n.to_string())
        .unwrap_or_else(|| face.file().trim_end_matches(".ttf").to_string());
    let base = format!("{}+{}", resource(face), postscript);

    let mut warnings = Vec::new();
    let parsed = printpdf::ParsedFont::from_bytes(data, 0, &mut warnings).ok_or_else(|| format!("font {} could not be read", face.file()))?;
    let subset = printpdf::subset_font(&parsed, &used.glyphs).map_err(|e| format!("font {} could not be subset: {e}", face.file()))?;

    // code → subset glyph id, two bytes each
    let max = used.codes.keys().next_back().copied().unwrap_or(0) as usize;
    let mut map = vec![0u8; (max + 1) * 2];
    for (&code, (gid, _)) in &used.codes {
        let new = subset.glyph_mapping.get(gid).map_or(0, |(new, _)| *new);
        map[code as usize * 2..code as usize * 2 + 2].copy_from_slice(&new.to_be_bytes());
    }
    let cid_to_gid = w.add_stream("", &map, true);
    let file = w.add_stream(&format!(" /Length1 {}", subset.bytes.len()), &subset.bytes, true);
    let to_unicode = w.add_stream("", to_unicode_cmap(&used.codes).as_bytes(), true);

    let bbox = f.global_bounding_box();
    let italic = f.italic_angle();
    let weight = f.weight().to_number() as f32;
    let stem_v = 50 + (weight / 65.0).powi(2).round() as i32;
    let flags = 32 | if italic != 0.0 { 64 } else { 0 };
    let cap = f.capital_height().map(s).unwrap_or(s(f.ascender()));
    let descriptor = w.add(format!(
        "<< /Type /FontDescriptor /FontName {} /Flags {flags} /FontBBox [{} {} {} {}] /ItalicAngle {} /Ascent {} /Descent {} /CapHeight {cap} /StemV {stem_v} /FontFile2 {} >>",
        object::name(&base),
        s(bbox.x_min),
        s(bbox.y_min),
        s(bbox.x_max),
        s(bbox.y_max),
        object::num(italic),
        s(f.ascender()),
        s(f.descender()),
        r(file)
    ));
    // widths of the codes used, runs of consecutive codes in one array
    let mut wa = String::from("[");
    let mut prev: Option<u16> = None;
    for (&code, (gid, _)) in &used.codes {
        let wd = widths.get(*gid as usize).copied().unwrap_or(0);
        if prev.map(|p| p + 1 == code).unwrap_or(false) {
            let _ = write!(wa, " {wd}");
        } else {
            if prev.is_some() {
                wa.push(']');
            }
            let _ = write!(wa, " {code} [{wd}");
        }
        prev = Some(code);
    }
    if prev.is_some() {
        wa.push(']');
    }
    wa.push_str(" ]");
    let cid_font = w.add(format!(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont {} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {} /DW 0 /W {wa} /CIDToGIDMap {} >>",
        object::name(&base),
        r(descriptor),
        r(cid_to_gid)
    ));
    w.object(
        used.id,
        format!("<< /Type /Font /Subtype /Type0 /BaseFont {} /Encoding /Identity-H /DescendantFonts [{}] /ToUnicode {} >>", object::name(&base), r(cid_font), r(to_unicode)),
    );
    Ok(())
}

/// The ToUnicode CMap: each code to the characters it stands for.
fn to_unicode_cmap(codes: &BTreeMap<u16, (u16, String)>) -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(&u16, &String)> = codes.iter().map(|(c, (_, t))| (c, t)).filter(|(_, t)| !t.is_empty()).collect();
    for chunk in entries.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", chunk.len());
        for (gid, text) in chunk {
            let _ = write!(out, "<{gid:04X}> <");
            for u in text.encode_utf16() {
                let _ = write!(out, "{u:04X}");
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}
