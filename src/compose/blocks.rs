//! Composition of the blocks a plan arranges freely (headings, paragraphs,
//! lists, tables, pictures, page breaks) into document blocks. Computed
//! blocks belong to a kind of plan and are composed by its module.
//!
//! Heading levels are those of the part they stand in: a plan's `heading`
//! is a section of the part (style `heading2`, listed in the table of
//! contents), `heading2` a subsection (`heading3`, in the bookmarks),
//! `heading3` a run-in heading (`heading4`).

use std::path::Path;
use std::sync::Arc;

use super::{err, Composer, Result};
use crate::doc::{self, Align, Cell, ImageFormat, ListItem, Row, Table, VAlign};
use crate::plan::blocks::{CellSpec, ImageRef, List, TableBlock};
use crate::plan::Block;
use crate::thai;

/// Pixels per millimetre of a picture printed at its own size (96 dpi).
const PX_PER_MM: f32 = 96.0 / 25.4;

impl Composer<'_> {
    /// Composes a general block; `None` for a computed block, which the
    /// kind's module composes.
    pub(crate) fn block(&self, b: &Block, path: &str) -> Result<Option<Vec<doc::Block>>> {
        Ok(Some(match b {
            Block::Paragraph(t) => vec![doc::Block::Paragraph(self.para("body", t, path)?)],
            Block::Heading(h) => {
                let style = match h.level {
                    1 => "heading2",
                    2 => "heading3",
                    _ => "heading4",
                };
                let key = ["", "heading", "heading2", "heading3"][h.level.min(3) as usize];
                let mut p = self.para(style, &h.text, &format!("{path}.{key}"))?;
                p.align = h.align.map(Into::into);
                vec![doc::Block::Paragraph(p)]
            }
            Block::List(l) => {
                let mut out = Vec::new();
                let key = if l.ordered { "list" } else { "bullets" };
                self.plan_list(l, 1, "", &format!("{path}.{key}"), &mut out)?;
                out
            }
            Block::Table(t) => self.plan_table(t, &format!("{path}.table"))?,
            Block::Image(i) => vec![doc::Block::Image(self.image(i, None, &format!("{path}.image"))?)],
            Block::PageBreak => vec![doc::Block::PageBreak],
            Block::ItaHistory(_) | Block::ItaIndicators(_) | Block::Misconduct(_) => return Ok(None),
        }))
    }

    /// Items of a list at `level` (1 = outermost), numbered after `prefix` (`๑.` for `๑.๑`).
    fn plan_list(&self, l: &List, level: u8, prefix: &str, path: &str, out: &mut Vec<doc::Block>) -> Result<()> {
        let style = match level {
            1 => "list",
            2 => "list2",
            _ => "list3",
        };
        for (i, item) in l.items.iter().enumerate() {
            let ipath = format!("{path}[{i}]");
            let number = format!("{prefix}{}", self.num(i + 1));
            let mut p = self.para(style, &item.text, &ipath)?;
            p.label = match (l.ordered, level) {
                (true, 1) => format!("{number}."),
                (true, _) => number.clone(),
                (false, _) => "-".into(),
            };
            p.list = Some(ListItem { level, ordered: l.ordered });
            out.push(doc::Block::Paragraph(p));
            if let Some(sub) = &item.sub {
                let key = if sub.ordered { "list" } else { "bullets" };
                self.plan_list(sub, level + 1, &format!("{number}."), &format!("{ipath}.{key}"), out)?;
            }
        }
        Ok(())
    }

    fn plan_table(&self, t: &TableBlock, path: &str) -> Result<Vec<doc::Block>> {
        let mut out = Vec::new();
        if let Some(c) = &t.caption {
            out.push(doc::Block::Paragraph(self.para("caption", c, &format!("{path}.caption"))?));
        }
        let header = &t.header.0;
        let width_of = |row: &[CellSpec]| row.iter().map(|c| c.colspan).sum::<usize>();
        let ncols = match &t.widths {
            Some(w) => w.len(),
            None => header.first().or(t.rows.first()).map(|r| width_of(r)).unwrap_or(0),
        };
        if ncols == 0 {
            return Err(err(path, "the table has no columns; give it `rows:` of cells, e.g. rows: [[a, b]]"));
        }
        if let Some(w) = &t.widths {
            if w.iter().any(|x| !(x.is_finite() && *x > 0.0)) {
                return Err(err(format!("{path}.widths"), "a column width must be a positive number; widths are relative, e.g. [30, 70]"));
            }
        }
        let widths: Vec<f32> = t.widths.clone().unwrap_or_else(|| vec![1.0; ncols]);
        let total: f32 = widths.iter().sum();
        let columns: Vec<f32> = widths.iter().map(|w| w / total).collect();

        let mut rows = Vec::new();
        // columns still covered by row spans from above
        let mut covered = vec![0usize; ncols];
        let all = header.iter().map(|r| (r, true, "header")).chain(t.rows.iter().map(|r| (r, false, "rows")));
        let mut index = [0usize; 2];
        for (row, is_header, key) in all {
            let n = &mut index[usize::from(!is_header)];
            let rpath = if key == "header" && header.len() == 1 { format!("{path}.header") } else { format!("{path}.{key}[{n}]") };
            *n += 1;
            let free = covered.iter().filter(|c| **c == 0).count();
            let used = width_of(row);
            if used > free {
                return Err(err(
                    rpath,
                    format!("this row fills {used} columns but the table has {ncols} ({} covered by a rowspan from above); remove a cell or a colspan, or give the table more `widths:`", ncols - free),
                ));
            }
            let mut cells = Vec::new();
            let mut col = 0;
            for (c, spec) in row.iter().enumerate() {
                while col < ncols && covered[col] > 0 {
                    col += 1;
                }
                let cpath = format!("{rpath}[{c}]");
                let style = if is_header { "cell_header" } else { "cell" };
                let mut paras = Vec::new();
                for line in spec.text.lines().filter(|l| !l.trim().is_empty()) {
                    let mut p = self.para(style, line.trim(), &cpath)?;
                    if let Some(rest) = p.runs.first().and_then(|r| r.text.strip_prefix("- ")).map(str::to_string) {
                        p.runs[0].text = rest;
                        p.label = "-".into();
                    }
                    p.align = spec.align.map(Into::into);
                    paras.push(p);
                }
                let mut cell = Cell::new(paras).span(spec.colspan, spec.rowspan);
                if is_header {
                    cell.valign = VAlign::Center;
                }
                for cov in covered.iter_mut().skip(col).take(spec.colspan) {
                    *cov = spec.rowspan;
                }
                col += spec.colspan;
                cells.push(cell);
            }
            // fill the rest of a short row with empty cells
            for c in col..ncols {
                if covered[c] == 0 {
                    cells.push(Cell::empty());
                }
            }
            for c in &mut covered {
                *c = c.saturating_sub(1);
            }
            rows.push(Row { cells, total: false });
        }
        out.push(doc::Block::Table(Table { columns, header_rows: header.len(), rows, cell_style: "cell".into() }));
        Ok(out)
    }

    /// Reads a picture file (relative to the plan file's folder) and checks
    /// that it is a PNG or JPEG. `width` is the default printed width.
    pub(crate) fn image(&self, i: &ImageRef, width: Option<f32>, path: &str) -> Result<doc::Image> {
        let fpath = format!("{path}.file");
        let file = self.base.join(&i.file);
        let shown = Path::new(&i.file).display();
        let cached = self.pictures.borrow().get(&file).cloned();
        let bytes = match cached {
            Some(b) => b,
            None => {
                let b = Arc::new(self.read_picture(&file, &shown.to_string(), &fpath)?);
                self.pictures.borrow_mut().insert(file.clone(), b.clone());
                b
            }
        };
        let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            ImageFormat::Png
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            ImageFormat::Jpeg
        } else {
            return Err(err(&fpath, format!("`{shown}` is not a PNG or JPEG picture; save it as .png or .jpg (e.g. with Paint: File › Save as)")));
        };
        let fmt = if format == ImageFormat::Png { image::ImageFormat::Png } else { image::ImageFormat::Jpeg };
        let (pw, ph) = image::ImageReader::with_format(std::io::Cursor::new(bytes.as_slice()), fmt)
            .into_dimensions()
            .map_err(|e| err(&fpath, format!("the picture `{shown}` is damaged or not readable ({e}); open it and save it again as PNG or JPEG")))?;
        if pw == 0 || ph == 0 {
            return Err(err(&fpath, format!("the picture `{shown}` has no pixels")));
        }
        if let Some(w) = i.width {
            if !(w.is_finite() && w > 0.0 && w <= 1000.0) {
                return Err(err(format!("{path}.width"), "the width is in millimetres and must be a positive number, e.g. 40"));
            }
        }
        let text_width = self.tpl.page.width - self.tpl.page.left - self.tpl.page.right;
        let w = i.width.or(width).unwrap_or_else(|| (pw as f32 / PX_PER_MM).min(text_width));
        let h = w * ph as f32 / pw as f32;
        let caption = match &i.caption {
            Some(c) => Some(self.para("caption", c, &format!("{path}.caption"))?),
            None => None,
        };
        let alt = match (&i.alt, &caption) {
            (Some(a), _) => self.fill(a, &[], &format!("{path}.alt"))?,
            (None, Some(c)) => c.plain_text(),
            (None, None) => {
                // drawn as decoration: screen readers and the accessible PDF skip it
                self.warnings.borrow_mut().push(err(path, format!(
                    "the picture `{shown}` has no text for readers who cannot see it; add `alt:` saying what it shows (e.g. alt: ตราสำนักงาน), or a caption"
                )));
                String::new()
            }
        };
        Ok(doc::Image { bytes, format, pixel_width: pw, pixel_height: ph, width: w, height: h, alt, caption })
    }
}

impl Composer<'_> {
    /// The bytes of a picture file, or an error saying what to do.
    fn read_picture(&self, file: &Path, shown: &str, fpath: &str) -> Result<Vec<u8>> {
        std::fs::read(file).map_err(|e| {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "there is no such file".to_string(),
                _ => e.to_string(),
            };
            err(fpath, format!("cannot read the picture `{shown}`: {why}; the path is relative to the folder of the plan file ({})", self.base.display()))
        })
    }
}

/// Paragraph styles the blocks use that templates written before them may
/// lack, derived from styles every template has.
pub(crate) fn missing_styles(styles: &mut std::collections::BTreeMap<String, doc::Style>) {
    let derive = |styles: &std::collections::BTreeMap<String, doc::Style>, from: &str, name: &str, f: &dyn Fn(&mut doc::Style)| {
        styles.get(from).cloned().map(|mut s| {
            s.name = name.to_string();
            f(&mut s);
            s
        })
    };
    let wanted: [(&str, &str, &str, &dyn Fn(&mut doc::Style)); 6] = [
        ("heading4", "heading3", "Heading 4", &|s| {
            s.outline_level = 4;
            s.space_before = 3.0;
        }),
        ("list2", "list", "List 2", &|s| {
            s.indent_left += 12.0;
            s.first_line = -12.0;
        }),
        ("list3", "list", "List 3", &|s| {
            s.indent_left += 26.0;
            s.first_line = -14.0;
        }),
        ("caption", "body", "Caption", &|s| {
            s.bold = true;
            s.align = Align::Center;
            s.first_line = 0.0;
            s.space_after = 6.0;
            s.keep_with_next = true;
        }),
        ("signature_block", "body", "Signature Block", &|s| {
            s.align = Align::Center;
            s.first_line = 0.0;
            s.indent_left = 55.0;
            s.space_before = 0.0;
        }),
        ("cover_line", "cover_office", "Cover Line", &|s| {
            s.space_before = 6.0;
        }),
    ];
    for (key, from, name, f) in wanted {
        if !styles.contains_key(key) {
            if let Some(s) = derive(styles, from, name, f) {
                styles.insert(key.to_string(), s);
            }
        }
    }
}

/// Splits text at backticks into (literal, text) pieces; `None` when a
/// backtick is left open, with the text that follows it.
pub(crate) fn literal_pieces(text: &str) -> std::result::Result<Vec<(bool, &str)>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        if open > 0 {
            out.push((false, &rest[..open]));
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else {
            let snippet: String = after.chars().take(12).collect();
            return Err(format!("`{snippet}"));
        };
        out.push((true, &after[..close]));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    Ok(out)
}

/// Splits ordinary text around web addresses (`https://…`, `http://…`,
/// `www.…`), which keep their digits as typed: (is address, piece).
pub(crate) fn url_pieces(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let start = ["https://", "http://", "www."].iter().filter_map(|p| rest.find(p)).min();
        let Some(start) = start else { break };
        // `www.` inside a longer word is not an address
        if start > 0 && rest[..start].chars().last().is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '.') {
            let skip = start + rest[start..].chars().next().map_or(1, char::len_utf8);
            out.push((false, &rest[..skip]));
            rest = &rest[skip..];
            continue;
        }
        let end = rest[start..].find(|c: char| c.is_whitespace() || ('\u{0E00}'..='\u{0E7F}').contains(&c) || c == '"' || c == '“' || c == '”').map_or(rest.len(), |e| start + e);
        if start > 0 {
            out.push((false, &rest[..start]));
        }
        out.push((true, &rest[start..end]));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    out
}

/// Digits as the document prints them, except inside web addresses.
pub(crate) fn digits_outside_urls(text: &str, style: thai::DigitStyle) -> String {
    url_pieces(text).into_iter().map(|(url, piece)| if url { piece.to_string() } else { thai::digits(piece, style) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backticks_mark_literal_pieces() {
        assert_eq!(literal_pieces("ที่ `412/2565` ลงวันที่ 1").unwrap(), vec![(false, "ที่ "), (true, "412/2565"), (false, " ลงวันที่ 1")]);
        assert_eq!(literal_pieces("a `b").unwrap_err(), "`b");
    }

    #[test]
    fn addresses_keep_their_digits() {
        let t = digits_outside_urls("ดูที่ https://www.secondary35.go.th/a?id=12 หรือ www.obec2.go.th ปี 2567", thai::DigitStyle::Thai);
        assert_eq!(t, "ดูที่ https://www.secondary35.go.th/a?id=12 หรือ www.obec2.go.th ปี ๒๕๖๗");
        assert_eq!(digits_outside_urls("aswww.x1", thai::DigitStyle::Thai), "aswww.x๑");
    }
}
