//! Templates: page set-up, styles, titles, boilerplate and table columns of a
//! kind of plan, kept as data (`templates/NAME/template.yaml`).
//!
//! The default templates are embedded in the binary; a folder given on the
//! command line takes precedence, so an office can change a template without
//! recompiling.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_embed::RustEmbed;
use serde::Deserialize;

use crate::doc::{PageSetup, Style};
use crate::thai::DigitStyle;

/// The templates shipped inside the binary.
#[derive(RustEmbed)]
#[folder = "templates/"]
struct Embedded;

/// The largest template file read from a templates folder (256 KiB; the
/// built-in ones are under 20 KiB). The PDF embeds it, so a stray large file
/// would bloat every document.
pub const MAX_TEMPLATE_SIZE: usize = 256 * 1024;

/// The file a template folder holds.
pub const TEMPLATE_FILE: &str = "template.yaml";

/// A template, as read from its YAML file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Name (the folder's name).
    pub name: String,
    /// One line saying what the template is for.
    #[serde(default)]
    pub description: String,
    /// The kind of plan it lays out (which model plan files are read with).
    pub kind: crate::plan::Kind,
    /// Font family of every style (only `Sarabun` is embedded).
    pub font_family: String,
    /// Digit style of the whole document.
    #[serde(default)]
    pub digits: DigitStyle,
    /// Page-number header, `{page}` replaced by the number.
    pub page_number: String,
    /// Paper and margins (portrait).
    pub page: PageSetup,
    /// How timeline months are drawn.
    #[serde(default)]
    pub timeline: TimelineSpec,
    /// Named paragraph styles.
    pub styles: BTreeMap<String, Style>,
    /// Titles and boilerplate text by key.
    pub text: BTreeMap<String, String>,
    /// Column titles and relative widths of each table, by key.
    #[serde(default)]
    pub tables: BTreeMap<String, Vec<Column>>,
    /// Where the template was read from and its text, when it came from a
    /// templates folder rather than the built-in set (the PDF carries it, so
    /// the archived file can rebuild the plan).
    #[serde(skip)]
    pub file: Option<(PathBuf, String)>,
}

/// A column of a table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Title in the header row.
    pub title: String,
    /// Relative width.
    pub width: f32,
}

/// How the active months of a timeline are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimelineStyle {
    /// A filled bar across the months.
    #[default]
    Bar,
    /// A line with arrow heads at both ends.
    Arrow,
    /// Shaded cells.
    Shade,
}

/// Timeline drawing options.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineSpec {
    /// Bar, arrow or shaded cells.
    #[serde(default)]
    pub style: TimelineStyle,
    /// Colour (RGB 0–255).
    #[serde(default = "default_color")]
    pub color: [u8; 3],
}

fn default_color() -> [u8; 3] {
    [70, 110, 170]
}

impl Default for TimelineSpec {
    fn default() -> Self {
        TimelineSpec { style: TimelineStyle::Bar, color: default_color() }
    }
}

impl<'de> Deserialize<'de> for PageSetup {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct P {
            width: f32,
            height: f32,
            top: f32,
            bottom: f32,
            left: f32,
            right: f32,
            header: f32,
        }
        let p = P::deserialize(d)?;
        Ok(PageSetup { width: p.width, height: p.height, top: p.top, bottom: p.bottom, left: p.left, right: p.right, header: p.header })
    }
}

/// Where templates are looked up.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    /// A folder whose `NAME/template.yaml` files take precedence over the embedded ones.
    pub dir: Option<PathBuf>,
}

impl Templates {
    /// Names of the embedded templates, sorted.
    pub fn embedded_names() -> Vec<String> {
        let mut names: Vec<String> = Embedded::iter()
            .filter_map(|p| p.strip_suffix(&format!("/{TEMPLATE_FILE}")).map(str::to_string))
            .collect();
        names.sort();
        names
    }

    /// The embedded files of template `name`, as (relative path, bytes).
    pub fn embedded_files(name: &str) -> Vec<(String, Vec<u8>)> {
        let prefix = format!("{name}/");
        let mut files: Vec<(String, Vec<u8>)> = Embedded::iter()
            .filter_map(|p| {
                let rel = p.strip_prefix(&prefix)?.to_string();
                Embedded::get(&p).map(|f| (rel, f.data.into_owned()))
            })
            .collect();
        files.sort();
        files
    }

    /// Loads template `name`: from the folder if it has it, else the embedded one.
    pub fn load(&self, name: &str) -> Result<Template, String> {
        if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
            return Err(format!("`{name}` is not a template name"));
        }
        if let Some(dir) = &self.dir {
            let path = dir.join(name).join(TEMPLATE_FILE);
            if path.exists() {
                let size = std::fs::metadata(&path).map_err(|e| format!("{}: {e}", path.display()))?.len();
                if size > MAX_TEMPLATE_SIZE as u64 {
                    return Err(format!(
                        "{}: the template file is {size} bytes; a template is at most {MAX_TEMPLATE_SIZE} bytes (is it the right file?)",
                        path.display()
                    ));
                }
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                let mut t = parse(&text, &path)?;
                t.file = Some((path, text));
                return Ok(t);
            }
        }
        let rel = format!("{name}/{TEMPLATE_FILE}");
        let file = Embedded::get(&rel).ok_or_else(|| {
            format!("no template named `{name}` (available: {})", Self::embedded_names().join(", "))
        })?;
        let text = String::from_utf8(file.data.into_owned()).map_err(|e| format!("{rel}: {e}"))?;
        parse(&text, Path::new(&rel))
    }
}

fn parse(text: &str, path: &Path) -> Result<Template, String> {
    let t: Template = serde_yaml::from_str(text).map_err(|e| format!("{}: {e}", path.display()))?;
    for (key, cols) in &t.tables {
        if cols.is_empty() || cols.iter().any(|c| !(c.width > 0.0)) {
            return Err(format!("{}: table `{key}` needs columns with positive widths", path.display()));
        }
    }
    Ok(t)
}

impl Template {
    /// The text for `key`, or an error naming the template and the key.
    pub fn text(&self, key: &str) -> Result<&str, String> {
        self.text.get(key).map(String::as_str).ok_or_else(|| format!("template `{}` has no text `{key}`", self.name))
    }

    /// The columns of table `key`, or an error naming the template and the key.
    pub fn columns(&self, key: &str) -> Result<&[Column], String> {
        self.tables.get(key).map(Vec::as_slice).ok_or_else(|| format!("template `{}` has no table `{key}`", self.name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_default_loads() {
        let t = Templates::default().load("anticorruption").expect("default template");
        assert_eq!(t.page.left, 30.0);
        assert!(t.styles.contains_key("body"));
        assert!(Templates::embedded_names().contains(&"anticorruption".to_string()));
    }

    #[test]
    fn unknown_template_is_an_error() {
        let e = Templates::default().load("nope").unwrap_err();
        assert!(e.contains("no template named `nope`"), "{e}");
        assert!(Templates::default().load("../x").is_err());
    }
}
