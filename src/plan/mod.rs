//! The plan: what an office writes in its YAML file, and how it is read.
//!
//! This is the only module that knows YAML. Everything here is data the office
//! typed; values that can be computed (ITA levels, pass/fail, trends, totals,
//! month columns, numbering) are deliberately absent and are decided by
//! [`crate::compose`].
//!
//! A plan file names its template (`template:`); the template's kind decides
//! which model the file is read with: [`AntiCorruption`] or [`ProvincialDrive`].
//!
//! Free text (`Text`) may contain placeholders that are filled in from the plan
//! itself, so a name is typed once and can never disagree with itself:
//! `{office}`, `{office_short}`, `{province}`, `{fiscal_year}`. Text may mark
//! bold runs with `**…**`. Digits in text may be typed as `0-9` or `๐-๙`; the
//! document prints them in the template's digit style.

mod anticorruption;
pub mod blocks;
mod drive;
mod months;
pub mod numbers;
pub mod positions;
pub mod lint;
mod recover;
pub mod rollover;
mod yaml_help;

pub use yaml_help::invisible_characters;

pub use anticorruption::*;
pub use blocks::{Block, Cover, Part, Signature};
pub use drive::*;
pub use months::*;

use serde::Deserialize;

/// Free text as typed in the plan (placeholders and `**bold**` allowed).
pub type Text = String;

/// The kinds of plan, each with its own model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// [`AntiCorruption`].
    Anticorruption,
    /// [`ProvincialDrive`].
    ProvincialDrive,
}

/// A plan of any kind.
#[derive(Debug, Clone)]
pub enum Plan {
    /// An office's annual anti-corruption action plan.
    AntiCorruption(AntiCorruption),
    /// A province's drive plan.
    ProvincialDrive(ProvincialDrive),
}

impl Plan {
    /// The template the plan names, or [`DEFAULT_TEMPLATE`] (as [`template_of`] reads it).
    pub fn template(&self) -> &str {
        let named = match self {
            Plan::AntiCorruption(p) => p.template.as_deref(),
            Plan::ProvincialDrive(p) => p.template.as_deref(),
        };
        named.unwrap_or(DEFAULT_TEMPLATE)
    }
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 2] = [Kind::Anticorruption, Kind::ProvincialDrive];

    /// The name used in templates and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Anticorruption => "anticorruption",
            Kind::ProvincialDrive => "provincial-drive",
        }
    }
}

/// The JSON Schema of a kind's plan files, for editors (completion and inline errors).
pub fn schema(kind: Kind) -> String {
    let mut schema = match kind {
        Kind::Anticorruption => schemars::schema_for!(AntiCorruption),
        Kind::ProvincialDrive => schemars::schema_for!(ProvincialDrive),
    };
    schema.insert("title".into(), format!("phaen plan ({})", kind.name()).into());
    let mut out = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    out.push('\n');
    out
}

/// The template a plan uses when it names none.
pub const DEFAULT_TEMPLATE: &str = "anticorruption";

/// A problem with a plan file, with the place it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    /// The file.
    pub file: String,
    /// 1-based line, if known.
    pub line: Option<usize>,
    /// 1-based column, if known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do about it, when known better than from the message alone.
    pub help: Option<String>,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{}:{}: {}", self.file, l, c, self.message),
            (Some(l), None) => write!(f, "{}:{}: {}", self.file, l, self.message),
            _ => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Largest plan file read, in bytes.
pub const MAX_FILE_SIZE: usize = 4 * 1024 * 1024;

fn yaml_error(e: serde_yaml::Error, file: &str) -> LoadError {
    let loc = e.location();
    let mut msg = e.to_string();
    // serde_yaml writes " at line L column C" into the text; the position is given separately
    while let Some(i) = msg.find(" at line ") {
        let rest = &msg[i + " at line ".len()..];
        let after = rest.find(", ").map(|j| &rest[j..]).unwrap_or("");
        msg = format!("{}{}", &msg[..i], after);
    }
    if msg.contains("expected struct Head") {
        msg = "the file must be a mapping of keys (`template:`, `fiscal_year:`, …), not a single value or a list".into();
    }
    LoadError { file: file.to_string(), line: loc.as_ref().map(|l| l.line()), column: loc.as_ref().map(|l| l.column()), message: msg, help: None }
}

/// Deepest nesting a plan may have (a plan needs about 8).
pub const MAX_DEPTH: usize = 64;

/// Finds nesting deeper than [`MAX_DEPTH`], by brackets or by indentation,
/// before any YAML parser sees it (deep nesting makes parsers slow).
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (n, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > MAX_DEPTH * 8 {
            return Some((n + 1, indent + 1));
        }
        let mut prev = ' ';
        for (col, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if matches!(prev, ' ' | '[' | '{' | ',' | ':') => quote = Some(c),
                (None, '#') if prev == ' ' => break,
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some((n + 1, col + 1));
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            prev = c;
        }
    }
    None
}

fn check_size(text: &str, file: &str) -> Result<(), LoadError> {
    // a build reads the template name and then the plan, each asking this of
    // the same text, which costs two passes over the file: the last text that
    // passed is remembered, whole, and not checked again
    thread_local! {
        static PASSED: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    }
    if PASSED.with(|p| p.borrow().as_deref() == Some(text)) {
        return Ok(());
    }
    check_size_of(text, file)?;
    PASSED.with(|p| *p.borrow_mut() = Some(text.to_string()));
    Ok(())
}

fn check_size_of(text: &str, file: &str) -> Result<(), LoadError> {
    let fail = |message: String| LoadError { file: file.to_string(), line: None, column: None, message, help: None };
    if let Some((line, column)) = too_deep(text) {
        return Err(LoadError { file: file.to_string(), line: Some(line), column: Some(column), message: format!("the file nests deeper than {MAX_DEPTH} levels here; a plan is not that deep"), help: None });
    }
    // without an anchor (`&name`) nothing expands: every scalar counts once
    // (plus one), which stays under the limit for a file of up to half of it,
    // so such a file is not parsed for this
    let may_expand = may_have_anchor(text) || text.len() > positions::MAX_EXPANDED / 2;
    if let Some(p) = may_expand.then(|| positions::expansion_overflow(text)).flatten() {
        return Err(LoadError {
            file: file.to_string(),
            line: Some(p.line),
            column: Some(p.column),
            message: format!("with its aliases (*name) expanded the file holds more than {} MB of text here", positions::MAX_EXPANDED / (1024 * 1024)),
            help: None,
        });
    }
    if text.len() > MAX_FILE_SIZE {
        return Err(fail(format!("the file is {} bytes; a plan is at most {} bytes", text.len(), MAX_FILE_SIZE)));
    }
    if text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        return Err(fail("the file is empty; a plan starts with `template:` or `fiscal_year:` (`phaen new` writes a complete example)".into()));
    }
    Ok(())
}

/// Whether a `&` of the text may start an anchor: one that stands where a
/// node starts (a line's start, after `:`, `-`, `?`, `[`, `{`, `,` or a tag).
/// A `&` inside text (`Zero Tolerance & Clean Thailand`) is not one.
fn may_have_anchor(text: &str) -> bool {
    text.match_indices('&').any(|(i, _)| {
        let before = text[..i].trim_end_matches([' ', '\t']);
        let word = before.rsplit([' ', '\t', '\n']).next().unwrap_or("");
        matches!(before.chars().last(), None | Some('\n' | '\r' | ':' | '-' | '?' | '[' | '{' | ',')) || word.starts_with('!')
    })
}

/// The template a plan file names (`template:`), or [`DEFAULT_TEMPLATE`].
pub fn template_of(text: &str, file: &str) -> Result<String, LoadError> {
    check_size(text, file)?;
    #[derive(Deserialize)]
    struct Head {
        #[serde(default)]
        template: Option<String>,
    }
    let head: Head = serde_yaml::from_str(text).map_err(|e| {
        let mut e = yaml_error(e, file);
        yaml_help::explain(text, &mut e);
        e
    })?;
    Ok(head.template.unwrap_or_else(|| DEFAULT_TEMPLATE.to_string()))
}

/// The template a plan file names, guessed from its first line that starts
/// `template: NAME` (else [`DEFAULT_TEMPLATE`]) without parsing the file —
/// a guess, cheap where [`template_of`] parses the whole file, that the plan
/// confirms once it is parsed ([`Plan::template`]).
pub fn template_guess(text: &str) -> String {
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("template:") {
            if rest.is_empty() || rest.starts_with([' ', '\t']) {
                let value = rest.split(" #").next().unwrap_or_default().trim();
                if !value.is_empty() {
                    return value.to_string();
                }
            }
            break;
        }
    }
    DEFAULT_TEMPLATE.to_string()
}

/// Parses the text of a plan file of the given kind; `file` names it in errors.
pub fn parse(text: &str, file: &str, kind: Kind) -> Result<Plan, LoadError> {
    parse_all(text, file, kind).map_err(|mut e| e.swap_remove(0))
}

/// Parses the text of a plan file of the given kind; on failure returns every
/// independent error found (at least one), in the order of the file.
pub fn parse_all(text: &str, file: &str, kind: Kind) -> Result<Plan, Vec<LoadError>> {
    check_size(text, file).map_err(|e| vec![e])?;
    // the starter repairs a plan with errors; a plan without is read once
    let donor = || serde_yaml::from_str::<serde_yaml::Value>(starter(kind)).ok();
    let result = match kind {
        Kind::Anticorruption => recover::deserialize_all(text, file, donor).map(Plan::AntiCorruption),
        Kind::ProvincialDrive => recover::deserialize_all(text, file, donor).map(Plan::ProvincialDrive),
    };
    result.map_err(|mut errors| {
        errors.sort_by_key(|e| (e.line.is_none(), e.line, e.column));
        errors
    })
}

#[derive(rust_embed::RustEmbed)]
#[folder = "starters/"]
struct Starters;

/// The starter plan of a kind, embedded in the program: a complete plan with
/// comments that explain each part (what `phaen new` writes).
pub fn starter(kind: Kind) -> &'static str {
    use std::sync::OnceLock;
    static TEXTS: [OnceLock<String>; 2] = [OnceLock::new(), OnceLock::new()];
    let i = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    TEXTS[i].get_or_init(|| {
        Starters::get(&format!("{}.yaml", kind.name())).map(|f| String::from_utf8_lossy(&f.data).into_owned()).unwrap_or_default()
    })
}

/// The picture files a plan's text names (cover emblem, image blocks), as
/// typed: relative to the plan's folder. A text that does not parse names none.
pub fn pictures(text: &str) -> Vec<String> {
    use serde_yaml::Value;
    // the keys that name a picture: `emblem: logo.png`, `image: a.jpg`, `image: {file: a.jpg}`
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Sequence(items) => items.iter().for_each(|i| walk(i, out)),
            Value::Mapping(m) => {
                for (k, v) in m {
                    match (k.as_str(), v) {
                        (Some("emblem" | "image" | "file"), Value::String(s)) => {
                            if !out.contains(s) {
                                out.push(s.clone());
                            }
                        }
                        _ => walk(v, out),
                    }
                }
            }
            Value::Tagged(t) => walk(&t.value, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if text.len() <= MAX_FILE_SIZE && too_deep(text).is_none() && positions::expansion_overflow(text).is_none() {
        if let Ok(v) = serde_yaml::from_str::<Value>(text) {
            walk(&v, &mut out);
        }
    }
    out
}

/// Reads a plan file as text.
pub fn read(path: &std::path::Path) -> Result<String, LoadError> {
    let file = path.display().to_string();
    let fail = |message: String| LoadError { file: file.clone(), line: None, column: None, message, help: None };
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("cannot read the file: {e}")))?;
    if meta.len() as usize > MAX_FILE_SIZE {
        return Err(fail(format!("the file is {} bytes; a plan is at most {} bytes", meta.len(), MAX_FILE_SIZE)));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read the file: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        LoadError { file: file.clone(), line: Some(line), column: Some(col), message: "the file is not valid UTF-8 text".into(), help: Some("save it as UTF-8 (in Notepad: File → Save As → Encoding: UTF-8)".into()) }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn pictures_a_plan_names() {
        let text = "cover:\n  emblem: logo.PNG\nintroduction:\n  - image: {file: pictures/a.jpg, caption: ภาพ a.png}\n  - ข้อความ\n  - image: pictures/a.jpg\n";
        assert_eq!(super::pictures(text), vec!["logo.PNG", "pictures/a.jpg"]);
        assert!(super::pictures("a: [").is_empty());
    }

    #[test]
    fn anchors_are_told_from_ampersands_in_text() {
        for anchored in ["a: &x 1\nb: *x\n", "- &x [1]\n", "&x a: 1\n", "  &x\n", "a: [&x 1, *x]\n", "{a: &x 1}", "? &x k\n", "a: !!str &x v\n", "a: b\n-\t&x v"] {
            assert!(super::may_have_anchor(anchored), "{anchored:?}");
        }
        for plain in ["vision: ไทยทั้งชาติต้านทุจริต (Zero Tolerance & Clean Thailand)\n", "url: https://a.go.th/?a=1&b=2\n", "a: b\n"] {
            assert!(!super::may_have_anchor(plain), "{plain:?}");
        }
        // a plan of aliases that expand too far is still refused
        let long = "ก".repeat(2000);
        let aliases = vec!["*s"; 4000].join(", ");
        assert!(super::check_size_of(&format!("intro: [&s \"{long}\", {aliases}]\n"), "a.yaml").is_err());
    }
}
