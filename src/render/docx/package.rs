//! The package: docx-rs's skeleton (content types, relationships, app and
//! custom properties), the settings and core properties written here, and the
//! zip written deterministically.

use super::*;
use std::io::{Cursor, Write as _};

/// `word/settings.xml`: refresh fields (the TOC) on open, Word 2013+ layout.
pub(super) fn settings_xml(doc: &Document) -> String {
    let lang = language(doc);
    format!(
        concat!(
            "{decl}<w:settings xmlns:w=\"{w}\" xmlns:r=\"{r}\"><w:zoom w:percent=\"100\"/>",
            "<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>",
            "<w:updateFields w:val=\"true\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" ",
            "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>",
            "<w:themeFontLang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"{lang}\"/></w:settings>"
        ),
        decl = XML_DECL,
        w = NS_W,
        r = NS_R,
        lang = lang
    )
}

/// `docProps/core.xml`: title, subject, author, language; no dates.
pub(super) fn core_xml(doc: &Document) -> String {
    let m = &doc.meta;
    let mut x = String::new();
    x.push_str(XML_DECL);
    x.push_str(concat!(
        r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
        r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
        r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
    ));
    for (tag, value) in [("dc:title", &m.title), ("dc:subject", &m.subject), ("dc:creator", &m.author)] {
        if !value.is_empty() {
            let _ = write!(x, "<{tag}>{}</{tag}>", esc(value));
        }
    }
    if !m.author.is_empty() {
        let _ = write!(x, "<cp:lastModifiedBy>{}</cp:lastModifiedBy>", esc(&m.author));
    }
    let _ = write!(x, "<dc:language>{}</dc:language><cp:revision>1</cp:revision></cp:coreProperties>", language(doc));
    x
}

/// docx-rs's package with `headers` header parts (`word/header{n}.xml`, related
/// as `rIdHeader{n}`); the main document and the other WordprocessingML parts
/// are replaced afterwards.
pub(super) fn package_skeleton(headers: usize) -> docx_rs::XMLDocx {
    let mut docx = docx_rs::Docx::new();
    for _ in 0..headers {
        docx = docx.add_section(docx_rs::Section::new().header(docx_rs::Header::new()));
    }
    docx.build()
}

/// Packs the parts and the theme, deflated, in a fixed order with fixed
/// timestamps.
pub(super) fn pack(parts: docx_rs::XMLDocx, theme: Vec<u8>, media: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>, String> {
    if !parts.media.is_empty() || !parts.custom_items.is_empty() || parts.taskpanes.is_some() {
        return Err("docx: unexpected media or custom parts".to_string());
    }
    let mut entries: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), parts.content_type),
        ("_rels/.rels".into(), parts.rels),
        ("docProps/app.xml".into(), parts.doc_props.app),
        ("docProps/core.xml".into(), parts.doc_props.core),
        ("docProps/custom.xml".into(), parts.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), parts.document_rels),
        ("word/document.xml".into(), parts.document),
        ("word/styles.xml".into(), parts.styles),
        ("word/settings.xml".into(), parts.settings),
        ("word/fontTable.xml".into(), parts.font_table),
        ("word/theme/theme1.xml".into(), theme),
        ("word/comments.xml".into(), parts.comments),
        ("word/numbering.xml".into(), parts.numberings),
        ("word/commentsExtended.xml".into(), parts.comments_extended),
        ("word/footnotes.xml".into(), parts.footnotes),
    ];
    let mut header_rels = parts.header_rels.into_iter();
    for (i, header) in parts.headers.into_iter().enumerate() {
        entries.push((format!("word/header{}.xml", i + 1), header));
        // docx-rs makes one (empty) relationship part per header; only
        // non-empty ones are worth packing
        if let Some(rels) = header_rels.next().filter(|r| r.windows(13).any(|w| w == b"<Relationship ")) {
            entries.push((format!("word/_rels/header{}.xml.rels", i + 1), rels));
        }
    }
    entries.extend(media);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        zip.start_file(name.as_str(), options).map_err(|e| format!("docx: {name}: {e}"))?;
        zip.write_all(&data).map_err(|e| format!("docx: {name}: {e}"))?;
    }
    let cursor = zip.finish().map_err(|e| format!("docx: {e}"))?;
    Ok(cursor.into_inner())
}
