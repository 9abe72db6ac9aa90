// Runs every driver ROUNDS times against one local server, each run its own `node` process, the order
// alternating between rounds; checks on the server side that each run sent exactly the requests it
// should have; prints one line per run, then per peer the medians and their ratios to plain fetch.
//   node bench/requests/run.mjs        (bench/requests.sh installs the peers first)
// Environment: ROUNDS (5), PEERS ("fetch msgraph-ts kiota graph-client"), MSGRAPH_TS (another build to
// measure, see msgraph-ts.mjs), and the harness's WARMUP (500), GETS (3000), SENDS (1000), CONCURRENCY (16),
// CONCURRENT_GETS (4000), BLOCK (250).
import { execFileSync, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './local-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const PEERS = (process.env.PEERS ?? 'fetch msgraph-ts kiota graph-client').split(/\s+/).filter(Boolean);
const counts = {
  WARMUP: process.env.WARMUP ?? '500',
  GETS: process.env.GETS ?? '3000',
  SENDS: process.env.SENDS ?? '1000',
  CONCURRENCY: process.env.CONCURRENCY ?? '16',
  CONCURRENT_GETS: process.env.CONCURRENT_GETS ?? '4000',
};
const n = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)]));
const expected = { get: 2 * n.WARMUP + n.GETS + n.CONCURRENT_GETS, sendMail: Math.floor(n.WARMUP / 5) + n.SENDS };

const server = await startServer();
const { port, pageBytes } = server;
const stats = async () => (await fetch(`http://127.0.0.1:${port}/__stats`)).json();
let failed = false;

async function runDriver(peer) {
  const child = spawn(process.execPath, [join(here, `${peer}.mjs`), String(port)], { cwd: here, env: { ...process.env, ...counts }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const [code] = await once(child, 'close');
  const seen = await stats();
  const line = out.trim().split('\n').pop();
  if (code !== 0 || !line?.startsWith('{')) throw new Error(`${peer} exited ${code}\n${err || out}`);
  const result = JSON.parse(line);
  if (seen.get !== expected.get || seen.sendMail !== expected.sendMail || seen.rejected !== 0) {
    throw new Error(`${peer}: the server saw ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)} and no rejections`);
  }
  result.clientRequestId = seen.withClientRequestId === seen.get + seen.sendMail;
  result.connections = seen.connections;
  return result;
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
console.log(`local server :${port}, page ${pageBytes} bytes; per run: ${n.WARMUP} warm-up, ${n.GETS} GETs and ${n.SENDS} sendMail sequential, ${n.CONCURRENT_GETS} GETs ${n.CONCURRENCY} in flight; ${ROUNDS} rounds`);
const runs = Object.fromEntries(PEERS.map((p) => [p, []]));
try {
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? PEERS : [...PEERS].reverse();
    for (const peer of order) {
      const r = await runDriver(peer);
      runs[peer].push(r);
      console.log(`  round ${round + 1} ${peer.padEnd(13)} GET ${r.getCpuUs.toFixed(0).padStart(5)} µs CPU  sendMail ${r.sendCpuUs.toFixed(0).padStart(5)} µs  ${String(r.rps).padStart(5)} req/s  p50 ${r.getP50Ms.toFixed(3)} ms  ${r.connections} connections`);
    }
  }
} catch (e) {
  failed = true;
  console.error(String(e?.stack ?? e));
} finally {
  server.stop();
}
if (failed) process.exit(1);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const med = (peer, key) => median(runs[peer].map((r) => r[key]));
const cols = [
  ['getCpuUs', 'CPU µs/GET', 0], ['sendCpuUs', 'CPU µs/send', 0], ['concCpuUs', `CPU µs/GET @${n.CONCURRENCY}`, 0],
  ['rps', `req/s @${n.CONCURRENCY}`, 0], ['getP50Ms', 'p50 GET ms', 3], ['sendP50Ms', 'p50 send ms', 3],
];
const base = PEERS.includes('fetch') ? 'fetch' : undefined;
console.log('\nmedian of', ROUNDS, 'runs per peer', base ? '(×: ratio to plain fetch; for req/s higher is better, for the rest lower)' : '');
console.log(['peer'.padEnd(13), ...cols.map(([, h]) => h.padStart(base ? 17 : 12)), '  client-request-id'].join(''));
for (const peer of PEERS) {
  const cells = cols.map(([k, , d]) => {
    const v = med(peer, k);
    const ratio = base ? ` ${(v / med(base, k)).toFixed(2)}×` : '';
    return `${v.toFixed(d)}${ratio}`.padStart(base ? 17 : 12);
  });
  console.log([peer.padEnd(13), ...cells, `  ${runs[peer].every((r) => r.clientRequestId) ? 'sent' : 'not sent'}`].join(''));
}
if (base && PEERS.includes('msgraph-ts')) {
  // Paired per round (same round, neighbouring processes): the steadier way to read a ratio on a noisy machine.
  const paired = (k) => runs['msgraph-ts'].map((r, i) => r[k] / runs[base][i][k]).sort((a, b) => a - b);
  const show = (k) => paired(k).map((x) => x.toFixed(2)).join(' ');
  console.log(`\nmsgraph-ts / fetch per round: CPU/GET ${show('getCpuUs')}; CPU/send ${show('sendCpuUs')}; req/s ${show('rps')}; p50 GET ${show('getP50Ms')}`);
  const within = (k) => (med('msgraph-ts', k) / med(base, k) <= 1.1 ? 'yes' : 'no');
  const ahead = (peer) => !PEERS.includes(peer) ? `${peer} not run`
    : `${peer}: CPU/GET ${med('msgraph-ts', 'getCpuUs') < med(peer, 'getCpuUs') ? 'yes' : 'no'}, CPU/send ${med('msgraph-ts', 'sendCpuUs') < med(peer, 'sendCpuUs') ? 'yes' : 'no'}, req/s ${med('msgraph-ts', 'rps') > med(peer, 'rps') ? 'yes' : 'no'}`;
  console.log(`target (issue 4), on the medians: within 10% of fetch — CPU/GET ${within('getCpuUs')}, CPU/send ${within('sendCpuUs')}, p50 GET ${within('getP50Ms')}, req/s ${med('msgraph-ts', 'rps') / med(base, 'rps') >= 1 / 1.1 ? 'yes' : 'no'}; ahead of ${ahead('kiota')}; ahead of ${ahead('graph-client')}`);
}
