//! The concern generator: one concern at a time, its handling replayed through the
//! domain's workflow and deadline rules, each step with its timeline line and audit entry.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use liaison_domain::categories::{AnswerValue, Answers, QuestionKind};
use liaison_domain::concerns::{
    transition, Action, Channel, Clock as Deadlines, Confidentiality, Handling, LineKind, Priority,
    Status,
};
use liaison_domain::office::WorkingCalendar;
use liaison_domain::values::{
    concern_reference, tracking_code_from_bytes, tracking_code_with_number,
};
use liaison_domain::Role;
use liaison_store::audit::{self, chain::Head, NewEntry, Sealed};
use liaison_store::concerns::{tracking_key, Generated, NewConcern, Reporter};
use liaison_store::interactions::GeneratedLink;

use crate::data::*;
use crate::engagement::{Engagement, Logbook};
use crate::register::Known;
use crate::rng::Rng;
use crate::setup::{ascii_word, Area, Kind, Member, Setup};
use crate::trail::{Entry, Trail, What, Who};
use crate::{CLOCK_STREAM, DAYS};

/// Hands out reception times in order: more on weekdays and in office hours, a few busy
/// days after incidents, and slowly more as the project grows.
pub(crate) struct Clock {
    /// Local midnight (UTC seconds) of each day, oldest first, and the share of all concerns
    /// received by the end of that day.
    pub(crate) days: Vec<(i64, f64)>,
    pub(crate) total: u64,
    pub(crate) next_day: usize,
    /// Concerns handed out or pending up to the end of the previous day.
    pub(crate) planned: u64,
    /// The current day's times, latest first.
    pub(crate) pending: Vec<i64>,
    pub(crate) limit: i64,
    pub(crate) rng: Rng,
}

/// The local midnights (UTC seconds) of the office's history, oldest first.
pub(crate) fn midnights(calendar: &WorkingCalendar, now: i64) -> Vec<(i64, NaiveDate)> {
    let tz = calendar.time_zone;
    let today = at(now).with_timezone(&tz).date_naive();
    let first = today.checked_sub_days(Days::new(DAYS - 1)).unwrap_or(today);
    first
        .iter_days()
        .take(DAYS as usize)
        .map(|date| {
            let local = date.and_time(NaiveTime::MIN);
            let midnight = tz
                .from_local_datetime(&local)
                .earliest()
                .map_or(local.and_utc().timestamp(), |t| t.timestamp());
            (midnight, date)
        })
        .collect()
}

impl Clock {
    pub(crate) fn new(mut rng: Rng, calendar: &WorkingCalendar, now: i64, total: u64) -> Self {
        let mut days = Vec::new();
        let mut sum = 0.0;
        for (d, (midnight, date)) in midnights(calendar, now).into_iter().enumerate() {
            let trend = 0.6 + 0.8 * d as f64 / (DAYS - 1) as f64;
            let weekday = if date.weekday().number_from_monday() >= 6 {
                0.45
            } else {
                1.0
            };
            let busy = if rng.chance(0.03) { 3.0 } else { 1.0 };
            let elapsed = ((now - midnight) as f64 / 86_400.0).clamp(0.02, 1.0);
            sum += trend * weekday * busy * elapsed;
            days.push((midnight, sum));
        }
        for day in &mut days {
            day.1 /= sum;
        }
        Self {
            days,
            total,
            next_day: 0,
            planned: 0,
            pending: Vec::new(),
            limit: now - 120,
            rng,
        }
    }

    pub(crate) fn next(&mut self) -> i64 {
        self.fill();
        self.pending.pop().unwrap_or(self.limit)
    }

    /// The time `next` will hand out, if it has any left.
    pub(crate) fn peek(&mut self) -> Option<i64> {
        self.fill();
        self.pending.last().copied()
    }

    /// Plans the next day with concerns when none of the current one is left.
    fn fill(&mut self) {
        while self.pending.is_empty() && self.next_day < self.days.len() {
            let (midnight, share) = self.days[self.next_day];
            self.next_day += 1;
            let upto = if self.next_day == self.days.len() {
                self.total
            } else {
                (share * self.total as f64).round() as u64
            };
            for _ in self.planned..upto {
                let hour = self.rng.weighted(&HOURS) as i64;
                let mut t = midnight + hour * 3600 + self.rng.between(0, 3599);
                if t >= self.limit {
                    t = (midnight + self.rng.between(0, self.limit - midnight)).min(self.limit);
                }
                self.pending.push(t);
            }
            self.planned = self.planned.max(upto);
            self.pending.sort_unstable_by(|a, b| b.cmp(a));
        }
    }
}

/// One moment of a concern's handling.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Step {
    Assign,
    Act(Action),
    Note,
    Update,
    Duplicate,
}

/// What is known of a concern while its handling is replayed.
pub(crate) struct Replay<'a> {
    pub(crate) spec: &'static CategorySpec,
    pub(crate) assignee: Option<&'a Member>,
    /// The concern it repeats (id and reference).
    pub(crate) original: Option<(i64, String)>,
    pub(crate) status: Status,
}

pub(crate) fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(seconds, 0).unwrap_or_default()
}

/// A timeline line, its author named by position until it is written.
pub(crate) struct LineRow {
    pub(crate) concern: i64,
    pub(crate) at: i64,
    pub(crate) who: Who,
    pub(crate) kind: LineKind,
    pub(crate) from: Option<Status>,
    pub(crate) to: Option<Status>,
    pub(crate) body: Cow<'static, str>,
    pub(crate) public: bool,
}

/// What one batch writes.
pub(crate) struct Batch {
    pub(crate) concerns: Vec<Generated>,
    pub(crate) lines: Vec<LineRow>,
    /// Concern id and search text (`liaison_domain::concerns::search_text`).
    pub(crate) search: Vec<(i64, String)>,
    /// The reference numbers it gives, per year: first and how many.
    pub(crate) numbers: Vec<(i64, i64, i64)>,
    /// The engagement log's days generated with these concerns, and the concerns linked
    /// to people.
    pub(crate) book: Logbook,
    /// The audit entries whose time has come, oldest first — this batch's concerns' and
    /// interactions', and the later steps of earlier ones — chained and hashed after the
    /// previous batch's.
    pub(crate) entries: Sealed,
}

pub(crate) struct Generator {
    pub(crate) setup: Arc<Setup>,
    pub(crate) seed: u64,
    /// How many concerns were generated: the stream of the next one.
    pub(crate) index: u64,
    /// How many are to be generated.
    pub(crate) total: u64,
    /// The current concern's stream.
    pub(crate) rng: Rng,
    pub(crate) clock: Clock,
    pub(crate) now: i64,
    pub(crate) next_id: i64,
    /// The last reference number given, per year.
    pub(crate) counters: HashMap<i64, i64>,
    /// The latest concern of each category (id and reference), for duplicates to point to.
    pub(crate) latest: Vec<Option<(i64, String)>>,
    /// Category shares, in `setup.kinds` order.
    pub(crate) kind_weights: Vec<u32>,
    /// Positions in `setup.staff`, by role.
    pub(crate) officers: Vec<usize>,
    pub(crate) supervisors: Vec<usize>,
    pub(crate) partners: Vec<usize>,
    /// The engagement log, generated day by day between concerns.
    pub(crate) log: Engagement,
    /// The share of concerns with a named reporter that staff link to a person of the
    /// register: enough for a few percent of its people.
    pub(crate) link_share: f64,
    /// Audit entries waiting for their time.
    pub(crate) trail: Trail,
    /// The trail's head once the entries released so far are written.
    pub(crate) head: Head,
}

impl Generator {
    pub(crate) fn new(
        setup: Arc<Setup>,
        seed: u64,
        total: u64,
        now: i64,
        people: Vec<Known>,
    ) -> Self {
        let clock_rng = Rng::stream(seed, CLOCK_STREAM);
        // About 3% of people, out of the three quarters of concerns that are not anonymous.
        let link_share = (0.03 * people.len() as f64 / (0.75 * total.max(1) as f64)).min(1.0);
        Self {
            log: Engagement::new(Arc::clone(&setup), seed, now, people),
            link_share,
            clock: Clock::new(clock_rng, &setup.calendar, now, total),
            seed,
            index: 0,
            total,
            rng: Rng(seed),
            now,
            next_id: 1,
            counters: HashMap::new(),
            latest: vec![None; setup.kinds.len()],
            kind_weights: setup.kinds.iter().map(|k| k.spec.weight).collect(),
            officers: setup.with_role(Role::Officer),
            supervisors: setup.with_role(Role::Supervisor),
            partners: setup.with_role(Role::Partner),
            trail: Trail::default(),
            head: Head::genesis(),
            setup,
        }
    }

    /// Whether everything was generated.
    pub(crate) fn finished(&self) -> bool {
        self.index >= self.total && self.log.next_midnight().is_none()
    }

    /// The next concerns and days of the engagement log, in time order, until about `n`
    /// concerns and interactions are made, and every audit entry before what is left to
    /// generate (all that are left, at the end).
    pub(crate) fn batch(&mut self, n: u64) -> Batch {
        let mut batch = Batch {
            concerns: Vec::new(),
            lines: Vec::new(),
            search: Vec::new(),
            numbers: Vec::new(),
            book: Logbook::default(),
            entries: audit::seal(&self.head, &[]),
        };
        let before = self.counters.clone();
        // The setup is shared, not owned: hold it apart from `self` so staff and categories
        // can be borrowed while the generator's state changes.
        let setup = Arc::clone(&self.setup);
        let mut made = 0;
        // Whichever comes first: the next concern, or the next day of the log.
        let upto = loop {
            let concern = if self.index < self.total {
                self.clock.peek()
            } else {
                None
            };
            let day = self.log.next_midnight();
            let next = match (concern, day) {
                (None, None) => break None,
                (Some(c), Some(d)) => c.min(d),
                (c, d) => c.or(d).unwrap_or_default(),
            };
            if made >= n {
                // Everything still to come happens at or after `next`.
                break Some(next - 1);
            }
            match (concern, day) {
                (Some(c), d) if d.is_none_or(|d| c < d) => {
                    self.concern(&setup, &mut batch);
                    made += 1;
                }
                _ => made += self.log.day(&mut batch.book, &mut self.trail) as u64,
            }
        };
        let mut numbers: Vec<(i64, i64, i64)> = self
            .counters
            .iter()
            .map(|(year, last)| {
                let first = before.get(year).copied().unwrap_or(0) + 1;
                (*year, first, last - first + 1)
            })
            .filter(|(_, _, count)| *count > 0)
            .collect();
        numbers.sort_unstable();
        batch.numbers = numbers;
        let mut ready = Vec::new();
        self.trail.release(upto, &mut ready);
        // Hashed here, beside the writes, rather than by the writer: chained after the
        // previous batch's entries, as they will be written (or chained again if the
        // trail moved meanwhile).
        let entries: Vec<NewEntry<'_>> = ready
            .into_iter()
            .map(|e| NewEntry {
                actor: setup.actor(e.who),
                action: e.action,
                record_kind: e.kind,
                record_id: Some(e.record),
                changes: e.changes,
                at: e.at,
            })
            .collect();
        batch.entries = audit::seal(&self.head, &entries);
        self.head = batch.entries.head();
        batch
    }

    pub(crate) fn officer<'a>(&mut self, s: &'a Setup) -> &'a Member {
        &s.staff[self.rng.one(&self.officers)]
    }

    pub(crate) fn supervisor<'a>(&mut self, s: &'a Setup) -> &'a Member {
        &s.staff[self.rng.one(&self.supervisors)]
    }

    /// One concern, its timeline, search text and audit entries; answers when it came in.
    pub(crate) fn concern(&mut self, s: &Setup, batch: &mut Batch) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.rng = Rng::stream(self.seed, self.index);
        self.index += 1;
        let received = self.clock.next();
        let k = self.rng.weighted(&self.kind_weights);
        let kind = &s.kinds[k];
        let channel = Channel::ALL[self.rng.weighted(if kind.spec.public {
            &CHANNELS
        } else {
            &STAFF_CHANNELS
        })];
        let who = match channel {
            Channel::Portal => Who::Resident,
            Channel::Api => Who::Client,
            _ => {
                let m = if self.rng.chance(0.85) {
                    self.officer_at()
                } else {
                    self.supervisor_at()
                };
                Who::Staff(m as u32)
            }
        };
        let recorded_by = match who {
            Who::Staff(i) => Some(s.staff[i as usize].id),
            _ => None,
        };
        let mut g = self.basics(s, id, received, kind, channel, recorded_by);
        let first = batch.lines.len();
        batch.lines.push(LineRow {
            concern: id,
            at: received,
            who,
            kind: LineKind::Received,
            from: None,
            to: Some(Status::Received),
            body: Cow::Borrowed(""),
            public: true,
        });
        let n = &g.new;
        self.trail.push(Entry {
            at: received,
            who,
            record: id,
            what: What::Create {
                reference: n.reference.clone(),
                category: kind.spec.code,
                channel: n.channel,
                priority: n.priority,
                confidentiality: n.confidentiality,
                anonymous: n.anonymous,
            },
        });
        self.handle(s, &mut g, k, &mut batch.lines);
        if !g.new.anonymous && self.rng.chance(self.link_share) {
            self.link(s, &mut g, &mut batch.book);
        }
        batch
            .search
            .push((id, search_text(&g, &batch.lines[first..])));
        self.latest[k] = Some((id, g.new.reference.clone()));
        batch.concerns.push(g);
        received
    }

    /// Links a concern to a person of the register who raised it, as an officer does
    /// from the person's page a little after it came in: the reporter is that person.
    fn link(&mut self, s: &Setup, g: &mut Generated, book: &mut Logbook) {
        if self.log.people.is_empty() || self.officers.is_empty() {
            return;
        }
        let person = self.rng.below(self.log.people.len() as u64) as usize;
        let person = &self.log.people[person];
        g.new.reporter.name = Some(person.name.clone());
        let person = person.id;
        let by = match g.assignee_id.and_then(|a| self.log.staff_position(a)) {
            Some(i) if s.staff[i].role == Role::Officer => i,
            _ => self.officer_at(),
        };
        let received = g.new.received_at;
        let at = (received + self.rng.between(600, 3 * 86_400))
            .min(self.now - 60)
            .max(received);
        book.links.push(GeneratedLink {
            person,
            concern: g.id,
            at,
            by: s.staff[by].id,
        });
        self.trail.push(Entry {
            at,
            who: Who::Staff(by as u32),
            record: person,
            what: What::LinkConcern { concern: g.id },
        });
    }

    fn officer_at(&mut self) -> usize {
        self.rng.one(&self.officers)
    }

    fn supervisor_at(&mut self) -> usize {
        self.rng.one(&self.supervisors)
    }

    /// Everything known when the concern came in.
    pub(crate) fn basics(
        &mut self,
        s: &Setup,
        id: i64,
        received: i64,
        kind: &Kind,
        channel: Channel,
        recorded_by: Option<i64>,
    ) -> Generated {
        let local = at(received).with_timezone(&s.calendar.time_zone);
        let number = self.counters.entry(i64::from(local.year())).or_insert(0);
        *number += 1;
        let number = *number;
        let reference = concern_reference(local.year(), number);
        let by_staff = recorded_by.is_some();
        let mut priority = kind.spec.priority;
        if by_staff && self.rng.chance(0.2) {
            let step = if self.rng.chance(0.65) { 1 } else { -1 };
            priority = Priority::from_rank(priority.rank() + step).unwrap_or(priority);
        }
        // Portal reporters choose public or private; staff-only categories are sensitive;
        // Open311 requests are public, as the standard means them.
        let mix = match (kind.spec.public, by_staff, channel) {
            (false, _, _) => [0, 40, 60],
            (true, true, _) => [80, 15, 5],
            (true, false, Channel::Api) => [100, 0, 0],
            (true, false, _) => [70, 30, 0],
        };
        let confidentiality = Confidentiality::ALL[self.rng.weighted(&mix)];
        let language = match channel {
            // Open311 requests carry no language.
            Channel::Api => "en",
            _ => LANGUAGES[self.rng.weighted(&[80, 10, 10])],
        };
        let anonymous = self.rng.chance(0.25);
        let (name, email, phone) = if anonymous {
            (None, None, None)
        } else {
            self.reporter()
        };
        let area = self.rng.chance(0.92).then(|| self.rng.pick(&s.areas));
        let (address, point) = self.place(area);
        let answers = self.answers(kind, local.date_naive());
        // A tracking code as intake gives it: the number, then a secret nobody is told.
        let code = tracking_code_with_number(number, &tracking_code_from_bytes(self.rng.bytes()));
        let clock = Deadlines {
            acknowledge: kind.spec.ack,
            resolve: kind.spec.resolve,
            calendar: &s.calendar,
        };
        let handling = Handling::received(received, &clock);
        Generated {
            id,
            new: NewConcern {
                reference,
                tracking_hash: tracking_key(&code),
                category_id: kind.id,
                description: self.description(kind.spec, language),
                channel,
                area_id: area.map(|a| a.id),
                address,
                point,
                priority,
                confidentiality,
                anonymous,
                reporter: Reporter {
                    name,
                    email,
                    phone,
                    language: language.into(),
                },
                answers,
                received_at: received,
                ack_due_at: handling.ack_due_at,
                resolve_due_at: handling.resolve_due_at,
                recorded_by,
            },
            handling,
            assignee_id: None,
            duplicate_of: None,
            updated_at: received,
        }
    }

    /// A name, and usually an email address (at reserved example domains) or a phone number.
    pub(crate) fn reporter(&mut self) -> (Option<String>, Option<String>, Option<String>) {
        let (first, last) = (self.rng.one(FIRST_NAMES), self.rng.one(LAST_NAMES));
        let email = self.rng.chance(0.6).then(|| {
            let n = self.rng.between(1, 99);
            let domain =
                self.rng
                    .one(&["example.org", "example.net", "example.com", "mail.example"]);
            format!("{}.{}{n}@{domain}", ascii_word(first), ascii_word(last))
        });
        let phone = self.rng.chance(0.75).then(|| {
            let prefix = self
                .rng
                .one(&["60", "71", "72", "73", "76", "78", "79", "82", "83", "84"]);
            format!(
                "+27 {prefix} {:03} {:04}",
                self.rng.below(1000),
                self.rng.below(10_000)
            )
        });
        (Some(format!("{first} {last}")), email, phone)
    }

    /// An address or a landmark, and sometimes a map point, in or near the area.
    pub(crate) fn place(&mut self, area: Option<&Area>) -> (Option<String>, Option<(f64, f64)>) {
        let Some(area) = area.filter(|_| self.rng.chance(0.45)) else {
            return (None, None);
        };
        let address = if self.rng.chance(0.6) {
            format!(
                "{} {}, {}",
                self.rng.between(1, 240),
                self.rng.one(STREETS),
                area.name
            )
        } else {
            format!("Near {}, {}", self.rng.one(PLACES), area.name)
        };
        let round = |x: f64| (x * 100_000.0).round() / 100_000.0;
        let point = self.rng.chance(0.75).then(|| {
            (
                round(area.lat + self.rng.range(-0.01, 0.01)),
                round(area.lng + self.rng.range(-0.01, 0.01)),
            )
        });
        (Some(address), point)
    }

    /// What the reporter said, from the category's own sentences.
    pub(crate) fn description(&mut self, spec: &CategorySpec, language: &str) -> String {
        let mut text = String::with_capacity(240);
        let first = self.rng.below(spec.issues.len() as u64) as usize;
        self.push_sentence(&mut text, spec.issues[first]);
        if self.rng.chance(0.6) {
            let second = (first + 1 + self.rng.below(spec.issues.len() as u64 - 1) as usize)
                % spec.issues.len();
            self.push_sentence(&mut text, spec.issues[second]);
        }
        if self.rng.chance(0.8) {
            let ask = self.rng.one(spec.asks);
            self.push_sentence(&mut text, ask);
        }
        match language {
            "es" if self.rng.chance(0.6) => {
                self.push_sentence(&mut text, "Por favor, respondan en español.")
            }
            "fr" if self.rng.chance(0.6) => {
                self.push_sentence(&mut text, "Merci de me répondre en français.")
            }
            _ => {}
        }
        text
    }

    pub(crate) fn push_sentence(&mut self, text: &mut String, sentence: &str) {
        if !text.is_empty() {
            text.push(' ');
        }
        match sentence.split_once("{place}") {
            Some((before, after)) => {
                text.push_str(before);
                text.push_str(self.rng.one(PLACES));
                text.push_str(after);
            }
            None => text.push_str(sentence),
        }
    }

    /// Answers to the category's questions: every required one, most optional ones.
    pub(crate) fn answers(&mut self, kind: &Kind, received: NaiveDate) -> Answers {
        let mut answers = Vec::new();
        for (q, samples) in kind.questions.iter().zip(&kind.samples) {
            if !q.required && !self.rng.chance(0.6) {
                continue;
            }
            let value = match q.kind {
                QuestionKind::SingleChoice => {
                    AnswerValue::One(self.rng.pick(&q.choices).key.clone())
                }
                QuestionKind::MultipleChoice => {
                    let mut keys: Vec<String> = q
                        .choices
                        .iter()
                        .filter(|_| self.rng.chance(0.4))
                        .map(|c| c.key.clone())
                        .collect();
                    if keys.is_empty() {
                        keys.push(self.rng.pick(&q.choices).key.clone());
                    }
                    AnswerValue::Many(keys)
                }
                QuestionKind::Date => {
                    let back = Days::new(self.rng.below(21));
                    AnswerValue::One(
                        received
                            .checked_sub_days(back)
                            .unwrap_or(received)
                            .to_string(),
                    )
                }
                _ => AnswerValue::One(self.rng.one(samples).to_string()),
            };
            answers.push((q.code.clone(), value));
        }
        answers
    }

    /// The concern's handling from reception to its status now, as timeline lines and
    /// audit entries.
    pub(crate) fn handle(
        &mut self,
        s: &Setup,
        g: &mut Generated,
        k: usize,
        lines: &mut Vec<LineRow>,
    ) {
        let kind = &s.kinds[k];
        let age_days = (self.now - g.new.received_at) / 86_400;
        // A few per thousand repeat an earlier concern of the same category.
        let original = match &self.latest[k] {
            Some(o) if age_days > 3 && self.rng.chance(0.004) => Some(o.clone()),
            _ => None,
        };
        let status = match original {
            Some(_) if self.rng.chance(0.6) => Status::Closed,
            Some(_) => Status::Rejected,
            None => {
                let table = STATUS_BY_AGE
                    .iter()
                    .find(|(max, _)| age_days < *max)
                    .map_or(&[0; 10], |t| &t.1);
                Status::ALL[self.rng.weighted(table)]
            }
        };
        let path = self.path(status);
        let assigned = if path.is_empty() {
            self.rng.chance(0.1)
        } else {
            g.new.confidentiality == Confidentiality::Confidential || self.rng.chance(0.92)
        };
        let assignee = assigned.then(|| self.assignee(kind.spec, g.new.confidentiality));
        let plan = self.plan(path, assignee.is_some(), original.is_some());
        let times = self.schedule(g, status, &plan);
        let mut h = Replay {
            spec: kind.spec,
            assignee: assignee.map(|i| &s.staff[i]),
            original,
            status: Status::Received,
        };
        for (step, t) in plan.into_iter().zip(times) {
            if let Some((line, what)) = self.step(s, &mut h, g, step, t) {
                g.updated_at = g.updated_at.max(t);
                self.trail.push(Entry {
                    at: t,
                    who: line.who,
                    record: g.id,
                    what,
                });
                lines.push(line);
            }
        }
    }

    /// One step: applied to the concern, with its timeline line and what the trail records.
    pub(crate) fn step<'a>(
        &mut self,
        s: &'a Setup,
        h: &mut Replay<'a>,
        g: &mut Generated,
        step: Step,
        t: i64,
    ) -> Option<(LineRow, What)> {
        // Updates and duplicate marks need an officer's permissions; partners may not.
        let officer = h.assignee.filter(|m| m.role == Role::Officer);
        let concern = g.id;
        let line = |by: &Member, kind, body: Cow<'static, str>, public| LineRow {
            concern,
            at: t,
            who: Who::Staff(by.index),
            kind,
            from: None,
            to: None,
            body,
            public,
        };
        match step {
            Step::Assign => {
                let by = match officer {
                    Some(m) if self.rng.chance(0.3) => m,
                    _ => self.supervisor(s),
                };
                let to = h.assignee?;
                g.assignee_id = Some(to.id);
                let body = Cow::Owned(to.name.clone());
                let what = What::Assign { to: to.id };
                Some((line(by, LineKind::Assigned, body, false), what))
            }
            Step::Act(action) => {
                let by = self.actor_for(s, action, h.status, h.assignee);
                let clock = Deadlines {
                    acknowledge: h.spec.ack,
                    resolve: h.spec.resolve,
                    calendar: &s.calendar,
                };
                let from = g.handling.take(action, by.role, t, &clock).ok()?;
                let to = g.handling.status;
                let note = self.transition_note(action, h.spec, h.original.is_some());
                let mut l = line(by, LineKind::Transition, note.into(), true);
                (l.from, l.to) = (Some(from), Some(to));
                h.status = to;
                Some((l, What::Transition { action, from, to }))
            }
            Step::Note => {
                let by = h.assignee.unwrap_or_else(|| self.officer(s));
                let pool = if self.rng.chance(0.5) {
                    h.spec.notes
                } else {
                    NOTES
                };
                let body = self.rng.one(pool);
                let what = What::Note {
                    length: body.chars().count(),
                };
                Some((line(by, LineKind::Note, body.into(), false), what))
            }
            Step::Update => {
                let by = officer.unwrap_or_else(|| self.supervisor(s));
                let body = self.rng.one(UPDATES);
                let what = What::Update {
                    length: body.chars().count(),
                };
                Some((line(by, LineKind::Update, body.into(), true), what))
            }
            Step::Duplicate => {
                let by = officer.unwrap_or_else(|| self.officer(s));
                let (of, reference) = h.original.clone()?;
                g.duplicate_of = Some(of);
                let what = What::Duplicate {
                    of: reference.clone(),
                };
                Some((line(by, LineKind::Duplicate, reference.into(), true), what))
            }
        }
    }

    /// One of the usual ways of reaching `status`.
    pub(crate) fn path(&mut self, status: Status) -> &'static [Action] {
        let options: Vec<&(Status, u32, &[Action])> =
            PATHS.iter().filter(|p| p.0 == status).collect();
        let weights: Vec<u32> = options.iter().map(|p| p.1).collect();
        let none: &'static [Action] = &[];
        options
            .get(self.rng.weighted(&weights))
            .map_or(none, |p| p.2)
    }

    /// Officers handle most concerns; partner agencies get some water and road ones.
    /// Answers a position in the staff.
    pub(crate) fn assignee(
        &mut self,
        spec: &CategorySpec,
        confidentiality: Confidentiality,
    ) -> usize {
        let partner_share = if matches!(spec.code, "water" | "roads") {
            0.2
        } else {
            0.02
        };
        if confidentiality != Confidentiality::Confidential && self.rng.chance(partner_share) {
            self.rng.one(&self.partners)
        } else {
            self.officer_at()
        }
    }

    /// Who takes a step: the assignee when their role allows it, else a supervisor.
    pub(crate) fn actor_for<'a>(
        &mut self,
        s: &'a Setup,
        action: Action,
        from: Status,
        assignee: Option<&'a Member>,
    ) -> &'a Member {
        match assignee {
            Some(m) if transition(from, action, m.role).is_ok() => m,
            None if transition(from, action, Role::Officer).is_ok() => self.officer(s),
            _ => self.supervisor(s),
        }
    }

    /// The order of what happens: assignment, the workflow steps, notes and updates along
    /// the way, and the duplicate mark before the last step.
    pub(crate) fn plan(&mut self, path: &[Action], assigned: bool, duplicate: bool) -> Vec<Step> {
        let mut plan = Vec::with_capacity(path.len() + 4);
        if assigned {
            plan.push(Step::Assign);
        }
        for (i, action) in path.iter().enumerate() {
            if duplicate && i + 1 == path.len() {
                plan.push(Step::Duplicate);
            }
            plan.push(Step::Act(*action));
            if i == 0 && path.len() > 1 {
                if self.rng.chance(0.35) {
                    plan.push(Step::Note);
                }
                if self.rng.chance(0.2) {
                    plan.push(Step::Update);
                }
            }
        }
        if path.is_empty() && assigned && self.rng.chance(0.3) {
            plan.push(Step::Note);
        }
        plan
    }

    /// When each step happens: the first after a delay measured against the acknowledge
    /// target (a few late), the last by when concerns in this status are usually done
    /// (some past the resolve target), the rest spread between, and closing days after.
    /// Never in the future.
    pub(crate) fn schedule(&mut self, g: &Generated, status: Status, plan: &[Step]) -> Vec<i64> {
        let received = g.new.received_at;
        let ack_span = (g.handling.ack_due_at - received).max(600) as f64;
        let resolve_span = (g.handling.resolve_due_at - received).max(3600) as f64;
        let first = received + (ack_span * self.rng.mostly((0.05, 1.0), (1.0, 2.5), 0.15)) as i64;
        let span = match status {
            Status::Resolved | Status::Closed => {
                resolve_span * self.rng.mostly((0.2, 0.95), (1.0, 2.0), 0.2)
            }
            Status::Withdrawn | Status::Rejected => resolve_span * self.rng.range(0.05, 0.5),
            _ => (self.now - received) as f64 * self.rng.range(0.3, 0.95),
        };
        let end = (received + span as i64).max(first);
        let assigned = plan.first() == Some(&Step::Assign);
        let closed = plan.last() == Some(&Step::Act(Action::Close));
        let acts = plan.iter().any(|s| matches!(s, Step::Act(_)));
        let steps = plan.len() - usize::from(assigned) - usize::from(closed);
        let gap = if steps > 1 {
            (end - first) / (steps as i64 - 1)
        } else {
            0
        };
        let mut times = Vec::with_capacity(plan.len());
        if assigned {
            // Assigned just before the first step, or, not yet handled, on the day it came in.
            times.push(if acts {
                first - self.rng.between(300, 7_200)
            } else {
                received + self.rng.between(600, 86_400)
            });
        }
        for i in 0..steps {
            let jitter = if i == 0 || i + 1 == steps {
                0
            } else {
                self.rng.between(-gap / 3, gap / 3)
            };
            times.push(first + gap * i as i64 + jitter);
        }
        if closed {
            // Closing comes one to fourteen days after resolving.
            times.push(end + (self.rng.range(1.0, 14.0) * 86_400.0) as i64);
        }
        // Keep the timeline in order, after reception and before now.
        let (mut previous, limit) = (received, self.now - 30);
        for t in &mut times {
            *t = (*t).max(previous + 60).min(limit).max(previous);
            previous = *t;
        }
        times
    }

    pub(crate) fn transition_note(
        &mut self,
        action: Action,
        spec: &CategorySpec,
        duplicate: bool,
    ) -> &'static str {
        use Action::*;
        let (pool, optional): (&[&'static str], bool) = match action {
            Acknowledge => (ACK_NOTES, true),
            Start => (START_NOTES, true),
            AwaitReporter => (AWAIT_NOTES, false),
            Resume => (RESUME_NOTES, true),
            Escalate => (ESCALATE_NOTES, false),
            ReturnToHandling => (RETURN_NOTES, false),
            Resolve if duplicate => (&["Handled together with the earlier concern."], false),
            Resolve => (spec.fixes, false),
            Close => (CLOSE_NOTES, true),
            Reopen => (REOPEN_NOTES, false),
            Withdraw => (WITHDRAW_NOTES, false),
            Reject if duplicate => (
                &["Same matter as an earlier concern; handled there."],
                false,
            ),
            Reject => (REJECT_NOTES, false),
            // The generator's paths stop at a decision; the demo setup appeals a few
            // concerns through the application, with notes of its own.
            Appeal | Uphold | Overturn => (REOPEN_NOTES, false),
        };
        // Steps that need a reason always get one; the others often go without a note.
        if optional && self.rng.chance(0.4) {
            ""
        } else {
            self.rng.one(pool)
        }
    }
}

/// The text the concern is indexed with (`liaison_domain::concerns::search_text`, as
/// `concerns::reindex` makes it; the store normalizes it).
pub(crate) fn search_text(g: &Generated, lines: &[LineRow]) -> String {
    let bodies: Vec<String> = lines
        .iter()
        .filter(|l| l.kind.is_searched())
        .map(|l| l.body.to_string())
        .collect();
    let n = &g.new;
    liaison_domain::concerns::search_text(
        &n.reference,
        &n.description,
        n.reporter.name.as_deref(),
        n.address.as_deref(),
        &bodies,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use liaison_domain::categories::Question;

    #[test]
    fn every_path_follows_the_workflow_to_its_status() {
        for (status, _, path) in PATHS {
            let end = path.iter().try_fold(Status::Received, |s, a| a.target(s));
            assert_eq!(end, Some(*status), "{path:?}");
        }
        // Appeals are made through the application in the demo setup.
        for s in Status::ALL.iter().filter(|s| **s != Status::Appealed) {
            assert!(PATHS.iter().any(|p| p.0 == *s), "{s:?}");
        }
        for (_, weights) in STATUS_BY_AGE {
            assert!(weights.iter().sum::<u32>() > 0);
        }
    }

    #[test]
    fn demo_categories_and_questions_are_valid() {
        let mut kinds = std::collections::HashSet::new();
        for spec in CATEGORIES {
            assert!(
                !spec.issues.is_empty()
                    && !spec.asks.is_empty()
                    && !spec.fixes.is_empty()
                    && !spec.notes.is_empty()
            );
            assert!(spec.issues.len() > 1);
            for q in spec.questions {
                let parsed =
                    Question::parse(q.code, q.label, q.help, q.kind, q.required, q.options)
                        .unwrap();
                if parsed.kind != QuestionKind::Date {
                    assert!(q.options.lines().count() > 1, "{}", q.code);
                }
                kinds.insert(parsed.kind);
            }
        }
        assert_eq!(kinds.len(), QuestionKind::ALL.len());
        assert!(CATEGORIES.iter().any(|c| !c.public));
    }

    #[test]
    fn the_clock_hands_out_every_concern_in_order() {
        let calendar = crate::setup::calendar().unwrap();
        let now = 1_795_000_000;
        let mut clock = Clock::new(Rng(1), &calendar, now, 5_000);
        let times: Vec<i64> = (0..5_000).map(|_| clock.next()).collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]));
        assert!(times[0] >= now - DAYS as i64 * 86_400 && times[4_999] <= now - 120);
        assert!(clock.pending.is_empty());
    }
}
