//! Rules of the Integrity and Transparency Assessment (ITA) of the National
//! Anti-Corruption Commission: level bands and the pass mark by assessment
//! year, the three assessment tools and the weighted overall score.
//!
//! - 2562–2565: levels AA–F by score bands; pass mark 85.
//! - from 2566: pass (ผ่าน) or fail (ไม่ผ่าน) at 85 only, no level.
//! - ten indicators in three tools: IIT (1–5, internal stakeholders), EIT
//!   (6–8, external stakeholders), OIT (9–10, open data); overall score
//!   0.3 × IIT + 0.3 × EIT + 0.4 × OIT, each tool's score the mean of its
//!   indicators.

/// The pass mark: a score at or above it passes.
pub const PASS_MARK: f64 = 85.0;

/// The level of a score in assessment year `year` (BE), or `None` for years
/// whose assessment printed no level (before 2562 the bands were different;
/// from 2566 the levels were replaced by pass/fail).
pub fn level(score: f64, year: u16) -> Option<&'static str> {
    if !(2562..=2565).contains(&year) {
        return None;
    }
    // compare in hundredths so 84.99 and 85.00 fall exactly where the bands say
    let h = crate::thai::hundredths(score);
    Some(match h {
        h if h >= 9500 => "AA",
        h if h >= 8500 => "A",
        h if h >= 7500 => "B",
        h if h >= 6500 => "C",
        h if h >= 5500 => "D",
        h if h >= 5000 => "E",
        _ => "F",
    })
}

/// First assessment year judged by pass/fail alone.
pub const PASS_FAIL_FROM: u16 = 2566;

/// True when the year's assessment gives pass/fail and no level.
pub fn pass_fail_only(year: u16) -> bool {
    year >= PASS_FAIL_FROM
}

/// The result of a score in a year by that year's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A level band, 2562–2565.
    Level(&'static str),
    /// Pass or fail, from 2566.
    Pass(bool),
    /// No rule known for the year (before 2562).
    Unknown,
}

/// The outcome of `score` in assessment year `year`.
pub fn outcome(score: f64, year: u16) -> Outcome {
    if pass_fail_only(year) {
        Outcome::Pass(passes(score))
    } else {
        level(score, year).map_or(Outcome::Unknown, Outcome::Level)
    }
}

/// An assessment tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize, schemars::JsonSchema)]
pub enum Tool {
    /// Internal Integrity and Transparency Assessment: indicators 1–5.
    #[serde(rename = "IIT", alias = "iit")]
    Iit,
    /// External Integrity and Transparency Assessment: indicators 6–8.
    #[serde(rename = "EIT", alias = "eit")]
    Eit,
    /// Open Data Integrity and Transparency Assessment: indicators 9–10.
    #[serde(rename = "OIT", alias = "oit")]
    Oit,
}

impl Tool {
    /// The tools in the order printed.
    pub const ALL: [Tool; 3] = [Tool::Iit, Tool::Eit, Tool::Oit];

    /// Weight in the overall score, in percent.
    pub fn weight(self) -> u32 {
        match self {
            Tool::Iit | Tool::Eit => 30,
            Tool::Oit => 40,
        }
    }

    /// The short name: `IIT`, `EIT`, `OIT`.
    pub fn code(self) -> &'static str {
        match self {
            Tool::Iit => "IIT",
            Tool::Eit => "EIT",
            Tool::Oit => "OIT",
        }
    }

    /// The tool of the `i`-th (0-based) of the ten standard indicators.
    pub fn of_standard(i: usize) -> Option<Tool> {
        match i {
            0..=4 => Some(Tool::Iit),
            5..=7 => Some(Tool::Eit),
            8..=9 => Some(Tool::Oit),
            _ => None,
        }
    }
}

/// Number of indicators in the standard assessment (2562 on).
pub const STANDARD_INDICATORS: usize = 10;

/// A tool's score: the mean of its indicators' scores.
pub fn tool_score(scores: &[f64]) -> Option<f64> {
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
}

/// The overall score from the indicators' tools and scores, or `None` when a
/// tool has no indicator.
pub fn overall(items: &[(Tool, f64)]) -> Option<f64> {
    let mut total = 0.0;
    for tool in Tool::ALL {
        let scores: Vec<f64> = items.iter().filter(|(t, _)| *t == tool).map(|(_, s)| *s).collect();
        total += tool_score(&scores)? * tool.weight() as f64 / 100.0;
    }
    Some(total)
}

/// True when a typed overall score agrees with the computed one within
/// rounding: indicator scores are published to two decimals, so the
/// weighted mean of them may differ from the published overall score by a
/// hundredth (seed 000: 84.81 computed, 84.82 published).
pub fn agrees(typed: f64, computed: f64) -> bool {
    (crate::thai::hundredths(typed) - crate::thai::hundredths(computed)).abs() <= 1
}

/// Whether a score passes.
pub fn passes(score: f64) -> bool {
    crate::thai::hundredths(score) >= crate::thai::hundredths(PASS_MARK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_of_2562() {
        assert_eq!(level(96.61, 2562), Some("AA"));
        assert_eq!(level(95.0, 2562), Some("AA"));
        assert_eq!(level(94.99, 2562), Some("A"));
        assert_eq!(level(85.0, 2562), Some("A"));
        // the seed printed these two wrongly (A and B)
        assert_eq!(level(82.55, 2562), Some("B"));
        assert_eq!(level(73.21, 2562), Some("C"));
        assert_eq!(level(54.99, 2562), Some("E"));
        assert_eq!(level(49.99, 2562), Some("F"));
        assert_eq!(level(90.0, 2566), None);
        assert_eq!(level(90.0, 2561), None);
    }

    #[test]
    fn outcomes_by_year() {
        assert_eq!(outcome(84.82, 2562), Outcome::Level("B"));
        assert_eq!(outcome(92.0, 2566), Outcome::Pass(true));
        assert_eq!(outcome(84.99, 2567), Outcome::Pass(false));
        assert_eq!(outcome(80.0, 2560), Outcome::Unknown);
    }

    #[test]
    fn weighted_overall() {
        // seed 000, 2562: published 84.82
        let s = [96.61, 87.26, 93.37, 90.62, 92.57, 92.14, 82.55, 79.89, 85.44, 73.21];
        let items: Vec<(Tool, f64)> = s.iter().enumerate().map(|(i, v)| (Tool::of_standard(i).unwrap(), *v)).collect();
        let o = overall(&items).unwrap();
        assert_eq!(crate::thai::hundredths(o), 8481);
        assert!(agrees(84.82, o));
        assert!(!agrees(84.85, o));
        assert_eq!(overall(&items[..5]), None, "EIT and OIT missing");
    }

    #[test]
    fn pass_mark() {
        assert!(passes(85.0));
        assert!(passes(85.44));
        assert!(!passes(84.99));
        assert!(!passes(82.55));
    }
}
