//! The demo office's engagement log, and the consent its people gave: interactions day by
//! day across the office's history — about ten per person, most people seen now and then,
//! the influential ones often — each with its participants, officers, topics and summary,
//! a third with follow-ups (the old ones mostly done, the recent ones open, a few
//! overdue), and consent recorded for a good share of people. Each leaves the rows, the
//! timeline lines and the audit entries `Interactions::log`, `Interactions::set_done` and
//! `Stakeholders::record_consent` leave.
//!
//! Days are generated oldest first, interleaved with concerns by time, so the audit
//! entries go out in time order through the one [`Trail`].

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, Days, NaiveDate};
use liaison_domain::interactions::{FollowUpTerms, Interaction, InteractionKind, InteractionLine};
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::stakeholders::{
    Attitude, Consent, ConsentMethod, ContactChannel, Level, Purpose,
};
use liaison_domain::values::day_text;
use liaison_domain::{Confidentiality, Role};
use liaison_store::interactions::{Generated, GeneratedFollowUp, GeneratedLink};
use serde_json::json;

use crate::data::{CONSENT_NOTES, OPENINGS, OUTCOMES, PLACES, TOPICS};
use crate::generator::{at, midnights};
use crate::register::Known;
use crate::rng::Rng;
use crate::setup::Setup;
use crate::trail::{Entry, Trail, What, Who};

/// Interactions per person in the register, on average.
pub(crate) const PER_PERSON: u64 = 10;
/// The random stream of the log's plan (how many interactions each day, who consents
/// when); each day, and each person's consent, has its own after it.
const PLAN_STREAM: u64 = u64::MAX - 4;
/// Day `d` of the log uses stream `DAY_STREAMS + d`; person `i`'s consent
/// `CONSENT_STREAMS + i` (far above any concern's stream, which is its index).
const DAY_STREAMS: u64 = 1 << 62;
const CONSENT_STREAMS: u64 = 1 << 61;

/// A line of an interaction's timeline, its author named by position until it is written.
pub(crate) struct LogLine {
    pub(crate) interaction: i64,
    pub(crate) at: i64,
    pub(crate) who: Who,
    pub(crate) kind: InteractionLine,
    pub(crate) body: String,
}

/// A person's consent recorded, with its timeline line's author.
pub(crate) struct Consented {
    pub(crate) person: i64,
    pub(crate) consent: Consent,
    pub(crate) at: i64,
    pub(crate) who: Who,
    /// What it allows (`Consent::summary`), the line's body.
    pub(crate) summary: String,
}

/// What a batch of the log writes.
#[derive(Default)]
pub(crate) struct Logbook {
    pub(crate) interactions: Vec<Generated>,
    pub(crate) lines: Vec<LogLine>,
    pub(crate) consents: Vec<Consented>,
    /// Concerns linked to the people who raised them (made with the concerns).
    pub(crate) links: Vec<GeneratedLink>,
}

impl Logbook {
    /// Follow-ups among its interactions.
    pub(crate) fn follow_ups(&self) -> usize {
        self.interactions.iter().map(|g| g.follow_ups.len()).sum()
    }
}

/// The engagement log's generator.
pub(crate) struct Engagement {
    setup: Arc<Setup>,
    seed: u64,
    /// The last moment anything may be logged: a minute before now.
    limit: i64,
    today: NaiveDate,
    /// Each day of history: local midnight, date, interactions on it.
    days: Vec<(i64, NaiveDate, u32)>,
    next_day: usize,
    /// The register's people.
    pub(crate) people: Vec<Known>,
    /// Running sums of how often each person takes part, to draw participants by.
    reach: Vec<f64>,
    /// Positions in `setup.staff` of officers and supervisors, and of each user id.
    officers: Vec<usize>,
    supervisors: Vec<usize>,
    position: HashMap<i64, usize>,
    /// When each consenting person's consent is recorded (time, person's position),
    /// in time order.
    consents: Vec<(i64, usize)>,
    next_consent: usize,
    pub(crate) next_interaction: i64,
    pub(crate) next_follow_up: i64,
}

impl Engagement {
    pub(crate) fn new(setup: Arc<Setup>, seed: u64, now: i64, people: Vec<Known>) -> Self {
        let mut rng = Rng::stream(seed, PLAN_STREAM);
        let limit = now - 60;
        let history = midnights(&setup.calendar, now);
        let today = history.last().map_or_else(
            || {
                at(now)
                    .with_timezone(&setup.calendar.time_zone)
                    .date_naive()
            },
            |d| d.1,
        );
        // More on weekdays, slowly more as the project grows, some busy days (a public
        // meeting, an incident), today only as far as it has gone.
        let mut shares = Vec::with_capacity(history.len());
        let mut sum = 0.0;
        for (d, (midnight, date)) in history.iter().enumerate() {
            let trend = 0.6 + 0.8 * d as f64 / history.len().max(2) as f64;
            let weekday = if date.weekday().number_from_monday() >= 6 {
                0.25
            } else {
                1.0
            };
            let busy = if rng.chance(0.04) { 2.5 } else { 1.0 };
            let elapsed = ((limit - midnight) as f64 / 86_400.0).clamp(0.0, 1.0);
            sum += trend * weekday * busy * elapsed;
            shares.push(sum);
        }
        let total = people.len() as u64 * PER_PERSON;
        let mut days = Vec::with_capacity(history.len());
        let mut planned = 0;
        for ((midnight, date), share) in history.iter().zip(&shares) {
            let upto = if sum > 0.0 {
                (share / sum * total as f64).round() as u64
            } else {
                0
            };
            days.push((*midnight, *date, (upto - planned) as u32));
            planned = upto;
        }
        // Most people are seen now and then, the influential often, a few very often.
        let mut reach = Vec::with_capacity(people.len());
        let mut running = 0.0;
        for p in &people {
            let base = match p.influence {
                Some(Level::High) => 6.0,
                Some(Level::Medium) => 2.0,
                Some(Level::Low) => 0.6,
                None => 0.8,
            };
            running += base * rng.mostly((0.2, 1.5), (2.0, 6.0), 0.08);
            reach.push(running);
        }
        let mut consents: Vec<(i64, usize)> = Vec::new();
        let open_days: Vec<&(i64, NaiveDate, u32)> =
            days.iter().filter(|(m, _, _)| *m < limit).collect();
        if !open_days.is_empty() {
            for i in 0..people.len() {
                if rng.chance(0.55) {
                    let (midnight, _, _) = *open_days[rng.below(open_days.len() as u64) as usize];
                    let t = (midnight + rng.between(9 * 3600, 16 * 3600)).min(limit);
                    consents.push((t, i));
                }
            }
        }
        consents.sort_unstable();
        let position = setup
            .staff
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id, i))
            .collect();
        Self {
            officers: setup.with_role(Role::Officer),
            supervisors: setup.with_role(Role::Supervisor),
            position,
            setup,
            seed,
            limit,
            today,
            days: if people.is_empty() { Vec::new() } else { days },
            next_day: 0,
            people,
            reach,
            consents,
            next_consent: 0,
            next_interaction: 1,
            next_follow_up: 1,
        }
    }

    /// The local midnight of the next day to generate, if any is left: nothing the log
    /// still has to make happens before it.
    pub(crate) fn next_midnight(&self) -> Option<i64> {
        self.days.get(self.next_day).map(|d| d.0)
    }

    /// The position in the staff of an officer or supervisor with this user id.
    pub(crate) fn staff_position(&self, user: i64) -> Option<usize> {
        self.position.get(&user).copied()
    }

    /// An officer mostly, a supervisor sometimes.
    fn someone(&self, rng: &mut Rng) -> usize {
        if self.supervisors.is_empty() || (!self.officers.is_empty() && rng.chance(0.85)) {
            rng.one(&self.officers)
        } else {
            rng.one(&self.supervisors)
        }
    }

    /// The officer who keeps in touch with this person, or someone.
    fn keeper(&self, rng: &mut Rng, person: &Known) -> usize {
        match person.owner.and_then(|o| self.staff_position(o)) {
            Some(i) if rng.chance(0.7) => i,
            _ => self.someone(rng),
        }
    }

    /// Generates the next day: its interactions, their follow-ups, and the consent
    /// recorded that day. Answers how many interactions it made.
    pub(crate) fn day(&mut self, book: &mut Logbook, trail: &mut Trail) -> usize {
        let d = self.next_day;
        let Some(&(midnight, date, count)) = self.days.get(d) else {
            return 0;
        };
        self.next_day += 1;
        let mut rng = Rng::stream(self.seed, DAY_STREAMS + d as u64);
        if midnight < self.limit && !self.officers.is_empty() {
            for _ in 0..count {
                self.interaction(&mut rng, midnight, date, book, trail);
            }
        }
        let end = self.next_midnight().unwrap_or(i64::MAX);
        while let Some(&(t, i)) = self.consents.get(self.next_consent) {
            if t >= end {
                break;
            }
            self.next_consent += 1;
            self.consent(t, i, book, trail);
        }
        count as usize
    }

    /// One interaction on `date`, logged that day or the next.
    fn interaction(
        &mut self,
        rng: &mut Rng,
        midnight: i64,
        date: NaiveDate,
        book: &mut Logbook,
        trail: &mut Trail,
    ) {
        let k = rng.weighted(&[30, 25, 20, 7, 2, 6, 2, 8]);
        let kind = InteractionKind::ALL[k];
        let size = 1 + rng.weighted(if kind == InteractionKind::Meeting {
            &[35, 30, 20, 15]
        } else {
            &[85, 11, 3, 1]
        });
        let mut people: Vec<usize> = Vec::with_capacity(size);
        for _ in 0..size * 3 {
            if people.len() == size {
                break;
            }
            let p = self.participant(rng);
            if !people.contains(&p) {
                people.push(p);
            }
        }
        let first = &self.people[people[0]];
        let mut participants: Vec<RecordRef> = people
            .iter()
            .map(|p| RecordRef {
                kind: RecordKind::Person,
                id: self.people[*p].id,
            })
            .collect();
        if let Some(org) = first.organization.filter(|_| rng.chance(0.3)) {
            participants.push(RecordRef {
                kind: RecordKind::Organization,
                id: org,
            });
        }
        let lead = self.keeper(rng, first);
        let mut officers = vec![lead];
        if rng.chance(0.25) {
            let other = self.someone(rng);
            if other != lead {
                officers.push(other);
            }
        }
        let weights: Vec<u32> = TOPICS.iter().map(|t| t.weight).collect();
        let topic = &TOPICS[rng.weighted(&weights)];
        let mut topics = vec![topic.tag.to_string()];
        for p in [0.3, 0.08] {
            let other = TOPICS[rng.weighted(&weights)].tag;
            if rng.chance(p) && !topics.iter().any(|t| t == other) {
                topics.push(other.to_string());
            }
        }
        let opening = rng.one(OPENINGS[k]);
        let mut summary = opening
            .replace("{subject}", topic.subject)
            .replace("{place}", rng.one(PLACES));
        summary.push(' ');
        summary.push_str(rng.one(topic.said));
        if rng.chance(0.7) {
            summary.push(' ');
            summary.push_str(rng.one(OUTCOMES));
        }
        let attitude = rng
            .chance(0.4)
            .then(|| Attitude::ALL[rng.weighted(&[15, 20, 30, 20, 15])]);
        let confidentiality = Confidentiality::ALL[rng.weighted(&[8, 87, 5])];
        // Logged that afternoon, or the next morning; never after now.
        let logged = if rng.chance(0.3) {
            midnight + 86_400 + rng.between(8 * 3600, 11 * 3600)
        } else {
            midnight + rng.between(10 * 3600, 18 * 3600)
        };
        let logged = logged.min(self.limit).max(midnight);
        let logged_on = self.local_day(logged);
        let id = self.next_interaction;
        self.next_interaction += 1;
        let mut follow_ups = Vec::new();
        if rng.chance(0.3) {
            let n = if rng.chance(0.15) { 2 } else { 1 };
            for _ in 0..n {
                let owner = if rng.chance(0.8) {
                    lead
                } else {
                    rng.one(&officers)
                };
                let f = self.follow_up(rng, topic.tasks, owner, logged, logged_on, id, book, trail);
                follow_ups.push(f);
            }
        }
        let interaction = Interaction {
            kind,
            happened_on: date,
            summary,
            topics,
            attitude,
            confidentiality,
            participants,
            officers: officers.iter().map(|i| self.setup.staff[*i].id).collect(),
        };
        let who = Who::Staff(lead as u32);
        book.lines.push(LogLine {
            interaction: id,
            at: logged,
            who,
            kind: InteractionLine::Created,
            body: String::new(),
        });
        // What `Interactions::log` records: no summary or name, which an erasure could
        // not take back out of the trail.
        let changes = json!({
            "kind": kind.as_str(),
            "happened_on": day_text(date),
            "participants": interaction.participants.iter()
                .map(|p| [p.kind.as_str().to_string(), p.id.to_string()])
                .collect::<Vec<_>>(),
            "officers": interaction.officers,
            "follow_ups": follow_ups.len(),
            "confidentiality": confidentiality.as_str(),
        });
        trail.push(Entry {
            at: logged,
            who,
            record: id,
            what: What::Interaction(Box::new(changes)),
        });
        book.interactions.push(Generated {
            id,
            owner: self.setup.staff[lead].id,
            created_at: logged,
            interaction,
            follow_ups,
        });
    }

    /// A person to take part, drawn by how often each does.
    fn participant(&self, rng: &mut Rng) -> usize {
        let total = self.reach.last().copied().unwrap_or(0.0);
        let x = rng.range(0.0, total);
        self.reach
            .partition_point(|r| *r <= x)
            .min(self.reach.len() - 1)
    }

    /// A follow-up promised in interaction `id` logged at `logged` (on `logged_on`): due a
    /// few days later; done, mostly, if that day is past, rarely if it is to come, and
    /// then with its line and entry at the time it was done.
    #[allow(clippy::too_many_arguments)]
    fn follow_up(
        &mut self,
        rng: &mut Rng,
        tasks: &[&str],
        owner: usize,
        logged: i64,
        logged_on: NaiveDate,
        id: i64,
        book: &mut Logbook,
        trail: &mut Trail,
    ) -> GeneratedFollowUp {
        let mut due = logged_on + Days::new(rng.between(2, 14) as u64);
        // Some of those still to come are due today, so a task list shows all three
        // standings.
        if due >= self.today && logged_on <= self.today && rng.chance(0.25) {
            due = self.today;
        }
        // Officers catch up: a follow-up missed last month may still be open, hardly one
        // from last year.
        let open = match (self.today - due).num_days() {
            ..=-1 => 0.85,
            0 => 0.9,
            1..=30 => 0.3,
            31..=120 => 0.03,
            _ => 0.005,
        };
        let done = !rng.chance(open);
        let mut done_at = None;
        if done {
            // On a working hour of a day between the promise and the due day, or a few
            // days late.
            let late = if rng.chance(0.2) {
                rng.between(1, 5)
            } else {
                0
            };
            let span = (due - logged_on).num_days() + late;
            let day_at = self.midnight_of(logged) + rng.between(0, span.max(0)) * 86_400;
            let t = (day_at + rng.between(9 * 3600, 17 * 3600))
                .max(logged + 600)
                .min(self.limit);
            if t > logged {
                done_at = Some(t);
            }
        }
        let fid = self.next_follow_up;
        self.next_follow_up += 1;
        let by = &self.setup.staff[owner];
        if let Some(t) = done_at {
            let who = Who::Staff(owner as u32);
            book.lines.push(LogLine {
                interaction: id,
                at: t,
                who,
                kind: InteractionLine::FollowUpDone,
                body: fid.to_string(),
            });
            trail.push(Entry {
                at: t,
                who,
                record: fid,
                what: What::FollowUpDone { interaction: id },
            });
        }
        GeneratedFollowUp {
            id: fid,
            terms: FollowUpTerms {
                what: rng.one(tasks).to_string(),
                owner: by.id,
                due_on: due,
            },
            done: done_at.map(|t| (by.id, t)),
        }
    }

    /// Person `i`'s consent, recorded at `t`: the channels and purposes they agreed to,
    /// or, for a few, that they want no contact at all.
    fn consent(&self, t: i64, i: usize, book: &mut Logbook, trail: &mut Trail) {
        let mut rng = Rng::stream(self.seed, CONSENT_STREAMS + i as u64);
        let person = &self.people[i];
        let do_not_contact = rng.chance(0.04);
        let mut channels: Vec<ContactChannel> = ContactChannel::ALL
            .iter()
            .copied()
            .filter(|_| rng.chance(0.45))
            .collect();
        if channels.is_empty() {
            channels.push(ContactChannel::ALL[rng.weighted(&[4, 3, 2, 1, 1])]);
        }
        let mut purposes: Vec<Purpose> = Purpose::ALL
            .iter()
            .copied()
            .zip([0.85, 0.6, 0.3, 0.3])
            .filter(|(_, p)| rng.chance(*p))
            .map(|(x, _)| x)
            .collect();
        if purposes.is_empty() {
            purposes.push(Purpose::Updates);
        }
        if do_not_contact {
            channels.clear();
            purposes.clear();
        }
        let recorded_on = self.local_day(t);
        let given_on = recorded_on - Days::new(rng.below(4));
        let consent = Consent {
            channels,
            purposes,
            given_on: Some(given_on),
            method: Some(ConsentMethod::ALL[rng.weighted(&[50, 30, 5, 15])]),
            note: if rng.chance(0.2) {
                rng.one(CONSENT_NOTES).to_string()
            } else {
                String::new()
            },
            do_not_contact,
        };
        let who = Who::Staff(self.keeper(&mut rng, person) as u32);
        let summary = consent.summary();
        trail.push(Entry {
            at: t,
            who,
            record: person.id,
            what: What::Consent {
                summary: summary.clone(),
            },
        });
        book.consents.push(Consented {
            person: person.id,
            consent,
            at: t,
            who,
            summary,
        });
    }

    fn local_day(&self, t: i64) -> NaiveDate {
        at(t)
            .with_timezone(&self.setup.calendar.time_zone)
            .date_naive()
    }

    /// The local midnight of the day `t` is in.
    fn midnight_of(&self, t: i64) -> i64 {
        let day = self.local_day(t);
        let i = self.days.partition_point(|d| d.1 < day);
        self.days.get(i).map_or(t - t.rem_euclid(86_400), |d| d.0)
    }
}
