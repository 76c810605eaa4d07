//! Renderers: the same [`crate::doc::Document`] drawn as PDF and as DOCX.

pub mod docx;
pub mod pdf;
