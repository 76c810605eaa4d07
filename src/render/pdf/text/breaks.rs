//! Where a line may break, and how much a break there costs.
//!
//! Every character boundary of a paragraph's text gets a priority; the line
//! builder takes the furthest fitting boundary of the best priority present.
//!
//! - [`GOOD`]: after spaces; between Thai words (dictionary segmentation,
//!   [`crate::thai::words`]); after a hyphen inside a Latin word.
//! - [`FAIR`]: between Thai words where a listed word also spans the place.
//! - [`SOFT`]: between the parts of a compound word (สถาน|ศึกษา,
//!   พระราช|บัญญัติ); inside the document's proper nouns; at a space the
//!   typesetter keeps (พ.ศ. ๒๕๖๖, ร้อยละ ๘๐, a number and its unit); after a
//!   dotted abbreviation (ผอ.สพป.|ฉะเชิงเทรา).
//! - [`EMERGENCY`]: between Thai syllables of a word that cannot fit a line
//!   (and inside the document's proper nouns, ฉะเชิง|เทรา);
//!   at a hyphenation point of a Latin word (a hyphen is drawn).
//! - [`LAST`]: anywhere else a cut does not tear a cluster apart — between Thai clusters that are not syllables,
//!   between script changes, between Latin letters (with a hyphen) — taken
//!   only before overflowing the line.
//! - [`NEVER`]: inside a dotted abbreviation (table columns are made at
//!   least as wide as one); before a following vowel, tone mark, ์, ๆ or ฯ; after a leading
//!   vowel; inside a number; after an opening bracket or quote; before a
//!   closing one, a colon or a space.
//!
//! Computing this is the costly part of setting text, so the typesetter
//! caches it per distinct text.

use std::cell::RefCell;
use std::rc::Rc;

use crate::hash::FxMap;
use crate::thai::{self, keep, tcc, words};

/// Break between words.
pub const GOOD: u8 = 1;
/// Break between words where a listed word also spans the boundary
/// (ผล|ประโยชน์ส่วนตัว, where ผลประโยชน์ is a word too): readers may see one
/// word there, so a clean word boundary is preferred.
pub const FAIR: u8 = 2;
/// Break inside a compound, a proper noun or a kept-together phrase.
pub const SOFT: u8 = 3;
/// Break between syllables or at a Latin hyphenation point.
pub const EMERGENCY: u8 = 4;
/// Break anywhere that keeps clusters whole, before overflowing.
pub const LAST: u8 = 5;
/// No break.
pub const NEVER: u8 = 6;

/// Words the document does not list as proper nouns but that read as one
/// name and should not be split at a line end.
const KEEP_WHOLE: &[&str] = &["ยุทธศาสตร์ชาติ", "ทางการเมือง", "ประพฤติมิชอบ", "สำนักงานเขตพื้นที่การศึกษา", "ความโปร่งใส"];

/// Break priorities of a text and whether a break inserts a hyphen.
#[derive(Debug, Clone)]
pub struct Breaks {
    /// Priority at each byte offset (index = byte offset, `text.len()` included).
    pub prio: Vec<u8>,
    /// Byte offsets where breaking draws a hyphen at the line end.
    pub hyphen: Vec<usize>,
}

fn is_thai_letter(c: char) -> bool {
    ('\u{0E01}'..='\u{0E4F}').contains(&c) && c != '\u{0E3F}'
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (!is_thai_letter(c) && c.is_alphabetic())
}


/// A dotted abbreviation: one or more groups of 1–5 Thai letters each ended
/// by a dot (พ.ศ., ป.ป.ช., ผอ.สพป., สพฐ.). Returns its length in characters
/// at the start of `s`, when there is one.
fn abbreviation_len(s: &[char]) -> Option<usize> {
    let mut i = 0;
    let mut groups = 0;
    loop {
        let mut k = i;
        while k < s.len() && is_thai_letter(s[k]) && k - i < 6 {
            k += 1;
        }
        let letters = s[i..k].iter().filter(|&&c| !thai::is_thai_mark(c)).count();
        if k > i && letters <= 5 && s.get(k) == Some(&'.') {
            groups += 1;
            i = k + 1;
        } else {
            break;
        }
    }
    (groups > 0).then_some(i)
}

/// Hyphenation points of a Latin word (character offsets inside it): between
/// two consonants that are not a digraph, or before a consonant standing
/// between vowels; at least two letters before and three after.
fn hyphenation_points(w: &[char]) -> Vec<usize> {
    let vowel = |c: char| "aeiouyAEIOUY".contains(c);
    let n = w.len();
    if n < 6 || w.iter().all(|c| c.is_uppercase()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for i in 2..n.saturating_sub(2) {
        let (a, b) = (w[i - 1], w[i]);
        if !w[..i].iter().any(|&c| vowel(c)) || !w[i..].iter().any(|&c| vowel(c)) {
            continue;
        }
        let pair: String = [a.to_ascii_lowercase(), b.to_ascii_lowercase()].iter().collect();
        let digraph = ["th", "ch", "sh", "ph", "wh", "gh", "ck", "qu", "ng"].contains(&pair.as_str());
        let cc = !vowel(a) && !vowel(b) && !digraph;
        let vcv = vowel(a) && !vowel(b) && w.get(i + 1).is_some_and(|&c| vowel(c)) && i >= 2;
        if (cc || vcv) && n - i >= 3 {
            out.push(i);
        }
    }
    out
}

/// The breaks inside one word, by character offset: [`SOFT`] between the
/// parts of a listed compound, [`EMERGENCY`] between syllables, 0 elsewhere.
/// Words recur in every paragraph, so each is worked out once per thread.
fn word_breaks(word: &[char], known: bool) -> Rc<[u8]> {
    thread_local! {
        static WORDS: RefCell<[FxMap<Box<[char]>, Rc<[u8]>>; 2]> = RefCell::default();
    }
    if let Some(b) = WORDS.with(|m| m.borrow()[usize::from(known)].get(word).cloned()) {
        return b;
    }
    let mut out = vec![0u8; word.len() + 1];
    let parts = if known { words::compound_parts(word) } else { Vec::new() };
    let mut a = 0;
    for &b in parts.iter().chain(std::iter::once(&word.len())) {
        let syll = tcc::syllable_breaks(&word[a..b]);
        for i in 1..b - a {
            if syll[i] {
                out[a + i] = EMERGENCY;
            }
        }
        if b < word.len() {
            out[b] = SOFT;
        }
        a = b;
    }
    let out: Rc<[u8]> = out.into();
    WORDS.with(|m| m.borrow_mut()[usize::from(known)].insert(word.into(), out.clone()));
    out
}

/// The words kept whole for one proper-noun list, made once per list and
/// thread: as extra words for segmentation, and as searchers for where the
/// text holds them (a searcher set up for every paragraph cost more than the
/// searching).
struct KeptWords {
    /// The list they were made for.
    proper: Vec<String>,
    /// The Thai ones, as characters (segmentation treats them as listed words).
    extra: Vec<Vec<char>>,
    /// Searchers for [`KEEP_WHOLE`] (at [`SOFT`]), then the list (at [`EMERGENCY`]), with the words' lengths in characters.
    search: Vec<(memchr::memmem::Finder<'static>, usize, u8)>,
}

impl KeptWords {
    fn of(proper: &[String]) -> Rc<KeptWords> {
        thread_local! {
            static LAST: RefCell<Option<Rc<KeptWords>>> = const { RefCell::new(None) };
        }
        if let Some(k) = LAST.with(|l| l.borrow().clone()).filter(|k| k.proper == proper) {
            return k;
        }
        let extra = KEEP_WHOLE.iter().copied().chain(proper.iter().map(String::as_str)).filter(|w| w.chars().all(is_thai_letter)).map(|w| w.chars().collect()).collect();
        let search = KEEP_WHOLE
            .iter()
            .map(|w| (*w, SOFT))
            .chain(proper.iter().map(|w| (w.as_str(), EMERGENCY)))
            .filter(|(w, _)| !w.is_empty())
            .map(|(w, level)| (memchr::memmem::Finder::new(w.as_bytes()).into_owned(), w.chars().count(), level))
            .collect();
        let k = Rc::new(KeptWords { proper: proper.to_vec(), extra, search });
        LAST.with(|l| *l.borrow_mut() = Some(k.clone()));
        k
    }
}

/// Computes the break priorities of `text`. `proper` are the document's
/// proper nouns (kept whole when they fit).
pub fn priorities(text: &str, proper: &[String]) -> Breaks {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let cs: Vec<char> = chars.iter().map(|&(_, c)| c).collect();
    let n = cs.len();
    let at = |k: usize| if k < n { chars[k].0 } else { text.len() };
    // priority at the boundary before character k (k = 1..n-1)
    let mut p = vec![LAST; n + 1];
    let mut hyphen_at = vec![false; n + 1];
    let kept_words = KeptWords::of(proper);
    let extra = &kept_words.extra;

    // Thai runs: words, compound parts, syllables, clusters
    let mut k = 0;
    while k < n {
        if !is_thai_letter(cs[k]) {
            k += 1;
            continue;
        }
        let s = k;
        while k < n && is_thai_letter(cs[k]) {
            k += 1;
        }
        let run = &cs[s..k];
        let clusters = tcc::boundaries(run);
        for i in 1..run.len() {
            p[s + i] = if clusters[i] { LAST } else { NEVER };
        }
        // places a listed word spans
        let listed = words::Listed::new(run, &clusters);
        let mut spanned = vec![false; run.len() + 1];
        for i in 0..run.len() {
            for &j in listed.at(i) {
                spanned[i + 1..j as usize].iter_mut().for_each(|x| *x = true);
            }
        }
        for w in words::segment_listed(run, &clusters, &listed, extra) {
            if w.start > 0 {
                p[s + w.start] = if spanned[w.start] { FAIR } else { GOOD };
            }
            let inner = word_breaks(&run[w.start..w.end], w.known);
            for (i, &b) in inner.iter().enumerate().skip(1) {
                let q = &mut p[s + w.start + i];
                if b == SOFT || b == EMERGENCY && *q != NEVER {
                    *q = b;
                }
            }
        }
    }

    // Latin words: at a hyphen, else hyphenation with a drawn hyphen
    let mut k = 0;
    while k < n {
        if !is_latin_letter(cs[k]) {
            k += 1;
            continue;
        }
        let s = k;
        while k < n && is_latin_letter(cs[k]) {
            k += 1;
        }
        let w = &cs[s..k];
        for i in 1..w.len() {
            p[s + i] = if i >= 2 && w.len() - i >= 2 { LAST } else { NEVER };
            hyphen_at[s + i] = true;
        }
        for i in hyphenation_points(w) {
            p[s + i] = EMERGENCY;
        }
    }

    // spaces, punctuation, numbers
    for k in 1..n {
        let (a, b) = (cs[k - 1], cs[k]);
        if b.is_whitespace() {
            p[k] = NEVER;
        } else if a.is_whitespace() {
            p[k] = GOOD;
        } else if a == '-' && k >= 2 && is_latin_letter(cs[k - 2]) && is_latin_letter(b) {
            p[k] = GOOD;
        } else if (a == '/' || a == '–' || a == '—') && is_thai_letter(b) {
            p[k] = GOOD;
        } else if a == '/' || a == '–' || a == '—' {
            p[k] = EMERGENCY;
        }
    }

    // dotted abbreviations stay whole; after one, a break when needed
    let mut k = 0;
    while k < n {
        let starts_token = k == 0 || !is_thai_letter(cs[k - 1]) && cs[k - 1] != '.';
        if starts_token && is_thai_letter(cs[k]) {
            if let Some(len) = abbreviation_len(&cs[k..]) {
                for i in k + 1..k + len {
                    p[i] = NEVER;
                }
                if k + len < n && is_thai_letter(cs[k + len]) {
                    p[k + len] = SOFT;
                }
                k += len;
                continue;
            }
        }
        k += 1;
    }

    // spaces kept (พ.ศ. ๒๕๖๖, ร้อยละ ๘๐, ๑๐ คน, see [`keep`]), and the space
    // after a leading "๒." label
    let kept = keep::kept_spaces(text);
    for k in 1..n {
        if !cs[k - 1].is_whitespace() || cs[k].is_whitespace() {
            continue;
        }
        let mut s = k - 1;
        while s > 0 && cs[s - 1].is_whitespace() {
            s -= 1;
        }
        if s == 0 {
            continue;
        }
        let before = keep::word_before(text, at(s));
        let label = at(s) == before.len() && keep::is_number(before.trim_start_matches(['(', '“', '"']).trim_end_matches('.')) && before.ends_with('.');
        if label {
            p[k] = LAST;
        } else if kept.iter().any(|r| r.end == at(k)) {
            p[k] = p[k].max(SOFT);
        }
    }

    // names kept whole: broken only when nothing else fits, the document's
    // proper nouns after a dot or a space, else only between syllables
    for (finder, len, level) in &kept_words.search {
        for start in finder.find_iter(text.as_bytes()) {
            let s = text[..start].chars().count();
            let e = s + len;
            for i in s + 1..e {
                // after an abbreviation's dot or a space inside a name
                // (สพป.|ฉะเชิงเทรา, ฉะเชิงเทรา |เขต ๒) a break is only as bad
                // as a compound's parts
                let after_dot = (cs[i - 1] == '.' || cs[i - 1].is_whitespace()) && p[i] <= SOFT;
                p[i] = if after_dot { p[i].max(SOFT) } else { p[i].max(*level) };
            }
        }
    }

    // never
    for k in 1..n {
        let (a, b) = (cs[k - 1], cs[k]);
        let never = thai::is_leading_vowel(a)
            || b == 'ๆ'
            || b == 'ฯ'
            || thai::is_thai_mark(b)
            || matches!(b, 'ะ' | 'า' | 'ำ' | 'ๅ')
            || (thai::is_digit(a) || a == ',' || a == '.') && thai::is_digit(b)
            || thai::is_digit(a) && (b == ',' || b == '.' || b == '%')
            || matches!(a, '(' | '[' | '“' | '"' | '‘')
            || matches!(b, ')' | ']' | '”' | ':' | ';' | ',' | '.' | '!' | '?' | '%' | '’') && !a.is_whitespace()
            || b.is_whitespace();
        if never {
            p[k] = NEVER;
        }
    }

    let mut prio = vec![NEVER; text.len() + 1];
    let mut hyphen = Vec::new();
    for k in 1..n {
        prio[at(k)] = p[k];
        if hyphen_at[k] && p[k] < NEVER {
            hyphen.push(at(k));
        }
    }
    prio[0] = NEVER;
    prio[text.len()] = GOOD;
    Breaks { prio, hyphen }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text cut at every boundary of priority `level` or better.
    fn pieces(text: &str, level: u8) -> Vec<String> {
        let b = priorities(text, &[]);
        let mut out = Vec::new();
        let mut a = 0;
        for (i, _) in text.char_indices().skip(1).chain(std::iter::once((text.len(), ' '))) {
            if b.prio[i] <= level {
                out.push(text[a..i].to_string());
                a = i;
            }
        }
        out
    }

    #[test]
    fn words_break_between_words_only() {
        assert_eq!(pieces("ขับเคลื่อนการใช้หลักสูตร", FAIR), ["ขับเคลื่อน", "การ", "ใช้", "หลักสูตร"]);
        assert_eq!(pieces("กระทำผิด", FAIR), ["กระทำ", "ผิด"]);
        assert_eq!(pieces("ยุทธศาสตร์ชาติ", FAIR), ["ยุทธศาสตร์ชาติ"]);
        // ผลประโยชน์ spans ผล|ประโยชน์ส่วนตัว: a clean break is preferred
        assert_eq!(priorities("ผลประโยชน์ส่วนตัว", &[]).prio["ผล".len()], FAIR);
        assert_eq!(pieces("ยุทธศาสตร์ชาติ", SOFT), ["ยุทธศาสตร์", "ชาติ"]);
    }

    #[test]
    fn compounds_split_at_their_parts_first() {
        assert_eq!(pieces("สถานศึกษา", SOFT), ["สถาน", "ศึกษา"]);
        assert_eq!(pieces("ประชาสัมพันธ์", SOFT), ["ประชา", "สัมพันธ์"]);
        assert_eq!(pieces("พระราชบัญญัติ", SOFT), ["พระ", "ราช", "บัญญัติ"]);
        // syllables next, never a lone final consonant
        assert_eq!(pieces("บุคลากร", EMERGENCY), ["บุค", "ลา", "กร"]);
        assert_eq!(pieces("คอร์รัปชัน", EMERGENCY), ["คอร์", "รัป", "ชัน"]);
    }

    #[test]
    fn no_piece_starts_with_a_following_vowel_or_mark() {
        for text in ["ขับเคลื่อนการใช้หลักสูตร", "สถานศึกษาที่ได้รับ", "ประชาสัมพันธ์", "พระราชบัญญัติ", "บุคลากร", "คอร์รัปชัน", "ต่างๆ นานา", "กรุงเทพฯ และ", "ยุทธศาสตร์ชาติ", "ผู้ซึ่งไม่เกี่ยวข้อง"] {
            for piece in pieces(text, LAST).iter().skip(1) {
                let c = piece.chars().next().unwrap();
                assert!(!thai::is_thai_mark(c) && !"ะาำๅๆฯ".contains(c), "{text}: piece {piece:?}");
            }
            for piece in pieces(text, LAST) {
                assert!(!thai::is_leading_vowel(piece.trim_end().chars().last().unwrap()), "{text}: piece {piece:?}");
            }
        }
    }

    #[test]
    fn abbreviations_and_numbers_stay_together() {
        assert_eq!(pieces("หน่วยงาน (สพฐ.) ได้", EMERGENCY), ["หน่วย", "งาน ", "(สพฐ.) ", "ได้"]);
        assert_eq!(pieces("ป.ป.ช. และ ผอ.สพป.ฉะเชิงเทรา", GOOD), ["ป.ป.ช. ", "และ ", "ผอ.สพป.ฉะเชิงเทรา"]);
        assert_eq!(pieces("ผอ.สพป.ฉะเชิงเทรา", SOFT), ["ผอ.สพป.", "ฉะเชิงเทรา"]);
        // a proper noun with an abbreviation in it breaks after the dot first
        let proper = ["สพป.ฉะเชิงเทรา".to_string()];
        let b = priorities("รอง ผอ.สพป.ฉะเชิงเทรา", &proper);
        assert_eq!(b.prio["รอง ผอ.สพป.".len()], SOFT);
        assert!(b.prio["รอง ผอ.สพป.ฉะ".len()] >= EMERGENCY);
        assert_eq!(pieces("ใน พ.ศ. ๒๕๖๖ มี", GOOD), ["ใน ", "พ.ศ. ๒๕๖๖ ", "มี"]);
        assert_eq!(pieces("ได้ ร้อยละ ๘๐ ของ", GOOD), ["ได้ ", "ร้อยละ ๘๐ ", "ของ"]);
        assert_eq!(pieces("อบรม ๑๐ คน งบ ๕,๐๐๐ บาท", GOOD), ["อบรม ", "๑๐ คน ", "งบ ", "๕,๐๐๐ บาท"]);
        // a numbered item's label stays with its text
        assert!(priorities("๒. การอบรม", &[]).prio["๒.".len() + 1] >= LAST);
    }

    #[test]
    fn latin_words_break_at_hyphens_or_hyphenate() {
        let b = priorities("Anti-Corruption", &[]);
        assert_eq!(b.prio["Anti-".len()], GOOD);
        assert!(!b.hyphen.contains(&"Anti-".len()));
        let b = priorities("Corruption", &[]);
        let points: Vec<usize> = (1.."Corruption".len()).filter(|&i| b.prio[i] == EMERGENCY).collect();
        assert!(points.contains(&3) && points.contains(&6), "{points:?}"); // Cor-rup-tion
        assert!(points.iter().all(|i| b.hyphen.contains(i)));
        // never one letter alone
        assert_eq!(b.prio[1], NEVER);
        assert_eq!(b.prio["Corruption".len() - 1], NEVER);
    }
}
