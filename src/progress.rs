//! Progress on a terminal for work that takes more than a moment: a spinner on stderr
//! naming the step under way. When stderr is not a terminal (redirected to a file, a
//! pipe, a CI log) nothing at all is drawn, so logs hold only the tool's messages.
//! The spinner has no colour, so `NO_COLOR` has nothing to remove from it.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A spinner through a known list of steps ("[3/6] Checking the report").
pub struct Progress {
    bar: ProgressBar,
    steps: Vec<String>,
}

impl Progress {
    /// A spinner for a run of steps; shows the first at once.
    pub fn steps(steps: &[&str]) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(steps.len() as u64), target());
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{pos}/{len}] {msg}… {elapsed}")
                .expect("the progress template is valid")
                .tick_chars("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏ "),
        );
        let progress = Progress {
            bar,
            steps: steps.iter().map(|s| s.to_string()).collect(),
        };
        progress.start(0);
        progress.bar.enable_steady_tick(Duration::from_millis(100));
        progress
    }

    /// A spinner for one step of work.
    pub fn one(what: &str) -> Progress {
        let bar = ProgressBar::with_draw_target(None, target());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg}… {elapsed}")
                .expect("the progress template is valid")
                .tick_chars("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏ "),
        );
        bar.set_message(what.to_string());
        bar.enable_steady_tick(Duration::from_millis(100));
        Progress {
            bar,
            steps: vec![what.to_string()],
        }
    }

    /// A bar counting things done out of `total` ("Checking reports [12/130]").
    pub fn count(what: &str, total: usize) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total as u64), target());
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed}")
                .expect("the progress template is valid")
                .progress_chars("=> "),
        );
        bar.set_message(what.to_string());
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress {
            bar,
            steps: vec![what.to_string()],
        }
    }

    /// One more thing done, of a [`Progress::count`].
    pub fn inc(&self) {
        self.bar.inc(1);
    }

    /// Shows that step `index` (from 0) has started; past the last step, nothing.
    pub fn start(&self, index: usize) {
        if let Some(step) = self.steps.get(index) {
            self.bar.set_position(index as u64 + 1);
            self.bar.set_message(step.clone());
        }
    }

    /// Removes the spinner, leaving the terminal as it was for what is printed next.
    pub fn finish(self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if !self.bar.is_finished() {
            self.bar.finish_and_clear();
        }
    }
}

/// stderr when it is a terminal, otherwise nowhere.
fn target() -> ProgressDrawTarget {
    if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    }
}
