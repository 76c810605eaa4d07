//! Composition: plan + template → document.
//!
//! Everything the office does not type is decided here: numbering, Thai
//! digits, titles from the template with placeholders filled in, ITA levels
//! and pass/fail, trends and differences between years, budget totals and the
//! fiscal-year month columns of the timeline. One module per kind of plan;
//! the helpers they share are on [`Composer`].

use std::collections::BTreeMap;

mod anticorruption;
mod blocks;
mod drive;
mod ita;

use crate::doc::{Block, Cell, Document, Meta, Numbering, Orientation, Paragraph, Run, Section, VAlign};
use crate::plan::{Enumeration, Plan, Text};
use crate::template::Template;
use crate::thai::{self, DigitStyle};

/// An error found while composing: what is wrong, and where in the plan (a dotted path).
#[derive(Debug, Clone, PartialEq)]
pub struct ComposeError {
    /// Path of the value in the plan, e.g. `action_plan.strategies[0].goals[1].activities[0].months`.
    pub path: String,
    /// What is wrong and what to do.
    pub message: String,
}

impl std::fmt::Display for ComposeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

pub(crate) type Result<T> = std::result::Result<T, ComposeError>;

pub(crate) fn err(path: impl Into<String>, message: impl Into<String>) -> ComposeError {
    ComposeError { path: path.into(), message: message.into() }
}

/// How list items are labelled.
#[derive(Clone, Copy)]
pub(crate) enum Label {
    /// `๑.`
    Dot,
    /// `๑)`
    Paren,
}


/// Shared composition state: the template, the digit style and the plan's placeholders.
pub(crate) struct Composer<'a> {
    pub(crate) tpl: &'a Template,
    pub(crate) digits: DigitStyle,
    pub(crate) vars: BTreeMap<&'static str, String>,
    /// Findings that do not stop the build.
    pub(crate) warnings: std::cell::RefCell<Vec<ComposeError>>,
    /// The folder of the plan file: pictures are found relative to it.
    pub(crate) base: std::path::PathBuf,
    /// Pictures read so far, by path: a picture used twice is stored once.
    pub(crate) pictures: std::cell::RefCell<BTreeMap<std::path::PathBuf, std::sync::Arc<Vec<u8>>>>,
    /// The provinces the plan's office serves (text naming an office of
    /// another province is warned about); empty: the `province` placeholder.
    pub(crate) provinces: Vec<String>,
}

/// Builds the document of `plan` laid out by `tpl`.
pub fn compose(plan: &Plan, tpl: &Template) -> Result<Document> {
    compose_with_warnings(plan, tpl).map(|(doc, _)| doc)
}

/// Builds the document, and returns the warnings found on the way (text that
/// names another office than the plan's own).
pub fn compose_with_warnings(plan: &Plan, tpl: &Template) -> Result<(Document, Vec<ComposeError>)> {
    compose_at(plan, tpl, std::path::Path::new("."))
}

/// Builds the document of a plan read from a file in folder `base`, which
/// the paths of its pictures are relative to; returns the warnings too.
pub fn compose_at(plan: &Plan, tpl: &Template, base: &std::path::Path) -> Result<(Document, Vec<ComposeError>)> {
    match plan {
        Plan::AntiCorruption(p) => anticorruption::compose(p, tpl, base),
        Plan::ProvincialDrive(p) => drive::compose(p, tpl),
    }
}

impl<'a> Composer<'a> {
    /// A composer for template `tpl` with the plan's placeholders.
    pub(crate) fn new(tpl: &'a Template, vars: BTreeMap<&'static str, String>) -> Self {
        Composer { tpl, digits: tpl.digits, vars, warnings: Default::default(), base: std::path::PathBuf::from("."), pictures: Default::default(), provinces: Vec::new() }
    }

    /// Fills placeholders and converts digits. `extra` adds placeholders for
    /// this text only. Refuses characters the fonts cannot draw; warns about
    /// text that names an office of another province than the plan's.
    pub(crate) fn fill(&self, text: &str, extra: &[(&str, String)], path: &str) -> Result<String> {
        if let Some(u) = crate::fonts::uncovered(text).first() {
            return Err(err(
                path,
                format!("the character {:?} (U+{:04X}) cannot be drawn with the embedded Sarabun fonts; delete it or write the character meant (pasted text often carries such characters)", u.ch, u.ch as u32),
            ));
        }
        let own: Vec<&str> = if self.provinces.is_empty() { self.vars.get("province").map(String::as_str).into_iter().collect() } else { self.provinces.iter().map(String::as_str).collect() };
        if !own.is_empty() {
            if let Some(other) = other_office(text, &own) {
                let own = join_names(&own);
                self.warnings.borrow_mut().push(err(path, format!("this text names an office of {other}, not of {own} (a copy from another plan?); write {{office}} for the plan's own office")));
            }
        }
        let pieces = blocks::literal_pieces(text).map_err(|snippet| {
            err(path, format!("the literal span {snippet}… is not closed; end it with a second backtick ` (text between backticks is printed as typed, digits included)"))
        })?;
        let mut out = String::with_capacity(text.len() + 32);
        for (literal, piece) in pieces {
            if literal {
                out.push_str(piece);
            } else {
                out.push_str(&self.fill_checked(piece, extra, path)?);
            }
        }
        Ok(out)
    }

    fn fill_checked(&self, text: &str, extra: &[(&str, String)], path: &str) -> Result<String> {
        let mut out = String::with_capacity(text.len() + 32);
        let mut rest = text;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            let Some(end) = after.find('}') else {
                return Err(err(path, format!("`{{` without a closing `}}` in \"{text}\"; write the placeholder as {{office}}")));
            };
            let key = &after[..end];
            let value = extra
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
                .or_else(|| self.vars.get(key).cloned())
                .ok_or_else(|| {
                    let known: Vec<&str> = self.vars.keys().copied().chain(extra.iter().map(|(k, _)| *k)).collect();
                    err(path, format!("unknown placeholder {{{key}}}; known placeholders: {}", known.iter().map(|k| format!("{{{k}}}")).collect::<Vec<_>>().join(", ")))
                })?;
            out.push_str(&value);
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(blocks::digits_outside_urls(&out, self.digits))
    }

    /// Template text `key`, or `default` when the template (written before
    /// the key existed) lacks it.
    pub(crate) fn t_or(&self, key: &str, default: &str, extra: &[(&str, String)]) -> Result<String> {
        let raw = self.tpl.text.get(key).map(String::as_str).unwrap_or(default);
        self.fill(raw, extra, &format!("template `{}` text `{key}`", self.tpl.name))
    }

    /// Template text `key` with placeholders filled.
    pub(crate) fn t(&self, key: &str, extra: &[(&str, String)]) -> Result<String> {
        let raw = self.tpl.text(key).map_err(|m| err("", m))?;
        self.fill(raw, extra, &format!("template `{}` text `{key}`", self.tpl.name))
    }

    pub(crate) fn num(&self, n: usize) -> String {
        thai::number(n as i64, self.digits)
    }

    pub(crate) fn label(&self, kind: Label, n: usize) -> String {
        match kind {
            Label::Dot => format!("{}.", self.num(n)),
            Label::Paren => format!("{})", self.num(n)),
        }
    }

    /// A paragraph of plan text (placeholders, `**bold**`).
    pub(crate) fn para(&self, style: &str, text: &str, path: &str) -> Result<Paragraph> {
        let filled = self.fill(text, &[], path)?;
        Ok(Paragraph { style: style.to_string(), runs: runs(&filled), ..Paragraph::default() })
    }

    pub(crate) fn paras(&self, style: &str, texts: &[Text], path: &str) -> Result<Vec<Block>> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| self.para(style, t, &format!("{path}[{i}]")).map(Block::Paragraph))
            .collect()
    }

    pub(crate) fn heading(&self, style: &str, key: &str, extra: &[(&str, String)]) -> Result<Block> {
        Ok(Block::Paragraph(Paragraph::new(style, self.t(key, extra)?)))
    }

    pub(crate) fn list(&self, style: &str, kind: Label, items: &[Text], path: &str) -> Result<Vec<Block>> {
        items
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut p = self.para(style, t, &format!("{path}[{i}]"))?;
                p.label = self.label(kind, i + 1);
                Ok(Block::Paragraph(p))
            })
            .collect()
    }

    pub(crate) fn enumeration(&self, e: &Enumeration, kind: Label, path: &str) -> Result<Vec<Block>> {
        let mut out = vec![Block::Paragraph(self.para("body", &e.intro, &format!("{path}.intro"))?)];
        out.extend(self.list("list", kind, &e.items, &format!("{path}.items"))?);
        Ok(out)
    }

    /// A cell holding plan text.
    pub(crate) fn cell(&self, style: &str, text: &str, path: &str) -> Result<Cell> {
        Ok(Cell::new(vec![self.para(style, text, path)?]))
    }

    /// A cell holding plan text after a label (`๑.`).
    pub(crate) fn labelled_cell(&self, label: String, text: &str, path: &str) -> Result<Cell> {
        let mut p = self.para("cell", text, path)?;
        p.label = label;
        Ok(Cell::new(vec![p]))
    }

    /// Header cells of table `key`, in its column order.
    pub(crate) fn header_cells(&self, key: &str, style: &str) -> Result<Vec<Cell>> {
        let cols = self.tpl.columns(key).map_err(|m| err("", m))?;
        cols.iter()
            .map(|c| Ok(Cell::text(style, self.fill(&c.title, &[], &format!("template table `{key}`"))?).valign(VAlign::Center)))
            .collect()
    }

    pub(crate) fn widths(&self, key: &str) -> Result<Vec<f32>> {
        Ok(self.tpl.columns(key).map_err(|m| err("", m))?.iter().map(|c| c.width).collect())
    }

    /// `label text` with the label in bold, e.g. `วิสัยทัศน์ : …`.
    pub(crate) fn labelled_text(&self, key: &str, text: &str, path: &str) -> Result<Paragraph> {
        let mut p = self.para("lead", text, path)?;
        p.runs.insert(0, bold(format!("{} ", self.t(key, &[])?)));
        Ok(p)
    }

    /// The cover: title lines in the cover styles, centred on an unnumbered page.
    pub(crate) fn cover(&self, lines: Vec<Paragraph>) -> Section {
        Section { orientation: Orientation::Portrait, numbering: Numbering::None, vertical_center: true, blocks: lines.into_iter().map(Block::Paragraph).collect() }
    }

    /// Words that lines must not split: each space-separated part of the
    /// names (short ones), a word and the number after it (`เขต ๒`), and the
    /// place names themselves.
    pub(crate) fn no_break(&self, names: &[&str], places: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for name in names {
            let tokens: Vec<&str> = name.split_whitespace().collect();
            for (i, tok) in tokens.iter().enumerate() {
                if tok.chars().count() <= 16 {
                    out.push(tok.to_string());
                }
                if i + 1 < tokens.len() && tokens[i + 1].chars().all(thai::is_digit) {
                    out.push(format!("{tok} {}", tokens[i + 1]));
                }
            }
        }
        out.extend(places.iter().cloned());
        let mut out: Vec<String> = out.into_iter().map(|s| thai::digits(&s, self.digits)).filter(|s| !s.is_empty()).collect();
        out.sort();
        out.dedup();
        out
    }

    /// The finished document.
    pub(crate) fn document(&self, meta: Meta, no_break: Vec<String>, sections: Vec<Section>) -> Document {
        Document {
            meta,
            page: self.tpl.page,
            styles: {
                let mut styles = self.tpl.styles.clone();
                blocks::missing_styles(&mut styles);
                styles
            },
            font_family: self.tpl.font_family.clone(),
            page_number_format: self.tpl.page_number.clone(),
            digits: self.digits,
            no_break,
            sections,
            attachments: Vec::new(),
        }
    }
}

/// A province other than `own` named right after the words that start an
/// education office's name (`…ประถมศึกษาพะเยา`, `สพป.เชียงใหม่`).
fn other_office(text: &str, own: &[&str]) -> Option<&'static str> {
    // searchers made once: every text of the plan is searched for each lead
    static LEADS: std::sync::LazyLock<[(usize, memchr::memmem::Finder<'static>); 4]> = std::sync::LazyLock::new(|| {
        ["ประถมศึกษา", "มัธยมศึกษา", "สพป.", "สพม."].map(|lead| (lead.len(), memchr::memmem::Finder::new(lead.as_bytes())))
    });
    for (len, lead) in LEADS.iter() {
        for at in lead.find_iter(text.as_bytes()) {
            let rest = text[at + len..].trim_start();
            if let Some(p) = thai::PROVINCES.iter().find(|p| rest.starts_with(**p) && !own.iter().any(|o| o.starts_with(**p))) {
                return Some(p);
            }
        }
    }
    None
}

/// Names joined the Thai way: `ก`, `ก และข`, `ก ข และค`.
pub(crate) fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} และ{last}", rest.join(" ")),
    }
}

pub(crate) fn body_section(blocks: Vec<Block>) -> Section {
    Section { orientation: Orientation::Portrait, numbering: Numbering::Digits { restart: false }, vertical_center: false, blocks }
}

pub(crate) fn bold(text: String) -> Run {
    Run { text, bold: true, italic: false }
}

/// Splits text at `**` markers into plain and bold runs.
pub fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    for (i, piece) in text.split("**").enumerate() {
        if !piece.is_empty() {
            out.push(Run { text: piece.to_string(), bold: i % 2 == 1, italic: false });
        }
    }
    if out.is_empty() {
        out.push(Run::default());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_markers_split_runs() {
        let r = runs("คือ **บทนำ** นำเสนอ");
        assert_eq!(r.len(), 3);
        assert!(!r[0].bold && r[1].bold && !r[2].bold);
        assert_eq!(r[1].text, "บทนำ");
    }
}
