// A/B of builds in one process: plain fetch and each msgraph-ts build (a package directory, as for
// MSGRAPH_TS) take turns, block by block, against the local server; per round each build's CPU per
// request is divided by fetch's from the same round, and the median ratio is printed. Steadier than
// separate processes for telling two builds apart (both see the same machine at the same moment), but
// JIT state is shared: use `npm run bench` for the figures against the SDKs.
//   node bench/requests/ab.mjs /tmp/m-<commit> /tmp/m-<other>     env: C (in flight, 1), N (GETs per block, 300), R (rounds, 15)
import { startServer } from './local-server.mjs';
import { peerCalls } from './peer-calls.mjs';

const server = await startServer();
const { origin } = server;
const peers = { fetch: await peerCalls('fetch', origin) };
for (const dir of process.argv.slice(2)) peers[dir] = await peerCalls(dir, origin);

const C = Number(process.env.C ?? 1), N = Number(process.env.N ?? 300), R = Number(process.env.R ?? 15);
const cpu = () => { const c = process.cpuUsage(); return c.user + c.system; };
/** CPU µs per call of `n` calls, `C` in flight. */
async function block(call, n) {
  const t = cpu();
  let next = 0;
  await Promise.all(Array.from({ length: C }, async () => { while (next++ < n) await call(); }));
  return (cpu() - t) / n;
}
for (const p of Object.values(peers)) { await block(p.get, 500); await block(p.send, 100); }
const ratios = Object.fromEntries(Object.keys(peers).map((k) => [k, { get: [], send: [] }]));
for (let r = 0; r < R; r++) {
  const names = Object.keys(peers);
  if (r % 2) names.reverse();
  const us = {};
  for (const name of names) us[name] = { get: await block(peers[name].get, N), send: await block(peers[name].send, Math.ceil(N / 3)) };
  for (const name of names) for (const k of ['get', 'send']) ratios[name][k].push(us[name][k] / us.fetch[k]);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${R} rounds, ${C} in flight; CPU per request as the median ratio to fetch in the same round`);
for (const [name, x] of Object.entries(ratios)) console.log(`${name.padEnd(28)} GET ${median(x.get).toFixed(3)}×  sendMail ${median(x.send).toFixed(3)}×`);
server.stop();
