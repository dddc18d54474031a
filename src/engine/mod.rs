//! Pure functions from a profile to its plan, scorecard and checklist. No I/O, no terminal.

mod analysis;
pub mod validate;

pub use analysis::*;
pub use validate::{
    Entity, Problem, StepStatus, check_answer, parse_input, problems, profile_problems, step_status,
};

use crate::content::Content;
use crate::model::{Profile, StepId};

/// Everything the engine derives from `profile`, with the reasons for each figure.
pub fn analyse(content: &Content, profile: &Profile) -> Analysis {
    let _ = content;
    let _ = profile;
    Analysis {
        deployment: DeploymentResult {
            recommended: Deployment::Public,
            chosen: Deployment::Public,
            overridden: false,
            reasons: Vec::new(),
            split: Vec::new(),
        },
        systems: Vec::new(),
        waves: Vec::new(),
        services: Vec::new(),
        providers: Vec::new(),
        scorecard: Scorecard {
            steps: StepId::ALL
                .iter()
                .map(|&step| StepScore {
                    step,
                    score: 0.0,
                    lost: Vec::new(),
                })
                .collect(),
            total: 0.0,
            angles: Vec::new(),
            effects: Effects {
                dimensions: Vec::new(),
                annual_saving: None,
                payback_months: None,
                score: 0.0,
            },
            stars: 1,
        },
        checklist: Vec::new(),
    }
}
