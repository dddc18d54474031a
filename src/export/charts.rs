//! The charts of the HTML report, from the engine's output: readiness per step as bars, the
//! five angles of §二 as a radar, the waves as a timeline. Each is anchored to the title of its
//! section (see [`super::html`]).

use super::ctx::DocCx;
use super::html::Chart;
use super::svg::{self, Bar, Lane};

pub(crate) fn build(cx: &DocCx) -> Vec<Chart> {
    let mut out = Vec::new();
    let sc = &cx.a.scorecard;
    let title = cx.t("report.score.readiness");
    let bars: Vec<Bar> = sc
        .steps
        .iter()
        .map(|s| {
            let n = s.step.number();
            Bar {
                label: cx.tf(
                    "report.step",
                    &[("n", &n.to_string()), ("title", &cx.step_title(n))],
                ),
                value: s.score,
                shown: cx.tf("report.score.of_10", &[("n", &cx.num(s.score, 1))]),
            }
        })
        .collect();
    out.push(Chart {
        svg: svg::bars(&title, &bars, 10.0),
        caption: cx.tf(
            "html.chart.readiness",
            &[
                ("total", &cx.num(sc.total, 1)),
                ("stars", &cx.stars(sc.stars)),
            ],
        ),
        anchor: title,
    });

    let title = cx.t("report.score.angles");
    let points: Vec<(String, Option<f64>)> = sc
        .angles
        .iter()
        .map(|a| (cx.t(&format!("angle.{}", a.id)), a.average))
        .collect();
    out.push(Chart {
        svg: svg::radar(&title, &points, 5.0, &cx.dash()),
        caption: cx.t("html.chart.angles"),
        anchor: title,
    });

    if !cx.a.waves.is_empty() {
        let title = cx.t("report.plan.waves");
        let lanes: Vec<Lane> =
            cx.a.waves
                .iter()
                .map(|w| Lane {
                    label: cx.tf(
                        "html.chart.wave",
                        &[
                            ("wave", &cx.wave(w.number)),
                            ("n", &w.systems.len().to_string()),
                        ],
                    ),
                    systems: w.systems.iter().map(|id| cx.system_name(*id)).collect(),
                })
                .collect();
        out.push(Chart {
            svg: svg::timeline(&title, &lanes),
            caption: cx.t("html.chart.waves"),
            anchor: title,
        });
    }
    out
}
