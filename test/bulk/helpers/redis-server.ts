// A real redis-server for the tests that need one: Debian's package (.ci/run installs it), started on a
// free loopback port with no persistence, and stopped after. Without the binary those tests skip and say so.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Where redis-server is, or undefined (PATH, then Debian's /usr/bin and /usr/sbin). */
export function findRedisServer(): string | undefined {
  for (const candidate of ['redis-server', '/usr/bin/redis-server', '/usr/sbin/redis-server']) {
    if (spawnSync(candidate, ['--version'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return undefined;
}

export const NO_REDIS = 'redis-server was not found: `apt-get install -y redis-server` (.ci/run does) to run the tests over Redis';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** Starts redis-server, or returns undefined (the caller skips) when it is not installed. */
export async function startRedis(): Promise<RedisServer | undefined> {
  const binary = findRedisServer();
  if (!binary) return undefined;
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child: ChildProcess = spawn(binary, ['--save', '', '--appendonly', 'no', '--port', String(port), '--bind', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const ready = await new Promise<boolean>((resolve) => {
      const read = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve(true);
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', () => resolve(false));
    });
    if (ready) {
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      child.stderr!.resume();
      const stop = async (): Promise<void> => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        await once(child, 'exit');
      };
      return { url: `redis://127.0.0.1:${port}`, port, stop };
    }
    // The port was taken between finding it and binding it: try another.
    if (attempt >= 3) throw new Error(`redis-server did not start:\n${output}`);
  }
}
