// Drive functions and navigations python-o365 calls beyond items, on the real v1.0 model: `recent()` (the
// drive's files, newest change first), `sharedWithMe()` (items in other drives granted to the caller by
// name, with their `remoteItem`) and a file's `versions` (the current one, with its content).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasGeneratedSchema, loadSchema } from '../../src/emulator/model/load-schema.js';
import { ADELE, ALEX, startTestGraph } from './helpers/graph-server.js';

const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';
let now = Date.parse('2026-05-01T10:00:00Z');
const graph = skip ? undefined : await startTestGraph({ schema: loadSchema('v1.0'), clock: () => new Date(now) });

/** Uploads (201 for a new file, 200 for new content of an existing one), a minute after the last. */
async function put(path: string, content: string, user = ADELE.upn): Promise<Record<string, any>> {
  now += 60_000;
  const r = await graph!.call('PUT', `/users/${user}/drive/root:/${path}:/content`, { body: content, headers: { 'content-type': 'text/plain' } });
  assert.ok(r.status === 201 || r.status === 200, r.text);
  return r.body;
}

test('recent() lists the drive\'s files, most recently changed first, and no folders', { skip }, async () => {
  await put('Recent/older.txt', 'a');
  await put('Recent/newer.txt', 'b');
  const r = await graph!.get('/me/drive/recent()?$top=2&$select=name,lastModifiedDateTime');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.value.map((i: { name: string }) => i.name), ['newer.txt', 'older.txt']);
  const all = await graph!.get('/me/drive/recent?$top=200');
  assert.ok(all.body.value.every((i: { file?: unknown }) => i.file), 'files only');
});

test('sharedWithMe() lists items of other drives granted to the caller, as remote items', { skip }, async () => {
  const item = await put('For Adele/plan.txt', 'plan', ALEX.upn);
  assert.deepEqual((await graph!.get('/me/drive/sharedWithMe()')).body.value, [], 'nothing granted yet');
  // A permission naming Adele, as an invitation makes one (invite itself is not emulated).
  const granted = await graph!.call('POST', `/users/${ALEX.upn}/drive/items/${item.id}/permissions`, {
    body: { roles: ['read'], grantedToV2: { user: { id: ADELE.id, displayName: 'Adele Vance' } } },
  });
  assert.equal(granted.status, 201, granted.text);
  const shared = await graph!.get('/me/drive/sharedWithMe()');
  assert.equal(shared.status, 200, shared.text);
  assert.equal(shared.body.value.length, 1);
  const [one] = shared.body.value;
  assert.deepEqual([one.id, one.name, one.remoteItem.id, one.remoteItem.parentReference.driveId],
    [item.id, 'plan.txt', item.id, item.parentReference.driveId]);
  assert.deepEqual((await graph!.get('/me/drive/sharedWithMe()', { 'X-Emulator-User': 'meganb@contoso.com' })).body.value, [], 'only the grantee sees it');
});

test('a file\'s versions list its current version, numbered by its changes, with its content', { skip }, async () => {
  const first = await put('Versions/report.txt', 'v1');
  const r1 = await graph!.get(`/me/drive/items/${first.id}/versions`);
  assert.equal(r1.status, 200, r1.text);
  assert.deepEqual(r1.body.value.map((v: { id: string; size: number }) => [v.id, v.size]), [['1.0', 2]]);
  await put('Versions/report.txt', 'version two');
  const [current] = (await graph!.get(`/me/drive/items/${first.id}/versions`)).body.value;
  assert.deepEqual([current.id, current.size], ['2.0', 11]);
  const content = await fetch(`${graph!.emulator.graphUrl}/me/drive/items/${first.id}/versions/2.0/content`, { redirect: 'follow' });
  assert.equal(await content.text(), 'version two');
  const folder = (await graph!.get('/me/drive/root:/Versions')).body;
  assert.deepEqual((await graph!.get(`/me/drive/items/${folder.id}/versions`)).body.value, [], 'a folder has none');
});
