//! Composition of the anti-corruption action plan (seed 000): cover, คำนำ,
//! สารบัญ, the three parts and the activity timeline.

use std::collections::BTreeMap;

use super::{body_section, bold, err, Composer, Label, Result};
use crate::doc::{Align, Block, Cell, Document, Meta, Numbering, Orientation, Paragraph, Row, Section, Table, Toc, VAlign};
use crate::plan::numbers::Money;
use crate::plan::{Activity, AntiCorruption, Budget, Introduction, Misconduct, Months, NationalStrategy, Part, Text};
use crate::template::TimelineStyle;
use crate::thai::{self, DigitStyle};

/// An activity with its position in the plan, as the timeline needs it.
struct Numbered<'a> {
    activity: &'a Activity,
    goal: &'a Text,
    path: String,
}

struct Ac<'a> {
    base: Composer<'a>,
    plan: &'a AntiCorruption,
    /// Some amount has satang: every amount is printed with two decimals.
    satang: bool,
}

impl<'a> std::ops::Deref for Ac<'a> {
    type Target = Composer<'a>;
    fn deref(&self) -> &Composer<'a> {
        &self.base
    }
}

/// Builds the document of an anti-corruption plan.
pub(super) fn compose(plan: &AntiCorruption, tpl: &crate::template::Template, base: &std::path::Path) -> Result<(Document, Vec<super::ComposeError>)> {
    let mut vars = BTreeMap::new();
    vars.insert("office", plan.office.name.clone());
    vars.insert("office_short", plan.office.short_name.clone());
    vars.insert("province", super::join_names(plan.office.province.names()));
    vars.insert("fiscal_year", plan.fiscal_year.to_string());
    let satang = activities(plan).any(|a| a.budget.is_some_and(|b| b.amount().has_satang())) || plan.action_plan.budget_total.is_some_and(Money::has_satang);
    let mut composer = Composer::new(tpl, vars);
    composer.base = base.to_path_buf();
    composer.provinces = plan.office.province.names().to_vec();
    let ac = Ac { base: composer, plan, satang };
    let doc = ac.document()?;
    Ok((doc, ac.base.warnings.take()))
}

/// Every activity of the plan, in order.
fn activities(plan: &AntiCorruption) -> impl Iterator<Item = &Activity> {
    plan.action_plan.strategies.iter().flat_map(|s| s.goals.iter()).flat_map(|g| g.activities.iter())
}

impl<'a> Ac<'a> {
    /// An amount as printed: `๒๖๘,๐๐๐`, or `๑๒,๕๐๐.๕๐` when any amount of the
    /// plan has satang (then `๒๖๘,๐๐๐.๐๐` too, so the column lines up); none or zero → `-`.
    fn money(&self, m: Option<Money>) -> String {
        match m {
            Some(m) if m.satang() > 0 => {
                let baht = if m.baht() > 0 { thai::money(Some(m.baht()), self.digits) } else { thai::digits("0", self.digits) };
                if self.satang {
                    format!("{baht}.{}", thai::digits(&format!("{:02}", m.satang() % 100), self.digits))
                } else {
                    baht
                }
            }
            _ => "-".to_string(),
        }
    }

    fn document(&self) -> Result<Document> {
        let plan = self.plan;
        let office = thai::digits(&plan.office.name, self.digits);
        let title = self.t("title", &[])?;
        let subtitle = self.t("cover_subtitle", &[])?;
        let mut cover = self.cover(vec![
            Paragraph::new("cover_title", title.clone()),
            Paragraph::new("cover_subtitle", subtitle.clone()),
            Paragraph::new("cover_office", office.clone()),
        ]);
        if let Some(c) = &plan.cover {
            if let Some(e) = &c.emblem {
                cover.blocks.insert(0, Block::Image(self.image(e, Some(30.0), "cover.emblem")?));
            }
            for (i, line) in c.lines.iter().enumerate() {
                cover.blocks.push(Block::Paragraph(self.para("cover_line", line, &format!("cover.lines[{i}]"))?));
            }
        }
        let mut sections = vec![cover];

        // Foreword and table of contents
        let mut front = vec![self.heading("heading1", "foreword", &[])?];
        front.extend(self.blocks(&plan.foreword.paragraphs, "foreword.paragraphs")?);
        front.extend(self.signature(&office)?);
        front.push(Block::PageBreak);
        front.push(self.heading("toc_title", "toc", &[])?);
        front.push(Block::Toc(Toc { levels: 2, entry_style: "toc1".into() }));
        sections.push(Section { orientation: Orientation::Portrait, numbering: Numbering::Letters { restart: true }, vertical_center: false, blocks: front });

        sections.push(self.part1()?);
        sections.push(self.part2()?);
        let (part3, timeline) = self.part3()?;
        sections.push(part3);
        sections.push(timeline);
        if !plan.appendix.is_empty() {
            let divider = Paragraph::new("heading1", self.t_or("appendix", "ภาคผนวก", &[])?);
            let mut d = body_section(vec![Block::Paragraph(divider)]);
            d.vertical_center = true;
            sections.push(d);
            sections.push(body_section(self.blocks(&plan.appendix, "appendix")?));
        }

        let mut places = plan.office.province.names().to_vec();
        places.extend(plan.office.districts.iter().cloned());
        let no_break = self.no_break(&[&plan.office.name, &plan.office.short_name], &places);
        // dated by the foreword's signature when it names a day (or month) and
        // year; otherwise the first day of the fiscal year (1 October of the year before)
        let signed = plan.foreword.signature.as_ref().and_then(|s| s.date.as_deref()).and_then(thai::parse_date);
        let date = Some(match signed {
            Some((day, month, be)) => crate::doc::Timestamp::thai_date(be - 543, month, day),
            None => crate::doc::Timestamp::thai_date(plan.fiscal_year as i32 - 543 - 1, 10, 1),
        });
        let meta = Meta { title: format!("{title} {subtitle} {office}"), author: office, subject: title, language: "th-TH".into(), date };
        Ok(self.base.document(meta, no_break, sections))
    }

    /// The signature under the foreword: one right-aligned line (the office
    /// or the typed line), or a block of lines centred in the right half.
    fn signature(&self, office: &str) -> Result<Vec<Block>> {
        let Some(sig) = &self.plan.foreword.signature else {
            return Ok(vec![Block::Paragraph(Paragraph::new("signature", office))]);
        };
        if let Some(line) = &sig.line {
            return Ok(vec![Block::Paragraph(Paragraph::new("signature", self.fill(line, &[], "foreword.signature")?))]);
        }
        let p = "foreword.signature";
        let mut lines = Vec::new();
        if let Some(name) = &sig.name {
            lines.push(format!("({})", self.fill(name, &[], &format!("{p}.name"))?.trim_matches(|c| c == '(' || c == ')')));
        }
        if let Some(pos) = &sig.position {
            lines.push(self.fill(pos, &[], &format!("{p}.position"))?);
        }
        lines.push(match &sig.office {
            Some(o) => self.fill(o, &[], &format!("{p}.office"))?,
            None => office.to_string(),
        });
        if let Some(d) = &sig.date {
            lines.push(self.fill(d, &[], &format!("{p}.date"))?);
        }
        let mut out: Vec<Block> = lines.into_iter().map(|l| Block::Paragraph(Paragraph::new("signature_block", l))).collect();
        if let Some(Block::Paragraph(first)) = out.first_mut() {
            // the space above the block is the one-line signature's
            first.style = "signature_block".into();
        }
        out.insert(0, Block::Paragraph(Paragraph::new("signature", "")));
        Ok(out)
    }

    /// Blocks of the plan, the computed ones included.
    fn blocks(&self, blocks: &[crate::plan::Block], path: &str) -> Result<Vec<Block>> {
        use crate::plan::Block as B;
        let mut out = Vec::new();
        for (i, b) in blocks.iter().enumerate() {
            let bp = format!("{path}[{i}]");
            if let Some(v) = self.base.block(b, &bp)? {
                out.extend(v);
                continue;
            }
            match b {
                B::ItaHistory(h) => {
                    let hp = format!("{bp}.ita_history");
                    out.extend(self.paras("body", &h.intro, &format!("{hp}.intro"))?);
                    out.push(Block::Table(super::ita::history_table(self, h, &hp)?));
                }
                B::ItaIndicators(ind) => {
                    let ip = format!("{bp}.ita_indicators");
                    out.extend(self.paras("body", &ind.intro, &format!("{ip}.intro"))?);
                    out.push(Block::Table(super::ita::indicator_table(self, ind, &ip)?));
                    out.extend(self.paras("body", &ind.analysis, &format!("{ip}.analysis"))?);
                }
                B::Misconduct(m) => {
                    let mp = format!("{bp}.misconduct");
                    out.push(Block::Table(self.misconduct_table(m, &mp)?));
                    out.extend(self.paras("body", &m.analysis, &format!("{mp}.analysis"))?);
                }
                _ => unreachable!("general blocks are composed by Composer::block"),
            }
        }
        Ok(out)
    }

    fn part1(&self) -> Result<Section> {
        let mut b = vec![self.heading("heading1", "part1", &[])?];
        match &self.plan.introduction {
            Part::Fields(intro) => b.extend(self.part1_fields(intro)?),
            Part::Blocks(blocks) => b.extend(self.blocks(blocks, "introduction")?),
        }
        // the body is numbered from ๑; the cover and front matter are not counted
        let mut section = body_section(b);
        section.numbering = Numbering::Digits { restart: true };
        Ok(section)
    }

    /// Part 1 written in the fixed fields of earlier plans.
    fn part1_fields(&self, intro: &Introduction) -> Result<Vec<Block>> {
        let p = "introduction";
        let mut b = Vec::new();
        b.push(self.heading("heading2", "background", &[])?);
        b.extend(self.paras("body", &intro.background, &format!("{p}.background"))?);
        b.push(self.heading("heading2", "office_profile", &[])?);
        b.extend(self.paras("body", &intro.office_profile, &format!("{p}.office_profile"))?);
        b.push(self.heading("heading3", "vision", &[])?);
        b.push(Block::Paragraph(self.para("body", &intro.vision, &format!("{p}.vision"))?));
        b.push(self.heading("heading3", "missions", &[])?);
        b.extend(self.list("list", Label::Dot, &intro.missions, &format!("{p}.missions"))?);
        b.push(self.heading("heading3", "goals", &[])?);
        b.extend(self.list("list", Label::Dot, &intro.goals, &format!("{p}.goals"))?);
        b.push(self.heading("heading3", "values", &[])?);
        b.push(Block::Paragraph(self.para("body", &intro.values, &format!("{p}.values"))?));
        b.push(self.heading("heading3", "strategies", &[])?);
        b.extend(self.list("list", Label::Dot, &intro.strategies, &format!("{p}.strategies"))?);
        b.push(self.heading("heading3", "code_of_conduct", &[("count", intro.code_of_conduct.len().to_string())])?);
        b.extend(self.list("list", Label::Dot, &intro.code_of_conduct, &format!("{p}.code_of_conduct"))?);

        // ITA
        let ita = &intro.ita;
        b.push(self.heading("heading2", "ita", &[])?);
        b.extend(self.paras("body", &ita.intro, &format!("{p}.ita.intro"))?);
        b.push(self.heading("heading3", "ita_framework", &[])?);
        b.extend(self.enumeration(&ita.framework, Label::Paren, &format!("{p}.ita.framework"))?);
        b.push(self.heading("heading3", "ita_tools", &[])?);
        b.extend(self.enumeration(&ita.tools, Label::Paren, &format!("{p}.ita.tools"))?);

        let scores = &ita.history.scores;
        let (first, last) = match (scores.first(), scores.last()) {
            (Some(f), Some(l)) => (f.year.to_string(), l.year.to_string()),
            _ => return Err(err(format!("{p}.ita.history.scores"), "needs at least one year's score")),
        };
        b.push(self.heading("heading3", "ita_history", &[("first", first), ("last", last)])?);
        b.extend(self.paras("body", &ita.history.intro, &format!("{p}.ita.history.intro"))?);
        b.push(Block::Table(super::ita::history_table(self, &ita.history, &format!("{p}.ita.history"))?));

        let ind = &ita.indicators;
        b.push(self.heading("heading3", "ita_indicators", &[("year", ind.year.to_string())])?);
        b.extend(self.paras("body", &ind.intro, &format!("{p}.ita.indicators.intro"))?);
        b.push(Block::Table(super::ita::indicator_table(self, ind, &format!("{p}.ita.indicators"))?));
        super::ita::cross_check(self, &ita.history, &format!("{p}.ita.history"), ind);
        b.extend(self.paras("body", &ind.analysis, &format!("{p}.ita.indicators.analysis"))?);

        b.push(self.heading("heading2", "approach", &[])?);
        b.extend(self.enumeration(&intro.approach, Label::Dot, &format!("{p}.approach"))?);

        b.push(self.heading("heading2", "results", &[])?);
        b.push(self.heading("heading3", "misconduct", &[])?);
        b.push(Block::Table(self.misconduct_table(&intro.misconduct, &format!("{p}.misconduct"))?));
        b.extend(self.paras("body", &intro.misconduct.analysis, &format!("{p}.misconduct.analysis"))?);
        Ok(b)
    }

    fn misconduct_table(&self, m: &Misconduct, mpath: &str) -> Result<Table> {
        let cols = self.tpl.columns("misconduct").map_err(|e| err("", e))?;
        if cols.len() != 2 {
            return Err(err("", format!("template `{}` table `misconduct` needs two columns: the label and one repeated per year", self.tpl.name)));
        }
        let year_width = cols[1].width;
        let mut columns = vec![cols[0].width];
        columns.extend(m.years.iter().map(|_| year_width));
        let total: f32 = columns.iter().sum();
        let columns = columns.iter().map(|w| w / total).collect();

        let mut header = vec![Cell::text("cell_header", self.fill(&cols[0].title, &[], "template table `misconduct`")?).valign(VAlign::Center)];
        for y in &m.years {
            header.push(Cell::text("cell_header", self.t("misconduct_year", &[("year", y.to_string())])?).valign(VAlign::Center));
        }
        let mut rows = vec![Row { cells: header, total: false }];
        let year_count = m.years.len();
        let counts_cells = |counts: &Option<Vec<u32>>, path: &str| -> Result<Vec<Cell>> {
            match counts {
                None => Ok((0..year_count).map(|_| Cell::empty()).collect()),
                Some(c) if c.len() == year_count => Ok(c.iter().map(|n| Cell::text("cell_center", thai::count(*n as u64, self.digits))).collect()),
                Some(c) => Err(err(format!("{path}.counts"), format!("has {} counts but the table has {year_count} years ({}); give one count per year", c.len(), m.years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")))),
            }
        };
        for (i, row) in m.rows.iter().enumerate() {
            let path = format!("{mpath}.rows[{i}]");
            let mut cells = vec![self.labelled_cell(self.label(Label::Dot, i + 1), &row.label, &format!("{path}.label"))?];
            cells.extend(counts_cells(&row.counts, &path)?);
            rows.push(Row { cells, total: false });
            for (j, sub) in row.breakdown.iter().enumerate() {
                let spath = format!("{path}.breakdown[{j}]");
                let label = format!("{}.{}", self.num(i + 1), self.num(j + 1));
                let mut cells = vec![self.labelled_cell(label, &sub.label, &format!("{spath}.label"))?];
                cells.extend(counts_cells(&sub.counts, &spath)?);
                rows.push(Row { cells, total: false });
            }
        }
        Ok(Table { columns, header_rows: 1, rows, cell_style: "cell".into() })
    }

    fn part2(&self) -> Result<Section> {
        let mut b = vec![self.heading("heading1", "part2", &[])?];
        match &self.plan.context {
            Part::Fields(c) => b.extend(self.national_strategy(&c.national_strategy)?),
            Part::Blocks(blocks) => b.extend(self.blocks(blocks, "context")?),
        }
        Ok(body_section(b))
    }

    /// Part 2 written as the 2560–2564 national strategy (the fields of earlier plans).
    fn national_strategy(&self, ns: &NationalStrategy) -> Result<Vec<Block>> {
        let p = "context.national_strategy";
        let mut b = Vec::new();
        b.push(Block::Paragraph(Paragraph { style: "heading2".into(), align: Some(Align::Center), ..self.para("heading2", &ns.title, &format!("{p}.title"))? }));
        b.push(self.heading("heading3", "national_vision", &[])?);
        b.push(Block::Paragraph(self.para("body", &ns.vision, &format!("{p}.vision"))?));
        b.push(self.heading("heading3", "national_mission", &[])?);
        b.push(Block::Paragraph(self.para("body", &ns.mission, &format!("{p}.mission"))?));
        b.push(self.heading("heading3", "national_goal", &[])?);
        b.push(Block::Paragraph(self.para("body", &ns.goal, &format!("{p}.goal"))?));
        b.push(self.heading("heading3", "national_objectives", &[])?);
        b.extend(self.list("list", Label::Paren, &ns.objectives, &format!("{p}.objectives"))?);
        b.push(self.heading("heading3", "national_strategies", &[])?);
        b.push(Block::Paragraph(self.para("body", &ns.intro, &format!("{p}.intro"))?));
        for (i, s) in ns.strategies.iter().enumerate() {
            let sp = format!("{p}.strategies[{i}]");
            let name = self.fill(&s.name, &[], &format!("{sp}.name"))?;
            let vars = [("n", (i + 1).to_string()), ("name", name.clone())];
            b.push(self.heading("heading3", "national_strategy", &vars)?);
            b.extend(self.paras("body", &s.intro, &format!("{sp}.intro"))?);
            let mut title = Cell::text("cell_header", self.t("national_strategy_table", &vars)?).span(2, 1);
            title.valign = VAlign::Center;
            let mut rows = vec![Row { cells: vec![title], total: false }, Row { cells: self.header_cells("national_strategy", "cell_header")?, total: false }];
            for (j, r) in s.rows.iter().enumerate() {
                let rp = format!("{sp}.rows[{j}]");
                let strategy = self.labelled_cell(self.label(Label::Dot, j + 1), &r.strategy, &format!("{rp}.strategy"))?;
                let mut guide = Vec::new();
                for (k, g) in r.guidelines.iter().enumerate() {
                    let mut para = self.para("cell", g, &format!("{rp}.guidelines[{k}]"))?;
                    para.label = if r.guidelines.len() == 1 { "-".into() } else { format!("{}.{}", self.num(j + 1), self.num(k + 1)) };
                    guide.push(para);
                }
                rows.push(Row { cells: vec![strategy, Cell::new(guide)], total: false });
            }
            b.push(Block::Table(Table { columns: self.widths("national_strategy")?, header_rows: 2, rows, cell_style: "cell".into() }));
        }
        Ok(b)
    }

    fn part3(&self) -> Result<(Section, Section)> {
        let ap = &self.plan.action_plan;
        let p = "action_plan";
        let mut b = vec![self.heading("heading1", "part3", &[])?];
        b.push(self.heading("subtitle", "action_plan", &[])?);
        match &ap.intro {
            Some(intro) => {
                if let Some(field) = [("vision", ap.vision.is_some()), ("missions", !ap.missions.is_empty()), ("goal", ap.goal.is_some()), ("indicators", !ap.indicators.is_empty())].iter().find(|f| f.1) {
                    return Err(err(format!("{p}.{}", field.0), format!("`{}` is given beside `intro`; write it as blocks inside `intro` (e.g. `- heading: วิสัยทัศน์`), or remove `intro`", field.0)));
                }
                b.extend(self.blocks(intro, &format!("{p}.intro"))?);
            }
            None => {
                let need = |v: &'a Option<Text>, key: &str| -> Result<&'a Text> {
                    v.as_ref().ok_or_else(|| err(p, format!("missing `{key}:`; give the plan's {key}, or write part 3's opening as blocks under `intro:`")))
                };
                b.push(Block::Paragraph(self.labelled_text("action_vision", need(&ap.vision, "vision")?, &format!("{p}.vision"))?));
                b.push(Block::Paragraph(Paragraph { runs: vec![bold(self.t("action_missions", &[])?)], ..Paragraph::new("lead", "") }));
                b.extend(self.list("list", Label::Dot, &ap.missions, &format!("{p}.missions"))?);
                b.push(Block::Paragraph(self.labelled_text("action_goal", need(&ap.goal, "goal")?, &format!("{p}.goal"))?));
                b.push(Block::Paragraph(Paragraph { runs: vec![bold(self.t("action_indicators", &[])?)], ..Paragraph::new("lead", "") }));
                b.extend(self.list("list", Label::Dot, &ap.indicators, &format!("{p}.indicators"))?);
            }
        }

        let national: &[crate::plan::NationalStrategyItem] = match &self.plan.context {
            Part::Fields(c) => &c.national_strategy.strategies,
            Part::Blocks(_) => &[],
        };
        let mut numbered: Vec<Numbered> = Vec::new();
        for (i, s) in ap.strategies.iter().enumerate() {
            let sp = format!("{p}.strategies[{i}]");
            match (&s.heading, s.national) {
                (Some(h), _) => {
                    let mut para = self.para("heading2", h, &format!("{sp}.heading"))?;
                    para.align = None;
                    b.push(Block::Paragraph(para));
                }
                (None, Some(n)) => {
                    let ns = n.checked_sub(1).and_then(|k| national.get(k)).ok_or_else(|| match &self.plan.context {
                        Part::Fields(_) => err(format!("{sp}.national"), format!("there is no national strategy {n} in context.national_strategy.strategies (it has {}); give a number from 1 to {}", national.len(), national.len())),
                        Part::Blocks(_) => err(format!("{sp}.national"), "part 2 (`context`) is written as blocks, so there is no numbered national strategy to refer to; write the table's title as `heading: …` instead of `national:`"),
                    })?;
                    let name = self.fill(&ns.name, &[], &format!("context.national_strategy.strategies[{}].name", n - 1))?;
                    b.push(self.heading("heading2", "action_strategy", &[("n", n.to_string()), ("name", name)])?);
                }
                (None, None) => return Err(err(&sp, "give the table a title: `heading: …` (e.g. แผนย่อยที่ 1 …), or `national: N` for national strategy N of part 2")),
            }
            b.extend(self.blocks(&s.intro, &format!("{sp}.intro"))?);

            let mut rows = vec![Row { cells: self.header_cells("action", "cell_header")?, total: false }];
            let mut sum = Money(0);
            for (g, goal) in s.goals.iter().enumerate() {
                let gp = format!("{sp}.goals[{g}]");
                if goal.activities.is_empty() {
                    return Err(err(format!("{gp}.activities"), "a goal needs at least one activity"));
                }
                for (a, act) in goal.activities.iter().enumerate() {
                    let path = format!("{gp}.activities[{a}]");
                    // one number per activity throughout the plan: continuous across
                    // strategies, the same number the timeline prints
                    let k = numbered.len() + 1;
                    let mut cells = Vec::new();
                    if a == 0 {
                        let cell = if s.goals.len() > 1 {
                            self.labelled_cell(self.label(Label::Dot, g + 1), &goal.goal, &format!("{gp}.goal"))?
                        } else {
                            self.cell("cell", &goal.goal, &format!("{gp}.goal"))?
                        };
                        cells.push(cell.span(1, goal.activities.len()));
                    }
                    cells.push(self.labelled_cell(self.label(Label::Dot, k), &act.strategy, &format!("{path}.strategy"))?);
                    let mut project = vec![{
                        let mut p = self.para("cell", &act.project, &format!("{path}.project"))?;
                        p.label = self.label(Label::Dot, k);
                        p
                    }];
                    for (d, detail) in act.details.iter().enumerate() {
                        let mut p = self.para("cell", detail, &format!("{path}.details[{d}]"))?;
                        p.label = "-".into();
                        project.push(p);
                    }
                    cells.push(Cell::new(project));
                    cells.push(self.labelled_cell(self.label(Label::Dot, k), &act.indicator, &format!("{path}.indicator"))?);
                    cells.push(self.budget_cell("cell_right", act, &path)?);
                    sum = sum + act.budget.map(Budget::amount).unwrap_or_default();
                    rows.push(Row { cells, total: false });
                    numbered.push(Numbered { activity: act, goal: &goal.goal, path });
                }
            }
            rows.push(Row {
                cells: vec![Cell::text("cell_header", self.t("total", &[])?).span(4, 1), Cell::text("cell_right", self.money(Some(sum)))],
                total: true,
            });
            b.push(Block::Table(Table { columns: self.widths("action")?, header_rows: 1, rows, cell_style: "cell".into() }));
        }

        let total: Money = numbered.iter().map(|n| n.activity.budget.map(Budget::amount).unwrap_or_default()).sum();
        if let Some(typed) = ap.budget_total {
            if typed != total {
                return Err(err(format!("{p}.budget_total"), format!("the total {typed} disagrees with the sum of the activities' budgets, {total}; remove `budget_total:` (it is computed) or correct a budget")));
            }
        }
        let timeline = Section {
            orientation: Orientation::Landscape,
            numbering: Numbering::Digits { restart: false },
            vertical_center: false,
            blocks: vec![self.heading("heading2", "timeline", &[])?, Block::Table(self.timeline(&numbered)?)],
        };
        Ok((body_section(b), timeline))
    }

    /// The fiscal-year months (0 = October) in which an activity runs.
    /// Refuses an empty set and runs that go backwards.
    fn months(&self, months: &Months, path: &str) -> Result<[bool; 12]> {
        let runs = months.runs();
        if runs.is_empty() {
            return Err(err(path, "the list of months is empty; name the months the activity runs in, e.g. [ต.ค., มี.ค.] or {from: ต.ค., to: ธ.ค.}"));
        }
        let mut active = [false; 12];
        for (i, run) in runs.iter().enumerate() {
            let (from, to) = run.ends();
            let index = |m: crate::plan::Month| thai::fiscal_index(m.0).expect("months are 1–12");
            let (f, t) = (index(from), index(to));
            if t < f {
                let fm = thai::fiscal_months(self.plan.fiscal_year as i32);
                let at = match months {
                    Months::Range(_) => path.to_string(),
                    Months::Set(_) => format!("{path}[{i}]"),
                };
                return Err(err(
                    at,
                    format!(
                        "the months run backwards: {} comes before {} in fiscal year {} (which runs {} – {}); swap `from` and `to`, or list the months: [{}, {}]",
                        fm[t].header(DigitStyle::Arabic), fm[f].header(DigitStyle::Arabic), self.plan.fiscal_year,
                        fm[0].header(DigitStyle::Arabic), fm[11].header(DigitStyle::Arabic),
                        thai::MONTH_ABBREVIATIONS[from.0 as usize - 1], thai::MONTH_ABBREVIATIONS[to.0 as usize - 1]
                    ),
                ));
            }
            for m in active.iter_mut().take(t + 1).skip(f) {
                *m = true;
            }
        }
        Ok(active)
    }

    /// The budget cell of an activity: the amount (or ไม่ใช้งบประมาณ /
    /// รอจัดสรร, or `-` when none is typed), and under it the budget's source.
    fn budget_cell(&self, style: &str, act: &Activity, path: &str) -> Result<Cell> {
        let text = match act.budget {
            None => "-".to_string(),
            Some(Budget::Amount(m)) => self.money(Some(m)),
            Some(Budget::NotNeeded) => self.t_or("budget_none", "ไม่ใช้งบประมาณ", &[])?,
            Some(Budget::Pending) => self.t_or("budget_pending", "รอจัดสรร", &[])?,
        };
        let mut paras = vec![Paragraph::new(style, text)];
        if let Some(source) = &act.budget_source {
            let source = self.fill(source, &[], &format!("{path}.budget_source"))?;
            paras.push(Paragraph { runs: super::runs(&self.t_or("budget_source", "({source})", &[("source", source)])?), ..Paragraph::new(style, "") });
        }
        Ok(Cell::new(paras))
    }

    fn timeline(&self, acts: &[Numbered]) -> Result<Table> {
        let cols = self.tpl.columns("timeline").map_err(|e| err("", e))?;
        if cols.len() != 6 {
            return Err(err("", format!("template `{}` table `timeline` needs six columns: activity, indicator, target, budget, month (repeated 12 times), responsible", self.tpl.name)));
        }
        let mut columns: Vec<f32> = cols[..4].iter().map(|c| c.width).collect();
        columns.extend(std::iter::repeat(cols[4].width).take(12));
        columns.push(cols[5].width);
        let total: f32 = columns.iter().sum();
        let columns: Vec<f32> = columns.iter().map(|w| w / total).collect();

        let h = |c: &crate::template::Column| -> Result<Cell> {
            Ok(Cell::text("timeline_header", self.fill(&c.title, &[], "template table `timeline`")?).span(1, 3).valign(VAlign::Center))
        };
        let mut row0: Vec<Cell> = cols[..4].iter().map(h).collect::<Result<_>>()?;
        row0.push(Cell::text("timeline_header", self.t("timeline_period", &[])?).span(12, 1).valign(VAlign::Center));
        row0.push(h(&cols[5])?);
        let row1: Vec<Cell> = (1..=4)
            .map(|q| Ok(Cell::text("timeline_header", self.t("timeline_quarter", &[("n", q.to_string())])?).span(3, 1).valign(VAlign::Center)))
            .collect::<Result<_>>()?;
        let months = thai::fiscal_months(self.plan.fiscal_year as i32);
        let row2: Vec<Cell> = months
            .iter()
            .map(|m| {
                let mut c = Cell::text("timeline_month", m.header(self.digits)).valign(VAlign::Center);
                c.vertical = true;
                c
            })
            .collect();
        let mut rows = vec![Row { cells: row0, total: false }, Row { cells: row1, total: false }, Row { cells: row2, total: false }];

        let mut sum = Money(0);
        for (i, n) in acts.iter().enumerate() {
            let a = n.activity;
            let active = self.months(&a.months, &format!("{}.months", n.path))?;
            let mut project = self.para("timeline_cell", &a.project, &format!("{}.project", n.path))?;
            project.label = self.label(Label::Dot, i + 1);
            let mut indicator = self.para("timeline_cell", &a.indicator, &format!("{}.indicator", n.path))?;
            indicator.label = self.label(Label::Dot, i + 1);
            let target = self.para("timeline_cell", a.target.as_ref().unwrap_or(n.goal), &format!("{}.target", n.path))?;
            let mut cells = vec![
                Cell::new(vec![project]),
                Cell::new(vec![indicator]),
                Cell::new(vec![target]),
                self.budget_cell("timeline_cell", a, &n.path)?.align(Align::Right),
            ];
            for m in 0..12 {
                let mut c = Cell::empty();
                c.bar = active[m];
                if c.bar && self.tpl.timeline.style == TimelineStyle::Shade {
                    c.shade = Some(self.tpl.timeline.color);
                }
                cells.push(c);
            }
            cells.push(self.cell("timeline_cell", &a.responsible, &format!("{}.responsible", n.path))?);
            sum = sum + a.budget.map(Budget::amount).unwrap_or_default();
            rows.push(Row { cells, total: false });
        }
        rows.push(Row {
            cells: vec![
                Cell::text("timeline_header", self.t("total", &[])?).span(3, 1),
                Cell::text("timeline_cell", self.money(Some(sum))).align(Align::Right),
                Cell::empty().span(13, 1),
            ],
            total: true,
        });
        Ok(Table { columns, header_rows: 3, rows, cell_style: "timeline_cell".into() })
    }
}
