// `npm run bench`'s report: msgraph-ts beside plain fetch, Kiota, graph-client and PnPjs, each doing the
// same small mail program (list 5 messages, send a mail), in one run on this machine: what `npm install`
// brings, the program's minified bundle, its type-check CPU, cold start to the first request, and (from
// the requests bench, when it ran) CPU per request and throughput as ratios to fetch. Writes
// bench/results/<date>.md and <date>.svg and puts both in the README between its bench markers.
//   node bench/report.mjs          (N=5 type-checks, COLD=9 cold starts per peer; `npm run setup` first)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chart } from './report/chart.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const N = Number(process.env.N ?? 5);
const COLD = Number(process.env.COLD ?? 9);
const versions = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).devDependencies;
const pin = (name) => `${name}@${versions[name]}`;

/** `install`: what a user of the peer installs (null: the packed msgraph-ts); `program`: typecheck/<program>/main.ts. */
const PEERS = [
  { id: 'fetch', name: 'plain fetch', install: [], program: 'fetch', cold: 'runtime/cold-fetch.mjs' },
  { id: 'msgraph-ts', name: 'msgraph-ts', install: null, program: 'mail', cold: 'runtime/cold-ours.mjs' },
  { id: 'kiota', name: 'Kiota', install: [pin('@microsoft/msgraph-sdk'), pin('@microsoft/msgraph-sdk-users')], program: 'kiota', cold: 'report/cold-kiota.mjs' },
  { id: 'graph-client', name: 'graph-client', install: [pin('@microsoft/microsoft-graph-client'), pin('@microsoft/microsoft-graph-types')], program: 'graphclient', cold: 'report/cold-graph-client.mjs' },
  { id: 'pnp', name: 'PnPjs', install: [pin('@pnp/graph'), pin('@pnp/queryable')], program: 'pnp', cold: 'report/cold-pnp.mjs' },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const log = (line) => process.stderr.write(`${line}\n`);

/** Bytes as `du -sb` counts them: files and the directories themselves. */
function bytesUnder(path) {
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((n, f) => n + bytesUnder(join(path, f)), s.size) : s.size;
}

function packageCount(modules) {
  if (!existsSync(modules)) return 0;
  return readdirSync(modules).filter((n) => !n.startsWith('.')).reduce((n, name) => n + (name.startsWith('@') ? readdirSync(join(modules, name)).length : 1), 0);
}

/** `npm install` of the peer into an empty project: packages and bytes of node_modules. */
function closure(peer, tarball, work) {
  if (peer.install?.length === 0) return { packages: 0, mib: 0 };
  const dir = join(work, peer.id);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', ...(peer.install ?? [tarball])], { cwd: dir, stdio: 'ignore' });
  return { packages: packageCount(join(dir, 'node_modules')), mib: bytesUnder(join(dir, 'node_modules')) / 2 ** 20 };
}

async function bundle(peer) {
  const result = await build({ entryPoints: [join(here, 'typecheck', peer.program, 'main.ts')], bundle: true, minify: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent', absWorkingDir: here });
  return result.outputFiles[0].contents.byteLength / 1024;
}

/** CPU seconds (user + sys) of one whole `tsc -p` process over the peer's program. */
function typecheckCpu(peer) {
  const tsc = join(here, 'node_modules/typescript/bin/tsc');
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, tsc, '-p', join(here, 'typecheck', peer.program, 'tsconfig.json')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tsc for ${peer.id} failed:\n${r.stdout}${r.stderr}`);
  const [user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return user + sys;
}

/** Wall milliseconds from `node` start to the first answered request. */
function coldStart(peer) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(here, peer.cold)], { cwd: here, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${peer.cold} failed:\n${r.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** `measure(peer)` for every peer in turn, `times` rounds: a drift of this shared machine touches every peer alike. Medians. */
function interleaved(times, measure) {
  const runs = Object.fromEntries(PEERS.map((p) => [p.id, []]));
  for (let i = 0; i < times; i++) for (const peer of PEERS) runs[peer.id].push(measure(peer));
  return Object.fromEntries(PEERS.map((p) => [p.id, median(runs[p.id])]));
}

/** The requests bench's ratios to fetch, when `npm run bench` ran it (BENCH_JSON of requests/run.mjs). */
function requestRatios() {
  const file = join(here, 'results', 'requests.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8'));
}

if (!existsSync(join(here, 'node_modules/@pnp/graph'))) execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: here, stdio: 'ignore' });
const work = mkdtempSync(join(tmpdir(), 'msgraph-ts-bench-'));
const server = spawn(process.execPath, [join(here, 'runtime/server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve, reject) => {
  server.stdout.once('data', resolve);
  server.once('exit', () => reject(new Error('bench/runtime/server.mjs could not serve 127.0.0.1:18080, which the cold-start programs call: is another bench running?')));
});
const rows = {};
try {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))[0];
  const tarball = join(work, packed.filename);
  for (const peer of PEERS) {
    log(`${peer.name}: install, bundle`);
    rows[peer.id] = { ...closure(peer, tarball, work), bundleKiB: await bundle(peer) };
  }
  log(`${N} rounds of type-checks, ${COLD} rounds of cold starts, every peer in each round`);
  const typecheckS = interleaved(N, typecheckCpu);
  const coldMs = interleaved(COLD, coldStart);
  for (const peer of PEERS) Object.assign(rows[peer.id], { typecheckS: typecheckS[peer.id], coldMs: coldMs[peer.id] });
} finally {
  server.kill();
  rmSync(work, { recursive: true, force: true });
}

const requests = requestRatios();
const date = new Date().toISOString().slice(0, 10);
const cell = (v, digits) => (v === undefined ? '—' : v.toFixed(digits));
const metrics = [
  ['`npm install`: packages', (id) => rows[id].packages, 0],
  ['`npm install`: node_modules, MiB', (id) => rows[id].mib, 1],
  ['mail program bundle, minified KiB', (id) => rows[id].bundleKiB, 1],
  [`type-check, CPU s (median of ${N})`, (id) => rows[id].typecheckS, 2],
  [`cold start to first request, ms (median of ${COLD})`, (id) => rows[id].coldMs, 0],
  ['CPU per GET, × fetch (requests bench)', (id) => requests?.ratios?.[id]?.getCpuUs, 2],
  ['CPU per sendMail, × fetch', (id) => requests?.ratios?.[id]?.sendCpuUs, 2],
  ['requests/s with 16 in flight, × fetch', (id) => requests?.ratios?.[id]?.rps, 2],
];
const table = [
  `| ${date}, Node ${process.version}, ${PEERS.length} peers in one run | ${PEERS.map((p) => p.name).join(' | ')} |`,
  `| --- | ${PEERS.map(() => '---:').join(' | ')} |`,
  ...metrics.map(([label, value, digits]) => `| ${label} | ${PEERS.map((p) => cell(value(p.id), digits)).join(' | ')} |`),
].join('\n');
const note = requests
  ? `Requests: ${requests.rounds} lockstep rounds of \`npm run bench\` on ${requests.date} (bench/README.md)${PEERS.filter((p) => !requests.ratios[p.id]).map((p) => `; ${p.name} not in that run`).join('')}.`
  : 'Requests: not run this time (`npm run bench` runs them first, 7 to 11 minutes).';
const versionsLine = `Versions: ${PEERS.flatMap((p) => p.install ?? []).join(', ')}; msgraph-ts packed from this tree (its mail workload entry point).`;

mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', `${date}.md`), `# Bench, ${date}\n\n${table}\n\n${note}\n${versionsLine}\n`);
writeFileSync(join(here, 'results', `${date}.svg`), chart(date, PEERS, metrics.filter(([, value]) => PEERS.some((p) => value(p.id) !== undefined))));
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = '<!-- bench:start -->';
const end = '<!-- bench:end -->';
if (readme.includes(start) && readme.includes(end)) {
  const section = `${start}\n${table}\n\n${note}\n${versionsLine}\n\n![The same table as bars, per row relative to its largest value](bench/results/${date}.svg)\n${end}`;
  writeFileSync(readmePath, readme.slice(0, readme.indexOf(start)) + section + readme.slice(readme.indexOf(end) + end.length));
}
console.log(table);
console.log(`\n${note}\nwrote bench/results/${date}.md and .svg${readme.includes(start) ? ', and the README\'s bench section' : ''}`);
