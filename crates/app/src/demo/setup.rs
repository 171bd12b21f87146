//! The demo office's areas, categories and staff, and the random generator.

use super::*;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_store::texts::{self, Write};

/// splitmix64: tiny, fast and plenty for made-up data (never for anything secret).
#[derive(Debug, Clone)]
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

    /// An independent sequence for item `n` of a seed. Each concern has its own, so what it
    /// says and who raised it do not depend on the day the demo is loaded (its dates and
    /// handling do, through its age).
    pub(super) fn stream(seed: u64, n: u64) -> Self {
        Rng(Self::mix(seed ^ Self::mix(n.wrapping_add(Self::GOLDEN))))
    }

    pub(super) fn mix(mut z: u64) -> u64 {
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(Self::GOLDEN);
        Self::mix(self.0)
    }

    /// A number in `0..n` (0 when `n` is 0), without the bias of `%`.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub(super) fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below(hi.saturating_sub(lo).saturating_add(1).max(0) as u64) as i64
    }

    /// A number in `[lo, hi)`.
    pub(super) fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * ((self.next() >> 11) as f64 / (1u64 << 53) as f64)
    }

    /// Usually a number in `usual`, with probability `p_rare` one in `rare`.
    pub(super) fn mostly(&mut self, usual: (f64, f64), rare: (f64, f64), p_rare: f64) -> f64 {
        let (lo, hi) = if self.chance(p_rare) { rare } else { usual };
        self.range(lo, hi)
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.range(0.0, 1.0) < p
    }

    /// One item; the slices given are never empty.
    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// One of a list of copyable things (sentences, names, indexes).
    pub(super) fn one<T: Copy>(&mut self, items: &[T]) -> T {
        *self.pick(items)
    }

    /// An index drawn in proportion to `weights`.
    pub(super) fn weighted(&mut self, weights: &[u32]) -> usize {
        let mut r = self.below(weights.iter().map(|w| u64::from(*w)).sum());
        for (i, w) in weights.iter().enumerate() {
            if r < u64::from(*w) {
                return i;
            }
            r -= u64::from(*w);
        }
        0
    }

    pub(super) fn bytes10(&mut self) -> [u8; 10] {
        let (a, b) = (self.next().to_le_bytes(), self.next().to_le_bytes());
        [a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], b[0], b[1]]
    }
}

// ---------------------------------------------------------------------------------------
// The office

pub(super) struct Kind {
    pub(super) id: i64,
    pub(super) spec: &'static CategorySpec,
    pub(super) questions: Vec<Question>,
    /// Sample answers to each question answered freely.
    pub(super) samples: Vec<Vec<&'static str>>,
}

pub(super) struct Area {
    pub(super) id: i64,
    pub(super) name: &'static str,
    pub(super) lat: f64,
    pub(super) lng: f64,
}

pub(super) struct Member {
    pub(super) id: i64,
    pub(super) email: String,
    pub(super) name: String,
    pub(super) role: Role,
    pub(super) actor: Actor,
}

pub(super) struct Setup {
    pub(super) calendar: WorkingCalendar,
    pub(super) kinds: Vec<Kind>,
    pub(super) areas: Vec<Area>,
    pub(super) staff: Vec<Member>,
}

impl Setup {
    /// Positions in `staff` of the members with `role`.
    pub(super) fn with_role(&self, role: Role) -> Vec<usize> {
        (0..self.staff.len())
            .filter(|i| self.staff[*i].role == role)
            .collect()
    }
}

pub(super) async fn add_areas(c: &mut Conn, now: i64) -> AppResult<Vec<Area>> {
    // Areas may exist without categories; reuse them rather than trip on their names.
    let existing = areas::list(c, true).await?;
    let mut out = Vec::new();
    for &(name, lat, lng) in AREAS {
        let id = match existing.iter().find(|a| a.name == name) {
            Some(a) => a.id,
            None => areas::insert(c, name, now).await?,
        };
        if let Some((_, es, fr)) = AREA_TEXTS.iter().find(|t| t.0 == name) {
            let versions = [
                Write {
                    field: "name",
                    language: "es",
                    text: es,
                },
                Write {
                    field: "name",
                    language: "fr",
                    text: fr,
                },
            ];
            texts::write(
                c,
                RecordRef {
                    kind: RecordKind::Area,
                    id,
                },
                &versions,
            )
            .await?;
        }
        out.push(Area { id, name, lat, lng });
    }
    Ok(out)
}

pub(super) async fn add_categories(c: &mut Conn, now: i64) -> AppResult<Vec<Kind>> {
    let mut out = Vec::new();
    for spec in CATEGORIES {
        let fields = CategoryFields {
            code: spec.code.into(),
            name: spec.name.into(),
            description: spec.description.into(),
            acknowledge: spec.ack,
            resolve: spec.resolve,
            default_priority: spec.priority,
            public: spec.public,
            active: true,
        };
        let id = categories::insert(c, &fields, now).await?;
        let mut questions = Vec::new();
        for q in spec.questions {
            questions.push(Question::parse(
                q.code, q.label, q.help, q.kind, q.required, q.options,
            )?);
        }
        let samples = spec
            .questions
            .iter()
            .map(|q| q.options.lines().collect())
            .collect();
        if !questions.is_empty() {
            categories::set_questions(c, id, &questions, now).await?;
        }
        let versions: Vec<Write<'_>> = CATEGORY_TEXTS
            .iter()
            .filter(|(code, _, _)| *code == spec.code)
            .flat_map(|(_, language, fields)| {
                fields.iter().map(|(field, text)| Write {
                    field,
                    language,
                    text,
                })
            })
            .collect();
        let record = RecordRef {
            kind: RecordKind::Category,
            id,
        };
        texts::write(c, record, &versions).await?;
        out.push(Kind {
            id,
            spec,
            questions,
            samples,
        });
    }
    Ok(out)
}

/// One administrator, two supervisors, officers in proportion to the workload, two partner
/// agencies and a viewer.
pub(super) async fn add_staff(
    c: &mut Conn,
    rng: &mut Rng,
    concerns: u64,
    hash: &str,
    now: i64,
) -> AppResult<Vec<Member>> {
    let officers = (concerns / 20_000).clamp(6, 200) as usize;
    let mut people: Vec<(String, String, Role)> = FIXED_STAFF
        .iter()
        .map(|&(name, email, role)| (name.to_string(), email.to_string(), role))
        .collect();
    while people.len() < FIXED_STAFF.len() + officers {
        let (first, last) = (rng.one(FIRST_NAMES), rng.one(LAST_NAMES));
        let email = format!(
            "{}.{}@riverside.example",
            ascii_word(first),
            ascii_word(last)
        );
        if people.iter().all(|p| p.1 != email) {
            people.push((format!("{first} {last}"), email, Role::Officer));
        }
    }
    let mut out = Vec::new();
    for (name, email, role) in people {
        let id = match users::insert(c, &email, &name, role, hash, now).await {
            Err(StoreError::Conflict) => {
                return Err(AppError::field("concerns", "error-not-empty"))
            }
            other => other?,
        };
        let actor = Actor::Staff {
            id,
            label: email.clone(),
        };
        out.push(Member {
            id,
            email,
            name,
            role,
            actor,
        });
    }
    Ok(out)
}

/// `van der Merwe` as it appears in an address: `vandermerwe`.
pub(super) fn ascii_word(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use liaison_domain::texts::{version_languages, Texts};
    use liaison_store::categories::Category;

    use super::*;

    /// Every version of the demo names a text its category has, in a portal language, and
    /// every public category's texts have a version in every portal language.
    #[test]
    fn the_demo_translates_what_its_categories_say() {
        for spec in CATEGORIES {
            let questions: Vec<Question> = spec
                .questions
                .iter()
                .map(|q| Question::parse(q.code, q.label, q.help, q.kind, q.required, q.options))
                .collect::<Result<_, _>>()
                .expect("demo questions");
            let mut k = Category {
                id: 1,
                fields: CategoryFields {
                    code: spec.code.into(),
                    name: spec.name.into(),
                    description: spec.description.into(),
                    acknowledge: spec.ack,
                    resolve: spec.resolve,
                    default_priority: spec.priority,
                    public: spec.public,
                    active: true,
                },
                questions,
            };
            let fields = k.text_fields();
            for language in version_languages() {
                let versions: Vec<&str> = CATEGORY_TEXTS
                    .iter()
                    .filter(|(code, l, _)| *code == spec.code && *l == language)
                    .flat_map(|(_, _, f)| f.iter().map(|(field, _)| *field))
                    .collect();
                for v in &versions {
                    assert!(fields.iter().any(|f| f == v), "{}: no text {v}", spec.code);
                }
                for f in &fields {
                    assert!(
                        versions.contains(&f.as_str()),
                        "{} has no {language} version of {f}",
                        spec.code
                    );
                }
            }
        }
        for (code, language, _) in CATEGORY_TEXTS {
            assert!(CATEGORIES.iter().any(|s| s.code == *code), "{code}");
            assert!(version_languages().any(|l| l == *language), "{language}");
        }
        for (name, _, _) in AREA_TEXTS {
            assert!(AREAS.iter().any(|a| a.0 == *name), "{name}");
        }
        assert_eq!(AREA_TEXTS.len(), AREAS.len());
    }
}
