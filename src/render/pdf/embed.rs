//! Embedded fonts: each face used becomes a Type 0 font with a TrueType
//! (CIDFontType2) descendant holding only the glyphs drawn.
//!
//! Content streams are written page by page before the set of glyphs is
//! known, so they show glyphs by their id in the full font (CID = original
//! glyph id); the subset renumbers glyphs, and a `/CIDToGIDMap` stream maps
//! the original ids to the subset's. Subsetting itself is printpdf's
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

/// One face as used so far.
struct Used {
    /// Number of its Type 0 font dictionary.
    id: Id,
    /// Glyphs drawn, with the text each stands for.
    glyphs: BTreeMap<u16, String>,
    /// The same glyph ids as bits, checked first (every glyph drawn asks).
    seen: Vec<u64>,
}

/// The fonts of a document being written.
pub struct Fonts {
    used: [Option<Used>; 4],
    /// Advance widths of every glyph, 1/1000 em, per face (filled on first use).
    widths: [Vec<i32>; 4],
}

impl Default for Fonts {
    fn default() -> Self {
        Self::new()
    }
}

impl Fonts {
    /// No font used yet.
    pub fn new() -> Self {
        Fonts { used: [None, None, None, None], widths: [Vec::new(), Vec::new(), Vec::new(), Vec::new()] }
    }

    /// Records that glyph `gid` of `face` is drawn for `text`; returns the
    /// number of the face's font dictionary.
    pub fn glyph(&mut self, w: &mut Writer, face: Face, gid: u16, text: &str) -> Id {
        let i = index(face);
        if self.used[i].is_none() {
            self.used[i] = Some(Used { id: w.reserve(), glyphs: BTreeMap::new(), seen: vec![0; 1024] });
            self.widths[i] = advances(face);
        }
        let used = self.used[i].as_mut().expect("set above");
        let (word, bit) = (gid as usize / 64, 1u64 << (gid % 64));
        if used.seen[word] & bit == 0 {
            used.seen[word] |= bit;
            used.glyphs.insert(gid, text.to_string());
        }
        used.id
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

    // CID (original glyph id) → subset glyph id, two bytes each
    let max = used.glyphs.keys().next_back().copied().unwrap_or(0) as usize;
    let mut map = vec![0u8; (max + 1) * 2];
    for (old, (new, _)) in &subset.glyph_mapping {
        map[*old as usize * 2..*old as usize * 2 + 2].copy_from_slice(&new.to_be_bytes());
    }
    let cid_to_gid = w.add_stream("", &map, true);
    let file = w.add_stream(&format!(" /Length1 {}", subset.bytes.len()), &subset.bytes, true);
    let to_unicode = w.add_stream("", to_unicode_cmap(&used.glyphs).as_bytes(), true);

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
    // widths of the glyphs used, runs of consecutive ids in one array
    let mut wa = String::from("[");
    let mut prev: Option<u16> = None;
    for &gid in used.glyphs.keys() {
        let wd = widths.get(gid as usize).copied().unwrap_or(0);
        if prev.map(|p| p + 1 == gid).unwrap_or(false) {
            let _ = write!(wa, " {wd}");
        } else {
            if prev.is_some() {
                wa.push(']');
            }
            let _ = write!(wa, " {gid} [{wd}");
        }
        prev = Some(gid);
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

/// The ToUnicode CMap: each glyph id to the characters it stands for.
fn to_unicode_cmap(glyphs: &BTreeMap<u16, String>) -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(&u16, &String)> = glyphs.iter().filter(|(_, t)| !t.is_empty()).collect();
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
