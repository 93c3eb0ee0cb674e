#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod android;
pub mod apple;
pub mod encoding;
mod error;
pub mod limits;
mod roots;
mod serde_bytes;
mod time;
pub mod x509;

pub use error::Error;
pub use roots::{RootKind, Roots, TrustAnchor};
pub use time::UnixTime;
