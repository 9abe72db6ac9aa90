// Bulk operations against the emulator over real sockets: create, update, delete and move of contacts,
// events and messages, MIME export to .eml files (resumable), with one result per input. The emulator's
// store and effect log are the truth the results are checked against.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';

import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator, type Emulator } from 'msgraph-ts/emulator';
import { createBulk } from 'msgraph-ts/bulk';
import { ADELE, ALEX } from '../emulator/helpers/graph-server.js';

let emulator: Emulator;
let client: ReturnType<typeof createClient>;
let dir: string;

before(async () => {
  emulator = await startEmulator({ tls: false, versions: ['v1.0'] });
  client = createClient({ baseUrl: emulator.origin, retry: { baseDelayMs: 10 } });
  dir = await mkdtemp(join(tmpdir(), 'bulk-export-'));
});
after(async () => {
  await emulator.stop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  emulator.setFaults(undefined);
  emulator.clearLogs();
});

const ok = <T>(results: { status: string; value?: T }[]): T[] => results.map((r) => {
  assert.equal(r.status, 'ok', JSON.stringify(r));
  return r.value as T;
});
const throttled = (): number => emulator.requests.filter((r) => r.status === 429).length;

test('create, update and delete contacts in one mailbox: a result per input in input order, and the store agrees', async () => {
  const bulk = createBulk(client);
  const names = Array.from({ length: 11 }, (_, i) => `Bulk contact ${i}`);
  const created = ok(await bulk.create<{ id: string; displayName: string }>(ALEX.upn, 'contacts', names.map((displayName) => ({ displayName }))));
  assert.deepEqual(created.map((c) => c.displayName), names);
  const updated = ok(await bulk.update<{ jobTitle: string }>(ALEX.upn, 'contacts', created.map((c, i) => ({ id: c.id, changes: { jobTitle: `Title ${i}` } }))));
  assert.deepEqual(updated.map((c) => c.jobTitle), names.map((_, i) => `Title ${i}`));
  const deleted = await bulk.delete(ALEX.upn, 'contacts', created.map((c) => c.id));
  assert.deepEqual(deleted.map((r) => [r.index, r.status]), created.map((_, i) => [i, 'ok']));
  const left = await client.users.byId(ALEX.upn).contacts.get({ filter: "startswith(displayName,'Bulk contact')" });
  assert.equal(left.value.length, 0);
  const batches = emulator.requests.filter((r) => r.path.endsWith('/$batch')).length;
  assert.equal(batches, 3 * 3, 'eleven items go as $batches of at most 4 (one mailbox runs 4 at once)');
  assert.equal(throttled(), 0);
});

test('a missing item fails alone with its GraphError; the others of its batch succeed', async () => {
  const bulk = createBulk(client);
  const [event] = ok(await bulk.create<{ id: string }>(ALEX.upn, 'events', [{ subject: 'Bulk event' }]));
  const results = await bulk.update(ALEX.upn, 'events', [{ id: event!.id, changes: { subject: 'Renamed' } }, { id: 'no-such-event', changes: { subject: 'x' } }]);
  assert.equal(results[0]!.status, 'ok');
  const failed = results[1]!;
  assert.ok(failed.status === 'failed' && 'status' in failed.error && failed.error.status === 404, String(failed.status === 'failed' && failed.error));
});

test('move sends messages to another folder and returns the moved messages', async () => {
  const bulk = createBulk(client);
  const drafts = ok(await bulk.create<{ id: string }>(ALEX.upn, 'messages', [{ subject: 'Move me 1' }, { subject: 'Move me 2' }]));
  const moved = ok(await bulk.move<{ id: string; parentFolderId: string }>(ALEX.upn, drafts.map((d) => d.id), 'archive'));
  const archive = await client.users.byId(ALEX.upn).mailFolders.byId('archive').get({ select: ['id'] });
  assert.deepEqual(moved.map((m) => m.parentFolderId), [archive.id, archive.id]);
});

test('exportMime writes each message as <id>.eml, equal to its $value; a resumed export fetches only what is missing', async () => {
  const bulk = createBulk(client);
  const inbox = await client.users.byId(ADELE.upn).mailFolders.byId('inbox').messages.get({ select: ['id'], top: 6 });
  const ids = inbox.value.map((m) => m.id!);
  const out = join(dir, 'adele');
  const files = ok(await bulk.exportMime(ADELE.upn, ids, out));
  for (const [i, id] of ids.entries()) {
    const truth = await (await fetch(`${emulator.graphUrl}/users/${ADELE.upn}/messages/${id}/$value`)).text();
    assert.equal(await readFile(files[i]!, 'utf8'), truth);
  }
  await rm(files[1]!);
  await rm(files[4]!);
  emulator.clearLogs();
  const again = await bulk.exportMime(ADELE.upn, ids, out, { skipExisting: true });
  assert.deepEqual(again.map((r) => r.status), ids.map(() => 'ok'));
  const fetched = emulator.requests.filter((r) => r.batchId && r.path.endsWith('/$value')).map((r) => r.path);
  assert.equal(fetched.length, 2, 'only the two missing messages were fetched');
  assert.equal((await readdir(out)).filter((f) => f.endsWith('.eml')).length, 6);
});

test('bad input gets a clear TypeError before anything is sent', async () => {
  assert.throws(() => createBulk(client, { batchSize: 5 }), /batchSize must be a whole number from 1 to 4/);
  assert.throws(() => createBulk(client, { limits: { requestsPerWindow: -1 } }), /requestsPerWindow must be a positive number/);
  assert.throws(() => createBulk({}), /need a client made by createClient/);
  const bulk = createBulk(client);
  await assert.rejects(() => bulk.create(ALEX.upn, 'tasks' as never, [{}]), /messages, events, contacts/);
});
