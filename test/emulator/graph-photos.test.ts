// Profile photos as Exchange serves them, on the real v1.0 model: seeded members have one, a user without
// one answers 404 ImageNotFound, a photo is set by PUT or PATCH of photo/$value, and `photos` lists the
// standard sizes up to the photo's own, each readable at photos/{size}/$value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasGeneratedSchema, loadSchema } from '../../src/emulator/model/load-schema.js';
import { squarePng } from '../../src/emulator/seed/content.js';
import { SUPPORT, graphError, startTestGraph } from './helpers/graph-server.js';

const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';
const graph = skip ? undefined : await startTestGraph({ schema: loadSchema('v1.0') });
const q = encodeURIComponent;

test('a seeded member has a 96×96 PNG photo, described at /me/photo and served at /me/photo/$value', { skip }, async () => {
  const meta = await graph!.get('/me/photo');
  assert.equal(meta.status, 200, meta.text);
  assert.deepEqual([meta.body.id, meta.body.height, meta.body.width, meta.body['@odata.mediaContentType']], ['default', 96, 96, 'image/png']);
  const bytes = await fetch(`${graph!.emulator.graphUrl}/me/photo/$value`);
  assert.equal(bytes.status, 200);
  assert.equal(bytes.headers.get('content-type'), 'image/png');
  const png = Buffer.from(await bytes.arrayBuffer());
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.equal(png.readUInt32BE(16), 96, 'the bytes are the 96-pixel image the metadata describes');
});

test('a user without a photo answers 404 ImageNotFound, for the photo and for its $value', { skip }, async () => {
  for (const path of [`/users/${q(SUPPORT.upn)}/photo`, `/users/${q(SUPPORT.upn)}/photo/$value`]) {
    const r = await graph!.get(path);
    assert.equal(r.status, 404, path);
    assert.equal(graphError(r).code, 'ImageNotFound', path);
  }
  const sizes = await graph!.get(`/users/${q(SUPPORT.upn)}/photos`);
  assert.deepEqual(sizes.body.value, []);
});

test('PATCH and PUT of photo/$value both set the photo; its size comes from the image', { skip }, async () => {
  const g = graph!;
  const user = `/users/${q(SUPPORT.upn)}`;
  const patched = await g.call('PATCH', `${user}/photo/$value`, { body: squarePng(120, [1, 2, 3]), headers: { 'content-type': 'image/png' } });
  assert.equal(patched.status, 204, patched.text);
  assert.deepEqual(((await g.get(`${user}/photo`)).body as { width: number }).width, 120);
  const put = await g.call('PUT', `${user}/photo/$value`, { body: squarePng(64, [9, 9, 9]), headers: { 'content-type': 'image/png' } });
  assert.equal(put.status, 204, put.text);
  const again = await g.call('PATCH', `${user}/photo/$value`, { body: squarePng(240, [9, 9, 9]), headers: { 'content-type': 'image/png' } });
  assert.equal(again.status, 204, 'PATCH over an existing photo replaces it');
  const meta = await g.get(`${user}/photo`);
  assert.deepEqual([meta.body.height, meta.body.width], [240, 240]);
});

test('photos lists the standard sizes up to the photo’s own, and photos/{size}/$value serves each (size ids ignore case)', { skip }, async () => {
  const g = graph!;
  const list = await g.get('/me/photos');
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.body.value.map((p: { id: string }) => p.id), ['48X48', '64X64', '96X96']);
  assert.deepEqual(list.body.value.map((p: { width: number }) => p.width), [48, 64, 96]);
  const one = await g.get('/me/photos/48x48');
  assert.deepEqual([one.status, one.body.height], [200, 48]);
  const bytes = await fetch(`${g.emulator.graphUrl}/me/photos/64X64/$value`);
  assert.equal(bytes.status, 200);
  assert.equal(bytes.headers.get('content-type'), 'image/png');
  assert.equal((await g.get('/me/photos/120X120')).status, 404, 'no size larger than the photo');
});
