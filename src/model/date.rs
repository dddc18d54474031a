//! Calendar dates as the user types them (`YYYY-MM-DD`), on top of the `jiff` crate: parsing,
//! day arithmetic for the wave schedule, and *today in the user's time zone*.
//!
//! Only the strict `YYYY-MM-DD` shape is accepted (jiff alone would also take `20240301` or
//! `+002024-03-01`, which a form should not silently read as a date). Today's date comes from
//! the system time zone (`TZ`, else `/etc/localtime`), so that in China a date typed on the
//! morning of the 6th is not "in the past" because UTC still says the 5th; when no zone can be
//! found jiff falls back to UTC.

pub use jiff::civil::Date;

/// A valid `YYYY-MM-DD` date (surrounding blanks ignored); `None` otherwise.
pub fn parse(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape {
        return None;
    }
    s.parse::<Date>().ok().filter(|d| d.year() >= 1)
}

/// Today in the user's local time zone.
pub fn today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// `date` plus `days` (negative goes back); saturates at the ends of jiff's range.
pub fn add_days(date: Date, days: i64) -> Date {
    let clamped = days.clamp(-3_000_000, 3_000_000);
    date.checked_add(jiff::Span::new().days(clamped))
        .unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map_or(0, |s| i64::from(s.get_days()))
}

/// `YYYYmmddTHHMMSS` in UTC of a moment, for names of files moved aside.
pub fn timestamp(now: std::time::SystemTime) -> String {
    jiff::Timestamp::try_from(now)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .strftime("%Y%m%dT%H%M%S")
        .to_string()
}

/// The local day of a moment, `YYYY-MM-DD` (a file's modification date in the profile list).
pub fn local_day(t: std::time::SystemTime) -> String {
    jiff::Timestamp::try_from(t)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned_datetime(jiff::tz::TimeZone::system())
        .date()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_strictly_and_do_day_arithmetic() {
        let d = |s| parse(s).map(|d| d.to_string());
        assert_eq!(d(" 2024-03-01 ").as_deref(), Some("2024-03-01"));
        assert_eq!(d("2024-02-29").as_deref(), Some("2024-02-29"));
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "+024-01-01",
            "20240301",
            "2024-01-01-01",
            "0000-01-01",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        let (a, b) = (parse("2024-02-01").unwrap(), parse("2024-03-01").unwrap());
        assert_eq!(days_between(a, b), 29);
        assert_eq!(days_between(b, a), -29);
        assert_eq!(add_days(a, 29), b);
        assert_eq!(add_days(b, -29), a);
        assert_eq!(add_days(b, i64::MAX), Date::MAX);
    }

    #[test]
    fn timestamps_keep_the_store_format() {
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        assert_eq!(timestamp(t), "20231114T221320");
    }
}
