//! Compiles the Thai word list (`dict/words_th.txt`) into a packed trie that
//! the binary embeds, so no process hashes or sorts 60,000 words at start.
//!
//! The trie is one byte string (`words_th.trie`). A node is stored as the
//! group of its children: their number (a byte), their labels sorted (a
//! byte each: the character's offset from U+0E00; every listed word is
//! Thai), then for each a little-endian `u32`: where the child's own group
//! starts (0 for none: a word's last letter) in the low 31 bits, and
//! whether a listed word ends at the child in the top bit. Byte 0 is an
//! empty group; the root's group starts at byte 1.
//!
//! Groups are laid out depth first, so a word's walk reads memory that lies
//! close together (a chain of single children is contiguous), and each step
//! reads one group's count, labels and pointer, mostly one cache line.

use std::collections::BTreeMap;

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
    // depth first over groups of children (see the module docs)
    fn place(node: &Node, out: &mut Vec<u8>) {
        assert!(node.children.len() < 256, "a node of the word list has too many children");
        out.push(node.children.len() as u8);
        out.extend(node.children.keys());
        let slots = out.len();
        out.resize(slots + 4 * node.children.len(), 0);
        for (k, child) in node.children.values().enumerate() {
            let group = if child.children.is_empty() { 0 } else { out.len() };
            if group != 0 {
                place(child, out);
            }
            assert!(group < 1 << 31, "the word list outgrows the trie's format");
            let entry = group as u32 | u32::from(child.terminal) << 31;
            out[slots + 4 * k..slots + 4 * k + 4].copy_from_slice(&entry.to_le_bytes());
        }
    }
    let mut out = vec![0u8];
    place(&root, &mut out);
    let path = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR is set")).join("words_th.trie");
    std::fs::write(path, &out).expect("trie file is writable");
}
