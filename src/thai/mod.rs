//! Rules of the Thai language and calendar that official documents follow.
//!
//! Thai digits (U+0E50–U+0E59), Buddhist Era years, month names and
//! abbreviations, the government fiscal year (1 October – 30 September) and
//! its quarters, money and score formatting. Nothing here knows about plans,
//! YAML or PDF.

/// How digits are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DigitStyle {
    /// Thai digits ๐–๙ (the default in official documents).
    #[default]
    Thai,
    /// Arabic digits 0–9.
    Arabic,
}

/// Offset between the Buddhist Era and the Common Era.
pub const BE_OFFSET: i32 = 543;

/// Full month names, January first.
pub const MONTHS: [&str; 12] = [
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
];

/// Month abbreviations, January first.
pub const MONTH_ABBREVIATIONS: [&str; 12] = [
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
];

/// Converts every digit (ASCII or Thai) in `s` to the given style.
pub fn digits(s: &str, style: DigitStyle) -> String {
    if style == DigitStyle::Thai && !s.bytes().any(|b| b.is_ascii_digit()) {
        // most text of a plan has no digit to convert
        return s.to_string();
    }
    s.chars()
        .map(|c| match (style, c) {
            (DigitStyle::Thai, '0'..='9') => char::from_u32(c as u32 - '0' as u32 + 0x0E50).unwrap_or(c),
            (DigitStyle::Arabic, _) => arabic_digit(c),
            _ => c,
        })
        .collect()
}

/// A Thai digit as its Arabic (ASCII) twin; any other character as it is.
pub fn arabic_digit(c: char) -> char {
    match c {
        '\u{0E50}'..='\u{0E59}' => char::from_u32(c as u32 - 0x0E50 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

/// True for an ASCII or Thai digit.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c)
}

/// Groups an integer's digits by thousands: `268000` → `268,000`.
fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Formats an amount of baht: `268000` → `๒๖๘,๐๐๐`; none or zero → `-`.
pub fn money(amount: Option<u64>, style: DigitStyle) -> String {
    match amount {
        Some(n) if n > 0 => digits(&group_thousands(n), style),
        _ => "-".to_string(),
    }
}

/// Formats a count: `1510` → `๑,๕๑๐`; zero → `-`.
pub fn count(n: u64, style: DigitStyle) -> String {
    money(Some(n), style)
}

/// Formats a plain integer without grouping: `2563` → `๒๕๖๓`.
pub fn number(n: i64, style: DigitStyle) -> String {
    digits(&n.to_string(), style)
}

/// Rounds a score to hundredths, in integer hundredths (avoids binary float drift).
pub fn hundredths(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

/// Formats a score with two decimals: `84.8` → `๘๔.๘๐`.
pub fn score(x: f64, style: DigitStyle) -> String {
    let h = hundredths(x);
    let sign = if h < 0 { "-" } else { "" };
    let h = h.abs();
    digits(&format!("{sign}{}.{:02}", h / 100, h % 100), style)
}

/// Formats a signed difference of scores: `+๔.๕๖`, `-๔.๑๐`, `๐.๐๐`.
pub fn score_change(delta_hundredths: i64, style: DigitStyle) -> String {
    let sign = match delta_hundredths.signum() {
        1 => "+",
        -1 => "-",
        _ => "",
    };
    let h = delta_hundredths.abs();
    digits(&format!("{sign}{}.{:02}", h / 100, h % 100), style)
}

/// Buddhist Era year of a Common Era year.
pub fn be_year(ce: i32) -> i32 {
    ce + BE_OFFSET
}

/// The last two digits of a BE year, as printed in month headers (`2562` → `62`).
pub fn short_year(be: i32) -> i32 {
    be.rem_euclid(100)
}

/// A month of a fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiscalMonth {
    /// Calendar month, 1 = January.
    pub month: u8,
    /// BE year the month falls in.
    pub year: i32,
    /// Position in the fiscal year, 0 = October.
    pub index: usize,
}

impl FiscalMonth {
    /// Abbreviation with the 2-digit BE year: `ต.ค. ๖๒`.
    pub fn header(&self, style: DigitStyle) -> String {
        format!(
            "{} {}",
            MONTH_ABBREVIATIONS[self.month as usize - 1],
            digits(&format!("{:02}", short_year(self.year)), style)
        )
    }

    /// Quarter of the fiscal year, 1–4.
    pub fn quarter(&self) -> usize {
        self.index / 3 + 1
    }
}

/// The twelve months of fiscal year `fy` (BE): October of `fy - 1` to September of `fy`.
pub fn fiscal_months(fy: i32) -> [FiscalMonth; 12] {
    std::array::from_fn(|i| {
        let month = ((i + 9) % 12 + 1) as u8; // 10, 11, 12, 1, …, 9
        let year = if month >= 10 { fy - 1 } else { fy };
        FiscalMonth { month, year, index: i }
    })
}

/// Position (0 = October) of a calendar month in the fiscal year.
pub fn fiscal_index(month: u8) -> Option<usize> {
    (1..=12).contains(&month).then(|| ((month as usize) + 2) % 12)
}

/// Reads a month written as an abbreviation (`ต.ค.`, also without dots or
/// spaces: `ตค`) or a full name (`ตุลาคม`). Returns the calendar month 1–12.
pub fn parse_month(s: &str) -> Option<u8> {
    let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace() && *c != '.').collect::<String>();
    let wanted = squeeze(s);
    if wanted.is_empty() {
        return None;
    }
    (0..12)
        .find(|&i| squeeze(MONTH_ABBREVIATIONS[i]) == wanted || MONTHS[i] == wanted)
        .map(|i| i as u8 + 1)
}

/// Reads a date as written on a signature line: `๑ ตุลาคม ๒๕๖๗`,
/// `1 ต.ค. 2567`, `ตุลาคม พ.ศ. ๒๕๖๗` (no day: the 1st). Returns day, month
/// 1–12 and the Buddhist Era year; `None` when it has no month name and
/// BE year.
pub fn parse_date(s: &str) -> Option<(u8, u8, i32)> {
    let arabic = digits(s, DigitStyle::Arabic);
    let words: Vec<&str> = arabic.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let m = words.iter().position(|w| parse_month(w).is_some())?;
    let month = parse_month(words[m])?;
    let day = match m.checked_sub(1).map(|i| words[i]) {
        Some(d) if d.chars().all(|c| c.is_ascii_digit()) => d.parse::<u8>().ok().filter(|d| (1..=31).contains(d))?,
        _ => 1,
    };
    let year = words[m + 1..]
        .iter()
        .map(|w| w.trim_start_matches("พ.ศ.").trim_end_matches('.'))
        .find(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))?
        .parse::<i32>()
        .ok()
        .filter(|y| (2400..2700).contains(y))?;
    let ce = year - 543;
    let leap = ce % 4 == 0 && (ce % 100 != 0 || ce % 400 == 0);
    let last = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (day <= last).then_some((day, month, year))
}

/// Full date: `๓๑ มกราคม ๒๕๖๓` (day, month 1–12, BE year).
pub fn date_full(day: u8, month: u8, be: i32, style: DigitStyle) -> String {
    digits(&format!("{} {} {}", day, MONTHS[month as usize - 1], be), style)
}

/// Short date: `๓๑ ม.ค. ๖๓`.
pub fn date_short(day: u8, month: u8, be: i32, style: DigitStyle) -> String {
    digits(
        &format!("{} {} {:02}", day, MONTH_ABBREVIATIONS[month as usize - 1], short_year(be)),
        style,
    )
}

/// Thai letters used to number front-matter pages: ก, ข, ค, …
pub fn page_letter(n: usize) -> String {
    // The letters used for numbering skip ฃ and ฅ (obsolete).
    const LETTERS: &str = "กขคฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ";
    let letters: Vec<char> = LETTERS.chars().collect();
    if n == 0 {
        return String::new();
    }
    let mut n = n - 1;
    let mut out = String::new();
    loop {
        out.insert(0, letters[n % letters.len()]);
        if n < letters.len() {
            break;
        }
        n = n / letters.len() - 1;
    }
    out
}

/// The 77 provinces (from PyThaiNLP's list, CC0), for telling one office's
/// name from another's.
pub const PROVINCES: [&str; 77] = [
    "กระบี่", "กรุงเทพมหานคร", "กาญจนบุรี", "กาฬสินธุ์", "กำแพงเพชร", "ขอนแก่น", "จันทบุรี",
    "ฉะเชิงเทรา", "ชลบุรี", "ชัยนาท", "ชัยภูมิ", "ชุมพร", "เชียงราย", "เชียงใหม่", "ตรัง", "ตราด",
    "ตาก", "นครนายก", "นครปฐม", "นครพนม", "นครราชสีมา", "นครศรีธรรมราช", "นครสวรรค์", "นนทบุรี",
    "นราธิวาส", "น่าน", "บึงกาฬ", "บุรีรัมย์", "ปทุมธานี", "ประจวบคีรีขันธ์", "ปราจีนบุรี",
    "ปัตตานี", "พะเยา", "พระนครศรีอยุธยา", "พังงา", "พัทลุง", "พิจิตร", "พิษณุโลก", "เพชรบุรี",
    "เพชรบูรณ์", "แพร่", "ภูเก็ต", "มหาสารคาม", "มุกดาหาร", "แม่ฮ่องสอน", "ยโสธร", "ยะลา",
    "ร้อยเอ็ด", "ระนอง", "ระยอง", "ราชบุรี", "ลพบุรี", "ลำปาง", "ลำพูน", "เลย", "ศรีสะเกษ",
    "สกลนคร", "สงขลา", "สตูล", "สมุทรปราการ", "สมุทรสงคราม", "สมุทรสาคร", "สระแก้ว", "สระบุรี",
    "สิงห์บุรี", "สุโขทัย", "สุพรรณบุรี", "สุราษฎร์ธานี", "สุรินทร์", "หนองคาย", "หนองบัวลำภู",
    "อ่างทอง", "อำนาจเจริญ", "อุดรธานี", "อุตรดิตถ์", "อุทัยธานี", "อุบลราชธานี",
];

pub mod keep;
pub mod tcc;
pub mod words;

pub use words::is_word;

/// A leading vowel, written before the consonant it follows in speech (เ แ โ ใ ไ).
pub fn is_leading_vowel(c: char) -> bool {
    ('\u{0E40}'..='\u{0E44}').contains(&c)
}

/// A Thai combining mark (above or below vowels, tone marks, signs).
pub fn is_thai_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_convert_both_ways() {
        assert_eq!(digits("2563 ม.ค. 10", DigitStyle::Thai), "๒๕๖๓ ม.ค. ๑๐");
        assert_eq!(digits("๒๕๖๓", DigitStyle::Arabic), "2563");
        assert_eq!(digits("abc", DigitStyle::Thai), "abc");
        assert!(digits("0123456789", DigitStyle::Thai).chars().all(|c| ('\u{0E50}'..='\u{0E59}').contains(&c)));
    }

    #[test]
    fn money_groups_and_dashes() {
        assert_eq!(money(Some(268000), DigitStyle::Thai), "๒๖๘,๐๐๐");
        assert_eq!(money(Some(604000), DigitStyle::Arabic), "604,000");
        assert_eq!(money(Some(1234567), DigitStyle::Arabic), "1,234,567");
        assert_eq!(money(Some(999), DigitStyle::Arabic), "999");
        assert_eq!(money(None, DigitStyle::Thai), "-");
        assert_eq!(money(Some(0), DigitStyle::Thai), "-");
        assert_eq!(count(1510, DigitStyle::Thai), "๑,๕๑๐");
    }

    #[test]
    fn scores_have_two_decimals() {
        assert_eq!(score(84.82, DigitStyle::Thai), "๘๔.๘๒");
        assert_eq!(score(84.5, DigitStyle::Arabic), "84.50");
        assert_eq!(score(100.0, DigitStyle::Arabic), "100.00");
        assert_eq!(score_change(hundredths(84.36) - hundredths(79.86), DigitStyle::Thai), "+๔.๕๐");
        assert_eq!(score_change(hundredths(80.26) - hundredths(84.36), DigitStyle::Arabic), "-4.10");
        assert_eq!(score_change(0, DigitStyle::Arabic), "0.00");
    }

    #[test]
    fn fiscal_year_runs_october_to_september() {
        let m = fiscal_months(2563);
        assert_eq!(m[0].header(DigitStyle::Thai), "ต.ค. ๖๒");
        assert_eq!(m[2].header(DigitStyle::Thai), "ธ.ค. ๖๒");
        assert_eq!(m[3].header(DigitStyle::Thai), "ม.ค. ๖๓");
        assert_eq!(m[11].header(DigitStyle::Thai), "ก.ย. ๖๓");
        assert_eq!(m.iter().map(|x| x.quarter()).collect::<Vec<_>>(), [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
        assert_eq!(fiscal_index(10), Some(0));
        assert_eq!(fiscal_index(9), Some(11));
        assert_eq!(fiscal_index(1), Some(3));
        assert_eq!(fiscal_index(13), None);
        assert_eq!(fiscal_index(0), None);
        // a century boundary keeps two digits
        assert_eq!(fiscal_months(2601)[0].header(DigitStyle::Arabic), "ต.ค. 00");
    }

    #[test]
    fn signature_dates() {
        assert_eq!(parse_date("๑๕ ตุลาคม ๒๕๖๗"), Some((15, 10, 2567)));
        assert_eq!(parse_date("ตุลาคม ๒๕๖๗"), Some((1, 10, 2567)));
        assert_eq!(parse_date("3 ม.ค. พ.ศ. 2568"), Some((3, 1, 2568)));
        assert_eq!(parse_date("วันที่ 3 ม.ค. พ.ศ.2568"), Some((3, 1, 2568)));
        assert_eq!(parse_date("ตุลาคม 2024"), None);
        assert_eq!(parse_date("๔๐ ตุลาคม ๒๕๖๗"), None);
        assert_eq!(parse_date("{office}"), None);
        assert_eq!(parse_date("๒๙ ก.พ. ๒๕๖๗"), Some((29, 2, 2567)));
        assert_eq!(parse_date("๒๙ ก.พ. ๒๕๖๘"), None);
    }

    #[test]
    fn months_parse_in_several_spellings() {
        assert_eq!(parse_month("ต.ค."), Some(10));
        assert_eq!(parse_month("ตค"), Some(10));
        assert_eq!(parse_month(" มี.ค. "), Some(3));
        assert_eq!(parse_month("กันยายน"), Some(9));
        assert_eq!(parse_month("ก.ย"), Some(9));
        assert_eq!(parse_month("กพ."), Some(2));
        assert_eq!(parse_month("October"), None);
        assert_eq!(parse_month(""), None);
    }

    #[test]
    fn dates_and_years() {
        assert_eq!(be_year(2020), 2563);
        assert_eq!(date_full(31, 1, 2563, DigitStyle::Thai), "๓๑ มกราคม ๒๕๖๓");
        assert_eq!(date_short(31, 1, 2563, DigitStyle::Thai), "๓๑ ม.ค. ๖๓");
        assert_eq!(number(2563, DigitStyle::Thai), "๒๕๖๓");
    }

    #[test]
    fn page_letters() {
        assert_eq!(page_letter(1), "ก");
        assert_eq!(page_letter(2), "ข");
        assert_eq!(page_letter(3), "ค");
        assert_eq!(page_letter(42), "ฮ");
        assert_eq!(page_letter(43), "กก");
    }

    #[test]
    fn character_classes() {
        assert!(is_leading_vowel('เ') && is_leading_vowel('ไ') && !is_leading_vowel('ก'));
        assert!(is_thai_mark('\u{0E49}') && is_thai_mark('ั') && !is_thai_mark('า'));
    }
}
