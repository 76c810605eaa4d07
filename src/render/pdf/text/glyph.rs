//! The characters one glyph stands for, kept inline: a line holds a glyph
//! for every character cluster, and a heap string for each (the former
//! representation) made memory allocation the largest cost of setting text.

/// Up to [`GlyphText::CAPACITY`] bytes of text stored in place (a Thai cluster
/// is at most a few characters; longer text keeps the characters that fit —
/// the line's ActualText still carries all of it).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct GlyphText {
    len: u8,
    bytes: [u8; GlyphText::CAPACITY],
}

impl GlyphText {
    /// Bytes held in place.
    pub const CAPACITY: usize = 23;

    /// The text, cut at a character boundary when longer than the capacity.
    pub fn new(s: &str) -> Self {
        let mut end = s.len().min(Self::CAPACITY);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        let mut bytes = [0; Self::CAPACITY];
        bytes[..end].copy_from_slice(&s.as_bytes()[..end]);
        GlyphText { len: end as u8, bytes }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        // only whole characters of a `str` are ever copied in
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or_default()
    }

    /// Appends as much of `s` as fits, whole characters only.
    pub fn push_str(&mut self, s: &str) {
        let mut joined = String::with_capacity(self.len as usize + s.len());
        joined.push_str(self.as_str());
        joined.push_str(s);
        *self = Self::new(&joined);
    }
}

impl std::ops::Deref for GlyphText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for GlyphText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<&str> for GlyphText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for GlyphText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl From<&str> for GlyphText {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_a_cluster_and_cuts_only_between_characters() {
        assert_eq!(GlyphText::new("ที่").as_str(), "ที่");
        let long = "ก่่่่่่่่่่่่่";
        let t = GlyphText::new(long);
        assert!(long.starts_with(t.as_str()) && t.len() <= GlyphText::CAPACITY && t.len() % 3 == 0);
        let mut a = GlyphText::new("ำ");
        a.push_str("x");
        assert_eq!(&*a, "ำx");
    }
}
