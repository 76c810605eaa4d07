//! The file format itself: numbered objects written one after the other into
//! the output, small dictionaries packed into compressed object streams, and a
//! cross-reference stream at the end (PDF 1.5+, allowed by PDF/A-2 and -3).
//!
//! Streams (page contents, fonts, the ICC profile, embedded files) are written
//! to the output as soon as they are made (compressed here, or already
//! compressed on another thread, [`Writer::stream_deflated`]), so their data
//! does not stay in memory; dictionaries wait for the end, where they are
//! packed up to two thousand to an object stream.

use std::fmt::Write as _;
use std::io::Write as _;

/// Compression level of every stream: level 6 gives within 1 % of level 9's
/// size on page content at about half the time.
const LEVEL: u32 = 6;

/// Dictionaries per object stream: the example's 930 in one, which deflate
/// packs 0.4 KB smaller than ten streams of a hundred.
const PER_STREAM: usize = 2000;

/// An object's number (generation always 0).
pub type Id = u32;

/// Where an object ended up.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// Reserved, not written (yet).
    Free,
    /// Written at this byte offset.
    At(usize),
    /// Packed in this object stream at this index.
    Packed(Id, usize),
}

/// A PDF file being written.
pub struct Writer {
    out: Vec<u8>,
    slots: Vec<Slot>,
    pending: Vec<(Id, Vec<u8>)>,
}

impl Default for Writer {
    fn default() -> Self {
        Self::new()
    }
}

impl Writer {
    /// Starts a PDF 1.7 file. The second line's high bytes mark it as binary,
    /// as PDF/A requires.
    pub fn new() -> Self {
        let mut out = Vec::with_capacity(1 << 16);
        out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        Writer { out, slots: vec![Slot::Free], pending: Vec::new() }
    }

    /// Reserves the number of an object written later.
    pub fn reserve(&mut self) -> Id {
        self.slots.push(Slot::Free);
        (self.slots.len() - 1) as Id
    }

    /// Adds a dictionary or other non-stream object (packed at the end).
    pub fn object(&mut self, id: Id, body: impl Into<Vec<u8>>) {
        self.pending.push((id, body.into()));
    }

    /// Adds a new non-stream object and returns its number.
    pub fn add(&mut self, body: impl Into<Vec<u8>>) -> Id {
        let id = self.reserve();
        self.object(id, body);
        id
    }

    /// Writes a stream now. `dict` holds the entries other than `/Length`
    /// and `/Filter` (e.g. `/Type /EmbeddedFile`); the data is compressed
    /// when `compress` is set.
    pub fn stream(&mut self, id: Id, dict: &str, data: &[u8], compress: bool) {
        if compress {
            self.stream_deflated(id, dict, &deflate(data));
        } else {
            self.write_stream(id, dict, data, "");
        }
    }

    /// Writes a stream now whose data is already compressed by [`deflate`].
    pub fn stream_deflated(&mut self, id: Id, dict: &str, packed: &[u8]) {
        self.write_stream(id, dict, packed, " /Filter /FlateDecode");
    }

    fn write_stream(&mut self, id: Id, dict: &str, bytes: &[u8], filter: &str) {
        self.slots[id as usize] = Slot::At(self.out.len());
        let _ = write!(self.out, "{id} 0 obj\n<<{dict}{filter} /Length {}>>\nstream\n", bytes.len());
        self.out.extend_from_slice(bytes);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// Adds a new stream and returns its number.
    pub fn add_stream(&mut self, dict: &str, data: &[u8], compress: bool) -> Id {
        let id = self.reserve();
        self.stream(id, dict, data, compress);
        id
    }

    /// Packs the waiting dictionaries into object streams, writes the
    /// cross-reference stream with the trailer entries (`/Root`, `/Info`,
    /// `/ID` …) and returns the file.
    pub fn finish(mut self, trailer: &str) -> Vec<u8> {
        let mut pending = std::mem::take(&mut self.pending);
        pending.sort_by_key(|(id, _)| *id);
        for chunk in pending.chunks(PER_STREAM) {
            let stream_id = self.reserve();
            let mut index = String::new();
            let mut body = Vec::new();
            for (i, (id, obj)) in chunk.iter().enumerate() {
                let _ = write!(index, "{id} {} ", body.len());
                body.extend_from_slice(obj);
                body.push(b'\n');
                self.slots[*id as usize] = Slot::Packed(stream_id, i);
            }
            let first = index.len();
            let mut data = index.into_bytes();
            data.extend_from_slice(&body);
            self.stream(stream_id, &format!(" /Type /ObjStm /N {} /First {first}", chunk.len()), &data, true);
        }
        // the cross-reference stream lists itself too
        let xref_id = self.reserve();
        let xref_at = self.out.len();
        self.slots[xref_id as usize] = Slot::At(xref_at);
        let mut rows = Vec::with_capacity(self.slots.len() * 7);
        for (i, slot) in self.slots.iter().enumerate() {
            let (kind, a, b): (u8, u32, u16) = match *slot {
                Slot::Free if i == 0 => (0, 0, 0xFFFF),
                Slot::Free => (0, 0, 0),
                Slot::At(off) => (1, off as u32, 0),
                Slot::Packed(s, n) => (2, s, n as u16),
            };
            rows.push(kind);
            rows.extend_from_slice(&a.to_be_bytes());
            rows.extend_from_slice(&b.to_be_bytes());
        }
        // each row as the difference from the one above (PNG's Up
        // predictor, a filter byte of 2 before each row): offsets grow
        // slowly and object stream indexes count up, so most bytes become
        // 0 or 1 and deflate packs the table to a sixth
        let mut predicted = Vec::with_capacity(rows.len() / 7 * 8);
        let mut above = [0u8; 7];
        for row in rows.chunks(7) {
            predicted.push(2);
            for (b, a) in row.iter().zip(above.iter_mut()) {
                predicted.push(b.wrapping_sub(*a));
                *a = *b;
            }
        }
        let dict = format!(" /Type /XRef /Size {} /W [1 4 2] /DecodeParms << /Columns 7 /Predictor 12 >>{trailer}", self.slots.len());
        self.stream(xref_id, &dict, &predicted, true);
        let _ = write!(self.out, "startxref\n{xref_at}\n%%EOF\n");
        self.out
    }
}

/// Deflates `data` (zlib format, as `/FlateDecode` wants).
///
/// Each thread keeps one compressor and resets it between streams: making
/// one allocates and clears about 270 KB of tables, which for a file's forty
/// or so streams was a tenth of the PDF writer's time and a fifth of the
/// build's page faults. A reset compressor gives the same bytes as a new one.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<Compress> = std::cell::RefCell::new(Compress::new(Compression::new(LEVEL), true));
    }
    COMPRESSOR.with_borrow_mut(|c| {
        c.reset();
        let mut out = Vec::with_capacity(data.len() / 3 + 64);
        loop {
            let read = c.total_in() as usize;
            let status = c.compress_vec(&data[read..], &mut out, FlushCompress::Finish);
            match status {
                Ok(Status::StreamEnd) => break,
                Ok(_) => out.reserve(out.capacity().max(64)),
                Err(_) => {
                    // deflate does not fail on data in memory; if it ever
                    // did, a new compressor starts over
                    *c = Compress::new(Compression::new(LEVEL), true);
                    return Vec::new();
                }
            }
        }
        out
    })
}

/// A reference to an object: `12 0 R`.
pub fn r(id: Id) -> String {
    format!("{id} 0 R")
}

/// A text string as UTF-16 in hexadecimal, with its byte-order mark: `<FEFF…>`.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(6 + s.len() * 4);
    out.push_str("<FEFF");
    for u in s.encode_utf16() {
        let _ = write!(out, "{u:04X}");
    }
    out.push('>');
    out
}

/// A text string as UTF-16 with its byte-order mark, written as a literal
/// string of raw bytes (half the size of the hexadecimal form): `(\xFE\xFF…)`.
pub fn text_bytes(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 + s.len() * 2);
    out.extend_from_slice(b"(\xFE\xFF");
    for u in s.encode_utf16() {
        for b in u.to_be_bytes() {
            match b {
                b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
                b'\r' => out.extend_from_slice(b"\\r"),
                b'\n' => out.extend_from_slice(b"\\n"),
                _ => out.push(b),
            }
        }
    }
    out.push(b')');
    out
}

/// A byte string of printable ASCII as a literal string, escaped: `(…)`.
pub fn ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('(');
    for c in s.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => {
                let _ = write!(out, "\\{:03o}", (c as u32).min(255));
            }
        }
    }
    out.push(')');
    out
}

/// A name, with bytes outside the regular characters written as `#xx`:
/// `application/yaml` → `/application#2Fyaml`.
pub fn name(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 1);
    out.push('/');
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.+".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "#{b:02X}");
        }
    }
    out
}

/// A number with at most two decimals and no trailing zeros.
pub fn num(v: f32) -> String {
    // in hundredths, as integers: the same digits as formatting the rounded
    // float, without float formatting (a page has thousands of numbers)
    let c = (v * 100.0).round() as i64;
    let (whole, frac) = (c.abs() / 100, c.abs() % 100);
    let sign = if c < 0 { "-" } else { "" };
    match frac {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(-0.004), "0");
        assert_eq!(num(3.14159), "3.14");
        assert_eq!(num(-0.5), "-0.5");
        assert_eq!(num(-12.05), "-12.05");
        assert_eq!(num(595.2756), "595.28");
        // the same digits as formatting the rounded float
        for i in -200_000..200_000 {
            let v = i as f32 * 0.0137;
            let r = (v * 100.0).round() / 100.0;
            let old = if r == r.trunc() { format!("{}", r as i64) } else { format!("{r:.2}").trim_end_matches('0').to_string() };
            assert_eq!(num(v), old, "{v}");
        }
    }

    #[test]
    fn strings_and_names_are_escaped() {
        assert_eq!(ascii("a(b)\\"), "(a\\(b\\)\\\\)");
        assert_eq!(name("application/yaml"), "/application#2Fyaml");
        assert_eq!(text("ก"), "<FEFF0E01>");
    }

    #[test]
    fn file_reads_back() {
        let mut w = Writer::new();
        let page = w.add("<< /Type /Foo /N 1 >>");
        let s = w.add_stream("", b"hello hello hello", true);
        let pdf = w.finish(&format!(" /Root {} /Info {}", r(page), r(s)));
        let doc = lopdf::Document::load_mem(&pdf).expect("lopdf reads the file");
        assert_eq!(doc.get_object((page, 0)).unwrap().as_dict().unwrap().get(b"N").unwrap().as_i64().unwrap(), 1);
        let mut st = doc.get_object((s, 0)).unwrap().as_stream().unwrap().clone();
        st.decompress().unwrap();
        assert_eq!(st.content, b"hello hello hello");
    }
}
