//! Blackout periods: when nothing may move (`s6.blackouts` for the enterprise, `sys.blackouts`
//! per system), typed as a list and read into structured periods.
//!
//! Entries are separated by `;` `,` `、` (or their full-width forms) or new lines; each is an
//! optional label followed by one of
//! - `25-5`: every month from day 25 to day 5 of the next (a day-of-month range; `1-3` stays
//!   within the month);
//! - `2027-02-05..2027-02-17` (also `~` or `至`): a date range, both days included;
//! - `2027-10-01`: one day.
//!
//! e.g. `月末结账 25-5；春节 2027-02-05..2027-02-17`. A wave whose days meet a blackout of the
//! enterprise or of one of its systems is a problem ([`super::schedule::problems`]).

use crate::content::Text;
use crate::model::Profile;
use crate::model::date::{self, Date};

/// The enterprise's blackouts (step 6).
pub const ENTERPRISE: &str = "s6.blackouts";
/// A system's own blackouts (step 6), on top of the enterprise's.
pub const SYSTEM: &str = "sys.blackouts";

/// The enterprise's periods and each system's own, indexed like `profile.systems`.
pub fn of(profile: &Profile) -> (Vec<Period>, Vec<Vec<Period>>) {
    let read = |a: &crate::model::Answers, q| a.text(q).map(periods).unwrap_or_default();
    (
        read(&profile.answers, ENTERPRISE),
        profile
            .systems
            .iter()
            .map(|s| read(&s.answers, SYSTEM))
            .collect(),
    )
}

/// One period, with the entry as typed (for messages).
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    pub text: String,
    pub when: When,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum When {
    /// Days of every month, `from` to `to` (wrapping into the next month when `from > to`).
    Monthly { from: u8, to: u8 },
    /// From one day to another, both included.
    Dates { from: Date, to: Date },
}

/// Reads a list of periods; the error names the entry that is not one.
pub fn parse(text: &str) -> Result<Vec<Period>, Text> {
    text.split([';', '；', ',', '，', '、', '\n'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|entry| {
            let when = when(entry)
                .ok_or_else(|| Text::new("val.blackouts").plain("entry", entry.to_owned()))?;
            Ok(Period {
                text: entry.to_owned(),
                when,
            })
        })
        .collect()
}

/// The periods of a text, ignoring entries that are not periods (stored answers are checked
/// by validation).
pub fn periods(text: &str) -> Vec<Period> {
    text.split([';', '；', ',', '，', '、', '\n'])
        .map(str::trim)
        .filter_map(|e| {
            Some(Period {
                text: e.to_owned(),
                when: when(e)?,
            })
        })
        .collect()
}

fn when(entry: &str) -> Option<When> {
    // the range is the end of the entry: digits and separators; the rest is a label
    let is_range_char = |c: char| c.is_ascii_digit() || matches!(c, '-' | '.' | '~' | '/' | '至');
    let start = entry
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_range_char(*c))
        .last()
        .map(|(i, _)| i)?;
    let range = &entry[start..];
    let day = |s: &str| crate::engine::validate::parse_date(s.trim()).and_then(|d| date::parse(&d));
    for sep in ["..", "~", "至"] {
        if let Some((a, b)) = range.split_once(sep) {
            let (from, to) = (day(a)?, day(b)?);
            return (from <= to).then_some(When::Dates { from, to });
        }
    }
    if let Some(d) = day(range) {
        return Some(When::Dates { from: d, to: d });
    }
    let (a, b) = range.split_once('-')?;
    let dom = |s: &str| {
        (!s.is_empty() && s.len() <= 2)
            .then(|| s.parse::<u8>().ok())
            .flatten()
            .filter(|d| (1..=31).contains(d))
    };
    Some(When::Monthly {
        from: dom(a)?,
        to: dom(b)?,
    })
}

/// Whether any day from `start` to `end` (both included) falls in the period.
pub fn hits(p: &Period, start: Date, end: Date) -> bool {
    match p.when {
        When::Dates { from, to } => from <= end && to >= start,
        When::Monthly { from, to } => {
            let len = date::days_between(start, end);
            if len >= 31 {
                return true; // every day of the month comes round
            }
            (0..=len.max(0)).any(|k| {
                let d = date::add_days(start, k).day() as u8;
                if from <= to {
                    (from..=to).contains(&d)
                } else {
                    d >= from || d <= to
                }
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        date::parse(s).unwrap()
    }

    #[test]
    fn periods_are_read_with_their_labels() {
        let p = parse("月末结账 25-5；春节 2027-02-05..2027-02-17, 2027-10-01").unwrap();
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].when, When::Monthly { from: 25, to: 5 });
        assert_eq!(p[0].text, "月末结账 25-5");
        assert_eq!(
            p[1].when,
            When::Dates {
                from: d("2027-02-05"),
                to: d("2027-02-17")
            }
        );
        assert_eq!(
            p[2].when,
            When::Dates {
                from: d("2027-10-01"),
                to: d("2027-10-01")
            }
        );
        assert_eq!(parse("").unwrap(), []);
        for bad in [
            "月末",
            "32-5",
            "2027-02-17..2027-02-05",
            "0-3",
            "2027-02-30",
        ] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.key, "val.blackouts", "{bad}");
        }
    }

    #[test]
    fn a_window_hits_a_monthly_period_across_the_month_end_or_a_date_range() {
        let close = &parse("25-5").unwrap()[0];
        assert!(!hits(close, d("2027-04-06"), d("2027-04-24")));
        assert!(hits(close, d("2027-04-06"), d("2027-04-25")));
        assert!(hits(close, d("2027-04-30"), d("2027-05-02")));
        assert!(hits(close, d("2027-05-05"), d("2027-05-05")));
        assert!(!hits(close, d("2027-05-06"), d("2027-05-06")));
        assert!(hits(close, d("2027-01-06"), d("2027-02-20"))); // longer than a month
        let spring = &parse("春节 2027-02-05..2027-02-17").unwrap()[0];
        assert!(hits(spring, d("2027-02-17"), d("2027-03-01")));
        assert!(!hits(spring, d("2027-02-18"), d("2027-03-01")));
        assert!(!hits(spring, d("2027-01-01"), d("2027-02-04")));
    }
}
