//! Fuzzes the plan loader and the composition step.
//!
//! Bytes → (if UTF-8) → `plan::parse` for both kinds and for the kind of the
//! template `plan::template_of` names (when that template loads) → when a plan
//! parses, `compose::compose_with_warnings` with the template of its kind.
//! Errors are fine; a panic, a hang or runaway memory is a finding.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use phaen::plan::{self, Kind};
use phaen::template::{Template, Templates};

/// The embedded templates, loaded once.
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

/// `PHAEN_FUZZ_DEBUG=1` prints what each step returned (to check seeds by hand).
fn debug() -> bool {
    static D: OnceLock<bool> = OnceLock::new();
    *D.get_or_init(|| std::env::var_os("PHAEN_FUZZ_DEBUG").is_some())
}

fn run(text: &str, kind: Kind, tpl: &Template) {
    match plan::parse(text, "fuzz.yaml", kind) {
        Ok(p) => {
            // The result (document and warnings, or error) does not matter; not
            // panicking does. (`compose` is this with the warnings dropped.)
            let r = phaen::compose::compose_with_warnings(&p, tpl);
            if debug() {
                match &r {
                    Ok(_) => eprintln!("{kind:?}: parsed, composed"),
                    Err(e) => eprintln!("{kind:?}: parsed, compose error: {e}"),
                }
            }
        }
        Err(e) if debug() => eprintln!("{kind:?}: parse error: {e}"),
        Err(_) => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };

    // The kind the plan itself asks for, through its `template:` line.
    if let Ok(name) = plan::template_of(text, "fuzz.yaml") {
        // Only embedded templates: `Templates::default()` has no folder, so no file access.
        match Templates::default().load(&name) {
            Ok(tpl) => run(text, tpl.kind, &tpl),
            Err(e) if debug() => eprintln!("template `{name}`: {e}"),
            Err(_) => {}
        }
    }

    // Both kinds, whatever the file says.
    for kind in [Kind::Anticorruption, Kind::ProvincialDrive] {
        run(text, kind, template_for(kind));
    }
});
