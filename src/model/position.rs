//! Where the user is in the wizard. Saved with the profile so that the wizard resumes there,
//! and used by the TUI as its screen identity: an invalid screen cannot be represented.

use serde::{Deserialize, Serialize};

/// One of the ten adoption steps, 1 to 10. Construct with [`StepId::new`] or [`StepId::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct StepId(u8);

impl StepId {
    pub const COUNT: usize = 10;
    pub const FIRST: StepId = StepId(1);
    pub const LAST: StepId = StepId(10);
    pub const ALL: [StepId; 10] = [
        StepId(1),
        StepId(2),
        StepId(3),
        StepId(4),
        StepId(5),
        StepId(6),
        StepId(7),
        StepId(8),
        StepId(9),
        StepId(10),
    ];

    pub fn new(n: u8) -> Option<StepId> {
        (1..=10).contains(&n).then_some(StepId(n))
    }

    /// 1 to 10.
    pub fn number(self) -> u8 {
        self.0
    }

    /// 0 to 9, for arrays indexed by step.
    pub fn index(self) -> usize {
        self.0 as usize - 1
    }

    pub fn next(self) -> Option<StepId> {
        StepId::new(self.0 + 1)
    }

    pub fn prev(self) -> Option<StepId> {
        StepId::new(self.0.wrapping_sub(1))
    }
}

impl TryFrom<u8> for StepId {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        StepId::new(n).ok_or_else(|| format!("step {n} is not between 1 and 10"))
    }
}

impl From<StepId> for u8 {
    fn from(s: StepId) -> u8 {
        s.0
    }
}

/// The three tabs of the results screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ResultTab {
    #[default]
    Plan,
    Scorecard,
    Checklist,
}

impl ResultTab {
    pub const ALL: [ResultTab; 3] = [ResultTab::Plan, ResultTab::Scorecard, ResultTab::Checklist];

    pub fn next(self) -> ResultTab {
        match self {
            ResultTab::Plan => ResultTab::Scorecard,
            ResultTab::Scorecard => ResultTab::Checklist,
            ResultTab::Checklist => ResultTab::Plan,
        }
    }

    pub fn prev(self) -> ResultTab {
        match self {
            ResultTab::Plan => ResultTab::Checklist,
            ResultTab::Scorecard => ResultTab::Plan,
            ResultTab::Checklist => ResultTab::Scorecard,
        }
    }
}

/// A screen of the wizard: `Welcome → Profile → Step 1 … Step 10 → Results → Export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Position {
    #[default]
    Welcome,
    Profile,
    Step(StepId),
    Results(ResultTab),
}

impl Position {
    /// The screen "Next" leads to (Results is the last screen; export is a dialog over it).
    pub fn next(self) -> Position {
        match self {
            Position::Welcome => Position::Profile,
            Position::Profile => Position::Step(StepId::FIRST),
            Position::Step(s) => s
                .next()
                .map_or(Position::Results(ResultTab::Plan), Position::Step),
            Position::Results(t) => Position::Results(t),
        }
    }

    /// The screen "Back" leads to.
    pub fn prev(self) -> Position {
        match self {
            Position::Welcome => Position::Welcome,
            Position::Profile => Position::Welcome,
            Position::Step(s) => s.prev().map_or(Position::Profile, Position::Step),
            Position::Results(_) => Position::Step(StepId::LAST),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_walks_the_whole_wizard_and_prev_walks_back() {
        let mut p = Position::Welcome;
        let mut seen = vec![p];
        while !matches!(p, Position::Results(_)) {
            p = p.next();
            seen.push(p);
        }
        assert_eq!(seen.len(), 13); // welcome, profile, ten steps, results
        for w in seen.windows(2).skip(1) {
            assert_eq!(w[1].prev(), w[0]);
        }
        assert_eq!(Position::Welcome.prev(), Position::Welcome);
    }

    #[test]
    fn step_ids_outside_one_to_ten_do_not_deserialise() {
        assert!(ron::from_str::<StepId>("0").is_err());
        assert!(ron::from_str::<StepId>("11").is_err());
        assert_eq!(ron::from_str::<StepId>("10").unwrap(), StepId::LAST);
    }
}

/// Where inside its screen the user was, saved with [`Position`] so that resuming puts the
/// focus back: the field, the table row, the checklist item, the plan's scroll. What no longer
/// fits (a question gone, fewer rows) is ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Spot {
    /// The focused field's question id, or `table:systems` / `table:providers`.
    pub item: String,
    /// The wave of a per-wave field.
    pub wave: Option<u32>,
    /// The selected table row, checklist item or scorecard bar.
    pub row: usize,
    /// The first line of the plan shown.
    pub scroll: usize,
}

impl Spot {
    /// Nothing to restore (not written to the file).
    pub fn is_empty(&self) -> bool {
        *self == Spot::default()
    }
}
