//! Setting a paragraph of Thai text: shaping with rustybuzz (a real OpenType
//! shaper: glyph substitution and mark positioning), line breaking at word
//! boundaries and justification.
//!
//! Break opportunities come from ICU's line segmenter with its LSTM model for
//! Thai (its dictionary model breaks inside syllables). Places inside proper
//! nouns from the plan and inside words the model is known to split are used
//! only when a line could not be filled otherwise; a break is never made after
//! a leading vowel (เ แ โ ใ ไ), before a following vowel or mark, inside a
//! number, or before ๆ.

use std::collections::HashMap;

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};
use rustybuzz::{Direction, Language, UnicodeBuffer};

use crate::doc::{Align, Paragraph, Style};
use crate::fonts::{self, Face};
use crate::thai;

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
    pub text: String,
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
    /// The lines, top to bottom.
    pub lines: Vec<Line>,
    /// Font size, points.
    pub size: f32,
    /// Distance between baselines, points.
    pub line_height: f32,
    /// Baseline distance from the top of a line box, points.
    pub ascent: f32,
}

/// Words ICU's LSTM model splits although they are one word (seen in plans).
const KNOWN_WORDS: &[&str] = &["สินบน", "การเมือง", "ทางการเมือง", "ฉะเชิงเทรา", "ประพฤติมิชอบ", "ธรรมาภิบาล", "ทุจริต", "ยุทธศาสตร์", "ประสิทธิภาพ", "ประสิทธิผล", "คุณธรรม", "จริยธรรม", "ความโปร่งใส", "สำนักงาน"];

/// Break priority at a cluster boundary: lower is better.
const BREAK_GOOD: u8 = 1;
const BREAK_SOFT: u8 = 2;
const BREAK_EMERGENCY: u8 = 3;
const BREAK_NEVER: u8 = 4;

/// Shaped glyph before line layout.
#[derive(Debug, Clone)]
struct Shaped {
    face: Face,
    gid: u16,
    cluster: usize,
    advance: f32,
    dx: f32,
    dy: f32,
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
    lstm: LineSegmenterBorrowed<'static>,
    /// Vertical metrics of the regular face, in em: ascender, descender (positive), line gap.
    metrics: (f32, f32, f32),
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
        let f = &faces[0];
        let upem = f.units_per_em() as f32;
        let metrics = (f.ascender() as f32 / upem, -(f.descender() as f32) / upem, f.line_gap() as f32 / upem);
        Typesetter {
            faces,
            reverse,
            lstm: LineSegmenter::new_lstm(LineBreakOptions::default()),
            metrics,
        }
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

    fn shape(&self, text: &str, base: usize, face: Face, size: f32) -> Vec<Shaped> {
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
            let shaped = rustybuzz::shape(f, &[], buf);
            for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
                out.push(Shaped {
                    face,
                    gid: info.glyph_id as u16,
                    cluster: base + start + info.cluster as usize,
                    advance: pos.x_advance as f32 * scale,
                    dx: pos.x_offset as f32 * scale,
                    dy: pos.y_offset as f32 * scale,
                });
            }
        }
        out
    }

    /// Break priorities at each byte offset of `text` (index = byte offset).
    fn break_priorities(&self, text: &str, no_break: &[String]) -> Vec<u8> {
        let mut prio = vec![BREAK_EMERGENCY; text.len() + 1];
        let breaks: Vec<usize> = self.lstm.segment_str(text).filter(|&b| b <= text.len()).collect();
        for &b in &breaks {
            prio[b] = BREAK_GOOD;
        }
        // where the word list sees no word boundary, the model's break is
        // only taken when nothing else fits (งบ|ประมาณ, ความ|รู้)
        let mut dict = std::collections::HashSet::new();
        let mut run_start: Option<usize> = None;
        let is_thai_letter = |c: char| ('\u{0E01}'..='\u{0E4E}').contains(&c);
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            match (run_start, is_thai_letter(c)) {
                (None, true) => run_start = Some(i),
                (Some(st), false) => {
                    dict.extend(thai::dictionary_boundaries(&text[st..i]).into_iter().map(|b| st + b));
                    run_start = None;
                }
                _ => {}
            }
        }
        let chars_at = |b: usize| (text[..b].chars().next_back(), text[b..].chars().next());
        for &b in &breaks {
            if let (Some(x), Some(y)) = chars_at(b) {
                if is_thai_letter(x) && is_thai_letter(y) && !dict.contains(&b) {
                    prio[b] = prio[b].max(BREAK_SOFT);
                }
            }
        }
        // words the model is known to split, and proper nouns from the plan:
        // broken only when nothing else fits
        for word in KNOWN_WORDS.iter().copied().chain(no_break.iter().map(String::as_str)) {
            for (start, _) in text.match_indices(word) {
                for p in prio.iter_mut().take(start + word.len()).skip(start + 1) {
                    *p = (*p).max(BREAK_SOFT);
                }
            }
        }
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        // after the dot of an abbreviation (ผอ.|สพป.) when a line needs it
        for w in chars.windows(2) {
            if w[0].1 == '.' && ('\u{0E01}'..='\u{0E2E}').contains(&w[1].1) && prio[w[1].0] > BREAK_SOFT {
                prio[w[1].0] = BREAK_SOFT;
            }
        }
        for w in chars.windows(2) {
            let ((_, a), (b_at, b)) = (w[0], w[1]);
            let never = thai::is_leading_vowel(a)
                || b == 'ๆ'
                || b == 'ฯ'
                || thai::is_thai_mark(b)
                || (thai::is_digit(a) || a == ',' || a == '.') && thai::is_digit(b)
                || thai::is_digit(a) && (b == ',' || b == '.' || b == '%')
                || a == '(' || a == '“' || a == '"'
                // a line ending in a hyphen reads as a hyphenated word to extractors
                || a == '-' && !b.is_whitespace()
                || b == ')' || b == '”' || b == ':' && !a.is_whitespace();
            if never {
                prio[b_at] = BREAK_NEVER;
            }
        }
        prio
    }

    /// Sets a paragraph into lines of at most `width` points (the label, if
    /// any, hangs in the first-line indent).
    pub fn set(&self, p: &Paragraph, style: &Style, width: f32, no_break: &[String]) -> SetParagraph {
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
        let prio = self.break_priorities(&text, no_break);

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
            label_glyphs = self.place(&shaped, &lc, &p.label, first, 0.0, 0..lc.len(), &[]);
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
                prio[clusters[i].start]
            }
        };
        // the visible end of a line ending at cluster e (trailing spaces hang)
        let visible_end = |a: usize, e: usize| -> usize {
            let mut v = e;
            while v > a && clusters[v - 1].space {
                v -= 1;
            }
            v
        };

        let mut lines = Vec::new();
        let mut a = 0;
        // skip leading spaces
        while a < n && clusters[a].space {
            a += 1;
        }
        let mut first_line = true;
        if n == 0 || a >= n {
            let mut g = label_glyphs.clone();
            g.sort_by(|x, y| x.x.total_cmp(&y.x));
            lines.push(Line { glyphs: g, text: p.label.clone() });
        }
        while a < n {
            let x0 = if first_line { first_x } else { indent };
            let avail = (width - x0).max(size);
            // furthest fitting boundary at each priority level
            let mut best = [None::<usize>; 4];
            // the furthest fitting break after a space, and how full its line is
            let mut at_space: Option<(usize, f32)> = None;
            for e in a + 1..=n {
                let pr = boundary_prio(e);
                let v = visible_end(a, e);
                let w = cx[v] - cx[a];
                if w > avail + 0.01 && e > a + 1 {
                    break;
                }
                if w <= avail + 0.01 && pr == BREAK_GOOD && v < e {
                    at_space = Some((e, w / avail));
                }
                if w <= avail + 0.01 || e == a + 1 {
                    for (lvl, slot) in best.iter_mut().enumerate() {
                        if pr as usize <= lvl && pr < BREAK_NEVER {
                            *slot = Some(e);
                        }
                    }
                }
            }
            // a break at a space never splits a word: take it when its line is
            // nearly full; else the furthest word break, then soft, then emergency
            let full_enough = match align {
                Align::Distribute | Align::Justify => 0.92,
                _ => 0.8,
            };
            let at_space = at_space.filter(|&(_, fill)| fill >= full_enough).map(|(e, _)| e);
            let fits_all = best[0].is_some();
            let e = (if fits_all { best[0] } else { at_space })
                .or(best[BREAK_GOOD as usize])
                .or(best[BREAK_SOFT as usize])
                .or(best[BREAK_EMERGENCY as usize])
                .unwrap_or_else(|| {
                    // nothing fits: take clusters up to the next allowed boundary
                    (a + 1..=n).find(|&e| boundary_prio(e) < BREAK_NEVER).unwrap_or(n)
                });
            let last = e >= n;
            let v = visible_end(a, e);
            let natural = cx[v] - cx[a];
            let slack = (avail - natural).max(0.0);
            let (shift, spread) = match align {
                Align::Left => (0.0, Spread::None),
                Align::Center => (slack / 2.0, Spread::None),
                Align::Right => (slack, Spread::None),
                Align::Distribute if !last => (0.0, Spread::Clusters(slack)),
                Align::Justify if !last => (0.0, Spread::Spaces(slack)),
                _ => (0.0, Spread::None),
            };
            let extra = spread_amounts(&clusters[a..v], spread, size);
            let mut g = self.place(&glyphs, &clusters, &text, x0 + shift - cx[a], cx[a], a..v, &extra);
            let mut line_text = text[clusters[a].start..if v > a { clusters[v - 1].end } else { clusters[a].start }].to_string();
            if first_line && !p.label.is_empty() {
                let mut lg = label_glyphs.clone();
                lg.append(&mut g);
                g = lg;
                line_text = format!("{} {}", p.label, line_text);
            }
            lines.push(Line { glyphs: g, text: line_text });
            first_line = false;
            a = e;
            while a < n && clusters[a].space {
                a += 1;
            }
        }
        SetParagraph { lines, size, line_height, ascent }
    }

    /// Positions the glyphs of clusters `range`; `extra[i]` is the space added after cluster i of the range.
    #[allow(clippy::too_many_arguments)]
    fn place(&self, glyphs: &[Shaped], clusters: &[Cluster], text: &str, x0: f32, start_x: f32, range: std::ops::Range<usize>, extra: &[f32]) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut x = x0 + start_x;
        let mut added = 0.0;
        for (k, ci) in range.enumerate() {
            let c = &clusters[ci];
            let cluster_text = &text[c.start..c.end];
            let names = glyph_texts(&glyphs[c.glyphs.clone()], cluster_text, &self.reverse);
            let mut pen = x + added;
            for (g, t) in glyphs[c.glyphs.clone()].iter().zip(names) {
                out.push(Glyph { face: g.face, gid: g.gid, x: pen + g.dx, y: g.dy, text: t });
                pen += g.advance;
            }
            x += c.width;
            added += extra.get(k).copied().unwrap_or(0.0);
        }
        out
    }
}

/// How a line's slack is spread.
#[derive(Clone, Copy)]
enum Spread {
    None,
    Clusters(f32),
    Spaces(f32),
}

/// Space added after each cluster of a line.
fn spread_amounts(line: &[Cluster], spread: Spread, size: f32) -> Vec<f32> {
    let mut extra = vec![0.0; line.len()];
    match spread {
        Spread::None => {}
        Spread::Clusters(slack) => {
            let gaps = line.len().saturating_sub(1);
            if gaps > 0 {
                // beyond half an em per gap the line would fall apart; leave it ragged instead
                let each = (slack / gaps as f32).min(size * 0.5);
                for e in extra.iter_mut().take(gaps) {
                    *e = each;
                }
            }
        }
        Spread::Spaces(slack) => {
            let spaces: Vec<usize> = (0..line.len()).filter(|&i| line[i].space && i + 1 < line.len()).collect();
            if !spaces.is_empty() {
                let each = slack / spaces.len() as f32;
                for i in spaces {
                    extra[i] = each;
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
        let neutral = !c.is_alphabetic() && !thai;
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
fn glyph_texts(glyphs: &[Shaped], cluster_text: &str, reverse: &[HashMap<u16, char>]) -> Vec<String> {
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
    let mut out: Vec<String> = names.into_iter().map(Option::unwrap_or_default).collect();
    if !left.is_empty() {
        if let Some(last) = out.last_mut() {
            last.extend(left);
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
