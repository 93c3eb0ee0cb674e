//! Benchmarks (placeholder until the verifiers land).
#![allow(missing_docs)]
fn main() {}
