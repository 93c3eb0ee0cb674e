//! Access to the shared real-device vectors in `../shared/test-vectors`, read in place.
//!
//! A clean clone without `../shared` skips these tests with a message; under CI (`CI=true`)
//! a missing directory fails instead, so real-data tests can never silently stop running.

#![allow(dead_code)]

use std::path::PathBuf;

use hwattest::UnixTime;

/// The shared vectors directory for `platform` (`android` or `apple`), or `None` (with a
/// message) when it is absent outside CI.
pub fn dir(platform: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/test-vectors")
        .join(platform);
    if path.is_dir() {
        return Some(path);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "CI=true but the shared test vectors are missing at {}",
            path.display()
        );
    }
    eprintln!(
        "skipping: shared test vectors not found at {}",
        path.display()
    );
    None
}

/// Every vector folder (one holding a `meta.json`), sorted by name; `None` as for [`dir`].
pub fn folders(platform: &str) -> Option<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir(platform)?)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("meta.json").is_file())
        .collect();
    out.sort();
    Some(out)
}

/// A folder's `meta.json`.
pub fn meta(folder: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(folder.join("meta.json")).unwrap()).unwrap()
}

/// An RFC 3339 time from a meta.json string.
pub fn time(text: &str) -> UnixTime {
    let t = time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|e| panic!("bad time {text:?}: {e}"));
    UnixTime::from_unix_seconds(t.unix_timestamp())
}

/// Lower-case hex decoding for expected values.
pub fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}
