//! The PDF renderer: layout ([`layout`]) with shaped Thai text ([`text`]),
//! then the file written directly: page content streams ([`content`]),
//! embedded font subsets ([`embed`], with cluster glyphs added by [`sfnt`]), the structure tree of a tagged PDF
//! ([`tagged`]), the archival metadata, output intent and embedded source
//! files ([`archive`], read back by [`extract`]), all through a small object writer ([`object`]) that
//! packs dictionaries into object streams and ends with a cross-reference
//! stream. The nested outline (bookmarks), document language and a
//! content-derived file identifier are written here.
//!
//! Why not printpdf's page layer: it represents every glyph as two `Op`
//! values (about 180 bytes each), keeps every page's operations until the
//! end, and prints kerning at full float precision (`-0.000000000006252776`);
//! on the example that was 41,421 kern numbers, 471 KB of 1.13 MB of decoded
//! content, and two thirds of the peak memory of a long plan. Here each
//! page's content is written as bytes and handed to a second thread that
//! compresses it while the next pages are written (only the compressed bytes
//! wait, to go into the file after the last page, in page order); glyph positions are whole numbers in 1/1000
//! em. printpdf still does what it does well: subsetting the fonts.
//!
//! Text is shown by codes that extract as written: a Thai consonant with its
//! marks is one cluster glyph standing for the cluster's characters
//! ([`embed`], [`sfnt`]), and a line that poppler would not read back
//! exactly from its glyphs (a justified line, a contents line with leader
//! dots) carries its text as `/ActualText` ([`content`]).

pub mod archive;
pub mod content;
pub mod embed;
pub mod extract;
pub mod image;
pub mod layout;
pub mod object;
pub mod prepare;
pub mod sfnt;
pub mod tagged;
pub mod text;

use std::fmt::Write as _;

pub use archive::Standard;
use crate::doc::Document;
use crate::template::TimelineStyle;
use embed::Fonts;
use layout::{Element, Item, Laid, Tag};
use object::{num, r, Id, Writer};
use text::Typesetter;

/// How the document is drawn and which standards the file meets.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Bar, arrow or shading.
    pub timeline: TimelineStyle,
    /// Colour of bars and arrows.
    pub color: [u8; 3],
    /// PDF/A-3u and/or PDF/UA-1.
    pub standard: Standard,
}

impl Default for Options {
    fn default() -> Self {
        Options { timeline: TimelineStyle::Bar, color: [70, 110, 170], standard: Standard::default() }
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
    let bytes = write(doc, &laid, opts.standard)?;
    Ok((bytes, laid))
}

/// Writes the bytes of a PDF file from a finished layout (the second half
/// of [`render_laid`], for callers that use the layout meanwhile).
pub fn write_laid(doc: &Document, laid: &Laid, opts: Options) -> Result<Vec<u8>, String> {
    write(doc, laid, opts.standard)
}

/// FNV-1a over everything fed, for a file identifier that depends only on the content.
struct Hash(u64);

impl Hash {
    fn feed(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= *b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

fn write(doc: &Document, laid: &Laid, standard: Standard) -> Result<Vec<u8>, String> {
    let (pages, headings) = (&laid.pages, &laid.headings);
    // the writer adds a link element in each table-of-contents entry
    let mut elements = laid.elements.clone();
    let tagged = standard.accessible;
    let mut w = Writer::new();
    let catalog = w.reserve();
    let pages_id = w.reserve();
    let page_ids: Vec<Id> = pages.iter().map(|_| w.reserve()).collect();
    let sizes: Vec<(f32, f32)> = pages.iter().map(|p| (p.width, p.height)).collect();
    let mut fonts = Fonts::new();
    let mut images = content::Images::default();
    let mut hash = Hash(0xcbf2_9ce4_8422_2325);
    hash.feed(doc.meta.title.as_bytes());
    let mut page_mcids = Vec::with_capacity(pages.len());
    let npages = pages.len();
    // (link element, page, annotation)
    let mut links: Vec<(usize, usize, Id)> = Vec::new();
    // page contents are compressed on a second thread while the next pages
    // are written, and go into the file after the last page, in page order
    // (so the bytes do not depend on which thread was quicker)
    let (raw_tx, raw_rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(4);
    let (packed_tx, packed_rx) = std::sync::mpsc::channel::<Vec<u8>>();
    let mut content_ids = Vec::with_capacity(npages);
    let (packed_files, hashed) = std::thread::scope(|scope| -> Result<(Vec<Vec<u8>>, Hash), String> {
        // owned here, so that an error below ends the compressing thread too
        let raw_tx = raw_tx;
        // the embedded files are compressed meanwhile, too
        let files = scope.spawn(|| doc.attachments.iter().map(|a| object::deflate(&a.data)).collect::<Vec<_>>());
        // the compressing thread feeds the contents to the file's hash too,
        // in page order (a byte at a time, it took the page loop about 0.3 ms)
        let mut hash = Hash(hash.0);
        let compress = scope.spawn(move || {
            for raw in raw_rx {
                hash.feed(&raw);
                if packed_tx.send(object::deflate(&raw)).is_err() {
                    break;
                }
            }
            hash
        });
        for (i, page) in pages.iter().enumerate() {
            let c = content::page(page, &elements, tagged, &mut fonts, &mut images, &mut w)?;
            let contents = w.reserve();
            content_ids.push(contents);
            let _ = raw_tx.send(c.bytes);
            let mut annots = Vec::new();
            if tagged {
                for (e, rect) in toc_boxes(page, &elements) {
                    let Tag::TocItem(hi) = elements[e].tag else { continue };
                    let Some(target) = headings.get(hi).filter(|h| h.page < page_ids.len()) else { continue };
                    let link = elements.len();
                    elements.push(Element { tag: Tag::Link, parent: Some(e), latin: false });
                    let id = w.reserve();
                    let key = npages + links.len();
                    let th = sizes[target.page].1;
                    w.object(
                        id,
                        format!(
                            "<< /Type /Annot /Subtype /Link /F 4 /Rect [{} {} {} {}] /Border [0 0 0] /Contents {} /StructParent {key} /Dest [{} /XYZ null {} null] >>",
                            num(rect[0]),
                            num(rect[1]),
                            num(rect[2]),
                            num(rect[3]),
                            object::text(&target.text),
                            r(page_ids[target.page]),
                            num(th - target.y + 4.0)
                        ),
                    );
                    annots.push(r(id));
                    links.push((link, i, id));
                }
            }
            let fonts_dict: String = c.fonts.iter().map(|(name, id)| format!(" /{name} {}", r(*id))).collect();
            let mut resources = format!("/Font <<{fonts_dict} >>");
            if !c.xobjects.is_empty() {
                let x: String = c.xobjects.iter().map(|(name, id)| format!(" /{name} {}", r(*id))).collect();
                let _ = write!(resources, " /XObject <<{x} >>");
            }
            let mut d = format!("<< /Type /Page /Parent {} /MediaBox [0 0 {} {}] /Resources << {resources} >> /Contents {}", r(pages_id), mm3(page.width), mm3(page.height), r(contents));
            if tagged {
                let _ = write!(d, " /StructParents {i} /Tabs /S");
            }
            if !annots.is_empty() {
                let _ = write!(d, " /Annots [{}]", annots.join(" "));
            }
            d.push_str(" >>");
            w.object(page_ids[i], d);
            page_mcids.push(c.mcids);
        }
        drop(raw_tx);
        for (&id, packed) in content_ids.iter().zip(packed_rx.iter()) {
            w.stream_deflated(id, "", &packed);
        }
        let hashed = compress.join().map_err(|_| "the pages could not be compressed".to_string())?;
        Ok((files.join().map_err(|_| "the embedded files could not be compressed".to_string())?, hashed))
    })?;
    hash = hashed;
    let kids: Vec<String> = page_ids.iter().map(|&id| r(id)).collect();
    w.object(pages_id, format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), page_ids.len()));
    fonts.finish(&mut w)?;

    let mut cat = format!("<< /Type /Catalog /Pages {} /Lang {} /ViewerPreferences << /DisplayDocTitle true >>", r(pages_id), object::ascii(&doc.meta.language));
    if let Some(outline) = outline(&mut w, headings, &page_ids, &sizes) {
        let _ = write!(cat, " /Outlines {} /PageMode /UseOutlines", r(outline));
    }
    let xmp = archive::xmp(&mut w, &doc.meta, standard);
    let _ = write!(cat, " /Metadata {}", r(xmp));
    if standard.archival {
        let oi = archive::output_intent(&mut w);
        let _ = write!(cat, " /OutputIntents [{}]", r(oi));
    }
    if tagged {
        let root = tagged::write(&mut w, &elements, &page_ids, &page_mcids, &links, &doc.meta.language);
        let _ = write!(cat, " /MarkInfo << /Marked true >> /StructTreeRoot {}", r(root));
    }
    if !doc.attachments.is_empty() {
        let files = archive::attachments_deflated(&mut w, &doc.attachments, &packed_files, doc.meta.date.as_ref());
        let af: Vec<String> = files.iter().map(|(_, id)| r(*id)).collect();
        let names: Vec<String> = files.iter().map(|(n, id)| format!("{} {}", object::text(n), r(*id))).collect();
        let _ = write!(cat, " /AF [{}] /Names << /EmbeddedFiles << /Names [{}] >> >>", af.join(" "), names.join(" "));
        for a in &doc.attachments {
            hash.feed(&a.data);
        }
    }
    cat.push_str(" >>");
    w.object(catalog, cat);
    let info = archive::info(&mut w, &doc.meta);

    let h = hash.0;
    let id = format!("{h:016x}{:016x}", h.rotate_left(29) ^ page_ids.len() as u64);
    Ok(w.finish(&format!(" /Root {} /Info {} /ID [<{id}> <{id}>]", r(catalog), r(info))))
}

/// A page dimension to 1/1000 pt (A4 is 595.276 × 841.89).
fn mm3(v: f32) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The area of each table-of-contents entry's lines on a page, in PDF
/// coordinates (left, bottom, right, top), by element.
fn toc_boxes(page: &layout::Page, elements: &[Element]) -> Vec<(usize, [f32; 4])> {
    let mut out: Vec<(usize, [f32; 4])> = Vec::new();
    let mut mark = None;
    for item in &page.items {
        match item {
            Item::Mark(m) => mark = *m,
            Item::Text { x, baseline, size, line, rotated: false } => {
                let Some(e) = mark.filter(|&e| matches!(elements[e].tag, Tag::TocItem(_))) else { continue };
                let right = x + line.glyphs.iter().map(|g| g.x).fold(0.0, f32::max) + size * 0.6;
                let rect = [*x, page.height - baseline - size * 0.35, right, page.height - baseline + size * 0.9];
                match out.last_mut() {
                    Some((le, r)) if *le == e => {
                        r[0] = r[0].min(rect[0]);
                        r[1] = r[1].min(rect[1]);
                        r[2] = r[2].max(rect[2]);
                        r[3] = r[3].max(rect[3]);
                    }
                    _ => out.push((e, rect)),
                }
            }
            _ => {}
        }
    }
    out
}

/// Writes the nested outline of the headings (levels 1–3) and returns its
/// number, or `None` when there are no headings.
fn outline(w: &mut Writer, all: &[layout::Heading], page_ids: &[Id], sizes: &[(f32, f32)]) -> Option<Id> {
    let headings: Vec<&layout::Heading> = all.iter().filter(|h| h.level >= 1 && h.level <= 3 && h.page < page_ids.len()).collect();
    if headings.is_empty() {
        return None;
    }
    let outlines_id = w.reserve();
    let ids: Vec<Id> = headings.iter().map(|_| w.reserve()).collect();
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
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); headings.len()];
    let mut top = Vec::new();
    for i in 0..headings.len() {
        match parent[i] {
            Some(p) => children[p].push(i),
            None => top.push(i),
        }
    }
    fn count_desc(i: usize, children: &[Vec<usize>]) -> i64 {
        children[i].iter().map(|&j| 1 + count_desc(j, children)).sum()
    }
    for (i, h) in headings.iter().enumerate() {
        let siblings = match parent[i] {
            Some(p) => &children[p],
            None => &top,
        };
        let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut d = format!(
            "<< /Title {} /Parent {} /Dest [{} /XYZ null {} null]",
            object::text(&h.text),
            r(parent[i].map(|p| ids[p]).unwrap_or(outlines_id)),
            r(page_ids[h.page]),
            num(sizes[h.page].1 - h.y + 4.0)
        );
        if pos > 0 {
            let _ = write!(d, " /Prev {}", r(ids[siblings[pos - 1]]));
        }
        if pos + 1 < siblings.len() {
            let _ = write!(d, " /Next {}", r(ids[siblings[pos + 1]]));
        }
        if let (Some(&f), Some(&l)) = (children[i].first(), children[i].last()) {
            // parts open, deeper levels closed
            let n = count_desc(i, &children);
            let _ = write!(d, " /First {} /Last {} /Count {}", r(ids[f]), r(ids[l]), if h.level == 1 { n } else { -n });
        }
        d.push_str(" >>");
        w.object(ids[i], d);
    }
    let (f, l) = (top[0], top[top.len() - 1]);
    w.object(outlines_id, format!("<< /Type /Outlines /First {} /Last {} /Count {} >>", r(ids[f]), r(ids[l]), headings.len()));
    Some(outlines_id)
}
