// OneDrive sharing links on the real v1.0 model: createLink answers 201 with a link permission, 200 with
// the same one when asked again, `permissions` lists it, and `/shares/{u!base64url(webUrl)}` resolves the
// link to the item and its content.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasGeneratedSchema, loadSchema } from '../../src/emulator/model/load-schema.js';
import { graphError, startTestGraph } from './helpers/graph-server.js';

const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';
const graph = skip ? undefined : await startTestGraph({ schema: loadSchema('v1.0') });

/** The encoding Graph's docs give for a share id, written out independently of the emulator's. */
function encodeSharingUrl(url: string): string {
  return `u!${Buffer.from(url).toString('base64').replace(/=+$/, '').replace(/\//g, '_').replace(/\+/g, '-')}`;
}

test('createLink answers 201 with a link permission, then 200 with the same link for the same type and scope', { skip }, async () => {
  const g = graph!;
  const first = await g.call('POST', '/me/drive/root:/Notes.txt:/createLink', { body: { type: 'view', scope: 'anonymous' } });
  assert.equal(first.status, 201, first.text);
  assert.deepEqual(first.body.roles, ['read']);
  assert.equal(first.body.link.type, 'view');
  assert.equal(first.body.link.scope, 'anonymous');
  assert.match(first.body.link.webUrl, /^https:\/\/contoso-my\.sharepoint\.com\//);
  assert.match(first.body['@odata.context'], /\$metadata#microsoft\.graph\.permission$/);
  const again = await g.call('POST', '/me/drive/root:/Notes.txt:/createLink', { body: { type: 'view', scope: 'anonymous' } });
  assert.equal(again.status, 200, 'an existing link is returned, not made twice');
  assert.equal(again.body.id, first.body.id);
  const edit = await g.call('POST', '/me/drive/root:/Notes.txt:/createLink', { body: { type: 'edit', scope: 'organization' } });
  assert.equal(edit.status, 201);
  assert.deepEqual(edit.body.roles, ['write']);
  const listed = await g.get('/me/drive/root:/Notes.txt:/permissions');
  assert.equal(listed.status, 200, listed.text);
  assert.deepEqual(listed.body.value.map((p: { id: string }) => p.id).sort(), [first.body.id, edit.body.id].sort());
});

test('/shares/{u!base64url(webUrl)} resolves the link to the item and its content; an unknown share is a 404', { skip }, async () => {
  const g = graph!;
  const link = await g.call('POST', '/me/drive/root:/Documents/Budget.xlsx:/createLink', { body: { type: 'view', scope: 'organization' } });
  assert.equal(link.status, 201, link.text);
  const shareId = encodeSharingUrl(link.body.link.webUrl);
  const item = await g.get('/me/drive/root:/Documents/Budget.xlsx');
  const shared = await g.get(`/shares/${shareId}`);
  assert.equal(shared.status, 200, shared.text);
  assert.equal(shared.body.name, 'Budget.xlsx');
  const driveItem = await g.get(`/shares/${shareId}/driveItem`);
  assert.equal(driveItem.status, 200, driveItem.text);
  assert.equal(driveItem.body.id, item.body.id);
  const content = await fetch(`${g.emulator.graphUrl}/shares/${shareId}/driveItem/content`);
  assert.equal(content.status, 200);
  assert.equal((await content.arrayBuffer()).byteLength, item.body.size);
  const unknown = await g.get(`/shares/${encodeSharingUrl('https://contoso-my.sharepoint.com/:u:/g/personal/nope')}/driveItem`);
  assert.equal(unknown.status, 404);
  graphError(unknown);
});

test('createLink with an unknown link type is a 400 naming the types', { skip }, async () => {
  const r = await graph!.call('POST', '/me/drive/root:/Notes.txt:/createLink', { body: { type: 'review', scope: 'anonymous' } });
  assert.equal(r.status, 400);
  assert.match(graphError(r).message, /'review'.*view, edit, embed/);
});
