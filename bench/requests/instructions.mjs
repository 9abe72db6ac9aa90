// Instructions per GET (16 in flight), counted by valgrind's callgrind: unlike CPU time, a count does not
// move with what the rest of the machine does. Each peer runs twice, FEW and MANY GETs after the same
// start; the difference over (MANY - FEW) is the steady cost of one GET, start-up and most of the JIT's
// warm-up cancelled out. Slow (valgrind: ~1 minute a run) and needs valgrind (Debian: `apt install valgrind`).
//   node bench/requests/instructions.mjs [fetch] [build dir …]      (build dir: as for MSGRAPH_TS; default: fetch and this checkout)
// Environment: FEW (1000), MANY (3000).
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startServer } from './local-server.mjs';
import { peerCalls } from './peer-calls.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const FEW = Number(process.env.FEW ?? 1000), MANY = Number(process.env.MANY ?? 3000);

if (process.argv[2] === '--peer') {
  // One run under valgrind: `n` GETs, 16 in flight, each page checked.
  const [, , , peer, port, n] = process.argv;
  const origin = `http://127.0.0.1:${port}`;
  const { get } = await peerCalls(peer, origin);
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next++ < Number(n)) if ((await get()).value?.length !== 10) throw new Error('bad page');
  }));
} else {
  const server = await startServer();
  const count = async (peer, n) => {
    const args = ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file', process.execPath, fileURLToPath(import.meta.url), '--peer', peer, String(server.port), String(n)];
    const { stderr } = await promisify(execFile)('valgrind', args, { maxBuffer: 1 << 26 });
    return Number(/Collected : (\d+)/.exec(stderr)?.[1] ?? NaN);
  };
  const peers = process.argv.length > 2 ? process.argv.slice(2) : ['fetch', join(here, '../..')];
  try {
    for (const peer of peers) {
      const per = ((await count(peer, MANY)) - (await count(peer, FEW))) / (MANY - FEW);
      console.log(`${peer.padEnd(28)} ${(per / 1000).toFixed(1)}k instructions per GET`);
    }
  } finally {
    server.stop();
  }
}
