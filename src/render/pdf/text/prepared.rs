//! A paragraph's text made ready for line setting, once per distinct text.
//!
//! Layout sets the same paragraph at many widths: a table cell is measured
//! at its narrowest, unbroken and in whole words, scored at two candidate
//! column widths, then set for the page. What every one of those sets needs
//! first depends on the runs alone (their text, faces and size) and the
//! proper-noun list, not on the width: the shaped glyphs with their clusters
//! in the paragraph's text, the clusters' widths and left edges, where a
//! distributed line may take extra space, and the break priorities. These
//! are worked out once and shared, instead of copying the cached glyphs and
//! grouping them into clusters again on every call.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::doc::{Paragraph, Style};
use crate::fonts::Face;
use crate::hash::Fx;

use super::breaks::{Breaks, NEVER};
use super::{clusters_of, list_key, Cluster, Shaped, Typesetter};

/// What setting a paragraph at any width starts from (see the module docs).
pub(super) struct Prepared {
    /// The runs' text, joined.
    pub text: String,
    /// Each run's end in `text` and its face (what the entry is looked up by).
    runs: Vec<(usize, Face)>,
    /// Font size (bits).
    size: u32,
    /// The proper-noun list's key.
    list: u64,
    /// Shaped glyphs of the whole text, clusters as offsets into `text`.
    pub glyphs: Vec<Shaped>,
    /// Character clusters, in order.
    pub clusters: Vec<Cluster>,
    /// Left edge of each cluster from the text's start, then the text's width.
    pub cx: Vec<f32>,
    /// Whether the gap after each cluster lies between two Thai clusters
    /// (a distributed line may widen it).
    pub thai_gap: Vec<bool>,
    /// Break priorities of `text`.
    pub brk: Arc<Breaks>,
}

impl Prepared {
    /// Whether this entry is the one for a paragraph's runs.
    fn is_for(&self, p: &Paragraph, style: &Style, list: u64) -> bool {
        if self.size != style.size.to_bits() || self.list != list || self.runs.len() != p.runs.len() {
            return false;
        }
        let mut start = 0;
        for (run, &(end, face)) in p.runs.iter().zip(&self.runs) {
            if face != Face::of(run.bold || style.bold, run.italic) || self.text.get(start..end) != Some(run.text.as_str()) {
                return false;
            }
            start = end;
        }
        true
    }
}

/// The cache's key for a paragraph's runs (see [`Prepared::is_for`]).
fn key(p: &Paragraph, style: &Style, list: u64) -> u64 {
    let mut h = Fx::default();
    for run in &p.runs {
        run.text.hash(&mut h);
        Face::of(run.bold || style.bold, run.italic).index().hash(&mut h);
    }
    (style.size.to_bits(), list).hash(&mut h);
    h.finish()
}

impl Typesetter {
    /// The prepared text of a paragraph, worked out on first use.
    pub(super) fn prepared(&self, p: &Paragraph, style: &Style, no_break: &[String]) -> Arc<Prepared> {
        self.prepared_found(p, style, no_break).0
    }

    /// [`Self::prepared`], and whether it was there already.
    pub(super) fn prepared_found(&self, p: &Paragraph, style: &Style, no_break: &[String]) -> (Arc<Prepared>, bool) {
        let list = list_key(no_break);
        let k = key(p, style, list);
        if let Some(found) = self.prepared.lock().ok().and_then(|m| m.get(&k).and_then(|v| v.iter().find(|e| e.is_for(p, style, list)).cloned())) {
            return (found, true);
        }
        let made = Arc::new(self.prepare_text(p, style, no_break, list));
        if let Ok(mut m) = self.prepared.lock() {
            let bucket = m.entry(k).or_default();
            if !bucket.iter().any(|e| e.is_for(p, style, list)) {
                bucket.push(made.clone());
            }
        }
        (made, false)
    }

    fn prepare_text(&self, p: &Paragraph, style: &Style, no_break: &[String], list: u64) -> Prepared {
        let size = style.size;
        let mut text = String::new();
        let mut glyphs: Vec<Shaped> = Vec::new();
        let mut runs = Vec::with_capacity(p.runs.len());
        for run in &p.runs {
            let face = Face::of(run.bold || style.bold, run.italic);
            let base = text.len();
            text.push_str(&run.text);
            // shaped here only: the entry keeps the glyphs, and a copy in the
            // run cache would double the memory they take
            glyphs.extend(self.shape_uncached(&run.text, face, size).into_iter().map(|g| Shaped { cluster: g.cluster + base, ..g }));
            runs.push((text.len(), face));
        }
        let clusters = clusters_of(&glyphs, text.len(), &text);
        let brk = self.breaks(&text, no_break);
        let n = clusters.len();
        let mut cx = Vec::with_capacity(n + 1);
        let mut acc = 0.0;
        for c in &clusters {
            cx.push(acc);
            acc += c.width;
        }
        cx.push(acc);
        let prio = &brk.prio;
        let thai = |c: &Cluster| text[c.start..c.end].chars().all(|c| ('\u{0E01}'..='\u{0E4F}').contains(&c));
        let thai_gap = (0..n).map(|i| i + 1 < n && prio[clusters[i + 1].start] < NEVER && thai(&clusters[i]) && thai(&clusters[i + 1])).collect();
        Prepared { runs, size: size.to_bits(), list, glyphs, clusters, cx, thai_gap, brk, text }
    }
}
