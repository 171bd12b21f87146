//! Appeals: a reporter who disagrees with how their concern was decided (resolved or not
//! taken up) asks for it to be looked at again, within a window set per category. Someone
//! other than the person who took the decision reviews it, by the appeal's own deadline,
//! and upholds it (the concern is closed) or overturns it (the concern is worked on again).

use crate::deadlines::{Target, TargetUnit};

/// The longest appeal window a category may set (days).
pub const MAX_WINDOW_DAYS: u32 = 365;
/// The longest time to review an appeal a category may set (days).
pub const MAX_REVIEW_DAYS: u32 = 90;

/// How long a reporter may appeal after the decision, and how long the review may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Days after the decision during which it may be appealed (0: it may not be).
    pub days: u32,
    /// Calendar days from the appeal to its review's deadline.
    pub review_days: u32,
}

impl Default for Window {
    /// Thirty days to appeal, two weeks to review.
    fn default() -> Self {
        Self {
            days: 30,
            review_days: 14,
        }
    }
}

impl Window {
    /// Until when a decision taken at `decided_at` (UTC seconds) may be appealed.
    pub fn open_until(self, decided_at: i64) -> i64 {
        decided_at + i64::from(self.days) * 86_400
    }

    /// Whether a decision taken at `decided_at` may still be appealed at `now`.
    pub fn is_open(self, decided_at: i64, now: i64) -> bool {
        self.days > 0 && now <= self.open_until(decided_at)
    }

    /// The review's target, counted from when the appeal was lodged.
    pub fn review(self) -> Target {
        Target {
            amount: self.review_days.max(1),
            unit: TargetUnit::CalendarDays,
        }
    }

    /// Checks a window typed into a form: field errors name the field.
    pub fn parse(days: &str, review_days: &str) -> Result<Self, Vec<(&'static str, &'static str)>> {
        let mut errors = Vec::new();
        let days = match days.trim().parse::<u32>() {
            Ok(n) if n <= MAX_WINDOW_DAYS => n,
            _ => {
                errors.push(("appeal_days", "error-appeal-days"));
                0
            }
        };
        let review_days = match review_days.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_REVIEW_DAYS).contains(&n) => n,
            _ => {
                errors.push(("appeal_review_days", "error-appeal-review-days"));
                0
            }
        };
        if errors.is_empty() {
            Ok(Self { days, review_days })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_closes_its_days_after_the_decision() {
        let w = Window::default();
        let decided = 1_796_256_000;
        assert!(w.is_open(decided, decided + 30 * 86_400));
        assert!(!w.is_open(decided, decided + 30 * 86_400 + 1));
        let shut = Window { days: 0, ..w };
        assert!(!shut.is_open(decided, decided));
    }

    #[test]
    fn typed_windows_are_checked_field_by_field() {
        assert_eq!(
            Window::parse("45", "10"),
            Ok(Window {
                days: 45,
                review_days: 10
            })
        );
        assert_eq!(
            Window::parse("400", "0"),
            Err(vec![
                ("appeal_days", "error-appeal-days"),
                ("appeal_review_days", "error-appeal-review-days")
            ])
        );
        assert!(Window::parse("x", "5").is_err());
    }
}
