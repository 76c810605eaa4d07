//! phaen (แผน, "plan"): turns a YAML file describing a Thai government plan
//! into the official printed document, as PDF and DOCX.
//!
//! Data flows one way: [`plan`] (YAML → model) → [`compose`] (plan + template
//! → [`doc::Document`]) → [`render`] (PDF and DOCX). [`thai`] holds the rules
//! of the language and calendar, [`ita`] those of the integrity assessment.

pub mod compose;
pub mod diagnostic;
pub mod doc;
pub mod fonts;
pub mod hash;
pub mod ita;
pub mod plan;
pub mod render;
pub mod template;
pub mod thai;

/// The result of reading, parsing and composing one plan file.
#[derive(Debug)]
pub struct Checked {
    /// The file's text, when it could be read (for showing lines in messages).
    pub source: Option<String>,
    /// Errors and warnings, in the order found.
    pub diagnostics: Vec<diagnostic::Diagnostic>,
    /// The composed document and its template, when there were no errors.
    pub document: Option<(doc::Document, template::Template)>,
    /// The file could not be read at all.
    pub io_error: bool,
}

impl Checked {
    /// True when an error (not only warnings) was found.
    pub fn has_errors(&self) -> bool {
        self.io_error || self.diagnostics.iter().any(|d| d.severity == diagnostic::Severity::Error)
    }
}

/// Reads a plan file, the template it names, parses and composes it: every
/// check `phaen check` and `phaen build` make, without writing anything.
pub fn check(path: &std::path::Path, templates: &template::Templates) -> Checked {
    use diagnostic::Diagnostic;
    let file = path.display().to_string();
    let mut out = Checked { source: None, diagnostics: Vec::new(), document: None, io_error: false };
    let text = match plan::read(path) {
        Ok(t) => t,
        Err(e) => {
            out.io_error = e.line.is_none() && e.message.starts_with("cannot read");
            out.diagnostics.push(Diagnostic::from_load(&e));
            return out;
        }
    };
    out.source = Some(text.clone());
    let invisible = plan::invisible_characters(&text, &file);
    if !invisible.is_empty() {
        out.diagnostics.extend(invisible.iter().map(Diagnostic::from_load));
        return out;
    }
    // the template's name is guessed from its line, which saves parsing the
    // whole file for it; the guess holds when the plan, parsed, names the
    // same template, and else the file is checked again the full way, so
    // the findings are those of reading the name from the parsed file
    let guess = plan::template_guess(&text);
    match check_named(path, &file, &text, Some(guess), templates) {
        Some(checked) => checked,
        None => check_named(path, &file, &text, None, templates).unwrap_or(out),
    }
}

/// [`check`] of the text of a plan file whose template is `guess`, or, with
/// `None`, the template the parsed file names. None when the guess did not
/// hold (see [`check`]).
fn check_named(path: &std::path::Path, file: &str, text: &str, guess: Option<String>, templates: &template::Templates) -> Option<Checked> {
    use diagnostic::{Diagnostic, Severity};
    let file = file.to_string();
    let guessed = guess.is_some();
    let mut out = Checked { source: Some(text.to_string()), diagnostics: Vec::new(), document: None, io_error: false };
    let name = match guess {
        Some(n) => n,
        None => match plan::template_of(text, &file) {
            Ok(n) => n,
            Err(e) => {
                out.diagnostics.push(Diagnostic::from_load(&e));
                return Some(out);
            }
        },
    };
    // the lint reads the file again, on another core, while the plan is
    // parsed and composed; its findings come first, as they always have
    std::thread::scope(|scope| {
        let lint = scope.spawn(|| plan::lint::check(text, &file));
        let (mut rest, sorted) = check_parsed(path, &file, text, &name, guessed, templates)?;
        let findings = lint.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        out.diagnostics.extend(findings.into_iter().map(|f| {
            let mut d = Diagnostic::from_load(&f.error);
            if f.warning {
                d.severity = Severity::Warning;
            }
            d
        }));
        out.diagnostics.append(&mut rest.diagnostics);
        out.document = rest.document.take();
        if sorted {
            sort(&mut out.diagnostics);
        }
        Some(out)
    })
}

/// The rest of [`check_named`], after the lint: the template, the parsed
/// plan, the composed document. Returns the diagnostics found here and
/// whether they are to be sorted with the lint's (None as [`check_named`]).
fn check_parsed(path: &std::path::Path, file: &str, text: &str, name: &str, guessed: bool, templates: &template::Templates) -> Option<(Checked, bool)> {
    use diagnostic::{Diagnostic, Severity};
    let file = file.to_string();
    let mut out = Checked { source: None, diagnostics: Vec::new(), document: None, io_error: false };
    let positions = std::cell::OnceCell::new();
    let positions = || positions.get_or_init(|| plan::positions::Positions::of(text));
    let tpl = match templates.load(name) {
        Ok(t) => t,
        Err(_) if guessed => return None,
        Err(m) => {
            out.diagnostics.push(Diagnostic::at_path(Severity::Error, &file, positions(), "template", &m));
            return Some((out, false));
        }
    };
    let plan = match plan::parse_all(text, &file, tpl.kind) {
        Ok(p) if guessed && p.template() != name => return None,
        Ok(p) => p,
        Err(_) if guessed => return None,
        Err(errors) => {
            for mut e in errors {
                // a duplicate key is reported at its mapping: point at the second one
                if let Some(key) = e.message.strip_prefix("duplicate field `").and_then(|r| r.split('`').next()).map(str::to_string) {
                    let from = e.line.unwrap_or(1);
                    let mut seen = 0;
                    for (n, line) in text.lines().enumerate().skip(from - 1) {
                        let t = line.trim_start().trim_start_matches("- ");
                        if t.starts_with(&format!("{key}:")) {
                            seen += 1;
                            if seen == 2 {
                                e.line = Some(n + 1);
                                e.column = Some(line.len() - t.len() + 1);
                                break;
                            }
                        }
                    }
                }
                out.diagnostics.push(Diagnostic::from_load(&e));
            }
            return Some((out, true));
        }
    };
    let base = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    match compose::compose_at(&plan, &tpl, base) {
        Ok((mut doc, warnings)) => {
            doc.attachments = sources(path, text, &name, &tpl);
            for w in warnings {
                out.diagnostics.push(Diagnostic::at_path(Severity::Warning, &file, positions(), &w.path, &w.message));
            }
            out.document = Some((doc, tpl));
        }
        Err(e) => {
            let mut d = Diagnostic::at_path(Severity::Error, &file, positions(), &e.path, &e.message);
            point_at_needle(&mut d, text);
            out.diagnostics.push(d);
        }
    }
    Some((out, true))
}

/// The files an archived document carries so that it can be rebuilt: the
/// plan exactly as read, and its template when it came from a templates
/// folder (as `templates/NAME/template.yaml`, the layout `--templates`
/// reads). `phaen extract` writes them back ([`render::pdf::extract`]).
fn sources(path: &std::path::Path, text: &str, template: &str, tpl: &template::Template) -> Vec<doc::Attachment> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "plan.yaml".into());
    let mut out = vec![doc::Attachment {
        name,
        mime: "application/yaml".into(),
        description: "แผนต้นฉบับ (YAML) ที่ใช้สร้างเอกสารนี้ — the plan this document was built from".into(),
        data: text.as_bytes().to_vec(),
    }];
    if let Some((_, t)) = &tpl.file {
        out.push(doc::Attachment {
            name: format!("templates/{template}/{}", template::TEMPLATE_FILE),
            mime: "application/yaml".into(),
            description: format!("แม่แบบ {template} ที่แผนนี้ใช้ — the template `{template}` the plan names"),
            data: t.as_bytes().to_vec(),
        });
    }
    out
}

/// Orders findings as they stand in the file (those without a place last).
fn sort(diagnostics: &mut [diagnostic::Diagnostic]) {
    diagnostics.sort_by_key(|d| d.position.map_or((1, 0, 0), |p| (0, p.line, p.column)));
}

/// Moves a diagnostic about a placeholder or a character from the start of
/// its value to the placeholder or character itself.
fn point_at_needle(d: &mut diagnostic::Diagnostic, text: &str) {
    let needle = if let Some(i) = d.message.find("unknown placeholder {") {
        d.message[i + "unknown placeholder ".len()..].split_inclusive('}').next().map(str::to_string)
    } else if let Some(i) = d.message.find("the literal span `") {
        // the open backtick and the text after it
        d.message[i + "the literal span ".len()..].split('…').next().map(str::to_string)
    } else if let Some(i) = d.message.find("(U+") {
        let hex: String = d.message[i + 3..].chars().take_while(char::is_ascii_hexdigit).collect();
        u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32).map(String::from)
    } else {
        None
    };
    let (Some(needle), Some(pos)) = (needle, d.position.as_mut()) else { return };
    for (n, line) in text.lines().enumerate().skip(pos.line.saturating_sub(1)).take(50) {
        if let Some(at) = line.find(&needle) {
            pos.line = n + 1;
            pos.column = line[..at].chars().count() + 1;
            return;
        }
    }
}
