// What every driver runs, so the peers differ only in the two calls they pass in. One `node` process per
// driver (no JIT state shared between peers).
//   get():  GET /v1.0/me/messages?$select=subject&$top=10, resolves to the parsed page
//   send(): POST /v1.0/me/sendMail, resolves once the 202 has arrived (throws on anything else)
// Forked by run.mjs (an IPC channel): warms up, then runs one block at a time when told (see `serve`).
// Run on its own (profile.mjs): warm-up; sequential GETs (CPU per request from process.cpuUsage(), wall
// latency per request); sequential sendMail POSTs (same); then GETs with CONCURRENCY in flight (req/s);
// prints one JSON line.
import { performance } from 'node:perf_hooks';
import { BLOCK, CONCURRENCY, int, WARMUP, WARMUP_REQUESTS } from './counts.mjs';

export { mail } from './peer-calls.mjs';

const GETS = int('GETS', 3000);
const SENDS = int('SENDS', 1000);
const CONCURRENT_GETS = int('CONCURRENT_GETS', 4000);

export const port = Number(process.argv[2] ?? process.env.PORT);
if (!port) throw new Error('usage: node <driver>.mjs <port>');
export const origin = `http://127.0.0.1:${port}`;

function check(page) {
  const v = page?.value;
  if (!Array.isArray(v) || v.length !== 10 || typeof v[0]?.subject !== 'string' || typeof v[9]?.id !== 'string') {
    throw new Error(`bad page: ${JSON.stringify(page)?.slice(0, 200)}`);
  }
}

const cpuNow = () => { const c = process.cpuUsage(); return c.user + c.system; };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))] : NaN; };

// CPU and rate are taken per block of requests and the median block is reported: a burst of another
// process on this shared machine spoils a block or two, not the figure. Totals are reported too.

async function sequential(n, call, block = BLOCK) {
  const lat = new Float64Array(n), blocks = [];
  const c0 = cpuNow();
  for (let i = 0; i < n; i += block) {
    const m = Math.min(block, n - i), b0 = cpuNow();
    for (let j = i; j < i + m; j++) {
      const t = performance.now();
      await call();
      lat[j] = performance.now() - t;
    }
    blocks.push((cpuNow() - b0) / m);
  }
  return { cpuUs: median(blocks), cpuUsTotal: (cpuNow() - c0) / n, p50Ms: median(lat), p99Ms: pct(lat, 0.99) };
}

async function concurrent(total, width, call) {
  const rates = [], cpus = [], size = BLOCK * 2;
  let started = 0, done = 0;
  const c0 = cpuNow(), w0 = performance.now();
  let b0 = c0, t0 = w0;
  const worker = async () => {
    while (started++ < total) {
      await call();
      if (++done % size === 0) {
        const c = cpuNow(), t = performance.now();
        rates.push(size / ((t - t0) / 1000));
        cpus.push((c - b0) / size);
        b0 = c;
        t0 = t;
      }
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  const rpsTotal = total / ((performance.now() - w0) / 1000), cpuUsTotal = (cpuNow() - c0) / total;
  return rates.length ? { rps: median(rates), rpsTotal, cpuUs: median(cpus), cpuUsTotal } : { rps: rpsTotal, rpsTotal, cpuUs: cpuUsTotal, cpuUsTotal };
}

// For profile.mjs: where each measured phase starts and ends, on the clock of --cpu-prof's timestamps.
const mark = process.env.REQUESTS_MARKS ? (what) => process.stderr.write(`@mark ${what} ${process.hrtime.bigint() / 1000n}\n`) : () => {};

export async function run(peer, { get, send }) {
  const getChecked = async () => check(await get());
  const warmUp = async () => {
    for (let i = 0; i < WARMUP; i++) await getChecked();
    for (let i = 0; i < WARMUP_REQUESTS.sendMail; i++) await send();
    await concurrent(WARMUP, CONCURRENCY, getChecked);
  };
  if (process.send) return serve(warmUp, getChecked, send);
  await warmUp();
  mark('get');
  const g = await sequential(GETS, getChecked);
  mark('send');
  const s = await sequential(SENDS, send);
  mark('concurrent');
  const c = await concurrent(CONCURRENT_GETS, CONCURRENCY, getChecked);
  mark('end');
  const r = (x, d = 1) => Number(x.toFixed(d));
  console.log(JSON.stringify({
    peer,
    getCpuUs: r(g.cpuUs), sendCpuUs: r(s.cpuUs), concCpuUs: r(c.cpuUs), rps: r(c.rps, 0),
    totals: { getCpuUs: r(g.cpuUsTotal), sendCpuUs: r(s.cpuUsTotal), concCpuUs: r(c.cpuUsTotal), rps: r(c.rpsTotal, 0) },
    getP50Ms: r(g.p50Ms, 3), getP99Ms: r(g.p99Ms, 3), sendP50Ms: r(s.p50Ms, 3),
    counts: { warmup: WARMUP, gets: GETS, sends: SENDS, concurrentGets: CONCURRENT_GETS, concurrency: CONCURRENCY },
  }));
}

/**
 * Lockstep mode (run.mjs forks the driver with an IPC channel): the process stays warm and runs one block
 * at a time when told, so that the coordinator can interleave the peers' blocks: neighbouring blocks of
 * two peers see the same machine, whatever a neighbour on the host does a minute later.
 *   { cmd: 'warmup', rounds }   the warm-up, `rounds` times; replies its CPU µs per request
 *   { cmd: 'get' | 'send', n }  n sequential requests; replies { cpuUs, p50Ms }
 *   { cmd: 'concurrent', n }    n GETs, CONCURRENCY in flight; replies { cpuUs, rps }
 *   { cmd: 'idle' }             nothing, just the reply's `idleCpuUs`
 * Every reply carries `idleCpuUs`: CPU µs spent since the previous reply. A failure replies { error }.
 * The driver exits when the coordinator disconnects.
 */
function serve(warmUp, getChecked, send) {
  process.on('disconnect', () => process.exit(0));
  let idleFrom = cpuNow();
  process.on('message', async ({ cmd, n, rounds }) => {
    // What the process spent while the other peers ran (background GC and compiler threads finishing this
    // peer's work, IPC): the coordinator adds it to this peer's previous block, so nothing goes uncounted.
    const idleCpuUs = cpuNow() - idleFrom;
    try {
      let reply;
      if (cmd === 'idle') {
        reply = {};
      } else if (cmd === 'warmup') {
        const c0 = cpuNow();
        for (let i = 0; i < rounds; i++) await warmUp();
        reply = { cpuUs: (cpuNow() - c0) / (rounds * (WARMUP_REQUESTS.get + WARMUP_REQUESTS.sendMail)) };
      } else if (cmd === 'concurrent') {
        const c = await concurrent(n, CONCURRENCY, getChecked);
        reply = { cpuUs: c.cpuUsTotal, rps: c.rpsTotal };
      } else {
        const s = await sequential(n, cmd === 'get' ? getChecked : send, n);
        reply = { cpuUs: s.cpuUsTotal, p50Ms: s.p50Ms };
      }
      idleFrom = cpuNow();
      process.send({ ...reply, idleCpuUs });
    } catch (e) {
      process.send({ error: String(e?.stack ?? e) });
    }
  });
  process.send({ ready: true });
}
