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

const SECONDS_PER_DAY: i64 = 86_400;

/// Days from 1970-01-01 to the given proleptic Gregorian date.
///
/// Howard Hinnant's `days_from_civil`; exact for every year representable in four digits.
// Callers pass at most four-digit years, months 1-12 and days 1-31: no term can overflow.
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

/// Reads `n` ASCII digits as a number; `None` on anything else.
// Callers pass at most four digits, so the value stays below 10^4.
#[allow(clippy::arithmetic_side_effects)]
fn digits(bytes: &[u8]) -> Option<i64> {
    bytes.iter().try_fold(0i64, |acc, &b| {
        if b.is_ascii_digit() {
            Some(acc * 10 + i64::from(b - b'0'))
        } else {
            None
        }
    })
}

/// Decodes the content octets of a UTCTime (`YYMMDDHHMMSSZ`) or GeneralizedTime
/// (`YYYYMMDDHHMMSSZ`) as RFC 5280 section 4.1.2.5 profiles them.
///
/// Years 50-99 of a UTCTime are 1950-1999, as the RFC says. Returns `None` for anything that is
/// not exactly that form: no fractional seconds, no offsets, only `Z`.
// Every operand is a bounded field of at most four digits (see `digits`): no overflow.
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
    fn rejects_malformed_times() {
        assert_eq!(parse_asn1_time(b"20230229120000Z", true), None);
        assert_eq!(parse_asn1_time(b"700101000000", false), None);
        assert_eq!(parse_asn1_time(b"700101000000+0100", false), None);
        assert_eq!(parse_asn1_time(b"701301000000Z", false), None);
        assert_eq!(parse_asn1_time(b"7001010000600Z", false), None);
        assert_eq!(parse_asn1_time(b"", true), None);
    }
}
