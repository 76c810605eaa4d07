//! The structure tree of a tagged PDF (PDF/UA-1): the document's elements
//! as layout recorded them ([`super::layout::Element`]), each pointing at the
//! marked content that draws it, and the parent tree that leads back from
//! content to element.

use std::fmt::Write as _;

use super::content::role;
use super::layout::{Element, Tag};
use super::object::{self, r, Id, Writer};

/// Where the content of one element was drawn: page index and MCID, in order.
pub type Marks = Vec<Vec<(usize, usize)>>;

/// Writes the structure tree and returns the number of its root.
/// `page_mcids` gives, per page, the element of each MCID; `links` the
/// number of each table-of-contents link annotation by element, with its page.
pub fn write(w: &mut Writer, elements: &[Element], page_ids: &[Id], page_mcids: &[Vec<usize>], links: &[(usize, usize, Id)], language: &str) -> Id {
    let root = w.reserve();
    let document = w.reserve();
    let ids: Vec<Id> = elements.iter().map(|_| w.reserve()).collect();
    let mut marks: Marks = vec![Vec::new(); elements.len()];
    for (p, mcids) in page_mcids.iter().enumerate() {
        for (mcid, &e) in mcids.iter().enumerate() {
            marks[e].push((p, mcid));
        }
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); elements.len()];
    let mut top = Vec::new();
    for (i, e) in elements.iter().enumerate() {
        match e.parent {
            Some(p) => children[p].push(i),
            None => top.push(i),
        }
    }
    // link annotations reached through their element (parent tree keys after the pages')
    let mut objr: Vec<Vec<(usize, Id)>> = vec![Vec::new(); elements.len()];
    for &(e, page, annot) in links {
        objr[e].push((page, annot));
    }
    for (i, e) in elements.iter().enumerate() {
        let parent = e.parent.map(|p| ids[p]).unwrap_or(document);
        // `/Type /StructElem` is optional, and said 930 times in the example
        let mut d = format!("<< /S /{} /P {}", role(&e.tag), r(parent));
        let page = marks[i].first().map(|m| m.0);
        if let Some(p) = page {
            let _ = write!(d, " /Pg {}", r(page_ids[p]));
        }
        let mut kids = String::new();
        for &(p, mcid) in &marks[i] {
            if Some(p) == page {
                let _ = write!(kids, " {mcid}");
            } else {
                let _ = write!(kids, " << /Type /MCR /Pg {} /MCID {mcid} >>", r(page_ids[p]));
            }
        }
        for &(p, annot) in &objr[i] {
            let _ = write!(kids, " << /Type /OBJR /Pg {} /Obj {} >>", r(page_ids[p]), r(annot));
        }
        for &c in &children[i] {
            let _ = write!(kids, " {}", r(ids[c]));
        }
        if !kids.is_empty() {
            let _ = write!(d, " /K [{kids} ]");
        }
        match &e.tag {
            // a data cell that spans nothing has no table attribute to give
            Tag::Cell { header, rows, cols } if *header || *rows > 1 || *cols > 1 => {
                d.push_str(" /A << /O /Table");
                if *header {
                    d.push_str(" /Scope /Column");
                }
                if *rows > 1 {
                    let _ = write!(d, " /RowSpan {rows}");
                }
                if *cols > 1 {
                    let _ = write!(d, " /ColSpan {cols}");
                }
                d.push_str(" >>");
            }
            Tag::Figure(alt) => {
                let _ = write!(d, " /Alt {}", object::text(alt));
            }
            _ => {}
        }
        if e.latin {
            d.push_str(" /Lang (en)");
        }
        d.push_str(" >>");
        w.object(ids[i], d);
    }
    let kids: Vec<String> = top.iter().map(|&i| r(ids[i])).collect();
    w.object(document, format!("<< /Type /StructElem /S /Document /P {} /Lang {} /K [{}] >>", r(root), object::ascii(language), kids.join(" ")));

    // parent tree: page index → the elements of its MCIDs; then one key per link
    let mut nums = String::new();
    for (p, mcids) in page_mcids.iter().enumerate() {
        let refs: Vec<String> = mcids.iter().map(|&e| r(ids[e])).collect();
        let _ = write!(nums, " {p} [{}]", refs.join(" "));
    }
    for (k, &(e, _, _)) in links.iter().enumerate() {
        let _ = write!(nums, " {} {}", page_mcids.len() + k, r(ids[e]));
    }
    let tree = w.add(format!("<< /Nums [{nums} ] >>"));
    w.object(root, format!("<< /Type /StructTreeRoot /K [{}] /ParentTree {} /ParentTreeNextKey {} >>", r(document), r(tree), page_mcids.len() + links.len()));
    root
}
