//! Setting a paragraph of Thai text: shaping with rustybuzz (a real OpenType
//! shaper: glyph substitution and mark positioning), line breaking at word
//! boundaries and justification.
//!
//! Where a line may break is decided in [`breaks`] (dictionary segmentation
//! over the embedded word list, syllables, Latin hyphenation, kept-together
//! phrases). Layout sets the same texts many times (a second pass for the
//! table of contents, table cells measured before they are placed), so the
//! typesetter caches the break priorities of each distinct text and the
//! glyphs of each distinct run, face and size; a rustybuzz shaping plan is
//! built once per face and script. The caches sit behind mutexes so one
//! typesetter can serve several threads.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use rustybuzz::{Direction, Language, ShapePlan, UnicodeBuffer};

use crate::doc::{Align, Paragraph, Style};
use crate::hash::{Fx, FxMap};
use crate::fonts::{self, Face};

pub mod breaks;
pub mod glyph;

pub use glyph::GlyphText;
use breaks::{Breaks, EMERGENCY, FAIR, GOOD, LAST, NEVER, SOFT};

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// A glyph placed on a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The face it is drawn with.
    pub face: Face,
    /// Glyph id in the face.
    pub gid: u16,
    /// Horizontal position from the line's start, points.
    pub x: f32,
    /// Vertical offset from the baseline, points, upwards.
    pub y: f32,
    /// The characters this glyph stands for (for the font's ToUnicode map).
    pub text: GlyphText,
}

/// A set line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Glyphs, positioned relative to the paragraph's left edge.
    pub glyphs: Vec<Glyph>,
    /// The line's text, exactly as written (for ActualText).
    pub text: String,
}


/// A paragraph set into lines.
#[derive(Debug, Clone)]
pub struct SetParagraph {
    /// The lines, top to bottom (shared with the pages that draw them, not copied).
    pub lines: Vec<Arc<Line>>,
    /// Font size, points.
    pub size: f32,
    /// Distance between baselines, points.
    pub line_height: f32,
    /// Baseline distance from the top of a line box, points.
    pub ascent: f32,
    /// How many lines end inside a word (between a compound's parts or
    /// syllables, or anywhere): what a table's column widths keep low.
    pub split: u16,
}

/// Shaped glyph before line layout.
#[derive(Debug, Clone, Copy)]
struct Shaped {
    face: Face,
    gid: u16,
    cluster: usize,
    advance: f32,
    dx: f32,
    dy: f32,
    /// The characters it stands for (see [`glyph_texts`]).
    text: GlyphText,
}

/// A character cluster: the unit lines are built from and extra space is spread over.
#[derive(Debug, Clone)]
struct Cluster {
    start: usize,
    end: usize,
    glyphs: std::ops::Range<usize>,
    width: f32,
    space: bool,
}

/// Shapes and breaks text with the embedded faces.
pub struct Typesetter {
    faces: Vec<rustybuzz::Face<'static>>,
    reverse: Vec<HashMap<u16, char>>,
    /// Shaping plans per face: Thai, then Latin (built on first use).
    plans: Vec<[OnceLock<ShapePlan>; 2]>,
    /// Vertical metrics of the regular face, in em: ascender, descender (positive), line gap.
    metrics: (f32, f32, f32),
    /// Break priorities per proper-noun list (by hash) and text.
    breaks: Mutex<HashMap<u64, FxMap<String, Arc<Breaks>>>>,
    /// Glyphs per face and size (bits) and run text, clusters relative to
    /// the run. Keyed in two levels so a lookup takes the text as it is,
    /// without copying it into a key.
    shaped: Mutex<HashMap<(Face, u32), FxMap<String, Arc<Vec<Shaped>>>>>,
}

impl Default for Typesetter {
    fn default() -> Self {
        Self::new()
    }
}

impl Typesetter {
    /// Loads the four faces.
    pub fn new() -> Self {
        let faces: Vec<rustybuzz::Face<'static>> = Face::ALL
            .iter()
            .map(|f| rustybuzz::Face::from_slice(fonts::data(*f), 0).expect("embedded font parses"))
            .collect();
        let reverse = faces.iter().map(reverse_cmap).collect();
        let plans = faces.iter().map(|_| [OnceLock::new(), OnceLock::new()]).collect();
        let f = &faces[0];
        let upem = f.units_per_em() as f32;
        let metrics = (f.ascender() as f32 / upem, -(f.descender() as f32) / upem, f.line_gap() as f32 / upem);
        Typesetter { faces, reverse, plans, metrics, breaks: Mutex::default(), shaped: Mutex::default() }
    }

    /// Distance between baselines for a font size and spacing factor.
    pub fn line_height(&self, size: f32, spacing: f32) -> f32 {
        let (a, d, g) = self.metrics;
        (a + d + g) * size * spacing
    }

    /// Baseline distance from the top of a line box.
    pub fn ascent(&self, size: f32, spacing: f32) -> f32 {
        let (a, d, g) = self.metrics;
        // extra leading from the spacing factor is shared above and below
        a * size + ((a + d + g) * size * (spacing - 1.0)) / 2.0 + g * size / 2.0
    }

    /// Width of a text in one face and size, points.
    pub fn width(&self, text: &str, face: Face, size: f32) -> f32 {
        self.shape(text, 0, face, size).iter().map(|g| g.advance).sum()
    }

    fn plan(&self, face: Face, thai: bool) -> &ShapePlan {
        self.plans[face.index()][usize::from(!thai)].get_or_init(|| {
            let f = &self.faces[face.index()];
            if thai {
                let lang = "th".parse::<Language>().expect("valid language tag");
                ShapePlan::new(f, Direction::LeftToRight, Some(rustybuzz::script::THAI), Some(&lang), &[])
            } else {
                ShapePlan::new(f, Direction::LeftToRight, Some(rustybuzz::script::LATIN), None, &[])
            }
        })
    }

    /// Glyphs of `text` in one face and size, clusters offset by `base`.
    fn shape(&self, text: &str, base: usize, face: Face, size: f32) -> Vec<Shaped> {
        let key = (face, size.to_bits());
        let cached = self.shaped.lock().map(|m| m.get(&key).and_then(|m| m.get(text)).cloned()).unwrap_or(None);
        let glyphs = match cached {
            Some(g) => g,
            None => {
                let g = Arc::new(self.shape_uncached(text, face, size));
                if let Ok(mut m) = self.shaped.lock() {
                    m.entry(key).or_default().insert(text.to_string(), g.clone());
                }
                g
            }
        };
        glyphs.iter().map(|g| Shaped { cluster: g.cluster + base, ..*g }).collect()
    }

    fn shape_uncached(&self, text: &str, face: Face, size: f32) -> Vec<Shaped> {
        let mut out = Vec::new();
        for (start, end, is_thai) in script_runs(text) {
            let mut buf = UnicodeBuffer::new();
            buf.push_str(&text[start..end]);
            buf.set_direction(Direction::LeftToRight);
            if is_thai {
                buf.set_script(rustybuzz::script::THAI);
                buf.set_language("th".parse::<Language>().expect("valid language tag"));
            } else {
                buf.set_script(rustybuzz::script::LATIN);
            }
            let f = &self.faces[face.index()];
            let scale = size / f.units_per_em() as f32;
            let shaped = rustybuzz::shape_with_plan(f, self.plan(face, is_thai), buf);
            for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
                out.push(Shaped {
                    face,
                    gid: info.glyph_id as u16,
                    cluster: start + info.cluster as usize,
                    advance: pos.x_advance as f32 * scale,
                    dx: pos.x_offset as f32 * scale,
                    dy: pos.y_offset as f32 * scale,
                    text: GlyphText::default(),
                });
            }
        }
        // what each glyph stands for, worked out once per distinct text
        for c in clusters_of(&out, text.len(), text) {
            let names = glyph_texts(&out[c.glyphs.clone()], &text[c.start..c.end], &self.reverse);
            for (g, n) in out[c.glyphs].iter_mut().zip(names) {
                g.text = n;
            }
        }
        out
    }

    /// Break priorities of a text, computed once per distinct text and proper-noun list.
    fn breaks(&self, text: &str, no_break: &[String]) -> Arc<Breaks> {
        let list = list_key(no_break);
        if let Some(b) = self.breaks.lock().ok().and_then(|m| m.get(&list).and_then(|m| m.get(text)).cloned()) {
            return b;
        }
        let b = Arc::new(breaks::priorities(text, no_break));
        if let Ok(mut m) = self.breaks.lock() {
            m.entry(list).or_default().insert(text.to_string(), b.clone());
        }
        b
    }

    /// Shapes the runs and label of a paragraph and works out its break
    /// priorities, into the caches, without setting lines: what
    /// [`Self::set`] will then find done (see [`super::prepare`]). Returns
    /// false, doing nothing, when its break priorities are there already.
    pub fn prepare(&self, p: &Paragraph, style: &Style, no_break: &[String]) -> bool {
        let text: String = p.runs.iter().map(|r| r.text.as_str()).collect();
        let list = list_key(no_break);
        if self.breaks.lock().is_ok_and(|m| m.get(&list).is_some_and(|m| m.contains_key(&text))) {
            return false;
        }
        for run in &p.runs {
            self.shape(&run.text, 0, Face::of(run.bold || style.bold, run.italic), style.size);
        }
        if !p.label.is_empty() {
            self.shape(&p.label, 0, Face::of(style.bold, false), style.size);
        }
        self.breaks(&text, no_break);
        true
    }

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

    /// [`Self::set`], taking only breaks of priority `limit` or better.
    fn set_limited(&self, p: &Paragraph, style: &Style, width: f32, no_break: &[String], limit: u8) -> SetParagraph {
        let size = style.size;
        let line_height = self.line_height(size, style.line_spacing);
        let ascent = self.ascent(size, style.line_spacing);
        let align = p.align.unwrap_or(style.align);

        // the text and its shaped glyphs, run by run
        let mut text = String::new();
        let mut glyphs: Vec<Shaped> = Vec::new();
        for run in &p.runs {
            let face = Face::of(run.bold || style.bold, run.italic);
            let base = text.len();
            text.push_str(&run.text);
            glyphs.extend(self.shape(&run.text, base, face, size));
        }
        let clusters = clusters_of(&glyphs, text.len(), &text);
        let brk = self.breaks(&text, no_break);
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
            label_glyphs = self.place(&shaped, &lc, first, 0.0, 0..lc.len(), &[]);
            let label_w: f32 = shaped.iter().map(|g| g.advance).sum();
            let space = self.width(" ", face, size);
            first_x = if first + label_w + space * 0.5 <= indent { indent } else { first + label_w + space };
        }

        let n = clusters.len();
        let mut cx = Vec::with_capacity(n + 1);
        let mut acc = 0.0;
        for c in &clusters {
            cx.push(acc);
            acc += c.width;
        }
        cx.push(acc);
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
        let hyphen_w = self.width("-", Face::of(style.bold, false), size);
        // a gap between two Thai clusters that may take extra space when a line is distributed
        let thai_gap: Vec<bool> = (0..n)
            .map(|i| {
                i + 1 < n
                    && prio[clusters[i + 1].start] < NEVER
                    && text[clusters[i].start..clusters[i].end].chars().all(|c| ('\u{0E01}'..='\u{0E4F}').contains(&c))
                    && text[clusters[i + 1].start..clusters[i + 1].end].chars().all(|c| ('\u{0E01}'..='\u{0E4F}').contains(&c))
            })
            .collect();
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

        let mut lines = Vec::new();
        // leading spaces are skipped
        let mut a = skip_spaces(0);
        let mut first_line = true;
        let mut split = 0u16;
        if n == 0 || a >= n {
            let mut g = label_glyphs.clone();
            g.sort_by(|x, y| x.x.total_cmp(&y.x));
            lines.push(Arc::new(Line { glyphs: g, text: p.label.clone() }));
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
                    let mut g = label_glyphs.clone();
                    g.sort_by(|x, y| x.x.total_cmp(&y.x));
                    lines.push(Arc::new(Line { glyphs: g, text: p.label.clone() }));
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
            let extra = spread_amounts(&clusters[a..v], &thai_gap[a..v], spread, size);
            let mut g = self.place(&glyphs, &clusters, x0 + shift - cx[a], cx[a], a..v, &extra);
            if hyphen {
                // a hyphen drawn at the end of a hyphenated Latin word; the
                // line's text (ActualText) stays the word as written
                let face = glyphs.get(clusters[v - 1].glyphs.start).map_or(Face::of(style.bold, false), |g| g.face);
                let end_x = x0 + shift + cx[v] - cx[a] + extra.iter().sum::<f32>();
                for h in self.shape("-", 0, face, size) {
                    g.push(Glyph { face: h.face, gid: h.gid, x: end_x + h.dx, y: h.dy, text: "-".into() });
                }
            }
            let mut line_text = text[clusters[a].start..if v > a { clusters[v - 1].end } else { clusters[a].start }].to_string();
            if first_line && !p.label.is_empty() {
                let mut lg = label_glyphs.clone();
                lg.append(&mut g);
                g = lg;
                line_text = format!("{} {}", p.label, line_text);
            }
            lines.push(Arc::new(Line { glyphs: g, text: line_text }));
            first_line = false;
            a = skip_spaces(e);
        }
        SetParagraph { lines, size, line_height, ascent, split }
    }

    /// Positions the glyphs of clusters `range`; `extra[i]` is the space added after cluster i of the range.
    #[allow(clippy::too_many_arguments)]
    fn place(&self, glyphs: &[Shaped], clusters: &[Cluster], x0: f32, start_x: f32, range: std::ops::Range<usize>, extra: &[f32]) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut x = x0 + start_x;
        let mut added = 0.0;
        for (k, ci) in range.enumerate() {
            let c = &clusters[ci];
            let mut pen = x + added;
            for g in &glyphs[c.glyphs.clone()] {
                out.push(Glyph { face: g.face, gid: g.gid, x: pen + g.dx, y: g.dy, text: g.text });
                pen += g.advance;
            }
            x += c.width;
            added += extra.get(k).copied().unwrap_or(0.0);
        }
        out
    }
}

/// The key of a proper-noun list in the break-priority cache.
fn list_key(no_break: &[String]) -> u64 {
    let mut h = Fx::default();
    no_break.hash(&mut h);
    h.finish()
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

/// Groups shaped glyphs into clusters covering the text.
fn clusters_of(glyphs: &[Shaped], len: usize, text: &str) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = Vec::new();
    let mut i = 0;
    while i < glyphs.len() {
        let start = glyphs[i].cluster;
        let mut j = i + 1;
        while j < glyphs.len() && glyphs[j].cluster == start {
            j += 1;
        }
        let width = glyphs[i..j].iter().map(|g| g.advance).sum();
        out.push(Cluster { start, end: 0, glyphs: i..j, width, space: false });
        i = j;
    }
    // clusters are in logical order for left-to-right text
    out.sort_by_key(|c| c.start);
    for k in 0..out.len() {
        out[k].end = if k + 1 < out.len() { out[k + 1].start } else { len };
        let t = &text[out[k].start..out[k].end];
        out[k].space = !t.is_empty() && t.chars().all(char::is_whitespace);
    }
    out
}

/// Splits text into runs of Thai and non-Thai script; spaces, digits and
/// punctuation stay with the run before them.
fn script_runs(text: &str) -> Vec<(usize, usize, bool)> {
    let mut runs: Vec<(usize, usize, bool)> = Vec::new();
    for (i, c) in text.char_indices() {
        let thai = ('\u{0E00}'..='\u{0E7F}').contains(&c);
        let neutral = if c.is_ascii() { !c.is_ascii_alphabetic() } else { !thai && !c.is_alphabetic() };
        let end = i + c.len_utf8();
        match runs.last_mut() {
            Some(r) if r.2 == thai || neutral => r.1 = end,
            _ => runs.push((i, end, thai)),
        }
    }
    runs
}

/// What each glyph of a cluster stands for: a glyph that is a character's
/// own (nominal) glyph maps to that character; the others share what is
/// left, in order; the last takes any remainder.
fn glyph_texts(glyphs: &[Shaped], cluster_text: &str, reverse: &[HashMap<u16, char>]) -> Vec<GlyphText> {
    let mut left: Vec<char> = cluster_text.chars().collect();
    let mut names: Vec<Option<String>> = vec![None; glyphs.len()];
    for (k, g) in glyphs.iter().enumerate() {
        if let Some(&c) = reverse[g.face.index()].get(&g.gid) {
            if let Some(pos) = left.iter().position(|&x| x == c) {
                left.remove(pos);
                names[k] = Some(c.to_string());
            } else if c == '\u{0E4D}' || c == '\u{0E32}' {
                // sara am (ำ) is drawn as nikhahit + sara aa
                if let Some(pos) = left.iter().position(|&x| x == 'ำ') {
                    if c == '\u{0E32}' {
                        left.remove(pos);
                    }
                    names[k] = Some(c.to_string());
                }
            }
        }
    }
    let unnamed: Vec<usize> = (0..glyphs.len()).filter(|&k| names[k].is_none()).collect();
    for (n, &k) in unnamed.iter().enumerate() {
        let take = if n + 1 == unnamed.len() { left.len() } else { left.len().min(1) };
        let s: String = left.drain(..take).collect();
        names[k] = Some(s);
    }
    // characters no glyph took (a ligature of nominal glyphs) go to the last glyph
    let mut out: Vec<GlyphText> = names.into_iter().map(|n| GlyphText::new(&n.unwrap_or_default())).collect();
    if !left.is_empty() {
        if let Some(last) = out.last_mut() {
            last.push_str(&left.iter().collect::<String>());
        }
    }
    out
}

/// Maps each nominal glyph of a face back to its character.
fn reverse_cmap(face: &rustybuzz::Face<'static>) -> HashMap<u16, char> {
    let mut map = HashMap::new();
    let ranges = [(0x20u32, 0x24F), (0x0E00, 0x0E7F), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x2199), (0x25CC, 0x25CC)];
    for (lo, hi) in ranges {
        for cp in lo..=hi {
            if let Some(c) = char::from_u32(cp) {
                if let Some(g) = face.glyph_index(c) {
                    map.entry(g.0).or_insert(c);
                }
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Run;
    use crate::thai;

    fn style(align: Align) -> Style {
        Style { size: 16.0, align, ..Style::default() }
    }

    fn para(text: &str) -> Paragraph {
        Paragraph { style: "body".into(), runs: vec![Run { text: text.into(), ..Run::default() }], ..Paragraph::default() }
    }

    #[test]
    fn lines_rejoin_to_the_text() {
        let ts = Typesetter::new();
        let text = "การทุจริตในสังคมไทยระหว่างช่วงเวลาทศวรรษ ส่งผลเสียต่อประเทศอย่างมหาศาล และเป็นอุปสรรคสำคัญต่อการพัฒนาเศรษฐกิจ สังคม การเมือง ในทุกมิติ";
        let set = ts.set(&para(text), &style(Align::Distribute), 200.0, &[]);
        assert!(set.lines.len() > 2);
        let joined: String = set.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("");
        assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
        // every glyph's text, read in order, gives the line back
        for l in &set.lines {
            let from_glyphs: String = l.glyphs.iter().map(|g| g.text.as_str()).collect();
            assert_eq!(from_glyphs.replace('\u{0E4D}', "").replace("า", "").replace(' ', ""), l.text.replace('ำ', "").replace("า", "").replace(' ', ""));
        }
    }

    #[test]
    fn marks_are_positioned_by_the_shaper() {
        let ts = Typesetter::new();
        let set = ts.set(&para("ปั่น"), &style(Align::Left), 400.0, &[]);
        let g = &set.lines[0].glyphs;
        assert!(g.len() >= 4, "{g:?}");
        // the tone mark sits above the vowel mark above the consonant: raised, not on the baseline
        assert!(g.iter().any(|x| x.y.abs() > 0.1) || g.windows(2).any(|w| (w[0].x - w[1].x).abs() < 0.01), "{g:?}");
    }

    #[test]
    fn yo_ying_and_tho_than_lose_their_tails_above_a_lower_vowel() {
        let ts = Typesetter::new();
        let gid = |t: &str| ts.set(&para(t), &style(Align::Left), 400.0, &[]).lines[0].glyphs[0].gid;
        // the font substitutes a tail-less form under ุ (GSUB), as Word and HarfBuzz do
        assert_ne!(gid("ญุ"), gid("ญ"));
        assert_ne!(gid("ฐุ"), gid("ฐ"));
        // and the glyph still maps back to its character
        let g = &ts.set(&para("ญุ"), &style(Align::Left), 400.0, &[]).lines[0].glyphs;
        assert_eq!(g.iter().map(|g| g.text.as_str()).collect::<String>(), "ญุ");
    }

    #[test]
    fn never_breaks_after_a_leading_vowel_or_inside_numbers() {
        let ts = Typesetter::new();
        let text = "งบประมาณ ๒๖๘,๐๐๐ บาท เพื่อเสริมสร้างคุณธรรม แต่งตั้งเจ้าหน้าที่ ไม่ให้ใช้";
        for w in [40.0, 60.0, 90.0, 120.0] {
            let set = ts.set(&para(text), &style(Align::Left), w, &[]);
            for l in &set.lines {
                let last = l.text.trim_end().chars().last().unwrap();
                assert!(!thai::is_leading_vowel(last), "line ends with a leading vowel at width {w}: {:?}", l.text);
            }
            assert!(set.lines.iter().any(|l| l.text.contains("๒๖๘,๐๐๐")) || w < 50.0, "{:?}", set.lines.iter().map(|l| &l.text).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_label_stands_alone_before_a_word_too_long_for_its_line() {
        let ts = Typesetter::new();
        let word = "เทคโนโลยีสารสนเทศ";
        let whole = ts.width(word, Face::of(false, false), 16.0);
        let mut p = para(word);
        p.label = "๑๙.".into();
        // room for the word on a line of its own, not after the label
        let set = ts.set(&p, &style(Align::Left), whole + 2.0, &[]);
        let texts: Vec<&str> = set.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["๑๙.", word]);
        assert_eq!(set.split, 0);
        // room after the label: one line
        let set = ts.set(&p, &style(Align::Left), whole + 40.0, &[]);
        assert_eq!(set.lines.len(), 1);
        // no room for the word at all: split after the label, and counted
        let set = ts.set(&p, &style(Align::Left), whole * 0.7, &[]);
        assert!(set.lines[0].text.starts_with("๑๙. "), "{:?}", set.lines[0].text);
        assert!(set.split > 0);
    }

    #[test]
    fn a_word_too_wide_for_any_line_is_split_on_the_short_line_before_it() {
        let ts = Typesetter::new();
        let f = Face::of(false, false);
        // ของ|เศรษฐกิจพอเพียง: the compound is wider than the line wherever it
        // starts; its split comes after ของ's line has taken its first part
        let width = ts.width("เศรษฐกิจพอเพียง", f, 16.0) * 0.8;
        assert!(ts.width("ของเศรษฐกิจ", f, 16.0) < width);
        let set = ts.set(&para("ของเศรษฐกิจพอเพียง"), &style(Align::Left), width, &[]);
        let texts: Vec<&str> = set.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["ของเศรษฐกิจ", "พอเพียง"]);
        assert_eq!(set.split, 1);
        // a word that fits a line of its own still starts one
        let width = ts.width("เศรษฐกิจพอเพียง", f, 16.0) + 2.0;
        let set = ts.set(&para("ของเศรษฐกิจพอเพียง"), &style(Align::Left), width, &[]);
        let texts: Vec<&str> = set.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["ของ", "เศรษฐกิจพอเพียง"]);
        assert_eq!(set.split, 0);
    }

    #[test]
    fn proper_nouns_stay_whole_when_they_fit() {
        let ts = Typesetter::new();
        let text = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาฉะเชิงเทรา เขต ๒ ฉะเชิงเทรา ฉะเชิงเทรา ฉะเชิงเทรา";
        for w in [100.0, 130.0, 170.0, 230.0] {
            let set = ts.set(&para(text), &style(Align::Left), w, &["ฉะเชิงเทรา".to_string()]);
            for l in &set.lines {
                assert!(!l.text.trim_end().ends_with("ฉะเชิง"), "split at width {w}: {:?}", set.lines.iter().map(|l| &l.text).collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn distributed_lines_fill_the_width() {
        let ts = Typesetter::new();
        let text = "การทุจริตในสังคมไทยระหว่างช่วงเวลาทศวรรษ ส่งผลเสียต่อประเทศอย่างมหาศาล และเป็นอุปสรรคสำคัญต่อการพัฒนาเศรษฐกิจ สังคม การเมือง ในทุกมิติ รูปแบบการทุจริตจากเดิมที่เป็นทุจริตทางตรงไม่ซับซ้อน";
        let set = ts.set(&para(text), &style(Align::Distribute), 300.0, &[]);
        for l in &set.lines[..set.lines.len() - 1] {
            let right = l.glyphs.iter().map(|g| g.x).fold(0.0f32, f32::max);
            assert!(right > 280.0, "line not filled: {right} {:?}", l.text);
        }
    }
}
