//! Warnings of the layout point at the plan line where the text they quote
//! was typed.

mod common;

use std::process::Command;

use common::root;

#[test]
fn a_piece_set_smaller_is_warned_about_at_its_line() {
    let dir = std::env::temp_dir().join(format!("phaen-warnings-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let src = root().join("tests/blocks");
    for f in ["emblem.png", "photo.jpg"] {
        std::fs::copy(src.join(f), dir.join(f)).unwrap();
    }
    // a table of twelve amounts side by side: wider than a portrait page
    let text = std::fs::read_to_string(src.join("plan.yaml")).unwrap();
    let anchor = "  - image: {file: photo.jpg";
    assert!(text.contains(anchor));
    let row = vec!["\"99,999,999\""; 12].join(", ");
    let table = format!("  - table:\n      rows:\n        - [{row}]\n");
    let plan = dir.join("plan.yaml");
    std::fs::write(&plan, text.replacen(anchor, &format!("{table}{anchor}"), 1)).unwrap();
    let line = text[..text.find(anchor).unwrap()].lines().count() + 3;
    let out = Command::new(env!("CARGO_BIN_EXE_phaen")).args(["build", plan.to_str().unwrap(), "--format", "pdf", "-o", dir.join("out").to_str().unwrap()]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("does not fit its column"), "{err}");
    assert!(err.contains(&format!("plan.yaml:{line}:")), "the warning names line {line}:\n{err}");
    assert_eq!(err.matches("does not fit its column").count(), 1, "said once:\n{err}");
}
