//! A page's content stream, written as bytes straight from the laid-out
//! items.
//!
//! One text object per line: the line's start is set once and its glyphs
//! follow in `TJ` arrays, their positions given as whole-number adjustments
//! in 1/1000 em against the fonts' advance widths (zero, and so omitted,
//! for most glyphs). Each line is a marked-content sequence with its
//! structure element's MCID when tagged, or an `/Artifact` when it is a page
//! number or a repeated table header. Rules, borders and fills are
//! artifacts, except a timeline bar, which is the content of its figure.
//!
//! A Thai consonant with its marks (a character cluster the shaper drew
//! with several glyphs) is shown as one glyph made for it ([`embed`]'s
//! cluster glyphs), whose ToUnicode entry is the cluster's characters as
//! written. Drawn glyph by glyph, a zero-width mark starts within 1/10 em
//! of its consonant, and poppler, reading by glyph positions, would start a
//! new word there and put a space into the Thai word; and a mark's own
//! position would need an adjustment or a text rise of its own.
//!
//! A line that poppler reads back exactly from its glyphs and their
//! ToUnicode entries (see [`reads_as_written`]: most lines that are not
//! justified) carries nothing more; any other line — a justified line,
//! whose added spaces poppler reads as word gaps, a contents line with its
//! leader dots, a hyphen drawn at a line's end — carries its text as
//! `/ActualText` on a `Span` sequence, which copying and extraction use
//! instead. That is 258 of the example's 1,574 lines; the ActualText every
//! line once carried was a fifth of the page content.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use super::embed::{self, Fonts};
use super::layout::{Element, Item, Page, Tag};

use super::object::{self, num, Id, Writer};
use crate::fonts::Face;

/// The structure type of an element, as written in the file (`H1`, `TD` …).
pub fn role(tag: &Tag) -> String {
    match tag {
        Tag::Heading(l) => format!("H{l}"),
        Tag::P => "P".into(),
        Tag::List => "L".into(),
        Tag::ListItem => "LI".into(),
        Tag::ListBody => "LBody".into(),
        Tag::Table => "Table".into(),
        Tag::THead => "THead".into(),
        Tag::TBody => "TBody".into(),
        Tag::Row => "TR".into(),
        Tag::Cell { header: true, .. } => "TH".into(),
        Tag::Cell { header: false, .. } => "TD".into(),
        Tag::Figure(_) => "Figure".into(),
        Tag::Toc => "TOC".into(),
        Tag::TocItem(_) => "TOCI".into(),
        Tag::Link => "Link".into(),
    }
}

/// What a page's content came to.
pub struct PageContent {
    /// The content stream, uncompressed.
    pub bytes: Vec<u8>,
    /// The structure element of each marked-content id, in id order.
    pub mcids: Vec<usize>,
    /// Fonts used: resource name and font number.
    pub fonts: BTreeMap<&'static str, Id>,
    /// Pictures used: resource name and image number.
    pub xobjects: BTreeMap<String, Id>,
}

/// The pictures written so far (each file once, however often it is drawn).
#[derive(Default)]
pub struct Images {
    written: Vec<(std::sync::Arc<Vec<u8>>, Id)>,
}

impl Images {
    /// The resource name and number of a picture, writing it on first use.
    fn get(&mut self, img: &crate::doc::Image, w: &mut Writer) -> Result<(String, Id), String> {
        if let Some(i) = self.written.iter().position(|(b, _)| std::sync::Arc::ptr_eq(b, &img.bytes) || **b == *img.bytes) {
            return Ok((format!("Im{}", i + 1), self.written[i].1));
        }
        let x = super::image::xobject(img)?;
        let mut dict = format!(" /Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace /{} /BitsPerComponent 8", x.width, x.height, x.color_space);
        if let Some(f) = x.filter {
            let _ = write!(dict, " /Filter /{f}");
        }
        let id = w.reserve();
        w.stream(id, &dict, &x.data, x.filter.is_none());
        self.written.push((img.bytes.clone(), id));
        Ok((format!("Im{}", self.written.len()), id))
    }
}

/// The marked-content sequence left open between items.
#[derive(PartialEq)]
enum Open {
    Nothing,
    Artifact,
    Figure(usize),
}

/// Writes the content of `page`. With `tagged`, content is marked for the
/// structure tree in `elements`; otherwise lines are plain spans.
pub fn page(page: &Page, elements: &[Element], tagged: bool, fonts: &mut Fonts, images: &mut Images, w: &mut Writer) -> Result<PageContent, String> {
    let h = page.height;
    let mut c = PageContent { bytes: Vec::with_capacity(16 * 1024), mcids: Vec::new(), fonts: BTreeMap::new(), xobjects: BTreeMap::new() };
    let mut out: Vec<u8> = Vec::with_capacity(16 * 1024);
    let mut mark: Option<usize> = None;
    let mut open = Open::Nothing;
    // graphics state: fill colour (None = black), stroke colour, line width
    let mut fill: Option<[u8; 3]> = None;
    let mut stroke: Option<[u8; 3]> = None;
    let mut line_width = 1.0f32;
    // the character spacing in force, as written (kept by the graphics
    // state from line to line)
    let mut tc = String::from("0");
    let close = |out: &mut Vec<u8>, open: &mut Open| {
        if *open != Open::Nothing {
            out.extend_from_slice("EMC\n".as_bytes());
            *open = Open::Nothing;
        }
    };
    for item in &page.items {
        // graphics join the figure they belong to, or an artifact sequence
        if tagged && !matches!(item, Item::Mark(_) | Item::Text { .. }) {
            let want = match mark {
                Some(e) if matches!(elements[e].tag, Tag::Figure(_)) => Open::Figure(e),
                _ => Open::Artifact,
            };
            if open != want {
                close(&mut out, &mut open);
                match want {
                    Open::Figure(e) => {
                        let _ = writeln!(out, "/Figure <</MCID {}>> BDC", c.mcids.len());
                        c.mcids.push(e);
                    }
                    _ => out.extend_from_slice("/Artifact BMC\n".as_bytes()),
                }
                open = want;
            }
        }
        match item {
            Item::Mark(m) => mark = *m,
            Item::Rect { x, y, w: rw, h: rh, fill: f, stroke: s } => {
                if let Some(col) = f {
                    set_fill(&mut out, &mut fill, Some(*col));
                }
                if let Some(sw) = s {
                    set_stroke(&mut out, &mut stroke, &mut line_width, [0, 0, 0], *sw);
                }
                let op = match (f, s) {
                    (Some(_), Some(_)) => "B",
                    (Some(_), None) => "f",
                    _ => "S",
                };
                let _ = writeln!(out, "{} {} {} {} re {op}", num(*x), num(h - y - rh), num(*rw), num(*rh));
            }
            Item::Segment { from, to, width, color } => {
                set_stroke(&mut out, &mut stroke, &mut line_width, *color, *width);
                let _ = writeln!(out, "{} {} m {} {} l S", num(from.0), num(h - from.1), num(to.0), num(h - to.1));
            }
            Item::Triangle { points, color } => {
                set_fill(&mut out, &mut fill, Some(*color));
                let [a, b, cc] = points;
                let _ = writeln!(out, "{} {} m {} {} l {} {} l h f", num(a.0), num(h - a.1), num(b.0), num(h - b.1), num(cc.0), num(h - cc.1));
            }
            Item::Image { x, y, w: iw, h: ih, image } => {
                let (name, id) = images.get(image, w)?;
                let _ = writeln!(out, "q {} 0 0 {} {} {} cm /{name} Do Q", num(*iw), num(*ih), num(*x), num(h - y - ih));
                c.xobjects.insert(name, id);
            }
            Item::Text { x, baseline, size, line, rotated } => {
                if line.glyphs.is_empty() {
                    continue;
                }
                close(&mut out, &mut open);
                set_fill(&mut out, &mut fill, None);
                let mut ops = Vec::with_capacity(8 * line.glyphs.len() + 64);
                if *rotated {
                    let _ = writeln!(ops, "0 1 -1 0 {} {} Tm", num(*x), num(h - baseline));
                } else {
                    let _ = writeln!(ops, "{} {} Td", num(*x), num(h - baseline));
                }
                let plain = glyphs(&mut ops, line, *size, fonts, w, &mut c.fonts, &mut tc);
                let artifact = tagged && mark.is_none();
                // an artifact ending in a hyphen (the page number `- ๒ -`) gets a
                // no-break space: pdftotext does not skip artifacts, and joins a
                // line ending in '-' with the next one, gluing the number to the
                // first line of the page
                let hyphen_end = artifact && line.text.ends_with('-');
                let actual = match (plain && !hyphen_end, hyphen_end) {
                    (true, _) => None,
                    (false, true) => Some(object::text_bytes(&format!("{}\u{a0}", line.text))),
                    (false, false) => Some(object::text_bytes(&line.text)),
                };
                if artifact {
                    out.extend_from_slice("/Artifact BMC\n".as_bytes());
                }
                // the tag is Span whatever the element's role: poppler honours
                // ActualText only on Span sequences
                let span = match (tagged, mark) {
                    (true, Some(e)) => {
                        let _ = write!(out, "/Span <</MCID {}", c.mcids.len());
                        c.mcids.push(e);
                        true
                    }
                    _ if actual.is_some() => {
                        out.extend_from_slice(b"/Span <<");
                        true
                    }
                    _ => false,
                };
                if let Some(a) = &actual {
                    out.extend_from_slice(b" /ActualText ");
                    out.extend_from_slice(a);
                }
                if span {
                    out.extend_from_slice(b">> BDC\n");
                }
                out.extend_from_slice("BT\n".as_bytes());
                out.extend_from_slice(&ops);
                out.extend_from_slice("ET\n".as_bytes());
                if span {
                    out.extend_from_slice("EMC\n".as_bytes());
                }
                if artifact {
                    out.extend_from_slice("EMC\n".as_bytes());
                }
            }
        }
    }
    close(&mut out, &mut open);
    c.bytes = out;
    Ok(c)
}

fn color(c: [u8; 3]) -> String {
    let f = |v: u8| {
        let s = format!("{:.3}", v as f32 / 255.0);
        let s = s.trim_end_matches('0').trim_end_matches('.').to_string();
        if s.is_empty() { "0".to_string() } else { s }
    };
    format!("{} {} {}", f(c[0]), f(c[1]), f(c[2]))
}

fn set_fill(out: &mut Vec<u8>, cur: &mut Option<[u8; 3]>, want: Option<[u8; 3]>) {
    if *cur != want {
        match want {
            Some(c) => {
                let _ = writeln!(out, "{} rg", color(c));
            }
            None => out.extend_from_slice("0 g\n".as_bytes()),
        }
        *cur = want;
    }
}

fn set_stroke(out: &mut Vec<u8>, cur: &mut Option<[u8; 3]>, width: &mut f32, want: [u8; 3], w: f32) {
    if *cur != Some(want) {
        let _ = writeln!(out, "{} RG", color(want));
        *cur = Some(want);
    }
    if *width != w {
        let _ = writeln!(out, "{} w", num(w));
        *width = w;
    }
}

/// What one code in a `TJ` string draws: a glyph, or a character cluster
/// drawn as one cluster glyph.
struct Unit<'a> {
    /// The line's glyphs it draws.
    glyphs: std::ops::Range<usize>,
    face: Face,
    /// Position from the line's start, 1/1000 em.
    target: i64,
    /// Advance width, 1/1000 em.
    width: i64,
    /// Rise, 1/100 pt.
    rise: i32,
    /// The characters it stands for.
    text: &'a str,
}

/// The line's glyphs as units: each cluster of several glyphs is one.
fn units<'a>(line: &'a super::text::Line, size: f32, fonts: &Fonts) -> Vec<Unit<'a>> {
    let target = |x: f32| (x as f64 * 1000.0 / size as f64).round() as i64;
    let gs = &line.glyphs;
    let mut out = Vec::with_capacity(gs.len());
    let mut k = 0;
    while k < gs.len() {
        let g = &gs[k];
        let mut end = k + 1;
        while end < gs.len() && gs[end].joined && gs[end].face == g.face {
            end += 1;
        }
        let (width, rise) = if end - k == 1 {
            (fonts.width(g.face, g.gid) as i64, (g.y * 100.0).round() as i32)
        } else {
            (gs[k..end].iter().map(|p| fonts.width(p.face, p.gid) as i64).sum(), 0)
        };
        out.push(Unit { glyphs: k..end, face: g.face, target: target(g.x), width, rise, text: g.text.as_str() });
        k = end;
    }
    out
}

/// The character spacing of a line of `units` (the most common gap between
/// a unit's advance and the next unit, when at least four share it), and
/// each unit's adjustment and the position it is drawn at, 1/1000 em.
fn placed(units: &[Unit]) -> (i64, Vec<(i64, i64)>) {
    let mut gaps: BTreeMap<i64, usize> = BTreeMap::new();
    for pair in units.windows(2) {
        *gaps.entry(pair[1].target - pair[0].target - pair[0].width).or_default() += 1;
    }
    let spacing = gaps.iter().filter(|(_, &n)| n >= 4).max_by_key(|(&g, &n)| (n, -g.abs())).map(|(&g, _)| g).unwrap_or(0);
    let mut pen = 0i64;
    let at = units
        .iter()
        .map(|u| {
            let kern = pen - u.target;
            // a difference of 1/1000 em (0.016 pt at 16 pt) is not drawn: the
            // glyph stays where the pen is, and the next one catches up
            let kern = if kern.abs() <= 1 { 0 } else { kern };
            let t = pen - kern;
            pen = t + u.width + spacing;
            (kern, t)
        })
        .collect();
    (spacing, at)
}

/// The glyphs of one line as `Tf`, `Tc`, `Ts` and `TJ` operators, written to
/// `out`. Returns whether a reader that goes by glyph positions and the
/// fonts' ToUnicode maps alone reads the line's text exactly (see
/// [`reads_as_written`]).
///
/// A cluster of several glyphs (a Thai consonant with its marks) is drawn
/// as one cluster glyph ([`Fonts::cluster`]), standing for the cluster's
/// characters, so a mark needs neither an adjustment of its own nor a text
/// rise. (Drawing the marks glyph by glyph on the lines that carry
/// ActualText, so that their codes repeat its bytes, made the example 10 KB
/// larger: the marks' adjustments cost more than the repetition saved.)
///
/// Justified lines space every cluster the same: that common extra space
/// becomes the character spacing (`Tc`) so most glyphs need no adjustment
/// of their own. `tc` is the character spacing in force, as written, kept
/// across lines (the same spacing in 1/1000 em is another `Tc` at another
/// size).
fn glyphs(out: &mut Vec<u8>, line: &super::text::Line, size: f32, fonts: &mut Fonts, w: &mut Writer, used: &mut BTreeMap<&'static str, Id>, tc: &mut String) -> bool {
    let mut last_face = None;
    for g in &line.glyphs {
        if last_face != Some(g.face) {
            used.insert(embed::resource(g.face), fonts.start(w, g.face));
            last_face = Some(g.face);
        }
    }
    let units = units(line, size, fonts);
    let (spacing, at) = placed(&units);
    let mut plain = reads_as_written(&units, &at, &line.text);
    let v = spacing as f64 * size as f64 / 1000.0;
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let s = if s == "-" || s == "-0" || s.is_empty() { "0" } else { s };
    if s != tc.as_str() {
        let _ = writeln!(out, "{s} Tc");
        *tc = s.to_string();
    }
    let mut face: Option<Face> = None;
    let mut rise = 0i32; // 1/100 pt
    // the open TJ array's contents; glyph codes go in literal strings, two
    // raw bytes each (half the size of hexadecimal, and no formatting)
    let mut arr: Vec<u8> = Vec::with_capacity(4 * units.len() + 16);
    let mut in_str = false;
    let flush = |out: &mut Vec<u8>, arr: &mut Vec<u8>, in_str: &mut bool| {
        if *in_str {
            arr.push(b')');
            *in_str = false;
        }
        if !arr.is_empty() {
            out.push(b'[');
            out.extend_from_slice(arr);
            out.extend_from_slice(b"] TJ\n");
            arr.clear();
        }
    };
    let mut parts: Vec<(u16, f32, f32)> = Vec::new();
    for (u, &(kern, _)) in units.iter().zip(&at) {
        let first = &line.glyphs[u.glyphs.start];
        let code = if u.glyphs.len() == 1 {
            let (code, exact) = fonts.glyph(w, first.face, first.gid, &first.text);
            // a code that reads as other text leaves the line to its ActualText
            plain &= exact;
            code
        } else {
            parts.clear();
            parts.extend(line.glyphs[u.glyphs.clone()].iter().map(|p| (p.gid, p.x - first.x, p.y)));
            fonts.cluster(w, first.face, &parts, size, &first.text)
        };
        if face != Some(u.face) {
            flush(out, &mut arr, &mut in_str);
            let _ = writeln!(out, "/{} {} Tf", embed::resource(u.face), num(size));
            face = Some(u.face);
        }
        if u.rise != rise {
            flush(out, &mut arr, &mut in_str);
            let _ = writeln!(out, "{} Ts", num(u.rise as f32 / 100.0));
            rise = u.rise;
        }
        if kern != 0 {
            if in_str {
                arr.push(b')');
                in_str = false;
            }
            let _ = write!(arr, "{kern}");
        }
        if !in_str {
            arr.push(b'(');
            in_str = true;
        }
        for b in code.to_be_bytes() {
            match b {
                b'(' | b')' | b'\\' => arr.extend_from_slice(&[b'\\', b]),
                // a raw line end in a string would be read as a newline
                b'\r' => arr.extend_from_slice(b"\\r"),
                b'\n' => arr.extend_from_slice(b"\\n"),
                _ => arr.push(b),
            }
        }
    }
    flush(out, &mut arr, &mut in_str);
    if rise != 0 {
        out.extend_from_slice("0 Ts\n".as_bytes());
    }
    plain
}

/// Whether poppler (pdftotext), reading the glyphs of a line by their
/// positions and the fonts' ToUnicode maps, gives back `text` exactly; when
/// not, the line carries its text as `/ActualText`.
///
/// poppler starts a new word at a glyph drawn less than 1/10 em after the
/// start of the previous character (a code standing for several characters
/// divides its width between them) and at a change of font or baseline. It
/// puts a space into the text at a gap of more than 3/100 em after a
/// glyph's advance — it takes the character spacing out of the advance, so
/// the space a justified line adds counts as a gap. (It lets wider gaps
/// pass when every gap of the line is as wide; other readers need not, so
/// such a line keeps its ActualText.) It also drops spaces at a line's
/// ends. So a line reads as written when its codes' characters are the
/// text, in one font, on one baseline, the gaps between glyphs that are not
/// spaces all under 1/40 em, and there is no space at either end nor two
/// together.
fn reads_as_written(units: &[Unit], at: &[(i64, i64)], text: &str) -> bool {
    let space = |u: &Unit| u.text.chars().all(char::is_whitespace);
    if text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace) || text.contains("  ") {
        return false;
    }
    let mut read = 0;
    let mut gaps: Vec<i64> = Vec::with_capacity(units.len());
    for (k, u) in units.iter().enumerate() {
        if u.text.is_empty() || u.rise != 0 {
            return false;
        }
        if let Some(p) = k.checked_sub(1).map(|p| &units[p]).filter(|p| !space(p) && !space(u)) {
            if p.face != u.face {
                return false;
            }
            let (p_at, u_at) = (at[k - 1].1, at[k].1);
            let n = p.text.chars().count() as i64;
            if u_at - (p_at + p.width * (n - 1) / n) < 110 {
                return false;
            }
            let gap = u_at - (p_at + p.width);
            if (200..=600).contains(&gap) && text[read..].starts_with(' ') {
                // a word gap with no space drawn in it (after a list's
                // label) reads as the one space the text has there
                read += 1;
            } else {
                gaps.push(gap);
            }
        }
        if !text[read..].starts_with(u.text) {
            return false;
        }
        read += u.text.len();
    }
    // 1/1000 em: poppler's limits, less a margin
    let narrowest = gaps.iter().copied().min().unwrap_or(0);
    let widest = gaps.iter().copied().max().unwrap_or(0);
    read == text.len() && narrowest >= -60 && widest < 25
}
