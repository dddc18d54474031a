//! What the wizard derives from the profile, and when.
//!
//! The [`Analysis`](crate::engine::Analysis), the step statuses of the sidebar and the problems
//! of the current screen are cached in the [`App`] and drawn from there, so that a frame costs
//! only what it shows. A change of the profile marks them stale ([`App::changed`]);
//! [`App::refresh`] derives them again. The runner refreshes at once while that is cheap and, on
//! large inventories, when typing pauses ([`crate::tui::pace`]); moving to another screen always
//! refreshes first. Refreshing is also where a change settles: the undo history takes the base
//! of its next step, and the message line says which systems the change moved between waves.
//!
//! These are methods of [`App`] kept apart from `app.rs`, which routes keys and replies.

use crate::model::{Position, StepId};
use crate::tui::app::{App, Screen};
use crate::tui::backend::{self, Problem, StepStatus};
use crate::tui::widgets::View;

impl App {
    /// The step of a form screen (`None` for the profile screen).
    pub fn step_of(pos: Position) -> Option<Option<StepId>> {
        match pos {
            Position::Profile => Some(None),
            Position::Step(s) => Some(Some(s)),
            _ => None,
        }
    }

    /// Problems of the current screen (as of the last [`App::refresh`]).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Status of a screen in the step list (as of the last [`App::refresh`]).
    pub fn status(&self, pos: Position) -> Option<StepStatus> {
        let step = Self::step_of(pos)?;
        self.profile_name.as_ref()?;
        Some(match step {
            None => self.statuses.profile,
            Some(s) => *self.statuses.steps.get(s.index())?,
        })
    }

    /// The profile changed since what is shown was derived from it.
    pub fn is_stale(&self) -> bool {
        self.stale
    }

    /// Derives the analysis, the statuses and the problems again if the profile changed.
    pub fn refresh(&mut self) {
        if self.stale {
            let before = backend::waves(&self.analysis);
            self.derive();
            // the base of the next undo step: copied once the change is settled, not per key
            self.history.settle(&self.profile);
            let (profile, analysis) = (&self.profile, &self.analysis);
            if let Some(moved) =
                backend::waves_moved(self.content, self.lang, profile, analysis, &before)
            {
                self.flash = Some((moved, None));
            }
            self.problems = self.screen_problems();
            self.lay_out();
        }
    }

    /// Lays the results screen out for the terminal's size, so that paging the plan knows its
    /// length before a key comes (the other screens and dialogs work theirs out from
    /// [`KeyCx::area`] as keys come).
    pub(super) fn lay_out(&mut self) {
        if self.stale {
            return;
        }
        let area = self.key_area();
        if let (Screen::Results(r), true) = (&mut self.screen, self.overlays.is_empty()) {
            let view = View {
                content: self.content,
                lang: self.lang,
                theme: &self.theme,
                profile: &self.profile,
                analysis: &self.analysis,
                problems: &self.problems,
            };
            r.lay_out(&view, area);
        }
    }

    /// The analysis and the statuses (the problems depend on the screen too).
    pub(super) fn derive(&mut self) {
        self.stale = false;
        self.analysis = backend::analyse(self.content, &self.profile);
        self.statuses = backend::statuses(self.content, &self.profile, &self.analysis);
        if let Screen::Results(r) = &mut self.screen {
            r.invalidate();
        }
    }

    pub(super) fn screen_problems(&self) -> Vec<Problem> {
        match Self::step_of(self.position()) {
            Some(step) if self.profile_name.is_some() => {
                let mut v = backend::problems(self.content, &self.profile, step);
                v.extend(backend::schedule_problems(
                    self.content,
                    &self.profile,
                    &self.analysis,
                    step,
                    self.today,
                ));
                v
            }
            _ => Vec::new(),
        }
    }
}
