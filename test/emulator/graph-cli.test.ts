// The CLI's argument handling and banner, then `npm run emulator` as a process: --help, the banner with
// what each client needs, and the CA file removed when it stops.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { describe, optionsFromArgs } from '../../src/emulator/cli.js';
import { startTestGraph } from './helpers/graph-server.js';

test('the CLI defaults to TLS with identity on a free port, and reads its flags', () => {
  assert.deepEqual(optionsFromArgs([]), { port: 0, tls: true, identity: true });
  assert.deepEqual(optionsFromArgs(['--port', '8443', '--http', '--no-identity', '--page-size', '10', '--version', 'v1.0', '--empty']),
    { port: 8443, tls: false, identity: false, pageSize: 10, versions: ['v1.0'], seed: [] });
  assert.throws(() => optionsFromArgs(['--port', 'x']), /--port/);
  assert.throws(() => optionsFromArgs(['--bogus']));
});

test('the banner names the Graph URL, the tenant, the users and how to act as one', async () => {
  const graph = await startTestGraph();
  const banner = describe(graph.emulator);
  assert.ok(banner.includes(graph.emulator.graphUrl));
  assert.ok(banner.includes('adelev@contoso.com'));
  assert.match(banner, /X-Emulator-User/);
});

const cli = fileURLToPath(new URL('../../src/emulator/cli.ts', import.meta.url));

/** Runs the CLI; resolves with its output once `until` appears in it (or it exits). */
function runCli(args: string[], until: RegExp): Promise<{ output: string; child: ReturnType<typeof spawn>; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${until} within 30 s: ${output}`)), 30_000);
    const check = (): void => {
      if (!until.test(output)) return;
      clearTimeout(timer);
      resolve({ output, child, exited });
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      check();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then(() => {
      check();
      clearTimeout(timer);
      resolve({ output, child, exited });
    });
  });
}

test('npm run emulator -- --help prints the usage and exits', { timeout: 60_000 }, async () => {
  const { output, exited } = await runCli(['--help'], /Ctrl\+C stops it and removes its CA file/);
  assert.match(output, /^Usage: npm run emulator -- \[options\]/);
  for (const flag of ['--port', '--http', '--no-identity', '--page-size', '--version', '--empty', '--help']) assert.ok(output.includes(flag), flag);
  assert.equal(await exited, 0);
});

test('the running CLI prints what each client needs, and removes its CA file when stopped', { timeout: 60_000 }, async (t) => {
  const { output, child, exited } = await runCli(['--version', 'v1.0'], /Ctrl\+C stops it/);
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL'); // a failed assertion must not leave the emulator running
  });
  const caPath = /CA {9}(\S+\.pem)/.exec(output)?.[1];
  assert.ok(caPath && existsSync(caPath), `the CA file is written: ${output}`);
  assert.match(readFileSync(caPath, 'utf8'), /^-----BEGIN CERTIFICATE-----/);
  const origin = /Graph v1\.0 +(https:\/\/127\.0\.0\.1:\d+)\/v1\.0/.exec(output)?.[1];
  assert.ok(origin);
  const port = new URL(origin).port;
  assert.ok(output.includes(`NODE_EXTRA_CA_CERTS=${caPath}`) && output.includes(`REQUESTS_CA_BUNDLE=${caPath}`));
  assert.ok(output.includes(`customHosts: new Set(['127.0.0.1'])`), 'graph-client: host name without port');
  assert.ok(output.includes(`['127.0.0.1']); adapter.baseUrl = '${origin}/v1.0'`), 'Kiota: allowedHosts without port');
  assert.ok(output.includes(`authorityHost: '${origin}', disableInstanceDiscovery: true`), '@azure/identity');
  assert.ok(output.includes(`knownAuthorities: ['127.0.0.1:${port}']`), 'msal-node: host with port');
  assert.ok(output.includes('instance_discovery=False'), 'python msal');
  assert.ok(output.includes(`_protocol_url = '${origin}/'`), 'python-o365: the protocol URL is the origin');
  assert.ok(output.includes(`curl --cacert ${caPath}`), 'curl');
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  assert.equal(existsSync(caPath), false, 'the CA file is gone');
});
