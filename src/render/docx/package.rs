//! The package: the parts gathered, their content types and relationships
//! derived from what is actually packed, the settings and core properties, and
//! the zip written deterministically.
//!
//! docx-rs still provides the package's root: `_rels/.rels` and the (empty)
//! app and custom property parts it relates. Its content types and document
//! relationships are not used: they list parts phaen does not write (comments,
//! numbering, footnotes), which Word reports as leftovers; here both are
//! written from the list of parts, so nothing is listed that is not there.

use super::*;
use std::io::{Cursor, Write as _};

/// `word/settings.xml`: embedded fonts, Word 2013+ layout, and a request to
/// refresh fields on open only when the document has a table of contents.
pub(super) fn settings_xml(doc: &Document, embeds_fonts: bool, has_toc: bool) -> String {
    let lang = language(doc);
    format!(
        concat!(
            "{decl}<w:settings xmlns:w=\"{w}\" xmlns:r=\"{r}\"><w:zoom w:percent=\"100\"/>{embed}",
            "<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>",
            "{update}<w:compat><w:compatSetting w:name=\"compatibilityMode\" ",
            "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>",
            "<w:themeFontLang w:val=\"{latin}\" w:eastAsia=\"{lang}\" w:bidi=\"{lang}\"/></w:settings>"
        ),
        decl = XML_DECL,
        w = NS_W,
        r = NS_R,
        lang = lang,
        latin = LATIN_LANGUAGE,
        embed = if embeds_fonts { "<w:embedTrueTypeFonts/>" } else { "" },
        update = if has_toc { "<w:updateFields w:val=\"true\"/>" } else { "" }
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

/// One part of the package.
pub(super) struct Part {
    /// Name inside the zip, without a leading slash.
    pub(super) name: String,
    /// Content type, for `[Content_Types].xml` (`None`: a relationship part).
    pub(super) content_type: Option<&'static str>,
    /// Bytes.
    pub(super) data: Vec<u8>,
    /// Or a zip whose one entry is the part, already deflated (see [`packed_font`]).
    pub(super) packed: Option<&'static [u8]>,
}

impl Part {
    pub(super) fn new(name: impl Into<String>, content_type: &'static str, data: Vec<u8>) -> Part {
        Part { name: name.into(), content_type: Some(content_type), data, packed: None }
    }

    /// A relationship part.
    pub(super) fn rels(name: impl Into<String>, data: Vec<u8>) -> Part {
        Part { name: name.into(), content_type: None, data, packed: None }
    }
}

const CT: &str = "application/vnd.openxmlformats-officedocument.";
/// Content type of the main document part.
pub(super) const CT_DOCUMENT: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
/// Content type of the styles part.
pub(super) const CT_STYLES: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
/// Content type of the settings part.
pub(super) const CT_SETTINGS: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
/// Content type of the font table.
pub(super) const CT_FONT_TABLE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml";
/// Content type of a header part.
pub(super) const CT_HEADER: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
/// Content type of the theme part.
pub(super) const CT_THEME: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
/// Content type of an obfuscated embedded font.
pub(super) const CT_FONT: &str = "application/vnd.openxmlformats-officedocument.obfuscatedFont";
const CT_CORE: &str = "application/vnd.openxmlformats-package.core-properties+xml";
const CT_APP: &str = "application/vnd.openxmlformats-officedocument.extended-properties+xml";
const CT_CUSTOM: &str = "application/vnd.openxmlformats-officedocument.custom-properties+xml";
const CT_RELS: &str = "application/vnd.openxmlformats-package.relationships+xml";

/// Relationship type URIs.
pub(super) const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/// A relationships part listing `(id, type, target)`.
pub(super) fn rels_xml(rels: &[(String, String, String)]) -> Vec<u8> {
    let mut x = String::new();
    x.push_str(XML_DECL);
    x.push_str(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#);
    for (id, kind, target) in rels {
        let _ = write!(x, r#"<Relationship Id="{id}" Type="{REL}{kind}" Target="{}"/>"#, esc(target));
    }
    x.push_str("</Relationships>");
    x.into_bytes()
}

/// The package root docx-rs writes: `_rels/.rels`, `docProps/app.xml` and
/// `docProps/custom.xml`.
pub(super) fn package_root() -> Vec<Part> {
    let parts = docx_rs::Docx::new().build();
    vec![
        Part::rels("_rels/.rels", parts.rels),
        Part::new("docProps/app.xml", CT_APP, parts.doc_props.app),
        Part::new("docProps/custom.xml", CT_CUSTOM, parts.doc_props.custom),
    ]
}

/// The core properties part.
pub(super) fn core_part(doc: &Document) -> Part {
    Part::new("docProps/core.xml", CT_CORE, core_xml(doc).into_bytes())
}

/// Packs the parts, deflated, in the given order with fixed timestamps, after
/// a `[Content_Types].xml` listing exactly them.
pub(super) fn pack(parts: Vec<Part>) -> Result<Vec<u8>, String> {
    debug_assert!(CT_DOCUMENT.starts_with(CT));
    let mut types = String::new();
    types.push_str(XML_DECL);
    types.push_str(r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#);
    let _ = write!(types, r#"<Default Extension="rels" ContentType="{CT_RELS}"/><Default Extension="xml" ContentType="application/xml"/>"#);
    if parts.iter().any(|p| p.content_type == Some(CT_FONT)) {
        let _ = write!(types, r#"<Default Extension="odttf" ContentType="{CT_FONT}"/>"#);
    }
    for p in &parts {
        match p.content_type {
            Some(CT_FONT) | None => {}
            Some(ct) => {
                let _ = write!(types, r#"<Override PartName="/{}" ContentType="{ct}"/>"#, p.name);
            }
        }
    }
    types.push_str("</Types>");
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let first = Part::rels("[Content_Types].xml", types.into_bytes());
    for part in std::iter::once(first).chain(parts) {
        let name = part.name;
        match part.packed {
            Some(packed) => {
                let mut one = zip::ZipArchive::new(Cursor::new(packed)).map_err(|e| format!("docx: {name}: {e}"))?;
                let entry = one.by_index_raw(0).map_err(|e| format!("docx: {name}: {e}"))?;
                zip.raw_copy_file_rename(entry, name.as_str()).map_err(|e| format!("docx: {name}: {e}"))?;
            }
            None => {
                zip.start_file(name.as_str(), options()).map_err(|e| format!("docx: {name}: {e}"))?;
                zip.write_all(&part.data).map_err(|e| format!("docx: {name}: {e}"))?;
            }
        }
    }
    let cursor = zip.finish().map_err(|e| format!("docx: {e}"))?;
    Ok(cursor.into_inner())
}

/// How every part is stored: deflated, with a fixed time and permissions.
fn options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644)
}

/// A zip of one entry, stored as [`pack`] stores a part.
pub(super) fn pack_one(name: &str, data: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // writing to memory does not fail
    let _ = zip.start_file(name, options()).and_then(|()| zip.write_all(data).map_err(Into::into));
    zip.finish().map(Cursor::into_inner).unwrap_or_default()
}
