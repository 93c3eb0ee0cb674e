//! Helpers shared by the integration tests.

#![allow(dead_code, unreachable_pub)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![allow(clippy::arithmetic_side_effects, clippy::as_conversions)]

pub mod ec_pki;
pub mod shared_vectors;
