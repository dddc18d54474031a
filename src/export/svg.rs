//! Charts as inline SVG for the HTML report: horizontal bars (readiness per step), a radar of
//! the five angles of §二, and the wave timeline. Plain data in, one `<svg>` element out, well
//! formed as XML (a test parses every chart); every text is escaped. Colours come from CSS
//! classes of the page (`.bar`, `.track`, `.grid`, `.area`, `.wave`), so the charts follow the
//! page's light, dark and print themes.

use super::html::escape;
use std::fmt::Write as _;

/// One bar: its label, its value and the text shown after it.
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

/// Horizontal bars on a scale `0..=max`, each label above its bar.
pub fn bars(title: &str, bars: &[Bar], max: f64) -> String {
    const W: f64 = 640.0;
    const ROW: f64 = 38.0;
    const BAR_W: f64 = 520.0;
    let h = ROW * bars.len() as f64 + 8.0;
    let mut s = open(title, W, h);
    for (i, b) in bars.iter().enumerate() {
        let y = 8.0 + ROW * i as f64;
        let frac = if max > 0.0 && b.value.is_finite() {
            (b.value / max).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let _ = write!(
            s,
            r#"<text x="0" y="{:.1}" class="label">{}</text><rect class="track" x="0" y="{:.1}" width="{BAR_W}" height="12" rx="3"/><rect class="bar" x="0" y="{:.1}" width="{:.1}" height="12" rx="3"/><text x="{:.1}" y="{:.1}" class="value">{}</text>"#,
            y + 10.0,
            escape(&b.label),
            y + 16.0,
            y + 16.0,
            BAR_W * frac,
            BAR_W + 10.0,
            y + 26.0,
            escape(&b.shown),
        );
    }
    s.push_str("</svg>");
    s
}

/// A radar (polygon) chart of ratings on `0..=max`, one axis per point; an unrated axis
/// (`None`) sits at the centre and shows `missing`.
pub fn radar(title: &str, points: &[(String, Option<f64>)], max: f64, missing: &str) -> String {
    const W: f64 = 560.0;
    const H: f64 = 400.0;
    let (cx, cy, r) = (W / 2.0, H / 2.0 + 6.0, 130.0);
    let n = points.len().max(3) as f64;
    let at = |i: usize, frac: f64| {
        let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n;
        (cx + r * frac * a.cos(), cy + r * frac * a.sin())
    };
    let mut s = open(title, W, H);
    for level in 1..=max.round().max(1.0) as u32 {
        let frac = f64::from(level) / max;
        let pts: Vec<String> = (0..points.len())
            .map(|i| {
                let (x, y) = at(i, frac);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = write!(s, r#"<polygon class="grid" points="{}"/>"#, pts.join(" "));
    }
    for i in 0..points.len() {
        let (x, y) = at(i, 1.0);
        let _ = write!(
            s,
            r#"<line class="grid" x1="{cx:.1}" y1="{cy:.1}" x2="{x:.1}" y2="{y:.1}"/>"#
        );
    }
    let area: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, (_, v))| {
            let frac = v.map_or(0.0, |v| (v / max).clamp(0.0, 1.0));
            let (x, y) = at(i, frac);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let _ = write!(s, r#"<polygon class="area" points="{}"/>"#, area.join(" "));
    for (i, (label, v)) in points.iter().enumerate() {
        let (x, y) = at(i, 1.18);
        let anchor = if (x - cx).abs() < 1.0 {
            "middle"
        } else if x > cx {
            "start"
        } else {
            "end"
        };
        let value = v.map_or_else(|| missing.to_owned(), |v| format!("{v:.1}"));
        let _ = write!(
            s,
            r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" class="label">{}</text><text x="{x:.1}" y="{:.1}" text-anchor="{anchor}" class="value">{}</text>"#,
            escape(label),
            y + 16.0,
            escape(&value),
        );
    }
    s.push_str("</svg>");
    s
}

/// One wave of the timeline: its label and the names of its systems.
pub struct Lane {
    pub label: String,
    pub systems: Vec<String>,
}

/// The waves in order, one lane each, every wave starting where the one before ends; a wave's
/// length follows its number of systems.
pub fn timeline(title: &str, lanes: &[Lane]) -> String {
    const W: f64 = 640.0;
    const ROW: f64 = 56.0;
    let total: usize = lanes.iter().map(|l| l.systems.len().max(1)).sum();
    let unit = W / total.max(1) as f64;
    let h = ROW * lanes.len() as f64 + 4.0;
    let mut s = open(title, W, h);
    let mut x = 0.0;
    for (i, lane) in lanes.iter().enumerate() {
        let y = 4.0 + ROW * i as f64;
        let w = unit * lane.systems.len().max(1) as f64;
        let names = lane.systems.join("、");
        // labels start at the bar, or end at it in the right half, so that they stay inside
        let (tx, anchor) = if x > W / 2.0 {
            (x + w, "end")
        } else {
            (x, "start")
        };
        let _ = write!(
            s,
            r#"<rect class="wave" x="{x:.1}" y="{y:.1}" width="{:.1}" height="16" rx="3"><title>{}</title></rect><text x="{tx:.1}" y="{:.1}" class="label" text-anchor="{anchor}">{}</text><text x="{tx:.1}" y="{:.1}" class="value" text-anchor="{anchor}">{}</text>"#,
            w.max(2.0),
            escape(&names),
            y + 31.0,
            escape(&lane.label),
            y + 47.0,
            escape(&fit(&names, 80)),
        );
        x += w;
    }
    s.push_str("</svg>");
    s
}

/// `s` cut to `width` display columns, with `…` when cut.
fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width.saturating_sub(1) {
            out.push('…');
            return out;
        }
        used += w;
        out.push(c);
    }
    out
}

fn open(title: &str, w: f64, h: f64) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {w} {h:.0}" width="100%" style="max-width:{w}px"><title>{}</title>"#,
        escape(title)
    )
}
