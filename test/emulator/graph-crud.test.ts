// Create, read, update, replace and delete over real HTTP, the store state behind them, and Graph's
// error shape for bad input, which must leave the store exactly as it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADELE, graphError, startTestGraph, type CallResult } from './helpers/graph-server.js';

const graph = await startTestGraph();
const store = graph.emulator.store;

/** Runs a request that must be rejected and checks nothing in the store moved. */
async function rejected(run: () => Promise<CallResult>): Promise<CallResult> {
  const before = { seq: store.seq, size: store.size, effects: graph.emulator.effects.length };
  const result = await run();
  assert.ok(result.status >= 400, `expected an error, got ${result.status}: ${result.text}`);
  assert.deepEqual({ seq: store.seq, size: store.size, effects: graph.emulator.effects.length }, before, 'the store is unchanged');
  return result;
}

test('POST creates a contact: 201, the entity, a Location that reads it back, and a created effect', async () => {
  const created = await graph.call('POST', '/me/contacts', {
    body: { givenName: 'Ana', surname: 'Bowman', emailAddresses: [{ address: 'ana@fabrikam.com', name: 'Ana Bowman' }] },
  });
  assert.equal(created.status, 201);
  assert.match(created.body.id, /^AAMkAG/);
  assert.equal(created.body.givenName, 'Ana');
  assert.ok(created.body.createdDateTime, 'the service fills createdDateTime');
  assert.match(created.body['@odata.context'], /\/contacts\/\$entity$/);
  const location = created.headers.get('location')!;
  assert.ok(location.startsWith(`${graph.emulator.graphUrl}/users/`), location);
  const readBack = await fetch(location);
  assert.equal(((await readBack.json()) as { id: string }).id, created.body.id);
  const effect = graph.emulator.effects.at(-1);
  assert.equal(effect?.kind, 'created');
  assert.equal(effect && 'id' in effect ? effect.id : undefined, created.body.id);
});

test('PATCH merges, PUT replaces, and both bump lastModifiedDateTime and changeKey', async () => {
  const created = await graph.call('POST', '/me/contacts', { body: { givenName: 'Patch', surname: 'Me', companyName: 'Contoso' } });
  const path = `/me/contacts/${encodeURIComponent(created.body.id)}`;
  const patched = await graph.call('PATCH', path, { body: { surname: 'Merged' } });
  assert.equal(patched.status, 200);
  assert.equal(patched.body.givenName, 'Patch');
  assert.equal(patched.body.surname, 'Merged');
  assert.notEqual(patched.body.changeKey, created.body.changeKey);
  const replaced = await graph.call('PUT', path, { body: { givenName: 'Only' } });
  assert.equal(replaced.status, 200);
  assert.equal(replaced.body.givenName, 'Only');
  assert.equal(replaced.body.companyName, undefined, 'PUT drops what it does not send');
  assert.equal(replaced.body.id, created.body.id, 'the key survives a replace');
});

test('PATCH on a directory object answers 204 and the change is visible', async () => {
  const r = await graph.call('PATCH', `/users/${ADELE.id}`, { body: { jobTitle: 'Regional Retail Manager' } });
  assert.equal(r.status, 204);
  assert.equal(r.text, '');
  assert.equal((await graph.get('/me?$select=jobTitle')).body.jobTitle, 'Regional Retail Manager');
});

test('PATCH on a complex property merges into it (mailboxSettings), and checks its shape', async () => {
  const r = await graph.call('PATCH', '/me/mailboxSettings', { body: { automaticRepliesSetting: { status: 'alwaysEnabled', internalReplyMessage: 'Out until Monday' } } });
  assert.equal(r.status, 200);
  assert.equal(r.body.automaticRepliesSetting.status, 'alwaysEnabled');
  assert.equal(r.body.timeZone, 'Pacific Standard Time', 'other settings are kept');
  assert.equal((await graph.get('/me/mailboxSettings')).body.automaticRepliesSetting.internalReplyMessage, 'Out until Monday');
  const bad = await rejected(() => graph.call('PATCH', '/me/mailboxSettings', { body: { automaticRepliesSetting: { status: 'sometimes' } } }));
  assert.match(graphError(bad).message, /automaticRepliesStatus/);
});

test('DELETE answers 204, the entity is gone (404), and a deleted effect is logged', async () => {
  const created = await graph.call('POST', '/me/mailFolders', { body: { displayName: 'Temporary' } });
  assert.equal(created.status, 201);
  const path = `/me/mailFolders/${encodeURIComponent(created.body.id)}`;
  assert.equal((await graph.call('DELETE', path)).status, 204);
  const gone = await graph.get(path);
  assert.equal(gone.status, 404);
  assert.equal(graphError(gone).code, 'ErrorItemNotFound');
  assert.equal(graph.emulator.effects.at(-1)?.kind, 'deleted');
});

test('a message posted to /me/messages is a draft filed in Drafts', async () => {
  const created = await graph.call('POST', '/me/messages', { body: { subject: 'Draft via API', toRecipients: [{ emailAddress: { address: 'alexw@contoso.com' } }] } });
  assert.equal(created.status, 201);
  assert.equal(created.body.isDraft, true);
  const drafts = await graph.get("/me/mailFolders/drafts/messages?$filter=subject eq 'Draft via API'");
  assert.equal(drafts.body.value.length, 1);
  assert.equal(drafts.body.value[0].parentFolderId, (await graph.get('/me/mailFolders/drafts')).body.id);
});

test('a derived type is created through @odata.type, and an abstract type without it is refused', async () => {
  const message = (await graph.get('/me/mailFolders/drafts/messages?$top=1')).body.value[0];
  const path = `/me/messages/${encodeURIComponent(message.id)}/attachments`;
  const created = await graph.call('POST', path, {
    body: { '@odata.type': '#microsoft.graph.fileAttachment', name: 'hello.txt', contentBytes: Buffer.from('hello').toString('base64') },
  });
  assert.equal(created.status, 201);
  assert.equal(created.body['@odata.type'], '#microsoft.graph.fileAttachment');
  assert.equal(created.body.size, 5);
  const abstract = await rejected(() => graph.call('POST', path, { body: { name: 'x.txt' } }));
  assert.equal(abstract.status, 400);
  assert.match(graphError(abstract).message, /abstract/);
  const unrelated = await rejected(() => graph.call('POST', path, { body: { '@odata.type': '#microsoft.graph.user', name: 'x' } }));
  assert.match(graphError(unrelated).message, /not compatible/);
});

test('malformed JSON is a 400 with Graph’s message and changes nothing', async () => {
  const r = await rejected(() => graph.call('POST', '/me/contacts', { body: '{"givenName": "broken"', headers: { 'content-type': 'application/json' } }));
  assert.equal(r.status, 400);
  const error = graphError(r);
  assert.equal(error.code, 'RequestBodyRead');
  assert.match(error.message, /^Unable to read JSON request payload/);
  assert.equal(error.innerError['request-id'], r.headers.get('request-id'));
});

test('an unknown property is a 400 naming the property and the type, inherited properties are fine', async () => {
  const r = await rejected(() => graph.call('POST', '/me/contacts', { body: { givenName: 'X', favouriteColour: 'teal' } }));
  assert.match(graphError(r).message, /The property 'favouriteColour' does not exist on type 'microsoft\.graph\.contact'/);
  const inherited = await graph.call('POST', '/me/contacts', { body: { givenName: 'Y', categories: ['Blue category'] } });
  assert.equal(inherited.status, 201, 'categories comes from outlookItem');
  const nested = await rejected(() => graph.call('POST', '/me/contacts', { body: { emailAddresses: [{ address: 'a@b.c', nickname: 'x' }] } }));
  assert.match(graphError(nested).message, /'nickname' does not exist on type 'microsoft\.graph\.emailAddress'/);
});

test('a value of the wrong type is a 400: string for number, number for boolean, object for collection, string for complex', async () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['/me/mailFolders', { displayName: 'X', totalItemCount: 'many' }, /Edm\.Int32/],
    ['/me/messages', { isRead: 1 }, /Edm\.Boolean/],
    ['/me/messages', { toRecipients: { emailAddress: { address: 'a@b.c' } } }, /expects a collection of 'microsoft\.graph\.recipient'/],
    ['/me/messages', { body: 'just text' }, /expects a 'microsoft\.graph\.itemBody' object/],
    ['/me/messages', { importance: 'urgent' }, /not a member of the enumeration 'microsoft\.graph\.importance'/],
    ['/me/messages', { receivedDateTime: 'yesterday' }, /Edm\.DateTimeOffset/],
    ['/me/messages', { categories: [1, 2] }, /Edm\.String/],
  ];
  for (const [path, body, pattern] of cases) {
    const r = await rejected(() => graph.call('POST', path, { body }));
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.match(graphError(r).message, pattern, JSON.stringify(body));
  }
});

test('a missing required property is a 400 (a folder needs a displayName, a user its sign-in basics)', async () => {
  const folder = await rejected(() => graph.call('POST', '/me/mailFolders', { body: {} }));
  assert.match(graphError(folder).message, /'displayName' is required/);
  const user = await rejected(() => graph.call('POST', '/users', { body: { displayName: 'No UPN', accountEnabled: true } }));
  assert.equal(graphError(user).code, 'Request_BadRequest');
  assert.match(graphError(user).message, /is required when creating a 'microsoft\.graph\.user'/);
});

test('a body that is not an object, or empty, is a 400', async () => {
  assert.equal((await rejected(() => graph.call('POST', '/me/contacts', { body: [1, 2] }))).status, 400);
  assert.equal((await rejected(() => graph.call('POST', '/me/contacts', { body: '', headers: { 'content-type': 'application/json' } }))).status, 400);
});

test('a user can be created with the required properties, then found by its userPrincipalName', async () => {
  const r = await graph.call('POST', '/users', {
    body: { accountEnabled: true, displayName: 'Grady Archie', mailNickname: 'gradya', userPrincipalName: 'gradya@contoso.com', passwordProfile: { password: 'x!Y7-zz', forceChangePasswordNextSignIn: true } },
  });
  assert.equal(r.status, 201);
  assert.match(r.body.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal((await graph.get('/users/gradya@contoso.com')).body.id, r.body.id);
  assert.equal((await graph.get(`/directoryObjects/${r.body.id}`)).status, 200, 'a user is a directory object too');
});

test('missing entities are 404s with each workload’s code', async () => {
  assert.equal(graphError(await graph.get('/me/messages/AAMkAGnope')).code, 'ErrorItemNotFound');
  assert.equal(graphError(await graph.get('/users/00000000-0000-4000-8000-000000000000')).code, 'Request_ResourceNotFound');
  assert.equal(graphError(await graph.get('/me/drive/items/01NOPE')).code, 'itemNotFound');
});

test('the seed is deterministic: the same options give the same ids', async () => {
  const other = await startTestGraph();
  const a = await graph.get('/me/mailFolders/inbox?$select=id');
  const b = await other.get('/me/mailFolders/inbox?$select=id');
  assert.equal(a.body.id, b.body.id);
});

test('the store is bounded: past its entity limit a create is a 507 and nothing is written', async () => {
  const seeded = (await startTestGraph()).emulator.store.size.entities;
  const small = await startTestGraph({ limits: { maxEntities: seeded + 1 } });
  const first = await small.call('POST', '/me/contacts', { body: { givenName: 'Fits' } });
  assert.equal(first.status, 201);
  const before = small.emulator.store.size;
  const full = await small.call('POST', '/me/contacts', { body: { givenName: 'Does not fit' } });
  assert.equal(full.status, 507);
  assert.equal(graphError(full).code, 'quotaLimitReached');
  assert.deepEqual(small.emulator.store.size, before);
});
