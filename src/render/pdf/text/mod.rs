//! Setting a paragraph of Thai text: shaping with rustybuzz (a real OpenType
//! shaper: glyph substitution and mark positioning), line breaking at word
//! boundaries and justification.
//!
//! Where a line may break is decided in [`breaks`] (dictionary segmentation
//! over the embedded word list, syllables, Latin hyphenation, kept-together
//! phrases). Layout sets the same texts many times (a second pass for the
//! table of contents, table cells measured before they are placed), so the
//! typesetter caches the break priorities of each distinct text, the
//! glyphs of each distinct run, face and size, and each paragraph made ready
//! for setting ([`prepared`]); a rustybuzz shaping plan is built once per
//! face and script, and Thai is shaped a cluster at a time, each distinct
//! piece once ([`shape`]). Lines are built, or only measured, in [`lines`]. The
//! caches sit behind mutexes so one typesetter can serve several threads.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use rustybuzz::{Direction, Language, ShapePlan};

use crate::doc::{Paragraph, Style};
use crate::hash::{Fx, FxMap};
use crate::fonts::{self, Face};

pub mod breaks;
pub mod glyph;
mod lines;
mod prepared;
mod shape;

pub use glyph::GlyphText;
pub use lines::Measured;
use breaks::Breaks;

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
    /// The characters this glyph stands for (for the font's ToUnicode map);
    /// for a cluster drawn with several glyphs, all of the cluster's
    /// characters on its first glyph and none on the others.
    pub text: GlyphText,
    /// A later glyph of the same character cluster as the glyph before it
    /// (a Thai mark after its consonant): the PDF draws them as one.
    pub joined: bool,
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
    /// The characters it stands for (see [`shape`]).
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
    /// Each face's nominal glyphs back to their characters (made on first use: most plans use two faces).
    reverse: Vec<OnceLock<HashMap<u16, char>>>,
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
    /// Glyphs of each piece of Thai text, per face (see [`shape`]).
    pieces: Vec<Mutex<FxMap<String, Box<[shape::PieceGlyph]>>>>,
    /// Paragraphs ready for line setting, by the hash of their runs (see
    /// [`prepared`]); entries of one hash are told apart by their runs.
    prepared: Mutex<FxMap<u64, Vec<Arc<prepared::Prepared>>>>,
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
        let reverse = faces.iter().map(|_| OnceLock::new()).collect();
        let plans = faces.iter().map(|_| [OnceLock::new(), OnceLock::new()]).collect();
        let f = &faces[0];
        let upem = f.units_per_em() as f32;
        let metrics = (f.ascender() as f32 / upem, -(f.descender() as f32) / upem, f.line_gap() as f32 / upem);
        let pieces = faces.iter().map(|_| Mutex::default()).collect();
        Typesetter { faces, reverse, plans, metrics, breaks: Mutex::default(), shaped: Mutex::default(), pieces, prepared: Mutex::default() }
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

    /// The characters of a face's nominal glyphs (see [`reverse_cmap`]).
    fn reverse(&self, face: Face) -> &HashMap<u16, char> {
        self.reverse[face.index()].get_or_init(|| reverse_cmap(&self.faces[face.index()]))
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
    /// priorities and clusters, into the caches, without setting lines: what
    /// [`Self::set`] will then find done (see [`super::prepare`]). Returns
    /// false, doing nothing, when the paragraph was prepared already.
    pub fn prepare(&self, p: &Paragraph, style: &Style, no_break: &[String]) -> bool {
        if self.prepared_found(p, style, no_break).1 {
            return false;
        }
        if !p.label.is_empty() {
            self.shape(&p.label, 0, Face::of(style.bold, false), style.size);
        }
        true
    }

}

/// The key of a proper-noun list in the break-priority cache.
fn list_key(no_break: &[String]) -> u64 {
    let mut h = Fx::default();
    no_break.hash(&mut h);
    h.finish()
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
    use crate::doc::{Align, Run};
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
        // every glyph's text, read in order, gives the line back exactly (a
        // cluster's first glyph holds all of it: สำ, not ส ํ า)
        for l in &set.lines {
            let from_glyphs: String = l.glyphs.iter().map(|g| g.text.as_str()).collect();
            assert_eq!(from_glyphs, l.text);
            assert!(l.glyphs.iter().all(|g| g.joined == g.text.is_empty()), "{:?}", l.glyphs);
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
