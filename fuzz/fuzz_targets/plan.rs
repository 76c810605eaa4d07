//! Fuzzes the plan loader and the composition step.
//!
//! Bytes → (if UTF-8) → `plan::parse` for both kinds and for the kind of the
//! template `plan::template_of` names (when that template loads) → when a plan
//! parses, `compose::compose` with the template of its kind. Errors are fine;
//! a panic, a hang or runaway memory is a finding.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use phaen::plan::{self, Kind};
use phaen::template::{Template, Templates};

/// The embedded templates, loaded once: (default template of each kind).
fn templates() -> &'static [Template] {
    static T: OnceLock<Vec<Template>> = OnceLock::new();
    T.get_or_init(|| {
        let all = Templates::default();
        Templates::embedded_names()
            .iter()
            .map(|n| all.load(n).unwrap_or_else(|e| panic!("embedded template `{n}`: {e}")))
            .collect()
    })
}

fn template_for(kind: Kind) -> &'static Template {
    templates()
        .iter()
        .find(|t| t.kind == kind)
        .unwrap_or_else(|| panic!("no embedded template of kind {kind:?}"))
}

fn run(text: &str, kind: Kind, tpl: &Template) {
    if let Ok(p) = plan::parse(text, "fuzz.yaml", kind) {
        // The result (document, error, warnings) does not matter; not panicking does.
        let _ = phaen::compose::compose(&p, tpl);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };

    // The kind the plan itself asks for, through its `template:` line.
    if let Ok(name) = plan::template_of(text, "fuzz.yaml") {
        // Only embedded templates: `Templates::default()` has no folder, so no file access.
        if let Ok(tpl) = Templates::default().load(&name) {
            run(text, tpl.kind, &tpl);
        }
    }

    // Both kinds, whatever the file says.
    for kind in [Kind::Anticorruption, Kind::ProvincialDrive] {
        run(text, kind, template_for(kind));
    }
});
