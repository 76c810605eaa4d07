//! The example plan rendered to DOCX, opened by a real client (LibreOffice)
//! and compared with phaen's own PDF.

mod common;

use std::process::Command;

use common::*;

fn pages(pdf: &str) -> usize {
    let info = run("pdfinfo", &[pdf]);
    info.lines().find(|l| l.starts_with("Pages:")).and_then(|l| l.split_whitespace().nth(1)).unwrap().parse().unwrap()
}

#[test]
fn libreoffice_opens_the_docx_with_the_same_text_and_about_the_same_pages() {
    if !have("soffice") || !have("pdftotext") {
        return;
    }
    let bytes = phaen::render::docx::render(example_doc(), &Default::default(), &Default::default()).expect("renders");
    let dir = std::env::temp_dir().join(format!("phaen-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let docx = dir.join("example.docx");
    std::fs::write(&docx, &bytes).unwrap();
    let out = Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir", dir.to_str().unwrap(), docx.to_str().unwrap()])
        .env("HOME", &dir)
        .output()
        .expect("soffice runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lo_pdf = dir.join("example.pdf");
    let lo = lo_pdf.to_str().unwrap();
    let ours = pages(example_pdf().to_str().unwrap());
    let theirs = pages(lo);
    let ratio = theirs as f64 / ours as f64;
    assert!((0.75..=1.25).contains(&ratio), "LibreOffice {theirs} pages, phaen {ours}");

    // LibreOffice's own PDF holds every paragraph and cell of the document.
    // Its PDF splits some Thai marks from their letters for pdftotext and
    // prints page numbers as `-ก-`, so marks, spaces and numbers are left out
    let loose = |s: &str| -> String {
        s.chars().filter(|c| !c.is_whitespace() && !phaen::thai::is_thai_mark(*c) && *c != 'ำ' && *c != 'า').collect()
    };
    let mut text = loose(&run("pdftotext", &[lo, "-"]));
    // (pdftotext joins a line ending in `-` to the next: the second hyphen may be gone)
    for page in (1..=theirs).rev() {
        for label in [phaen::thai::number(page as i64, phaen::thai::DigitStyle::Thai), page.to_string(), phaen::thai::page_letter(page)] {
            text = text.replace(&format!("-{label}-"), "");
        }
        for label in [page.to_string()].into_iter().chain((page <= 4).then(|| phaen::thai::page_letter(page))) {
            text = text.replace(&format!("-{label}"), "");
        }
    }
    // body paragraphs whole; table cells (which pdftotext reads across
    // columns in LibreOffice's tighter cells) by their first words
    let mut body = Vec::new();
    let mut cells = Vec::new();
    for section in &example_doc().sections {
        for block in &section.blocks {
            match block {
                phaen::doc::Block::Paragraph(p) => body.push(p.plain_text()),
                phaen::doc::Block::Table(t) => cells.extend(t.rows.iter().flat_map(|r| &r.cells).flat_map(|c| &c.content).map(|p| p.plain_text())),
                _ => {}
            }
        }
    }
    let missing: Vec<String> = body.iter().filter(|p| !text.contains(&loose(p))).map(|p| p.chars().take(60).collect()).collect();
    assert!(missing.len() * 100 <= body.len() * 3, "{} of {} paragraphs not found: {:#?}", missing.len(), body.len(), &missing[..missing.len().min(10)]);
    let heads: Vec<String> = cells.iter().map(|c| loose(c).chars().take(6).collect::<String>()).filter(|h| !h.is_empty()).collect();
    let lost: Vec<&String> = heads.iter().filter(|h| !text.contains(h.as_str())).collect();
    assert!(lost.len() * 100 <= heads.len() * 3, "{} of {} cells not found: {:?}", lost.len(), heads.len(), &lost[..lost.len().min(10)]);
}

#[test]
fn docx_is_deterministic_and_deflated() {
    let a = phaen::render::docx::render(example_doc(), &Default::default(), &Default::default()).unwrap();
    let b = phaen::render::docx::render(example_doc(), &Default::default(), &Default::default()).unwrap();
    assert!(a == b, "two renders differ");
    assert!(a.starts_with(b"PK"));
    // a stored (uncompressed) package would be several times larger
    // (Sarabun Regular and Bold embedded take about 90 KB of it)
    assert!(a.len() < 200_000, "{} bytes", a.len());
}

/// A part of a DOCX package as bytes.
fn part(docx: &[u8], name: &str) -> Vec<u8> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = Vec::new();
    zip.by_name(name).unwrap_or_else(|_| panic!("no {name} in the package")).read_to_end(&mut out).unwrap();
    out
}

/// De-obfuscates an embedded font (ECMA-376 part 1, 17.8.1) the way
/// LibreOffice reads it: the key's hex digit pairs taken from the end of
/// `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`, XORed over the first 32 bytes.
fn deobfuscate(data: &[u8], key: &str) -> Vec<u8> {
    const POS: [usize; 16] = [35, 33, 31, 29, 27, 25, 22, 20, 17, 15, 12, 10, 7, 5, 3, 1];
    assert_eq!(key.len(), 38, "font key {key:?} is not a braced GUID");
    let k: Vec<u8> = POS.iter().map(|&p| u8::from_str_radix(&key[p..p + 2], 16).expect("hex key")).collect();
    let mut out = data.to_vec();
    for i in 0..32 {
        out[i] ^= k[i % 16];
    }
    out
}

#[test]
fn docx_embeds_the_shipped_fonts() {
    let docx = phaen::render::docx::render(example_doc(), &Default::default(), &Default::default()).unwrap();
    let table = String::from_utf8(part(&docx, "word/fontTable.xml")).unwrap();
    let rels = String::from_utf8(part(&docx, "word/_rels/fontTable.xml.rels")).unwrap();
    let settings = String::from_utf8(part(&docx, "word/settings.xml")).unwrap();
    let types = String::from_utf8(part(&docx, "[Content_Types].xml")).unwrap();
    assert!(settings.contains("<w:embedTrueTypeFonts/>"), "settings do not ask for the embedded fonts");
    assert!(types.contains(r#"Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont""#), "{types}");
    let value = |s: &str, attr: &str| -> String {
        let at = s.find(&format!("{attr}=\"")).unwrap_or_else(|| panic!("no {attr} in {s}")) + attr.len() + 2;
        s[at..].split('"').next().unwrap().to_string()
    };
    for (tag, file) in [("w:embedRegular", "fonts/Sarabun-Regular.ttf"), ("w:embedBold", "fonts/Sarabun-Bold.ttf")] {
        let at = table.find(&format!("<{tag} ")).unwrap_or_else(|| panic!("no {tag} in the font table: {table}"));
        let element = &table[at..at + table[at..].find("/>").unwrap()];
        let (id, key) = (value(element, "r:id"), value(element, "w:fontKey"));
        let rel_at = rels.find(&format!("Id=\"{id}\"")).unwrap_or_else(|| panic!("no relationship {id}"));
        let rel = &rels[rels[..rel_at].rfind('<').unwrap()..rel_at + rels[rel_at..].find("/>").unwrap()];
        let target = value(rel, "Target");
        let data = part(&docx, &format!("word/{target}"));
        let shipped = std::fs::read(root().join(file)).unwrap();
        assert_ne!(&data[..32], &shipped[..32], "{tag} is not obfuscated");
        assert!(deobfuscate(&data, &key) == shipped, "{tag} ({target}, key {key}) does not de-obfuscate to {file}");
    }
}
