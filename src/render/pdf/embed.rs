//! Embedded fonts: each face used becomes a Type 0 font with a TrueType
//! (CIDFontType2) descendant holding only the glyphs drawn, and the cluster
//! glyphs made for the document.
//!
//! Content streams are written page by page before the set of glyphs is
//! known, so they cannot use the subset's glyph ids. Each glyph is shown by a
//! character code (CID) chosen here: a character's own (nominal) glyph by the
//! character's Unicode value, when below [`NOMINAL_END`] (Latin and Thai),
//! any other glyph (ligatures, positioned forms, a glyph standing for other
//! text) by [`NOMINAL_END`] plus its glyph id. A `/CIDToGIDMap` stream maps
//! the codes to the subset's glyphs.
//!
//! A character cluster the shaper drew with several glyphs (a Thai
//! consonant with its vowel and tone marks) is shown by one code too: a
//! cluster glyph, a composite of those glyphs at the offsets the shaper gave
//! them, appended to the subset ([`super::sfnt`]). Its ToUnicode entry is
//! the cluster's characters as written (สำ, not ส ํ า), its width the sum of
//! its glyphs'. The example has 302 of them in two faces; they cost 4 KB of
//! font and save the marks' adjustments and text rises in the content, and
//! let most lines do without `/ActualText` (see [`super::content`]).
//! Subsetting itself is printpdf's (`printpdf::subset_font`, allsorts
//! underneath), which does it well; its page-content layer is not used (see
//! [`super`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rustybuzz::ttf_parser;

use super::object::{self, r, Id, Writer};
use super::sfnt;
use crate::hash::FxMap;
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
/// not a character's own has the code `NOMINAL_END + glyph id`, and the
/// cluster glyphs follow the face's glyphs, from `NOMINAL_END + glyph count`.
pub const NOMINAL_END: u16 = 0x0E80;

/// What a code draws.
#[derive(Debug, Clone, Copy)]
enum Drawn {
    /// A glyph of the face.
    Glyph(u16),
    /// A cluster glyph, by its number in [`Used::clusters`].
    Cluster(usize),
}

/// A glyph of a cluster glyph: a glyph of the face and its offset in font units.
type Part = (u16, i16, i16);

/// A cluster glyph: glyphs of the face, each at its offset.
type Parts = Vec<Part>;

/// One face as used so far.
struct Used {
    /// Number of its Type 0 font dictionary.
    id: Id,
    /// Glyphs drawn (what the subset keeps), with the text first drawn.
    glyphs: BTreeMap<u16, String>,
    /// Codes used: what each draws and the text it stands for (its
    /// ToUnicode entry).
    codes: BTreeMap<u16, (Drawn, String)>,
    /// The codes as bits, checked first (every glyph drawn asks).
    seen: Vec<u64>,
    /// Cluster glyphs, in the order of their codes, with their advance in
    /// font units.
    clusters: Vec<(Parts, u16)>,
    /// The codes of the cluster glyphs made of the same glyphs, one for each
    /// text they stand for.
    cluster_codes: FxMap<Box<[Part]>, Vec<u16>>,
}

/// The fonts of a document being written.
pub struct Fonts {
    used: [Option<Used>; 4],
    /// Advance widths of every glyph, 1/1000 em, per face (filled on first use).
    widths: [Vec<i32>; 4],
    /// Advance widths in font units, and units per em, per face (filled on first use).
    units: [(Vec<u16>, f32); 4],
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
        Fonts { used: [None, None, None, None], widths: Default::default(), units: Default::default(), nominal: Default::default() }
    }

    /// Records that glyph `gid` of `face` is drawn for `text`; returns the
    /// glyph's code (the face's font dictionary is [`Fonts::start`]'s).
    ///
    /// The second value says whether the code's ToUnicode entry is `text`: a
    /// glyph that is not a character's own has one code whatever it stands
    /// for, and its entry is the text it was first drawn for.
    pub fn glyph(&mut self, w: &mut Writer, face: Face, gid: u16, text: &str) -> (u16, bool) {
        let i = self.begin(w, face);
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
            used.codes.insert(code, (Drawn::Glyph(gid), text.to_string()));
            used.glyphs.entry(gid).or_insert_with(|| text.to_string());
            return (code, true);
        }
        let exact = code == own || used.codes.get(&code).is_some_and(|(_, t)| t == text);
        (code, exact)
    }

    /// Records a character cluster drawn as one glyph: `parts` are glyphs of
    /// `face` with their offsets in points from the first one's origin
    /// (upwards for the second), set at `size`; `text` is what the cluster
    /// stands for. Returns the cluster glyph's code; its advance width is the
    /// sum of its glyphs' advances.
    pub fn cluster(&mut self, w: &mut Writer, face: Face, parts: &[(u16, f32, f32)], size: f32, text: &str) -> u16 {
        let i = self.begin(w, face);
        let (units, upem) = &self.units[i];
        let scale = upem / size;
        // the key in font units, on the stack for a cluster of up to eight glyphs
        let mut small = [(0u16, 0i16, 0i16); 8];
        let mut large = Vec::new();
        let key: &mut [Part] = if parts.len() <= small.len() {
            &mut small[..parts.len()]
        } else {
            large.resize(parts.len(), (0, 0, 0));
            &mut large
        };
        for (k, &(g, dx, dy)) in key.iter_mut().zip(parts) {
            *k = (g, (dx * scale).round() as i16, (dy * scale).round() as i16);
        }
        let advance: u32 = key.iter().map(|&(g, _, _)| units.get(g as usize).copied().unwrap_or(0) as u32).sum();
        let first = NOMINAL_END.saturating_add(units.len() as u16);
        let used = self.used[i].as_mut().expect("started above");
        // should the same glyphs at the same places stand for other text,
        // each text gets a cluster glyph of its own
        let known = used.cluster_codes.get(&*key).and_then(|codes| codes.iter().copied().find(|c| used.codes.get(c).is_some_and(|(_, t)| t == text)));
        if let Some(code) = known {
            return code;
        }
        let code = first.saturating_add(used.clusters.len() as u16);
        for &(g, _, _) in key.iter() {
            used.glyphs.entry(g).or_default();
        }
        used.codes.insert(code, (Drawn::Cluster(used.clusters.len()), text.to_string()));
        used.clusters.push((key.to_vec(), advance.min(u16::MAX as u32) as u16));
        used.cluster_codes.entry(key.into()).or_default().push(code);
        code
    }

    /// Makes `face` used, reading its metrics the first time; returns the
    /// number of its font dictionary.
    pub fn start(&mut self, w: &mut Writer, face: Face) -> Id {
        let i = self.begin(w, face);
        self.used[i].as_ref().map_or(0, |u| u.id)
    }

    /// Makes `face` used, reading its metrics the first time; returns its index.
    fn begin(&mut self, w: &mut Writer, face: Face) -> usize {
        let i = index(face);
        if self.used[i].is_none() {
            self.used[i] = Some(Used { id: w.reserve(), glyphs: BTreeMap::new(), codes: BTreeMap::new(), seen: vec![0; 1024], clusters: Vec::new(), cluster_codes: FxMap::default() });
            self.units[i] = units(face);
            self.widths[i] = self.units[i].0.iter().map(|&a| (a as f32 * 1000.0 / self.units[i].1).round() as i32).collect();
            self.nominal[i] = nominal(face);
        }
        i
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
            write_face(w, FACES[i], used, &self.widths[i], self.units[i].1)?;
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

/// Advance widths of all glyphs of a face in font units, and its units per em.
fn units(face: Face) -> (Vec<u16>, f32) {
    let Ok(f) = ttf_parser::Face::parse(fonts::data(face), 0) else { return (Vec::new(), 1000.0) };
    ((0..f.number_of_glyphs()).map(|g| f.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0)).collect(), f.units_per_em() as f32)
}

fn write_face(w: &mut Writer, face: Face, used: Used, widths: &[i32], upem: f32) -> Result<(), String> {
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
    let new_gid = |gid: u16| subset.glyph_mapping.get(&gid).map_or(0, |(new, _)| *new);
    // the cluster glyphs, appended to the subset
    let (program, first_cluster) = if used.clusters.is_empty() {
        (subset.bytes, 0)
    } else {
        let added: Vec<sfnt::Composite> = used
            .clusters
            .iter()
            .map(|(parts, advance)| {
                let mut bbox: Option<[i16; 4]> = None;
                for &(g, dx, dy) in parts {
                    if let Some(b) = f.glyph_bounding_box(ttf_parser::GlyphId(g)) {
                        let r = [b.x_min.saturating_add(dx), b.y_min.saturating_add(dy), b.x_max.saturating_add(dx), b.y_max.saturating_add(dy)];
                        bbox = Some(bbox.map_or(r, |a| [a[0].min(r[0]), a[1].min(r[1]), a[2].max(r[2]), a[3].max(r[3])]));
                    }
                }
                sfnt::Composite { parts: parts.iter().map(|&(g, dx, dy)| sfnt::Part { gid: new_gid(g), dx, dy }).collect(), advance: *advance, bbox: bbox.unwrap_or_default() }
            })
            .collect();
        sfnt::append(&subset.bytes, &added).map_err(|e| format!("font {}: {e}", face.file()))?
    };

    // code → subset glyph id, two bytes each
    let max = used.codes.keys().next_back().copied().unwrap_or(0) as usize;
    let mut map = vec![0u8; (max + 1) * 2];
    for (&code, (drawn, _)) in &used.codes {
        let new = match *drawn {
            Drawn::Glyph(gid) => new_gid(gid),
            Drawn::Cluster(k) => first_cluster + k as u16,
        };
        map[code as usize * 2..code as usize * 2 + 2].copy_from_slice(&new.to_be_bytes());
    }
    let cid_to_gid = w.add_stream("", &map, true);
    let file = w.add_stream(&format!(" /Length1 {}", program.len()), &program, true);
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
    for (&code, (drawn, _)) in &used.codes {
        let wd = match *drawn {
            Drawn::Glyph(gid) => widths.get(gid as usize).copied().unwrap_or(0),
            Drawn::Cluster(k) => (used.clusters[k].1 as f32 * 1000.0 / upem).round() as i32,
        };
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
fn to_unicode_cmap(codes: &BTreeMap<u16, (Drawn, String)>) -> String {
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
