//! The demo's random numbers: splitmix64, one independent stream per concern.

/// splitmix64: tiny, fast and plenty for made-up data (never for anything secret).
#[derive(Debug, Clone)]
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

    /// An independent sequence for item `n` of a seed. Each concern has its own, so what it
    /// says and who raised it do not depend on the day the demo is loaded (its dates and
    /// handling do, through its age).
    pub(crate) fn stream(seed: u64, n: u64) -> Self {
        Rng(Self::mix(seed ^ Self::mix(n.wrapping_add(Self::GOLDEN))))
    }

    pub(crate) fn mix(mut z: u64) -> u64 {
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(Self::GOLDEN);
        Self::mix(self.0)
    }

    /// A number in `0..n` (0 when `n` is 0), without the bias of `%`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub(crate) fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below(hi.saturating_sub(lo).saturating_add(1).max(0) as u64) as i64
    }

    /// A number in `[lo, hi)`.
    pub(crate) fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * ((self.next() >> 11) as f64 / (1u64 << 53) as f64)
    }

    /// Usually a number in `usual`, with probability `p_rare` one in `rare`.
    pub(crate) fn mostly(&mut self, usual: (f64, f64), rare: (f64, f64), p_rare: f64) -> f64 {
        let (lo, hi) = if self.chance(p_rare) { rare } else { usual };
        self.range(lo, hi)
    }

    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.range(0.0, 1.0) < p
    }

    /// One item; the slices given are never empty.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// One of a list of copyable things (sentences, names, indexes).
    pub(crate) fn one<T: Copy>(&mut self, items: &[T]) -> T {
        *self.pick(items)
    }

    /// An index drawn in proportion to `weights`.
    pub(crate) fn weighted(&mut self, weights: &[u32]) -> usize {
        let mut r = self.below(weights.iter().map(|w| u64::from(*w)).sum());
        for (i, w) in weights.iter().enumerate() {
            if r < u64::from(*w) {
                return i;
            }
            r -= u64::from(*w);
        }
        0
    }

    /// `N` bytes (a tracking code's secret, a salt, a key): made-up, never secret.
    pub(crate) fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        for chunk in out.chunks_mut(8) {
            let word = self.next().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic_and_in_range() {
        let (mut a, mut b) = (Rng(7), Rng(7));
        let xs: Vec<u64> = (0..100).map(|_| a.next()).collect();
        assert_eq!(xs, (0..100).map(|_| b.next()).collect::<Vec<_>>());
        assert_ne!(Rng(8).next(), xs[0]);
        let firsts: std::collections::HashSet<u64> =
            (0..1000).map(|n| Rng::stream(7, n).next()).collect();
        assert_eq!(firsts.len(), 1000);
        assert_eq!(Rng::stream(7, 3).next(), Rng::stream(7, 3).next());
        for _ in 0..1000 {
            assert!(a.below(10) < 10);
            assert!((3..=5).contains(&a.between(3, 5)));
            let u = a.range(2.0, 3.0);
            assert!((2.0..3.0).contains(&u));
            assert_ne!(a.weighted(&[0, 3, 0, 1]), 0);
        }
        assert_eq!(a.below(0), 0);
    }
}
