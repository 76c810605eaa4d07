//! Reading back the files a PDF carries: the plan's source (and its template)
//! that [`super::archive::attachments`] embedded, so an archived PDF alone can
//! rebuild or continue the plan (`phaen extract`).
//!
//! Any PDF is read, not only phaen's own: lopdf parses the file (object
//! streams, cross-reference streams, incremental updates of a file saved
//! again by another program), and the embedded files are collected from the
//! catalog's associated files (`/AF`) and its `/EmbeddedFiles` name tree.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

/// The largest embedded file read back (64 MiB): a guard against a
/// compressed stream that would expand without end.
const MAX_FILE: usize = 64 * 1024 * 1024;

/// A file embedded in a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embedded {
    /// Its name as a relative path with `/` between folders (e.g.
    /// `plan.yaml`, `templates/mine/template.yaml`), checked to stay inside
    /// the folder it is written to.
    pub name: String,
    /// Its bytes, exactly as embedded.
    pub data: Vec<u8>,
}

/// The embedded files of a PDF, in the order the file lists them; an empty
/// list when it carries none. Errors are sentences for the user.
pub fn embedded_files(pdf: &[u8]) -> Result<Vec<Embedded>, String> {
    let doc = Document::load_mem(pdf).map_err(|e| format!("this is not a PDF file phaen can read ({e})"))?;
    let catalog = doc.catalog().map_err(|e| format!("the PDF has no catalog ({e})"))?;
    let mut specs: Vec<&Object> = Vec::new();
    if let Ok(af) = catalog.get_deref(b"AF", &doc).and_then(Object::as_array) {
        specs.extend(af.iter());
    }
    if let Ok(tree) = catalog.get_deref(b"Names", &doc).and_then(Object::as_dict).and_then(|n| n.get_deref(b"EmbeddedFiles", &doc)).and_then(Object::as_dict) {
        name_tree(&doc, tree, &mut specs, 0);
    }
    let mut seen: BTreeSet<ObjectId> = BTreeSet::new();
    let mut names: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    for spec in specs {
        if let Object::Reference(id) = spec {
            if !seen.insert(*id) {
                continue;
            }
        }
        let Ok((_, spec)) = doc.dereference(spec) else { continue };
        let Ok(spec) = spec.as_dict() else { continue };
        let Some(file) = read_spec(&doc, spec)? else { continue };
        if names.insert(file.name.clone()) {
            out.push(file);
        }
    }
    Ok(out)
}

/// Collects the values of a name tree (its `/Names` pairs and `/Kids`).
fn name_tree<'a>(doc: &'a Document, node: &'a Dictionary, out: &mut Vec<&'a Object>, depth: usize) {
    if depth > 32 {
        return;
    }
    if let Ok(names) = node.get_deref(b"Names", doc).and_then(Object::as_array) {
        out.extend(names.iter().skip(1).step_by(2));
    }
    if let Ok(kids) = node.get_deref(b"Kids", doc).and_then(Object::as_array) {
        for kid in kids {
            if let Ok(kid) = doc.dereference(kid).and_then(|(_, k)| k.as_dict()) {
                name_tree(doc, kid, out, depth + 1);
            }
        }
    }
}

/// The name and bytes of one file specification; `None` when it has no
/// embedded stream (a reference to an outside file).
fn read_spec(doc: &Document, spec: &Dictionary) -> Result<Option<Embedded>, String> {
    let Ok(ef) = spec.get_deref(b"EF", doc).and_then(Object::as_dict) else { return Ok(None) };
    let Ok(stream) = ef.get_deref(b"UF", doc).or_else(|_| ef.get_deref(b"F", doc)).and_then(Object::as_stream) else { return Ok(None) };
    let raw = spec
        .get_deref(b"UF", doc)
        .or_else(|_| spec.get_deref(b"F", doc))
        .ok()
        .and_then(|o| lopdf::decode_text_string(o).ok())
        .unwrap_or_default();
    let name = safe_name(&raw).ok_or_else(|| format!("the PDF carries a file named “{raw}”, which cannot be written safely"))?;
    let data = if stream.dict.get(b"Filter").is_ok() {
        stream.decompressed_content_with_limit(MAX_FILE).map_err(|e| format!("the embedded file “{name}” cannot be read ({e})"))?
    } else {
        stream.content.clone()
    };
    Ok(Some(Embedded { name, data }))
}

/// The name as a relative path that stays inside the output folder: folders
/// separated by `/`, no empty, `.` or `..` parts, no drive or device names,
/// no characters Windows refuses in file names.
fn safe_name(raw: &str) -> Option<String> {
    let parts: Vec<&str> = raw.split(['/', '\\']).collect();
    let ok = |p: &&str| {
        !p.is_empty()
            && *p != "."
            && *p != ".."
            && !p.ends_with(['.', ' '])
            && !p.chars().any(|c| c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
    };
    (parts.iter().all(ok)).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_inside_the_folder() {
        assert_eq!(safe_name("แผน 2568.yaml").as_deref(), Some("แผน 2568.yaml"));
        assert_eq!(safe_name("templates\\mine\\template.yaml").as_deref(), Some("templates/mine/template.yaml"));
        for bad in ["", "../plan.yaml", "/etc/passwd", "a//b", "C:plan.yaml", "a/./b", "x\u{0}y", "plan.yaml."] {
            assert_eq!(safe_name(bad), None, "{bad:?}");
        }
    }
}
