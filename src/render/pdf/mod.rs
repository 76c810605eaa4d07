//! The PDF renderer: layout ([`layout`]) with shaped Thai text ([`text`]),
//! then printpdf for the page content and the embedded font subsets, then a
//! last pass over the file for what printpdf does not write: the nested
//! outline (bookmarks), the document language and a stable file identifier.
//!
//! Every text line is wrapped in a marked-content span whose `/ActualText` is
//! the line exactly as written, so copying and text extraction give back the
//! Thai text even where the shaper reordered or merged glyphs; each glyph's
//! ToUnicode entry is its own characters for extractors that ignore ActualText.

pub mod image;
pub mod layout;
pub mod text;

use std::collections::BTreeMap;

use printpdf::{
    Color, Codepoint, DictItem, FontId, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, Rgb, TextItem,
    TextMatrix, WindingOrder,
};

use crate::doc::Document;
use crate::fonts::{self, Face};
use crate::template::TimelineStyle;
use layout::{Item, Laid};
use text::Typesetter;

/// Resource names of the four faces; the first six letters are the subset tag.
fn font_id(face: Face) -> FontId {
    FontId(
        match face {
            Face::Regular => "PHAENR",
            Face::Bold => "PHAENB",
            Face::Italic => "PHAENI",
            Face::BoldItalic => "PHAENX",
        }
        .to_string(),
    )
}

/// How the timeline's active months are drawn, and in which colour.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Bar, arrow or shading.
    pub timeline: TimelineStyle,
    /// Colour of bars and arrows.
    pub color: [u8; 3],
}

impl Default for Options {
    fn default() -> Self {
        Options { timeline: TimelineStyle::Bar, color: [70, 110, 170] }
    }
}

/// Renders the document to the bytes of a PDF file.
pub fn render(doc: &Document, ts: &Typesetter, opts: Options) -> Result<Vec<u8>, String> {
    render_laid(doc, ts, opts).map(|(bytes, _)| bytes)
}

/// Renders the document to the bytes of a PDF file and also returns its
/// layout: warnings for the author and the tables' column widths.
pub fn render_laid(doc: &Document, ts: &Typesetter, opts: Options) -> Result<(Vec<u8>, Laid), String> {
    let laid = layout::layout(doc, ts, (opts.timeline, opts.color))?;
    let bytes = write(doc, &laid)?;
    Ok((bytes, laid))
}

fn rgb(c: [u8; 3]) -> Color {
    Color::Rgb(Rgb { r: c[0] as f32 / 255.0, g: c[1] as f32 / 255.0, b: c[2] as f32 / 255.0, icc_profile: None })
}

fn utf16_string(s: &str) -> DictItem {
    let mut data = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        data.extend_from_slice(&u.to_be_bytes());
    }
    DictItem::String { data, literal: false }
}

fn write(doc: &Document, laid: &Laid) -> Result<Vec<u8>, String> {
    let mut pdf = PdfDocument::new(&doc.meta.title);
    pdf.metadata.info.author = doc.meta.author.clone();
    pdf.metadata.info.subject = doc.meta.subject.clone();
    pdf.metadata.info.creator = "phaen".into();
    pdf.metadata.info.producer = format!("phaen {}", env!("CARGO_PKG_VERSION"));
    let used: std::collections::BTreeSet<Face> = laid
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text { line, .. } => Some(line.glyphs.iter().map(|g| g.face)),
            _ => None,
        })
        .flatten()
        .collect();
    for face in &used {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(fonts::data(*face), 0, &mut warnings).ok_or_else(|| format!("font {} could not be read", face.file()))?;
        pdf.resources.fonts.map.insert(font_id(*face), PdfFont::new(parsed));
    }

    let mut images: Vec<(std::sync::Arc<Vec<u8>>, printpdf::XObjectId)> = Vec::new();
    let mut pages = Vec::with_capacity(laid.pages.len());
    for page in &laid.pages {
        let h = page.height;
        let mut ops = Vec::new();
        for item in &page.items {
            match item {
                Item::Mark(_) => {}
                Item::Rect { x, y, w, h: rh, fill, stroke } => {
                    let mode = match (fill, stroke) {
                        (Some(_), Some(_)) => PaintMode::FillStroke,
                        (Some(_), None) => PaintMode::Fill,
                        _ => PaintMode::Stroke,
                    };
                    ops.push(Op::SaveGraphicsState);
                    if let Some(c) = fill {
                        ops.push(Op::SetFillColor { col: rgb(*c) });
                    }
                    if let Some(wd) = stroke {
                        ops.push(Op::SetOutlineColor { col: rgb([0, 0, 0]) });
                        ops.push(Op::SetOutlineThickness { pt: Pt(*wd) });
                    }
                    ops.push(Op::DrawRectangle { rectangle: Rect { x: Pt(*x), y: Pt(h - y - rh), width: Pt(*w), height: Pt(*rh), mode: Some(mode), winding_order: Some(WindingOrder::NonZero) } });
                    ops.push(Op::RestoreGraphicsState);
                }
                Item::Segment { from, to, width, color } => {
                    ops.push(Op::SaveGraphicsState);
                    ops.push(Op::SetOutlineColor { col: rgb(*color) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: printpdf::Line {
                            points: vec![
                                LinePoint { p: Point { x: Pt(from.0), y: Pt(h - from.1) }, bezier: false },
                                LinePoint { p: Point { x: Pt(to.0), y: Pt(h - to.1) }, bezier: false },
                            ],
                            is_closed: false,
                        },
                    });
                    ops.push(Op::RestoreGraphicsState);
                }
                Item::Triangle { points, color } => {
                    ops.push(Op::SaveGraphicsState);
                    ops.push(Op::SetFillColor { col: rgb(*color) });
                    ops.push(Op::DrawPolygon {
                        polygon: Polygon {
                            rings: vec![PolygonRing { points: points.iter().map(|p| LinePoint { p: Point { x: Pt(p.0), y: Pt(h - p.1) }, bezier: false }).collect() }],
                            mode: PaintMode::Fill,
                            winding_order: WindingOrder::NonZero,
                        },
                    });
                    ops.push(Op::RestoreGraphicsState);
                }
                Item::Image { x, y, w, h: ih, image } => {
                    let id = match images.iter().find(|(b, _)| std::sync::Arc::ptr_eq(b, &image.bytes)) {
                        Some((_, id)) => id.clone(),
                        None => {
                            let id = printpdf::XObjectId(format!("Im{}", images.len() + 1));
                            pdf.resources.xobjects.map.insert(id.clone(), image_xobject(image)?);
                            images.push((image.bytes.clone(), id.clone()));
                            id
                        }
                    };
                    ops.push(Op::UseXobject {
                        id,
                        transform: printpdf::XObjectTransform {
                            translate_x: Some(Pt(round(*x))),
                            translate_y: Some(Pt(round(h - y - ih))),
                            scale_x: Some(round(*w)),
                            scale_y: Some(round(*ih)),
                            no_auto_scale: true,
                            ..Default::default()
                        },
                    });
                }
                Item::Text { x, baseline, size, line, rotated } => {
                    if line.glyphs.is_empty() {
                        continue;
                    }
                    let mut props = BTreeMap::new();
                    props.insert("ActualText".to_string(), utf16_string(&line.text));
                    ops.push(Op::StartTextSection);
                    ops.push(Op::BeginMarkedContentWithProperties { tag: "Span".into(), properties: DictItem::Dict { map: props } });
                    let mut current: Option<Face> = None;
                    for g in &line.glyphs {
                        if current != Some(g.face) {
                            ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(g.face)), size: Pt(*size) });
                            current = Some(g.face);
                        }
                        let m = if *rotated {
                            // turned a quarter to the left: text x runs up the page, text y to the left
                            [0.0, 1.0, -1.0, 0.0, round(x - g.y), round(h - baseline + g.x)]
                        } else {
                            [1.0, 0.0, 0.0, 1.0, round(x + g.x), round(h - baseline + g.y)]
                        };
                        ops.push(Op::SetTextMatrix { matrix: TextMatrix::Raw(m) });
                        ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(vec![Codepoint::with_cid(g.gid, 0.0, g.text.clone())])] });
                    }
                    ops.push(Op::EndMarkedContent);
                    ops.push(Op::EndTextSection);
                }
            }
        }
        pages.push(PdfPage::new(Mm(page.width / text::PT_PER_MM), Mm(page.height / text::PT_PER_MM), ops));
    }
    pdf.pages = pages;

    let mut warnings = Vec::new();
    let opts = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    finish(&mut lo, doc, laid)?;
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out).map_err(|e| format!("writing the PDF failed: {e}"))?;
    Ok(out)
}

/// A picture as an image XObject for printpdf's resources.
fn image_xobject(img: &crate::doc::Image) -> Result<printpdf::XObject, String> {
    let x = image::xobject(img)?;
    let mut dict = BTreeMap::new();
    dict.insert("Type".to_string(), DictItem::Name(b"XObject".to_vec()));
    dict.insert("Subtype".to_string(), DictItem::Name(b"Image".to_vec()));
    dict.insert("Width".to_string(), DictItem::Int(x.width as i64));
    dict.insert("Height".to_string(), DictItem::Int(x.height as i64));
    dict.insert("ColorSpace".to_string(), DictItem::Name(x.color_space.as_bytes().to_vec()));
    dict.insert("BitsPerComponent".to_string(), DictItem::Int(8));
    if let Some(f) = x.filter {
        dict.insert("Filter".to_string(), DictItem::Name(f.as_bytes().to_vec()));
    }
    let compress = x.filter.is_none();
    Ok(printpdf::XObject::External(printpdf::ExternalXObject { stream: printpdf::ExternalStream { dict, content: x.data, compress }, width: None, height: None, dpi: None }))
}

/// Rounds a coordinate to 1/100 pt so the file does not depend on float noise.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// Adds the outline, language, version and a content-derived file identifier.
fn finish(lo: &mut lopdf::Document, doc: &Document, laid: &Laid) -> Result<(), String> {
    use lopdf::{Dictionary, Object, StringFormat};
    lo.version = "1.7".into();
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().values().copied().collect();
    let catalog_id = lo.trailer.get(b"Root").and_then(Object::as_reference).map_err(|e| format!("PDF has no catalog: {e}"))?;

    // nested outline from the headings
    let headings: Vec<&layout::Heading> = laid.headings.iter().filter(|h| h.level >= 1 && h.level <= 3 && h.page < page_ids.len()).collect();
    let outlines_id = lo.new_object_id();
    let ids: Vec<lopdf::ObjectId> = headings.iter().map(|_| lo.new_object_id()).collect();
    // parent of each entry: the nearest earlier entry of a smaller level
    let mut parent: Vec<Option<usize>> = vec![None; headings.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        while let Some(&top) = stack.last() {
            if headings[top].level >= h.level {
                stack.pop();
            } else {
                break;
            }
        }
        parent[i] = stack.last().copied();
        stack.push(i);
    }
    let children = |p: Option<usize>| -> Vec<usize> { (0..headings.len()).filter(|&i| parent[i] == p).collect() };
    fn count_desc(i: usize, parent: &[Option<usize>]) -> i64 {
        (0..parent.len()).filter(|&j| parent[j] == Some(i)).map(|j| 1 + count_desc(j, parent)).sum()
    }
    for (i, h) in headings.iter().enumerate() {
        let siblings = children(parent[i]);
        let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let page = &laid.pages[h.page];
        let mut d = Dictionary::new();
        let mut title = vec![0xFE, 0xFF];
        for u in h.text.encode_utf16() {
            title.extend_from_slice(&u.to_be_bytes());
        }
        d.set("Title", Object::String(title, StringFormat::Hexadecimal));
        d.set("Parent", Object::Reference(parent[i].map(|p| ids[p]).unwrap_or(outlines_id)));
        d.set("Dest", Object::Array(vec![Object::Reference(page_ids[h.page]), "XYZ".into(), Object::Null, Object::Real(round(page.height - h.y + 4.0)), Object::Null]));
        if pos > 0 {
            d.set("Prev", Object::Reference(ids[siblings[pos - 1]]));
        }
        if pos + 1 < siblings.len() {
            d.set("Next", Object::Reference(ids[siblings[pos + 1]]));
        }
        let kids = children(Some(i));
        if let (Some(&f), Some(&l)) = (kids.first(), kids.last()) {
            d.set("First", Object::Reference(ids[f]));
            d.set("Last", Object::Reference(ids[l]));
            // parts open, deeper levels closed
            let n = count_desc(i, &parent);
            d.set("Count", Object::Integer(if h.level == 1 { n } else { -n }));
        }
        lo.objects.insert(ids[i], Object::Dictionary(d));
    }
    let top = children(None);
    let catalog = lo.get_object_mut(catalog_id).and_then(Object::as_dict_mut).map_err(|e| format!("PDF catalog: {e}"))?;
    catalog.set("Lang", Object::String(doc.meta.language.as_bytes().to_vec(), StringFormat::Literal));
    catalog.set("ViewerPreferences", Object::Dictionary(Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))])));
    if let (Some(&f), Some(&l)) = (top.first(), top.last()) {
        catalog.set("Outlines", Object::Reference(outlines_id));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        let total = headings.len() as i64;
        lo.objects.insert(
            outlines_id,
            Object::Dictionary(Dictionary::from_iter(vec![("Type", Object::Name(b"Outlines".to_vec())), ("First", Object::Reference(ids[f])), ("Last", Object::Reference(ids[l])), ("Count", Object::Integer(total))])),
        );
    } else {
        catalog.remove(b"Outlines");
    }

    // a file identifier derived from the content, so the same input gives the same bytes
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash ^= *b as u64;
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(doc.meta.title.as_bytes());
    for p in &laid.pages {
        for item in &p.items {
            if let Item::Text { line, .. } = item {
                feed(line.text.as_bytes());
            }
        }
    }
    let id = format!("{hash:016x}{:016x}", hash.rotate_left(29) ^ laid.pages.len() as u64);
    lo.trailer.set("ID", Object::Array(vec![Object::String(id.as_bytes().to_vec(), StringFormat::Hexadecimal), Object::String(id.as_bytes().to_vec(), StringFormat::Hexadecimal)]));
    Ok(())
}
