//! The provincial drive plan (แผนปฏิบัติการขับเคลื่อนระดับจังหวัด) under the
//! national master plan's anti-corruption issue (template kind
//! `provincial-drive`, seed 004): goals, their indicators, the character of
//! the projects and activities each calls for, and the work with the agencies
//! responsible.

use serde::Deserialize;

use super::numbers;
use super::Text;

/// A whole provincial drive plan.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvincialDrive {
    /// Name of the template that lays the plan out.
    #[serde(default)]
    pub template: Option<String>,
    /// Fiscal year in the Buddhist Era, if the plan is for one year.
    #[serde(default, deserialize_with = "numbers::year_opt")]
    #[schemars(with = "Option<numbers::Year>")]
    pub fiscal_year: Option<u16>,
    /// The province, e.g. `ฉะเชิงเทรา` (written `{province}` in text).
    pub province: String,
    /// Introduction paragraphs.
    pub intro: Vec<Text>,
    /// The goals (เป้าหมาย), numbered 1, 2, … when composed.
    pub goals: Vec<DriveGoal>,
}

/// A goal with its indicators.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DriveGoal {
    /// The goal, e.g. `ประชาชนมีวัฒนธรรมและพฤติกรรมซื่อสัตย์สุจริต`.
    pub goal: Text,
    /// Indicators, numbered 1.1, 1.2, … when composed.
    pub indicators: Vec<DriveIndicator>,
    /// Character of projects and activities serving the whole goal (after its indicators).
    #[serde(default)]
    pub characteristics: Option<Text>,
    /// Work serving the whole goal (after its indicators).
    #[serde(default)]
    pub works: Vec<Work>,
}

/// An indicator (ตัวชี้วัด) of a goal.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DriveIndicator {
    /// The indicator.
    pub indicator: Text,
    /// Sub-indicators, numbered 2.2.1, 2.2.2, … when composed.
    #[serde(default)]
    pub sub_indicators: Vec<Text>,
    /// Character of the projects and activities (ลักษณะสำคัญของการจัดทำโครงการและกิจกรรม),
    /// without its lead words, which the template adds.
    #[serde(default)]
    pub characteristics: Option<Text>,
    /// The work (ลักษณะสำคัญของงาน) and the agencies responsible.
    #[serde(default)]
    pub works: Vec<Work>,
}

/// A row of a work table: ลักษณะสำคัญของงาน | หน่วยงานรับผิดชอบ.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Work {
    /// The work, numbered 1., 2., … when composed.
    pub task: Text,
    /// Points under the work, printed with bullets.
    #[serde(default)]
    pub details: Vec<Text>,
    /// Agencies responsible, one per line.
    pub agencies: Vec<Text>,
}
