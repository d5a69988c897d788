//! A fast, non-cryptographic hasher for the index's own maps (term strings, ids, term–person
//! pairs): the multiply-rotate scheme of rustc's FxHash. Keys come from the local network, and
//! a slow map only costs time, so collision resistance against hostile keys is not needed.
//! It must not be used for anything that needs stable or secure hashes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The hasher: folds each word of input into the state with a rotate, xor and multiply.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
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

    /// Mixes the state (splitmix64's finaliser): the multiply-rotate state alone keeps little
    /// entropy in its low bits, which hash tables use to pick buckets.
    fn finish(&self) -> u64 {
        let mut z = self.hash;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// A `HashMap` using `FxHasher`.
pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash_of(value: impl Hash) -> u64 {
        BuildHasherDefault::<FxHasher>::default().hash_one(value)
    }

    #[test]
    fn equal_keys_hash_equal_and_near_keys_differ() {
        assert_eq!(hash_of("kubernetes"), hash_of(String::from("kubernetes")));
        assert_ne!(hash_of("kubernetes"), hash_of("kubernetez"));
        assert_ne!(hash_of((1u32, 2u32)), hash_of((2u32, 1u32)));
        assert_ne!(hash_of("abcdefgh1"), hash_of("abcdefgh2"));
    }

    #[test]
    fn low_bits_spread_for_keys_sharing_a_prefix() {
        let buckets: std::collections::HashSet<u64> = (0..1000)
            .map(|i| hash_of(format!("ka{i}")) & 0xfff)
            .collect();
        assert!(
            buckets.len() > 800,
            "only {} of 4096 buckets used",
            buckets.len()
        );
    }

    #[test]
    fn works_as_a_map() {
        let mut map: FxHashMap<&str, u32> = FxHashMap::default();
        map.insert("rust", 1);
        map.insert("go", 2);
        assert_eq!(map.get("rust"), Some(&1));
        assert_eq!(map.get("java"), None);
    }
}
