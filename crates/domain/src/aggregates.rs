//! The office's figures as tallies kept while concerns change: what one concern adds to
//! them, the local day an instant falls on, and durations kept as histograms.
//!
//! A concern adds to the tallies of the day it was received, the day it was first
//! acknowledged, the day it was resolved and the day it was closed — each day in the
//! office's time zone — once per [`Cut`] (the whole office, its category, its area, its
//! officer, and all three of category, area and channel together for reports). When a
//! concern changes, what it added before is taken away and what it adds now is added, so
//! the tallies always equal what a full recount of the concerns gives
//! ([`contributions`] is the one definition both use).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, TimeZone};
use chrono_tz::Tz;

/// What a concern is, for the figures: the columns its tallies depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcernFacts {
    /// The concern's id (its tallies' shard).
    pub id: i64,
    /// Its category.
    pub category_id: i64,
    /// Its area, if any.
    pub area_id: Option<i64>,
    /// How it came in (a channel's stored word).
    pub channel: String,
    /// Who handles it.
    pub officer_id: Option<i64>,
    /// When it was received (UTC seconds).
    pub received_at: i64,
    /// When it was first acknowledged.
    pub acknowledged_at: Option<i64>,
    /// Acknowledge by.
    pub ack_due_at: i64,
    /// When it was last resolved.
    pub resolved_at: Option<i64>,
    /// Resolve by.
    pub resolve_due_at: i64,
    /// When it last stopped needing work (none while it still does).
    pub closed_at: Option<i64>,
    /// Whether it still needs work.
    pub open: bool,
}

/// One way of cutting the office's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cut {
    /// The whole office.
    All,
    /// By category.
    Category,
    /// By area (area 0: none).
    Area,
    /// By the officer handling them (officer 0: nobody yet).
    Officer,
    /// By category, area and channel together, for reports that filter on all three.
    Full,
    /// By channel alone: a report's channels without reading the full cut.
    Channel,
}

impl Cut {
    /// Every cut.
    pub const ALL: [Cut; 6] = [
        Cut::All,
        Cut::Category,
        Cut::Area,
        Cut::Officer,
        Cut::Full,
        Cut::Channel,
    ];

    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Cut::All => "all",
            Cut::Category => "category",
            Cut::Area => "area",
            Cut::Officer => "officer",
            Cut::Full => "full",
            Cut::Channel => "channel",
        }
    }

    /// Reads a stored word.
    pub fn parse(s: &str) -> Option<Cut> {
        Cut::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// How many shards each tally is split into, so that concurrent changes on PostgreSQL
/// rarely wait on the same row (today's office-wide tally would otherwise be one row that
/// every new concern locks until its transaction ends). Readers add the shards up.
pub const SHARDS: i64 = 8;

/// Where a count is kept: a cut, a local day, and the cut's values (0 or empty where the
/// cut does not split).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TallyKey {
    /// The cut.
    pub cut: Cut,
    /// The local day (days since 1970-01-01 in the office's time zone).
    pub day: i64,
    /// The category (0 unless the cut splits by category).
    pub category_id: i64,
    /// The area (0: none, or the cut does not split by area).
    pub area_id: i64,
    /// The channel (empty unless the cut is [`Cut::Full`]).
    pub channel: String,
    /// The officer (0: nobody, or the cut does not split by officer).
    pub officer_id: i64,
    /// The shard (the concern's id modulo [`SHARDS`]).
    pub shard: i64,
}

/// The counts kept for each key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Concerns received that day.
    pub received: i64,
    /// Concerns first acknowledged that day.
    pub acknowledged: i64,
    /// …of which by their target.
    pub acknowledged_on_time: i64,
    /// Concerns resolved that day.
    pub resolved: i64,
    /// …of which by their target.
    pub resolved_on_time: i64,
    /// Concerns that stopped needing work that day (resolved, closed, rejected, withdrawn).
    pub closed: i64,
    /// Concerns received that day that still need work.
    pub still_open: i64,
}

impl Counts {
    /// The counts in stored column order.
    pub fn columns(&self) -> [i64; 7] {
        [
            self.received,
            self.acknowledged,
            self.acknowledged_on_time,
            self.resolved,
            self.resolved_on_time,
            self.closed,
            self.still_open,
        ]
    }

    /// Counts from stored column order.
    pub fn from_columns(c: [i64; 7]) -> Self {
        Self {
            received: c[0],
            acknowledged: c[1],
            acknowledged_on_time: c[2],
            resolved: c[3],
            resolved_on_time: c[4],
            closed: c[5],
            still_open: c[6],
        }
    }

    /// Adds `other` times `sign` (1 or -1).
    pub fn add(&mut self, other: &Counts, sign: i64) {
        let (mut a, b) = (self.columns(), other.columns());
        for (x, y) in a.iter_mut().zip(b) {
            *x += sign * y;
        }
        *self = Counts::from_columns(a);
    }

    /// Whether every count is zero.
    pub fn is_zero(&self) -> bool {
        self.columns().iter().all(|c| *c == 0)
    }
}

/// The stored names of the count columns, in [`Counts::columns`] order.
pub const COUNT_COLUMNS: [&str; 7] = [
    "received",
    "acknowledged",
    "acknowledged_on_time",
    "resolved",
    "resolved_on_time",
    "closed",
    "still_open",
];

/// Which time a duration histogram measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Measure {
    /// From received to first acknowledged, counted on the day of acknowledgement.
    Acknowledge,
    /// From received to resolved, counted on the day of resolution.
    Resolve,
}

impl Measure {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Acknowledge => "acknowledge",
            Measure::Resolve => "resolve",
        }
    }

    /// Reads a stored word.
    pub fn parse(s: &str) -> Option<Measure> {
        [Measure::Acknowledge, Measure::Resolve]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

/// Where one duration is counted: what it measures, its local day, its bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DurationKey {
    /// What it measures.
    pub measure: Measure,
    /// The local day of the acknowledgement or resolution.
    pub day: i64,
    /// The bucket ([`bucket`]).
    pub bucket: i64,
    /// The shard (the concern's id modulo [`SHARDS`]).
    pub shard: i64,
}

/// Everything the tallies hold, keyed; what one or many concerns add.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tallies {
    /// Counts by key.
    pub counts: BTreeMap<TallyKey, Counts>,
    /// Durations by key.
    pub durations: BTreeMap<DurationKey, i64>,
}

impl Tallies {
    /// Adds what `facts` contribute, times `sign` (1 to add a concern, -1 to take it away).
    pub fn add(&mut self, facts: &ConcernFacts, tz: Tz, sign: i64) {
        contributions(facts, tz, |key, counts| {
            self.counts.entry(key).or_default().add(&counts, sign);
        });
        for (key, n) in durations(facts, tz) {
            *self.durations.entry(key).or_default() += sign * n;
        }
    }

    /// Drops every key whose counts came to zero.
    pub fn without_zeros(mut self) -> Self {
        self.counts.retain(|_, c| !c.is_zero());
        self.durations.retain(|_, n| *n != 0);
        self
    }

    /// What changes when a concern goes from `before` (none: it is new) to `after`.
    pub fn change(before: Option<&ConcernFacts>, after: &ConcernFacts, tz: Tz) -> Self {
        let mut t = Tallies::default();
        if let Some(b) = before {
            t.add(b, tz, -1);
        }
        t.add(after, tz, 1);
        t.without_zeros()
    }
}

/// The day key under which the concerns open now are counted (`still_open`), whenever
/// they came: not a day, so that the backlog by any cut reads one key's rows rather than
/// every day's.
pub const OPEN_NOW: i64 = i64::MAX;

/// The local day `at` (UTC seconds) falls on in `tz`, as days since 1970-01-01.
pub fn local_day(at: i64, tz: Tz) -> i64 {
    let date = tz
        .timestamp_opt(at, 0)
        .single()
        .map_or_else(NaiveDate::default, |t| t.date_naive());
    day_number(date)
}

/// The first instant (UTC seconds) of local day `day` in `tz`.
pub fn day_start(day: i64, tz: Tz) -> i64 {
    let midnight = day_date(day).and_time(chrono::NaiveTime::MIN);
    tz.from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc().timestamp(), |t| t.timestamp())
}

/// A date as days since 1970-01-01.
pub fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - 719_163
}

/// The date of a day number.
pub fn day_date(day: i64) -> NaiveDate {
    i32::try_from(day + 719_163)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or_default()
}

/// Calls `add` with each key `facts` adds to and what it adds there.
fn contributions(facts: &ConcernFacts, tz: Tz, mut add: impl FnMut(TallyKey, Counts)) {
    let mut events: Vec<(Option<i64>, Counts)> = Vec::with_capacity(5);
    events.push((
        Some(facts.received_at),
        Counts {
            received: 1,
            ..Counts::default()
        },
    ));
    if facts.open {
        // Counted under no day: the backlog by any cut is then one key's few rows.
        events.push((
            None,
            Counts {
                still_open: 1,
                ..Counts::default()
            },
        ));
    }
    if let Some(at) = facts.acknowledged_at {
        events.push((
            Some(at),
            Counts {
                acknowledged: 1,
                acknowledged_on_time: i64::from(at <= facts.ack_due_at),
                ..Counts::default()
            },
        ));
    }
    if let Some(at) = facts.resolved_at {
        events.push((
            Some(at),
            Counts {
                resolved: 1,
                resolved_on_time: i64::from(at <= facts.resolve_due_at),
                ..Counts::default()
            },
        ));
    }
    if let (Some(at), false) = (facts.closed_at, facts.open) {
        events.push((
            Some(at),
            Counts {
                closed: 1,
                ..Counts::default()
            },
        ));
    }
    let shard = facts.id.rem_euclid(SHARDS);
    let (category, area, officer) = (
        facts.category_id,
        facts.area_id.unwrap_or(0),
        facts.officer_id.unwrap_or(0),
    );
    for (at, counts) in events {
        let day = at.map_or(OPEN_NOW, |at| local_day(at, tz));
        for cut in Cut::ALL {
            let key = TallyKey {
                cut,
                day,
                category_id: if matches!(cut, Cut::Category | Cut::Full) {
                    category
                } else {
                    0
                },
                area_id: if matches!(cut, Cut::Area | Cut::Full) {
                    area
                } else {
                    0
                },
                channel: if matches!(cut, Cut::Full | Cut::Channel) {
                    facts.channel.clone()
                } else {
                    String::new()
                },
                officer_id: if cut == Cut::Officer { officer } else { 0 },
                // The full cut's keys are fine-grained enough to seldom meet; unsharded,
                // a year of it is a few hundred rows a day for reports to read. The
                // channels' are read by reports alone, and written by one intake writer
                // a node.
                shard: if matches!(cut, Cut::Full | Cut::Channel) {
                    0
                } else {
                    shard
                },
            };
            add(key, counts);
        }
    }
}

/// The durations `facts` add: time to acknowledge, time to resolve.
fn durations(facts: &ConcernFacts, tz: Tz) -> Vec<(DurationKey, i64)> {
    [
        (Measure::Acknowledge, facts.acknowledged_at),
        (Measure::Resolve, facts.resolved_at),
    ]
    .into_iter()
    .filter_map(|(measure, at)| {
        let at = at?;
        Some((
            DurationKey {
                measure,
                day: local_day(at, tz),
                bucket: bucket(at - facts.received_at),
                shard: facts.id.rem_euclid(SHARDS),
            },
            1,
        ))
    })
    .collect()
}

/// Each bucket is this much wider than the one before, so an estimate read from a
/// bucket is within 5% of the true duration at any scale, from minutes to years.
const GROWTH: f64 = 1.1;

/// The bucket a duration of `seconds` falls in: 0 under a minute, then buckets growing by
/// 10%, the first starting at one minute.
pub fn bucket(seconds: i64) -> i64 {
    if seconds < 60 {
        0
    } else {
        ((seconds as f64 / 60.0).ln() / GROWTH.ln()).floor() as i64 + 1
    }
}

/// A duration that stands for `bucket`: the geometric middle of its bounds, in seconds.
pub fn bucket_seconds(bucket: i64) -> i64 {
    if bucket <= 0 {
        30
    } else {
        let low = 60.0 * GROWTH.powi(bucket as i32 - 1);
        (low * GROWTH.sqrt()).round() as i64
    }
}

/// The `q`-quantile (0.5: the median) of durations counted by bucket, in seconds: the
/// bucket holding the nearest-rank element. None when nothing was counted.
pub fn quantile(buckets: &[(i64, i64)], q: f64) -> Option<i64> {
    let total: i64 = buckets.iter().map(|(_, n)| n).sum();
    if total <= 0 {
        return None;
    }
    let mut sorted: Vec<(i64, i64)> = buckets.to_vec();
    sorted.sort_unstable();
    let rank = ((q * total as f64).ceil() as i64).clamp(1, total);
    let mut seen = 0;
    for (b, n) in sorted {
        seen += n;
        if seen >= rank {
            return Some(bucket_seconds(b));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> ConcernFacts {
        ConcernFacts {
            id: 9,
            category_id: 3,
            area_id: Some(2),
            channel: "phone".into(),
            officer_id: None,
            // 2026-03-01 23:30 UTC: already 2 March in Nairobi (UTC+3).
            received_at: 1_772_407_800,
            acknowledged_at: None,
            ack_due_at: 1_772_407_800 + 86_400,
            resolved_at: None,
            resolve_due_at: 1_772_407_800 + 10 * 86_400,
            closed_at: None,
            open: true,
        }
    }

    #[test]
    fn a_day_is_the_offices() {
        let f = facts();
        assert_eq!(
            day_date(local_day(f.received_at, Tz::UTC)).to_string(),
            "2026-03-01"
        );
        let nairobi: Tz = "Africa/Nairobi".parse().unwrap();
        assert_eq!(
            day_date(local_day(f.received_at, nairobi)).to_string(),
            "2026-03-02"
        );
    }

    #[test]
    fn a_new_concern_counts_once_in_every_cut() {
        let t = Tallies::change(None, &facts(), Tz::UTC);
        // Received on its day, open under no day: twice in every cut.
        assert_eq!(t.counts.len(), 2 * Cut::ALL.len());
        for (key, c) in &t.counts {
            let expected = if key.day == OPEN_NOW { (0, 1) } else { (1, 0) };
            assert_eq!((c.received, c.still_open), expected, "{key:?}");
            let unsharded = matches!(key.cut, Cut::Full | Cut::Channel);
            assert_eq!(key.shard, if unsharded { 0 } else { 1 });
        }
        assert!(t.durations.is_empty());
    }

    #[test]
    fn resolving_late_moves_counts_and_adds_durations() {
        let before = facts();
        let mut after = before.clone();
        after.acknowledged_at = Some(before.received_at + 3_600);
        after.resolved_at = Some(before.received_at + 11 * 86_400);
        after.closed_at = after.resolved_at;
        after.open = false;
        let t = Tallies::change(Some(&before), &after, Tz::UTC);
        let all: Vec<&Counts> = t
            .counts
            .iter()
            .filter(|(k, _)| k.cut == Cut::All)
            .map(|(_, c)| c)
            .collect();
        // The open concerns lose one; the acknowledgement day gains one on time; the
        // resolution day one resolved late and closed.
        assert_eq!(all.len(), 3);
        let sum = all.iter().fold(Counts::default(), |mut s, c| {
            s.add(c, 1);
            s
        });
        assert_eq!(sum.still_open, -1);
        assert_eq!((sum.acknowledged, sum.acknowledged_on_time), (1, 1));
        assert_eq!((sum.resolved, sum.resolved_on_time, sum.closed), (1, 0, 1));
        assert_eq!(t.durations.len(), 2);
        // Undoing the change takes everything back.
        let back = Tallies::change(Some(&after), &before, Tz::UTC);
        let mut total = t.clone();
        for (k, c) in back.counts {
            total.counts.entry(k).or_default().add(&c, 1);
        }
        for (k, n) in back.durations {
            *total.durations.entry(k).or_default() += n;
        }
        assert_eq!(total.without_zeros(), Tallies::default());
    }

    /// A small deterministic generator (splitmix64), so a failing case can be replayed.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: i64) -> i64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) % n.max(1) as u64) as i64
        }
        fn maybe(&mut self, at: i64) -> Option<i64> {
            (self.below(3) > 0).then(|| at + self.below(40 * 86_400))
        }
    }

    /// Any sequence of changes to any concerns, each applied as the change it makes,
    /// leaves the tallies equal to counting the concerns as they end up.
    #[test]
    fn changes_add_up_to_a_recount() {
        let zones: [Tz; 3] = [
            Tz::UTC,
            "America/Mexico_City".parse().unwrap(),
            "Pacific/Auckland".parse().unwrap(),
        ];
        for seed in 0..300 {
            let mut rng = Rng(seed);
            let tz = zones[(seed % 3) as usize];
            let mut concerns: Vec<ConcernFacts> = Vec::new();
            let mut kept = Tallies::default();
            for _ in 0..40 {
                let pick = rng.below(concerns.len() as i64 + 1) as usize;
                let before = concerns.get(pick).cloned();
                let received_at = before.as_ref().map_or_else(
                    || 1_700_000_000 + rng.below(400 * 86_400),
                    |b| b.received_at,
                );
                let open = rng.below(2) == 0;
                let after = ConcernFacts {
                    id: before.as_ref().map_or(concerns.len() as i64 + 1, |b| b.id),
                    category_id: before.as_ref().map_or(rng.below(4) + 1, |b| b.category_id),
                    area_id: before
                        .as_ref()
                        .map_or_else(|| rng.maybe(0).map(|a| a % 3 + 1), |b| b.area_id),
                    channel: ["phone", "web", "email"][rng.below(3) as usize].into(),
                    officer_id: rng.maybe(0).map(|o| o % 4 + 1),
                    received_at,
                    acknowledged_at: rng.maybe(received_at),
                    ack_due_at: received_at + rng.below(5 * 86_400),
                    resolved_at: rng.maybe(received_at),
                    resolve_due_at: received_at + rng.below(30 * 86_400),
                    closed_at: (!open).then(|| received_at + rng.below(60 * 86_400)),
                    open,
                };
                let change = Tallies::change(before.as_ref(), &after, tz);
                for (k, c) in change.counts {
                    kept.counts.entry(k).or_default().add(&c, 1);
                }
                for (k, n) in change.durations {
                    *kept.durations.entry(k).or_default() += n;
                }
                match before {
                    Some(_) => concerns[pick] = after,
                    None => concerns.push(after),
                }
            }
            let mut recount = Tallies::default();
            for f in &concerns {
                recount.add(f, tz, 1);
            }
            assert_eq!(kept.without_zeros(), recount.without_zeros(), "seed {seed}");
        }
    }

    #[test]
    fn buckets_estimate_within_five_percent() {
        for seconds in [60, 61, 90, 3_600, 86_400, 7 * 86_400, 400 * 86_400] {
            let estimate = bucket_seconds(bucket(seconds)) as f64;
            let error = (estimate - seconds as f64).abs() / seconds as f64;
            assert!(error <= 0.05, "{seconds}: {estimate}");
        }
        assert_eq!(bucket(0), 0);
        assert_eq!(bucket(59), 0);
        assert!(bucket(61) >= 1);
    }

    #[test]
    fn quantiles_take_the_nearest_rank() {
        let b = |s| bucket(s);
        let hist = [(b(3_600), 5), (b(86_400), 4), (b(30 * 86_400), 1)];
        assert_eq!(quantile(&hist, 0.5), Some(bucket_seconds(b(3_600))));
        assert_eq!(quantile(&hist, 0.6), Some(bucket_seconds(b(86_400))));
        assert_eq!(quantile(&hist, 0.9), Some(bucket_seconds(b(86_400))));
        assert_eq!(quantile(&hist, 0.95), Some(bucket_seconds(b(30 * 86_400))));
        assert_eq!(quantile(&[], 0.5), None);
    }
}
