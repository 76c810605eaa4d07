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
