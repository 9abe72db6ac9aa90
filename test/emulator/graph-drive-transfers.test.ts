// Drive content as OneDrive for Business reports and guards it, on the real v1.0 model: the real
// QuickXorHash on every upload path, the upload session's last answer with its @odata.context, and the
// storage host refusing a bearer token on download URLs (401), as SharePoint does (upload URLs: graph-drive.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasGeneratedSchema, loadSchema } from '../../src/emulator/model/load-schema.js';
import { startTestGraph } from './helpers/graph-server.js';

const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json is missing: run `npm run generate`';
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
