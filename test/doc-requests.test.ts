// How scripts/doc-requests.ts reads Microsoft's documented requests: the request blocks of the API reference
// and concept pages (however the fence is spelt, a body given in the json block after it) and Graph
// Explorer's sample queries, for one version at a time; and the items of a `$batch` body.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { batchItems, docRequests } from '../scripts/doc-requests.js';

let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doc-requests-'));
  await mkdir(join(dir, 'pages', 'concepts', 'deeper'), { recursive: true });
  await writeFile(join(dir, 'pages', 'user-get.md'), [
    '```http', 'GET https://graph.microsoft.com/v1.0/me?$select=displayName', '```',
    '``` http', 'POST https://graph.microsoft.com/v1.0/me/sendMail', 'Content-type: application/json', '', '{ "message": { "subject": "Hi" } }', '```',
    '```HTTP', 'GET https://graph.microsoft.com/beta/me', '```',
    '```http', 'HTTP/1.1 200 OK', 'Content-type: application/json', '', '{}', '```',
  ].join('\n'));
  await writeFile(join(dir, 'pages', 'concepts', 'deeper', 'batching.md'), [
    '```msgraph-interactive', 'GET https://graph.microsoft.com/v1.0/me/ HTTP/1.1', '```',
    '```http', 'POST https://graph.microsoft.com/v1.0/$batch', 'Content-Type: application/json', '```', '',
    '```json', '{ "requests": [{ "id": "1", "method": "GET", "url": "/me" }] }', '```',
    '```http', 'POST https://graph.microsoft.com/v1.0/me/onenote/pages', 'Content-Type: multipart/form-data; boundary=part', '', '--part', '```',
  ].join('\n'));
  await writeFile(join(dir, 'samples.json'), JSON.stringify({
    SampleQueries: [
      { method: 'PATCH', requestUrl: '/v1.0/me', humanName: 'update me', headers: [{ name: 'Content-type', value: 'application/json' }], postBody: '{ "city": "Oslo" }' },
      { method: 'GET', requestUrl: '/beta/me/profile', humanName: 'my profile (beta)' },
    ],
  }));
});

after(() => rm(dir, { recursive: true, force: true }));

test('request blocks of the pages, in every fence spelling, below every folder, for the version asked', async () => {
  const got = await docRequests([join(dir, 'pages')], 'v1.0');
  assert.deepEqual(got.map((r) => `${r.method} ${r.path}${r.query ? `?${r.query}` : ''} (${r.where})`), [
    'GET /me/ (concepts/deeper/batching.md)',
    'POST /$batch (concepts/deeper/batching.md)',
    'POST /me/onenote/pages (concepts/deeper/batching.md)',
    'GET /me?$select=displayName (user-get.md)',
    'POST /me/sendMail (user-get.md)',
  ]);
  const [, batch, onenote, , send] = got;
  // `HTTP/1.1` after the target is the protocol, not part of it.
  assert.equal(got[0]!.path, '/me/');
  // A body in the json block right after the request, as the concept pages write `$batch`.
  assert.deepEqual(batch!.body, { requests: [{ id: '1', method: 'GET', url: '/me' }] });
  assert.deepEqual(send!.body, { message: { subject: 'Hi' } });
  assert.equal(send!.contentType, 'application/json');
  // A body that is not JSON is kept as text, with its whole content type.
  assert.equal(onenote!.body, undefined);
  assert.equal(onenote!.text, '--part');
  assert.equal(onenote!.contentType, 'multipart/form-data; boundary=part');
});

test("Graph Explorer's sample queries, for the version asked, with their headers and bodies", async () => {
  const v1 = await docRequests([join(dir, 'samples.json')], 'v1.0');
  assert.deepEqual(v1.map((r) => [r.where, r.method, r.path, r.body, r.contentType]), [['Graph Explorer: update me', 'PATCH', '/me', { city: 'Oslo' }, 'application/json']]);
  const beta = await docRequests([join(dir, 'samples.json'), join(dir, 'pages')], 'beta');
  assert.deepEqual(beta.map((r) => `${r.method} ${r.path}`), ['GET /me/profile', 'GET /me']);
});

test("a $batch body's items as requests of their own, with the positions of the items each depends on", () => {
  const items = batchItems({
    requests: [
      { id: 'a', method: 'post', url: '/me/drive/root/children', body: { name: 'x' }, headers: { 'Content-Type': 'application/json' } },
      { id: 'b', method: 'GET', url: 'https://graph.microsoft.com/v1.0/me/messages?$top=2', dependsOn: ['a'] },
      { id: 'c', method: 'GET', url: '/me', DependsOn: ['b', 'a'] },
    ],
  }, 'page.md', 'v1.0');
  assert.deepEqual(items.map((i) => [i.method, i.path, i.query, i.after]), [
    ['POST', '/me/drive/root/children', '', []],
    ['GET', '/me/messages', '$top=2', [0]],
    ['GET', '/me', '', [1, 0]],
  ]);
  assert.deepEqual(items[0]!.body, { name: 'x' });
  assert.equal(items[0]!.contentType, 'application/json');
  assert.deepEqual(batchItems({ value: [] }, 'page.md', 'v1.0'), []);
});
