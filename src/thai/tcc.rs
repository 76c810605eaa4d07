//! Thai Character Clusters (TCC): the smallest pieces Thai text can be cut
//! into without separating a consonant from its vowels, tone mark or
//! silencer (Theeramunkong et al. 2000, with the improved rules of
//! PyThaiNLP's `tcc_p`, CC0/Apache-2.0). A line may break inside a word only
//! at one of these boundaries, never before a following vowel or mark and
//! never after a leading vowel.
//!
//! The rules are regular expressions in the original; here they are a small
//! table matched by hand (first rule that matches wins, as in the original's
//! alternation), so no regular-expression engine is needed.

/// One element of a rule.
#[derive(Clone, Copy)]
enum El {
    /// A consonant ก–ฮ.
    C,
    /// An optional tone mark ่ ้ ๊ ๋.
    T,
    /// Optional final: consonant, optional consonant, optional ุ ู ิ, then ์.
    K,
    /// Exactly this character.
    Is(char),
    /// Optionally this character.
    Opt(char),
    /// One of these characters.
    Any(&'static str),
    /// Optionally one of these characters.
    OptAny(&'static str),
    /// Followed by a leading vowel or consonant, or the end (not consumed).
    Ahead,
}

use El::*;

/// The rules, in the order they are tried.
const RULES: &[&[El]] = &[
    &[Is('เ'), C, Is('็'), C, K],
    &[Is('เ'), C, C, T, Is('า'), Is('ะ'), K],
    &[Is('เ'), C, C, Is('ี'), T, Is('ย'), Is('ะ'), K],
    &[Is('เ'), C, C, Is('ี'), T, Is('ย'), Ahead, K],
    &[Is('เ'), C, C, Is('็'), C, K],
    &[Is('เ'), C, Is('ิ'), C, Is('์'), C, K],
    &[Is('เ'), C, Is('ิ'), T, C, K],
    &[Is('เ'), C, Is('ี'), T, Is('ย'), Opt('ะ'), K],
    &[Is('เ'), C, Is('ื'), T, Is('อ'), Opt('ะ'), K],
    &[Is('เ'), C, Any("ิีุู"), T, Is('ย'), Ahead, K],
    &[Is('เ'), C, T, Opt('า'), Opt('ะ'), K],
    &[C, Is('ั'), T, Is('ว'), Is('ะ'), K],
    &[C, Any("ัื"), T, C, OptAny("ุิะ"), K],
    &[C, Any("ิุู"), Is('์')],
    &[C, Any("ะัาำิีึืุู"), T, K],
    &[C, Is('ร'), Is('ร'), C, Is('์')],
    &[C, Is('็')],
    &[C, T, OptAny("ะาำ"), K],
    &[C, K],
    &[Is('แ'), C, Is('็'), C],
    &[Is('แ'), C, C, Is('์')],
    &[Is('แ'), C, T, Is('ะ')],
    &[Is('แ'), C, C, Is('็'), C],
    &[Is('แ'), C, C, C, Is('์')],
    &[Is('โ'), C, T, Is('ะ')],
    &[Any("เแโใไ"), C, T],
    &[Is('ก'), Is('็')],
    &[Is('อ'), Is('ึ')],
    &[Is('ห'), Is('ึ')],
];

fn consonant(c: char) -> bool {
    ('ก'..='ฮ').contains(&c)
}

fn tone(c: char) -> bool {
    ('\u{0E48}'..='\u{0E4B}').contains(&c)
}

/// Whether `c` is one of the few characters of `set`: compared one by one,
/// which for these short sets is several times faster than `str::contains`
/// (a substring search); cluster matching asks this at every character.
fn one_of(set: &str, c: char) -> bool {
    set.chars().any(|x| x == c)
}

/// Matches the optional final `(cc?[ุูิ]?์)?` at `i`; returns the new position.
fn final_k(s: &[char], i: usize) -> usize {
    let at = |k: usize| s.get(k).copied();
    if !at(i).is_some_and(consonant) {
        return i;
    }
    let mut k = i + 1;
    if at(k).is_some_and(consonant) {
        k += 1;
    }
    if at(k).is_some_and(|c| one_of("ุูิ", c)) {
        k += 1;
    }
    if at(k) == Some('์') {
        k + 1
    } else {
        i
    }
}

/// Length of the rule's match at the start of `s`, if it matches.
fn match_rule(rule: &[El], s: &[char]) -> Option<usize> {
    let mut i = 0;
    for el in rule {
        let c = s.get(i).copied();
        match *el {
            C => {
                if !c.is_some_and(consonant) {
                    return None;
                }
                i += 1;
            }
            T => {
                if c.is_some_and(tone) {
                    i += 1;
                }
            }
            K => i = final_k(s, i),
            Is(x) => {
                if c != Some(x) {
                    return None;
                }
                i += 1;
            }
            Opt(x) => {
                if c == Some(x) {
                    i += 1;
                }
            }
            Any(set) => {
                if !c.is_some_and(|c| one_of(set, c)) {
                    return None;
                }
                i += 1;
            }
            OptAny(set) => {
                if c.is_some_and(|c| one_of(set, c)) {
                    i += 1;
                }
            }
            Ahead => {
                if let Some(c) = c {
                    if !(consonant(c) || ('เ'..='ไ').contains(&c)) {
                        return None;
                    }
                }
            }
        }
    }
    Some(i)
}

/// Length of the cluster at the start of `s` (at least 1).
pub fn cluster_len(s: &[char]) -> usize {
    let Some(&c) = s.first() else { return 1 };
    let cp = c as u32;
    if !(0x0E00..0x0E80).contains(&cp) {
        // every rule starts with a Thai character
        return 1;
    }
    // only the rules whose first element takes this character, in order
    rules_from()[(cp - 0x0E00) as usize].iter().find_map(|&r| match_rule(RULES[r as usize], s)).filter(|&n| n > 0).unwrap_or(1)
}

/// For each character of the Thai block, the rules (indices into [`RULES`],
/// in order) whose first element matches it: a cluster is matched at every
/// character, and most rules fail on their first.
fn rules_from() -> &'static [Vec<u8>; 128] {
    static FROM: std::sync::OnceLock<[Vec<u8>; 128]> = std::sync::OnceLock::new();
    FROM.get_or_init(|| {
        std::array::from_fn(|k| {
            let c = char::from_u32(0x0E00 + k as u32).unwrap_or('\0');
            (0..RULES.len()).filter(|&r| match_rule(&RULES[r][..1], &[c]).is_some()).map(|r| r as u8).collect()
        })
    })
}

/// Boundaries of `s` where a line may break inside a word: between
/// syllables, built from clusters. A cluster of one bare consonant is not a
/// syllable of its own: at the start of a word it begins the next one (ป|ระ →
/// ประ), before a bare consonant that ends the word it pairs with it (ลา|ก|ร →
/// ลา|กร), and otherwise after an open syllable it is that syllable's final
/// consonant (บุ|ค → บุค, กา|ร → การ). `out[i]` is true at a syllable start.
pub fn syllable_breaks(s: &[char]) -> Vec<bool> {
    let b = boundaries(s);
    let starts: Vec<usize> = (0..s.len()).filter(|&i| b[i]).collect();
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain(std::iter::once(s.len())).collect();
    let lone = |k: usize| ends[k] - starts[k] == 1 && consonant(s[starts[k]]);
    let mut out = b.clone();
    let n = starts.len();
    // whether the syllable before cluster k is open (ends in a vowel or tone)
    let mut open = false;
    // whether the cluster before k ends in a tone mark right after its consonant
    let mut bare_tone = false;
    for k in 0..n {
        // ว อ ย after a tone mark are the vowel (หน่|ว|ย → หน่วย)
        let vowel_letter = k > 0 && lone(k) && bare_tone && one_of("วอย", s[starts[k]]);
        let final_consonant = k > 0
            && lone(k)
            && !vowel_letter
            && (k + 1 == n || !(k + 2 == n && lone(k + 1)) && open);
        // a leading vowel's consonant and a following ร ล ว form one initial (เท|รา → เทรา)
        let cluster_initial = k > 0
            && ends[k - 1] - starts[k - 1] == 2
            && ('เ'..='ไ').contains(&s[starts[k - 1]])
            && one_of("รลว", s[starts[k]]);
        let join_prev = k == 1 && lone(0) || final_consonant || cluster_initial || vowel_letter;
        if k > 0 && join_prev {
            out[starts[k]] = false;
        }
        let last = s[ends[k] - 1];
        let before_last = if ends[k] - starts[k] >= 2 { Some(s[ends[k] - 2]) } else { None };
        bare_tone = tone(last) && before_last.is_some_and(consonant);
        open = vowel_letter || !final_consonant && (one_of("าิีึืุู", last) || tone(last));
    }
    out
}

/// Cluster boundaries of `s`: `out[i]` is true when a cluster starts at
/// character `i` (and at 0 and `s.len()`).
pub fn boundaries(s: &[char]) -> Vec<bool> {
    let mut out = vec![false; s.len() + 1];
    let mut i = 0;
    out[0] = true;
    while i < s.len() {
        i += cluster_len(&s[i..]);
        out[i.min(s.len())] = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syllables(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        let b = syllable_breaks(&chars);
        let mut out = Vec::new();
        let mut a = 0;
        for i in 1..=chars.len() {
            if i == chars.len() || b[i] {
                out.push(chars[a..i].iter().collect());
                a = i;
            }
        }
        out
    }

    #[test]
    fn syllables_keep_initials_and_finals() {
        assert_eq!(syllables("บุคลากร"), ["บุค", "ลา", "กร"]);
        assert_eq!(syllables("การ"), ["การ"]);
        assert_eq!(syllables("ประชา"), ["ประ", "ชา"]);
        assert_eq!(syllables("คอร์รัปชัน"), ["คอร์", "รัป", "ชัน"]);
        assert_eq!(syllables("สถาน"), ["สถาน"]);
        assert_eq!(syllables("ฉะเชิงเทรา"), ["ฉะ", "เชิง", "เทรา"]);
        assert_eq!(syllables("เคลื่อน"), ["เคลื่อน"]);
        assert_eq!(syllables("หน่วย"), ["หน่วย"]);
        assert_eq!(syllables("ประสิทธิภาพ"), ["ประ", "สิท", "ธิ", "ภาพ"]);
        assert_eq!(syllables("สถานศึกษา"), ["สถาน", "ศึก", "ษา"]);
    }

    fn clusters(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        let b = boundaries(&chars);
        let mut out = Vec::new();
        let mut a = 0;
        for i in 1..=chars.len() {
            if b[i] {
                out.push(chars[a..i].iter().collect());
                a = i;
            }
        }
        out
    }

    #[test]
    fn clusters_keep_vowels_and_marks_with_their_consonant() {
        assert_eq!(clusters("คอร์รัปชัน"), ["คอร์", "รัป", "ชัน"]);
        assert_eq!(clusters("เคลื่อน"), ["เค", "ลื่อ", "น"]);
        assert_eq!(clusters("การ"), ["กา", "ร"]);
        assert_eq!(clusters("ที่"), ["ที่"]);
        assert_eq!(clusters("สัมพันธ์"), ["สัม", "พันธ์"]);
        assert_eq!(clusters("ไป"), ["ไป"]);
        // the PyThaiNLP tcc_p clustering of a longer word
        assert_eq!(clusters("ประสิทธิภาพ").concat(), "ประสิทธิภาพ");
        for s in ["ขับเคลื่อนการใช้หลักสูตร", "สถานศึกษาที่ได้รับ", "พระราชบัญญัติ", "บุคลากร", "ยุทธศาสตร์ชาติ", "น้ำใจ", "เกียรติ"] {
            for c in clusters(s) {
                let first = c.chars().next().unwrap();
                assert!(!super::super::is_thai_mark(first) && !"ะาำๅ".contains(first), "{s}: cluster {c:?} starts with a following vowel or mark");
                assert!(!super::super::is_leading_vowel(c.chars().last().unwrap()), "{s}: cluster {c:?} ends with a leading vowel");
            }
        }
    }
}
