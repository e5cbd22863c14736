//! A calendar date (proleptic Gregorian) with the arithmetic the score card needs: parsing the
//! standard's `YYYY-MM-DD`, days between dates, whole years later or earlier.
//!
//! Held as days since 1970-01-01, converted with the civil-date algorithms of Howard Hinnant
//! ("chrono-Compatible Low-Level Date Algorithms"), so ordering and subtraction are plain integer
//! operations.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Kalenderdatum {
    /// Days since 1970-01-01 (negative before).
    dagen: i64,
}

/// A text that is not a calendar date `YYYY-MM-DD`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is geen datum JJJJ-MM-DD")]
pub struct OngeldigeDatum(pub String);

impl Kalenderdatum {
    /// The date of year, month (1–12) and day (1–31), if it exists.
    pub fn new(jaar: i32, maand: u32, dag: u32) -> Option<Self> {
        let valid = (1..=12).contains(&maand) && dag >= 1 && dag <= dagen_in_maand(jaar, maand);
        valid.then(|| Self {
            dagen: days_from_civil(i64::from(jaar), i64::from(maand), i64::from(dag)),
        })
    }

    /// The date `dagen` days after 1970-01-01 (the UNIX epoch; negative: before).
    pub fn uit_dagen_sinds_1970(dagen: i64) -> Self {
        Self { dagen }
    }

    /// Days since 1970-01-01.
    pub fn dagen_sinds_1970(self) -> i64 {
        self.dagen
    }

    /// Year, month and day.
    pub fn jaar_maand_dag(self) -> (i32, u32, u32) {
        civil_from_days(self.dagen)
    }

    /// The number of days from `self` to `later` (negative when `later` is earlier).
    pub fn dagen_tot(self, later: Self) -> i64 {
        later.dagen - self.dagen
    }

    /// The date `dagen` days later (negative: earlier).
    pub fn plus_dagen(self, dagen: i64) -> Self {
        Self {
            dagen: self.dagen + dagen,
        }
    }

    /// The same day `jaren` years later (negative: earlier); 29 February becomes 28 February in a
    /// year that has none.
    pub fn plus_jaren(self, jaren: i32) -> Self {
        let (jaar, maand, dag) = self.jaar_maand_dag();
        let jaar = jaar.saturating_add(jaren);
        let dag = dag.min(dagen_in_maand(jaar, maand));
        Self {
            dagen: days_from_civil(i64::from(jaar), i64::from(maand), i64::from(dag)),
        }
    }
}

impl FromStr for Kalenderdatum {
    type Err = OngeldigeDatum;

    /// Exactly `YYYY-MM-DD` (four-digit year), as the standard's `Date` (`format: date`).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = || OngeldigeDatum(text.to_owned());
        let bytes = text.as_bytes();
        let shape = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape {
            return Err(fail());
        }
        let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().map_err(|_| fail());
        let jaar = i32::try_from(number(0..4)?).map_err(|_| fail())?;
        Self::new(jaar, number(5..7)?, number(8..10)?).ok_or_else(fail)
    }
}

impl fmt::Display for Kalenderdatum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (jaar, maand, dag) = self.jaar_maand_dag();
        write!(f, "{jaar:04}-{maand:02}-{dag:02}")
    }
}

impl Serialize for Kalenderdatum {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

fn is_schrikkeljaar(jaar: i32) -> bool {
    (jaar % 4 == 0 && jaar % 100 != 0) || jaar % 400 == 0
}

fn dagen_in_maand(jaar: i32, maand: u32) -> u32 {
    match maand {
        2 if is_schrikkeljaar(jaar) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    // Invariant: m is 1–12 and d is 1–31 by construction; y fits i32 for every date this crate
    // handles (years 0000–9999 from text, or a clock), and saturates otherwise.
    (
        i32::try_from(y).unwrap_or(if y < 0 { i32::MIN } else { i32::MAX }),
        m as u32,
        d as u32,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn datum(text: &str) -> Kalenderdatum {
        text.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_the_standards_dates() {
        assert_eq!(datum("1970-01-01").dagen_sinds_1970(), 0);
        assert_eq!(datum("2000-03-01").dagen_sinds_1970(), 11_017);
        assert_eq!(datum("1899-12-31").dagen_sinds_1970(), -25_568);
        for text in ["2024-02-29", "1900-01-01", "9999-12-31", "0001-01-01"] {
            assert_eq!(datum(text).to_string(), text);
        }
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-1-01",
            "26-01-01",
            "2026-01-01T00:00:00Z",
            "2026/01/01",
            "",
            "+026-01-01",
        ] {
            assert!(bad.parse::<Kalenderdatum>().is_err(), "{bad}");
        }
        assert!(!is_schrikkeljaar(1900) && is_schrikkeljaar(2000) && is_schrikkeljaar(2028));
    }

    #[test]
    fn days_and_years_between_dates() {
        let peil = datum("2026-12-01");
        assert_eq!(datum("2025-12-01").dagen_tot(peil), 365);
        assert_eq!(datum("2024-12-01").dagen_tot(peil), 730);
        assert_eq!(peil.plus_dagen(-365), datum("2025-12-01"));
        assert_eq!(peil.plus_jaren(-15), datum("2011-12-01"));
        assert_eq!(datum("2024-02-29").plus_jaren(1), datum("2025-02-28"));
        assert_eq!(datum("2024-02-29").plus_jaren(4), datum("2028-02-29"));
        for z in [-719_162i64, -1, 0, 1, 19_000, 2_932_896] {
            let d = Kalenderdatum::uit_dagen_sinds_1970(z);
            assert_eq!(d.to_string().parse::<Kalenderdatum>().unwrap(), d);
        }
    }
}
