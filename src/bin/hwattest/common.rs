//! Pieces every subcommand shares: reading files, the VALUE syntax, times, the JSON envelope.

use std::path::Path;
use std::process::ExitCode;

use hwattest::{Error, UnixTime};
use serde::Serialize;

/// Appends one formatted line to a `String` (formatting into a `String` cannot fail).
macro_rules! outln {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($out, $($arg)*);
    }};
}
pub(crate) use outln;

/// Writes the whole output at once. A closed pipe (`hwattest … | head`) is not an error worth
/// reporting, so write failures are ignored rather than panicking as `println!` would.
pub(crate) fn emit(text: &str) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

/// Exit code: the evidence verified.
pub(crate) const EXIT_VERIFIED: u8 = 0;
/// Exit code: the evidence was read and rejected.
pub(crate) const EXIT_REJECTED: u8 = 1;
/// Exit code: bad usage or unreadable input.
pub(crate) const EXIT_USAGE: u8 = 2;

/// A failure before verification could run: bad arguments or an unreadable file.
#[derive(Debug)]
pub(crate) struct UsageError(pub String);

/// Reads a whole file, refusing anything over the library's input limit.
///
/// The limit is enforced on the bytes actually read, not on the size the file system reports:
/// `/dev/zero`, a pipe or `/dev/stdin` report 0 and would otherwise be read without bound.
pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, UsageError> {
    read_file_limited(path, hwattest::limits::MAX_INPUT_BYTES)
}

/// Reads a whole file of at most `limit` bytes. The size is counted while reading, not taken
/// from the file system: pipes and devices (`/dev/zero`) report none.
pub(crate) fn read_file_limited(path: &Path, limit: usize) -> Result<Vec<u8>, UsageError> {
    use std::io::Read;
    let cannot_read =
        |e: std::io::Error| UsageError(format!("cannot read {}: {e}", path.display()));
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let mut bytes = Vec::new();
    file.take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() > limit {
        return Err(UsageError(format!(
            "{} is more than the limit of {limit} bytes",
            path.display()
        )));
    }
    Ok(bytes)
}

/// Parses the VALUE syntax of option `flag`: `hex:…`, `base64:…` (standard or URL-safe,
/// padding optional), `@FILE` (raw bytes), or plain UTF-8 text.
pub(crate) fn parse_value(flag: &str, value: &str) -> Result<Vec<u8>, UsageError> {
    if let Some(hex) = value.strip_prefix("hex:") {
        decode_hex(hex).ok_or_else(|| {
            let why = if hex.trim().len() % 2 == 0 {
                "a non-hex digit"
            } else {
                "an odd number of digits"
            };
            UsageError(format!("{flag}: not valid hex ({why}): {hex:?}"))
        })
    } else if let Some(b64) = value.strip_prefix("base64:") {
        hwattest::encoding::decode_base64(b64.as_bytes())
            .map_err(|e| UsageError(format!("{flag}: not valid base64 ({e}): {b64:?}")))
    } else if let Some(path) = value.strip_prefix('@') {
        read_file(Path::new(path)).map_err(|UsageError(e)| UsageError(format!("{flag}: {e}")))
    } else {
        Ok(value.as_bytes().to_vec())
    }
}

/// Reads every certificate of a `--root` file, which must hold exactly one.
pub(crate) fn read_root(path: &Path) -> Result<Vec<u8>, UsageError> {
    let input = read_file(path)?;
    let mut certs = hwattest::encoding::decode_certificates(&input)
        .map_err(|e| UsageError(format!("--root {}: {e}", path.display())))?;
    match (certs.pop(), certs.is_empty()) {
        (Some(der), true) => Ok(der),
        _ => Err(UsageError(format!(
            "--root {}: holds more than one certificate; give each root in its own file",
            path.display()
        ))),
    }
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let text = text.trim();
    if text.len() % 2 != 0 || !text.is_ascii() {
        return None;
    }
    text.as_bytes()
        .chunks(2)
        .map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|p| u8::from_str_radix(p, 16).ok())
        })
        .collect()
}

/// Parses `--at` (RFC 3339), or takes the system clock when absent.
pub(crate) fn parse_time(at: Option<&str>) -> Result<UnixTime, UsageError> {
    let instant = match at {
        Some(text) => {
            time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
                .map_err(|e| {
                    UsageError(format!(
                        "--at {text:?} is not an RFC 3339 time such as 2026-12-01T00:00:00Z ({e})"
                    ))
                })?
        }
        None => time::OffsetDateTime::now_utc(),
    };
    Ok(UnixTime::from_unix_seconds(instant.unix_timestamp()))
}

/// Formats a Unix time as RFC 3339 for people.
pub(crate) fn format_time(t: UnixTime) -> String {
    time::OffsetDateTime::from_unix_timestamp(t.as_unix_seconds())
        .ok()
        .and_then(|d| {
            d.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| t.as_unix_seconds().to_string())
}

/// The `error` member of the JSON envelope.
#[derive(Serialize)]
pub(crate) struct ErrorReport {
    /// Stable snake_case identifier.
    pub kind: String,
    /// Human-readable text.
    pub message: String,
}

/// The one JSON object every verifying subcommand prints with `--json`.
#[derive(Serialize)]
pub(crate) struct Envelope<C: Serialize> {
    /// Whether every check passed.
    pub verified: bool,
    /// `android` or `apple`.
    pub platform: &'static str,
    /// What was proven, when verified.
    pub claims: Option<C>,
    /// Why not, when not verified.
    pub error: Option<ErrorReport>,
}

/// Prints the JSON envelope for a usage error or unreadable input (exit code 2).
pub(crate) fn usage_envelope(platform: &'static str, message: &str) {
    let envelope: Envelope<()> = Envelope {
        verified: false,
        platform,
        claims: None,
        error: Some(ErrorReport {
            kind: "usage".to_owned(),
            message: message.to_owned(),
        }),
    };
    if let Ok(text) = serde_json::to_string_pretty(&envelope) {
        emit(&format!("{text}\n"));
    }
}

/// Whether a library error means the input could not be read at all (exit 2) rather than that
/// it was read and rejected (exit 1).
pub(crate) fn is_unreadable(error: &Error) -> bool {
    matches!(
        error,
        Error::InputTooLarge { .. } | Error::InputEmpty | Error::InputEncoding { .. }
    )
}

/// Prints the outcome of a verification and returns the exit code.
pub(crate) fn report<C: Serialize>(
    platform: &'static str,
    outcome: Result<C, Error>,
    json: bool,
    summary: impl Fn(&C) -> String,
) -> ExitCode {
    let code = match &outcome {
        Ok(_) => EXIT_VERIFIED,
        Err(e) if is_unreadable(e) => EXIT_USAGE,
        Err(_) => EXIT_REJECTED,
    };
    if json {
        let envelope = match outcome {
            Ok(claims) => Envelope {
                verified: true,
                platform,
                claims: Some(claims),
                error: None,
            },
            Err(e) => Envelope {
                verified: false,
                platform,
                claims: None,
                error: Some(ErrorReport {
                    kind: e.kind().to_owned(),
                    message: e.to_string(),
                }),
            },
        };
        match serde_json::to_string_pretty(&envelope) {
            Ok(text) => emit(&format!("{text}\n")),
            Err(e) => {
                eprintln!("hwattest: cannot serialise the result: {e}");
                return ExitCode::from(EXIT_USAGE);
            }
        }
    } else {
        match &outcome {
            Ok(claims) => emit(&format!("VERIFIED ({platform})\n{}\n", summary(claims))),
            Err(e) if code == EXIT_USAGE => {
                eprintln!("hwattest: unreadable input: {e} [{}]", e.kind());
            }
            Err(e) => emit(&format!("REJECTED ({platform}): {e} [{}]\n", e.kind())),
        }
    }
    ExitCode::from(code)
}

/// Prints any serialisable value as pretty JSON.
pub(crate) fn print_json<T: Serialize>(value: &T) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            emit(&format!("{text}\n"));
            ExitCode::from(EXIT_VERIFIED)
        }
        Err(e) => {
            eprintln!("hwattest: cannot serialise the result: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unbounded_files_are_refused_at_the_limit() {
        // /dev/zero reports a size of 0 and never ends.
        let zero = Path::new("/dev/zero");
        if zero.exists() {
            let err = read_file(zero).unwrap_err();
            assert!(err.0.contains("more than the limit"), "{}", err.0);
            let err = parse_value("--challenge", "@/dev/zero").unwrap_err();
            assert!(err.0.contains("more than the limit"), "{}", err.0);
        }
    }

    #[test]
    fn value_syntax() {
        assert_eq!(parse_value("--x", "hex:00ff").unwrap(), [0x00, 0xff]);
        assert_eq!(parse_value("--x", "base64:AP8").unwrap(), [0x00, 0xff]);
        assert_eq!(parse_value("--x", "base64:_w==").unwrap(), [0xff]);
        assert_eq!(parse_value("--x", "challenge").unwrap(), b"challenge");
        assert_eq!(
            parse_value("--x", "hex:0").unwrap_err().0,
            "--x: not valid hex (an odd number of digits): \"0\""
        );
        assert!(parse_value("--x", "hex:zz").is_err());
    }
}
