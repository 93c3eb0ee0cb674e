//! The shared real test vectors, read in place beside the repository, and their times.

use std::path::PathBuf;

/// The shared test-vector folder `sub` (e.g. `"apple"`), or `None` (with a message) when
/// `../shared` is absent outside CI. In CI (`CI=true`) a missing folder fails the test.
pub fn vectors(sub: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/test-vectors"
    ))
    .join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("shared test vectors missing at {}", dir.display());
    }
    eprintln!(
        "SKIPPED: shared test vectors not found at {}; place the shared folder beside the \
         repository to run this test",
        dir.display()
    );
    None
}

/// Seconds since the epoch of `YYYY-MM-DDTHH:MM:SS[.fff](Z|+00:00)`.
pub fn parse_utc(text: &str) -> i64 {
    let b = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> i64 { text[range].parse().unwrap() };
    assert!(
        b.len() >= 20 && b[4] == b'-' && b[10] == b'T',
        "bad time {text}"
    );
    let (y, mo, d) = (num(0..4), num(5..7), num(8..10));
    let (h, mi, s) = (num(11..13), num(14..16), num(17..19));
    let rest = &text[19..];
    let rest = rest.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    assert!(rest == "Z" || rest == "+00:00", "bad zone in {text}");
    // Howard Hinnant's days_from_civil.
    let yy = if mo <= 2 { y - 1 } else { y };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let doy = (153 * ((mo + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + h * 3600 + mi * 60 + s
}
