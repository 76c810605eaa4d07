//! phaen (แผน, "plan"): turns a YAML file describing a Thai government plan
//! into the official printed document, as PDF and DOCX.
//!
//! Data flows one way: [`plan`] (YAML → model) → [`compose`] (plan + template
//! → [`doc::Document`]) → [`render`] (PDF and DOCX). [`thai`] holds the rules
//! of the language and calendar, [`ita`] those of the integrity assessment.

pub mod compose;
pub mod doc;
pub mod fonts;
pub mod ita;
pub mod plan;
pub mod render;
pub mod template;
pub mod thai;

/// Why a plan could not be opened: the message, and whether the input (1) or
/// reading files (2) was at fault, as the exit code says.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenError {
    /// Exit code: 1 for errors in the plan or template, 2 for I/O.
    pub code: u8,
    /// What is wrong, with the file and position.
    pub message: String,
}

/// Reads a plan file and the template it names, and parses the plan with
/// that template's model.
pub fn open(path: &std::path::Path, templates: &template::Templates) -> Result<(plan::Plan, template::Template), OpenError> {
    let input = |e: plan::LoadError| OpenError { code: if e.line.is_none() && e.message.starts_with("cannot read") { 2 } else { 1 }, message: e.to_string() };
    let text = plan::read(path).map_err(input)?;
    let file = path.display().to_string();
    let name = plan::template_of(&text, &file).map_err(input)?;
    let tpl = templates.load(&name).map_err(|m| OpenError { code: 1, message: format!("{file}: {m}") })?;
    let plan = plan::parse(&text, &file, tpl.kind).map_err(input)?;
    Ok((plan, tpl))
}
