//! Column widths from content, the way Word's "AutoFit" shares a table's
//! width: every column gets at least its minimum (its widest unbreakable
//! piece, padding included), a column whose content fits unbroken in less
//! than its share gets only what it needs while other columns still wrap, and
//! the rest of the width is shared in the proportions the template gives.
//!
//! Where the table has room, every column is as wide as its longest whole
//! word ([`prefer_words`]). Where it has not, [`fit_words`] chooses the
//! widths that leave the fewest words too wide for their column (a dynamic
//! programme over each column's word widths), so that the fewest words of
//! the whole table are split between lines; the layout keeps that choice
//! unless it makes the table taller than the template's shares by more than
//! the splits it saves.

/// Widths (points) of columns with template fractions `fracs`, minimum
/// widths `min` and unbroken content widths `max` (`f32::INFINITY` for a
/// column without content), adding up to `width`. When the minimums alone are
/// wider than `width`, they are scaled down to it and the caller shrinks what
/// no longer fits.
pub fn resolve(fracs: &[f32], min: &[f32], max: &[f32], width: f32) -> Vec<f32> {
    let n = fracs.len();
    if n == 0 {
        return Vec::new();
    }
    let sum_min: f32 = min.iter().sum();
    if sum_min >= width {
        return if sum_min > 0.0 { min.iter().map(|m| m * width / sum_min).collect() } else { vec![width / n as f32; n] };
    }
    let mut fixed: Vec<Option<f32>> = vec![None; n];
    let mut w = vec![0.0; n];
    for _ in 0..=2 * n {
        let free = width - fixed.iter().flatten().sum::<f32>();
        let open: Vec<usize> = (0..n).filter(|&i| fixed[i].is_none()).collect();
        let f: f32 = open.iter().map(|&i| fracs[i]).sum();
        for i in 0..n {
            w[i] = match fixed[i] {
                Some(v) => v,
                None if f > 0.0 => fracs[i] / f * free,
                None => free / open.len() as f32,
            };
        }
        let below: Vec<usize> = open.iter().copied().filter(|&i| w[i] < min[i] - 0.01).collect();
        if !below.is_empty() {
            for i in below {
                fixed[i] = Some(min[i]);
            }
            continue;
        }
        // columns wider than their content give the rest to columns that wrap
        let wraps = open.iter().any(|&i| w[i] < max[i] - 0.01);
        let above: Vec<usize> = open.iter().copied().filter(|&i| w[i] > max[i] + 0.01).collect();
        if wraps && !above.is_empty() {
            for i in above {
                fixed[i] = Some(max[i]);
            }
            continue;
        }
        break;
    }
    // every column fixed: make the sum exact, taking from what is above the
    // minimum or giving by the template's fractions
    let diff = width - w.iter().sum::<f32>();
    if diff < -0.01 {
        let slack: f32 = (0..n).map(|i| (w[i] - min[i]).max(0.0)).sum();
        if slack > 0.0 {
            for i in 0..n {
                w[i] += diff * (w[i] - min[i]).max(0.0) / slack;
            }
        }
    } else if diff > 0.01 {
        let f: f32 = fracs.iter().sum();
        for i in 0..n {
            w[i] += if f > 0.0 { diff * fracs[i] / f } else { diff / n as f32 };
        }
    }
    w
}

/// The minimum widths to lay out with: for each column, a width that holds
/// as many of its whole words `words` (each a word or an unbreakable phrase
/// of one of its cells, padding included) as the table's width allows, never
/// less than the column's minimum `min` — so that the fewest words of the
/// whole table are split between lines. When every word fits, every column
/// gets its widest; when not, the columns whose words are cheapest to keep
/// whole get them (one column with a single long name does not take the
/// room of another with many middling words). A column asks at most twice
/// its template share, so that one long name does not starve the others; a
/// long compound then breaks between its parts. Among equally good choices
/// the narrowest is taken, leaving the most to share by the template.
pub fn fit_words(fracs: &[f32], min: &[f32], words: &[Vec<f32>], width: f32) -> Vec<f32> {
    let n = min.len();
    let sum_min: f32 = min.iter().sum();
    if n == 0 || sum_min >= width {
        return min.to_vec();
    }
    // per column: the widths worth trying (its minimum and each word wider
    // than it, up to its cap) and how many words each leaves too wide
    let options: Vec<Vec<(f32, u32)>> = (0..n)
        .map(|c| {
            let cap = (2.0 * fracs[c] * width).max(min[c]);
            let mut ws: Vec<f32> = words[c].iter().copied().filter(|&w| w > min[c] + 0.01 && w <= cap + 0.01).collect();
            ws.push(min[c]);
            ws.sort_by(f32::total_cmp);
            ws.dedup_by(|a, b| (*a - *b).abs() < 0.01);
            let mut sorted = words[c].clone();
            sorted.sort_by(f32::total_cmp);
            ws.iter().map(|&t| (t, (sorted.len() - sorted.partition_point(|&w| w <= t + 0.01)) as u32)).collect()
        })
        .collect();
    // best[b]: (words left too wide, choices) using at most b whole points
    let budget = width.floor() as usize;
    const NONE: u32 = u32::MAX;
    let mut cost = vec![0u32; budget + 1];
    let mut pick: Vec<Vec<u16>> = Vec::with_capacity(n);
    for opts in &options {
        let mut next = vec![NONE; budget + 1];
        let mut choice = vec![0u16; budget + 1];
        // for each budget the options are tried in order and the first of
        // the fewest words left too wide is kept
        for (k, &(t, left)) in opts.iter().enumerate() {
            let need = t.ceil() as usize;
            for b in need..=budget {
                let before = cost[b - need];
                if before != NONE && before + left < next[b] {
                    next[b] = before + left;
                    choice[b] = k as u16;
                }
            }
        }
        pick.push(choice);
        cost = next;
    }
    // the fewest words too wide, in the least width
    let Some(mut b) = (0..=budget).filter(|&b| cost[b] != NONE).min_by_key(|&b| (cost[b], b)) else {
        return min.to_vec();
    };
    let mut out = vec![0.0; n];
    for c in (0..n).rev() {
        let (t, _) = options[c][pick[c][b] as usize];
        out[c] = t.max(min[c]);
        b -= t.ceil() as usize;
    }
    out
}

/// The minimum widths to lay out with: each column's whole-word width
/// `words` (no word of it split) when the table has room for all of them at
/// once, else the syllable widths `min` (widening some columns for their
/// words would narrow the others into more broken words). A column asks at
/// most twice its template share for whole words, so one long name does not
/// starve the others; a long compound then breaks between its parts.
pub fn prefer_words(fracs: &[f32], min: &[f32], words: &[f32], width: f32) -> Vec<f32> {
    let want: Vec<f32> = (0..min.len()).map(|i| words[i].min((2.0 * fracs[i] * width).max(min[i])).max(min[i])).collect();
    let sum_want: f32 = want.iter().sum();
    if sum_want <= width {
        return want;
    }
    // widening some columns would narrow others into more broken words
    min.to_vec()
}

/// Raises the widths `cols` of the columns a spanning cell covers so that
/// together they reach `need`, sharing the excess by the template fractions.
pub fn spread(cols: &mut [f32], fracs: &[f32], need: f32) {
    let have: f32 = cols.iter().sum();
    if need <= have + 0.01 || cols.is_empty() {
        return;
    }
    let f: f32 = fracs.iter().sum();
    let n = cols.len() as f32;
    for (c, fr) in cols.iter_mut().zip(fracs) {
        *c += (need - have) * if f > 0.0 { fr / f } else { 1.0 / n };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f32], b: &[f32]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 0.1)
    }

    #[test]
    fn template_fractions_hold_when_content_fits_them() {
        let w = resolve(&[0.25; 4], &[20.0; 4], &[50.0; 4], 400.0);
        assert!(close(&w, &[100.0; 4]), "{w:?}");
    }

    #[test]
    fn a_column_gets_its_widest_piece() {
        // the money column needs 90 pt; the others share the rest by their fractions
        let w = resolve(&[0.4, 0.4, 0.2], &[10.0, 10.0, 90.0], &[f32::INFINITY, f32::INFINITY, 90.0], 300.0);
        assert!(close(&w, &[105.0, 105.0, 90.0]), "{w:?}");
    }

    #[test]
    fn a_mostly_empty_column_gives_its_share_to_wrapping_ones() {
        // the budget column's content is 70 pt wide unbroken; its share would be 90 pt
        let w = resolve(&[0.2, 0.2, 0.22, 0.2, 0.18], &[30.0; 5], &[900.0, 900.0, 900.0, 900.0, 70.0], 500.0);
        assert!((w[4] - 70.0).abs() < 0.1, "{w:?}");
        assert!((w.iter().sum::<f32>() - 500.0).abs() < 0.1);
        assert!((w[0] / w[2] - 0.2 / 0.22).abs() < 0.01, "{w:?}");
    }

    #[test]
    fn minimums_wider_than_the_table_are_scaled_to_it() {
        let w = resolve(&[0.5, 0.5], &[300.0, 100.0], &[300.0, 100.0], 200.0);
        assert!(close(&w, &[150.0, 50.0]), "{w:?}");
    }

    #[test]
    fn whole_words_where_there_is_room() {
        let w = |v: &[f32]| v.to_vec();
        // room for every column's longest word
        assert!(close(&fit_words(&[0.5, 0.5], &[20.0, 20.0], &[w(&[60.0, 30.0]), w(&[90.0])], 200.0), &[60.0, 90.0]));
        // a word wider than twice the column's share asks only for that
        assert!(close(&fit_words(&[0.1, 0.9], &[10.0, 10.0], &[w(&[150.0]), w(&[40.0])], 200.0), &[10.0, 40.0]));
        // not room for all: the column with more words too wide gets its words
        let f = fit_words(&[0.5, 0.5], &[40.0, 40.0], &[w(&[150.0]), w(&[90.0, 95.0, 100.0])], 200.0);
        assert!(close(&f, &[40.0, 100.0]), "{f:?}");
        // some of a column's words when not all fit
        let f = fit_words(&[0.5, 0.5], &[40.0, 40.0], &[w(&[70.0, 70.0, 130.0]), w(&[100.0, 100.0])], 200.0);
        assert!(close(&f, &[70.0, 100.0]), "{f:?}");
    }

    #[test]
    fn whole_words_in_every_column_where_there_is_room() {
        // room for every column's longest word
        assert!(close(&prefer_words(&[0.5, 0.5], &[20.0, 20.0], &[60.0, 90.0], 200.0), &[60.0, 90.0]));
        // a word wider than twice the column's share asks only for that
        assert!(close(&prefer_words(&[0.1, 0.9], &[10.0, 10.0], &[150.0, 40.0], 200.0), &[40.0, 40.0]));
        // not enough room for all: the syllable widths
        let w = prefer_words(&[0.5, 0.5], &[40.0, 40.0], &[80.0, 160.0], 200.0);
        assert!(close(&w, &[40.0, 40.0]), "{w:?}");
    }

    #[test]
    fn spanning_cells_widen_their_columns_by_fraction() {
        let mut cols = [10.0, 10.0, 20.0];
        spread(&mut cols, &[0.25, 0.25, 0.5], 80.0);
        assert!(close(&cols, &[20.0, 20.0, 40.0]), "{cols:?}");
    }
}
