// What msgraph-ts's own code costs per request, without the network: global fetch is replaced by a stub
// that resolves at once to a ready response (a page of JSON for the GET, an empty 202 for sendMail), and
// plain-fetch code (peer-calls.mjs) and each msgraph-ts build run the same calls against it, in
// one process, alternating blocks. What is left of a request is the library's JavaScript (builder, URL,
// headers, retries, timeout, reading and parsing) against the few lines a plain-fetch program writes.
// Far steadier than the bench on sockets (no server, no undici): it repeats to a few tenths of a µs. It
// counts the bytes allocated per call too, which repeat to a few bytes whatever the machine does. It
// says nothing about how the library calls fetch, nor what its code costs when it runs colder between
// undici's work on sockets: `npm run bench` (with the fetch-shaped peer) measures that.
//   node bench/requests/overhead.mjs [build dir …]     default: this checkout; env C (in flight, 1), N (calls per block, 50000), R (rounds, 9)
import { dirname, join } from 'node:path';
import { GCProfiler, getHeapSpaceStatistics } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { peerCalls } from './peer-calls.mjs';

const origin = 'http://127.0.0.1:9';
const page = JSON.stringify({ value: Array.from({ length: 10 }, (_, i) => ({ id: `AAMk${i}`, subject: `Subject ${i}` })) });
const response = (status, headers, body) => ({
  status, ok: status < 300, headers: new Headers(headers),
  text: async () => body, json: async () => JSON.parse(body), arrayBuffer: async () => new ArrayBuffer(0),
});
const listed = response(200, { 'content-type': 'application/json' }, page);
const accepted = response(202, { 'content-length': '0' }, '');
globalThis.fetch = async (url, init) => (init?.method === 'POST' ? accepted : listed);

const peers = { fetch: await peerCalls('fetch', origin) };
const builds = process.argv.slice(2);
for (const dir of builds.length ? builds : [join(dirname(fileURLToPath(import.meta.url)), '../..')]) peers[dir] = await peerCalls(dir, origin);

const C = Number(process.env.C ?? 1), N = Number(process.env.N ?? 50_000), R = Number(process.env.R ?? 9);
/** Bytes in V8's young generation now, or in a GC's before/after statistics (which GCProfiler names in camelCase). */
const young = (spaces) => spaces ? spaces.find((s) => s.spaceName === 'new_space').spaceUsedSize
  : getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_used_size;
/**
 * CPU µs and bytes allocated per call of `n` calls of `fn`, C in flight. Bytes: what the young generation
 * grew by, counting across its collections (GCProfiler reports each one's before and after), so unlike
 * CPU time it does not move with the machine; large objects allocated straight into the old generation
 * are not counted (none here).
 */
async function block(fn) {
  let next = 0;
  const gcs = new GCProfiler();
  gcs.start();
  const t = process.cpuUsage(), y0 = young();
  await Promise.all(Array.from({ length: C }, async () => { while (next++ < N) await fn(); }));
  const c = process.cpuUsage(t), y1 = young();
  let bytes = 0, from = y0;
  for (const { beforeGC, afterGC } of gcs.stop().statistics) {
    bytes += young(beforeGC.heapSpaceStatistics) - from;
    from = young(afterGC.heapSpaceStatistics);
  }
  return { us: (c.user + c.system) / N, bytes: (bytes + y1 - from) / N };
}
const names = Object.keys(peers);
const cpu = Object.fromEntries(names.map((k) => [k, { get: [], send: [] }]));
const bytes = Object.fromEntries(names.map((k) => [k, { get: [], send: [] }]));
// Two rounds of warm-up, then R measured; the order alternates so that no peer always runs first.
for (let r = 0; r < R + 2; r++) {
  for (const k of r % 2 ? [...names].reverse() : names) {
    for (const what of ['get', 'send']) {
      const b = await block(peers[k][what]);
      if (r >= 2) cpu[k][what].push(b.us), bytes[k][what].push(b.bytes);
    }
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`${R} rounds of ${N} calls, ${C} in flight, fetch stubbed; median CPU µs and bytes allocated per call (and over plain fetch code)`);
for (const k of names) {
  const cell = (what, of, digits, unit) => {
    const x = median(of[k][what]);
    return `${x.toFixed(digits)}${unit}${k === 'fetch' ? '' : ` (+${(x - median(of.fetch[what])).toFixed(digits)})`}`.padEnd(digits ? 20 : 16);
  };
  console.log(`${k.padEnd(28)} GET ${cell('get', cpu, 2, ' µs')} ${cell('get', bytes, 0, ' B')} sendMail ${cell('send', cpu, 2, ' µs')} ${cell('send', bytes, 0, ' B')}`);
}
