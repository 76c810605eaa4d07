//! Months in which an activity runs.
//!
//! One run of months, as plans have always written it:
//!
//! ```yaml
//! months: {from: ม.ค., to: ก.ย.}
//! ```
//!
//! or a set of months and runs, for activities that do not run in
//! consecutive months (quarterly meetings; "ต.ค.–พ.ย., then มี.ค. and ก.ย."):
//!
//! ```yaml
//! months: [ต.ค., ม.ค., เม.ย., ก.ค.]
//! months: [{from: ต.ค., to: พ.ย.}, มี.ค., ก.ย.]
//! months: [ต.ค.-พ.ย., มี.ค., ก.ย.]
//! ```
//!
//! A month is a Thai abbreviation (`ต.ค.`, also without dots), a full name
//! (`ตุลาคม`) or a calendar number 1–12 in Thai or Arabic digits. Which
//! fiscal-year months these are, and whether a run goes backwards, is decided
//! when the plan is composed (it needs the fiscal year).

use std::fmt;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A calendar month, 1 = January.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month(pub u8);

/// The message for a value that is not a month.
fn not_a_month(typed: &str) -> String {
    format!("`{typed}` is not a month; write a Thai abbreviation ({}) or a number 1–12", crate::thai::MONTH_ABBREVIATIONS.join(" "))
}

impl Month {
    /// Reads a month from text: a name, an abbreviation or a number.
    pub fn parse(text: &str) -> Result<Month, String> {
        let t = text.trim();
        if let Ok(d) = super::numbers::parse(t) {
            return match d.whole() {
                Some(n) if (1..=12).contains(&n) => Ok(Month(n as u8)),
                Some(n) => Err(format!("month {n} does not exist; write 1–12 or a Thai abbreviation such as ต.ค.")),
                None => Err(not_a_month(t)),
            };
        }
        crate::thai::parse_month(t).map(Month).ok_or_else(|| not_a_month(t))
    }
}

struct MonthVisitor;

impl<'de> Visitor<'de> for MonthVisitor {
    type Value = Month;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a month, e.g. ต.ค. or 10")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Month, E> {
        Month::parse(&v.to_string()).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Month, E> {
        Month::parse(&v.to_string()).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Month, E> {
        Err(E::custom(not_a_month(&v.to_string())))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Month, E> {
        Month::parse(v).map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(MonthVisitor)
    }
}

impl JsonSchema for Month {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Month".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A month: a Thai abbreviation (ต.ค.), a full name (ตุลาคม) or a number 1–12 in Thai or Arabic digits.",
            "anyOf": [
                { "type": "integer", "minimum": 1, "maximum": 12 },
                { "type": "string", "minLength": 1 }
            ],
            "examples": ["ต.ค.", 10, "๑๐"]
        })
    }
}

/// A run of months inside the fiscal year, e.g. `{from: ม.ค., to: ก.ย.}`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonthRange {
    /// First month: a Thai abbreviation (`ต.ค.`) or a calendar number (10).
    pub from: Month,
    /// Last month (default: the first).
    #[serde(default)]
    pub to: Option<Month>,
}

impl MonthRange {
    /// The first and last month (the same for a single month).
    pub fn ends(&self) -> (Month, Month) {
        (self.from, self.to.unwrap_or(self.from))
    }
}

/// Reads a run written as text: `ต.ค.-พ.ย.`, `ต.ค. – พ.ย.` or a single month.
fn range_of_text(text: &str) -> Result<MonthRange, String> {
    match text.split_once(['-', '–', '—']) {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
            Ok(MonthRange { from: Month::parse(a)?, to: Some(Month::parse(b)?) })
        }
        _ => Ok(MonthRange { from: Month::parse(text)?, to: None }),
    }
}

/// When an activity runs: one run of months, or a set of months and runs.
#[derive(Debug, Clone, PartialEq)]
pub enum Months {
    /// `{from: ต.ค., to: ธ.ค.}` (the form plans have always used).
    Range(MonthRange),
    /// `[ต.ค., {from: ม.ค., to: มี.ค.}, ก.ย.]`; may be empty, which is refused when composed.
    Set(Vec<MonthRange>),
}

impl Months {
    /// The runs, in the order typed.
    pub fn runs(&self) -> &[MonthRange] {
        match self {
            Months::Range(r) => std::slice::from_ref(r),
            Months::Set(v) => v,
        }
    }
}

/// One entry of a month set: a month, a run as text, or `{from, to}`.
struct Entry(MonthRange);

struct EntryVisitor;

impl<'de> Visitor<'de> for EntryVisitor {
    type Value = Entry;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a month (ต.ค.), a run of months (ต.ค.-ธ.ค.) or {{from: ต.ค., to: ธ.ค.}}")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Entry, E> {
        Month::parse(&v.to_string()).map(|m| Entry(MonthRange { from: m, to: None })).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Entry, E> {
        Month::parse(&v.to_string()).map(|m| Entry(MonthRange { from: m, to: None })).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Entry, E> {
        Err(E::custom(not_a_month(&v.to_string())))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Entry, E> {
        range_of_text(v).map(Entry).map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Entry, A::Error> {
        MonthRange::deserialize(de::value::MapAccessDeserializer::new(map)).map(Entry)
    }
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(EntryVisitor)
    }
}

struct MonthsVisitor;

impl<'de> Visitor<'de> for MonthsVisitor {
    type Value = Months;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "months such as {{from: ต.ค., to: ธ.ค.}} or a list [ต.ค., มี.ค., ก.ย.]")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Months, A::Error> {
        MonthRange::deserialize(de::value::MapAccessDeserializer::new(map)).map(Months::Range)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Months, A::Error> {
        let mut out = Vec::new();
        while let Some(Entry(r)) = seq.next_element()? {
            out.push(r);
        }
        Ok(Months::Set(out))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Months, E> {
        EntryVisitor.visit_u64(v).map(|e| Months::Set(vec![e.0]))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Months, E> {
        EntryVisitor.visit_i64(v).map(|e| Months::Set(vec![e.0]))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Months, E> {
        Err(E::custom(not_a_month(&v.to_string())))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Months, E> {
        range_of_text(v).map(|r| Months::Set(vec![r])).map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Months {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(MonthsVisitor)
    }
}

impl JsonSchema for Months {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Months".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let range = g.subschema_for::<MonthRange>();
        let month = g.subschema_for::<Month>();
        json_schema!({
            "description": "When the activity runs: one run {from: ต.ค., to: ธ.ค.}, one month (มี.ค.), a run as text (ต.ค.-ธ.ค.), or a list of months and runs [{from: ต.ค., to: พ.ย.}, มี.ค., ก.ย.].",
            "anyOf": [
                range.clone(),
                month.clone(),
                { "type": "array", "minItems": 1, "items": { "anyOf": [range, month] } }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(yaml: &str) -> Result<Months, String> {
        serde_yaml::from_str::<Months>(yaml).map_err(|e| e.to_string())
    }

    fn r(from: u8, to: Option<u8>) -> MonthRange {
        MonthRange { from: Month(from), to: to.map(Month) }
    }

    #[test]
    fn every_form() {
        assert_eq!(months("{from: ต.ค., to: ธ.ค.}"), Ok(Months::Range(r(10, Some(12)))));
        assert_eq!(months("{from: 6}"), Ok(Months::Range(r(6, None))));
        assert_eq!(months("{from: \"๑๐\", to: ๑๒}"), Ok(Months::Range(r(10, Some(12)))));
        assert_eq!(months("[ต.ค., พ.ย., มี.ค., ก.ย.]"), Ok(Months::Set(vec![r(10, None), r(11, None), r(3, None), r(9, None)])));
        assert_eq!(months("[{from: ต.ค., to: พ.ย.}, มี.ค., 9]"), Ok(Months::Set(vec![r(10, Some(11)), r(3, None), r(9, None)])));
        assert_eq!(months("[ต.ค.-พ.ย., มีนาคม]"), Ok(Months::Set(vec![r(10, Some(11)), r(3, None)])));
        assert_eq!(months("ต.ค. – ธ.ค."), Ok(Months::Set(vec![r(10, Some(12))])));
        assert_eq!(months("[]"), Ok(Months::Set(vec![])));
    }

    #[test]
    fn mistakes() {
        let e = months("{from: 13}").unwrap_err();
        assert!(e.contains("month 13 does not exist"), "{e}");
        let e = months("[ต.ค., มกรา]").unwrap_err();
        assert!(e.contains("`มกรา` is not a month"), "{e}");
        let e = months("{from: ต.ค., until: ธ.ค.}").unwrap_err();
        assert!(e.contains("unknown field `until`"), "{e}");
    }
}
