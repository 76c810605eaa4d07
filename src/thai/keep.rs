//! Spaces a line must not break at: between a word that introduces a number
//! and the number (พ.ศ. ๒๕๖๖, ร้อยละ ๘๐, ข้อ ๓, a month and its year), and
//! between a number and its unit (๑๐ คน, ๕,๐๐๐ บาท). The PDF typesetter
//! breaks there only when nothing else fits a line; the DOCX writes them as
//! no-break spaces, so Word and LibreOffice keep the pair together too.

use std::ops::Range;

use super::{is_digit, MONTHS, MONTH_ABBREVIATIONS};

/// Words before a number that stay on its line (พ.ศ. ๒๕๖๖, ร้อยละ ๘๐).
pub const BEFORE_NUMBER: &[&str] = &[
    "พ.ศ.", "ค.ศ.", "ร้อยละ", "ข้อ", "ปี", "เขต", "ที่", "ครั้งที่", "ฉบับที่", "ไตรมาส", "ไตรมาสที่", "ระดับ", "ลำดับที่", "หมู่ที่", "จำนวน", "วันที่", "เดือน", "งวดที่", "รุ่นที่", "กลุ่มที่", "ภาคเรียนที่",
];

/// Units after a number that stay on its line (๑๐ คน, ๕,๐๐๐ บาท).
pub const UNITS: &[&str] = &[
    "บาท", "คน", "ล้าน", "แสน", "หมื่น", "พัน", "ครั้ง", "แห่ง", "เรื่อง", "โรงเรียน", "โรง", "ราย", "ชั่วโมง", "ชม.", "นาที", "วัน", "เดือน", "ปี", "ชิ้น", "เล่ม", "ฉบับ", "กิจกรรม",
    "โครงการ", "หน่วย", "ระดับ", "ข้อ", "คะแนน", "กลุ่ม", "ท่าน", "รูป", "เครื่อง", "ห้อง", "อำเภอ", "ตำบล", "เขต", "ตัวชี้วัด", "หลักสูตร", "%", "ไร่", "กิโลเมตร", "กม.", "เมตร",
];

/// A number as printed: digits (Thai or Arabic) with commas or a point.
pub fn is_number(t: &str) -> bool {
    t.chars().any(is_digit) && t.chars().all(|c| is_digit(c) || c == ',' || c == '.')
}

/// The text between the last whitespace before byte offset `end` (or the
/// start) and `end`: the word a space at `end` follows.
pub fn word_before(text: &str, end: usize) -> &str {
    let start = text[..end].rfind(char::is_whitespace).map_or(0, |k| k + text[k..].chars().next().map_or(1, char::len_utf8));
    &text[start..end]
}

/// The whitespace runs of `text` (byte ranges) that a line must not break at.
pub fn kept_spaces(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !c.is_whitespace() || i == 0 {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if !d.is_whitespace() {
                break;
            }
            end = j + d.len_utf8();
            iter.next();
        }
        if end >= text.len() {
            break;
        }
        let before = word_before(text, i);
        let after = &text[end..text[end..].find(char::is_whitespace).map_or(text.len(), |k| end + k)];
        if before.is_empty() {
            continue;
        }
        let before_trim = before.trim_start_matches(['(', '“', '"']);
        let after_trim = after.trim_end_matches([')', '”', '"', ',', ';', ':']);
        let month = |t: &str| MONTHS.iter().chain(MONTH_ABBREVIATIONS.iter()).any(|m| t.starts_with(m));
        let keep = (is_number(after_trim) || after_trim.starts_with(is_digit))
            && (BEFORE_NUMBER.contains(&before_trim) || MONTHS.contains(&before_trim) || MONTH_ABBREVIATIONS.contains(&before_trim))
            || is_number(before_trim.trim_end_matches(['.', ','])) && before.ends_with(is_digit) && (UNITS.iter().any(|u| after_trim.starts_with(u)) || month(after_trim));
        if keep {
            out.push(i..end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> Vec<&str> {
        kept_spaces(text).into_iter().map(|r| &text[r.start - text[..r.start].chars().rev().take_while(|c| !c.is_whitespace()).map(char::len_utf8).sum::<usize>()..r.end]).collect()
    }

    #[test]
    fn numbers_keep_their_words_and_units() {
        assert_eq!(kept("ใน พ.ศ. ๒๕๖๖ มี"), ["พ.ศ. "]);
        assert_eq!(kept("ได้ ร้อยละ ๘๐ ของ"), ["ร้อยละ "]);
        assert_eq!(kept("อบรม ๑๐ คน งบ ๕,๐๐๐ บาท"), ["๑๐ ", "๕,๐๐๐ "]);
        assert_eq!(kept("วันที่ ๑๕ ตุลาคม ๒๕๖๗"), ["วันที่ ", "๑๕ ", "ตุลาคม "]);
        assert!(kept("การ อบรม ครู").is_empty());
        assert!(kept("ร้อยละ").is_empty() && kept(" ๑๐ คน").len() == 1);
    }
}
