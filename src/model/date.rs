//! Calendar dates as report writers type them: `2021-04-01`.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date, written `YYYY-MM-DD` in YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, refusing dates that do not exist (31 April, 29 February 2022).
    pub fn parse(text: &str) -> Result<Date, String> {
        let bad =
            || format!("`{text}` is not a date written as YYYY-MM-DD, for example 2022-03-31");
        let mut parts = text.trim().splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u8 = m.parse().map_err(|_| bad())?;
        let day: u8 = d.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(format!("{text} is not a date that exists"));
        }
        Ok(Date { year, month, day })
    }

    /// Days since 1970-01-01, for comparing and measuring periods.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's civil_from_days).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The day a moment fell on, in UTC (what a file's "last changed" shows).
    pub fn of(time: std::time::SystemTime) -> Date {
        let secs = match time.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => d.as_secs() as i64,
            Err(e) => -(e.duration().as_secs() as i64),
        };
        Date::from_days_since_epoch(secs.div_euclid(86_400))
    }

    /// "1 April 2021", the way the report prints dates.
    pub fn long(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month) - 1],
            self.year
        )
    }
}

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A date written YYYY-MM-DD, for example 2022-03-31."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch_round_trips_across_leap_days_and_centuries() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2021-03-31",
            "2024-02-29",
            "2100-03-01",
            "1969-12-31",
        ] {
            let d = Date::parse(text).unwrap();
            assert_eq!(
                Date::from_days_since_epoch(d.days_since_epoch()),
                d,
                "{text}"
            );
        }
        assert_eq!(
            Date::from_days_since_epoch(19_000).to_string(),
            "2022-01-08"
        );
    }

    #[test]
    fn refuses_dates_that_do_not_exist() {
        assert!(Date::parse("2022-02-29").is_err());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2021-04-31").is_err());
        assert!(Date::parse("20221-05-01").is_err());
    }

    #[test]
    fn days_since_epoch_round_trips() {
        for text in ["1970-01-01", "2000-02-29", "2022-03-31", "2026-11-29"] {
            let d = Date::parse(text).unwrap();
            assert_eq!(
                Date::from_days_since_epoch(d.days_since_epoch()),
                d,
                "{text}"
            );
        }
    }

    #[test]
    fn a_year_is_365_days_apart() {
        let a = Date::parse("2021-04-01").unwrap();
        let b = Date::parse("2022-04-01").unwrap();
        assert_eq!(b.days_since_epoch() - a.days_since_epoch(), 365);
        assert_eq!(Date::parse("1970-01-01").unwrap().days_since_epoch(), 0);
    }
}
