//! Where each value of a plan file stands, by its path (`a.b[2].c`), so that
//! checks made after parsing (months, scores, characters the fonts cannot
//! draw) can point at a line and column like parse errors do.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A line and column, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

/// The positions of the values (and of the keys) of one YAML text.
#[derive(Debug, Default)]
pub struct Positions {
    values: HashMap<String, Position>,
    keys: HashMap<String, Position>,
}

enum Frame {
    Map { key: Option<String> },
    Seq { next: usize },
}

#[derive(Default)]
struct Walker {
    stack: Vec<(String, Frame)>,
    out: Positions,
}

impl Walker {
    /// The path of the node that starts now, or None when it is a mapping key.
    fn child_path(&mut self, key_text: Option<&str>, pos: Position) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some((path, Frame::Map { key })) => match key.take() {
                Some(k) => Some(join(path, &k)),
                None => {
                    // this node is a key
                    let k = key_text.unwrap_or_default().to_string();
                    self.out.keys.insert(join(path, &k), pos);
                    *key = Some(k);
                    None
                }
            },
            Some((path, Frame::Seq { next })) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                Some(p)
            }
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl MarkedEventReceiver for Walker {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = Position { line: mark.line(), column: mark.col() + 1 };
        match ev {
            Event::Scalar(text, ..) => {
                if let Some(p) = self.child_path(Some(&text), pos) {
                    self.out.values.insert(p, pos);
                }
            }
            Event::Alias(_) => {
                if let Some(p) = self.child_path(None, pos) {
                    self.out.values.insert(p, pos);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(ev, Event::MappingStart(..));
                match self.child_path(None, pos) {
                    Some(p) => {
                        self.out.values.insert(p.clone(), pos);
                        self.stack.push((p, if is_map { Frame::Map { key: None } } else { Frame::Seq { next: 0 } }));
                    }
                    // a complex key: give it a path nobody asks for
                    None => self.stack.push(("?".into(), if is_map { Frame::Map { key: None } } else { Frame::Seq { next: 0 } })),
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

impl Positions {
    /// Indexes a YAML text; a text that does not parse gives an empty index.
    pub fn of(text: &str) -> Positions {
        let mut w = Walker::default();
        let mut parser = Parser::new_from_str(text);
        if parser.load(&mut w, false).is_err() {
            return Positions::default();
        }
        w.out
    }

    /// Where the value at `path` starts; for a path that is not there, the
    /// nearest enclosing value that is.
    pub fn find(&self, path: &str) -> Option<Position> {
        let mut p = path.to_string();
        loop {
            if let Some(pos) = self.values.get(&p) {
                return Some(*pos);
            }
            let cut = p.rfind(['.', '['])?;
            p.truncate(cut);
        }
    }

    /// Where the key of the value at `path` stands.
    pub fn key(&self, path: &str) -> Option<Position> {
        self.keys.get(path).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_find_their_lines() {
        let text = "a: 1\nb:\n  c: [x, y]\n  d:\n    - e: 2\n      f: {from: ม.ค., to: ก.ย.}\n    - e: 3\n";
        let p = Positions::of(text);
        assert_eq!(p.find("a"), Some(Position { line: 1, column: 4 }));
        assert_eq!(p.find("b.c[1]").map(|x| x.line), Some(3));
        assert_eq!(p.find("b.d[0].f.to").map(|x| x.line), Some(6));
        assert_eq!(p.find("b.d[1].e").map(|x| x.line), Some(7));
        assert_eq!(p.key("b.d").map(|x| x.line), Some(4));
        // a missing leaf falls back to its parent
        assert_eq!(p.find("b.d[1].nothing").map(|x| x.line), Some(7));
        assert!(Positions::of("a: [").find("a").is_none());
    }
}

/// Most text a plan may hold once its aliases (`*name`) are expanded, in bytes.
pub const MAX_EXPANDED: usize = 16 * 1024 * 1024;

#[derive(Default)]
struct Expansion {
    total: usize,
    sizes: HashMap<usize, usize>,
    open: Vec<(usize, usize)>,
    over: Option<Position>,
}

impl MarkedEventReceiver for Expansion {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.over.is_some() {
            return;
        }
        match ev {
            Event::Scalar(text, _, anchor, _) => {
                self.total += text.len() + 1;
                if anchor > 0 {
                    self.sizes.insert(anchor, text.len() + 1);
                }
            }
            Event::Alias(id) => self.total = self.total.saturating_add(self.sizes.get(&id).copied().unwrap_or(1)),
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => self.open.push((anchor, self.total)),
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some((anchor, start)) = self.open.pop() {
                    if anchor > 0 {
                        self.sizes.insert(anchor, self.total - start);
                    }
                }
            }
            _ => {}
        }
        if self.total > MAX_EXPANDED {
            self.over = Some(Position { line: mark.line(), column: mark.col() + 1 });
        }
    }
}

/// Where the text, with its aliases expanded, grows past [`MAX_EXPANDED`]
/// bytes, counted without expanding anything.
pub fn expansion_overflow(text: &str) -> Option<Position> {
    let mut e = Expansion::default();
    let _ = Parser::new_from_str(text).load(&mut e, false);
    e.over
}

#[cfg(test)]
mod expansion_tests {
    use super::*;

    #[test]
    fn aliases_of_long_text_are_counted_without_expanding() {
        let long = "ก".repeat(2000);
        let aliases = vec!["*s"; 4000].join(", ");
        let text = format!("intro: [&s \"{long}\", {aliases}]\n");
        let over = expansion_overflow(&text).expect("24 MB of text refused");
        assert_eq!(over.line, 1);
        assert!(expansion_overflow("a: &x [1, 2]\nb: [*x, *x]\n").is_none());
    }
}
