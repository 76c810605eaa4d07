//! Thai word segmentation by dictionary, for line breaking.
//!
//! Thai is written without spaces between words; a line may end only where a
//! word ends. The words come from the embedded word list (`dict/words_th.txt`,
//! PyThaiNLP's list, CC0), compiled by `build.rs` into a packed trie that is
//! walked directly from the binary's data — nothing is built per process.
//!
//! Segmentation is maximal matching constrained to Thai Character Cluster
//! (TCC, [`super::tcc`]) boundaries, as PyThaiNLP's newmm does: the
//! segmentation that leaves the fewest characters outside listed words, then
//! has the fewest words; ties go to the shorter word first, as newmm's
//! breadth-first search does (การ|ปฏิบัติงาน, ความ|ซื่อสัตย์สุจริต), except
//! that a minor syllable ending in ะ (กระ, ประ, ตะ) is not taken as a word of
//! its own when another segmentation as short exists (กระทำ|ผิด, not
//! กระ|ทำผิด). Stretches no listed word covers are grouped into one unknown
//! word. A word of the list made of smaller listed words (สถาน|ศึกษา,
//! พระ|ราช|บัญญัติ) has those inner boundaries as second-choice breaks
//! ([`compound_parts`]).

use super::tcc;

static TRIE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words_th.trie"));

/// Where the root's group of children starts in [`TRIE`].
const ROOT: usize = 1;

/// The child labelled `c` of the node whose group of children starts at
/// `group` (see `build.rs`): where the child's own group starts (0 for
/// none), and whether a listed word ends at the child.
#[inline]
fn child(group: usize, c: char) -> Option<(usize, bool)> {
    let cp = c as u32;
    if !(0x0E00..0x0F00).contains(&cp) {
        return None;
    }
    let label = (cp - 0x0E00) as u8;
    let count = TRIE[group] as usize;
    let labels = &TRIE[group + 1..group + 1 + count];
    let k = labels.iter().position(|&l| l >= label).filter(|&k| labels[k] == label)?;
    let at = group + 1 + count + 4 * k;
    let entry = u32::from_le_bytes([TRIE[at], TRIE[at + 1], TRIE[at + 2], TRIE[at + 3]]);
    Some(((entry & 0x7fff_ffff) as usize, entry >> 31 != 0))
}

/// Whether `s` is a word of the embedded word list.
pub fn is_word(s: &str) -> bool {
    let (mut group, mut ends) = (ROOT, false);
    for c in s.chars() {
        match child(group, c) {
            Some((g, e)) => (group, ends) = (g, e),
            None => return false,
        }
    }
    ends
}

/// Lengths (in characters) of the listed words that start `chars`, shortest first.
pub fn prefixes(chars: &[char]) -> impl Iterator<Item = usize> + '_ {
    let mut group = ROOT;
    let mut k = 0;
    std::iter::from_fn(move || loop {
        if k >= chars.len() {
            return None;
        }
        let (g, ends) = child(group, chars[k])?;
        group = g;
        k += 1;
        if ends {
            return Some(k);
        }
    })
}

/// A word found by [`segment`]: characters `start..end` of the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// True when the word is listed (or one of the extra words), false for an
    /// unknown stretch.
    pub known: bool,
}

/// The listed words of a run that start and end at its cluster boundaries,
/// found once for all who need them (line breaking asks both where listed
/// words reach and how the run segments).
pub struct Listed {
    /// For each character, where its words' ends start in `ends`; then the total.
    first: Vec<u32>,
    /// Ends (character offsets in the run) of the words starting at each character, shortest first.
    ends: Vec<u32>,
}

impl Listed {
    /// The listed words of `chars` between the boundaries `valid` (as [`tcc::boundaries`] gives).
    pub fn new(chars: &[char], valid: &[bool]) -> Listed {
        let mut first = Vec::with_capacity(chars.len() + 1);
        let mut ends = Vec::new();
        for i in 0..chars.len() {
            first.push(ends.len() as u32);
            if valid[i] {
                ends.extend(prefixes(&chars[i..]).map(|l| i + l).filter(|&j| valid[j]).map(|j| j as u32));
            }
        }
        first.push(ends.len() as u32);
        Listed { first, ends }
    }

    /// Ends of the listed words starting at character `i`, shortest first.
    pub fn at(&self, i: usize) -> &[u32] {
        &self.ends[self.first[i] as usize..self.first[i + 1] as usize]
    }
}

/// Segments a run of Thai letters into words. `extra` are further words
/// (proper nouns of the document) treated as listed.
pub fn segment(chars: &[char], extra: &[Vec<char>]) -> Vec<Word> {
    let valid = tcc::boundaries(chars);
    segment_listed(chars, &valid, &Listed::new(chars, &valid), extra)
}

/// [`segment`], with the run's cluster boundaries and listed words already found.
pub fn segment_listed(chars: &[char], valid: &[bool], listed: &Listed, extra: &[Vec<char>]) -> Vec<Word> {
    let words = best_path(chars, valid, extra, None, Some(listed));
    // group consecutive unknown pieces
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    for w in words {
        match out.last_mut() {
            Some(last) if !last.known && !w.known => last.end = w.end,
            _ => out.push(w),
        }
    }
    out
}

/// The boundaries inside a listed word where it splits into smaller listed
/// words of two characters or more (fewest parts), as character offsets;
/// empty when it does not split that way.
pub fn compound_parts(chars: &[char]) -> Vec<usize> {
    if chars.len() < 4 {
        return Vec::new();
    }
    // parts begin at syllables, so บุ|คลา|กร is no split of บุคลากร
    let valid = tcc::syllable_breaks(chars);
    let path = best_path(chars, &valid, &[], Some(chars.len()), None);
    if path.iter().any(|w| !w.known) || path.len() < 2 {
        return Vec::new();
    }
    path.iter().skip(1).map(|w| w.start).collect()
}

/// Cost of segmenting a suffix: characters outside known words, words,
/// minor syllables standing as words.
type Cost = (u32, u32, u32);

/// The best segmentation of `chars` (see the module docs). With `parts_of`,
/// the whole of `chars` is not taken as one word, unknown pieces are not
/// allowed and parts are at least two characters. `listed`, when given, are
/// the listed words between the boundaries `valid`.
fn best_path(chars: &[char], valid: &[bool], extra: &[Vec<char>], parts_of: Option<usize>, listed: Option<&Listed>) -> Vec<Word> {
    let n = chars.len();
    const NONE: Cost = (u32::MAX, u32::MAX, u32::MAX);
    let mut best: Vec<(Cost, usize, bool)> = vec![(NONE, 0, false); n + 1];
    best[n] = ((0, 0, 0), n, true);
    let mut ends: Vec<usize> = Vec::with_capacity(32);
    for i in (0..n).rev() {
        if !valid[i] {
            continue;
        }
        ends.clear();
        match listed {
            Some(l) => ends.extend(l.at(i).iter().map(|&j| j as usize)),
            None => ends.extend(prefixes(&chars[i..]).map(|l| i + l)),
        }
        for w in extra {
            if w.first() == Some(&chars[i]) && chars[i..].starts_with(w) {
                ends.push(i + w.len());
            }
        }
        ends.sort_unstable();
        ends.dedup();
        let mut choice: (Cost, usize, bool) = (NONE, 0, false);
        // shortest first, so a tie keeps the shorter word
        for &j in ends.iter() {
            if !valid[j] || best[j].0 .0 == u32::MAX {
                continue;
            }
            if let Some(whole) = parts_of {
                if (i == 0 && j == whole) || j - i < 2 {
                    continue;
                }
            }
            let minor = j - i <= 3 && j < n && chars[j - 1] == 'ะ';
            let c = (best[j].0 .0, best[j].0 .1 + 1, best[j].0 .2 + u32::from(minor));
            if c < choice.0 {
                choice = (c, j, true);
            }
        }
        if parts_of.is_none() {
            // an unknown piece: up to the next cluster boundary
            if let Some(j) = (i + 1..=n).find(|&j| valid[j]) {
                if best[j].0 .0 != u32::MAX {
                    let c = (best[j].0 .0 + (j - i) as u32, best[j].0 .1 + 1, best[j].0 .2);
                    if c < choice.0 {
                        choice = (c, j, false);
                    }
                }
            }
        }
        best[i] = choice;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let (cost, j, known) = best[i];
        if cost.0 == u32::MAX || j <= i {
            return vec![Word { start: 0, end: n, known: false }];
        }
        out.push(Word { start: i, end: j, known });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        segment(&chars, &[]).iter().map(|w| chars[w.start..w.end].iter().collect()).collect()
    }

    fn parts(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        let cuts = compound_parts(&chars);
        let mut out = Vec::new();
        let mut a = 0;
        for &b in cuts.iter().chain(std::iter::once(&chars.len())) {
            out.push(chars[a..b].iter().collect());
            a = b;
        }
        out
    }

    #[test]
    fn trie_lookups() {
        assert!(is_word("งบประมาณ") && is_word("ความรู้") && is_word("ฉะเชิงเทรา"));
        assert!(!is_word("งบประ") && !is_word("") && !is_word("abc"));
        let chars: Vec<char> = "ทำผิดกฎ".chars().collect();
        assert_eq!(prefixes(&chars).collect::<Vec<_>>(), vec![2, 5]);
    }

    #[test]
    fn segmentation_keeps_words_whole() {
        assert_eq!(words("กระทำผิด"), ["กระทำ", "ผิด"]);
        assert_eq!(words("การปฏิบัติงาน"), ["การ", "ปฏิบัติงาน"]);
        assert_eq!(words("ความซื่อสัตย์สุจริต"), ["ความ", "ซื่อสัตย์สุจริต"]);
        assert_eq!(words("ขับเคลื่อนการใช้หลักสูตร"), ["ขับเคลื่อน", "การ", "ใช้", "หลักสูตร"]);
        assert_eq!(words("สถานศึกษาที่ได้รับ"), ["สถานศึกษา", "ที่", "ได้รับ"]);
        assert_eq!(words("บุคลากร"), ["บุคลากร"]);
        assert_eq!(words("คอร์รัปชัน"), ["คอร์รัปชัน"]);
        assert_eq!(words("ประชาสัมพันธ์"), ["ประชาสัมพันธ์"]);
        assert_eq!(words("พระราชบัญญัติ"), ["พระราชบัญญัติ"]);
        let w = words("ธรรมาภิบาลในการบริหารจัดการ");
        assert_eq!(w[0], "ธรรมาภิบาล");
        assert!(w.contains(&"บริหาร".to_string()) || w.contains(&"การบริหาร".to_string()), "{w:?}");
    }

    #[test]
    fn extra_words_and_unknown_stretches() {
        let chars: Vec<char> = "ยุทธศาสตร์ชาติ".chars().collect();
        let extra = vec!["ยุทธศาสตร์ชาติ".chars().collect::<Vec<char>>()];
        assert_eq!(segment(&chars, &extra).len(), 1);
        // an unknown stretch is one piece, never split inside a cluster
        let w = words("ซฑฌฆ");
        assert_eq!(w.concat(), "ซฑฌฆ");
        assert!(w.len() == 1, "{w:?}");
    }

    #[test]
    fn compounds_split_at_their_parts() {
        assert_eq!(parts("สถานศึกษา"), ["สถาน", "ศึกษา"]);
        assert_eq!(parts("ประชาสัมพันธ์"), ["ประชา", "สัมพันธ์"]);
        assert_eq!(parts("พระราชบัญญัติ"), ["พระ", "ราช", "บัญญัติ"]);
        assert_eq!(parts("งบประมาณ"), ["งบ", "ประมาณ"]);
        assert_eq!(parts("บุคลากร"), ["บุคลากร"]);
        assert!(compound_parts(&"ทุจริต".chars().collect::<Vec<_>>()).is_empty() || parts("ทุจริต").iter().all(|p| p.chars().count() >= 2));
    }
}
