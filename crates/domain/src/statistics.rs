//! The rule that lets the office publish its figures without singling anyone out: small
//! counts are suppressed, and so are enough others that none can be worked out again.
//!
//! A published table is one line of cells — the concerns of each category, or of each
//! area — and its total. Readers of the page know the rule, so the rule assumes they know
//! what each label means:
//!
//! - a number is the count itself; **0 is shown**: nobody can be singled out by a group
//!   nobody is in;
//! - "fewer than [`THRESHOLD`]" ([`Cell::Fewer`]) is a count from 0 to threshold − 1.
//!   Every count from 1 to threshold − 1 is shown so (primary suppression), and a 0 may
//!   be too when it hides another (so a reader cannot take "fewer than 5" to mean "at
//!   least 1");
//! - "not shown" ([`Cell::Hidden`]) is a count of at least the threshold, hidden so that a
//!   small one cannot be worked out (complementary suppression).
//!
//! [`protect`] assumes the reader knows the total exactly (the page shows it, and another
//! table has the same one), subtracts every number shown from it and bounds what remains
//! with the labels ([`exposed`]): while some suppressed count from 1 to threshold − 1
//! would come out as one value, the smallest number still shown is suppressed too (a 0
//! first, which costs the reader least). A line where even suppressing everything leaves
//! one exposed (two categories of 4 and a total of 8) is withheld whole. When the total
//! itself is under the threshold, every cell and the total are "fewer than".
//!
//! Shares ([`share`]) are worked out only from groups of at least 2 × threshold − 1 (so a
//! group and its part are both at or above the threshold, and a part and what is left of
//! the whole are never both small), and when the part, or what is left, is a small count,
//! the share is given as a bound that tells no more than "fewer than 5 were late".

/// The smallest count published as a number, unless the office sets another.
pub const THRESHOLD: i64 = 5;

/// How one count of a published table is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// The count.
    Shown(i64),
    /// Fewer than the threshold (0 to threshold − 1).
    Fewer,
    /// At least the threshold, not shown so that a smaller count cannot be worked out.
    Hidden,
}

impl Cell {
    /// The count, when shown.
    pub fn shown(&self) -> Option<i64> {
        match self {
            Cell::Shown(n) => Some(*n),
            _ => None,
        }
    }

    /// What a reader who knows the rule knows of the count: its least and greatest values
    /// (none: no bound).
    pub fn bounds(&self, threshold: i64) -> (i64, Option<i64>) {
        match self {
            Cell::Shown(n) => (*n, Some(*n)),
            Cell::Fewer => (0, Some(threshold - 1)),
            Cell::Hidden => (threshold, None),
        }
    }
}

/// A count that stands alone (no total is shown with it): a number from the threshold,
/// else "fewer than" (0 included, so that "fewer than" never means "some").
pub fn single(value: i64, threshold: i64) -> Cell {
    if value >= threshold {
        Cell::Shown(value)
    } else {
        Cell::Fewer
    }
}

/// A published line: its cells and its total, or nothing at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Table {
    /// The cells, in the order of the counts given, and the total.
    Shown {
        /// One per count.
        cells: Vec<Cell>,
        /// Their sum.
        total: Cell,
    },
    /// Not published: no suppression keeps every small count from being worked out.
    Withheld,
}

/// Decides how each of `values` (counts, none negative) and their sum are shown, so that
/// no count from 1 to `threshold` − 1 is shown or can be worked out from what is.
pub fn protect(values: &[i64], threshold: i64) -> Table {
    let threshold = threshold.max(1);
    let total: i64 = values.iter().sum();
    if total < threshold {
        return Table::Shown {
            cells: vec![Cell::Fewer; values.len()],
            total: Cell::Fewer,
        };
    }
    let mut cells: Vec<Cell> = values
        .iter()
        .map(|&v| {
            if (1..threshold).contains(&v) {
                Cell::Fewer
            } else {
                Cell::Shown(v)
            }
        })
        .collect();
    while exposed(values, &cells, total, threshold) {
        // The smallest number still shown (the first of equals) goes next.
        let next = cells
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.shown().map(|v| (v, i)))
            .min();
        let Some((v, i)) = next else {
            return Table::Withheld;
        };
        cells[i] = if v >= threshold {
            Cell::Hidden
        } else {
            Cell::Fewer
        };
    }
    Table::Shown {
        cells,
        total: Cell::Shown(total),
    }
}

/// Whether a reader who knows `total` could work out one of the suppressed `cells` whose
/// value (in `values`) is from 1 to `threshold` − 1: it is bounded to one value by the
/// total less what is shown and the others' bounds ([`range`]).
pub fn exposed(values: &[i64], cells: &[Cell], total: i64, threshold: i64) -> bool {
    values.iter().zip(cells).enumerate().any(|(i, (&v, c))| {
        c.shown().is_none()
            && (1..threshold).contains(&v)
            && matches!(range(cells, i, (total, Some(total)), threshold), (lo, Some(hi)) if lo == hi)
    })
}

/// What a reader can tell of cell `i` of a line whose total lies within `total` (least,
/// greatest; none: no bound): every value it may take, as the least and the greatest
/// (none: no bound). Exact — every value between is possible — since the line's only
/// constraint is that its cells add up to its total.
pub fn range(
    cells: &[Cell],
    i: usize,
    total: (i64, Option<i64>),
    threshold: i64,
) -> (i64, Option<i64>) {
    let (own_lo, own_hi) = cells[i].bounds(threshold);
    let mut others_lo = 0_i64;
    let mut others_hi = Some(0_i64);
    for (_, c) in cells.iter().enumerate().filter(|(j, _)| *j != i) {
        let (lo, hi) = c.bounds(threshold);
        others_lo += lo;
        others_hi = others_hi.zip(hi).map(|(a, b)| a + b);
    }
    // x = total − others: at least the least total less the most the others can be.
    let lo = match others_hi {
        Some(h) => own_lo.max(total.0 - h),
        None => own_lo,
    };
    let hi = match (own_hi, total.1) {
        (Some(a), Some(t)) => Some(a.min(t - others_lo)),
        (Some(a), None) => Some(a),
        (None, Some(t)) => Some(t - others_lo),
        (None, None) => None,
    };
    (lo, hi)
}

/// A share (in whole percent) as published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    /// The share, rounded down (so 99.6% never shows as 100%).
    Exact(i64),
    /// At least this much: what is left of the whole is a small count.
    AtLeast(i64),
    /// At most this much: the part is a small count.
    AtMost(i64),
    /// Too few to say.
    TooFew,
}

/// `part` of `whole` as published: nothing from a whole under 2 × threshold − 1 (so the
/// part and the rest are never both small); when the part or the rest is a count from 1
/// to threshold − 1, a bound that holds whatever that count is, so it tells only that it
/// is small (nothing when the threshold is under 3: the bound would stand for one count).
pub fn share(part: i64, whole: i64, threshold: i64) -> Share {
    let threshold = threshold.max(1);
    // From 2 × threshold − 1 on, a part and its rest are never both small.
    if whole < threshold.max(2 * threshold - 1) || part < 0 || part > whole {
        return Share::TooFew;
    }
    let small = |n: i64| (1..threshold).contains(&n);
    // A bound stands for every small count from 1 to threshold − 1: at least two of them,
    // else a reader who knew the whole would know the count.
    let room = threshold > 2;
    match (small(part), small(whole - part)) {
        (false, false) => Share::Exact(part * 100 / whole),
        // The rest is 1 to threshold − 1: the part at least whole − (threshold − 1).
        (false, true) if room => Share::AtLeast((whole - (threshold - 1)) * 100 / whole),
        // The part is 1 to threshold − 1: at most threshold − 1 of the whole, rounded up.
        (true, false) if room => Share::AtMost(((threshold - 1) * 100 + whole - 1) / whole),
        _ => Share::TooFew,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = THRESHOLD;

    fn cells(t: &Table) -> (&[Cell], Cell) {
        match t {
            Table::Shown { cells, total } => (cells, *total),
            Table::Withheld => panic!("withheld"),
        }
    }

    #[test]
    fn large_counts_and_zeros_are_shown() {
        let t = protect(&[12, 0, 40], T);
        assert_eq!(
            cells(&t),
            (
                &[Cell::Shown(12), Cell::Shown(0), Cell::Shown(40)][..],
                Cell::Shown(52)
            )
        );
    }

    #[test]
    fn every_count_under_the_threshold_is_suppressed() {
        for v in 1..T {
            let t = protect(&[v, 12, 30, 7], T);
            let (c, total) = cells(&t);
            assert_eq!(c[0], Cell::Fewer, "{v}");
            assert_eq!(total, Cell::Shown(v + 49));
            // And a second cell with it, so the total less the rest does not give it.
            assert_eq!(c.iter().filter(|c| c.shown().is_none()).count(), 2, "{v}");
            assert_eq!(c[3], Cell::Hidden, "the smallest other: {c:?}");
        }
    }

    #[test]
    fn a_zero_hides_a_small_count_first() {
        let t = protect(&[3, 0, 50, 60], T);
        assert_eq!(
            cells(&t).0,
            &[Cell::Fewer, Cell::Fewer, Cell::Shown(50), Cell::Shown(60)]
        );
    }

    #[test]
    fn two_small_counts_protect_each_other_unless_the_total_gives_them() {
        // 2 and 3 of 5 more: either may be 1 to 4 — nothing more to hide.
        let t = protect(&[2, 3, 20], T);
        assert_eq!(cells(&t).0, &[Cell::Fewer, Cell::Fewer, Cell::Shown(20)]);
        // 4 and 4: the total less 20 is 8, so both would be 4; 20 goes too.
        let t = protect(&[4, 4, 20], T);
        assert_eq!(cells(&t).0, &[Cell::Fewer, Cell::Fewer, Cell::Hidden]);
    }

    #[test]
    fn a_line_nothing_can_protect_is_withheld() {
        assert_eq!(protect(&[4, 4], T), Table::Withheld);
        // With a 0 to hide as well, 8 may be 4 + 4 + 0 or 4 + 0 + 4 or 3 + 4 + 1…
        let t = protect(&[4, 4, 0], T);
        assert_eq!(cells(&t).0, &[Cell::Fewer; 3]);
    }

    #[test]
    fn a_total_under_the_threshold_shows_no_number() {
        let t = protect(&[0, 3, 1], T);
        assert_eq!(cells(&t), (&[Cell::Fewer; 3][..], Cell::Fewer));
        assert_eq!(
            protect(&[], T),
            Table::Shown {
                cells: vec![],
                total: Cell::Fewer
            }
        );
    }

    #[test]
    fn a_single_count_stands_or_falls_alone() {
        assert_eq!(single(0, T), Cell::Fewer);
        assert_eq!(single(4, T), Cell::Fewer);
        assert_eq!(single(5, T), Cell::Shown(5));
    }

    #[test]
    fn another_threshold_is_honoured() {
        let t = protect(&[9, 30, 31], 10);
        assert_eq!(cells(&t).0, &[Cell::Fewer, Cell::Hidden, Cell::Shown(31)]);
        assert_eq!(protect(&[1, 1], 1), protect(&[1, 1], 0));
    }

    #[test]
    fn shares_come_from_enough_and_hide_small_parts() {
        assert_eq!(share(3, 4, T), Share::TooFew);
        assert_eq!(share(0, 0, T), Share::TooFew);
        assert_eq!(share(10, 10, T), Share::Exact(100));
        assert_eq!(share(0, 10, T), Share::Exact(0));
        assert_eq!(share(15, 20, T), Share::Exact(75));
        assert_eq!(share(2, 3, T), Share::TooFew);
        // 3 and 3 of 6: both small.
        assert_eq!(share(3, 6, T), Share::TooFew);
        // 98 of 100: 2 late. Told only that at least 96% were on time.
        assert_eq!(share(98, 100, T), Share::AtLeast(96));
        assert_eq!(share(99, 100, T), Share::AtLeast(96));
        // 2 of 100 on time: at most 4%.
        assert_eq!(share(2, 100, T), Share::AtMost(4));
        assert_eq!(share(1, 10, T), Share::AtMost(40));
        // 5 of 6, 4 of 8: under 2 × 5 − 1, two small parts or one told by its bound.
        assert_eq!(share(5, 6, T), Share::TooFew);
        assert_eq!(share(4, 8, T), Share::TooFew);
        assert_eq!(share(9, 9, T), Share::Exact(100));
        assert_eq!(share(99, 100, 2), Share::TooFew);
        assert_eq!(share(98, 100, 2), Share::Exact(98));
        assert_eq!(share(5, 3, T), Share::TooFew);
    }

    #[test]
    fn no_published_share_gives_a_small_count_away() {
        // A reader who knows the whole (the worst case) and sees a share: every part that
        // gives the same share is as likely; a small part or rest must never be alone.
        for threshold in [2, 3, T, 10] {
            for whole in 0..300 {
                let mut seen: Vec<(Share, Vec<i64>)> = Vec::new();
                for part in 0..=whole {
                    let s = share(part, whole, threshold);
                    match s {
                        Share::Exact(p) => assert_eq!(p, part * 100 / whole),
                        Share::AtLeast(b) => assert!(part * 100 >= b * whole, "{part}/{whole}"),
                        Share::AtMost(b) => assert!(part * 100 <= b * whole, "{part}/{whole}"),
                        Share::TooFew => {}
                    }
                    match seen.iter_mut().find(|(x, _)| *x == s) {
                        Some((_, parts)) => parts.push(part),
                        None => seen.push((s, vec![part])),
                    }
                }
                let small = |n: i64| (1..threshold).contains(&n);
                for (s, parts) in seen {
                    if parts.iter().any(|&p| small(p) || small(whole - p)) {
                        assert!(
                            parts.len() >= 2 && !matches!(s, Share::Exact(_)),
                            "{s:?} of {whole} (threshold {threshold}): {parts:?}"
                        );
                    }
                }
            }
        }
    }

    /// A reader's bounds on the one total several lines share (each published line adds
    /// up to it), or none when the lines contradict it.
    fn total_bounds(lines: &[Table], threshold: i64) -> (i64, Option<i64>) {
        let mut lo = 0_i64;
        let mut hi: Option<i64> = None;
        for l in lines {
            let Table::Shown { cells, total } = l else {
                continue;
            };
            let (tl, th) = total.bounds(threshold);
            let sum_lo: i64 = cells.iter().map(|c| c.bounds(threshold).0).sum();
            let sum_hi = cells
                .iter()
                .map(|c| c.bounds(threshold).1)
                .try_fold(0_i64, |a, b| b.map(|b| a + b));
            lo = lo.max(tl).max(sum_lo);
            for h in [th, sum_hi].into_iter().flatten() {
                hi = Some(hi.map_or(h, |x: i64| x.min(h)));
            }
        }
        (lo, hi)
    }

    /// Whether a reader of `lines` (each the protection of the counts in `values`, all
    /// with one total) can work out a suppressed count from 1 to threshold − 1, or the
    /// total when it is one.
    fn recoverable(values: &[Vec<i64>], lines: &[Table], threshold: i64) -> Option<String> {
        let total = total_bounds(lines, threshold);
        let sum: i64 = values[0].iter().sum();
        assert!(
            total.0 <= sum && total.1.is_none_or(|h| h >= sum),
            "bounds hold"
        );
        let small = |v: i64| (1..threshold).contains(&v);
        if small(sum) && total.1 == Some(total.0) {
            return Some(format!("the total {sum}"));
        }
        for (vs, line) in values.iter().zip(lines) {
            let Table::Shown { cells, .. } = line else {
                continue;
            };
            for (i, (&v, c)) in vs.iter().zip(cells).enumerate() {
                match c {
                    Cell::Shown(n) => {
                        assert_eq!(*n, v);
                        if small(v) {
                            return Some(format!("{v} shown"));
                        }
                    }
                    Cell::Fewer => assert!(v < threshold),
                    Cell::Hidden => assert!(v >= threshold),
                }
                if c.shown().is_none() && small(v) {
                    let (lo, hi) = range(cells, i, total, threshold);
                    assert!(lo <= v && hi.is_none_or(|h| h >= v), "bounds hold");
                    if hi == Some(lo) {
                        return Some(format!("cell {i} ({v}) of {vs:?} as {cells:?}"));
                    }
                }
            }
        }
        None
    }

    /// A deterministic generator (SplitMix64), so a failure is found again.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: u64) -> i64 {
            (self.next() % n) as i64
        }

        /// A count: mostly small ones, some zeros, some large.
        fn count(&mut self, threshold: i64) -> i64 {
            match self.below(4) {
                0 => 0,
                1 | 2 => self.below(threshold as u64 + 2),
                _ => self.below(60),
            }
        }

        /// `parts` counts adding up to `sum`.
        fn split(&mut self, sum: i64, parts: usize) -> Vec<i64> {
            let mut out = vec![0; parts];
            for _ in 0..sum {
                let i = self.below(parts as u64) as usize;
                // Lean on a few cells, as real categories do.
                let j = if self.below(3) == 0 { 0 } else { i };
                out[j] += 1;
            }
            out
        }
    }

    #[test]
    fn no_suppressed_count_can_be_worked_out_from_random_tables() {
        let mut rng = Rng(0x5EED_0016);
        let mut withheld = 0;
        for round in 0..20_000 {
            let threshold = [T, T, T, 3, 10][rng.below(5) as usize];
            let n = 1 + rng.below(8) as usize;
            let first: Vec<i64> = (0..n).map(|_| rng.count(threshold)).collect();
            // A second table of the same concerns cut another way (areas): same total.
            let m = 1 + rng.below(6) as usize;
            let second = rng.split(first.iter().sum(), m);
            let values = [first, second];
            let lines: Vec<Table> = values.iter().map(|v| protect(v, threshold)).collect();
            withheld += lines.iter().filter(|l| **l == Table::Withheld).count();
            if let Some(what) = recoverable(&values, &lines, threshold) {
                panic!("round {round}, threshold {threshold}: {what}");
            }
            // Each table alone too, with its total known.
            for (v, l) in values.iter().zip(&lines) {
                if let Table::Shown { cells, total } = l {
                    assert!(
                        matches!(total, Cell::Fewer)
                            || !exposed(v, cells, v.iter().sum(), threshold)
                    );
                }
            }
        }
        // Withholding a whole table is the rare last resort.
        assert!(withheld < 400, "{withheld} withheld");
    }

    #[test]
    fn every_small_table_is_safe() {
        // Exhaustively: every line of up to four cells of 0 to 9, threshold 5.
        let mut values = [0_i64; 4];
        for code in 0..10_000_u32 {
            let mut c = code;
            for v in values.iter_mut() {
                *v = i64::from(c % 10);
                c /= 10;
            }
            for len in 1..=4 {
                let vs = values[..len].to_vec();
                let line = protect(&vs, T);
                if let Some(what) = recoverable(std::slice::from_ref(&vs), &[line], T) {
                    panic!("{what}");
                }
            }
        }
    }
}
