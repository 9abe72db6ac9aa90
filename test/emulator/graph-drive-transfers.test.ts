// Drive content as OneDrive for Business reports and guards it, on the real v1.0 model: the real
// QuickXorHash on every upload path, the upload session's last answer with its @odata.context, and the
// storage host refusing a bearer token on download URLs (401), as SharePoint does (upload URLs: graph-drive.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasGeneratedSchema, loadSchema } from '../../src/emulator/model/load-schema.js';
import { startTestGraph } from './helpers/graph-server.js';

const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';
const graph = skip ? undefined : await startTestGraph({ schema: loadSchema('v1.0') });

/** rclone's published 222-byte QuickXorHash vector (see quick-xor-hash.test.ts). */
const VECTOR = Buffer.from('PfxMcUd0vIW6VbHG/uj/Y0W6qEoKmyBD0nYebEKazKaKG+UaDqBEcmQjbfQeVnVLuodMoPp7P7TR1htX5n2VnkHh22xDyoJ8C/ZQKiSNqQfXvh83judf4RVr9exJCud8Uvgip6aVZTaPrJHVjQhMCp/dEnGvqg0oN5OVkM2qqAXvA0teKUDhgNM71sDBVBCGXxNOR2bpbD1iM4dnuT0ey4L+loXEHTL0fqMeUcEi2asgImnlNakwenDzz0x57aBwyq3AspCFGB1ncX4yYCr/OaCcS5OKi/00WH+wNQU3', 'base64');
const VECTOR_HASH = 'QX/YEpG0gDsmhEpCdWhsxDzsfVE=';

test('a simple upload reports the real QuickXorHash of its content', { skip }, async () => {
  const r = await graph!.call('PUT', '/me/drive/root:/hashes/vector.bin:/content', { body: VECTOR, headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.file.hashes.quickXorHash, VECTOR_HASH);
});

test('an upload session ends with the item, its @odata.context and the real QuickXorHash', { skip }, async () => {
  const g = graph!;
  const session = await g.call('POST', '/me/drive/root:/hashes/session.bin:/createUploadSession', { body: {} });
  assert.equal(session.status, 200, session.text);
  const done = await fetch(session.body.uploadUrl, { method: 'PUT', headers: { 'content-range': `bytes 0-${VECTOR.length - 1}/${VECTOR.length}` }, body: VECTOR });
  const item = (await done.json()) as Record<string, any>;
  assert.equal(done.status, 201);
  assert.match(item['@odata.context'], /\/v1\.0\/\$metadata#drives\('[^']+'\)\/items\/\$entity$/);
  assert.equal(item['file'].hashes.quickXorHash, VECTOR_HASH);
});

test('the storage host refuses an Authorization header on download URLs (401) and serves them without one', { skip }, async () => {
  const g = graph!;
  const redirect = await g.get('/me/drive/root:/Notes.txt:/content');
  assert.equal(redirect.status, 302);
  const location = redirect.headers.get('location')!;
  const leaked = await fetch(location, { headers: { authorization: 'Bearer leaked-token' } });
  assert.equal(leaked.status, 401);
  const body = (await leaked.json()) as { error: { code: string; message: string } };
  assert.match(body.error.message, /pre-authenticated/);
  assert.ok(!JSON.stringify(body).includes('leaked-token'), 'the token is not echoed');
  const plain = await fetch(location);
  assert.equal(plain.status, 200);
  assert.match(await plain.text(), /store walkthrough/);
});

async function poll(monitor: string): Promise<{ statuses: number[]; last: Record<string, any> }> {
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++) {
    const r = await fetch(monitor);
    statuses.push(r.status);
    const body = (await r.json()) as Record<string, any>;
    if (r.status !== 202) return { statuses, last: body };
    assert.equal(body['status'], 'inProgress');
  }
  throw new Error('the monitor never finished');
}

test('copy answers 202 with a Location monitor that reports inProgress, then completed with the new item', { skip }, async () => {
  const g = graph!;
  const source = await g.get('/me/drive/root:/Documents:');
  const root = await g.get('/me/drive/root');
  const r = await g.call('POST', `/me/drive/items/${source.body.id}/copy`, { body: { parentReference: { driveId: root.body.parentReference?.driveId, id: root.body.id }, name: 'Documents (copy)' } });
  assert.equal(r.status, 202, r.text);
  assert.equal(r.text, '', 'no body, only the monitor');
  const monitor = r.headers.get('location')!;
  assert.match(monitor, /^http:\/\/localhost:\d+\//, 'on the storage host, like Graph’s monitors');
  const { statuses, last } = await poll(monitor);
  assert.deepEqual(statuses, [202, 200], 'the polling loop runs at least once');
  assert.equal(last['status'], 'completed');
  const copy = await g.get(`/me/drive/items/${last['resourceId']}`);
  assert.equal(copy.body.name, 'Documents (copy)');
  const children = await g.get(`/me/drive/items/${last['resourceId']}/children?$select=name`);
  const original = await g.get(`/me/drive/items/${source.body.id}/children?$select=name`);
  assert.deepEqual(children.body.value.map((c: { name: string }) => c.name).sort(), original.body.value.map((c: { name: string }) => c.name).sort(), 'a folder is copied with its subtree');
  const budget = await fetch(`${g.emulator.graphUrl}/me/drive/root:/Documents (copy)/Budget.xlsx:/content`);
  assert.equal(budget.status, 200, 'the content came along');
});

test('copy onto an existing name reports failed with nameAlreadyExists at the monitor', { skip }, async () => {
  const g = graph!;
  const notes = await g.get('/me/drive/root:/Notes.txt');
  const r = await g.call('POST', `/me/drive/items/${notes.body.id}/copy`, { body: { name: 'Notes.txt' } });
  assert.equal(r.status, 202, r.text);
  const { last } = await poll(r.headers.get('location')!);
  assert.equal(last['status'], 'failed');
  assert.equal(last['error'].code, 'nameAlreadyExists');
});

test('/users/{id}/drives lists the user’s drive, and paths go on through it', { skip }, async () => {
  const g = graph!;
  const drives = await g.get('/users/adelev@contoso.com/drives');
  assert.equal(drives.status, 200, drives.text);
  assert.equal(drives.body.value.length, 1);
  const drive = drives.body.value[0];
  assert.equal(drive.id, (await g.get('/me/drive')).body.id);
  const children = await g.get(`/users/adelev@contoso.com/drives/${drive.id}/root/children?$select=name`);
  assert.equal(children.status, 200, children.text);
  assert.ok(children.body.value.some((c: { name: string }) => c.name === 'Notes.txt'));
});
