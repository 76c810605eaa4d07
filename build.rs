//! Compiles the Thai word list (`dict/words_th.txt`) into a packed trie that
//! the binary embeds, so no process hashes or sorts 60,000 words at start.
//!
//! Format (little-endian), one 8-byte record per node, children of a node
//! stored contiguously and sorted by label, root first:
//! `[label: u8, terminal: u8, child count: u16, first child: u32]`.
//! A label is a character's offset from U+0E00 (every listed word is Thai).

use std::collections::BTreeMap;
use std::io::Write;

#[derive(Default)]
struct Node {
    terminal: bool,
    children: BTreeMap<u8, Node>,
}

fn main() {
    println!("cargo:rerun-if-changed=dict/words_th.txt");
    println!("cargo:rerun-if-changed=build.rs");
    let text = std::fs::read_to_string("dict/words_th.txt").expect("dict/words_th.txt is readable");
    let mut root = Node::default();
    for word in text.lines().map(str::trim).filter(|w| !w.is_empty()) {
        let mut node = &mut root;
        for c in word.chars() {
            let cp = c as u32;
            assert!((0x0E00..0x0F00).contains(&cp), "dict/words_th.txt: {word:?} has a character outside the Thai block");
            node = node.children.entry((cp - 0x0E00) as u8).or_default();
        }
        node.terminal = true;
    }
    // breadth first, so each node's children are contiguous
    let mut out: Vec<[u8; 8]> = Vec::new();
    let mut queue: std::collections::VecDeque<(u8, &Node)> = std::collections::VecDeque::new();
    queue.push_back((0, &root));
    let mut next_free: u32 = 1;
    while let Some((label, node)) = queue.pop_front() {
        let count = node.children.len() as u16;
        let first = if count > 0 { next_free } else { 0 };
        next_free += count as u32;
        let mut rec = [0u8; 8];
        rec[0] = label;
        rec[1] = node.terminal as u8;
        rec[2..4].copy_from_slice(&count.to_le_bytes());
        rec[4..8].copy_from_slice(&first.to_le_bytes());
        out.push(rec);
        for (&l, child) in &node.children {
            queue.push_back((l, child));
        }
    }
    let path = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR is set")).join("words_th.trie");
    let mut f = std::fs::File::create(path).expect("trie file is writable");
    for rec in &out {
        f.write_all(rec).expect("trie file is writable");
    }
}
