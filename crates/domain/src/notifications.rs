//! Staff notifications: what each staff member is told by email, and when — at once, in a
//! daily digest, or not at all — chosen per kind of news on their account page.

use crate::concerns::word_enum;

word_enum! {
    /// A kind of news for a member of staff.
    News {
        /// A concern was given to them.
        Assigned = "assigned",
        /// A concern was escalated to them, or (supervisors) one was not acknowledged in
        /// time.
        Escalated = "escalated",
        /// The reporter of a concern they hold answered.
        Reply = "reply",
        /// A commitment they keep comes due, or is late.
        Commitment = "commitment",
        /// Their concerns and follow-ups coming due within a day, and overdue (the digest's
        /// own list, read when it is written).
        Due = "due",
    }
}

word_enum! {
    /// When a kind of news is told.
    Mode {
        /// By email, as it happens.
        Now = "now",
        /// In the daily digest.
        Digest = "digest",
        /// Not by email (the pages still show it).
        Never = "never",
    }
}

impl News {
    /// When this news is told unless the person chose otherwise.
    pub fn default_mode(self) -> Mode {
        match self {
            News::Due => Mode::Digest,
            _ => Mode::Now,
        }
    }

    /// The modes a person may choose for it: what comes due has no moment of its own, so it
    /// is told in the digest or not at all.
    pub fn modes(self) -> &'static [Mode] {
        match self {
            News::Due => &[Mode::Digest, Mode::Never],
            _ => Mode::ALL,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_is_a_mode_one_may_choose() {
        for n in News::ALL {
            assert!(n.modes().contains(&n.default_mode()), "{n:?}");
        }
        assert!(!News::Due.modes().contains(&Mode::Now));
    }
}
