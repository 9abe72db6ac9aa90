// The metadata pull and the pinned read, against real files in temp directories and a real loopback
// HTTP server: these are the paths a fresh clone, an offline machine and CI actually take.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';

import { MetadataError, metadataCachePath, readPinnedMetadata } from '../generator/metadata.js';
import { pullMetadata, resolveCliOptions } from '../scripts/metadata-pull.js';

/** A tiny but well-formed CSDL document; `namespace` makes each one's bytes (and hash) distinct. */
function fakeCsdl(namespace: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>' +
    `<Schema Namespace="${namespace}" xmlns="http://docs.oasis-open.org/odata/ns/edm"/>` +
    '</edmx:DataServices></edmx:Edmx>\n'
  );
}

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

async function tempDir(t: TestContext, prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `msgraph-ts-${prefix}-`));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A mirror directory laid out like ../shared/metadata. */
async function mirrorWith(t: TestContext, files: Record<string, string>): Promise<string> {
  const dir = await tempDir(t, 'mirror');
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

async function readLockJson(root: string): Promise<Record<string, Record<string, unknown>>> {
  return JSON.parse(await readFile(join(root, 'metadata/lock.json'), 'utf8'));
}

/** Starts a loopback server on a free port; returns its base URL. */
async function serve(t: TestContext, handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const v1 = fakeCsdl('v1.namespace');
const beta = fakeCsdl('beta.namespace');

test('pulling from a mirror writes both cache files and a lock with their sha256, size and source', async (t) => {
  const root = await tempDir(t, 'root');
  const mirror = await mirrorWith(t, { 'v1.0.csdl.xml': v1, 'beta.csdl.xml': beta });
  const lines: string[] = [];

  const results = await pullMetadata({ root, from: mirror, log: (line) => lines.push(line) });

  assert.deepEqual(results.map((r) => [r.version, r.status]), [['v1.0', 'new'], ['beta', 'new']]);
  assert.equal(await readFile(metadataCachePath(root, 'v1.0'), 'utf8'), v1);
  assert.equal(await readFile(metadataCachePath(root, 'beta'), 'utf8'), beta);

  const lockText = await readFile(join(root, 'metadata/lock.json'), 'utf8');
  assert.ok(lockText.endsWith('}\n'), 'lock ends with a newline');
  const lock = JSON.parse(lockText);
  assert.deepEqual(Object.keys(lock), ['beta', 'v1.0'], 'versions are sorted');
  assert.deepEqual(lock['v1.0'], {
    source: `${mirror}/v1.0.csdl.xml`,
    retrieved: lock['v1.0'].retrieved,
    sha256: sha256(v1),
    bytes: Buffer.byteLength(v1),
  });
  assert.equal(lock.beta.sha256, sha256(beta));
  assert.ok(!Number.isNaN(Date.parse(lock['v1.0'].retrieved)), 'retrieved is a date-time');
  assert.equal(lockText, JSON.stringify(lock, null, 2) + '\n', 'lock is 2-space JSON');

  assert.equal(lines.length, 2);
  assert.match(lines[0] ?? '', new RegExp(`^v1\\.0: pulled .*v1\\.0\\.csdl\\.xml -> sha256 ${sha256(v1).slice(0, 8)}.*, new$`));
});

test('pulling the same metadata again leaves the lock file byte for byte unchanged', async (t) => {
  const root = await tempDir(t, 'root');
  const mirror = await mirrorWith(t, { 'v1.0.csdl.xml': v1, 'beta.csdl.xml': beta });
  await pullMetadata({ root, from: mirror });
  const first = await readFile(join(root, 'metadata/lock.json'), 'utf8');
  await new Promise((done) => setTimeout(done, 5)); // a new pull must not get a new timestamp just by being later

  const again = await pullMetadata({ root, from: mirror });

  assert.deepEqual(again.map((r) => r.status), ['unchanged', 'unchanged']);
  assert.equal(await readFile(join(root, 'metadata/lock.json'), 'utf8'), first);
});

test('pulling changed metadata for one version re-pins it and keeps the other version’s entry', async (t) => {
  const root = await tempDir(t, 'root');
  const mirror = await mirrorWith(t, { 'v1.0.csdl.xml': v1, 'beta.csdl.xml': beta });
  await pullMetadata({ root, from: mirror });
  const before = await readLockJson(root);
  const newer = fakeCsdl('beta.namespace.newer');
  await writeFile(join(mirror, 'beta.csdl.xml'), newer);

  const [result] = await pullMetadata({ root, from: mirror, versions: ['beta'] });

  assert.equal(result?.status, 'changed');
  const after = await readLockJson(root);
  assert.equal(after.beta?.sha256, sha256(newer));
  assert.deepEqual(after['v1.0'], before['v1.0']);
});

test('pulling over HTTP downloads /{version}/$metadata from the base URL and records the URL', async (t) => {
  const requested: string[] = [];
  const baseUrl = await serve(t, (req, res) => {
    requested.push(req.url ?? '');
    res.writeHead(req.url === '/v1.0/$metadata' ? 200 : 404, { 'content-type': 'application/xml' });
    res.end(req.url === '/v1.0/$metadata' ? v1 : 'not here');
  });
  const root = await tempDir(t, 'root');

  await pullMetadata({ root, baseUrl, versions: ['v1.0'] });

  assert.deepEqual(requested, ['/v1.0/$metadata']);
  assert.equal(await readPinnedMetadata('v1.0', root), v1);
  const lock = await readLockJson(root);
  assert.equal(lock['v1.0']?.source, `${baseUrl}/v1.0/$metadata`);
  assert.equal(lock['v1.0']?.sha256, sha256(v1));
});

test('an HTTP 500 fails with an error that names the URL and suggests --from, and writes nothing', async (t) => {
  const baseUrl = await serve(t, (_req, res) => {
    res.writeHead(500);
    res.end('boom');
  });
  const root = await tempDir(t, 'root');

  await assert.rejects(pullMetadata({ root, baseUrl, versions: ['v1.0'] }), (error: Error) => {
    assert.ok(error instanceof MetadataError);
    assert.match(error.message, /\/v1\.0\/\$metadata failed: HTTP 500/);
    assert.match(error.message, /npm run metadata:pull -- --from/);
    return true;
  });
  await assert.rejects(readFile(join(root, 'metadata/lock.json')), { code: 'ENOENT' });
});

test('an unreachable server fails with the network cause and suggests --from', async (t) => {
  // Take a free port, then close it again: connecting to it is refused.
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  const root = await tempDir(t, 'root');

  await assert.rejects(pullMetadata({ root, baseUrl: `http://127.0.0.1:${port}`, versions: ['beta'] }), (error: Error) => {
    assert.ok(error instanceof MetadataError);
    assert.match(error.message, /ECONNREFUSED/);
    assert.match(error.message, /--from/);
    return true;
  });
});

test('a server that never answers is given up on after the timeout', async (t) => {
  const baseUrl = await serve(t, () => {}); // accepts the request, never responds
  const root = await tempDir(t, 'root');

  await assert.rejects(pullMetadata({ root, baseUrl, versions: ['v1.0'], timeoutMs: 200 }), (error: Error) => {
    assert.ok(error instanceof MetadataError);
    assert.match(error.message, /no complete response within 0\.2 s.*--from/s);
    return true;
  });
});

test('a 200 response that is not CSDL (say, a proxy’s login page) is refused', async (t) => {
  const baseUrl = await serve(t, (_req, res) => res.end('<html><body>Please sign in</body></html>'));
  const root = await tempDir(t, 'root');

  await assert.rejects(pullMetadata({ root, baseUrl, versions: ['v1.0'] }), /does not look like CSDL/);
});

test('a mirror missing a file fails with a message naming the file it needs', async (t) => {
  const root = await tempDir(t, 'root');
  const mirror = await mirrorWith(t, { 'v1.0.csdl.xml': v1 });

  await assert.rejects(pullMetadata({ root, from: mirror }), (error: Error) => {
    assert.ok(error instanceof MetadataError);
    assert.match(error.message, /beta\.csdl\.xml not found/);
    return true;
  });
});

test('an unknown version is rejected before anything is read', async (t) => {
  const root = await tempDir(t, 'root');
  await assert.rejects(pullMetadata({ root, from: root, versions: ['v2.0'] }), /Unknown Graph version "v2\.0"/);
});

test('readPinnedMetadata returns the cached text, without a leading byte-order mark', async (t) => {
  const root = await tempDir(t, 'root');
  const mirror = await mirrorWith(t, { 'v1.0.csdl.xml': `\uFEFF${v1}`, 'beta.csdl.xml': beta });
  await pullMetadata({ root, from: mirror });

  assert.equal(await readPinnedMetadata('v1.0', root), v1);
  assert.equal(await readPinnedMetadata('beta', root), beta);
});

test('readPinnedMetadata tells the user to pull (or pull from a mirror) when the cache is missing', async (t) => {
  const root = await tempDir(t, 'root');

  await assert.rejects(readPinnedMetadata('v1.0', root), (error: Error) => {
    assert.ok(error instanceof MetadataError);
    assert.equal(
      error.message,
      'metadata/cache/v1.0.csdl.xml is missing. Run `npm run metadata:pull` ' +
        '(offline: `npm run metadata:pull -- --from ../shared/metadata`).',
    );
    return true;
  });
});

test('readPinnedMetadata refuses a cached file whose sha256 differs from the lock', async (t) => {
  const root = await tempDir(t, 'root');
  const mirror = await mirrorWith(t, { 'v1.0.csdl.xml': v1, 'beta.csdl.xml': beta });
  await pullMetadata({ root, from: mirror });
  const edited = beta.replace('beta.namespace', 'edited.namespace');
  await writeFile(metadataCachePath(root, 'beta'), edited);

  await assert.rejects(readPinnedMetadata('beta', root), (error: Error) => {
    assert.ok(error instanceof MetadataError);
    assert.equal(
      error.message,
      `metadata/cache/beta.csdl.xml has sha256 ${sha256(edited).slice(0, 8)}… but metadata/lock.json pins ` +
        `${sha256(beta).slice(0, 8)}…: run \`npm run metadata:pull\` to refresh the cache and the lock together ` +
        '(or restore the cached file).',
    );
    return true;
  });
});

test('readPinnedMetadata refuses a version the lock does not pin and says how to pin it', async (t) => {
  const root = await tempDir(t, 'root');
  const mirror = await mirrorWith(t, { 'v1.0.csdl.xml': v1, 'beta.csdl.xml': beta });
  await pullMetadata({ root, from: mirror, versions: ['v1.0'] });
  // A cache file that got there without the lock knowing (copied by hand, or the lock was reverted).
  await mkdir(join(root, 'metadata/cache'), { recursive: true });
  await writeFile(metadataCachePath(root, 'beta'), beta);

  await assert.rejects(readPinnedMetadata('beta', root), (error: Error) => {
    assert.ok(error instanceof MetadataError);
    assert.match(error.message, /^metadata\/lock\.json has no entry for beta/);
    assert.match(error.message, /npm run metadata:pull -- --version beta/);
    return true;
  });
});

test('the CLI takes the mirror from --from, else GRAPH_METADATA_MIRROR, and the base URL from the environment', () => {
  const root = '/project';
  const env = { GRAPH_METADATA_MIRROR: '../mirror', GRAPH_METADATA_BASE_URL: 'http://127.0.0.1:9' };

  assert.deepEqual(resolveCliOptions([], {}, root), { root, help: false });
  assert.equal(resolveCliOptions([], env, root).from, '../mirror');
  assert.equal(resolveCliOptions(['--from', '../shared/metadata'], env, root).from, '../shared/metadata');
  assert.equal(resolveCliOptions([], env, root).baseUrl, 'http://127.0.0.1:9');
  assert.deepEqual(resolveCliOptions(['--version', 'beta'], {}, root).versions, ['beta']);
  // npm runs scripts from the root; a path typed in a subdirectory is re-expressed from the root.
  assert.equal(resolveCliOptions(['--from', '../m'], { INIT_CWD: '/project/sub' }, root).from, 'm');
  assert.throws(() => resolveCliOptions(['--form', 'x'], {}, root), /--form/);
});
