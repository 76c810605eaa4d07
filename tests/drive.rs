//! The second kind of plan: the provincial drive plan of seed 004, built
//! through the same document model and renderers.

mod common;

use common::*;

#[test]
fn every_paragraph_indicator_and_cell_of_seed_004_is_in_the_pdf() {
    let (doc, pdf) = compose_and_render(&root().join("data/provincial-drive-plan.yaml"));
    if !have("pdftotext") {
        return;
    }
    let raw = run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let text = squeeze(&without_page_numbers(&raw));
    let paras = paragraphs(&doc);
    assert!(paras.len() > 100, "{}", paras.len());
    // cells of rows split across pages are read in parts
    let split = split_cells(&doc);
    let missing: Vec<String> = paras.iter().filter(|p| !text.contains(&squeeze(p)) && !split.iter().any(|c| c.contains(&squeeze(p)))).map(|p| p.chars().take(60).collect()).collect();
    // as in seed 000, pdftotext may read the first lines of two side-by-side cells as one line
    assert!(missing.len() <= 1, "{} of {} not found intact: {:#?}", missing.len(), paras.len(), missing);
    // the province is data, filled in wherever the seed left it blank
    assert!(raw.contains("จังหวัดฉะเชิงเทรา"));
    assert!(!raw.contains("จังหวัด..."));
    for expected in ["เป้าหมายที่ ๑", "เป้าหมายที่ ๒", "ตัวชี้วัดที่ ๑.๓", "ตัวชี้วัดที่ ๒.๒", "๒.๒.๑", "๒.๒.๒", "ลักษณะสำคัญของงาน", "หน่วยงานรับผิดชอบ"] {
        assert!(text.contains(&squeeze(expected)), "{expected} not printed");
    }
}

#[test]
fn the_drive_plan_also_renders_to_docx() {
    let (doc, _) = phaen::check(&root().join("data/provincial-drive-plan.yaml"), &Default::default()).document.unwrap();
    let bytes = phaen::render::docx::render(&doc, &Default::default(), &Default::default()).expect("docx renders");
    assert!(bytes.starts_with(b"PK"));
}
