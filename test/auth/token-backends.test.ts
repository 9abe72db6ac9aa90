import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { mergeCaches } from '../../src/auth/cache-merge.js';
import { AuthError } from '../../src/auth/errors.js';
import { FileTokenBackend } from '../../src/auth/file-backend.js';
import { customTokenBackend, EnvironmentTokenBackend, MemoryTokenBackend } from '../../src/auth/token-backend.js';

const run = promisify(execFile);
const WRITER = fileURLToPath(new URL('./fixtures/backend-writer.ts', import.meta.url));
const tempDir = () => mkdtempSync(join(tmpdir(), 'msgraph-ts-backend-'));

const cache = (accessTokens: Record<string, unknown>, accounts: Record<string, unknown> = {}) =>
  JSON.stringify({ Account: accounts, IdToken: {}, AccessToken: accessTokens, RefreshToken: {}, AppMetadata: {} });
const section = (text: string | undefined, name: string) => (JSON.parse(text ?? '{}') as Record<string, Record<string, unknown>>)[name] ?? {};

describe('mergeCaches', () => {
  it('keeps entries another process added, applies ours, and honours our removals', () => {
    const base = cache({ a: 1, b: 1, c: 1 });
    const mine = cache({ a: 1, b: 2, d: 1 });            // changed b, removed c, added d
    const theirs = cache({ a: 9, b: 1, c: 1, e: 1 });    // refreshed a, added e

    assert.deepEqual(section(mergeCaches(base, mine, theirs), 'AccessToken'), { a: 9, b: 2, d: 1, e: 1 });
  });

  it('is the plain cache when nothing was stored yet', () => {
    assert.deepEqual(section(mergeCaches(undefined, cache({ x: 1 }), undefined), 'AccessToken'), { x: 1 });
  });
});

describe('token backends', () => {
  it('memory: loads what was saved and merges two writers that loaded the same state', async () => {
    const backend = new MemoryTokenBackend();
    assert.equal(await backend.load(), undefined);
    await backend.save(cache({ a: 1 }), undefined);
    const loaded = await backend.load();
    await backend.save(cache({ a: 1, one: 1 }), loaded);
    await backend.save(cache({ a: 1, two: 1 }), loaded); // a second app that loaded before the first saved

    assert.deepEqual(section(await backend.load(), 'AccessToken'), { a: 1, one: 1, two: 1 });
    await backend.clear();
    assert.equal(await backend.load(), undefined);
  });

  it('environment: reads JSON or base64 JSON from the variable and writes back to this process only', async () => {
    const variable = 'MSGRAPH_TS_TEST_CACHE';
    const backend = new EnvironmentTokenBackend({ variable });
    process.env[variable] = Buffer.from(cache({ fromSecret: 1 })).toString('base64');
    const loaded = await backend.load();
    assert.deepEqual(section(loaded, 'AccessToken'), { fromSecret: 1 });

    await backend.save(cache({ updated: 1 }), loaded);
    assert.deepEqual(section(process.env[variable], 'AccessToken'), { updated: 1 });
    const child = spawnSync(process.execPath, ['-e', `process.stdout.write(process.env.${variable} ?? 'unset')`], { encoding: 'utf8', env: { ...process.env } });
    assert.equal(section(child.stdout, 'AccessToken')['updated'], 1, 'children started afterwards inherit it');
    await backend.clear();
    assert.equal(process.env[variable], undefined);
  });

  it('custom: merges against the stored value before writing, unless told not to', async () => {
    let stored: string | undefined = cache({ a: 1 });
    const store = { get: async () => stored, set: async (value: string) => void (stored = value), delete: async () => void (stored = undefined) };
    const merging = customTokenBackend(store);
    const loaded = await merging.load();
    stored = cache({ a: 1, other: 1 });                   // someone else wrote meanwhile
    await merging.save(cache({ a: 1, mine: 1 }), loaded);
    assert.deepEqual(section(stored, 'AccessToken'), { a: 1, other: 1, mine: 1 });

    await customTokenBackend(store, { merge: false }).save(cache({ only: 1 }), undefined);
    assert.deepEqual(section(stored, 'AccessToken'), { only: 1 });
  });
});

describe('FileTokenBackend', { timeout: 120_000 }, () => {
  it('writes one file with mode 0600, in a folder it creates with 0700, leaving no temporary files', async () => {
    const dir = join(tempDir(), 'nested');
    const backend = new FileTokenBackend(join(dir, 'o365_token.txt'));
    assert.equal(await backend.load(), undefined);

    await backend.save(cache({ a: 1 }), undefined);
    await backend.save(cache({ a: 2 }), await backend.load());

    assert.equal(statSync(backend.path).mode & 0o777, 0o600);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.deepEqual(readdirSync(dir), ['o365_token.txt'], 'no temporary or lock file left behind');
    assert.deepEqual(section(readFileSync(backend.path, 'utf8'), 'AccessToken'), { a: 2 });
    await backend.clear();
    assert.equal(existsSync(backend.path), false);
  });

  it('loses no entry and is never read half-written while four processes write at once', async () => {
    const path = join(tempDir(), 'cache.json');
    const writers = ['w1', 'w2', 'w3', 'w4'];
    const perWriter = 25;
    let reads = 0;
    let reading = true;
    // A reader in this process the whole time: every read must be a whole cache.
    const reader = (async () => {
      while (reading) {
        if (existsSync(path)) {
          JSON.parse(readFileSync(path, 'utf8'));
          reads++;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();

    await Promise.all(writers.map((writer) => run(process.execPath, ['--import', 'tsx', WRITER, path, writer, String(perWriter)])));
    reading = false;
    await reader;

    const entries = Object.keys(section(readFileSync(path, 'utf8'), 'AccessToken'));
    assert.equal(entries.length, writers.length * perWriter, 'every write of every process survived');
    for (const writer of writers) assert.ok(entries.includes(`${writer}-${perWriter - 1}`));
    assert.ok(reads > 0, 'the reader read while the writers wrote');
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('breaks a lock left by a process that died', async () => {
    const path = join(tempDir(), 'cache.json');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(`${path}.lock`, `${dead.stdout} ${Date.now()} abandoned`);
    const backend = new FileTokenBackend({ path, timeoutMs: 2_000 });

    await backend.save(cache({ a: 1 }), undefined);

    assert.deepEqual(section(await backend.load(), 'AccessToken'), { a: 1 });
    assert.equal(existsSync(`${path}.lock`), false);
  });

  it('breaks a lock older than staleMs even when its process lives, and waits for a fresh one', async () => {
    const path = join(tempDir(), 'cache.json');
    writeFileSync(`${path}.lock`, `${process.pid} ${Date.now() - 60_000} old`);
    await new FileTokenBackend({ path, timeoutMs: 2_000, staleMs: 30_000 }).save(cache({ a: 1 }), undefined);
    assert.equal(existsSync(`${path}.lock`), false);

    writeFileSync(`${path}.lock`, `${process.pid} ${Date.now()} busy`);
    await assert.rejects(new FileTokenBackend({ path, timeoutMs: 200 }).save(cache({ b: 1 }), undefined), (error: unknown) => {
      assert.ok(error instanceof AuthError);
      assert.equal(error.code, 'cache_locked');
      return true;
    });
    assert.equal(readFileSync(`${path}.lock`, 'utf8'), `${process.pid} ${readFileSync(`${path}.lock`, 'utf8').split(' ')[1]} busy`, 'a live lock is left alone');
  });
});
