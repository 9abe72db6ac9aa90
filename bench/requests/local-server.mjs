// Starts the bench's Graph-shaped server (server.mjs) in its own process, so that its CPU is not counted
// against the client being measured; resolves once it listens.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** `{ port, pageBytes, origin, stop }` of a fresh server on a free loopback port. */
export async function startServer() {
  const server = spawn(process.execPath, [join(here, 'server.mjs'), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [first] = await once(server.stdout, 'data');
  const { port, pageBytes } = JSON.parse(String(first).split('\n')[0]);
  return { port, pageBytes, origin: `http://127.0.0.1:${port}`, stop: () => server.kill() };
}
