//! Cluster glyphs added to a TrueType font subset.
//!
//! A Thai consonant with its marks is drawn as one glyph of its own (see
//! [`super::embed`]): a composite glyph, which is a list of the subset's
//! glyphs, each placed at an offset, and nothing else — no outlines are
//! copied. This module appends such glyphs to the subset that
//! `printpdf::subset_font` made, and brings the tables that count or measure
//! glyphs along: `glyf` and `loca`, `hmtx` (a
//! full metric for every glyph), `hhea`, `maxp` (glyph count and the largest
//! composite) and `post` (made format 3, with no glyph names to count). The
//! other tables are copied as they are; the file's table directory and
//! checksums are written anew.

use std::collections::BTreeMap;

/// One glyph of a cluster glyph: a glyph of the subset and where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Part {
    /// Glyph id in the subset.
    pub gid: u16,
    /// Offset from the cluster glyph's origin, font units.
    pub dx: i16,
    /// Upward offset, font units.
    pub dy: i16,
}

/// A glyph to append.
#[derive(Debug, Clone)]
pub struct Composite {
    /// Its glyphs, in drawing order.
    pub parts: Vec<Part>,
    /// Advance width, font units.
    pub advance: u16,
    /// Bounding box (x min, y min, x max, y max), font units.
    pub bbox: [i16; 4],
}

const ARG_1_AND_2_ARE_WORDS: u16 = 0x0001;
const ARGS_ARE_XY_VALUES: u16 = 0x0002;
const WE_HAVE_A_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE: u16 = 0x0040;
const WE_HAVE_A_TWO_BY_TWO: u16 = 0x0080;

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

fn put_u16(d: &mut [u8], at: usize, v: u16) {
    d[at..at + 2].copy_from_slice(&v.to_be_bytes());
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut b = [0u8; 4];
        b[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(b))
    })
}

/// The font's glyphs, as `glyf` and `loca` hold them.
struct Glyphs<'a> {
    glyf: &'a [u8],
    offsets: Vec<usize>,
}

impl Glyphs<'_> {
    fn data(&self, gid: u16) -> &[u8] {
        let (a, b) = (self.offsets.get(gid as usize).copied().unwrap_or(0), self.offsets.get(gid as usize + 1).copied().unwrap_or(0));
        self.glyf.get(a..b.max(a)).unwrap_or_default()
    }

    /// Points, contours and nesting depth of a glyph (0 for a simple glyph),
    /// what `maxp` must account for.
    fn stats(&self, gid: u16, depth_left: u8) -> (u32, u32, u16) {
        let d = self.data(gid);
        let Some(n) = u16_at(d, 0).map(|n| n as i16) else { return (0, 0, 0) };
        if n >= 0 {
            let points = if n == 0 { 0 } else { u16_at(d, 10 + 2 * (n as usize - 1)).map_or(0, |e| e as u32 + 1) };
            return (points, n as u32, 0);
        }
        if depth_left == 0 {
            return (0, 0, 0);
        }
        let (mut points, mut contours, mut depth) = (0, 0, 0);
        let mut at = 10;
        while let (Some(flags), Some(child)) = (u16_at(d, at), u16_at(d, at + 2)) {
            let (p, c, dp) = self.stats(child, depth_left - 1);
            points += p;
            contours += c;
            depth = depth.max(dp);
            at += 4 + if flags & ARG_1_AND_2_ARE_WORDS != 0 { 4 } else { 2 };
            at += if flags & WE_HAVE_A_SCALE != 0 {
                2
            } else if flags & WE_HAVE_AN_X_AND_Y_SCALE != 0 {
                4
            } else if flags & WE_HAVE_A_TWO_BY_TWO != 0 {
                8
            } else {
                0
            };
            if flags & MORE_COMPONENTS == 0 {
                break;
            }
        }
        (points, contours, depth + 1)
    }
}

/// The composite glyph record of `c`.
fn record(c: &Composite) -> Vec<u8> {
    let mut out = Vec::with_capacity(10 + 8 * c.parts.len());
    out.extend_from_slice(&(-1i16).to_be_bytes());
    for v in c.bbox {
        out.extend_from_slice(&v.to_be_bytes());
    }
    for (k, p) in c.parts.iter().enumerate() {
        let small = i8::try_from(p.dx).is_ok() && i8::try_from(p.dy).is_ok();
        let mut flags = ARGS_ARE_XY_VALUES;
        if !small {
            flags |= ARG_1_AND_2_ARE_WORDS;
        }
        if k + 1 < c.parts.len() {
            flags |= MORE_COMPONENTS;
        }
        out.extend_from_slice(&flags.to_be_bytes());
        out.extend_from_slice(&p.gid.to_be_bytes());
        if small {
            out.push(p.dx as i8 as u8);
            out.push(p.dy as i8 as u8);
        } else {
            out.extend_from_slice(&p.dx.to_be_bytes());
            out.extend_from_slice(&p.dy.to_be_bytes());
        }
    }
    out
}

/// `font` (a TrueType subset) with `added` appended as glyphs `n`, `n + 1`
/// …, where `n` is the subset's glyph count (returned too).
pub fn append(font: &[u8], added: &[Composite]) -> Result<(Vec<u8>, u16), String> {
    let bad = || "the font subset could not be read".to_string();
    let version = u32_at(font, 0).ok_or_else(bad)?;
    let count = u16_at(font, 4).ok_or_else(bad)? as usize;
    let mut tables: BTreeMap<[u8; 4], Vec<u8>> = BTreeMap::new();
    for i in 0..count {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4).ok_or_else(bad)?.try_into().map_err(|_| bad())?;
        let (off, len) = (u32_at(font, rec + 8).ok_or_else(bad)? as usize, u32_at(font, rec + 12).ok_or_else(bad)? as usize);
        tables.insert(tag, font.get(off..off + len).ok_or_else(bad)?.to_vec());
    }
    let table = |t: &[u8; 4]| tables.get(t).ok_or_else(|| format!("the font subset has no {} table", String::from_utf8_lossy(t)));
    let (head, maxp, hhea, hmtx, loca, glyf) = (table(b"head")?, table(b"maxp")?, table(b"hhea")?, table(b"hmtx")?, table(b"loca")?, table(b"glyf")?);
    let n = u16_at(maxp, 4).ok_or_else(bad)? as usize;
    let long = u16_at(head, 50).ok_or_else(bad)? != 0;
    let offsets: Vec<usize> = (0..=n)
        .map(|g| if long { u32_at(loca, 4 * g).map(|v| v as usize) } else { u16_at(loca, 2 * g).map(|v| v as usize * 2) })
        .collect::<Option<_>>()
        .ok_or_else(bad)?;
    let glyphs = Glyphs { glyf, offsets };
    let metrics = u16_at(hhea, 34).ok_or_else(bad)? as usize;
    if metrics == 0 || metrics > n {
        return Err(bad());
    }

    // glyf, and where each glyph starts
    let mut new_glyf = glyf.get(..glyphs.offsets[n]).ok_or_else(bad)?.to_vec();
    let mut starts: Vec<usize> = glyphs.offsets[..n].to_vec();
    // hmtx: a full metric for every glyph
    let mut new_hmtx = Vec::with_capacity(4 * (n + added.len()));
    let mut widest = 0u16;
    for g in 0..n {
        let adv = u16_at(hmtx, 4 * g.min(metrics - 1)).ok_or_else(bad)?;
        let lsb = if g < metrics { u16_at(hmtx, 4 * g + 2) } else { u16_at(hmtx, 4 * metrics + 2 * (g - metrics)) }.ok_or_else(bad)?;
        widest = widest.max(adv);
        new_hmtx.extend_from_slice(&adv.to_be_bytes());
        new_hmtx.extend_from_slice(&lsb.to_be_bytes());
    }
    let (mut points, mut contours, mut elements, mut depth) = (0u32, 0u32, 0usize, 0u16);
    for c in added {
        starts.push(new_glyf.len());
        new_glyf.extend_from_slice(&record(c));
        new_hmtx.extend_from_slice(&c.advance.to_be_bytes());
        new_hmtx.extend_from_slice(&c.bbox[0].to_be_bytes());
        widest = widest.max(c.advance);
        let (mut p, mut k, mut d) = (0, 0, 0);
        for part in &c.parts {
            let (pp, kk, dd) = glyphs.stats(part.gid, 8);
            p += pp;
            k += kk;
            d = d.max(dd);
        }
        points = points.max(p);
        contours = contours.max(k);
        elements = elements.max(c.parts.len());
        depth = depth.max(d + 1);
    }
    starts.push(new_glyf.len());
    // the short form (offsets halved, two bytes each) while it can hold them;
    // every glyph record has an even length
    let long = long || new_glyf.len() >= 0x2_0000 || starts.iter().any(|o| o % 2 != 0);
    let mut new_loca = Vec::with_capacity(4 * starts.len());
    for o in starts {
        if long {
            new_loca.extend_from_slice(&(o as u32).to_be_bytes());
        } else {
            new_loca.extend_from_slice(&((o / 2) as u16).to_be_bytes());
        }
    }
    let total = u16::try_from(n + added.len()).map_err(|_| "too many glyphs for one font".to_string())?;

    let mut new_head = head.clone();
    put_u16(&mut new_head, 50, long as u16);
    new_head[8..12].copy_from_slice(&[0; 4]);
    let mut new_hhea = hhea.clone();
    put_u16(&mut new_hhea, 10, widest);
    put_u16(&mut new_hhea, 34, total);
    let mut new_maxp = maxp.clone();
    put_u16(&mut new_maxp, 4, total);
    if new_maxp.len() >= 32 {
        let raise = |m: &mut Vec<u8>, at: usize, v: u32| {
            let old = u16_at(m, at).unwrap_or(0);
            put_u16(m, at, old.max(v.min(u16::MAX as u32) as u16));
        };
        raise(&mut new_maxp, 10, points);
        raise(&mut new_maxp, 12, contours);
        raise(&mut new_maxp, 28, elements as u32);
        raise(&mut new_maxp, 30, depth as u32);
    }
    tables.insert(*b"head", new_head);
    tables.insert(*b"hhea", new_hhea);
    tables.insert(*b"maxp", new_maxp);
    tables.insert(*b"hmtx", new_hmtx);
    tables.insert(*b"loca", new_loca);
    tables.insert(*b"glyf", new_glyf);
    // glyph names (post format 2) would no longer cover every glyph
    if let Some(post) = tables.get_mut(b"post") {
        if post.len() >= 32 && u32_at(post, 0) == Some(0x0002_0000) {
            post.truncate(32);
            post[0..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
        }
    }
    // tables that hold a record per glyph and are not needed to draw
    for t in [b"hdmx", b"LTSH", b"VDMX", b"vmtx", b"vhea", b"kern"] {
        tables.remove(t);
    }
    Ok((write(version, &tables), n as u16))
}

/// The font file of `tables`, checksums and all.
fn write(version: u32, tables: &BTreeMap<[u8; 4], Vec<u8>>) -> Vec<u8> {
    let count = tables.len() as u16;
    let pow = 1u16 << (15 - count.max(1).leading_zeros() as u16);
    let range = pow * 16;
    let mut out = Vec::with_capacity(12 + 16 * tables.len() + tables.values().map(|t| t.len() + 3).sum::<usize>());
    out.extend_from_slice(&version.to_be_bytes());
    for v in [count, range, pow.trailing_zeros() as u16, count * 16 - range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut at = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(at as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(at);
        }
        at += data.len().div_ceil(4) * 4;
    }
    for data in tables.values() {
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    if let Some(h) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[h + 8..h + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustybuzz::ttf_parser;

    #[test]
    fn appended_glyphs_read_back_as_composites_of_the_subset() {
        let data = crate::fonts::data(crate::fonts::Face::Regular);
        let f = ttf_parser::Face::parse(data, 0).unwrap();
        let (ko, mai_ek) = (f.glyph_index('ก').unwrap().0, f.glyph_index('\u{0E48}').unwrap().0);
        let mut warnings = Vec::new();
        let parsed = printpdf::ParsedFont::from_bytes(data, 0, &mut warnings).unwrap();
        let keep: BTreeMap<u16, String> = [(ko, String::new()), (mai_ek, String::new())].into();
        let subset = printpdf::subset_font(&parsed, &keep).unwrap();
        let (k, m) = (subset.glyph_mapping[&ko].0, subset.glyph_mapping[&mai_ek].0);
        let c = Composite { parts: vec![Part { gid: k, dx: 0, dy: 0 }, Part { gid: m, dx: 480, dy: -300 }], advance: 590, bbox: [10, -20, 600, 800] };
        let (bytes, n) = append(&subset.bytes, &[c]).unwrap();
        let g = ttf_parser::Face::parse(&bytes, 0).unwrap();
        assert_eq!(g.number_of_glyphs(), n + 1);
        let new = ttf_parser::GlyphId(n);
        assert_eq!(g.glyph_hor_advance(new), Some(590));
        assert_eq!(g.glyph_hor_advance(ttf_parser::GlyphId(k)), f.glyph_hor_advance(ttf_parser::GlyphId(ko)));
        // the composite's outline is its parts' outlines, the mark moved
        struct Count(usize, f32);
        impl ttf_parser::OutlineBuilder for Count {
            fn move_to(&mut self, x: f32, _: f32) {
                self.0 += 1;
                self.1 = self.1.max(x);
            }
            fn line_to(&mut self, x: f32, _: f32) {
                self.1 = self.1.max(x);
            }
            fn quad_to(&mut self, _: f32, _: f32, x: f32, _: f32) {
                self.1 = self.1.max(x);
            }
            fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, x: f32, _: f32) {
                self.1 = self.1.max(x);
            }
            fn close(&mut self) {}
        }
        let contours = |face: &ttf_parser::Face, gid: u16| {
            let mut c = Count(0, f32::MIN);
            face.outline_glyph(ttf_parser::GlyphId(gid), &mut c);
            c
        };
        let (whole, ko_c, ek_c) = (contours(&g, n), contours(&g, k), contours(&g, m));
        assert_eq!(whole.0, ko_c.0 + ek_c.0);
        assert_eq!(whole.1, ko_c.1.max(ek_c.1 + 480.0));
        // the checksum adjustment makes the whole file sum to the magic number
        assert_eq!(checksum(&bytes), 0xB1B0_AFBA);
    }
}
