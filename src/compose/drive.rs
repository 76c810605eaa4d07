//! Composition of the provincial drive plan (seed 004): a cover, then the
//! goals with their numbered indicators, the character of the projects and
//! activities they call for, and tables of work and responsible agencies.

use std::collections::BTreeMap;

use super::{body_section, err, Composer, Label, Result};
use crate::doc::{Block, Cell, Document, Meta, Paragraph, Row, Table};
use crate::plan::{ProvincialDrive, Text, Work};
use crate::thai;

/// Builds the document of a provincial drive plan.
pub(super) fn compose(plan: &ProvincialDrive, tpl: &crate::template::Template) -> Result<(Document, Vec<super::ComposeError>)> {
    let mut vars = BTreeMap::new();
    vars.insert("province", plan.province.clone());
    if let Some(fy) = plan.fiscal_year {
        vars.insert("fiscal_year", fy.to_string());
    }
    let c = Composer::new(tpl, vars);

    let title = c.t("title", &[])?;
    let province = c.t("province", &[])?;
    let mut cover = vec![Paragraph::new("cover_title", title.clone()), Paragraph::new("cover_office", province.clone())];
    if plan.fiscal_year.is_some() {
        cover.insert(1, Paragraph::new("cover_subtitle", c.t("cover_subtitle", &[])?));
    }
    let mut sections = vec![c.cover(cover)];

    let mut b = vec![c.heading("heading1", "heading", &[])?];
    b.extend(c.paras("body", &plan.intro, "intro")?);
    if plan.goals.is_empty() {
        return Err(err("goals", "a drive plan needs at least one goal"));
    }
    for (g, goal) in plan.goals.iter().enumerate() {
        let gp = format!("goals[{g}]");
        let n = g + 1;
        b.push(Block::Paragraph(c.para("heading2", &c.t("goal", &[("n", n.to_string()), ("text", goal.goal.clone())])?, &format!("{gp}.goal"))?));
        for (i, ind) in goal.indicators.iter().enumerate() {
            let ip = format!("{gp}.indicators[{i}]");
            let number = format!("{n}.{}", i + 1);
            b.push(Block::Paragraph(c.para("heading3", &c.t("indicator", &[("n", number.clone()), ("text", ind.indicator.clone())])?, &format!("{ip}.indicator"))?));
            for (k, sub) in ind.sub_indicators.iter().enumerate() {
                let mut p = c.para("list", sub, &format!("{ip}.sub_indicators[{k}]"))?;
                p.label = thai::digits(&format!("{number}.{}", k + 1), c.digits);
                b.push(Block::Paragraph(p));
            }
            characteristics(&c, &mut b, ind.characteristics.as_ref(), &ind.works, &ip)?;
        }
        characteristics(&c, &mut b, goal.characteristics.as_ref(), &goal.works, &gp)?;
    }
    sections.push({
        let mut s = body_section(b);
        s.numbering = crate::doc::Numbering::Digits { restart: true };
        s
    });

    let places = vec![plan.province.clone()];
    let no_break = c.no_break(&[], &places);
    // dated the first day of the fiscal year when the plan names one
    let date = plan.fiscal_year.map(|y| crate::doc::Timestamp::thai_date(y as i32 - 543 - 1, 10, 1));
    let meta = Meta { title: format!("{title} {province}"), author: province.clone(), subject: title, language: "th-TH".into(), date };
    let doc = c.document(meta, no_break, sections);
    Ok((doc, c.warnings.take()))
}

/// The paragraph on the character of the projects and the table of work.
fn characteristics(c: &Composer, b: &mut Vec<Block>, text: Option<&Text>, works: &[Work], path: &str) -> Result<()> {
    if let Some(t) = text {
        let lead = c.t("characteristics", &[])?;
        let mut p = c.para("body", t, &format!("{path}.characteristics"))?;
        p.runs.insert(0, super::bold(format!("{lead} ")));
        b.push(Block::Paragraph(p));
    }
    if works.is_empty() {
        return Ok(());
    }
    let mut rows = vec![Row { cells: c.header_cells("works", "cell_header")?, total: false }];
    for (w, work) in works.iter().enumerate() {
        let wp = format!("{path}.works[{w}]");
        let mut task = vec![{
            let mut p = c.para("cell", &work.task, &format!("{wp}.task"))?;
            p.label = c.label(Label::Dot, w + 1);
            p
        }];
        for (d, detail) in work.details.iter().enumerate() {
            let mut p = c.para("cell_bullet", detail, &format!("{wp}.details[{d}]"))?;
            p.label = "•".into();
            task.push(p);
        }
        if work.agencies.is_empty() {
            return Err(err(format!("{wp}.agencies"), "name at least one agency responsible"));
        }
        let agencies = work.agencies.iter().enumerate().map(|(a, t)| c.para("cell", t, &format!("{wp}.agencies[{a}]"))).collect::<Result<Vec<_>>>()?;
        rows.push(Row { cells: vec![Cell::new(task), Cell::new(agencies)], total: false });
    }
    b.push(Block::Table(Table { columns: c.widths("works")?, header_rows: 1, rows, cell_style: "cell".into() }));
    Ok(())
}
