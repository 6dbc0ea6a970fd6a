//! A fast hasher for the post-processing tables, whose keys are small integers and pointers
//! (addresses, frame ids, interned names) looked up millions of times per profile. std's
//! SipHash resists hash flooding, which these keys cannot mount (they come from our own
//! maps), and costs several times more per lookup. The mixing is FxHash's (rustc's), a
//! multiply and a rotate per word; it is written here rather than pulled in as a crate.

use std::hash::{BuildHasherDefault, Hasher};

/// `HashMap<K, V, Fast>`: std's map with [`FastHasher`].
pub(crate) type Fast = BuildHasherDefault<FastHasher>;

#[derive(Clone, Copy, Default)]
pub(crate) struct FastHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn keys_that_differ_hash_apart_and_maps_work() {
        let h = |n: u64| {
            let mut hasher = FastHasher::default();
            hasher.write_u64(n);
            hasher.finish()
        };
        assert_ne!(h(1), h(2));
        let mut bytes = FastHasher::default();
        bytes.write(b"abcdefghij");
        let mut other = FastHasher::default();
        other.write(b"abcdefghik");
        assert_ne!(bytes.finish(), other.finish(), "the tail bytes count");
        let mut map: HashMap<(u32, u64), u32, Fast> = HashMap::default();
        for i in 0..1000u32 {
            map.insert((i % 7, u64::from(i)), i);
        }
        assert_eq!(map.len(), 1000);
        assert_eq!(map[&(3, 500)], 500);
    }
}
