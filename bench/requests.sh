#!/usr/bin/env bash
# Per-request overhead and throughput of msgraph-ts against plain fetch, @microsoft/msgraph-sdk (Kiota), PnPjs and
# @microsoft/microsoft-graph-client, in one run, on one local Graph-shaped server (its own process, its CPU
# not counted). Each peer is its own warm node process; they run block by block in lockstep, 6 sessions
# (fresh processes) of 15 rounds, and every figure is the median of the per-round ratios to plain fetch,
# with a 90 % interval. Read the ratios. 7 to 11 minutes.
#   npm run bench            (`npm run setup` first so generated/ and dist/ exist; see bench/README.md)
set -euo pipefail
cd "$(dirname "$0")"
[ -f ../dist/client.js ] && [ -f ../generated/v1.0/index.js ] || { echo "bench: run 'npm run setup' first (dist/ or generated/ is missing)" >&2; exit 1; }
[ -d node_modules/@pnp/graph ] || npm install --no-audit --no-fund --no-package-lock >/dev/null
exec node requests/run.mjs
