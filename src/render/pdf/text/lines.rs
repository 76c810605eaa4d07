//! Breaking a prepared paragraph into lines, and placing their glyphs.
//!
//! One line builder serves two ends: [`Typesetter::set`] builds the lines a
//! page draws (glyphs with their positions, the line's text), and
//! [`Typesetter::measure`] only reports where each line ends, which is all
//! that table column widths need from the many sets they compare. Both take
//! the same breaks and place the glyphs with the same arithmetic, so a
//! measured right edge is exactly (to the bit) the right edge of the glyphs
//! the set would draw.

use std::ops::Range;
use std::sync::Arc;

use crate::doc::{Align, Paragraph, Style};
use crate::fonts::{self, Face};

use super::breaks::{EMERGENCY, FAIR, GOOD, LAST, NEVER, SOFT};
use super::prepared::Prepared;
use super::glyph::GlyphText;
use super::{clusters_of, Cluster, Glyph, Line, SetParagraph, Shaped, Typesetter, PT_PER_MM};

/// Below this fill a line takes a word break that a listed word spans rather
/// than end at a clean one.
const FAIR_FILL: f32 = 0.85;

/// Below this fill a line takes the split of a word too wide for any line
/// rather than end before it.
const SHORT_LINE: f32 = 0.5;

/// Most a word space grows when a line is spread, in em.
const SPACE_CAP: f32 = 0.6;
/// Most a gap between Thai clusters grows, in em (more reads as letter-spacing).
const THAI_GAP_CAP: f32 = 0.15;
/// Shares of the slack a space takes for one of a Thai gap.
const SPACE_SHARE: f32 = 4.0;

/// Where each line of a paragraph set at some width ends, without its glyphs
/// (see [`Typesetter::measure`]).
#[derive(Debug, Clone, Default)]
pub struct Measured {
    /// Right edge of each line, points from the paragraph's left edge: the
    /// furthest advance of its glyphs.
    pub rights: Vec<f32>,
    /// The text of the first widest line (empty when no line has width).
    pub widest: String,
    /// How many lines end inside a word (as [`SetParagraph::split`]).
    pub split: u16,
}

/// What the line builder hands its lines to.
enum Sink<'a> {
    /// Lines with their glyphs and text.
    Lines(&'a mut Vec<Arc<Line>>),
    /// Right edges only, and where the widest line's text lies.
    Measure { rights: &'a mut Vec<f32>, widest: &'a mut (f32, Option<LineText>) },
}

/// Where a line's text lies: the label first, then a range of the text.
#[derive(Clone, Copy)]
struct LineText {
    label: bool,
    text: bool,
    range: (usize, usize),
}

/// How a line's slack is spread.
#[derive(Clone, Copy)]
enum Spread {
    None,
    /// Thai distributed: over word spaces and the gaps between Thai clusters.
    Distribute(f32),
    /// Over word spaces only.
    Spaces(f32),
}

impl Typesetter {
    /// Sets a paragraph into lines of at most `width` points (the label, if
    /// any, hangs in the first-line indent).
    pub fn set(&self, p: &Paragraph, style: &Style, width: f32, no_break: &[String]) -> SetParagraph {
        self.set_limited(p, style, width, no_break, NEVER)
    }

    /// Sets a paragraph breaking only between whole words (at spaces and
    /// dictionary word boundaries, never inside a compound or a syllable
    /// run); at width 0 its widest line is the narrowest a column can be for
    /// no word of it to be split.
    pub fn set_words(&self, p: &Paragraph, style: &Style, width: f32, no_break: &[String]) -> SetParagraph {
        self.set_limited(p, style, width, no_break, FAIR)
    }

    /// Where the lines of [`Self::set`] (or of [`Self::set_words`], with
    /// `words`) would end, without building them: the same breaks, and
    /// right edges equal to those of the set lines' glyphs.
    pub fn measure(&self, p: &Paragraph, style: &Style, width: f32, no_break: &[String], words: bool) -> Measured {
        let prep = self.prepared(p, style, no_break);
        let mut rights = Vec::new();
        let mut widest = (0.0f32, None);
        let split = self.build(&prep, p, style, width, if words { FAIR } else { NEVER }, &mut Sink::Measure { rights: &mut rights, widest: &mut widest });
        let widest = match widest.1 {
            None => String::new(),
            Some(t) => {
                let text = &prep.text[t.range.0..t.range.1];
                match (t.label, t.text) {
                    (true, true) => format!("{} {}", p.label, text),
                    (true, false) => p.label.clone(),
                    _ => text.to_string(),
                }
            }
        };
        Measured { rights, widest, split }
    }

    /// [`Self::set`], taking only breaks of priority `limit` or better.
    fn set_limited(&self, p: &Paragraph, style: &Style, width: f32, no_break: &[String], limit: u8) -> SetParagraph {
        let size = style.size;
        let line_height = self.line_height(size, style.line_spacing);
        let ascent = self.ascent(size, style.line_spacing);
        let prep = self.prepared(p, style, no_break);
        let mut lines = Vec::new();
        let split = self.build(&prep, p, style, width, limit, &mut Sink::Lines(&mut lines));
        SetParagraph { lines, size, line_height, ascent, split }
    }

    /// Breaks a prepared paragraph into lines of at most `width` points,
    /// handing each to `sink`; returns how many lines end inside a word.
    fn build(&self, prep: &Prepared, p: &Paragraph, style: &Style, width: f32, limit: u8, sink: &mut Sink) -> u16 {
        let size = style.size;
        let align = p.align.unwrap_or(style.align);
        let Prepared { text, glyphs, clusters, cx, thai_gap, brk, .. } = prep;
        let prio = &brk.prio;

        let indent = style.indent_left * PT_PER_MM;
        let first = (style.indent_left + style.first_line).max(0.0) * PT_PER_MM;

        // the label sits at the first-line position; the text starts at the
        // indent, or after the label if the label is wider than the hang
        let mut label_glyphs = Vec::new();
        let mut first_x = first;
        if !p.label.is_empty() {
            let face = Face::of(style.bold, false);
            let shaped = self.shape(&p.label, 0, face, size);
            let lc = clusters_of(&shaped, p.label.len(), &p.label);
            label_glyphs = place(&shaped, &lc, &p.label, first, 0.0, 0..lc.len(), &[]);
            let label_w: f32 = shaped.iter().map(|g| g.advance).sum();
            let space = self.width(" ", face, size);
            first_x = if first + label_w + space * 0.5 <= indent { indent } else { first + label_w + space };
        }
        let label_right = label_glyphs.iter().fold(0.0f32, |r, g| r.max(g.x + fonts::advance(g.face, g.gid) * size));

        let n = clusters.len();
        let boundary_prio = |i: usize| -> u8 {
            if i >= n {
                0
            } else {
                match prio[clusters[i].start] {
                    p if p > limit => NEVER,
                    p => p,
                }
            }
        };
        let hyphenated = |i: usize| i < n && brk.hyphen.binary_search(&clusters[i].start).is_ok();
        // only a text with hyphenation points draws a hyphen
        let hyphen_w = if brk.hyphen.is_empty() { 0.0 } else { self.width("-", Face::of(style.bold, false), size) };
        // the visible end of a line ending at cluster e (trailing spaces hang)
        let visible_end = |a: usize, e: usize| -> usize {
            let mut v = e;
            while v > a && clusters[v - 1].space {
                v -= 1;
            }
            v
        };

        // the first cluster from `i` on that is not a space
        let skip_spaces = |mut i: usize| {
            while i < n && clusters[i].space {
                i += 1;
            }
            i
        };
        // the width of a line after the first
        let whole = (width - indent).max(size);

        // a line of the label alone
        let label_line = |sink: &mut Sink| match sink {
            Sink::Lines(lines) => {
                let mut g = label_glyphs.clone();
                g.sort_by(|x, y| x.x.total_cmp(&y.x));
                lines.push(Arc::new(Line { glyphs: g, text: p.label.clone() }));
            }
            Sink::Measure { rights, widest } => {
                rights.push(label_right);
                if label_right > widest.0 {
                    **widest = (label_right, Some(LineText { label: true, text: false, range: (0, 0) }));
                }
            }
        };

        // leading spaces are skipped
        let mut a = skip_spaces(0);
        let mut first_line = true;
        let mut split = 0u16;
        if n == 0 || a >= n {
            label_line(sink);
        }
        while a < n {
            let x0 = if first_line { first_x } else { indent };
            let avail = (width - x0).max(size);
            // furthest fitting boundary at each priority level
            let mut best = [None::<usize>; NEVER as usize];
            // the furthest fitting break after a space, and how full its line is
            let mut at_space: Option<(usize, f32)> = None;
            for e in a + 1..=n {
                let pr = boundary_prio(e);
                let v = visible_end(a, e);
                let w = cx[v] - cx[a] + if hyphenated(e) { hyphen_w } else { 0.0 };
                if cx[v] - cx[a] > avail + 0.01 && e > a + 1 {
                    break;
                }
                if w <= avail + 0.01 && pr == GOOD && v < e {
                    at_space = Some((e, w / avail));
                }
                if w <= avail + 0.01 {
                    for (lvl, slot) in best.iter_mut().enumerate() {
                        if pr as usize <= lvl {
                            *slot = Some(e);
                        }
                    }
                }
            }
            // a break at a space never splits a word: take it when its line is
            // nearly full; else the furthest word break, then a compound's
            // parts, syllables, and last any cut that keeps clusters whole
            let full_enough = match align {
                Align::Distribute | Align::Justify => 0.92,
                _ => 0.8,
            };
            let at_space = at_space.filter(|&(_, fill)| fill >= full_enough).map(|(e, _)| e);
            let fits_all = best[0].is_some();
            // a clean word break, unless it leaves the line short and a
            // word break that a longer word spans would fill it
            let fill = |e: usize| (cx[visible_end(a, e)] - cx[a]) / avail;
            let good = match (best[GOOD as usize], best[FAIR as usize]) {
                (Some(g), Some(f)) if fill(g) < FAIR_FILL && fill(f) > fill(g) => Some(f),
                (g, f) => g.or(f),
            };
            // a short line before a word that is split wherever it starts,
            // being wider than a whole line: the word's split comes on this
            // line, between its parts, rather than leave this line short and
            // split the word on the next (ที่มีประสิทธิ|ภาพ, not ที่ | มีประสิทธิ|ภาพ)
            let good = match (good, best[SOFT as usize]) {
                (Some(g), Some(s)) if !fits_all && at_space.is_none() && s > g && fill(g) < SHORT_LINE => {
                    let from = skip_spaces(g);
                    let next = (from + 1..=n).find(|&e| boundary_prio(e) <= FAIR).unwrap_or(n);
                    if cx[visible_end(from, next)] - cx[from] > whole + 0.01 {
                        Some(s)
                    } else {
                        Some(g)
                    }
                }
                (g, _) => g,
            };
            // a label followed by a word too long for the rest of its line
            // stands alone when the word fits a whole line (as Word breaks
            // at the label's space) rather than split the word
            if first_line && !p.label.is_empty() && x0 > indent + 0.01 && !fits_all && at_space.is_none() && good.is_none() {
                let fits_whole = (a + 1..=n).take_while(|&e| cx[visible_end(a, e)] - cx[a] <= whole + 0.01).any(|e| boundary_prio(e) <= FAIR);
                if fits_whole {
                    label_line(sink);
                    first_line = false;
                    continue;
                }
            }
            let e = (if fits_all { best[0] } else { at_space })
                .or(good)
                .or(best[SOFT as usize])
                .or(best[EMERGENCY as usize])
                .or(best[LAST as usize])
                .unwrap_or_else(|| {
                    // nothing fits: take clusters up to the next allowed boundary
                    (a + 1..=n).find(|&e| boundary_prio(e) < NEVER).unwrap_or(n)
                });
            let last = e >= n;
            if !last && boundary_prio(e) > FAIR {
                split += 1;
            }
            let hyphen = !last && hyphenated(e);
            let v = visible_end(a, e);
            let natural = cx[v] - cx[a] + if hyphen { hyphen_w } else { 0.0 };
            let slack = (avail - natural).max(0.0);
            let (shift, spread) = match align {
                Align::Left => (0.0, Spread::None),
                Align::Center => (slack / 2.0, Spread::None),
                Align::Right => (slack, Spread::None),
                Align::Distribute if !last => (0.0, Spread::Distribute(slack)),
                Align::Justify if !last => (0.0, Spread::Spaces(slack)),
                _ => (0.0, Spread::None),
            };
            // no spread adds nothing after any cluster
            let extra = if matches!(spread, Spread::None) { Vec::new() } else { spread_amounts(&clusters[a..v], &thai_gap[a..v], spread, size) };
            // a hyphen drawn at the end of a hyphenated Latin word; the
            // line's text (ActualText) stays the word as written
            let hyphen_at = || {
                let face = glyphs.get(clusters[v - 1].glyphs.start).map_or(Face::of(style.bold, false), |g| g.face);
                let end_x = x0 + shift + cx[v] - cx[a] + extra.iter().sum::<f32>();
                (face, end_x)
            };
            let range = (clusters[a].start, if v > a { clusters[v - 1].end } else { clusters[a].start });
            let with_label = first_line && !p.label.is_empty();
            match sink {
                Sink::Lines(lines) => {
                    let mut g = place(glyphs, clusters, text, x0 + shift - cx[a], cx[a], a..v, &extra);
                    if hyphen {
                        let (face, end_x) = hyphen_at();
                        for h in self.shape("-", 0, face, size) {
                            g.push(Glyph { face: h.face, gid: h.gid, x: end_x + h.dx, y: h.dy, text: "-".into(), joined: false });
                        }
                    }
                    let mut line_text = text[range.0..range.1].to_string();
                    if with_label {
                        let mut lg = label_glyphs.clone();
                        lg.append(&mut g);
                        g = lg;
                        line_text = format!("{} {}", p.label, line_text);
                    }
                    lines.push(Arc::new(Line { glyphs: g, text: line_text }));
                }
                Sink::Measure { rights, widest } => {
                    let mut right = if with_label { label_right } else { 0.0f32 };
                    place_each(glyphs, clusters, x0 + shift - cx[a], cx[a], a..v, &extra, |g, x| right = right.max(x + fonts::advance(g.face, g.gid) * size));
                    if hyphen {
                        let (face, end_x) = hyphen_at();
                        for h in self.shape("-", 0, face, size) {
                            right = right.max(end_x + h.dx + fonts::advance(h.face, h.gid) * size);
                        }
                    }
                    rights.push(right);
                    if right > widest.0 {
                        **widest = (right, Some(LineText { label: with_label, text: true, range }));
                    }
                }
            }
            first_line = false;
            a = skip_spaces(e);
        }
        split
    }
}

/// Positions the glyphs of clusters `range`, `x0 + start_x` from the line's
/// start; `extra[i]` is the space added after cluster i of the range.
///
/// A cluster drawn with several glyphs (a Thai consonant with its marks)
/// gives its first glyph the cluster's characters, from `text`, and marks
/// the others as joined to it, with no text of their own: the PDF draws the
/// cluster as one glyph that stands for those characters.
fn place(glyphs: &[Shaped], clusters: &[Cluster], text: &str, x0: f32, start_x: f32, range: Range<usize>, extra: &[f32]) -> Vec<Glyph> {
    let mut out = Vec::new();
    let mut x = x0 + start_x;
    let mut added = 0.0;
    for (k, ci) in range.enumerate() {
        let c = &clusters[ci];
        let mut pen = x + added;
        let several = c.glyphs.len() > 1;
        for (j, g) in glyphs[c.glyphs.clone()].iter().enumerate() {
            let text = match (several, j) {
                (false, _) => g.text,
                (true, 0) => GlyphText::new(text.get(c.start..c.end).unwrap_or_default()),
                (true, _) => GlyphText::default(),
            };
            out.push(Glyph { face: g.face, gid: g.gid, x: pen + g.dx, y: g.dy, text, joined: j > 0 });
            pen += g.advance;
        }
        x += c.width;
        added += extra.get(k).copied().unwrap_or(0.0);
    }
    out
}

/// Where [`place`] puts each glyph, handing each glyph and its position to `f`.
fn place_each(glyphs: &[Shaped], clusters: &[Cluster], x0: f32, start_x: f32, range: Range<usize>, extra: &[f32], mut f: impl FnMut(&Shaped, f32)) {
    let mut x = x0 + start_x;
    let mut added = 0.0;
    for (k, ci) in range.enumerate() {
        let c = &clusters[ci];
        let mut pen = x + added;
        for g in &glyphs[c.glyphs.clone()] {
            f(g, pen + g.dx);
            pen += g.advance;
        }
        x += c.width;
        added += extra.get(k).copied().unwrap_or(0.0);
    }
}

/// Space added after each cluster of a line. `thai_gap[i]` says whether the
/// gap after cluster i is between two Thai clusters. A line whose slack the
/// capped gaps cannot take is left flush left rather than spread apart.
fn spread_amounts(line: &[Cluster], thai_gap: &[bool], spread: Spread, size: f32) -> Vec<f32> {
    let mut extra = vec![0.0; line.len()];
    let last = line.len().saturating_sub(1);
    let spaces: Vec<usize> = (0..last).filter(|&i| line[i].space).collect();
    match spread {
        Spread::None => {}
        Spread::Distribute(slack) => {
            let gaps: Vec<usize> = (0..last).filter(|&i| thai_gap[i] && !line[i].space).collect();
            let shares = spaces.len() as f32 * SPACE_SHARE + gaps.len() as f32;
            if shares == 0.0 {
                return extra;
            }
            let unit = slack / shares;
            if unit > THAI_GAP_CAP * size || unit * SPACE_SHARE > SPACE_CAP * size {
                // too few places to take the slack: spaces only, if they can
                return spread_amounts(line, thai_gap, Spread::Spaces(slack), size);
            }
            for i in spaces {
                extra[i] = unit * SPACE_SHARE;
            }
            for i in gaps {
                extra[i] = unit;
            }
        }
        Spread::Spaces(slack) => {
            if !spaces.is_empty() {
                let each = slack / spaces.len() as f32;
                if each <= SPACE_CAP * size * 1.5 {
                    for i in spaces {
                        extra[i] = each;
                    }
                }
            }
        }
    }
    extra
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Run;

    /// Right edge of a set line as layout read it before measuring existed:
    /// the furthest advance of its glyphs.
    fn right(line: &Line, size: f32) -> f32 {
        line.glyphs.iter().map(|g| g.x + fonts::advance(g.face, g.gid) * size).fold(0.0, f32::max)
    }

    #[test]
    fn measuring_gives_the_set_lines_right_edges_to_the_bit() {
        let ts = Typesetter::new();
        let texts = [
            "การทุจริตในสังคมไทยระหว่างช่วงเวลาทศวรรษ ส่งผลเสียต่อประเทศอย่างมหาศาล และเป็นอุปสรรคสำคัญต่อการพัฒนาเศรษฐกิจ",
            "Information and communication technology interoperability ๒๖๘,๐๐๐ บาท",
            "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาฉะเชิงเทรา เขต ๒",
            "",
        ];
        for text in texts {
            for label in ["", "๑๙.", "(ก)"] {
                for align in [Align::Left, Align::Center, Align::Distribute, Align::Justify] {
                    let p = Paragraph { style: "body".into(), runs: vec![Run { text: text.into(), ..Run::default() }], label: label.into(), ..Paragraph::default() };
                    let st = Style { size: 14.0, align, indent_left: 5.0, first_line: -5.0, ..Style::default() };
                    for w in [0.0, 30.0, 55.5, 90.0, 170.0, 100_000.0] {
                        for words in [false, true] {
                            let set = if words { ts.set_words(&p, &st, w, &[]) } else { ts.set(&p, &st, w, &[]) };
                            let m = ts.measure(&p, &st, w, &[], words);
                            let rights: Vec<u32> = set.lines.iter().map(|l| right(l, set.size).to_bits()).collect();
                            assert_eq!(m.rights.iter().map(|r| r.to_bits()).collect::<Vec<_>>(), rights, "{text:?} {label:?} at {w}");
                            assert_eq!(m.split, set.split);
                            let mut widest = (0.0f32, String::new());
                            for l in &set.lines {
                                if right(l, set.size) > widest.0 {
                                    widest = (right(l, set.size), l.text.clone());
                                }
                            }
                            assert_eq!(m.widest, widest.1);
                        }
                    }
                }
            }
        }
    }
}
