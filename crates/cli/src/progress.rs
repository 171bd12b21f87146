//! Progress bars for the long commands (a contacts import, backups, restores, exports and
//! imports), with a count and an estimate of the time left. They are drawn on a terminal
//! only: piped or redirected — tests, CI, cron — nothing is drawn, so what a command prints
//! stays the same lines, and no thread is started to redraw.

use std::io::IsTerminal;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use liaison_app::backup::{Stage, Step};

use crate::refusals::tr;

/// One progress bar on standard error, cleared when the command is done with it.
pub struct Bar {
    bar: ProgressBar,
    /// The stage shown (a message key), so a new stage starts its count and estimate over.
    shown: Mutex<Option<&'static str>>,
}

impl Bar {
    /// A bar drawn on a terminal, hidden otherwise.
    pub fn new() -> Self {
        let visible =
            std::io::stderr().is_terminal() && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
        let bar = if visible {
            ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr())
                .with_style(style(0))
        } else {
            ProgressBar::hidden()
        };
        Self {
            bar,
            shown: Mutex::new(None),
        }
    }

    /// Shows `done` of `total` for the stage named by the message `what` (a spinner with
    /// the time taken while `total` is 0: nothing to count yet).
    pub fn show(&self, what: &'static str, done: u64, total: u64) {
        let mut shown = self.shown.lock().unwrap_or_else(PoisonError::into_inner);
        let restyle = (self.bar.length() == Some(0)) != (total == 0);
        if *shown != Some(what) || restyle {
            // In this order, since any of these may draw: never a bar without its words,
            // nor a count of nothing.
            self.bar.set_message(tr().t(what));
            self.bar.set_length(total);
            self.bar.set_style(style(total));
            self.bar.reset();
            if shown.is_none() && !self.bar.is_hidden() {
                // Drawn from the first stage on (nothing before: the database is being
                // opened), and between reports too, so the spinner turns and the estimate
                // moves.
                self.bar.enable_steady_tick(Duration::from_millis(200));
            }
            *shown = Some(what);
        }
        self.bar.set_length(total);
        self.bar.set_position(done);
    }

    /// Shows how far a backup, restore, export or import has got.
    pub fn backup(&self, step: Step) {
        let what = match step.stage {
            Stage::Snapshot => "cli-progress-snapshot",
            Stage::Tables => "cli-progress-tables",
            Stage::Checking => "cli-progress-checking",
            Stage::Rows => "cli-progress-rows",
            Stage::Files => "cli-progress-files",
        };
        self.show(what, step.done, step.total);
    }

    /// Takes the bar off the terminal, before the command prints what it did.
    pub fn clear(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        // Also on an error, so the message is not printed after a half-drawn bar.
        self.bar.finish_and_clear();
    }
}

/// While there is nothing to count: what is being done, and for how long.
const SPINNER: &str = "{spinner} {msg} ({elapsed})";
/// The count and the time left.
const COUNTED: &str = "{msg} [{bar:30}] {human_pos}/{human_len}, about {eta} left";

/// A bar with the count and the time left, or a spinner when there is nothing to count.
fn style(total: u64) -> ProgressStyle {
    // The templates are constant: one that does not parse is a defect the tests catch.
    let (template, fallback): (&str, fn() -> ProgressStyle) = if total == 0 {
        (SPINNER, ProgressStyle::default_spinner)
    } else {
        (COUNTED, ProgressStyle::default_bar)
    };
    ProgressStyle::with_template(template)
        .map(|s| s.progress_chars("=> ").tick_chars("|/-\\ "))
        .unwrap_or_else(|_| fallback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_templates_parse_and_a_hidden_bar_takes_every_step() {
        for template in [SPINNER, COUNTED] {
            assert!(ProgressStyle::with_template(template).is_ok(), "{template}");
        }
        // Under `cargo test` standard error is captured, not a terminal: hidden.
        let bar = Bar {
            bar: ProgressBar::hidden(),
            shown: Mutex::new(None),
        };
        bar.backup(Step {
            stage: Stage::Snapshot,
            done: 0,
            total: 0,
        });
        bar.backup(Step {
            stage: Stage::Files,
            done: 3,
            total: 4,
        });
        assert_eq!(bar.bar.position(), 3);
        assert_eq!(bar.bar.length(), Some(4));
        bar.show("cli-progress-import", 1_000, 2_500);
        assert_eq!(bar.bar.position(), 1_000);
        bar.clear();
    }
}
