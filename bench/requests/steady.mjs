// Warm-up and steady state with 16 in flight: each peer in its own process runs BLOCKS blocks of 500 GETs
// (16 in flight) and prints CPU µs per request for every block, then the median of the later half. Shows
// how long a client takes to reach its steady cost, which the bench's 16-in-flight phase partly measures.
//   node bench/requests/steady.mjs [msgraph-ts build dir …]      (default: this checkout); env: BLOCKS (24)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './local-server.mjs';
import { peerCalls } from './peer-calls.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const BLOCKS = Number(process.env.BLOCKS ?? 24);

if (process.argv[2] === '--peer') {
  // One peer: fetch, or the msgraph-ts build at the given directory.
  const [, , , peer, port] = process.argv;
  const origin = `http://127.0.0.1:${port}`;
  const { get } = await peerCalls(peer, origin);
  const cpu = () => { const c = process.cpuUsage(); return c.user + c.system; };
  const blocks = [];
  for (let b = 0; b < BLOCKS; b++) {
    const c0 = cpu();
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => { while (next++ < 500) await get(); }));
    blocks.push(Math.round((cpu() - c0) / 500));
  }
  const later = blocks.slice(BLOCKS / 2).sort((a, b) => a - b);
  console.log(`${peer.padEnd(24)} steady ${String(later[later.length >> 1]).padStart(4)} µs/req   per block: ${blocks.join(' ')}`);
} else {
  const server = await startServer();
  const { port } = server;
  const builds = process.argv.length > 2 ? process.argv.slice(2) : [join(here, '../..')];
  for (const peer of ['fetch', ...builds]) {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--peer', peer, String(port)], { stdio: ['ignore', 'inherit', 'inherit'] });
    await once(child, 'close');
  }
  server.stop();
}
