//! A page's content stream, written as bytes straight from the laid-out
//! items.
//!
//! One text object per line: the line's start is set once and its glyphs
//! follow in `TJ` arrays, their positions given as whole-number adjustments
//! in 1/1000 em against the font's own advance widths (zero, and so omitted,
//! for most glyphs); raised or lowered marks use the text rise. Each line is
//! a marked-content sequence: with its structure element's MCID when tagged,
//! as `/Artifact` when it is a page number or a repeated table header, and
//! always with `/ActualText` holding the line exactly as written, so that
//! copying and extraction give back the Thai text even where the shaper
//! reordered or merged glyphs. Rules, borders and fills are artifacts, except
//! a timeline bar, which is the content of its figure.
//!
//! Glyphs are shown by the codes [`embed`] gives them: a character's own
//! glyph by the character's Unicode value, so a line's glyph strings repeat
//! the bytes of its ActualText and compress against them. The ActualText
//! stays on the whole line: poppler starts a new word at a glyph drawn
//! within 1/10 em of the previous one's start, which after every
//! zero-width Thai mark splits the word with a space when it reads glyphs
//! through ToUnicode alone.

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
                // an artifact ending in a hyphen (the page number `- ๒ -`) gets a
                // no-break space: pdftotext does not skip artifacts, and joins a
                // line ending in '-' with the next one, gluing the number to the
                // first line of the page
                let actual = if tagged && mark.is_none() && line.text.ends_with('-') { object::text_bytes(&format!("{}\u{a0}", line.text)) } else { object::text_bytes(&line.text) };
                // the tag is Span whatever the element's role: poppler honours
                // ActualText only on Span sequences
                let artifact = tagged && mark.is_none();
                if artifact {
                    out.extend_from_slice("/Artifact BMC\n".as_bytes());
                }
                match (tagged, mark) {
                    (true, Some(e)) => {
                        let _ = write!(out, "/Span <</MCID {} /ActualText ", c.mcids.len());
                        out.extend_from_slice(&actual);
                        out.extend_from_slice(b">> BDC\n");
                        c.mcids.push(e);
                    }
                    _ => {
                        out.extend_from_slice(b"/Span <</ActualText ");
                        out.extend_from_slice(&actual);
                        out.extend_from_slice(b">> BDC\n");
                    }
                }
                out.extend_from_slice("BT\n".as_bytes());
                if *rotated {
                    let _ = writeln!(out, "0 1 -1 0 {} {} Tm", num(*x), num(h - baseline));
                } else {
                    let _ = writeln!(out, "{} {} Td", num(*x), num(h - baseline));
                }
                glyphs(&mut out, line, *size, fonts, w, &mut c.fonts, &mut tc);
                out.extend_from_slice("ET\nEMC\n".as_bytes());
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

/// The glyphs of one line as `Tf`, `Tc`, `Ts` and `TJ` operators.
///
/// Justified lines space every cluster the same: that common extra space
/// becomes the character spacing (`Tc`) so most glyphs need no adjustment
/// of their own. `tc` is the character spacing in force, as written, kept
/// across lines (the same spacing in 1/1000 em is another `Tc` at another
/// size).
fn glyphs(out: &mut Vec<u8>, line: &super::text::Line, size: f32, fonts: &mut Fonts, w: &mut Writer, used: &mut BTreeMap<&'static str, Id>, tc: &mut String) {
    let mut last_face = None;
    let mut codes = Vec::with_capacity(line.glyphs.len());
    for g in &line.glyphs {
        let (id, code) = fonts.glyph(w, g.face, g.gid, &g.text);
        codes.push(code);
        if last_face != Some(g.face) {
            used.insert(embed::resource(g.face), id);
            last_face = Some(g.face);
        }
    }
    let target = |g: &super::text::Glyph| (g.x as f64 * 1000.0 / size as f64).round() as i64;
    // the most common gap between a glyph's advance and the next glyph
    let mut gaps: BTreeMap<i64, usize> = BTreeMap::new();
    for pair in line.glyphs.windows(2) {
        let gap = target(&pair[1]) - target(&pair[0]) - fonts.width(pair[0].face, pair[0].gid) as i64;
        *gaps.entry(gap).or_default() += 1;
    }
    let spacing = gaps.iter().filter(|(_, &n)| n >= 4).max_by_key(|(&g, &n)| (n, -g.abs())).map(|(&g, _)| g).unwrap_or(0);
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
    let mut pen = 0i64; // 1/1000 em from the line start
    // the open TJ array's contents; glyph codes go in literal strings, two
    // raw bytes each (half the size of hexadecimal, and no formatting)
    let mut arr: Vec<u8> = Vec::with_capacity(4 * line.glyphs.len() + 16);
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
    for (g, code) in line.glyphs.iter().zip(codes) {
        if face != Some(g.face) {
            flush(out, &mut arr, &mut in_str);
            let _ = writeln!(out, "/{} {} Tf", embed::resource(g.face), num(size));
            face = Some(g.face);
        }
        let r = (g.y * 100.0).round() as i32;
        if r != rise {
            flush(out, &mut arr, &mut in_str);
            let _ = writeln!(out, "{} Ts", num(r as f32 / 100.0));
            rise = r;
        }
        let t = target(g);
        let kern = pen - t;
        // a difference of 1/1000 em (0.016 pt at 16 pt) is not drawn: the
        // glyph stays where the pen is, and the next one catches up
        let kern = if kern.abs() <= 1 { 0 } else { kern };
        let t = pen - kern;
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
        pen = t + fonts.width(g.face, g.gid) as i64 + spacing;
    }
    flush(out, &mut arr, &mut in_str);
    if rise != 0 {
        out.extend_from_slice("0 Ts\n".as_bytes());
    }
}
