//! The annual anti-corruption action plan of an education service area
//! office (template kind `anticorruption`, seed 000).

use serde::Deserialize;

use super::numbers::{self, Money};
use super::{Block, Cover, MonthRange, Part, Signature, Text};

/// A whole anti-corruption action plan.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AntiCorruption {
    /// Name of the template that lays the plan out (default `anticorruption`).
    #[serde(default)]
    pub template: Option<String>,
    /// Fiscal year in the Buddhist Era, e.g. `2563` or `๒๕๖๓`.
    #[serde(deserialize_with = "numbers::year")]
    #[schemars(with = "numbers::Year")]
    pub fiscal_year: u16,
    /// The office that owns the plan.
    pub office: Office,
    /// An emblem and extra lines on the cover.
    #[serde(default)]
    pub cover: Option<Cover>,
    /// The foreword (คำนำ).
    pub foreword: Foreword,
    /// Part 1, introduction (ส่วนที่ ๑ บทนำ): a list of blocks, or the fixed fields of earlier plans.
    pub introduction: Part<Introduction>,
    /// Part 2, context (ส่วนที่ ๒ บริบทที่เกี่ยวข้อง): a list of blocks (any national frame), or `national_strategy:` (the 2560–2564 strategy).
    pub context: Part<Context>,
    /// Part 3, the action plan (ส่วนที่ ๓ แผนปฏิบัติการ).
    pub action_plan: ActionPlan,
    /// The appendix (ภาคผนวก): blocks after a divider page.
    #[serde(default)]
    pub appendix: Vec<Block>,
}

/// The office: its names are typed here once and used everywhere.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// Full name, e.g. `สำนักงานเขตพื้นที่การศึกษาประถมศึกษาฉะเชิงเทรา เขต 2`.
    pub name: String,
    /// Abbreviated name, e.g. `สพป.ฉะเชิงเทรา เขต 2`.
    pub short_name: String,
    /// Province, e.g. `ฉะเชิงเทรา`.
    pub province: String,
    /// Districts the office covers; proper nouns that lines never split.
    #[serde(default)]
    pub districts: Vec<String>,
}

/// The foreword (คำนำ).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Foreword {
    /// Body paragraphs (or any blocks).
    pub paragraphs: Vec<Block>,
    /// Signature under the foreword: one line (default: the office name), or {office, date, name, position}.
    #[serde(default)]
    pub signature: Option<Signature>,
}

/// A lead-in sentence followed by a list of items.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Enumeration {
    /// Sentence introducing the list.
    pub intro: Text,
    /// The items, unnumbered (numbers are added when the document is composed).
    pub items: Vec<Text>,
}

/// Part 1, introduction.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Introduction {
    /// ความเป็นมา: background paragraphs.
    pub background: Vec<Text>,
    /// ข้อมูลของสำนักงาน: paragraphs about the office.
    pub office_profile: Vec<Text>,
    /// วิสัยทัศน์ of the office.
    pub vision: Text,
    /// พันธกิจ, unnumbered.
    pub missions: Vec<Text>,
    /// เป้าประสงค์, unnumbered.
    pub goals: Vec<Text>,
    /// ค่านิยม.
    pub values: Text,
    /// กลยุทธ์ of the office, unnumbered.
    pub strategies: Vec<Text>,
    /// ข้อปฏิบัติ N ประการ (the count in the title is computed), unnumbered.
    pub code_of_conduct: Vec<Text>,
    /// The ITA analysis.
    pub ita: Ita,
    /// แนวทางการจัดทำแผน: how the plan was made.
    pub approach: Enumeration,
    /// ผลการดำเนินงาน/บทวิเคราะห์: misconduct statistics and their analysis.
    pub misconduct: Misconduct,
}

/// The Integrity and Transparency Assessment section.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ita {
    /// Paragraphs introducing ITA.
    pub intro: Vec<Text>,
    /// กรอบการประเมิน: the assessment framework.
    pub framework: Enumeration,
    /// เครื่องมือในการประเมิน: the assessment tools.
    pub tools: Enumeration,
    /// Overall scores over the years.
    pub history: ItaHistory,
    /// Scores per indicator for one year.
    pub indicators: ItaIndicators,
}

/// Overall ITA scores of the office, one per assessment year.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItaHistory {
    /// Paragraphs before the table.
    #[serde(default)]
    pub intro: Vec<Text>,
    /// Scores, oldest first; the trend and difference columns are computed.
    pub scores: Vec<YearScore>,
}

/// One year's overall ITA score.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YearScore {
    /// Fiscal year (BE).
    #[serde(deserialize_with = "numbers::year")]
    #[schemars(with = "numbers::Year")]
    pub year: u16,
    /// Score, 0–100.
    #[serde(deserialize_with = "numbers::score")]
    #[schemars(with = "numbers::Score")]
    pub score: f64,
}

/// ITA scores per indicator for one assessment year.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItaIndicators {
    /// Assessment year (BE); decides the level bands and the pass mark.
    #[serde(deserialize_with = "numbers::year")]
    #[schemars(with = "numbers::Year")]
    pub year: u16,
    /// Paragraphs before the table.
    #[serde(default)]
    pub intro: Vec<Text>,
    /// Indicators in the order printed; level and pass/fail are computed.
    pub items: Vec<IndicatorScore>,
    /// Paragraphs after the table.
    #[serde(default)]
    pub analysis: Vec<Text>,
}

/// One indicator's score.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorScore {
    /// Indicator name, e.g. `การปฏิบัติหน้าที่`.
    pub name: Text,
    /// Score, 0–100.
    #[serde(deserialize_with = "numbers::score")]
    #[schemars(with = "numbers::Score")]
    pub score: f64,
    /// The level, if typed: it must agree with the one computed from the score.
    #[serde(default)]
    pub level: Option<String>,
}

/// Misconduct statistics over a few years.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Misconduct {
    /// The years of the columns (BE).
    #[serde(deserialize_with = "numbers::years")]
    #[schemars(with = "Vec<numbers::Year>")]
    pub years: Vec<u16>,
    /// Rows, numbered when composed (`๑.`, sub-rows `๒.๑`).
    pub rows: Vec<MisconductRow>,
    /// Paragraphs after the table.
    #[serde(default)]
    pub analysis: Vec<Text>,
}

/// A row of the misconduct table: either counts, or a breakdown into sub-rows.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MisconductRow {
    /// What is counted.
    pub label: Text,
    /// One count per year (0 prints as `-`); absent for a row with a breakdown.
    #[serde(default, deserialize_with = "numbers::counts_opt")]
    #[schemars(with = "Option<Vec<numbers::Count>>")]
    pub counts: Option<Vec<u32>>,
    /// Sub-rows.
    #[serde(default)]
    pub breakdown: Vec<MisconductRow>,
}

/// Part 2, context.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// The national anti-corruption strategy the plan follows.
    pub national_strategy: NationalStrategy,
}

/// A national strategy (ยุทธศาสตร์ชาติ…) with its sub-strategies.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NationalStrategy {
    /// Its title, e.g. `ยุทธศาสตร์ชาติว่าด้วย… ระยะที่ 3 (พ.ศ. 2560 - 2564)`.
    pub title: Text,
    /// วิสัยทัศน์.
    pub vision: Text,
    /// พันธกิจ.
    pub mission: Text,
    /// เป้าประสงค์เชิงยุทธศาสตร์.
    pub goal: Text,
    /// วัตถุประสงค์หลัก, unnumbered.
    pub objectives: Vec<Text>,
    /// Paragraph under the heading ยุทธศาสตร์.
    pub intro: Text,
    /// The strategies, numbered ยุทธศาสตร์ที่ 1, 2, … in order.
    pub strategies: Vec<NationalStrategyItem>,
}

/// One national strategy: description and its table of approaches.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NationalStrategyItem {
    /// Name, e.g. `สร้างสังคมที่ไม่ทนต่อการทุจริต`.
    pub name: Text,
    /// Paragraphs describing it.
    pub intro: Vec<Text>,
    /// Table rows: กลยุทธ์ | แนวทางตามกลยุทธ์.
    pub rows: Vec<StrategyRow>,
}

/// A row of a national strategy table.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StrategyRow {
    /// กลยุทธ์ (numbered `1.` … when composed).
    pub strategy: Text,
    /// แนวทางตามกลยุทธ์ (numbered `1.1` … when composed; a single one gets `-`).
    pub guidelines: Vec<Text>,
}

/// Part 3: the office's action plan.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionPlan {
    /// Blocks opening part 3, in place of `vision`, `missions`, `goal` and `indicators`.
    #[serde(default)]
    pub intro: Option<Vec<Block>>,
    /// วิสัยทัศน์ of the plan (needed unless `intro` is given).
    #[serde(default)]
    pub vision: Option<Text>,
    /// พันธกิจ, unnumbered.
    #[serde(default)]
    pub missions: Vec<Text>,
    /// เป้าประสงค์ (needed unless `intro` is given).
    #[serde(default)]
    pub goal: Option<Text>,
    /// ตัวชี้วัดเชิงยุทธศาสตร์, unnumbered.
    #[serde(default)]
    pub indicators: Vec<Text>,
    /// The national strategies the office acts on, in the order printed.
    pub strategies: Vec<ActionStrategy>,
    /// The total budget, if typed: it must agree with the sum of the activities.
    #[serde(default)]
    pub budget_total: Option<Money>,
}

/// The office's actions under one national strategy.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionStrategy {
    /// Number of the national strategy in part 2 (1-based), whose name titles the table.
    #[serde(default, deserialize_with = "index_opt")]
    #[schemars(with = "Option<numbers::Count>")]
    pub national: Option<usize>,
    /// The heading above the table, typed (in place of `national`), e.g. `แผนย่อยที่ 1 การป้องกันการทุจริต…`.
    #[serde(default)]
    pub heading: Option<Text>,
    /// Paragraphs (or any blocks) before the table.
    #[serde(default)]
    pub intro: Vec<Block>,
    /// Goals (เป้าประสงค์), each with its activities.
    pub goals: Vec<ActionGoal>,
}

/// A goal of the action plan with the activities serving it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionGoal {
    /// เป้าประสงค์ text (numbered when a strategy has more than one).
    pub goal: Text,
    /// Activities, numbered across the whole plan when composed.
    pub activities: Vec<Activity>,
}

/// One activity (โครงการ/กิจกรรม): a row of the strategy table and of the timeline.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// กลยุทธ์ the activity implements.
    pub strategy: Text,
    /// Name of the project or activity.
    pub project: Text,
    /// Sub-items of the project, printed with `-` under its name.
    #[serde(default)]
    pub details: Vec<Text>,
    /// ตัวชี้วัด.
    pub indicator: Text,
    /// Budget in baht, satang allowed (`12500.50`); absent means none (`-`).
    #[serde(default)]
    pub budget: Option<Money>,
    /// เป้าหมาย in the timeline (default: the goal's text).
    #[serde(default)]
    pub target: Option<Text>,
    /// Months in which the activity runs.
    pub months: MonthRange,
    /// ผู้รับผิดชอบ: the group responsible.
    pub responsible: Text,
}


fn index_opt<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    numbers::index(d).map(Some)
}
