//! Narrative content a plan arranges freely: headings, paragraphs, numbered
//! and bulleted lists, tables, pictures, page breaks, and the computed
//! tables of the anti-corruption plan placed among them.
//!
//! A block list is a YAML list; each item is one block:
//!
//! ```yaml
//! - heading: ความเป็นมา            # level 1 (in the table of contents)
//! - heading2: วิสัยทัศน์            # level 2 (bookmarks)
//! - heading3: ข้อย่อย              # level 3
//! - ข้อความย่อหน้าหนึ่ง …            # a bare text is a paragraph
//! - paragraph: ย่อหน้าที่เขียนเต็มรูป
//! - list: [ข้อแรก, {text: ข้อสอง, bullets: [ย่อย ก, ย่อย ข]}]   # numbered ๑. ๑.๑ …
//! - bullets: [ข้อ, ข้อ]            # bulleted
//! - table: {header: [กลยุทธ์, แนวทาง], rows: [[ก, ข], [{text: ค, colspan: 2}]]}
//! - image: {file: logo.png, caption: ตราสำนักงาน, alt: ตราสำนักงาน, width: 40}
//! - page_break
//! - ita_history: {scores: [{year: 2565, score: 90.1}]}    # computed tables
//! ```
//!
//! Every block and every option is checked: an unknown block name, or an
//! unknown option, is an error naming what is allowed.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::{ItaHistory, ItaIndicators, Misconduct, Text};

/// Alignment a plan may ask of a heading or a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

impl From<Align> for crate::doc::Align {
    fn from(a: Align) -> Self {
        match a {
            Align::Left => crate::doc::Align::Left,
            Align::Center => crate::doc::Align::Center,
            Align::Right => crate::doc::Align::Right,
        }
    }
}

/// The names of the blocks, as typed.
pub const BLOCK_NAMES: [&str; 12] = ["paragraph", "heading", "heading2", "heading3", "list", "bullets", "table", "image", "page_break", "ita_history", "ita_indicators", "misconduct"];

/// One piece of narrative content.
#[derive(Debug, Clone)]
pub enum Block {
    /// A paragraph of body text (`- text` or `- paragraph: text`).
    Paragraph(Text),
    /// A heading of level 1–3 (`- heading:`, `- heading2:`, `- heading3:`).
    Heading(Heading),
    /// A numbered (`- list:`) or bulleted (`- bullets:`) list.
    List(List),
    /// A table (`- table:`).
    Table(TableBlock),
    /// A picture (`- image:`).
    Image(ImageRef),
    /// Continue on a new page (`- page_break`).
    PageBreak,
    /// The table of overall ITA scores over the years, trend and difference computed.
    ItaHistory(ItaHistory),
    /// The table of ITA scores per indicator, level and pass/fail computed.
    ItaIndicators(ItaIndicators),
    /// The table of misconduct statistics, numbered when composed.
    Misconduct(Misconduct),
}

/// A heading written by the plan.
#[derive(Debug, Clone)]
pub struct Heading {
    /// 1, 2 or 3.
    pub level: u8,
    /// The text.
    pub text: Text,
    /// Alignment other than the heading style's.
    pub align: Option<Align>,
}

/// A list; items may hold a nested list.
#[derive(Debug, Clone)]
pub struct List {
    /// Numbered (`list`) or bulleted (`bullets`).
    pub ordered: bool,
    /// The items.
    pub items: Vec<ListItem>,
}

/// An item of a list: text, and optionally a list nested under it.
#[derive(Debug, Clone)]
pub struct ListItem {
    /// The item's text.
    pub text: Text,
    /// A list under the item.
    pub sub: Option<List>,
}

/// A simple table: header rows repeated on every page, body rows, cells that
/// may span columns and rows.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableBlock {
    /// A caption printed above the table (e.g. `ตารางที่ 1 …`).
    #[serde(default)]
    pub caption: Option<Text>,
    /// Relative column widths (e.g. `[30, 70]`); default: equal.
    #[serde(default)]
    pub widths: Option<Vec<f32>>,
    /// The header: one row (`[a, b]`) or several rows (`[[a, b], [c, d]]`), printed bold and repeated on each page.
    #[serde(default)]
    pub header: Rows,
    /// The body rows, each a list of cells.
    pub rows: Vec<Vec<CellSpec>>,
}

/// Rows of cells.
#[derive(Debug, Clone, Default)]
pub struct Rows(pub Vec<Vec<CellSpec>>);

/// A table cell: a text, or a mapping with spans and alignment.
#[derive(Debug, Clone)]
pub struct CellSpec {
    /// The text; each line of it is a paragraph of the cell.
    pub text: Text,
    /// Columns covered (default 1).
    pub colspan: usize,
    /// Rows covered (default 1).
    pub rowspan: usize,
    /// Alignment of the cell's text.
    pub align: Option<Align>,
}

/// A picture given by the path of a PNG or JPEG file, relative to the plan file.
#[derive(Debug, Clone)]
pub struct ImageRef {
    /// Path of the file, relative to the plan file's folder.
    pub file: String,
    /// Caption printed under the picture.
    pub caption: Option<Text>,
    /// Text alternative for readers who cannot see it (default: the caption).
    pub alt: Option<Text>,
    /// Printed width in millimetres (default: the picture's own size at 96 dpi, at most the text width).
    pub width: Option<f32>,
}

// ---------------------------------------------------------------------------
// Reading

/// A value written either as a plain text or as a mapping of options.
trait TextOrMap: Sized {
    /// The mapping form, read with unknown keys refused.
    type Full: for<'de> Deserialize<'de>;
    /// What the value is, for messages.
    const WHAT: &'static str;
    fn from_text(text: String) -> Self;
    fn from_full(full: Self::Full) -> Self;
}

struct TextOrMapVisitor<T>(PhantomData<T>);

impl<'de, T: TextOrMap> Visitor<'de> for TextOrMapVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", T::WHAT)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok(T::from_text(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        Ok(T::from_text(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Ok(T::from_text(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        Ok(T::from_text(v.to_string()))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::Full::deserialize(de::value::MapAccessDeserializer::new(map)).map(T::from_full)
    }
}

fn text_or_map<'de, D: Deserializer<'de>, T: TextOrMap>(d: D) -> Result<T, D::Error> {
    d.deserialize_any(TextOrMapVisitor(PhantomData))
}

macro_rules! text_or_map {
    ($t:ty) => {
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                text_or_map(d)
            }
        }
    };
}

/// `- heading: {text: …, align: center}`.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct HeadingFull {
    /// The heading's text.
    text: Text,
    /// `left`, `center` or `right`.
    #[serde(default)]
    align: Option<Align>,
}

struct HeadingText(Text, Option<Align>);
impl TextOrMap for HeadingText {
    type Full = HeadingFull;
    const WHAT: &'static str = "a heading's text, or {text: …, align: center}";
    fn from_text(t: String) -> Self {
        HeadingText(t, None)
    }
    fn from_full(f: HeadingFull) -> Self {
        HeadingText(f.text, f.align)
    }
}
text_or_map!(HeadingText);

/// A list item with a nested list.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct ListItemFull {
    /// The item's text.
    text: Text,
    /// A numbered list under the item.
    #[serde(default)]
    list: Option<Vec<ListItem>>,
    /// A bulleted list under the item.
    #[serde(default)]
    bullets: Option<Vec<ListItem>>,
}

impl<'de> Deserialize<'de> for ListItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Item(ListItem);
        impl TextOrMap for Item {
            type Full = ListItemFull;
            const WHAT: &'static str = "a list item: a text, or {text: …, list: […]} / {text: …, bullets: […]}";
            fn from_text(t: String) -> Self {
                Item(ListItem { text: t, sub: None })
            }
            fn from_full(f: ListItemFull) -> Self {
                let sub = match (f.list, f.bullets) {
                    (Some(items), _) => Some(List { ordered: true, items }),
                    (None, Some(items)) => Some(List { ordered: false, items }),
                    (None, None) => None,
                };
                Item(ListItem { text: f.text, sub })
            }
        }
        text_or_map::<D, Item>(d).map(|i| i.0)
    }
}

/// A cell with options.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct CellFull {
    /// The text.
    #[serde(default)]
    text: Text,
    /// Columns covered.
    #[serde(default)]
    colspan: Option<usize>,
    /// Rows covered.
    #[serde(default)]
    rowspan: Option<usize>,
    /// `left`, `center` or `right`.
    #[serde(default)]
    align: Option<Align>,
}

impl TextOrMap for CellSpec {
    type Full = CellFull;
    const WHAT: &'static str = "a cell: a text, or {text: …, colspan: 2, rowspan: 2, align: center}";
    fn from_text(t: String) -> Self {
        CellSpec { text: t, colspan: 1, rowspan: 1, align: None }
    }
    fn from_full(f: CellFull) -> Self {
        CellSpec { text: f.text, colspan: f.colspan.unwrap_or(1).max(1), rowspan: f.rowspan.unwrap_or(1).max(1), align: f.align }
    }
}
text_or_map!(CellSpec);

impl<'de> Deserialize<'de> for Rows {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// A header item: a cell (one header row) or a row (several header rows).
        enum CellOrRow {
            Cell(CellSpec),
            Row(Vec<CellSpec>),
        }
        impl<'de> Deserialize<'de> for CellOrRow {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = CellOrRow;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str("a header cell, or a row of header cells")
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<CellOrRow, E> {
                        Ok(CellOrRow::Cell(CellSpec::from_text(v.to_string())))
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<CellOrRow, E> {
                        Ok(CellOrRow::Cell(CellSpec::from_text(v.to_string())))
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<CellOrRow, E> {
                        Ok(CellOrRow::Cell(CellSpec::from_text(v.to_string())))
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<CellOrRow, E> {
                        Ok(CellOrRow::Cell(CellSpec::from_text(v.to_string())))
                    }
                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<CellOrRow, A::Error> {
                        CellFull::deserialize(de::value::MapAccessDeserializer::new(map)).map(|f| CellOrRow::Cell(CellSpec::from_full(f)))
                    }
                    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<CellOrRow, A::Error> {
                        Vec::<CellSpec>::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(CellOrRow::Row)
                    }
                }
                d.deserialize_any(V)
            }
        }
        let items = Vec::<CellOrRow>::deserialize(d)?;
        let rows = items.iter().filter(|i| matches!(i, CellOrRow::Row(_))).count();
        if rows == 0 {
            Ok(Rows(vec![items.into_iter().map(|i| if let CellOrRow::Cell(c) = i { c } else { unreachable!() }).collect()]).filter_empty())
        } else if rows == items.len() {
            Ok(Rows(items.into_iter().map(|i| if let CellOrRow::Row(r) = i { r } else { unreachable!() }).collect()))
        } else {
            Err(de::Error::custom("the header mixes cells and rows; write one row as [a, b] or several rows as [[a, b], [c, d]]"))
        }
    }
}

impl Rows {
    fn filter_empty(self) -> Self {
        Rows(self.0.into_iter().filter(|r| !r.is_empty()).collect())
    }
}

/// `image: {file: …, caption: …, alt: …, width: …}`.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct ImageFull {
    /// Path of a PNG or JPEG file, relative to the plan file's folder.
    file: String,
    /// Caption under the picture.
    #[serde(default)]
    caption: Option<Text>,
    /// Text alternative (default: the caption).
    #[serde(default)]
    alt: Option<Text>,
    /// Printed width, millimetres.
    #[serde(default)]
    width: Option<f32>,
}

impl TextOrMap for ImageRef {
    type Full = ImageFull;
    const WHAT: &'static str = "a picture: the path of a PNG or JPEG file, or {file: …, caption: …, alt: …, width: 40}";
    fn from_text(t: String) -> Self {
        ImageRef { file: t, caption: None, alt: None, width: None }
    }
    fn from_full(f: ImageFull) -> Self {
        ImageRef { file: f.file, caption: f.caption, alt: f.alt, width: f.width }
    }
}
text_or_map!(ImageRef);

/// Edit distance between two names, for suggestions.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for j in 0..b.len() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != b[j])).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn block_list() -> String {
    BLOCK_NAMES.join(", ")
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Block;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a block: a paragraph's text, or one of {}", block_list())
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Block, E> {
                let name = v.trim();
                if name == "page_break" {
                    Ok(Block::PageBreak)
                } else if BLOCK_NAMES.contains(&name) {
                    Err(E::custom(format!("the block `{name}` needs its content; write `- {name}: …` with a colon")))
                } else {
                    Ok(Block::Paragraph(v.to_string()))
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Block, E> {
                Ok(Block::Paragraph(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Block, E> {
                Ok(Block::Paragraph(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Block, E> {
                Ok(Block::Paragraph(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Block, E> {
                Err(E::custom("an empty block; write a paragraph's text or a block such as `- heading: …`, or delete the `-`"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> Result<Block, A::Error> {
                Err(de::Error::custom(format!("a list cannot stand as a block; write `- list:` (numbered) or `- bullets:` before it. Blocks: {}", block_list())))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Block, A::Error> {
                let Some(key) = map.next_key::<String>()? else {
                    return Err(de::Error::custom("an empty block; write a paragraph's text or a block such as `- heading: …`"));
                };
                let heading = |level: u8, h: HeadingText| Block::Heading(Heading { level, text: h.0, align: h.1 });
                let block = match key.as_str() {
                    "paragraph" => Block::Paragraph(map.next_value::<Text>()?),
                    "heading" => heading(1, map.next_value()?),
                    "heading2" => heading(2, map.next_value()?),
                    "heading3" => heading(3, map.next_value()?),
                    "list" => Block::List(List { ordered: true, items: map.next_value()? }),
                    "bullets" => Block::List(List { ordered: false, items: map.next_value()? }),
                    "table" => Block::Table(map.next_value()?),
                    "image" => Block::Image(map.next_value()?),
                    "page_break" => {
                        map.next_value::<Option<IgnoredAny>>()?;
                        Block::PageBreak
                    }
                    "ita_history" => Block::ItaHistory(map.next_value()?),
                    "ita_indicators" => Block::ItaIndicators(map.next_value()?),
                    "misconduct" => Block::Misconduct(map.next_value()?),
                    other => {
                        let near = BLOCK_NAMES.iter().find(|n| distance(n, other) <= 2);
                        let hint = near.map(|n| format!("did you mean `{n}`? ")).unwrap_or_default();
                        return Err(de::Error::custom(format!("unknown block type `{other}`; {hint}the blocks are: {}; a paragraph is a plain text item", block_list())));
                    }
                };
                if let Some(second) = map.next_key::<String>()? {
                    return Err(de::Error::custom(format!(
                        "one block per list item: `{key}` and `{second}` are in the same item; start `{second}:` on its own line with `- `"
                    )));
                }
                Ok(block)
            }
        }
        d.deserialize_any(V)
    }
}

// ---------------------------------------------------------------------------
// JSON Schema (hand-written where the YAML accepts a text or a mapping)

fn one_key(generator: &mut schemars::SchemaGenerator) -> Vec<serde_json::Value> {
    use schemars::JsonSchema;
    let text = serde_json::json!({"type": ["string", "number"]});
    let heading = serde_json::json!({"anyOf": [text, HeadingFull::json_schema(generator).to_value()]});
    let list = serde_json::json!({"type": "array", "items": generator.subschema_for::<ListItem>().to_value()});
    let mut props = serde_json::Map::new();
    props.insert("paragraph".into(), text.clone());
    props.insert("heading".into(), heading.clone());
    props.insert("heading2".into(), heading.clone());
    props.insert("heading3".into(), heading);
    props.insert("list".into(), list.clone());
    props.insert("bullets".into(), list);
    props.insert("table".into(), generator.subschema_for::<TableBlock>().to_value());
    props.insert("image".into(), generator.subschema_for::<ImageRef>().to_value());
    props.insert("page_break".into(), serde_json::json!({"type": "null"}));
    props.insert("ita_history".into(), generator.subschema_for::<ItaHistory>().to_value());
    props.insert("ita_indicators".into(), generator.subschema_for::<ItaIndicators>().to_value());
    props.insert("misconduct".into(), generator.subschema_for::<Misconduct>().to_value());
    vec![
        serde_json::json!({"type": ["string", "number"], "description": "a paragraph, or `page_break`"}),
        serde_json::json!({"type": "object", "properties": props, "additionalProperties": false, "minProperties": 1, "maxProperties": 1}),
    ]
}

impl schemars::JsonSchema for Block {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Block".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A block of narrative content: a paragraph's text, or one of `heading`, `heading2`, `heading3`, `paragraph`, `list`, `bullets`, `table`, `image`, `page_break`, `ita_history`, `ita_indicators`, `misconduct`.",
            "anyOf": one_key(generator)
        })
    }
}

impl schemars::JsonSchema for ListItem {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ListItem".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"anyOf": [{"type": ["string", "number"]}, ListItemFull::json_schema(generator).to_value()]})
    }
}

impl schemars::JsonSchema for CellSpec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cell".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"anyOf": [{"type": ["string", "number"]}, CellFull::json_schema(generator).to_value()]})
    }
}

impl schemars::JsonSchema for Rows {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "HeaderRows".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let cell = generator.subschema_for::<CellSpec>().to_value();
        schemars::json_schema!({"type": "array", "items": {"anyOf": [cell.clone(), {"type": "array", "items": cell}]}})
    }
}

impl schemars::JsonSchema for ImageRef {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Image".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"anyOf": [{"type": "string", "description": "path of a PNG or JPEG file, relative to the plan file"}, ImageFull::json_schema(generator).to_value()]})
    }
}

/// A part of the plan written either in its fixed fields (the form of earlier
/// plans) or as a list of blocks.
#[derive(Debug, Clone)]
pub enum Part<T> {
    /// The fixed fields.
    Fields(Box<T>),
    /// Free blocks.
    Blocks(Vec<Block>),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Part<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Part<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of blocks (`- heading: …`, paragraphs, …) or the mapping of fields")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Part<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|t| Part::Fields(Box::new(t)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Part<T>, A::Error> {
                Vec::<Block>::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Part::Blocks)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for Part<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("PartOf{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let fields = generator.subschema_for::<T>().to_value();
        let blocks = generator.subschema_for::<Vec<Block>>().to_value();
        schemars::json_schema!({"anyOf": [blocks, fields]})
    }
}

/// The signature under the foreword: a single line (the office by default),
/// or the office, a date line and optionally the signer.
#[derive(Debug, Clone, Default)]
pub struct Signature {
    /// The office line (default: the office's name).
    pub office: Option<Text>,
    /// The date line, e.g. `ตุลาคม 2567`.
    pub date: Option<Text>,
    /// The signer's name, printed in parentheses.
    pub name: Option<Text>,
    /// The signer's position.
    pub position: Option<Text>,
    /// Written as a single line of text (the earlier form).
    pub line: Option<Text>,
}

/// `signature: {office: …, date: …, name: …, position: …}`.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct SignatureFull {
    /// The office line (default: the office's name).
    #[serde(default)]
    office: Option<Text>,
    /// The date line, e.g. `ตุลาคม 2567`.
    #[serde(default)]
    date: Option<Text>,
    /// The signer's name (printed in parentheses).
    #[serde(default)]
    name: Option<Text>,
    /// The signer's position.
    #[serde(default)]
    position: Option<Text>,
}

impl TextOrMap for Signature {
    type Full = SignatureFull;
    const WHAT: &'static str = "a signature line, or {office: …, date: …, name: …, position: …}";
    fn from_text(t: String) -> Self {
        Signature { line: Some(t), ..Signature::default() }
    }
    fn from_full(f: SignatureFull) -> Self {
        Signature { office: f.office, date: f.date, name: f.name, position: f.position, line: None }
    }
}
text_or_map!(Signature);

impl schemars::JsonSchema for Signature {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Signature".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"anyOf": [{"type": "string"}, SignatureFull::json_schema(generator).to_value()]})
    }
}

/// Extra content of the cover page.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// An emblem printed above the title: a PNG or JPEG path, or {file: …, width: 30, alt: …}.
    #[serde(default)]
    pub emblem: Option<ImageRef>,
    /// Lines printed under the office's name (e.g. `กระทรวงศึกษาธิการ`).
    #[serde(default)]
    pub lines: Vec<Text>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(yaml: &str) -> Result<Vec<Block>, String> {
        serde_yaml::from_str::<Vec<Block>>(yaml).map_err(|e| e.to_string())
    }

    #[test]
    fn every_block_reads() {
        let b = blocks(
            "- heading: ก\n- heading2: {text: ข, align: center}\n- ข้อความ\n- paragraph: ค\n- list: [a, {text: b, bullets: [c]}]\n- bullets: [d]\n\
             - table: {header: [x, y], rows: [[1, {text: z, colspan: 2}]]}\n- image: logo.png\n- page_break\n- ita_history: {scores: [{year: 2565, score: 90}]}\n",
        )
        .unwrap();
        assert_eq!(b.len(), 10);
        assert!(matches!(&b[1], Block::Heading(Heading { level: 2, align: Some(Align::Center), .. })));
        assert!(matches!(&b[2], Block::Paragraph(t) if t == "ข้อความ"));
        match &b[4] {
            Block::List(l) => assert!(l.ordered && l.items[1].sub.as_ref().is_some_and(|s| !s.ordered)),
            other => panic!("{other:?}"),
        }
        match &b[6] {
            Block::Table(t) => {
                assert_eq!(t.header.0.len(), 1);
                assert_eq!(t.rows[0][1].colspan, 2);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&b[8], Block::PageBreak));
    }

    #[test]
    fn mistakes_are_named() {
        let e = blocks("- paragraph: a\n- headng: b\n").unwrap_err();
        assert!(e.contains("unknown block type `headng`") && e.contains("did you mean `heading`") && e.contains("line 2"), "{e}");
        let e = blocks("- heading: a\n  paragraph: b\n").unwrap_err();
        assert!(e.contains("one block per list item"), "{e}");
        let e = blocks("- table: {rows: [[a]], colour: red}\n").unwrap_err();
        assert!(e.contains("unknown field `colour`"), "{e}");
        let e = blocks("- ita_history\n").unwrap_err();
        assert!(e.contains("needs its content"), "{e}");
        let e = blocks("- table: {header: [a, [b]], rows: []}\n").unwrap_err();
        assert!(e.contains("mixes cells and rows"), "{e}");
    }
}
