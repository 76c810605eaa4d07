//! Numbers as people type them.
//!
//! A planning officer writes a budget as `150000`, `150,000`, `๑๕๐,๐๐๐` or
//! `"๑๕๐,๐๐๐"`, a score as `96.61` or `๙๖.๖๑`, a year as `2567`, `"๒๕๖๗"` or
//! `พ.ศ. ๒๕๖๗`. YAML reads some of these as numbers and the others as text;
//! the types here accept both and read the text the way a person means it:
//! Thai (๐–๙) or Arabic digits, commas grouping thousands, a decimal point.
//!
//! Anything else (a number written in words, a comma out of place, a third
//! decimal in an amount of baht) is refused with a message in plain words
//! that says what to write instead; serde_yaml attaches the line and column
//! of the value.
//!
//! Each type also describes itself to JSON Schema as "a number, or text
//! matching this pattern", so editors accept the same spellings.
//!
//! Fields that stay plain integers or floats in the model (years, scores)
//! use the `deserialize_with` helpers ([`year`], [`score`], …); amounts of
//! money are a type of their own, [`Money`], held in satang so totals are
//! exact.

use std::fmt;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A non-negative number as typed: `units / 10^places`, exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    /// All the digits, without the decimal point.
    pub units: u128,
    /// How many of them follow the decimal point.
    pub places: u32,
}

impl Decimal {
    /// The whole part, if the number has no fractional part (trailing zeros allowed).
    pub fn whole(self) -> Option<u128> {
        let p = 10u128.checked_pow(self.places)?;
        (self.units % p == 0).then_some(self.units / p)
    }

    /// The value scaled to `places` decimals, if it has no more than that
    /// many significant decimals (`12.50` → 1250 at 2 places).
    pub fn scaled(self, places: u32) -> Option<u128> {
        if self.places <= places {
            self.units.checked_mul(10u128.checked_pow(places - self.places)?)
        } else {
            let p = 10u128.checked_pow(self.places - places)?;
            (self.units % p == 0).then_some(self.units / p)
        }
    }

    /// The value as a float.
    pub fn to_f64(self) -> f64 {
        self.units as f64 / 10f64.powi(self.places as i32)
    }
}

/// Why a text is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Nothing but spaces.
    Empty,
    /// Letters or other signs: not a number at all (e.g. written in words).
    NotANumber,
    /// A minus sign.
    Negative,
    /// A comma that does not group three digits.
    Commas,
    /// More digits than any amount needs.
    TooLong,
}

/// Reads a number typed with Thai or Arabic digits, optional commas grouping
/// thousands and an optional decimal point: `๑๕๐,๐๐๐`, `150,000`, `๙๖.๖๑`.
/// Spaces around it are ignored.
pub fn parse(text: &str) -> Result<Decimal, Problem> {
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}');
    if t.is_empty() {
        return Err(Problem::Empty);
    }
    let ascii = crate::thai::digits(t, crate::thai::DigitStyle::Arabic);
    if let Some(rest) = ascii.strip_prefix('-') {
        return match parse(rest) {
            Ok(_) => Err(Problem::Negative),
            Err(p) => Err(p),
        };
    }
    let (int, frac) = match ascii.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (ascii.as_str(), None),
    };
    let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(f) = frac {
        if !is_digits(f) {
            return Err(if f.contains(',') && is_digits(&f.replace(',', "")) { Problem::Commas } else { Problem::NotANumber });
        }
    }
    if !(is_digits(int) || int.is_empty() && frac.is_some()) {
        let without = int.replace(',', "");
        if !is_digits(&without) {
            return Err(Problem::NotANumber);
        }
        // commas: the first group 1–3 digits, every other group exactly 3
        let groups: Vec<&str> = int.split(',').collect();
        if groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
            return Err(Problem::Commas);
        }
    }
    let digits: String = int.chars().filter(|c| *c != ',').chain(frac.unwrap_or("").chars()).collect();
    let significant = digits.trim_start_matches('0');
    if significant.len() > 30 {
        return Err(Problem::TooLong);
    }
    let units = if significant.is_empty() { 0 } else { significant.parse::<u128>().map_err(|_| Problem::TooLong)? };
    Ok(Decimal { units, places: frac.map_or(0, |f| f.len() as u32) })
}

/// The number YAML gave as a float, exactly as the shortest text that reads
/// back to it (`12500.5`, never `12500.499999`).
fn from_f64(v: f64) -> Result<Decimal, Problem> {
    if !v.is_finite() {
        return Err(Problem::NotANumber);
    }
    if v < 0.0 {
        return Err(Problem::Negative);
    }
    parse(&format!("{v}"))
}

/// What a number is used for: decides the words of messages and the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Budget,
    Score,
    Year,
    Count,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Budget => "an amount in baht",
            Kind::Score => "a score",
            Kind::Year => "a year",
            Kind::Count => "a count",
        }
    }

    fn example(self) -> &'static str {
        match self {
            Kind::Budget => "150000, 150,000, ๑๕๐,๐๐๐ or 12500.50",
            Kind::Score => "84.82 or ๘๔.๘๒",
            Kind::Year => "2567 or ๒๕๖๗",
            Kind::Count => "12 or ๑๒",
        }
    }

    /// The message for a value that could not be read.
    fn message(self, typed: &str, problem: Problem) -> String {
        let (noun, example) = (self.noun(), self.example());
        match problem {
            Problem::Empty => format!("the value is empty; write {noun} in digits, e.g. {example}"),
            Problem::NotANumber => format!("`{}` is not a number; write {noun} in digits (Thai or Arabic), e.g. {example}", typed.trim()),
            Problem::Negative => format!("`{}` is below zero; {noun} is zero or more", typed.trim()),
            Problem::Commas => format!("`{}` has a comma out of place; commas group digits by three (150,000), or leave them out (150000)", typed.trim()),
            Problem::TooLong => format!("`{}` is too large for {noun}", typed.trim()),
        }
    }
}

/// A number read for `kind` from whatever YAML made of it, then converted
/// by `convert` — inside the visitor, so a refusal carries the value's position.
struct NumberVisitor<T> {
    kind: Kind,
    convert: fn(Decimal, &str, Kind) -> Result<T, String>,
}

impl<T> NumberVisitor<T> {
    fn done<E: de::Error>(self, n: Decimal, typed: &str) -> Result<T, E> {
        (self.convert)(n, typed, self.kind).map_err(E::custom)
    }
}

impl<'de, T> Visitor<'de> for NumberVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} written in digits, e.g. {}", self.kind.noun(), self.kind.example())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        self.done(Decimal { units: v as u128, places: 0 }, &v.to_string())
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<T, E> {
        self.done(Decimal { units: v, places: 0 }, &v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        if v < 0 {
            return Err(E::custom(self.kind.message(&v.to_string(), Problem::Negative)));
        }
        self.visit_u64(v as u64)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<T, E> {
        if v < 0 {
            return Err(E::custom(self.kind.message(&v.to_string(), Problem::Negative)));
        }
        self.visit_u128(v as u128)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        let typed = format!("{v}");
        match from_f64(v) {
            Ok(d) => self.done(d, &typed),
            Err(p) => Err(E::custom(self.kind.message(&typed, p))),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        let mut text = v.trim();
        if self.kind == Kind::Year {
            // `พ.ศ. ๒๕๖๗` as printed in documents
            if let Some(rest) = text.strip_prefix("พ.ศ.") {
                text = rest.trim_start();
            }
        }
        match parse(text) {
            Ok(d) => self.done(d, v.trim()),
            Err(p) => Err(E::custom(self.kind.message(v, p))),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Err(E::custom(format!("the value is missing; write {} in digits, e.g. {}", self.kind.noun(), self.kind.example())))
    }
}

fn read<'de, D: Deserializer<'de>, T>(d: D, kind: Kind, convert: fn(Decimal, &str, Kind) -> Result<T, String>) -> Result<T, D::Error> {
    d.deserialize_any(NumberVisitor { kind, convert })
}

/// A whole number no larger than `max`.
fn whole(n: Decimal, typed: &str, kind: Kind, max: u128) -> Result<u128, String> {
    let Some(w) = n.whole() else {
        return Err(format!("`{typed}` is not a whole number; write {} without decimals, e.g. {}", kind.noun(), kind.example()));
    };
    if w > max {
        return Err(format!("`{typed}` is too large for {}; e.g. {}", kind.noun(), kind.example()));
    }
    Ok(w)
}

/// A year typed as `2567`, `"๒๕๖๗"` or `พ.ศ. ๒๕๖๗`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Year(pub u16);

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        read(d, Kind::Year, |n, t, k| whole(n, t, k, 9999).map(|y| Year(y as u16)))
    }
}

/// A count (of cases, people…) typed as `12`, `๑๒` or `1,510`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Count(pub u32);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        read(d, Kind::Count, |n, t, k| whole(n, t, k, u32::MAX as u128).map(|n| Count(n as u32)))
    }
}

/// A score typed as `84.82` or `๘๔.๘๒`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Score(pub f64);

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        read(d, Kind::Score, |n, typed, _| {
            if n.to_f64() > 1_000_000.0 {
                return Err(format!("`{typed}` is too large for a score; scores are percentages, e.g. 84.82"));
            }
            Ok(Score(n.to_f64()))
        })
    }
}

/// An amount of money in satang (1 baht = 100 satang), typed in baht as
/// `150000`, `150,000`, `๑๕๐,๐๐๐`, `12500.50` or `๑๒,๕๐๐.๕๐`; at most two decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Money(pub u64);

/// Largest amount accepted: a hundred billion baht, far above any office plan.
pub const MAX_BAHT: u64 = 100_000_000_000;

impl Money {
    /// Whole baht.
    pub fn from_baht(baht: u64) -> Money {
        Money(baht * 100)
    }

    /// The amount in satang.
    pub fn satang(self) -> u64 {
        self.0
    }

    /// The whole baht (satang dropped).
    pub fn baht(self) -> u64 {
        self.0 / 100
    }

    /// True when the amount has satang (is not whole baht).
    pub fn has_satang(self) -> bool {
        self.0 % 100 != 0
    }

    /// Reads an amount from text (the same spellings as in a plan file); the
    /// message says what is wrong in plain words.
    pub fn parse(text: &str) -> Result<Money, String> {
        let d = parse(text).map_err(|p| Kind::Budget.message(text, p))?;
        Money::from_decimal(d, text.trim())
    }

    fn from_decimal(d: Decimal, typed: &str) -> Result<Money, String> {
        let Some(satang) = d.scaled(2) else {
            return Err(format!("`{typed}` has more than two decimals; an amount in baht has at most two (satang), e.g. 12500.50 or ๑๒,๕๐๐.๕๐"));
        };
        if satang > (MAX_BAHT as u128) * 100 {
            return Err(format!("`{typed}` is more than {MAX_BAHT} baht; check the number of digits"));
        }
        Ok(Money(satang as u64))
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0 + o.0)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money(0), |a, b| a + b)
    }
}

impl fmt::Display for Money {
    /// In baht with Arabic digits and no grouping, as a person would type it back: `12500.50`, `268000`.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.has_satang() {
            write!(f, "{}.{:02}", self.baht(), self.0 % 100)
        } else {
            write!(f, "{}", self.baht())
        }
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        read(d, Kind::Budget, |n, typed, _| Money::from_decimal(n, typed))
    }
}

/// Reads a year into a plain integer (for `#[serde(deserialize_with)]`).
pub fn year<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    Year::deserialize(d).map(|y| y.0)
}

/// Reads an optional year (with `#[serde(default)]`).
pub fn year_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    Option::<Year>::deserialize(d).map(|y| y.map(|y| y.0))
}

/// Reads a list of years.
pub fn years<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u16>, D::Error> {
    Vec::<Year>::deserialize(d).map(|v| v.into_iter().map(|y| y.0).collect())
}

/// Reads a score into a plain float.
pub fn score<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Score::deserialize(d).map(|s| s.0)
}

/// Reads an optional score (with `#[serde(default)]`).
pub fn score_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Option::<Score>::deserialize(d).map(|s| s.map(|s| s.0))
}

/// Reads a small whole number (a position such as `1` or `๑`) into a `usize`.
pub fn index<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    Count::deserialize(d).map(|c| c.0 as usize)
}

/// Reads an optional list of counts (with `#[serde(default)]`).
pub fn counts_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u32>>, D::Error> {
    Option::<Vec<Count>>::deserialize(d).map(|v| v.map(|v| v.into_iter().map(|c| c.0).collect()))
}

/// Thai or Arabic digit, as a regular-expression class for JSON Schema patterns.
const D: &str = "[0-9๐-๙]";

/// `0-9๐-๙` with optional grouping commas.
fn grouped() -> String {
    format!("({D}+|{D}{{1,3}}(,{D}{{3}})+)")
}

/// Schema of a number that may also be typed as text matching `pattern`.
fn number_or_text(description: &str, number: Schema, pattern: String, examples: serde_json::Value) -> Schema {
    json_schema!({
        "description": description,
        "anyOf": [number, { "type": "string", "pattern": pattern }],
        "examples": examples,
    })
}

impl JsonSchema for Year {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Year".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        number_or_text(
            "A year of the Buddhist Era in Thai or Arabic digits, e.g. 2567, \"๒๕๖๗\" or \"พ.ศ. ๒๕๖๗\".",
            json_schema!({ "type": "integer", "minimum": 0, "maximum": 9999 }),
            format!("^\\s*(พ\\.ศ\\.\\s*)?{D}{{1,4}}\\s*$"),
            serde_json::json!([2567, "๒๕๖๗"]),
        )
    }
}

impl JsonSchema for Count {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Count".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        number_or_text(
            "A whole number in Thai or Arabic digits, commas allowed, e.g. 12, \"๑๒\" or 1,510.",
            json_schema!({ "type": "integer", "minimum": 0 }),
            format!("^\\s*{}\\s*$", grouped()),
            serde_json::json!([12, "๑๒"]),
        )
    }
}

impl JsonSchema for Score {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Score".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        number_or_text(
            "A score in Thai or Arabic digits, e.g. 84.82 or \"๘๔.๘๒\".",
            json_schema!({ "type": "number", "minimum": 0 }),
            format!("^\\s*{D}+(\\.{D}+)?\\s*$"),
            serde_json::json!([84.82, "๘๔.๘๒"]),
        )
    }
}

impl JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        number_or_text(
            "An amount in baht, Thai or Arabic digits, commas allowed, at most two decimals (satang), e.g. 150000, \"150,000\", \"๑๕๐,๐๐๐\" or 12500.50.",
            json_schema!({ "type": "number", "minimum": 0, "multipleOf": 0.01 }),
            format!("^\\s*{}(\\.{D}{{1,2}})?\\s*$", grouped()),
            serde_json::json!([150000, "๑๕๐,๐๐๐", 12500.5]),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(yaml: &str) -> Result<Money, String> {
        serde_yaml::from_str::<Money>(yaml).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_numbers_as_typed() {
        assert_eq!(parse("150000"), Ok(Decimal { units: 150000, places: 0 }));
        assert_eq!(parse("150,000"), Ok(Decimal { units: 150000, places: 0 }));
        assert_eq!(parse("๑๕๐,๐๐๐"), Ok(Decimal { units: 150000, places: 0 }));
        assert_eq!(parse(" ๙๖.๖๑ "), Ok(Decimal { units: 9661, places: 2 }));
        assert_eq!(parse("1,234,567.5"), Ok(Decimal { units: 12345675, places: 1 }));
        assert_eq!(parse("๑๒"), Ok(Decimal { units: 12, places: 0 }));
        assert_eq!(parse("1,50,000"), Err(Problem::Commas));
        assert_eq!(parse("1500,00"), Err(Problem::Commas));
        assert_eq!(parse(",150"), Err(Problem::Commas));
        assert_eq!(parse("หนึ่งแสน"), Err(Problem::NotANumber));
        assert_eq!(parse("150000 บาท"), Err(Problem::NotANumber));
        assert_eq!(parse("1.2.3"), Err(Problem::NotANumber));
        assert_eq!(parse("-5"), Err(Problem::Negative));
        assert_eq!(parse("  "), Err(Problem::Empty));
    }

    #[test]
    fn money_in_satang() {
        assert_eq!(money("150000"), Ok(Money(15_000_000)));
        assert_eq!(money("\"๑๕๐,๐๐๐\""), Ok(Money(15_000_000)));
        assert_eq!(money("๑๕๐,๐๐๐"), Ok(Money(15_000_000)));
        assert_eq!(money("12500.50"), Ok(Money(1_250_050)));
        assert_eq!(money("12,500.5"), Ok(Money(1_250_050)));
        assert_eq!(money("0.1"), Ok(Money(10)));
        assert_eq!(money("12500.500"), Ok(Money(1_250_050)), "trailing zeros are no extra satang");
        let e = money("12500.505").unwrap_err();
        assert!(e.contains("more than two decimals"), "{e}");
        let e = money("หนึ่งแสนห้าหมื่น").unwrap_err();
        assert!(e.contains("is not a number") && e.contains("๑๕๐,๐๐๐"), "{e}");
        assert!(!e.contains("u64") && !e.contains("\\u{"), "{e}");
        let e = money("-100").unwrap_err();
        assert!(e.contains("below zero"), "{e}");
        // sums stay exact: 0.1 + 0.2 baht is 30 satang
        assert_eq!(Money(10) + Money(20), Money(30));
        assert_eq!(Money(1_250_050).to_string(), "12500.50");
    }

    #[test]
    fn years_scores_counts() {
        assert_eq!(serde_yaml::from_str::<Year>("2567").unwrap(), Year(2567));
        assert_eq!(serde_yaml::from_str::<Year>("\"๒๕๖๗\"").unwrap(), Year(2567));
        assert_eq!(serde_yaml::from_str::<Year>("พ.ศ. ๒๕๖๗").unwrap(), Year(2567));
        let e = serde_yaml::from_str::<Year>("2567.5").unwrap_err().to_string();
        assert!(e.contains("not a whole number"), "{e}");
        let e = serde_yaml::from_str::<Year>("สองพันห้าร้อยหกสิบเจ็ด").unwrap_err().to_string();
        assert!(e.contains("is not a number") && e.contains("๒๕๖๗"), "{e}");
        assert_eq!(serde_yaml::from_str::<Score>("๙๖.๖๑").unwrap(), Score(96.61));
        assert_eq!(serde_yaml::from_str::<Score>("96.61").unwrap(), Score(96.61));
        assert_eq!(serde_yaml::from_str::<Score>("85").unwrap(), Score(85.0));
        assert_eq!(serde_yaml::from_str::<Count>("๑,๕๑๐").unwrap(), Count(1510));
        let e = serde_yaml::from_str::<Count>("[1]").unwrap_err().to_string();
        assert!(e.contains("a count written in digits"), "{e}");
    }

    #[test]
    fn errors_carry_the_position_of_the_value() {
        #[derive(Debug, serde::Deserialize)]
        struct Plan {
            #[allow(dead_code)]
            budget: Money,
        }
        let e = serde_yaml::from_str::<Plan>("\nbudget:   หนึ่งแสน\n").unwrap_err();
        let loc = e.location().expect("a position");
        assert_eq!((loc.line(), loc.column()), (2, 11));
    }
}
