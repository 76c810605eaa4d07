//! Rules of the Integrity and Transparency Assessment (ITA) of the National
//! Anti-Corruption Commission: level bands and the pass mark by assessment year.

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
    fn pass_mark() {
        assert!(passes(85.0));
        assert!(passes(85.44));
        assert!(!passes(84.99));
        assert!(!passes(82.55));
    }
}
