//! `word/styles.xml`: the document's styles mapped onto Word's (built-in
//! headings and TOC levels, the others as custom paragraph styles), and the
//! paragraph properties a style writes.

use super::*;
use std::collections::{BTreeMap, BTreeSet};

/// How a document style appears in Word.
#[derive(Debug, Clone)]
pub(super) struct WordStyle {
    /// `w:styleId`.
    pub(super) id: String,
    /// `w:name`: the built-in name for headings and TOC levels, else the
    /// style's display name.
    pub(super) name: String,
    /// Display name kept as an alias when the Word name is a built-in one.
    pub(super) alias: Option<String>,
    /// A Word built-in style (Heading n, TOC n).
    pub(super) builtin: bool,
    /// UI priority Word gives the built-in style.
    pub(super) priority: Option<u32>,
    /// TOC level whose entries use this style (gets the dotted right tab).
    pub(super) toc_level: Option<u8>,
}

/// Maps document style keys to Word styles.
pub(super) struct StyleMap<'a> {
    /// Document style key → Word style.
    pub(super) words: BTreeMap<&'a str, WordStyle>,
    /// Style id of each TOC entry level, 1-based index.
    pub(super) toc_ids: BTreeMap<u8, String>,
    /// TOC levels that have no document style: written with defaults.
    pub(super) synthetic_toc: Vec<u8>,
}

/// Style ids the renderer defines itself.
pub(super) const RESERVED_IDS: [&str; 5] = ["Normal", "DefaultParagraphFont", "TableNormal", "TableGrid", "Header"];

impl<'a> StyleMap<'a> {
    pub(super) fn new(doc: &'a Document) -> Self {
        let mut words: BTreeMap<&'a str, WordStyle> = BTreeMap::new();
        let mut taken: BTreeSet<String> = RESERVED_IDS.iter().map(|s| s.to_ascii_lowercase()).collect();

        // Headings: one document style per outline level becomes Word's
        // built-in "heading n" (the one keyed `heading{n}` if there is one).
        for level in 1..=9u8 {
            let preferred = format!("heading{level}");
            let key = if doc.styles.get(&preferred).is_some_and(|s| s.outline_level == level) {
                doc.styles.get_key_value(&preferred).map(|(k, _)| k.as_str())
            } else {
                doc.styles.iter().find(|(_, s)| s.outline_level == level).map(|(k, _)| k.as_str())
            };
            if let Some(key) = key {
                let id = format!("Heading{level}");
                taken.insert(id.to_ascii_lowercase());
                words.insert(
                    key,
                    WordStyle {
                        id,
                        name: format!("heading {level}"),
                        alias: alias_of(&doc.styles[key]),
                        builtin: true,
                        priority: Some(9),
                        toc_level: None,
                    },
                );
            }
        }

        // TOC entry levels: the first table of contents decides the styles.
        let mut toc_ids = BTreeMap::new();
        let mut synthetic_toc = Vec::new();
        if let Some(toc) = doc.sections.iter().flat_map(|s| &s.blocks).find_map(|b| match b {
            Block::Toc(t) => Some(t),
            _ => None,
        }) {
            for level in 1..=toc.levels.clamp(1, 9) {
                let key = if level == 1 { toc.entry_style.clone() } else { format!("toc{level}") };
                let id = format!("TOC{level}");
                taken.insert(id.to_ascii_lowercase());
                match doc.styles.get_key_value(&key) {
                    Some((k, style)) if !words.contains_key(k.as_str()) => {
                        words.insert(
                            k.as_str(),
                            WordStyle {
                                id: id.clone(),
                                name: format!("toc {level}"),
                                alias: alias_of(style),
                                builtin: true,
                                priority: Some(39),
                                toc_level: Some(level),
                            },
                        );
                    }
                    _ => synthetic_toc.push(level),
                }
                toc_ids.insert(level, id);
            }
        }

        // A style named like one of Word's built-in styles becomes that style
        // (a custom style of the same name would collide with it in Word).
        for (key, style) in &doc.styles {
            if words.contains_key(key.as_str()) {
                continue;
            }
            let Some((id, name)) = builtin_named(&style.name) else { continue };
            if taken.contains(&id.to_ascii_lowercase()) {
                continue;
            }
            taken.insert(id.to_ascii_lowercase());
            words.insert(key.as_str(), WordStyle { id: id.to_string(), name: name.to_string(), alias: None, builtin: true, priority: None, toc_level: None });
        }

        // Every other style: its key, reduced to letters and digits, made unique.
        let builtin_names: BTreeSet<String> = BUILTIN.iter().map(|(_, n)| n.to_ascii_lowercase()).collect();
        for (key, style) in &doc.styles {
            if words.contains_key(key.as_str()) {
                continue;
            }
            let mut base: String = key.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
            if base.is_empty() {
                base = "Style".to_string();
            }
            let mut id = base.clone();
            let mut n = 2;
            while taken.contains(&id.to_ascii_lowercase()) {
                id = format!("{base}{n}");
                n += 1;
            }
            taken.insert(id.to_ascii_lowercase());
            let mut name = if style.name.trim().is_empty() { key.clone() } else { style.name.trim().to_string() };
            // a name Word already uses (a second "Title", "heading 1", "toc 2")
            // gets the template's key after it, so it stays a style of its own
            let lower = name.to_ascii_lowercase();
            let heading_like = ["heading ", "toc "].iter().any(|p| lower.strip_prefix(p).is_some_and(|n| n.parse::<u8>().is_ok()));
            if builtin_names.contains(&lower) || heading_like {
                name = format!("{name} ({key})");
            }
            words.insert(key.as_str(), WordStyle { id, name, alias: None, builtin: false, priority: None, toc_level: None });
        }
        StyleMap { words, toc_ids, synthetic_toc }
    }

    /// Word style id of a document style key (`None`: Normal).
    pub(super) fn id(&self, key: &str) -> Option<&str> {
        self.words.get(key).map(|w| w.id.as_str())
    }

    /// Word style id of the TOC entries of a level.
    pub(super) fn toc_id(&self, level: u8) -> Option<&str> {
        self.toc_ids.get(&level).map(String::as_str)
    }
}

/// Word's built-in paragraph styles a template style may be named after:
/// style id and Word's name. A custom style with one of these names would
/// collide with Word's own (Word renames it or merges the two).
const BUILTIN: &[(&str, &str)] = &[
    ("Title", "Title"),
    ("Subtitle", "Subtitle"),
    ("Caption", "caption"),
    ("List", "List"),
    ("List2", "List 2"),
    ("List3", "List 3"),
    ("List4", "List 4"),
    ("List5", "List 5"),
    ("ListBullet", "List Bullet"),
    ("ListBullet2", "List Bullet 2"),
    ("ListBullet3", "List Bullet 3"),
    ("ListNumber", "List Number"),
    ("ListNumber2", "List Number 2"),
    ("ListNumber3", "List Number 3"),
    ("ListContinue", "List Continue"),
    ("ListContinue2", "List Continue 2"),
    ("ListContinue3", "List Continue 3"),
    ("BodyText2", "Body Text 2"),
    ("BodyText3", "Body Text 3"),
    ("BodyTextIndent", "Body Text Indent"),
    ("BodyTextFirstIndent", "Body Text First Indent"),
    ("BlockText", "Block Text"),
    ("NormalIndent", "Normal Indent"),
    ("Closing", "Closing"),
    ("Date", "Date"),
    ("Salutation", "Salutation"),
    ("NoteHeading", "Note Heading"),
    ("PlainText", "Plain Text"),
    ("IntenseQuote", "Intense Quote"),
    ("TableofFigures", "table of figures"),
    ("FootnoteText", "footnote text"),
    ("Signature", "Signature"),
    ("BodyText", "Body Text"),
    ("TOCHeading", "TOC Heading"),
    ("Quote", "Quote"),
    ("ListParagraph", "List Paragraph"),
    ("NoSpacing", "No Spacing"),
    ("Footer", "footer"),
    ("Header", "header"),
    ("Normal", "Normal"),
];

/// The built-in style a display name names, if any (case and spacing aside).
fn builtin_named(name: &str) -> Option<(&'static str, &'static str)> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    let n = squeeze(name);
    BUILTIN.iter().copied().find(|(_, b)| squeeze(b) == n)
}

/// The display name of a style, kept as an alias of a built-in Word style.
pub(super) fn alias_of(style: &Style) -> Option<String> {
    let name = style.name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// The language of Latin text (`w:lang w:val`). Thai is a complex script
/// for Word and LibreOffice and takes the document's language from
/// `w:bidi`; Latin text tagged Thai is broken mid-word by LibreOffice
/// ("(Tr|aining)"), tagged English it breaks at spaces and hyphens.
pub(super) const LATIN_LANGUAGE: &str = "en-US";

/// The language tag of the document, `th-TH` unless the metadata says otherwise.
pub(super) fn language(doc: &Document) -> String {
    let l = doc.meta.language.trim();
    if l.is_empty() { "th-TH".to_string() } else { esc(l) }
}

/// `w:jc` value of an alignment.
pub(super) fn jc(align: Align) -> &'static str {
    match align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
        Align::Distribute => "thaiDistribute",
        Align::Justify => "both",
    }
}

/// `w:tabs` with one stop.
pub(super) fn tab_stop(kind: &str, pos: i64, leader: Option<&str>) -> String {
    let leader = leader.map(|l| format!(r#" w:leader="{l}""#)).unwrap_or_default();
    format!(r#"<w:tabs><w:tab w:val="{kind}"{leader} w:pos="{pos}"/></w:tabs>"#)
}

/// The paragraph properties of a style, in schema order (without `w:pPr`).
pub(super) fn style_ppr(s: &Style, tabs: &str) -> String {
    let mut p = String::new();
    if s.keep_with_next {
        p.push_str("<w:keepNext/>");
    }
    p.push_str(tabs);
    p.push_str(&spacing_and_indent(s));
    let _ = write!(p, r#"<w:jc w:val="{}"/>"#, jc(s.align));
    if (1..=9).contains(&s.outline_level) {
        let _ = write!(p, r#"<w:outlineLvl w:val="{}"/>"#, s.outline_level - 1);
    }
    p
}

/// `w:spacing` and `w:ind` of a style.
pub(super) fn spacing_and_indent(s: &Style) -> String {
    let line = (240.0 * if s.line_spacing > 0.0 { s.line_spacing } else { 1.0 }).round() as i64;
    let mut p = format!(
        r#"<w:spacing w:before="{}" w:after="{}" w:line="{line}" w:lineRule="auto"/>"#,
        pt20(s.space_before),
        pt20(s.space_after)
    );
    let left = twips(s.indent_left);
    let first = twips(s.first_line);
    if first < 0 {
        let _ = write!(p, r#"<w:ind w:left="{left}" w:hanging="{}"/>"#, -first);
    } else {
        let _ = write!(p, r#"<w:ind w:left="{left}" w:firstLine="{first}"/>"#);
    }
    p
}

/// The text width of a portrait page, in twips.
pub(super) fn portrait_text_width(doc: &Document) -> i64 {
    twips(doc.page.width - doc.page.left - doc.page.right).max(1)
}

/// `word/styles.xml`.
pub(super) fn styles_xml(doc: &Document, map: &StyleMap) -> String {
    let fonts = rfonts(&doc.font_family);
    let lang = language(doc);
    let tw = portrait_text_width(doc);
    let mut x = String::with_capacity(8192);
    x.push_str(XML_DECL);
    let _ = write!(x, r#"<w:styles xmlns:w="{NS_W}" xmlns:r="{NS_R}">"#);
    let _ = write!(
        x,
        concat!(
            "<w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>",
            "<w:lang w:val=\"{latin}\" w:eastAsia=\"{lang}\" w:bidi=\"{lang}\"/></w:rPr></w:rPrDefault>",
            "<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>",
            "</w:docDefaults>"
        ),
        fonts = fonts,
        lang = lang,
        latin = LATIN_LANGUAGE
    );
    let _ = write!(
        x,
        concat!(
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>",
            "<w:pPr><w:widowControl/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>",
            "<w:rPr>{fonts}<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"{latin}\" w:eastAsia=\"{lang}\" w:bidi=\"{lang}\"/></w:rPr></w:style>",
            "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/>",
            "<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>",
            "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>",
            "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>",
            "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>",
            "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
            "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/>",
            "<w:uiPriority w:val=\"39\"/><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr></w:style>",
            "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/>",
            "<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>",
            "<w:jc w:val=\"center\"/></w:pPr></w:style>"
        ),
        fonts = fonts,
        lang = lang,
        latin = LATIN_LANGUAGE,
        borders = TABLE_BORDERS
    );
    for (key, style) in &doc.styles {
        let Some(w) = map.words.get(key.as_str()) else { continue };
        let custom = if w.builtin { "" } else { r#" w:customStyle="1""# };
        let _ = write!(x, r#"<w:style w:type="paragraph"{custom} w:styleId="{}"><w:name w:val="{}"/>"#, w.id, esc(&w.name));
        if let Some(alias) = &w.alias {
            if !alias.eq_ignore_ascii_case(&w.name) {
                let _ = write!(x, r#"<w:aliases w:val="{}"/>"#, esc(alias));
            }
        }
        x.push_str(r#"<w:basedOn w:val="Normal"/>"#);
        if let Some(p) = w.priority {
            let _ = write!(x, r#"<w:uiPriority w:val="{p}"/>"#);
        }
        if w.toc_level.is_some() {
            x.push_str("<w:unhideWhenUsed/>");
        }
        x.push_str("<w:qFormat/>");
        let tabs = if w.toc_level.is_some() { tab_stop("right", tw, Some("dot")) } else { String::new() };
        let _ = write!(x, "<w:pPr>{}</w:pPr>", style_ppr(style, &tabs));
        let sz = half_points(style.size);
        x.push_str("<w:rPr>");
        x.push_str(&fonts);
        if style.bold {
            x.push_str("<w:b/><w:bCs/>");
        } else {
            x.push_str(r#"<w:b w:val="0"/><w:bCs w:val="0"/>"#);
        }
        let _ = write!(x, r#"<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/></w:rPr></w:style>"#);
    }
    for &level in &map.synthetic_toc {
        let style = Style { indent_left: 10.0 * f32::from(level - 1), ..Style::default() };
        let _ = write!(
            x,
            concat!(
                r#"<w:style w:type="paragraph" w:styleId="TOC{level}"><w:name w:val="toc {level}"/><w:basedOn w:val="Normal"/>"#,
                r#"<w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/><w:pPr>{ppr}</w:pPr></w:style>"#
            ),
            level = level,
            ppr = style_ppr(&style, &tab_stop("right", tw, Some("dot")))
        );
    }
    x.push_str("</w:styles>");
    x
}
