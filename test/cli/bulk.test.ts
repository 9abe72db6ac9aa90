// `msgraph-ts export` / `import` / `worker`: the real executable, signed in as the daemon app, against the
// emulator's generated tenant. The files must be the emulator's truth (one per message, nothing else), a
// run that left something undone exits 1 after printing its summary, a re-run resumes, and --redis spreads
// the mailboxes over BullMQ workers with the same result.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { DEFAULT_APPS } from 'msgraph-ts/emulator';
import { expectedFiles, filesUnder } from '../bulk/helpers/export-truth.js';
import { NO_REDIS, useRedis } from '../bulk/helpers/use-redis.js';
import { cliWorld, collect, type CliWorld } from './helpers.js';

let world: CliWorld;
let app: Record<string, string>;
before(async () => {
  world = await cliWorld({}, { tenant: { mailboxes: 40, messagesPerMailbox: 12 } });
  const daemon = DEFAULT_APPS.find((a) => a.secret)!;
  app = { MSGRAPH_TS_AUTH_TYPE: 'secret', MSGRAPH_TS_APP_ID: daemon.clientId, MSGRAPH_TS_SECRET: daemon.secret! };
});
after(() => world?.close());

interface Summary {
  mailboxes: { mailbox: string; status: string; total: number; ok: number; skipped: number; failed: number; unknown: number; error?: string }[];
  ok: number; skipped: number; failed: number; unknown: number;
}

async function mailboxFile(name: string, mailboxes: readonly string[]): Promise<string> {
  const file = join(world.dir, name);
  await writeFile(file, `# mailboxes to move\n${mailboxes.join('\n')}\n\n`);
  return file;
}

test('export writes every message of the listed mailboxes once; a mailbox that does not exist fails alone, exit 1; a re-run skips what is there', { timeout: 120_000 }, async () => {
  const mailboxes = world.emulator.tenant.mailboxes!.slice(0, 3);
  const out = join(world.dir, 'export-1');
  const list = await mailboxFile('some.txt', [...mailboxes, `nobody@${world.emulator.tenant.domain}`]);

  const first = await world.cli(['export', '--mailboxes', list, '--out', out, '-o', 'text'], { env: app });
  assert.equal(first.code, 1, first.stderr);
  assert.match(first.stderr, /nobody@.*: /, 'the failed mailbox is named, with why');
  assert.match(first.stderr, /The export is not complete: 1 mailbox\(es\) failed/);
  for (const m of mailboxes) assert.match(first.stdout, new RegExp(`${m.replace(/[.]/g, '\\.')}\\s+done\\s+\\d+\\s+\\d+\\s+0\\s+0\\s+0`), first.stdout);
  assert.deepEqual(await filesUnder(out), await expectedFiles(world.emulator, mailboxes, await world.graph()));

  const again = await world.cli(['export', '--mailboxes', await mailboxFile('three.txt', mailboxes), '--out', out], { env: app });
  assert.equal(again.code, 0, again.stderr);
  const summary = JSON.parse(again.stdout) as Summary;
  assert.equal(summary.ok, 0, 'nothing is fetched again');
  assert.equal(summary.skipped, summary.mailboxes.reduce((n, m) => n + m.total, 0));
  assert.ok(summary.skipped >= 36);
});

test('export --mailboxes all takes every user with a mailbox; --query picks from the summary', { timeout: 180_000 }, async () => {
  const out = join(world.dir, 'export-all');
  const run = await world.cli(['export', '--mailboxes', 'all', '--out', out, '--query', '{ok: ok, failed: failed, mailboxes: length(mailboxes)}'], { env: app });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '', 'stderr is not a terminal: no bars, nothing drawn');
  const picked = JSON.parse(run.stdout) as { ok: number; failed: number; mailboxes: number };
  assert.equal(picked.failed, 0);
  assert.ok(picked.mailboxes >= 40, `every generated mailbox (and the seeded ones), got ${picked.mailboxes}`);
  const generated = world.emulator.tenant.mailboxes!;
  const files = await filesUnder(out);
  assert.equal(picked.ok, files.length);
  const some = generated.slice(10, 13);
  const expected = await expectedFiles(world.emulator, some, await world.graph());
  assert.deepEqual(files.filter((f) => some.some((m) => f.startsWith(`${m}/`))), expected);
});

test('import puts an export\'s messages into the mailboxes once; a re-run creates nothing', { timeout: 120_000 }, async () => {
  const mailboxes = world.emulator.tenant.mailboxes!.slice(20, 22);
  const out = join(world.dir, 'export-import');
  const exported = await world.cli(['export', '--mailboxes', await mailboxFile('two.txt', mailboxes), '--out', out], { env: app });
  assert.equal(exported.code, 0, exported.stderr);
  const files = (await filesUnder(out)).length;
  const before = (await expectedFiles(world.emulator, mailboxes, await world.graph())).length;

  const imported = await world.cli(['import', '--mailboxes', 'all', '--in', out], { env: app });
  assert.equal(imported.code, 0, imported.stderr);
  const summary = JSON.parse(imported.stdout) as Summary;
  assert.deepEqual(summary.mailboxes.map((m) => m.mailbox).sort(), [...mailboxes].sort(), '`all` is the export\'s mailboxes');
  assert.equal(summary.ok, files);
  assert.equal((await expectedFiles(world.emulator, mailboxes, await world.graph())).length, before + files, 'each file became one message');

  const again = await world.cli(['import', '--mailboxes', 'all', '--in', out], { env: app });
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual({ ok: (JSON.parse(again.stdout) as Summary).ok, skipped: (JSON.parse(again.stdout) as Summary).skipped }, { ok: 0, skipped: files });
  assert.equal((await expectedFiles(world.emulator, mailboxes, await world.graph())).length, before + files, 'nothing created twice');
});

test('Ctrl+C stops an export part-way: exit 130, no part file left; the same command then finishes it', { timeout: 180_000 }, async () => {
  const out = join(world.dir, 'export-interrupted');
  const child = world.spawnCli(['export', '--mailboxes', 'all', '--out', out, '--workers', '2'], { env: app });
  const ended = collect(child);
  // Part-way: some files written, not all.
  while ((await filesUnder(out).catch(() => [])).length < 20) await delay(20);
  child.kill('SIGINT');
  const stopped = await ended;
  assert.equal(stopped.code, 130, stopped.stderr);
  assert.match(stopped.stderr, /Interrupted/);
  const written = await filesUnder(out);
  assert.ok(written.every((f) => f.endsWith('.eml')), `only whole files: ${written.filter((f) => !f.endsWith('.eml')).join(', ')}`);

  const resumed = await world.cli(['export', '--mailboxes', 'all', '--out', out], { env: app });
  assert.equal(resumed.code, 0, resumed.stderr);
  const summary = JSON.parse(resumed.stdout) as Summary;
  assert.ok(summary.skipped >= written.length && summary.ok > 0, `resumed: ${summary.skipped} skipped, ${summary.ok} fetched`);
  assert.equal(summary.ok + summary.skipped, (await filesUnder(out)).length);
});

test('bad input is exit code 2 and says what to give', { timeout: 60_000 }, async () => {
  const missing = await world.cli(['export', '--mailboxes', join(world.dir, 'no-such.txt'), '--out', join(world.dir, 'x')], { env: app });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--mailboxes .*no-such\.txt: cannot read it \(ENOENT\); give a file with one mailbox per line, or `all`/);
  const empty = await world.cli(['export', '--mailboxes', await mailboxFile('empty.txt', []), '--out', join(world.dir, 'x')], { env: app });
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /names no mailbox/);
  const zero = await world.cli(['export', '--mailboxes', 'all', '--out', join(world.dir, 'x'), '--workers', '0'], { env: app });
  assert.equal(zero.code, 2);
  assert.match(zero.stderr, /--workers must be a whole number of at least 1/);
  const noOut = await world.cli(['export', '--mailboxes', 'all'], { env: app });
  assert.equal(noOut.code, 2);
  assert.match(noOut.stderr, /--out <dir>/);
});

const redis = await useRedis();

test('export --redis spreads the mailboxes over BullMQ workers: a `worker` process and this one; the files are the same truth', { skip: redis ? false : NO_REDIS, timeout: 180_000 }, async () => {
  const mailboxes = world.emulator.tenant.mailboxes!.slice(30, 36);
  const out = join(world.dir, 'export-redis');
  await mkdir(out, { recursive: true });
  const env = { ...app, MSGRAPH_TS_REDIS: redis!.url };
  const worker = world.spawnCli(['worker', '--workers', '2'], { env });
  let workerErr = '';
  worker.stderr!.setEncoding('utf8').on('data', (s: string) => (workerErr += s));
  try {
    const run = await world.cli(['export', '--mailboxes', await mailboxFile('redis.txt', mailboxes), '--out', out, '--workers', '1'], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as Summary).failed, 0);
    assert.deepEqual(await filesUnder(out), await expectedFiles(world.emulator, mailboxes, await world.graph()));
  } finally {
    const ended = new Promise((resolve) => worker.once('close', (code) => resolve(code)));
    worker.kill('SIGINT');
    assert.equal(await ended, 0, `Ctrl+C is how a worker is stopped: ${workerErr}`);
  }
});
