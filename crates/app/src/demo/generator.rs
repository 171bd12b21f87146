//! The concern generator: one concern at a time, its handling replayed through the
//! domain's workflow and deadline rules.

use super::*;

/// Hands out reception times in order: more on weekdays and in office hours, a few busy
/// days after incidents, and slowly more as the project grows.
pub(super) struct Clock {
    /// Local midnight (UTC seconds) of each day, oldest first, and the share of all concerns
    /// received by the end of that day.
    pub(super) days: Vec<(i64, f64)>,
    pub(super) total: u64,
    pub(super) next_day: usize,
    /// Concerns handed out or pending up to the end of the previous day.
    pub(super) planned: u64,
    /// The current day's times, latest first.
    pub(super) pending: Vec<i64>,
    pub(super) limit: i64,
    pub(super) rng: Rng,
}

impl Clock {
    pub(super) fn new(mut rng: Rng, calendar: &WorkingCalendar, now: i64, total: u64) -> Self {
        let tz = calendar.time_zone;
        let today = at(now).with_timezone(&tz).date_naive();
        let first = today.checked_sub_days(Days::new(DAYS - 1)).unwrap_or(today);
        let mut days = Vec::new();
        let mut sum = 0.0;
        for (d, date) in first.iter_days().take(DAYS as usize).enumerate() {
            let local = date.and_time(NaiveTime::MIN);
            let midnight = tz
                .from_local_datetime(&local)
                .earliest()
                .map_or(local.and_utc().timestamp(), |t| t.timestamp());
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

    pub(super) fn next(&mut self) -> i64 {
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
        self.pending.pop().unwrap_or(self.limit)
    }
}

/// One moment of a concern's handling.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Step {
    Assign,
    Act(Action),
    Note,
    Update,
    Duplicate,
}

/// What is known of a concern while its handling is replayed.
pub(super) struct Replay<'a> {
    pub(super) spec: &'static CategorySpec,
    pub(super) assignee: Option<&'a Member>,
    /// The concern it repeats (id and reference).
    pub(super) original: Option<(i64, String)>,
    pub(super) status: Status,
}

pub(super) fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(seconds, 0).unwrap_or_default()
}

pub(super) struct Generator {
    pub(super) setup: Arc<Setup>,
    pub(super) seed: u64,
    /// How many concerns were generated: the stream of the next one.
    pub(super) index: u64,
    /// The current concern's stream.
    pub(super) rng: Rng,
    pub(super) clock: Clock,
    pub(super) now: i64,
    pub(super) next_id: i64,
    /// The last reference number given, per year.
    pub(super) counters: HashMap<i64, i64>,
    /// The latest concern of each category (id and reference), for duplicates to point to.
    pub(super) latest: Vec<Option<(i64, String)>>,
    /// Category shares, in `setup.kinds` order.
    pub(super) kind_weights: Vec<u32>,
    /// Positions in `setup.staff`, by role.
    pub(super) officers: Vec<usize>,
    pub(super) supervisors: Vec<usize>,
    pub(super) partners: Vec<usize>,
}

impl Generator {
    pub(super) fn new(setup: Arc<Setup>, seed: u64, total: u64, now: i64) -> Self {
        let clock_rng = Rng::stream(seed, CLOCK_STREAM);
        Self {
            clock: Clock::new(clock_rng, &setup.calendar, now, total),
            seed,
            index: 0,
            rng: Rng(seed),
            now,
            next_id: 1,
            counters: HashMap::new(),
            latest: vec![None; setup.kinds.len()],
            kind_weights: setup.kinds.iter().map(|k| k.spec.weight).collect(),
            officers: setup.with_role(Role::Officer),
            supervisors: setup.with_role(Role::Supervisor),
            partners: setup.with_role(Role::Partner),
            setup,
        }
    }

    pub(super) fn batch(&mut self, n: u64) -> AppResult<Batch> {
        let mut batch = Batch::default();
        // The setup is shared, not owned: hold it apart from `self` so staff and categories
        // can be borrowed while the generator's state changes.
        let setup = Arc::clone(&self.setup);
        for _ in 0..n {
            self.concern(&setup, &mut batch)?;
        }
        batch.counters = self.counters.iter().map(|(y, n)| (*y, *n)).collect();
        Ok(batch)
    }

    pub(super) fn officer<'a>(&mut self, s: &'a Setup) -> &'a Member {
        &s.staff[self.rng.one(&self.officers)]
    }

    pub(super) fn supervisor<'a>(&mut self, s: &'a Setup) -> &'a Member {
        &s.staff[self.rng.one(&self.supervisors)]
    }

    /// One concern, its timeline and its search text.
    pub(super) fn concern(&mut self, s: &Setup, batch: &mut Batch) -> AppResult<()> {
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
        let by_staff = !matches!(channel, Channel::Portal | Channel::Api);
        let recorder = by_staff.then(|| {
            if self.rng.chance(0.85) {
                self.officer(s)
            } else {
                self.supervisor(s)
            }
        });
        let mut row = self.basics(s, id, received, kind, channel)?;
        row.recorded_by = recorder.map(|m| m.id);
        let first = batch.events.len();
        let resident = Actor::Resident;
        let who = recorder.map_or(&resident, |m| &m.actor);
        let mut received_event =
            EventRow::new(id, received, who, LineKind::Received, "".into(), true);
        received_event.to_status = Some(Status::Received);
        batch.events.push(received_event);
        self.handle(s, &mut row, k, &mut batch.events);
        batch
            .search
            .push((id, search_text(&row, &batch.events[first..])));
        self.latest[k] = Some((id, row.reference.clone()));
        batch.concerns.push(row);
        Ok(())
    }

    /// Everything known when the concern came in.
    pub(super) fn basics(
        &mut self,
        s: &Setup,
        id: i64,
        received: i64,
        kind: &Kind,
        channel: Channel,
    ) -> AppResult<ConcernRow> {
        let local = at(received).with_timezone(&s.calendar.time_zone);
        let number = self.counters.entry(i64::from(local.year())).or_insert(0);
        *number += 1;
        let reference = concern_reference(local.year(), *number);
        let by_staff = !matches!(channel, Channel::Portal | Channel::Api);
        let mut priority = kind.spec.priority;
        if by_staff && self.rng.chance(0.2) {
            let step = if self.rng.chance(0.65) { 1 } else { -1 };
            priority = Priority::from_rank(priority.rank() + step).unwrap_or(priority);
        }
        // Portal reporters choose public or private; staff-only categories are sensitive.
        let mix = match (kind.spec.public, by_staff) {
            (false, _) => [0, 40, 60],
            (true, true) => [80, 15, 5],
            (true, false) => [70, 30, 0],
        };
        let confidentiality = Confidentiality::ALL[self.rng.weighted(&mix)];
        let language = LANGUAGES[self.rng.weighted(&[80, 10, 10])];
        let anonymous = self.rng.chance(0.25);
        let (reporter_name, reporter_email, reporter_phone) = if anonymous {
            (None, None, None)
        } else {
            self.reporter()
        };
        let area = self.rng.chance(0.92).then(|| self.rng.pick(&s.areas));
        let (address, point) = self.place(area);
        let answers = self.answers(kind, local.date_naive());
        let answers =
            serde_json::to_string(&answers).map_err(|_| AppError::Internal("demo answers"))?;
        Ok(ConcernRow {
            id,
            reference,
            tracking_hash: digest(&tracking_code_from_bytes(self.rng.bytes10())),
            category_id: kind.id,
            description: self.description(kind.spec, language),
            channel,
            area_id: area.map(|a| a.id),
            address,
            lat: point.map(|p| p.0),
            lng: point.map(|p| p.1),
            priority,
            confidentiality,
            status: Status::Received,
            assignee_id: None,
            anonymous,
            reporter_name,
            reporter_email,
            reporter_phone,
            language,
            answers,
            duplicate_of: None,
            received_at: received,
            updated_at: received,
            acknowledged_at: None,
            resolved_at: None,
            ack_due_at: kind.spec.ack.due(at(received), &s.calendar).timestamp(),
            resolve_due_at: kind.spec.resolve.due(at(received), &s.calendar).timestamp(),
            paused_at: None,
            recorded_by: None,
        })
    }

    /// A name, and usually an email address (at reserved example domains) or a phone number.
    pub(super) fn reporter(&mut self) -> (Option<String>, Option<String>, Option<String>) {
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
    pub(super) fn place(&mut self, area: Option<&Area>) -> (Option<String>, Option<(f64, f64)>) {
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
    pub(super) fn description(&mut self, spec: &CategorySpec, language: &str) -> String {
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

    pub(super) fn push_sentence(&mut self, text: &mut String, sentence: &str) {
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
    pub(super) fn answers(&mut self, kind: &Kind, received: NaiveDate) -> Answers {
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

    /// The concern's handling from reception to its status now, as timeline lines.
    pub(super) fn handle(
        &mut self,
        s: &Setup,
        row: &mut ConcernRow,
        k: usize,
        events: &mut Vec<EventRow>,
    ) {
        let kind = &s.kinds[k];
        let age_days = (self.now - row.received_at) / 86_400;
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
                    .map_or(&[0; 9], |t| &t.1);
                Status::ALL[self.rng.weighted(table)]
            }
        };
        let path = self.path(status);
        let assigned = if path.is_empty() {
            self.rng.chance(0.1)
        } else {
            row.confidentiality == Confidentiality::Confidential || self.rng.chance(0.92)
        };
        let assignee = assigned.then(|| self.assignee(s, kind.spec, row.confidentiality));
        row.assignee_id = assignee.map(|m| m.id);
        let plan = self.plan(path, assignee.is_some(), original.is_some());
        let times = self.schedule(row, status, &plan);
        let mut h = Replay {
            spec: kind.spec,
            assignee,
            original,
            status: Status::Received,
        };
        for (step, t) in plan.into_iter().zip(times) {
            if let Some(event) = self.event(s, &mut h, row, step, t) {
                row.updated_at = row.updated_at.max(t);
                events.push(event);
            }
        }
        row.status = h.status;
    }

    /// The timeline line of one step, applying it to the concern.
    pub(super) fn event<'a>(
        &mut self,
        s: &'a Setup,
        h: &mut Replay<'a>,
        row: &mut ConcernRow,
        step: Step,
        t: i64,
    ) -> Option<EventRow> {
        // Updates and duplicate marks need an officer's permissions; partners may not.
        let officer = h.assignee.filter(|m| m.role == Role::Officer);
        let (by, kind, body, public): (&Member, _, Cow<'static, str>, _) = match step {
            Step::Assign => {
                let by = match officer {
                    Some(m) if self.rng.chance(0.3) => m,
                    _ => self.supervisor(s),
                };
                let name = h.assignee.map_or(String::new(), |m| m.name.clone());
                (by, LineKind::Assigned, name.into(), false)
            }
            Step::Act(action) => {
                let by = self.actor_for(s, action, h.status, h.assignee);
                let clock = liaison_domain::concerns::Clock {
                    acknowledge: h.spec.ack,
                    resolve: h.spec.resolve,
                    calendar: &s.calendar,
                };
                let mut handling = row.handling();
                handling.take(action, by.role, t, &clock).ok()?;
                row.set_handling(handling);
                let to = handling.status;
                let note = self.transition_note(action, h.spec, h.original.is_some());
                let mut e = EventRow::new(
                    row.id,
                    t,
                    &by.actor,
                    LineKind::Transition,
                    note.into(),
                    true,
                );
                (e.from_status, e.to_status) = (Some(h.status), Some(to));
                h.status = to;
                return Some(e);
            }
            Step::Note => {
                let by = h.assignee.unwrap_or_else(|| self.officer(s));
                let pool = if self.rng.chance(0.5) {
                    h.spec.notes
                } else {
                    NOTES
                };
                (by, LineKind::Note, self.rng.one(pool).into(), false)
            }
            Step::Update => {
                let by = officer.unwrap_or_else(|| self.supervisor(s));
                (by, LineKind::Update, self.rng.one(UPDATES).into(), true)
            }
            Step::Duplicate => {
                let by = officer.unwrap_or_else(|| self.officer(s));
                let (of, reference) = h.original.clone()?;
                row.duplicate_of = Some(of);
                (by, LineKind::Duplicate, reference.into(), true)
            }
        };
        Some(EventRow::new(row.id, t, &by.actor, kind, body, public))
    }

    /// One of the usual ways of reaching `status`.
    pub(super) fn path(&mut self, status: Status) -> &'static [Action] {
        let options: Vec<&(Status, u32, &[Action])> =
            PATHS.iter().filter(|p| p.0 == status).collect();
        let weights: Vec<u32> = options.iter().map(|p| p.1).collect();
        let none: &'static [Action] = &[];
        options
            .get(self.rng.weighted(&weights))
            .map_or(none, |p| p.2)
    }

    /// Officers handle most concerns; partner agencies get some water and road ones.
    pub(super) fn assignee<'a>(
        &mut self,
        s: &'a Setup,
        spec: &CategorySpec,
        confidentiality: Confidentiality,
    ) -> &'a Member {
        let partner_share = if matches!(spec.code, "water" | "roads") {
            0.2
        } else {
            0.02
        };
        if confidentiality != Confidentiality::Confidential && self.rng.chance(partner_share) {
            &s.staff[self.rng.one(&self.partners)]
        } else {
            self.officer(s)
        }
    }

    /// Who takes a step: the assignee when their role allows it, else a supervisor.
    pub(super) fn actor_for<'a>(
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
    pub(super) fn plan(&mut self, path: &[Action], assigned: bool, duplicate: bool) -> Vec<Step> {
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
    pub(super) fn schedule(&mut self, row: &ConcernRow, status: Status, plan: &[Step]) -> Vec<i64> {
        let received = row.received_at;
        let ack_span = (row.ack_due_at - received).max(600) as f64;
        let resolve_span = (row.resolve_due_at - received).max(3600) as f64;
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

    pub(super) fn transition_note(
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
        };
        // Steps that need a reason always get one; the others often go without a note.
        if optional && self.rng.chance(0.4) {
            ""
        } else {
            self.rng.one(pool)
        }
    }
}

/// The text `concerns::reindex` would index (`liaison_domain::concerns::search_text`).
pub(super) fn search_text(row: &ConcernRow, events: &[EventRow]) -> String {
    let bodies: Vec<String> = events
        .iter()
        .filter(|e| e.kind.is_searched())
        .map(|e| e.body.to_string())
        .collect();
    search::normalize(&liaison_domain::concerns::search_text(
        &row.reference,
        &row.description,
        row.reporter_name.as_deref(),
        row.address.as_deref(),
        &bodies,
    ))
}
