#!/usr/bin/env bash
# Collection benchmark: the collector against the local fake Azure (its own process) with
# LATENCY ms added to every response, a tenant of 3 subscriptions and ~600 ARM resources.
# Prints, per concurrency: requests made vs the fewest the plan needs, wall time vs the bound
# (requests x latency / concurrency), and the collector's peak memory.
# Usage: scripts/bench-collect.sh [CONCURRENCY ...]   (default: 4 8 16)
set -euo pipefail
cd "$(dirname "$0")/.."
LATENCY=${LATENCY:-20}
PAGE=${PAGE:-100}
REPLICAS=${REPLICAS:-5}
cargo build --release -q -p azaudit-fake-azure --bin fake-azure
cargo build --release -q -p azaudit-azure --example collect_bench
dir=${BENCH_DIR:-bench-data}
mkdir -p "$dir"
tenant="$dir/collect-tenant.json"
target/release/examples/collect_bench gen "$REPLICAS" "$tenant"
levels=("$@"); [ ${#levels[@]} -gt 0 ] || levels=(4 8 16)
printf '%-11s %8s %8s %7s %9s %9s %7s %8s\n' concurrency requests minimum ratio wall_ms bound_ms ratio peak_MB
for c in "${levels[@]}"; do
  coproc SERVER { target/release/fake-azure --snapshot "$tenant" --latency-ms "$LATENCY" --page-size "$PAGE" --ca-out "$dir/fake-ca.pem"; }
  read -r hello <&"${SERVER[0]}"
  url=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["url"])' "$hello")
  out=$(target/release/examples/collect_bench run "$url" "$dir/fake-ca.pem" "$tenant" "$c" "$LATENCY" "$PAGE")
  exec {SERVER[1]}>&-
  wait "$SERVER_PID" 2>/dev/null || true
  python3 - "$out" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
print(f"{r['concurrency']:<11} {r['requests']:>8} {r['minimum']:>8} {r['requestRatio']:>7.3f} {r['wallMs']:>9} {r['boundMs']:>9.0f} {r['wallRatio']:>7.2f} {r['peakRssKb']/1024:>8.1f}")
PY
done
