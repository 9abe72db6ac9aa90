#!/usr/bin/env bash
# Type-check cost of one small consumer program (list 5 messages, send a mail) written against each
# client, in one run: whole `tsc -p` processes, interleaved, median of N; wall, CPU (user+sys), peak RSS.
# Read the ratios of each program's cost *added over plain fetch*; absolute seconds drift on this machine.
#   bash bench/typecheck.sh            (N=21 by default; `npm run setup` first so generated/ and dist/ exist)
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules/@pnp/graph ] || npm install --no-audit --no-fund --no-package-lock >/dev/null
N=${N:-21}
PROGRAMS=${PROGRAMS:-"fetch full me mail graphclient kiota pnp"}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for i in $(seq "$N"); do
  for p in $PROGRAMS; do
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/$p.$i" node node_modules/typescript/bin/tsc -p "typecheck/$p/tsconfig.json" >/dev/null
  done
done
median() { sort -n | sed -n "$(( (N + 1) / 2 ))p"; }
printf '%-12s %8s %8s %9s\n' program wall cpu peak
for p in $PROGRAMS; do
  wall=$(for i in $(seq "$N"); do awk '{print $1}' "$tmp/$p.$i"; done | median)
  cpu=$(for i in $(seq "$N"); do awk '{printf "%.2f\n", $2 + $3}' "$tmp/$p.$i"; done | median)
  mem=$(for i in $(seq "$N"); do awk '{print $4}' "$tmp/$p.$i"; done | median)
  printf '%-12s %7ss %7ss %7sMB\n' "$p" "$wall" "$cpu" "$((mem / 1024))"
done
