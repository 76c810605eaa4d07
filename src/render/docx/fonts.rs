//! Fonts: the `w:rFonts` of every run, the font table and the theme's font
//! scheme.

use super::*;

/// `w:rFonts` naming the family for every script slot.
pub(super) fn rfonts(family: &str) -> String {
    let f = esc(family);
    format!(r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>"#)
}
/// `word/theme/theme1.xml`: Office's colours, the document's font for the
/// major and minor fonts (Latin, complex script and Thai), plain formats.
pub(super) fn theme_xml(family: &str) -> String {
    let f = esc(family);
    let fonts = format!(r#"<a:latin typeface="{f}"/><a:ea typeface=""/><a:cs typeface="{f}"/><a:font script="Thai" typeface="{f}"/>"#);
    let fill = r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#;
    let line = r#"<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#;
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    let mut x = String::with_capacity(4096);
    x.push_str(XML_DECL);
    x.push_str(r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="phaen"><a:themeElements>"#);
    x.push_str(r#"<a:clrScheme name="Office">"#);
    for (name, colour) in [
        ("dk1", r#"<a:sysClr val="windowText" lastClr="000000"/>"#),
        ("lt1", r#"<a:sysClr val="window" lastClr="FFFFFF"/>"#),
        ("dk2", r#"<a:srgbClr val="44546A"/>"#),
        ("lt2", r#"<a:srgbClr val="E7E6E6"/>"#),
        ("accent1", r#"<a:srgbClr val="4472C4"/>"#),
        ("accent2", r#"<a:srgbClr val="ED7D31"/>"#),
        ("accent3", r#"<a:srgbClr val="A5A5A5"/>"#),
        ("accent4", r#"<a:srgbClr val="FFC000"/>"#),
        ("accent5", r#"<a:srgbClr val="5B9BD5"/>"#),
        ("accent6", r#"<a:srgbClr val="70AD47"/>"#),
        ("hlink", r#"<a:srgbClr val="0563C1"/>"#),
        ("folHlink", r#"<a:srgbClr val="954F72"/>"#),
    ] {
        let _ = write!(x, "<a:{name}>{colour}</a:{name}>");
    }
    let _ = write!(
        x,
        concat!(
            r#"</a:clrScheme><a:fontScheme name="phaen"><a:majorFont>{fonts}</a:majorFont><a:minorFont>{fonts}</a:minorFont></a:fontScheme>"#,
            r#"<a:fmtScheme name="Office"><a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst>"#,
            r#"<a:lnStyleLst>{line}{line}{line}</a:lnStyleLst>"#,
            r#"<a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst>"#,
            r#"<a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"#,
            r#"<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#
        ),
        fonts = fonts,
        fill = fill,
        line = line,
        effect = effect
    );
    x
}

/// docx-rs's font table with the document's font added as a Thai font, so
/// Word substitutes a Thai face where the font is not installed.
pub(super) fn font_table_xml(table: &[u8], family: &str) -> Result<Vec<u8>, String> {
    let text = std::str::from_utf8(table).map_err(|e| format!("font table: {e}"))?;
    let entry = format!(
        r#"<w:font w:name="{}"><w:charset w:val="DE"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>"#,
        esc(family)
    );
    let at = text.rfind("</w:fonts>").ok_or("font table: no </w:fonts>")?;
    Ok(format!("{}{entry}{}", &text[..at], &text[at..]).into_bytes())
}
