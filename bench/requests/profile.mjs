// Where one peer's per-request CPU goes: runs its driver under `node --cpu-prof` against the local
// server and keeps only the samples of one measured phase (the sequential GETs or the sendMail POSTs,
// after the usual warm-up), then prints self time by module and by function in µs per request, the
// callers of the heaviest functions, and the inclusive time of the heaviest functions.
//   node bench/requests/profile.mjs [peer=msgraph-ts] [get|send|concurrent] [count=4000] [baseline]
// (`concurrent`: the GETs with CONCURRENCY in flight, as the bench's req/s phase runs them.)
// With a baseline peer (e.g. fetch), both are profiled twice, alternately, and every row shows the
// peer's µs/request, the baseline's, and the difference, sorted by the difference.
// The .cpuprofile files are kept (paths printed) for Chrome DevTools or speedscope.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './local-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [peer = 'msgraph-ts', what = 'get', countArg = '4000', baseline] = process.argv.slice(2);
const count = Number(countArg);

const server = await startServer();
const { port } = server;

/** Runs `p` once under the profiler; returns the phase's samples as [node label stack, self µs] aggregates. */
async function profileOnce(p) {
  const dir = mkdtempSync(join(tmpdir(), `requests-prof-${p}-`));
  const env = { ...process.env, GETS: what === 'get' ? countArg : '0', SENDS: what === 'send' ? countArg : '0', CONCURRENT_GETS: what === 'concurrent' ? countArg : '0', REQUESTS_MARKS: '1' };
  const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-interval=100', `--cpu-prof-dir=${dir}`, join(here, `${p}.mjs`), String(port)], { cwd: here, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const [code] = await once(child, 'close');
  if (code !== 0) throw new Error(`${p} exited ${code}: ${err}`);
  const marks = Object.fromEntries([...err.matchAll(/^@mark (\w+) (\d+)$/gm)].map((m) => [m[1], Number(m[2])]));
  const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile')));
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // A sample stands for the interval until the next one; keep those inside the phase.
  const [from, to] = { get: [marks.get, marks.send], send: [marks.send, marks.concurrent], concurrent: [marks.concurrent, marks.end] }[what];
  const self = new Map();
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (t >= from && t < to) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  const stack = (id) => { const s = []; for (let cur = id; cur !== undefined; cur = parent.get(cur)) s.push(byId.get(cur).callFrame); return s; };
  return { file, samples: [...self].map(([id, us]) => ({ stack: stack(id), us })) };
}

const moduleOf = ({ url, functionName }) => {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) { const rest = url.slice(nm + 14).split('/'); return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]; }
  if (url.includes('/dist/')) return `msgraph-ts ${url.slice(url.lastIndexOf('/dist/') + 1)}`;
  if (url.includes('/generated/')) return 'msgraph-ts generated';
  if (url.includes('/bench/requests/')) return `bench ${url.slice(url.lastIndexOf('/') + 1)}`;
  if (url.startsWith('node:internal/deps/undici')) return 'undici';
  if (url.startsWith('node:')) return url.split('/').slice(0, 3).join('/');
  return url;
};
const label = (f) => `${f.functionName || '(anonymous)'} ${moduleOf(f)}:${f.lineNumber + 1}`;
const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);

/** µs per request by module, by function (self), by function (inclusive) and callers, averaged over runs. */
function aggregate(runs) {
  const byModule = new Map(), byFunction = new Map(), inclusive = new Map(), callers = new Map();
  let total = 0;
  for (const { samples } of runs) {
    for (const { stack, us } of samples) {
      const v = us / count / runs.length;
      total += v;
      add(byModule, moduleOf(stack[0]), v);
      const fn = label(stack[0]);
      add(byFunction, fn, v);
      // Two callers up, outside node's own plumbing where possible.
      const up = stack.slice(1, 3).map(label).join(' < ');
      if (!callers.has(fn)) callers.set(fn, new Map());
      add(callers.get(fn), up, v);
      const seen = new Set();
      for (const f of stack) { const l = label(f); if (!seen.has(l)) { seen.add(l); add(inclusive, l, v); } }
    }
  }
  return { total, byModule, byFunction, inclusive, callers };
}

const runs = { [peer]: [] };
if (baseline) runs[baseline] = [];
try {
  for (let i = 0; i < (baseline ? 2 : 1); i++) for (const p of Object.keys(runs)) runs[p].push(await profileOnce(p));
} finally {
  server.stop();
}
const a = aggregate(runs[peer]);
const b = baseline ? aggregate(runs[baseline]) : undefined;
const f1 = (x) => x.toFixed(1).padStart(7);
const row = (k, m, mb) => (b ? `${f1(m.get(k) ?? 0)} ${f1(mb.get(k) ?? 0)} ${f1((m.get(k) ?? 0) - (mb.get(k) ?? 0))}  ${k}` : `${f1(m.get(k) ?? 0)} ${((100 * (m.get(k) ?? 0)) / a.total).toFixed(1).padStart(5)} %  ${k}`);
const head = b ? `${peer.slice(0, 7).padStart(7)} ${baseline.slice(0, 7).padStart(7)}    diff  (µs per request)` : '  µs/req  share';
const table = (title, key, n) => {
  const m = a[key], mb = b?.[key];
  const keys = new Set([...m.keys(), ...(mb?.keys() ?? [])]);
  const score = (k) => (b ? (m.get(k) ?? 0) - (mb.get(k) ?? 0) : m.get(k) ?? 0);
  console.log(`\n${title}\n${head}`);
  for (const k of [...keys].sort((x, y) => score(y) - score(x)).slice(0, n)) console.log(row(k, m, mb));
};

console.log(`${peer}${b ? ` against ${baseline}` : ''}: ${count} ${{ get: 'sequential GETs', send: 'sequential sendMail POSTs', concurrent: 'GETs 16 in flight' }[what]} after warm-up, sampled every 100 µs, only that phase;`);
console.log(`wall time per request (samples include idle): ${peer} ${a.total.toFixed(0)} µs${b ? `, ${baseline} ${b.total.toFixed(0)} µs` : ''}`);
for (const [p, rs] of Object.entries(runs)) for (const r of rs) console.log(`  ${p}: ${r.file}`);
table('self time by module', 'byModule', 18);
table('self time by function', 'byFunction', 30);
table('inclusive time by function (the function and everything it calls)', 'inclusive', 40);
console.log(`\ncallers of the ${b ? 'functions that grew most' : 'heaviest functions'} (${peer})`);
const grown = [...a.byFunction.keys()].sort((x, y) => ((a.byFunction.get(y) - (b?.byFunction.get(y) ?? 0)) - (a.byFunction.get(x) - (b?.byFunction.get(x) ?? 0)))).slice(0, 8);
for (const fn of grown) {
  console.log(`  ${fn}`);
  for (const [up, v] of [...a.callers.get(fn)].sort((x, y) => y[1] - x[1]).slice(0, 3)) console.log(`    ${f1(v)} µs  < ${up}`);
}
