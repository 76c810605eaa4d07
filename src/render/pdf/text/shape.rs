//! Shaping a text into glyphs with rustybuzz, Thai a character cluster at a time.
//!
//! A plan's text is mostly Thai, and Thai is written without spaces between
//! words, so the runs that reach the shaper are long and rarely repeat; shaped
//! whole, they made shaping about a quarter of the build's time. But Thai
//! shaping with the embedded Sarabun never reaches from one character cluster
//! into the next, so a Thai run is cut into pieces, each shaped once per face
//! and kept ([`Typesetter::shape_uncached`]): there are a few hundred distinct
//! pieces in a plan, against tens of thousands of uses.
//!
//! Why the glyphs are the same as for the whole run — a piece starts at a Thai
//! consonant or leading vowel (เ แ โ ใ ไ) that follows another Thai character
//! which is not a leading vowel:
//! - Sarabun's contextual substitutions for Thai (the tail-less ญ ฐ above a
//!   lower vowel, tone marks lowered or moved left beside ป ฝ ฟ or an upper
//!   vowel) look only at a base and the marks on it, and a mark always
//!   follows its base in the same piece.
//! - Mark positioning attaches a mark to the base or mark before it: the same piece.
//! - Sarabun's pair kerning has no pair with a Thai glyph (checked in every
//!   face; the test `no_thai_kerning_in_any_face` keeps it so), and both
//!   characters around a cut are Thai: kerning between Latin letters, digits
//!   or punctuation stays inside a piece.
//! - The Thai shaper's own steps (sara am split into nikhahit and sara aa, the
//!   nikhahit moved before a tone mark) stay within one cluster.
//!
//! The test `pieces_shape_like_whole_runs` shapes every line of the bundled
//! plans both ways and compares every glyph. Latin and other runs are shaped
//! whole: their kerning and ligatures reach across letters.

use rustybuzz::{Direction, Language, UnicodeBuffer};

use crate::fonts::Face;
use crate::thai;

use super::{clusters_of, GlyphText, Shaped, Typesetter};

/// A glyph of a shaped piece, in font units, its cluster an offset into the piece.
#[derive(Debug, Clone, Copy)]
pub(super) struct PieceGlyph {
    gid: u16,
    cluster: u32,
    advance: i32,
    dx: i32,
    dy: i32,
    text: GlyphText,
}

impl Typesetter {
    /// Glyphs of `text` in one face and size, clusters as offsets into `text`.
    pub(super) fn shape_uncached(&self, text: &str, face: Face, size: f32) -> Vec<Shaped> {
        let scale = size / self.faces[face.index()].units_per_em() as f32;
        let mut out = Vec::with_capacity(text.len() / 2);
        let push = |out: &mut Vec<Shaped>, glyphs: &[PieceGlyph], base: usize| {
            out.extend(glyphs.iter().map(|g| Shaped {
                face,
                gid: g.gid,
                cluster: base + g.cluster as usize,
                advance: g.advance as f32 * scale,
                dx: g.dx as f32 * scale,
                dy: g.dy as f32 * scale,
                text: g.text,
            }))
        };
        for (start, end, is_thai) in script_runs(text) {
            let run = &text[start..end];
            if !is_thai {
                push(&mut out, &self.shape_piece(run, face, false), start);
                continue;
            }
            let cuts = thai_cuts(run);
            let pieces = || cuts.windows(2).map(|w| (w[0], &run[w[0]..w[1]]));
            let face_pieces = &self.pieces[face.index()];
            // usually every piece was seen before: copied out under one lock
            let from = out.len();
            let m = face_pieces.lock().unwrap_or_else(|e| e.into_inner());
            let complete = pieces().all(|(at, p)| m.get(p).map(|g| push(&mut out, g, start + at)).is_some());
            if complete {
                continue;
            }
            out.truncate(from);
            // else the new pieces are shaped outside the lock
            let missing: Vec<&str> = pieces().filter(|(_, p)| !m.contains_key(*p)).map(|(_, p)| p).collect();
            drop(m);
            let made: Vec<(&str, Vec<PieceGlyph>)> = missing.into_iter().map(|p| (p, self.shape_piece(p, face, true))).collect();
            let mut m = face_pieces.lock().unwrap_or_else(|e| e.into_inner());
            for (p, g) in made {
                m.entry(p.to_string()).or_insert_with(|| g.into());
            }
            for (at, p) in pieces() {
                push(&mut out, &m[p], start + at);
            }
        }
        out
    }

    /// Shapes one run of one script whole, and names what each glyph stands for.
    pub(super) fn shape_piece(&self, text: &str, face: Face, is_thai: bool) -> Vec<PieceGlyph> {
        let mut buf = UnicodeBuffer::new();
        buf.push_str(text);
        buf.set_direction(Direction::LeftToRight);
        if is_thai {
            buf.set_script(rustybuzz::script::THAI);
            buf.set_language("th".parse::<Language>().expect("valid language tag"));
        } else {
            buf.set_script(rustybuzz::script::LATIN);
        }
        let f = &self.faces[face.index()];
        let shaped = rustybuzz::shape_with_plan(f, self.plan(face, is_thai), buf);
        let mut out: Vec<Shaped> = shaped
            .glyph_infos()
            .iter()
            .zip(shaped.glyph_positions())
            .map(|(info, pos)| Shaped {
                face,
                gid: info.glyph_id as u16,
                cluster: info.cluster as usize,
                advance: pos.x_advance as f32,
                dx: pos.x_offset as f32,
                dy: pos.y_offset as f32,
                text: GlyphText::default(),
            })
            .collect();
        // what each glyph stands for, worked out once per piece
        for c in clusters_of(&out, text.len(), text) {
            let names = glyph_texts(&out[c.glyphs.clone()], &text[c.start..c.end], self.reverse(face));
            for (g, n) in out[c.glyphs].iter_mut().zip(names) {
                g.text = n;
            }
        }
        out.iter()
            .map(|g| PieceGlyph { gid: g.gid, cluster: g.cluster as u32, advance: g.advance as i32, dx: g.dx as i32, dy: g.dy as i32, text: g.text })
            .collect()
    }
}

/// Where a Thai run is cut into pieces (see the module docs): its start, the
/// cuts, its end.
fn thai_cuts(run: &str) -> Vec<usize> {
    let mut cuts = vec![0];
    let mut prev: Option<char> = None;
    for (i, c) in run.char_indices() {
        if let Some(p) = prev {
            let starts = ('\u{0E01}'..='\u{0E2E}').contains(&c) || thai::is_leading_vowel(c);
            let after = ('\u{0E01}'..='\u{0E5B}').contains(&p) && !thai::is_leading_vowel(p);
            if starts && after {
                cuts.push(i);
            }
        }
        prev = Some(c);
    }
    cuts.push(run.len());
    cuts
}

/// Splits text into runs of Thai and non-Thai script; spaces, digits and
/// punctuation stay with the run before them.
pub(super) fn script_runs(text: &str) -> Vec<(usize, usize, bool)> {
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
fn glyph_texts(glyphs: &[Shaped], cluster_text: &str, reverse: &std::collections::HashMap<u16, char>) -> Vec<GlyphText> {
    let mut left: Vec<char> = cluster_text.chars().collect();
    let mut names: Vec<Option<String>> = vec![None; glyphs.len()];
    for (k, g) in glyphs.iter().enumerate() {
        if let Some(&c) = reverse.get(&g.gid) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Shaped whole, as before pieces: every run at once.
    fn whole(ts: &Typesetter, text: &str, face: Face) -> Vec<(u16, usize, i32, i32, i32, String)> {
        let mut out = Vec::new();
        for (start, end, is_thai) in script_runs(text) {
            for g in ts.shape_piece(&text[start..end], face, is_thai) {
                out.push((g.gid, start + g.cluster as usize, g.advance, g.dx, g.dy, g.text.to_string()));
            }
        }
        out
    }

    #[test]
    fn pieces_shape_like_whole_runs() {
        let ts = Typesetter::new();
        let upem = ts.faces[0].units_per_em() as f32;
        let mut texts: Vec<String> = Vec::new();
        for dir in ["data", "tests/typeset"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
            files.sort();
            for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "yaml")) {
                texts.extend(std::fs::read_to_string(f).unwrap().lines().map(str::to_string));
            }
        }
        texts.extend(["ญุ ฐู ปั่น ฟ้ำ ป่ำ ฝึ่ ฬ้ ฤๅษี เก็บ ไม้ ก็ น้ำ ฯลฯ ๆ ก่่", "(ก) “ทุจริต” A.V.A ฟ้าTo ก1ข", "ำก ่ก เ เเก"].map(String::from));
        assert!(texts.len() > 1000, "{}", texts.len());
        let mut checked = 0;
        for face in Face::ALL {
            for t in &texts {
                // units per em as the size: the scaled values are the font units
                let pieces: Vec<_> = ts
                    .shape_uncached(t, face, upem)
                    .iter()
                    .map(|g| (g.gid, g.cluster, g.advance as i32, g.dx as i32, g.dy as i32, g.text.to_string()))
                    .collect();
                assert_eq!(pieces, whole(&ts, t, face), "{face:?} {t:?}");
                checked += 1;
            }
        }
        assert!(checked > 4000);
    }

    #[test]
    fn no_thai_kerning_in_any_face() {
        // a pair of Thai characters around a cut shapes as the two alone
        let ts = Typesetter::new();
        let spacing = |c: &char| !crate::thai::is_thai_mark(*c) && !matches!(*c, '\u{0E3B}'..='\u{0E3E}');
        let before: Vec<char> = ('\u{0E01}'..='\u{0E5B}').filter(spacing).filter(|c| !('\u{0E40}'..='\u{0E44}').contains(c)).collect();
        let after: Vec<char> = ('\u{0E01}'..='\u{0E2E}').chain('\u{0E40}'..='\u{0E44}').collect();
        for face in Face::ALL {
            for &a in &before {
                let alone = ts.shape_piece(&a.to_string(), face, true);
                for &b in &after {
                    let pair = ts.shape_piece(&format!("{a}{b}"), face, true);
                    let second = ts.shape_piece(&b.to_string(), face, true);
                    let apart: Vec<_> = alone.iter().map(|g| (g.gid, g.advance, g.dx, g.dy)).chain(second.iter().map(|g| (g.gid, g.advance, g.dx, g.dy))).collect();
                    let together: Vec<_> = pair.iter().map(|g| (g.gid, g.advance, g.dx, g.dy)).collect();
                    assert_eq!(together, apart, "{face:?} {a}{b}");
                }
            }
        }
    }

    #[test]
    fn cuts_fall_before_a_consonant_or_leading_vowel_only() {
        let run = "เก็บน้ำแล้ว ไม่ก";
        let cuts = thai_cuts(run);
        let pieces: Vec<&str> = cuts.windows(2).map(|w| &run[w[0]..w[1]]).collect();
        assert_eq!(pieces, ["เก็", "บ", "น้ำ", "แล้", "ว ไม่", "ก"]);
    }
}
