//! Hard strings set at narrow widths: lines break only where Thai and Latin
//! allow, abbreviations and numbers stay whole, nothing is lost, and
//! distributed lines are never letter-spaced.

use phaen::doc::{Align, Paragraph, Run, Style};
use phaen::fonts::Face;
use phaen::render::pdf::text::{SetParagraph, Typesetter};
use phaen::thai;

const HARD: &[&str] = &[
    "ขับเคลื่อนการใช้หลักสูตรต้านทุจริตศึกษาในสถานศึกษาที่ได้รับการประเมิน",
    "ประชาสัมพันธ์พระราชบัญญัติข้อมูลข่าวสารของราชการให้บุคลากรทราบ",
    "บุคลากรทางการศึกษาร่วมต่อต้านคอร์รัปชันและการกระทำผิดวินัยตามยุทธศาสตร์ชาติ",
    "ผอ.สพป.ฉะเชิงเทรา เขต ๒ และคณะกรรมการ ป.ป.ช. (สพฐ.) ประชุมร่วมกัน",
    "ในปีงบประมาณ พ.ศ. ๒๕๖๖ ผู้เข้าร่วมผ่านเกณฑ์ ร้อยละ ๘๐ จำนวน ๑๒๐ คน งบประมาณ ๑,๒๕๐,๐๐๐ บาท",
    "ดัชนีการรับรู้การทุจริต Corruption Perceptions Index (CPI) และ Anti-Corruption Education",
    "ต่างๆ นานา กรุงเทพฯ เกี่ยวข้องกับผู้ซึ่งเป็นเจ้าหน้าที่ของรัฐ",
];

fn style(align: Align) -> Style {
    Style { size: 16.0, align, ..Style::default() }
}

fn set(ts: &Typesetter, text: &str, width: f32, align: Align) -> SetParagraph {
    let p = Paragraph { style: "body".into(), runs: vec![Run { text: text.into(), ..Run::default() }], ..Paragraph::default() };
    ts.set(&p, &style(align), width, &["ฉะเชิงเทรา".to_string()])
}

fn texts(s: &SetParagraph) -> Vec<String> {
    s.lines.iter().map(|l| l.text.clone()).collect()
}

#[test]
fn narrow_lines_break_only_where_thai_and_latin_allow() {
    let ts = Typesetter::new();
    for text in HARD {
        for width in [45.0, 60.0, 80.0, 110.0, 150.0, 220.0] {
            for align in [Align::Left, Align::Distribute] {
                let s = set(&ts, text, width, align);
                let lines = texts(&s);
                // nothing lost: the lines give the text back
                assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""), "width {width}: {lines:?}");
                for (i, l) in lines.iter().enumerate() {
                    let first = l.chars().next().unwrap();
                    assert!(!thai::is_thai_mark(first) && !"ะาำๅๆฯ".contains(first), "width {width}: line starts with a following vowel or mark: {lines:?}");
                    let last = l.trim_end().chars().last().unwrap();
                    assert!(!thai::is_leading_vowel(last), "width {width}: line ends with a leading vowel: {lines:?}");
                    // digits of one number are never split
                    if i + 1 < lines.len() {
                        let next = lines[i + 1].chars().next().unwrap();
                        assert!(!(thai::is_digit(last) && (thai::is_digit(next) || next == ',')), "width {width}: number split: {lines:?}");
                    }
                    for abbr in ["ป.ป.ช.", "(สพฐ.)", "ผอ.สพป.", "พ.ศ."] {
                        if text.contains(abbr) && ts.width(abbr, Face::Regular, 16.0) < width {
                            assert!(!l.contains(&abbr[..abbr.len() - 1]) || l.contains(abbr), "width {width}: {abbr} split: {lines:?}");
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn compounds_split_at_their_parts_and_syllables() {
    let ts = Typesetter::new();
    let cases = [("สถานศึกษา", "สถาน"), ("ประชาสัมพันธ์", "ประชา"), ("พระราชบัญญัติ", "พระราช")];
    for (word, head) in cases {
        // narrower than the word, wide enough for its first part
        let width = ts.width(head, Face::Regular, 16.0) + 2.0;
        assert!(width < ts.width(word, Face::Regular, 16.0));
        let lines = texts(&set(&ts, word, width, Align::Left));
        assert_eq!(lines[0], head, "{lines:?}");
    }
    // a word with no parts falls back to syllables, never a lone final consonant
    let w = ts.width("บุคลา", Face::Regular, 16.0) + 1.0;
    let lines = texts(&set(&ts, "บุคลากร", w, Align::Left));
    assert_eq!(lines, ["บุคลา", "กร"]);
}

#[test]
fn kept_phrases_move_to_the_next_line_together() {
    let ts = Typesetter::new();
    for (text, phrase) in [("ดำเนินการในปีงบประมาณ พ.ศ. ๒๕๖๖", "พ.ศ. ๒๕๖๖"), ("ผู้เข้าร่วมผ่านเกณฑ์ ร้อยละ ๘๐", "ร้อยละ ๘๐"), ("ผู้เข้าร่วมอบรมทั้งหมด ๑๒๐ คน", "๑๒๐ คน"), ("งบประมาณทั้งสิ้น ๕,๐๐๐ บาท", "๕,๐๐๐ บาท")] {
        // room for everything but the phrase's last word
        let cut = text.rfind(' ').unwrap();
        let width = ts.width(&text[..cut], Face::Regular, 16.0) + 4.0;
        let lines = texts(&set(&ts, text, width, Align::Left));
        assert!(lines.iter().any(|l| l.trim() == phrase), "{phrase} split: {lines:?}");
    }
}

#[test]
fn latin_words_hyphenate_with_a_drawn_hyphen_that_extraction_does_not_see() {
    let ts = Typesetter::new();
    let text = "Corruption Perceptions";
    let width = ts.width("Corrup-", Face::Regular, 16.0) + 1.0;
    let s = set(&ts, text, width, Align::Left);
    let lines = texts(&s);
    assert!(lines.len() >= 3, "{lines:?}");
    assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
    assert!(!lines.concat().contains('-'), "the hyphen is not in the text: {lines:?}");
    let first_glyphs: String = s.lines[0].glyphs.iter().map(|g| g.text.as_str()).collect();
    assert!(first_glyphs.ends_with('-'), "a hyphen is drawn: {first_glyphs:?} for {lines:?}");
    // an explicit hyphen is a break without an added one
    let width = ts.width("Anti-Corrup", Face::Regular, 16.0);
    let s = set(&ts, "Anti-Corruption", width, Align::Left);
    assert_eq!(texts(&s), ["Anti-", "Corruption"]);
}

#[test]
fn distributed_lines_are_never_letter_spaced() {
    let ts = Typesetter::new();
    // one long Latin phrase and a Thai compound on lines with few places to stretch
    let mut spread = 0.0f32;
    for text in [
        "Corruption Perceptions Index ยุทธศาสตร์ชาติ",
        "ยุทธศาสตร์ชาติ ยุทธศาสตร์ชาติ ยุทธศาสตร์ชาติ",
        "การทุจริตในสังคมไทยระหว่างช่วงเวลาทศวรรษ ส่งผลเสียต่อประเทศอย่างมหาศาล และเป็นอุปสรรคสำคัญต่อการพัฒนาเศรษฐกิจ สังคม การเมือง ในทุกมิติ",
    ] {
        let width = 260.0;
        let left = set(&ts, text, width, Align::Left);
        let dist = set(&ts, text, width, Align::Distribute);
        // lines set alike (the fill wanted before a break differs by alignment)
        for (l, d) in left.lines.iter().zip(&dist.lines).filter(|(l, d)| l.text == d.text) {
            // the distance between neighbouring glyphs grows by at most the
            // typesetter's cap between Thai clusters (0.15 em) except at word spaces
            for k in 1..l.glyphs.len() {
                let grow = (d.glyphs[k].x - d.glyphs[k - 1].x) - (l.glyphs[k].x - l.glyphs[k - 1].x);
                let at_space = l.glyphs[k - 1].text == " ";
                assert!(at_space || grow < 0.15 * 16.0 + 0.01, "gap grew {grow} before {:?} in {:?}", d.glyphs[k].text, d.text);
                spread += grow.max(0.0);
            }
        }
    }
    // the ordinary Thai paragraph was spread
    assert!(spread > 10.0, "{spread}");
}
