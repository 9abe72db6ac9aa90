#!/usr/bin/env bash
# Runtime against plain fetch, same machine, same run: CPU per request, cold start to the first request,
# and the minified consumer bundle of a mail program. Read the ratios.
#   bash bench/runtime.sh        (`npm run setup` first)
set -euo pipefail
cd "$(dirname "$0")/runtime"
node server.mjs & server=$!; trap 'kill $server' EXIT; sleep 0.5
for i in 1 2 3; do node cpu.mjs fetch; node cpu.mjs ours; done
for w in fetch ours; do
  for i in $(seq 15); do /usr/bin/time -f "%e" -a -o "/tmp/cold.$w.$$" node "cold-$w.mjs"; done
  echo "cold start $w: median $(sort -n "/tmp/cold.$w.$$" | sed -n 8p)s of 15"; rm -f "/tmp/cold.$w.$$"
done
# The budget is 15 KiB (15,360 bytes) minified; openapi-fetch is not in it (only the raw client loads it).
for entry in "mail:the v1.0/me area" "root:the whole v1.0 entry point"; do
  name=${entry%%:*}; file=bundle-$name.ts
  ../../node_modules/.bin/esbuild "$file" --bundle --minify --format=esm --platform=neutral --log-level=warning --outfile=/tmp/bundle-$name.$$.js
  echo "consumer bundle (a mail program on ${entry#*:}, minified): $(stat -c %s /tmp/bundle-$name.$$.js) bytes of 15360"; rm -f /tmp/bundle-$name.$$.js
done
