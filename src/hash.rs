//! A fast hasher for the caches of one build (the typesetter's shaped runs
//! and break priorities, the words of a paragraph).
//!
//! The standard library's SipHash resists keys chosen to collide, which
//! matters for tables fed by strangers over a network; these caches are
//! filled from the plan being built, inside one process, and were spending
//! more time hashing their keys than looking them up. This is the
//! multiply-rotate hash of Firefox and rustc ("FxHash"), eight bytes at a
//! time. Nothing here decides output: maps keyed with it are only looked up,
//! never iterated into the document.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The hasher (see the module docs).
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Fx {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map with [`Fx`].
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn h(v: impl Hash) -> u64 {
        BuildHasherDefault::<Fx>::default().hash_one(v)
    }

    #[test]
    fn different_keys_hash_apart_and_equal_keys_alike() {
        assert_eq!(h("ประชาสัมพันธ์"), h(String::from("ประชาสัมพันธ์")));
        assert_ne!(h("ab"), h("ba"));
        assert_ne!(h("a"), h("a\0"));
        assert_ne!(h(['ก', 'ข'].as_slice()), h(['ข', 'ก'].as_slice()));
        let mut m: FxMap<String, usize> = FxMap::default();
        for (i, w) in ["การ", "ที่", "ความ", "การศึกษา"].iter().enumerate() {
            m.insert(w.to_string(), i);
        }
        assert_eq!(m.get("ความ"), Some(&2));
        assert_eq!(m.get("ศึกษา"), None);
    }
}
