// OneDrive: folders and name conflicts, simple uploads by path, downloads that redirect to a
// pre-authenticated storage host, resumable upload sessions with Content-Range rules, and moves.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { graphError, startTestGraph } from './helpers/graph-server.js';

const graph = await startTestGraph();
const FRAGMENT = 327_680;

test('PUT to a new path creates the folders on the way and the file, then /content redirects to storage', async () => {
  const put = await graph.call('PUT', '/me/drive/root:/Projects/2024/plan%20v1.txt:/content', { body: 'first draft', headers: { 'content-type': 'text/plain' } });
  assert.equal(put.status, 201);
  assert.equal(put.body.name, 'plan v1.txt');
  assert.equal(put.body.size, 11);
  assert.equal((await graph.get('/me/drive/root:/Projects/2024:')).body.folder.childCount, 1);
  const redirect = await graph.get(`/me/drive/items/${put.body.id}/content`);
  assert.equal(redirect.status, 302);
  const location = new URL(redirect.headers.get('location')!);
  assert.equal(location.hostname, 'localhost', 'storage lives on another host name');
  const download = await fetch(location);
  assert.equal(download.status, 200);
  assert.equal(await download.text(), 'first draft');
  const followed = await fetch(`${graph.emulator.graphUrl}/me/drive/root:/Projects/2024/plan%20v1.txt:/content`);
  assert.equal(await followed.text(), 'first draft', 'fetch follows the redirect');
});

test('PUT to an existing file replaces its content and bumps its eTag', async () => {
  const before = (await graph.get('/me/drive/root:/Notes.txt:')).body;
  const put = await graph.call('PUT', `/me/drive/items/${before.id}/content`, { body: 'replaced' });
  assert.equal(put.status, 200);
  assert.equal(put.body.id, before.id);
  assert.notEqual(put.body.eTag, before.eTag);
  assert.equal(await (await fetch(`${graph.emulator.graphUrl}/me/drive/items/${before.id}/content`)).text(), 'replaced');
});

test('creating a folder that exists fails with 409 unless conflictBehavior says rename', async () => {
  const first = await graph.call('POST', '/me/drive/root/children', { body: { name: 'Shared', folder: {} } });
  assert.equal(first.status, 201);
  const clash = await graph.call('POST', '/me/drive/root/children', { body: { name: 'shared', folder: {} } });
  assert.equal(clash.status, 409);
  assert.equal(graphError(clash).code, 'nameAlreadyExists');
  const renamed = await graph.call('POST', '/me/drive/root/children', { body: { name: 'Shared', folder: {}, '@microsoft.graph.conflictBehavior': 'rename' } });
  assert.equal(renamed.status, 201);
  assert.equal(renamed.body.name, 'Shared 1');
});

test('PATCH parentReference moves an item, and its path follows', async () => {
  const item = (await graph.get('/me/drive/root:/Documents/Budget.xlsx:')).body;
  const photos = (await graph.get('/me/drive/root:/Photos:')).body;
  const moved = await graph.call('PATCH', `/me/drive/items/${item.id}`, { body: { parentReference: { id: photos.id } } });
  assert.equal(moved.status, 200);
  assert.equal(moved.body.parentReference.path, '/drive/root:/Photos');
  assert.equal((await graph.get('/me/drive/root:/Photos/Budget.xlsx:')).body.id, item.id);
  const intoFile = await graph.call('PATCH', `/me/drive/items/${photos.id}`, { body: { parentReference: { id: item.id } } });
  assert.equal(intoFile.status, 400);
});

test('deleting a folder deletes what is inside it', async () => {
  const folder = (await graph.get('/me/drive/root:/Documents/Contracts:')).body;
  const file = (await graph.get('/me/drive/root:/Documents/Contracts/Fabrikam%20NDA.pdf:')).body;
  assert.equal((await graph.call('DELETE', `/me/drive/items/${folder.id}`)).status, 204);
  assert.equal((await graph.get(`/me/drive/items/${file.id}`)).status, 404);
});

test('an upload session takes 320 KiB fragments in order and creates the file', async () => {
  const bytes = randomBytes(FRAGMENT * 2 + 1000);
  const session = await graph.call('POST', '/me/drive/root:/Uploads/big.bin:/createUploadSession', { body: { item: { '@microsoft.graph.conflictBehavior': 'rename' } } });
  assert.equal(session.status, 200);
  const uploadUrl = new URL(session.body.uploadUrl);
  assert.equal(uploadUrl.hostname, 'localhost');
  assert.deepEqual(session.body.nextExpectedRanges, ['0-']);
  const put = (start: number, end: number, headers: Record<string, string> = {}) => fetch(uploadUrl, {
    method: 'PUT', body: bytes.subarray(start, end + 1),
    headers: { 'content-range': `bytes ${start}-${end}/${bytes.length}`, ...headers },
  });

  const withAuth = await put(0, FRAGMENT - 1, { authorization: 'Bearer should-not-be-sent' });
  assert.equal(withAuth.status, 401, 'the uploadUrl is pre-authenticated: Authorization is refused');
  const notMultiple = await put(0, 1000);
  assert.equal(notMultiple.status, 400, 'fragments other than the last are multiples of 320 KiB');
  const first = await put(0, FRAGMENT - 1);
  assert.equal(first.status, 202);
  assert.deepEqual(((await first.json()) as { nextExpectedRanges: string[] }).nextExpectedRanges, [`${FRAGMENT}-`]);
  const outOfOrder = await put(FRAGMENT * 2, bytes.length - 1);
  assert.equal(outOfOrder.status, 416);
  const status = (await (await fetch(uploadUrl)).json()) as { nextExpectedRanges: string[] };
  assert.deepEqual(status.nextExpectedRanges, [`${FRAGMENT}-`], 'GET resumes');
  assert.equal((await put(FRAGMENT, FRAGMENT * 2 - 1)).status, 202);
  const last = await put(FRAGMENT * 2, bytes.length - 1);
  assert.equal(last.status, 201);
  const item = (await last.json()) as { id: string; size: number; name: string };
  assert.equal(item.size, bytes.length);
  assert.equal(item.name, 'big.bin');
  const downloaded = Buffer.from(await (await fetch(`${graph.emulator.graphUrl}/me/drive/items/${item.id}/content`)).arrayBuffer());
  assert.ok(downloaded.equals(bytes), 'the bytes round-trip');
  assert.equal((await fetch(uploadUrl)).status, 404, 'a finished session is gone');
  const uploaded = graph.emulator.effects.filter((e) => e.kind === 'uploaded').at(-1);
  assert.equal(uploaded && 'bytes' in uploaded ? uploaded.bytes : 0, bytes.length);
});

test('an upload session can be cancelled with DELETE', async () => {
  const session = await graph.call('POST', '/me/drive/root:/cancel-me.bin:/createUploadSession', {});
  const url = session.body.uploadUrl as string;
  assert.equal((await fetch(url, { method: 'DELETE' })).status, 204);
  assert.equal((await fetch(url)).status, 404);
  assert.equal((await graph.get('/me/drive/root:/cancel-me.bin:')).status, 404, 'no file was created');
});

test('delta on the drive root lists items, then only changes', async () => {
  const first = await graph.get('/me/drive/root/delta?$top=500');
  assert.equal(first.status, 200);
  const deltaLink = first.body['@odata.deltaLink'] as string;
  assert.ok(deltaLink);
  await graph.call('PUT', '/me/drive/root:/delta.txt:/content', { body: 'new' });
  const second = (await (await fetch(deltaLink)).json()) as { value: Array<{ name: string }> };
  assert.deepEqual(second.value.map((v) => v.name), ['delta.txt']);
});
