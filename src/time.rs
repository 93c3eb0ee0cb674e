//! Verification time, and the two ASN.1 time types of RFC 5280 section 4.1.2.5.
//!
//! hwattest has no clock: every check that depends on time takes a [`UnixTime`] from the caller.

use serde::{Deserialize, Serialize};

/// A point in time, in whole seconds since 1970-01-01T00:00:00Z.
///
/// Signed, because genuine Android emulator leaves carry a notAfter of 1969-12-31T23:59:59Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnixTime(i64);

impl UnixTime {
    /// The time `seconds` after the Unix epoch (negative: before it).
    pub const fn from_unix_seconds(seconds: i64) -> Self {
        Self(seconds)
    }

    /// Seconds since the Unix epoch.
    pub const fn as_unix_seconds(self) -> i64 {
        self.0
    }
}

impl core::fmt::Display for UnixTime {
    /// RFC 3339 in UTC (`2026-12-01T00:00:00Z`), or the raw seconds outside years 0..=9999.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match civil_from_unix(self.0) {
            Some((y, mo, d, h, mi, s)) => {
                write!(f, "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
            }
            None => write!(f, "{} seconds since the Unix epoch", self.0),
        }
    }
}

impl TryFrom<std::time::SystemTime> for UnixTime {
    type Error = std::time::SystemTimeError;

    /// Whole seconds of a `SystemTime` at or after the epoch (for callers that read a clock;
    /// the library itself never does).
    fn try_from(t: std::time::SystemTime) -> Result<Self, Self::Error> {
        let seconds = t.duration_since(std::time::UNIX_EPOCH)?.as_secs();
        Ok(Self(i64::try_from(seconds).unwrap_or(i64::MAX)))
    }
}

const SECONDS_PER_DAY: i64 = 86_400;

/// Year, month, day, hour, minute, second of a Unix time; `None` outside years 0..=9999.
///
/// Howard Hinnant's `civil_from_days`.
// The range check first bounds every value, so no operation below can overflow.
#[allow(clippy::arithmetic_side_effects)]
fn civil_from_unix(t: i64) -> Option<(i64, i64, i64, i64, i64, i64)> {
    // 0000-01-01 and 9999-12-31T23:59:59Z.
    if !(-62_167_219_200..=253_402_300_799).contains(&t) {
        return None;
    }
    let days = t.div_euclid(SECONDS_PER_DAY);
    let secs = t.rem_euclid(SECONDS_PER_DAY);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some((year, month, day, secs / 3600, secs % 3600 / 60, secs % 60))
}

/// Days from 1970-01-01 to the given proleptic Gregorian date.
///
/// Howard Hinnant's `days_from_civil`; exact for every year representable in four digits.
// Callers pass at most four-digit years and two-digit months and days, so no operation here can
// come near i64's range.
#[allow(clippy::arithmetic_side_effects)]
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Reads ASCII digits as a number; `None` on anything else or on overflow.
fn digits(bytes: &[u8]) -> Option<i64> {
    bytes.iter().try_fold(0i64, |acc, &b| {
        let digit = b
            .is_ascii_digit()
            .then(|| i64::from(b.wrapping_sub(b'0')))?;
        acc.checked_mul(10)?.checked_add(digit)
    })
}

/// Decodes the content octets of a UTCTime (`YYMMDDHHMMSSZ`) or GeneralizedTime
/// (`YYYYMMDDHHMMSSZ`) as RFC 5280 section 4.1.2.5 profiles them.
///
/// Years 50-99 of a UTCTime are 1950-1999, as the RFC says. Returns `None` for anything that is
/// not exactly that form: no fractional seconds, no offsets, only `Z`.
// Every operand is at most four digits (checked above), so no operation can overflow.
#[allow(clippy::arithmetic_side_effects)]
pub(crate) fn parse_asn1_time(content: &[u8], generalized: bool) -> Option<UnixTime> {
    let (year, rest) = if generalized {
        let (y, rest) = content.split_at_checked(4)?;
        (digits(y)?, rest)
    } else {
        let (y, rest) = content.split_at_checked(2)?;
        let yy = digits(y)?;
        (if yy >= 50 { 1900 + yy } else { 2000 + yy }, rest)
    };
    let [mo1, mo2, d1, d2, h1, h2, mi1, mi2, s1, s2, b'Z'] = rest else {
        return None;
    };
    let month = digits(&[*mo1, *mo2])?;
    let day = digits(&[*d1, *d2])?;
    let hour = digits(&[*h1, *h2])?;
    let minute = digits(&[*mi1, *mi2])?;
    let second = digits(&[*s1, *s2])?;
    if !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(UnixTime(
        days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_time_before_and_after_epoch() {
        assert_eq!(parse_asn1_time(b"700101000000Z", false), Some(UnixTime(0)));
        assert_eq!(parse_asn1_time(b"691231235959Z", false), Some(UnixTime(-1)));
        // 2048-01-01T00:00:00Z, the default notAfter of KeyMint leaves.
        assert_eq!(
            parse_asn1_time(b"480101000000Z", false),
            Some(UnixTime(2_461_449_600))
        );
    }

    #[test]
    fn generalized_time() {
        // 2106-02-07T06:28:15Z, the Keymaster default notAfter (u32::MAX seconds).
        assert_eq!(
            parse_asn1_time(b"21060207062815Z", true),
            Some(UnixTime(4_294_967_295))
        );
        assert_eq!(
            parse_asn1_time(b"20240229120000Z", true),
            Some(UnixTime(1_709_208_000))
        );
    }

    #[test]
    fn displays_as_rfc3339() {
        assert_eq!(UnixTime(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(UnixTime(-1).to_string(), "1969-12-31T23:59:59Z");
        assert_eq!(UnixTime(1_709_208_000).to_string(), "2024-02-29T12:00:00Z");
        assert_eq!(UnixTime(4_294_967_295).to_string(), "2106-02-07T06:28:15Z");
        assert_eq!(
            UnixTime(i64::MAX).to_string(),
            format!("{} seconds since the Unix epoch", i64::MAX)
        );
        // Round trip with the parser over a spread of days.
        for t in (-2_000_000_000i64..4_000_000_000).step_by(86_399 * 97) {
            let text = UnixTime(t).to_string();
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            assert_eq!(
                parse_asn1_time(format!("{digits}Z").as_bytes(), true),
                Some(UnixTime(t))
            );
        }
    }

    #[test]
    fn rejects_malformed_times() {
        assert_eq!(parse_asn1_time(b"20230229120000Z", true), None);
        assert_eq!(parse_asn1_time(b"700101000000", false), None);
        assert_eq!(parse_asn1_time(b"700101000000+0100", false), None);
        assert_eq!(parse_asn1_time(b"701301000000Z", false), None);
        assert_eq!(parse_asn1_time(b"7001010000600Z", false), None);
        assert_eq!(parse_asn1_time(b"", true), None);
    }
}
