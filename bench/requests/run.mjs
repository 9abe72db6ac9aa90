// Runs every driver against one local server in lockstep: each peer is one warm `node` process (forked
// with an IPC channel, no JIT state shared), and the coordinator has them run one block of requests at a
// time, in turn, round after round. Two peers' blocks of one round are a second or two apart, so a slow
// drift of this shared machine touches both; each round gives one paired ratio, and the verdict reads the
// median of those, with a bootstrap interval that says how settled it is. A block's CPU still moves by
// about 18 % from one block to the next (GC, the machine), so precision comes from many rounds; the
// rounds are spread over a few SESSIONS of fresh processes so that no one process's luck decides. The
// server checks every block (its count, no rejections).
//   node bench/requests/run.mjs        (bench/requests.sh installs the peers first)
// Environment: SESSIONS (6), ROUNDS per session (15), PEERS ("fetch msgraph-ts kiota graph-client pnp"; also
// `msgraph-ts@<dir>`, another build beside this one),
// MSGRAPH_TS (another build to measure, see msgraph-ts.mjs), WARMUP_ROUNDS (4), VERBOSE (1: a line per
// round), and counts.mjs's WARMUP (500), BLOCK (250 sequential requests; twice that for the concurrent
// block), CONCURRENCY (16).
import { execFileSync, fork } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BLOCK, CONCURRENCY, int, WARMUP_REQUESTS } from './counts.mjs';
import { startServer } from './local-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SESSIONS = int('SESSIONS', 6);
const ROUNDS = int('ROUNDS', 15);
const WARMUP_ROUNDS = int('WARMUP_ROUNDS', 4);
const PEERS = (process.env.PEERS ?? 'fetch msgraph-ts kiota graph-client pnp').split(/\s+/).filter(Boolean);

const server = await startServer();
const { port, pageBytes } = server;
const stats = async () => (await fetch(`http://127.0.0.1:${port}/__stats`)).json();

/** A forked driver: `ask(message)` sends one command and resolves to its reply (throws on `{ error }`). */
async function startDriver(peer) {
  // `msgraph-ts@<dir>`: the msgraph-ts driver measuring the build in <dir> (as MSGRAPH_TS), beside this one.
  const [driver, build] = peer.split('@');
  const env = build ? { ...process.env, MSGRAPH_TS: build } : process.env;
  const child = fork(join(here, `${driver}.mjs`), [String(port)], { cwd: here, env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const replies = [];
  let waiting;
  child.on('message', (m) => (waiting ? (waiting(m), (waiting = undefined)) : replies.push(m)));
  const exited = once(child, 'exit').then(([code]) => { throw new Error(`${peer} exited ${code} mid-run`); });
  exited.catch(() => {});
  const next = () => Promise.race([exited, replies.length ? replies.shift() : new Promise((r) => (waiting = r))]);
  await next(); // { ready }
  return {
    peer,
    async ask(message) {
      child.send(message);
      const reply = await next();
      if (reply.error) throw new Error(`${peer}: ${reply.error}`);
      return reply;
    },
    /** Ends the process (it exits when its IPC channel closes); resolves once it has. */
    async stop() {
      if (!child.connected) return;
      const gone = once(child, 'exit');
      child.disconnect();
      await gone;
    },
    /** The block whose CPU the next `idleCpuUs` belongs to (undefined after the warm-up: the warm-up's). */
    owes: undefined,
    /** Adds CPU spent between two blocks to the earlier one: background work it left behind is its cost. */
    settle(idleCpuUs) {
      if (this.owes) {
        this.owes.row[this.owes.key] += idleCpuUs / this.owes.n;
        info[peer].idleCpuUs += idleCpuUs;
      }
      this.owes = undefined;
    },
  };
}

/** The server saw exactly `want` requests of the block (and nothing rejected); returns what it saw. */
async function checked(peer, want) {
  const seen = await stats();
  const ok = seen.get === (want.get ?? 0) && seen.sendMail === (want.sendMail ?? 0) && seen.rejected === 0;
  if (!ok) throw new Error(`${peer}: the server saw ${JSON.stringify(seen)}, expected ${JSON.stringify(want)} and no rejections`);
  return seen;
}

// What was measured: msgraph-ts is this checkout's dist/, which may be ahead of or behind its src/.
const git = (...args) => { try { return execFileSync('git', ['-C', join(here, '../..'), ...args], { encoding: 'utf8' }).trim(); } catch { return '?'; } };
const pkg = process.env.MSGRAPH_TS ?? join(here, '../..');
const built = statSync(join(pkg, 'dist/transport.js')).mtime.toISOString().slice(0, 19);
if (process.env.MSGRAPH_TS) {
  console.log(`msgraph-ts from MSGRAPH_TS=${pkg}, dist/ built ${built}Z; node ${process.version}`);
} else {
  const dirty = git('status', '--porcelain', '--', 'src', 'generated').split('\n').filter(Boolean).length;
  console.log(`msgraph-ts at ${git('rev-parse', '--short', 'HEAD')}${dirty ? ` (+${dirty} uncommitted files in src/)` : ''}, dist/ built ${built}Z; node ${process.version}`);
}
console.log(`local server :${port}, page ${pageBytes} bytes; ${SESSIONS} sessions (fresh processes) of ${ROUNDS} rounds, each peer per round: ${BLOCK} GETs and ${BLOCK} sendMail sequential, ${2 * BLOCK} GETs ${CONCURRENCY} in flight`);

/** Per peer, per round: { getCpuUs, getP50Ms, sendCpuUs, sendP50Ms, concCpuUs, rps }. */
const rounds = Object.fromEntries(PEERS.map((p) => [p, []]));
const info = Object.fromEntries(PEERS.map((p) => [p, { connections: 0, requests: 0, withClientRequestId: 0, idleCpuUs: 0 }]));
let drivers = [];
let failed = false;
try {
  for (let session = 0; session < SESSIONS; session++) {
    drivers = [];
    const warm = [];
    for (const peer of PEERS) {
      const d = await startDriver(peer);
      drivers.push(d);
      await stats();
      const { cpuUs } = await d.ask({ cmd: 'warmup', rounds: WARMUP_ROUNDS });
      await checked(peer, { get: WARMUP_ROUNDS * WARMUP_REQUESTS.get, sendMail: WARMUP_ROUNDS * WARMUP_REQUESTS.sendMail });
      warm.push(`${peer} ${cpuUs.toFixed(0)} µs`);
    }
    console.log(`  session ${session + 1}: warm-up of ${WARMUP_ROUNDS * (WARMUP_REQUESTS.get + WARMUP_REQUESTS.sendMail)} requests, CPU per request: ${warm.join(', ')}`);
    for (let r = 0; r < ROUNDS; r++) {
      const round = session * ROUNDS + r;
      // Each peer takes each place in the order equally often.
      const order = drivers.map((_, i) => drivers[(i + round) % drivers.length]);
      const row = Object.fromEntries(PEERS.map((p) => [p, {}]));
      for (const [cmd, n, kind] of [['get', BLOCK, 'get'], ['send', BLOCK, 'sendMail'], ['concurrent', 2 * BLOCK, 'get']]) {
        for (const d of order) {
          const reply = await d.ask({ cmd, n });
          d.settle(reply.idleCpuUs);
          const seen = await checked(d.peer, { [kind]: n });
          Object.assign(info[d.peer], { connections: info[d.peer].connections + seen.connections, requests: info[d.peer].requests + n, withClientRequestId: info[d.peer].withClientRequestId + seen.withClientRequestId });
          const cpuKey = cmd === 'concurrent' ? 'concCpuUs' : `${cmd}CpuUs`;
          row[d.peer][cpuKey] = reply.cpuUs;
          if (cmd === 'concurrent') row[d.peer].rps = reply.rps;
          else row[d.peer][`${cmd}P50Ms`] = reply.p50Ms;
          d.owes = { row: row[d.peer], key: cpuKey, n };
        }
      }
      for (const p of PEERS) rounds[p].push(row[p]);
      if (r === ROUNDS - 1) for (const d of drivers) d.settle((await d.ask({ cmd: 'idle' })).idleCpuUs);
      if (process.env.VERBOSE) console.log(`  round ${round + 1}: ${PEERS.map((p) => `${p} ${row[p].getCpuUs.toFixed(0)}/${row[p].sendCpuUs.toFixed(0)}/${row[p].concCpuUs.toFixed(0)} µs ${row[p].rps.toFixed(0)} req/s`).join('  ')}`);
    }
    for (const d of drivers) await d.stop();
  }
} catch (e) {
  failed = true;
  console.error(String(e?.stack ?? e));
} finally {
  for (const d of drivers) await d.stop();
  server.stop();
}
if (failed) process.exit(1);

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const quantile = (xs, q) => { const s = sorted(xs); const i = (s.length - 1) * q; return s[Math.floor(i)] + (s[Math.ceil(i)] - s[Math.floor(i)]) * (i % 1); };
const median = (xs) => quantile(xs, 0.5);
const values = (peer, k) => rounds[peer].map((r) => r[k]);
/** `peer`'s figure over `other`'s in the same round, for every round. */
const paired = (peer, other, k) => rounds[peer].map((r, i) => r[k] / rounds[other][i][k]);
const cols = [
  ['getCpuUs', 'CPU µs/GET', 0], ['sendCpuUs', 'CPU µs/send', 0], ['concCpuUs', `CPU µs/GET @${CONCURRENCY}`, 0],
  ['rps', `req/s @${CONCURRENCY}`, 0], ['getP50Ms', 'p50 GET ms', 3], ['sendP50Ms', 'p50 send ms', 3],
];
const base = PEERS.includes('fetch') ? 'fetch' : undefined;
console.log(`\nmedian over ${SESSIONS * ROUNDS} rounds per peer${base ? '; ×: median of the per-round ratios to plain fetch (for req/s higher is better, for the rest lower)' : ''}`);
console.log(['peer'.padEnd(13), ...cols.map(([, h]) => h.padStart(base ? 17 : 12)), '  client-request-id  new connections'].join(''));
for (const peer of PEERS) {
  const cells = cols.map(([k, , d]) => `${median(values(peer, k)).toFixed(d)}${base ? ` ${median(paired(peer, base, k)).toFixed(2)}×` : ''}`.padStart(base ? 17 : 12));
  const { connections, requests, withClientRequestId } = info[peer];
  console.log([peer.padEnd(13), ...cells, `  ${withClientRequestId === requests ? 'sent    ' : 'not sent'}           ${connections}`].join(''));
}
console.log(`CPU between blocks, counted in the figures above: ${PEERS.map((p) => `${p} ${(info[p].idleCpuUs / info[p].requests).toFixed(1)} µs`).join(', ')} per request`);
// How far a median ratio could be from where more sessions and rounds would take it: the 5th and 95th
// percentiles of the medians of 2,000 resamples, each drawing SESSIONS sessions (with replacement, so a
// process's own luck counts) and then each drawn session's rounds from that session's own.
const intervals = new Map();
let seed = 1; // random()'s state
function interval(peer, other, k) {
  const key = `${peer}/${other}/${k}`;
  if (!intervals.has(key)) {
    const x = paired(peer, other, k);
    const pick = (n) => Math.floor(random() * n);
    const resampled = () => {
      const sessions = Array.from({ length: SESSIONS }, () => pick(SESSIONS));
      return median(x.map((_, i) => x[sessions[Math.floor(i / ROUNDS)] * ROUNDS + pick(ROUNDS)]));
    };
    const medians = Array.from({ length: 2000 }, resampled);
    intervals.set(key, [quantile(medians, 0.05), quantile(medians, 0.95)]);
  }
  return intervals.get(key);
}
if (base) {
  console.log(`\nper-round ratio to fetch, median (90 % interval)`);
  for (const peer of PEERS.filter((p) => p !== base)) {
    const show = (k) => { const [lo, hi] = interval(peer, base, k); return `${median(paired(peer, base, k)).toFixed(2)}× (${lo.toFixed(2)}–${hi.toFixed(2)})`; };
    console.log(`  ${peer}: ${cols.map(([k, h]) => `${h} ${show(k)}`).join('; ')}`);
  }
}
if (base && PEERS.includes('msgraph-ts')) {
  const m = (other, k) => median(paired('msgraph-ts', other, k));
  // A yes or no on the median; "unsettled" when its interval reaches across the limit: more SESSIONS decide.
  const verdict = (other, k, ok) => {
    const [lo, hi] = interval('msgraph-ts', other, k);
    return `${ok(m(other, k)) ? 'yes' : 'no'}${ok(lo) === ok(hi) ? '' : ' (unsettled)'} ${m(other, k).toFixed(2)}×`;
  };
  const within = (k) => verdict(base, k, k === 'rps' ? (r) => r >= 1 / 1.1 : (r) => r <= 1.1);
  const ahead = (peer) => !PEERS.includes(peer) ? `${peer} not run`
    : `${peer} (msgraph-ts / ${peer} per round): CPU/GET ${verdict(peer, 'getCpuUs', (r) => r < 1)}, CPU/send ${verdict(peer, 'sendCpuUs', (r) => r < 1)}, req/s ${verdict(peer, 'rps', (r) => r > 1)}`;
  console.log(`\ntarget (issue 4), on the per-round ratios: within 10% of fetch — CPU/GET ${within('getCpuUs')}, CPU/send ${within('sendCpuUs')}, CPU/GET @${CONCURRENCY} ${within('concCpuUs')}, p50 GET ${within('getP50Ms')}, req/s ${within('rps')}; ahead of ${ahead('kiota')}; ahead of ${ahead('graph-client')}`);
}

// For bench/report.mjs (BENCH_JSON=file): the medians of the per-round ratios to fetch, as data.
if (base && process.env.BENCH_JSON) {
  const ratios = Object.fromEntries(PEERS.map((p) => [p, Object.fromEntries(cols.map(([k]) => [k, median(paired(p, base, k))]))]));
  writeFileSync(process.env.BENCH_JSON, `${JSON.stringify({ date: new Date().toISOString().slice(0, 10), rounds: SESSIONS * ROUNDS, ratios }, null, 2)}\n`);
}

/** A seeded generator (mulberry32): the same rounds give the same intervals. */
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
}
