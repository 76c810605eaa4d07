//! What makes the file an archival copy (PDF/A-3u): the document information
//! and the same facts as XMP metadata, the sRGB output intent, and the plan's
//! own source files embedded as associated files.
//!
//! Dates come from the document ([`crate::doc::Meta::date`]), never from the
//! clock, so the same plan gives the same bytes; a document without a date
//! carries none.
//!
//! The output intent's profile is `assets/icc/sRGB.icc`, a compact sRGB
//! profile (736 bytes, CC0; see `assets/icc/README.md`).

use std::fmt::Write as _;

use super::object::{self, r, Id, Writer};
use crate::doc::{Attachment, Meta, Timestamp};

/// The sRGB profile of the output intent (736 bytes).
const SRGB: &[u8] = include_bytes!("../../../assets/icc/sRGB.icc");

/// Which standards the file claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standard {
    /// PDF/A-3u: output intent, XMP identification, associated files.
    pub archival: bool,
    /// PDF/UA-1: structure tree, marked content, artifacts.
    pub accessible: bool,
}

impl Default for Standard {
    fn default() -> Self {
        Standard { archival: true, accessible: true }
    }
}

/// The date as the Info dictionary writes it: `D:20191001000000+07'00'`.
pub fn pdf_date(t: &Timestamp) -> String {
    let mut s = format!("D:{:04}{:02}{:02}{:02}{:02}{:02}", t.year, t.month, t.day, t.hour, t.minute, t.second);
    zone(&mut s, t, true);
    s
}

/// The date as XMP writes it: `2019-10-01T00:00:00+07:00`.
pub fn xmp_date(t: &Timestamp) -> String {
    let mut s = format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", t.year, t.month, t.day, t.hour, t.minute, t.second);
    zone(&mut s, t, false);
    s
}

fn zone(s: &mut String, t: &Timestamp, pdf: bool) {
    if t.offset_minutes == 0 {
        s.push('Z');
        return;
    }
    let sign = if t.offset_minutes < 0 { '-' } else { '+' };
    let m = t.offset_minutes.unsigned_abs();
    if pdf {
        let _ = write!(s, "{sign}{:02}'{:02}'", m / 60, m % 60);
    } else {
        let _ = write!(s, "{sign}{:02}:{:02}", m / 60, m % 60);
    }
}

/// The name of the program and its version, as Producer and CreatorTool.
pub fn producer() -> String {
    format!("phaen {}", env!("CARGO_PKG_VERSION"))
}

/// Writes the Info dictionary and returns its number.
pub fn info(w: &mut Writer, meta: &Meta) -> Id {
    let mut d = format!("<< /Title {} /Author {} /Creator {} /Producer {}", object::text(&meta.title), object::text(&meta.author), object::ascii("phaen"), object::ascii(&producer()));
    if !meta.subject.is_empty() {
        let _ = write!(d, " /Subject {}", object::text(&meta.subject));
    }
    if let Some(t) = &meta.date {
        let date = object::ascii(&pdf_date(t));
        let _ = write!(d, " /CreationDate {date} /ModDate {date}");
    }
    d.push_str(" >>");
    w.add(d)
}

use crate::render::xml_escape as xml;

/// Writes the XMP metadata stream (uncompressed, so file tools can read it)
/// and returns its number.
pub fn xmp(w: &mut Writer, meta: &Meta, standard: Standard) -> Id {
    let mut x = String::from("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    let _ = write!(
        x,
        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n\
<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
        xml(&meta.title),
        xml(&meta.author)
    );
    if !meta.subject.is_empty() {
        let _ = writeln!(x, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>", xml(&meta.subject));
    }
    let _ = writeln!(x, "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>", xml(&meta.language));
    let _ = writeln!(x, "<xmp:CreatorTool>phaen</xmp:CreatorTool>\n<pdf:Producer>{}</pdf:Producer>", xml(&producer()));
    if let Some(t) = &meta.date {
        let d = xmp_date(t);
        let _ = writeln!(x, "<xmp:CreateDate>{d}</xmp:CreateDate>\n<xmp:ModifyDate>{d}</xmp:ModifyDate>\n<xmp:MetadataDate>{d}</xmp:MetadataDate>");
    }
    x.push_str("</rdf:Description>\n");
    if standard.archival {
        x.push_str("<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n<pdfaid:part>3</pdfaid:part>\n<pdfaid:conformance>U</pdfaid:conformance>\n</rdf:Description>\n");
    }
    if standard.accessible {
        x.push_str("<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n<pdfuaid:part>1</pdfuaid:part>\n</rdf:Description>\n");
        if standard.archival {
            // PDF/A accepts properties outside its predefined schemas only when described
            x.push_str(
                "<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n\
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n\
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n\
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n\
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n\
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n\
<pdfaProperty:name>part</pdfaProperty:name>\n\
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n\
<pdfaProperty:category>internal</pdfaProperty:category>\n\
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n\
</rdf:li></rdf:Seq></pdfaSchema:property>\n\
</rdf:li></rdf:Bag></pdfaExtension:schemas>\n\
</rdf:Description>\n",
            );
        }
    }
    x.push_str("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    w.add_stream(" /Type /Metadata /Subtype /XML", x.as_bytes(), false)
}

/// Writes the sRGB output intent and returns its number.
pub fn output_intent(w: &mut Writer) -> Id {
    let profile = w.add_stream(" /N 3", SRGB, true);
    w.add(format!(
        "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB) /Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) /DestOutputProfile {} >>",
        r(profile)
    ))
}

/// Writes the embedded files and returns the file specifications with
/// their names, sorted by name (as the name tree wants).
pub fn attachments(w: &mut Writer, files: &[Attachment], date: Option<&Timestamp>) -> Vec<(String, Id)> {
    let packed: Vec<Vec<u8>> = files.iter().map(|a| object::deflate(&a.data)).collect();
    attachments_deflated(w, files, &packed, date)
}

/// [`attachments`], their data already compressed by [`object::deflate`]
/// (`packed[i]` for `files[i]`), so that it can be done on another thread.
pub fn attachments_deflated(w: &mut Writer, files: &[Attachment], packed: &[Vec<u8>], date: Option<&Timestamp>) -> Vec<(String, Id)> {
    let mut out = Vec::new();
    for (a, packed) in files.iter().zip(packed) {
        let mut params = format!("/Size {}", a.data.len());
        if let Some(t) = date {
            let _ = write!(params, " /ModDate {}", object::ascii(&pdf_date(t)));
        }
        let file = w.reserve();
        w.stream_deflated(file, &format!(" /Type /EmbeddedFile /Subtype {} /Params << {params} >>", object::name(&a.mime)), packed);
        let spec = w.add(format!(
            "<< /Type /Filespec /F {} /UF {} /Desc {} /AFRelationship /Source /EF << /F {} /UF {} >> >>",
            object::ascii(&ascii_name(&a.name)),
            object::text(&a.name),
            object::text(&a.description),
            r(file),
            r(file)
        ));
        out.push((a.name.clone(), spec));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The file name for readers that only know `/F` (a byte string): letters
/// outside ASCII become `_`; `/UF` keeps the real name.
fn ascii_name(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '_' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_forms() {
        let t = Timestamp::thai_date(2019, 10, 1);
        assert_eq!(pdf_date(&t), "D:20191001000000+07'00'");
        assert_eq!(xmp_date(&t), "2019-10-01T00:00:00+07:00");
        let u = Timestamp::from_unix(0);
        assert_eq!(pdf_date(&u), "D:19700101000000Z");
        assert_eq!(xmp_date(&u), "1970-01-01T00:00:00Z");
    }
}
