#!/usr/bin/env bash
# Whole-run scale benchmark: for each size, time and peak memory (VmHWM) of parsing the file
# into serde_json::Value, of loading+indexing it as a Snapshot, and of evaluating every check.
# Each phase runs in its own process so its peak memory is its own.
# Usage: scripts/bench-scale.sh [N ...]   (default: 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p azaudit-core --example scale
bin=target/release/examples/scale
dir=${BENCH_DIR:-bench-data}
mkdir -p "$dir"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
printf '%-8s %9s %11s %8s %10s %8s\n' phase records file_MB seconds peak_MB peak/file
for n in "${sizes[@]}"; do
  f="$dir/synthetic-$n.json"
  [ -s "$f" ] || "$bin" gen "$n" "$f"
  for phase in value load audit; do
    read -r p records bytes secs peak < <("$bin" "$phase" "$f")
    awk -v p="$p" -v r="$records" -v b="$bytes" -v s="$secs" -v m="$peak" \
      'BEGIN { printf "%-8s %9d %11.1f %8.3f %10.1f %8.2f\n", p, r, b/1048576, s, m/1048576, m/b }'
  done
done
# Writing the largest report in every format: time, and peak memory before and after writing
# (equal when the writer streams).
n="${sizes[-1]}"
for format in json csv sarif junit markdown ocsf html; do
  "$bin" write "$format" "$dir/synthetic-$n.json"
done
