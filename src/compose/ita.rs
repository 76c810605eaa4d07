//! The ITA tables of the anti-corruption plan: the overall score over the
//! years (with trend, difference and each year's result) and the scores per
//! indicator of one year.
//!
//! Results follow each year's rules ([`crate::ita`]): a level for 2562–2565,
//! ผ่าน/ไม่ผ่าน from 2566. From 2566 the indicator table has no level column
//! and its indicators are grouped by tool (IIT, EIT, OIT), each tool with its
//! mean score, and the weighted overall score closes the table. A typed
//! overall score or result is checked against the computed one.

use super::{err, Composer, Result};
use crate::doc::{Cell, Paragraph, Row, Table, VAlign};
use crate::ita::{self, Outcome, Tool};
use crate::plan::{ItaHistory, ItaIndicators};
use crate::thai;

/// An ITA score must lie between 0 and 100.
pub(super) fn check_score(score: f64, path: &str) -> Result<()> {
    if (0.0..=100.0).contains(&score) {
        Ok(())
    } else {
        Err(err(path, format!("the score {score} is outside 0–100; ITA scores are percentages")))
    }
}

/// The words printed for an outcome: a level, ผ่าน/ไม่ผ่าน (template texts
/// `pass`/`fail`), or `-`.
fn outcome_text(c: &Composer, o: Outcome) -> Result<String> {
    Ok(match o {
        Outcome::Level(l) => l.to_string(),
        Outcome::Pass(true) => c.t("pass", &[])?,
        Outcome::Pass(false) => c.t("fail", &[])?,
        Outcome::Unknown => "-".to_string(),
    })
}

/// Checks a typed level or result against the computed outcome; returns what
/// to print (the typed text when the year has no known rule).
fn typed_outcome(c: &Composer, typed: Option<&str>, score: f64, year: u16, path: &str) -> Result<String> {
    let o = ita::outcome(score, year);
    let computed = outcome_text(c, o)?;
    let Some(typed) = typed.map(str::trim) else { return Ok(computed) };
    let agrees = match o {
        Outcome::Unknown => return Ok(if typed.is_empty() { computed } else { typed.to_string() }),
        Outcome::Level(l) => typed == l,
        Outcome::Pass(p) => {
            let t = typed.to_lowercase();
            // `-` was the only value accepted before results were computed for these years
            t == "-" || (p && (t == "pass" || typed == "ผ่าน")) || (!p && (t == "fail" || typed == "ไม่ผ่าน")) || typed == computed
        }
    };
    if agrees {
        return Ok(computed);
    }
    let rule = match o {
        Outcome::Pass(_) => format!("from {} a score passes at {} or more", ita::PASS_FAIL_FROM, ita::PASS_MARK),
        _ => "levels: AA 95–100, A 85–94.99, B 75–84.99, C 65–74.99, D 55–64.99, E 50–54.99, F below 50".to_string(),
    };
    Err(err(
        path,
        format!("the level `{typed}` disagrees with the score {score} in {year}, whose level is `{computed}` ({rule}); remove `level:` (it is computed) or correct the score"),
    ))
}

/// The table of overall scores over the years.
pub(super) fn history_table(c: &Composer, history: &ItaHistory, hpath: &str) -> Result<Table> {
    let scores = &history.scores;
    if scores.is_empty() {
        return Err(err(format!("{hpath}.scores"), "needs at least one year's score"));
    }
    let cols = c.tpl.columns("ita_history").map_err(|m| err("", m))?;
    // the result column is printed when the template has one (a fifth column)
    let with_result = cols.len() >= 5;
    let mut header = c.header_cells("ita_history", "cell_header")?;
    let mut widths = c.widths("ita_history")?;
    header.truncate(if with_result { 5 } else { 4 });
    widths.truncate(header.len());
    let mut rows = vec![Row { cells: header, total: false }];
    let mut prev: Option<f64> = None;
    for (i, s) in scores.iter().enumerate() {
        let path = format!("{hpath}.scores[{i}]");
        check_score(s.score, &format!("{path}.score"))?;
        let (trend, change) = match prev {
            None => ("-".to_string(), "-".to_string()),
            Some(p) => {
                let delta = thai::hundredths(s.score) - thai::hundredths(p);
                let key = match delta.signum() {
                    1 => "trend_up",
                    -1 => "trend_down",
                    _ => "trend_same",
                };
                (c.t(key, &[])?, thai::score_change(delta, c.digits))
            }
        };
        let mut cells = vec![
            Cell::text("cell_center", c.num(s.year as usize)),
            Cell::text("cell_center", thai::score(s.score, c.digits)),
            Cell::text("cell_center", trend),
            Cell::text("cell_center", change),
        ];
        let result = typed_outcome(c, s.level.as_deref(), s.score, s.year, &format!("{path}.level"))?;
        if with_result {
            cells.push(Cell::text("cell_center", thai::digits(&result, c.digits)));
        } else if s.level.is_some() {
            return Err(err(format!("{path}.level"), format!("template `{}` has no result column in table `ita_history`; add a fifth column to the template or remove `level:`", c.tpl.name)));
        }
        rows.push(Row { cells, total: false });
        prev = Some(s.score);
    }
    Ok(Table { columns: widths, header_rows: 1, rows, cell_style: "cell".into() })
}

/// Each indicator's tool: typed on every indicator, or by position when the
/// plan lists the ten standard indicators; `None` when neither.
fn tools(ind: &ItaIndicators, p: &str) -> Result<Option<Vec<Tool>>> {
    let typed = ind.items.iter().filter(|i| i.tool.is_some()).count();
    if typed == ind.items.len() && typed > 0 {
        return Ok(Some(ind.items.iter().map(|i| i.tool.expect("counted")).collect()));
    }
    if typed > 0 {
        let (k, _) = ind.items.iter().enumerate().find(|(_, i)| i.tool.is_none()).expect("some lack a tool");
        return Err(err(
            format!("{p}.items[{k}].name"),
            "some indicators name their `tool:` and this one does not; give every indicator its tool (IIT, EIT or OIT) or none (ten indicators then belong to IIT 1–5, EIT 6–8, OIT 9–10)",
        ));
    }
    if ind.items.len() == ita::STANDARD_INDICATORS {
        return Ok(Some((0..ita::STANDARD_INDICATORS).map(|i| Tool::of_standard(i).expect("ten")).collect()));
    }
    Ok(None)
}

/// A row with one bold label spanning `span` columns, then the given cells.
fn label_row(c: &Composer, label: String, span: usize, rest: Vec<Cell>) -> Row {
    let mut p = Paragraph::new("cell", "");
    p.runs = vec![super::bold(thai::digits(&label, c.digits))];
    let mut cells = vec![Cell::new(vec![p]).span(span, 1).valign(VAlign::Center)];
    cells.extend(rest);
    Row { cells, total: true }
}

/// The table of scores per indicator of one year.
pub(super) fn indicator_table(c: &Composer, ind: &ItaIndicators, p: &str) -> Result<Table> {
    for (i, item) in ind.items.iter().enumerate() {
        check_score(item.score, &format!("{p}.items[{i}].score"))?;
    }
    if let Some(o) = ind.overall {
        check_score(o, &format!("{p}.overall"))?;
    }
    let tools = tools(ind, p)?;
    let computed = tools.as_ref().and_then(|t| ita::overall(&t.iter().copied().zip(ind.items.iter().map(|i| i.score)).collect::<Vec<_>>()));
    if let (Some(typed), Some(computed), Some(tools)) = (ind.overall, computed, &tools) {
        if !ita::agrees(typed, computed) {
            let parts: Vec<String> = Tool::ALL
                .iter()
                .map(|t| {
                    let s: Vec<f64> = tools.iter().zip(&ind.items).filter(|(x, _)| *x == t).map(|(_, i)| i.score).collect();
                    format!("0.{} × {} {:.2}", t.weight() / 10, t.code(), ita::tool_score(&s).unwrap_or(0.0))
                })
                .collect();
            return Err(err(
                format!("{p}.overall"),
                format!(
                    "the overall score {typed:.2} disagrees with the one computed from the indicators, {computed:.2} ({}); correct the overall score or an indicator's score, or remove `overall:` (it is computed)",
                    parts.join(" + ")
                ),
            ));
        }
    }
    let overall = ind.overall.or(computed);
    let pass_fail = ita::pass_fail_only(ind.year);

    let mut header = c.header_cells("ita_indicators", "cell_header")?;
    let mut widths = c.widths("ita_indicators")?;
    if header.len() != 5 {
        return Err(err("", format!("template `{}` table `ita_indicators` needs five columns: number, indicator, score, level, remark", c.tpl.name)));
    }
    if pass_fail {
        // no levels from 2566: the level column goes, its width to the indicator's name
        header.remove(3);
        let w = widths.remove(3);
        widths[1] += w;
    }
    let ncols = header.len();
    let mut rows = vec![Row { cells: header, total: false }];

    let item_row = |i: usize| -> Result<Row> {
        let item = &ind.items[i];
        let path = format!("{p}.items[{i}]");
        let mut cells = vec![Cell::text("cell_center", c.num(i + 1)), c.cell("cell", &item.name, &format!("{path}.name"))?, Cell::text("cell_center", thai::score(item.score, c.digits))];
        if pass_fail {
            typed_outcome(c, item.level.as_deref(), item.score, ind.year, &format!("{path}.level"))?;
        } else {
            let level = ita::level(item.score, ind.year).unwrap_or("-");
            if let Some(typed) = &item.level {
                if typed.trim() != level {
                    return Err(err(
                        format!("{path}.level"),
                        format!("the level `{typed}` disagrees with the score {} in {}, whose level is `{level}`; remove `level:` (it is computed) or correct the score", item.score, ind.year),
                    ));
                }
            }
            cells.push(Cell::text("cell_center", level));
        }
        cells.push(Cell::text("cell_center", c.t(if ita::passes(item.score) { "pass" } else { "fail" }, &[])?));
        Ok(Row { cells, total: false })
    };

    match (&tools, pass_fail) {
        (Some(tools), true) => {
            for tool in Tool::ALL {
                let members: Vec<usize> = (0..ind.items.len()).filter(|&i| tools[i] == tool).collect();
                let key = format!("ita_tool_{}", tool.code().to_lowercase());
                rows.push(label_row(c, c.t_or(&key, tool.code(), &[])?, ncols, vec![]));
                rows.last_mut().expect("pushed").total = false;
                for &i in &members {
                    rows.push(item_row(i)?);
                }
                let mean = ita::tool_score(&members.iter().map(|&i| ind.items[i].score).collect::<Vec<_>>()).unwrap_or(0.0);
                let label = c.t_or("ita_tool_score", "คะแนน {tool} (น้ำหนักร้อยละ {weight})", &[("tool", tool.code().to_string()), ("weight", tool.weight().to_string())])?;
                rows.push(label_row(c, label, 2, vec![Cell::text("cell_center", thai::score(mean, c.digits)), Cell::empty()]));
            }
        }
        _ => {
            for i in 0..ind.items.len() {
                rows.push(item_row(i)?);
            }
        }
    }
    // the overall score closes the table from 2566, and whenever it was typed
    if let Some(o) = overall.filter(|_| pass_fail || ind.overall.is_some()) {
        let mut rest = vec![Cell::text("cell_center", thai::score(o, c.digits))];
        if !pass_fail {
            rest.push(Cell::text("cell_center", ita::level(o, ind.year).unwrap_or("-")));
        }
        rest.push(Cell::text("cell_center", c.t(if ita::passes(o) { "pass" } else { "fail" }, &[])?));
        let label = if tools.is_some() { c.t_or("ita_overall_weighted", "คะแนนภาพรวม", &[])? } else { c.t_or("ita_overall", "คะแนนภาพรวม", &[])? };
        rows.push(label_row(c, label, 2, rest));
    }
    Ok(Table { columns: widths, header_rows: 1, rows, cell_style: "cell".into() })
}

/// A warning when the history's score for the indicators' year differs from
/// the overall score of the indicators.
pub(super) fn cross_check(c: &Composer, history: &ItaHistory, hpath: &str, ind: &ItaIndicators) {
    let computed = || tools(ind, "").ok().flatten().and_then(|t| ita::overall(&t.into_iter().zip(ind.items.iter().map(|i| i.score)).collect::<Vec<_>>()));
    let Some(overall) = ind.overall.or_else(computed) else { return };
    if let Some((k, s)) = history.scores.iter().enumerate().find(|(_, s)| s.year == ind.year) {
        if !ita::agrees(s.score, overall) {
            c.warnings.borrow_mut().push(err(
                format!("{hpath}.scores[{k}].score"),
                format!("the score of {} here is {:.2}, but the indicators of {} give an overall score of {overall:.2}; correct one of them", s.year, s.score, ind.year),
            ));
        }
    }
}
