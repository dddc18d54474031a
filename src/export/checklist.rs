//! The checklist (检查清单): the engine's actions grouped by step, as GitHub task items.

use super::ctx::DocCx;
use super::doc::{Block, TaskItem, line};
use crate::model::StepId;

pub(crate) fn build(cx: &DocCx) -> Vec<Block> {
    let items = &cx.a.checklist;
    let mut b = vec![cx.heading(2, "report.check.title", &["十"])];
    let done = items.iter().filter(|i| i.ticked).count();
    b.push(Block::para(cx.tf(
        "report.check.progress",
        &[
            ("done", &done.to_string()),
            ("total", &items.len().to_string()),
        ],
    )));
    for step in StepId::ALL {
        let tasks: Vec<TaskItem> = items
            .iter()
            .filter(|i| i.step == step)
            .map(|i| TaskItem {
                id: i.id.clone(),
                checked: i.ticked,
                text: line({
                    let mut t = String::new();
                    cx.text_with_clause_into(&i.text, &i.clause, &mut t);
                    t
                }),
            })
            .collect();
        if tasks.is_empty() {
            continue;
        }
        let n = step.number();
        let title = cx.tf(
            "report.step",
            &[("n", &n.to_string()), ("title", &cx.step_title(n))],
        );
        b.push(Block::heading(
            3,
            cx.with_clause(&title, &[cx.c.step(step).clause.as_ref()]),
        ));
        b.push(Block::TaskList(tasks));
    }
    b
}
