// The CLI's argument handling and banner, without spawning a process.
import assert from 'node:assert/strict';
import { test } from 'node:test';
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
