//! Synthetic snapshots for benchmarks.
