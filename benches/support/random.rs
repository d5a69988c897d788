//! Deterministic random numbers for the benchmarks' generated networks: the same seed gives the
//! same network on every machine.
#![allow(dead_code)] // Each bench uses part of it.

/// A 64-bit linear congruential generator (Knuth's MMIX constants).
pub struct Lcg(pub u64);

impl Lcg {
    /// The next number, 31 bits.
    pub fn draw(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.draw() % n.max(1) as u64) as usize
    }

    pub fn unit(&mut self) -> f64 {
        self.draw() as f64 / (1u64 << 31) as f64
    }
}

/// Samples ranks `0..n` with probability proportional to `1 / (rank + 1)`.
pub struct Zipf(Vec<f64>);

impl Zipf {
    pub fn new(n: usize) -> Self {
        let mut total = 0.0;
        Zipf(
            (0..n)
                .map(|rank| {
                    total += 1.0 / (rank as f64 + 1.0);
                    total
                })
                .collect(),
        )
    }

    pub fn sample(&self, rng: &mut Lcg) -> usize {
        let target = rng.unit() * self.0.last().copied().unwrap_or(0.0);
        self.0
            .partition_point(|&c| c < target)
            .min(self.0.len() - 1)
    }
}
