// References ($ref on group members and a user's manager, @odata.bind on create) and JSON $batch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADELE, NESTOR, RETAIL_GROUP, SALES_GROUP, graphError, startTestGraph } from './helpers/graph-server.js';

const graph = await startTestGraph();
const memberIds = async (group: string): Promise<string[]> =>
  (await graph.get(`/groups/${group}/members?$select=id`)).body.value.map((m: { id: string }) => m.id).sort();

test('GET members/$ref lists @odata.id links', async () => {
  const r = await graph.get(`/groups/${RETAIL_GROUP}/members/$ref`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.value.map((v: { '@odata.id': string }) => v['@odata.id'].split('/').pop()).sort(), [ADELE.id, NESTOR.id].sort());
  assert.ok(r.body.value[0]['@odata.id'].startsWith(graph.emulator.graphUrl));
});

test('POST members/$ref adds a member named by a graph.microsoft.com URL; a second add is a 400', async () => {
  const body = { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${SALES_GROUP}` };
  const added = await graph.call('POST', `/groups/${RETAIL_GROUP}/members/$ref`, { body });
  assert.equal(added.status, 204);
  assert.ok((await memberIds(RETAIL_GROUP)).includes(SALES_GROUP), 'a group can be a member');
  const nested = await graph.get(`/groups/${RETAIL_GROUP}/members/microsoft.graph.group?$select=displayName`);
  assert.deepEqual(nested.body.value.map((g: { displayName: string }) => g.displayName), ['Sales and Marketing']);
  const again = await graph.call('POST', `/groups/${RETAIL_GROUP}/members/$ref`, { body });
  assert.equal(again.status, 400);
  assert.equal(graph.emulator.effects.at(-1)?.kind, 'linked');
});

test('DELETE members/{id}/$ref removes the link but not the user', async () => {
  const r = await graph.call('DELETE', `/groups/${RETAIL_GROUP}/members/${NESTOR.id}/$ref`);
  assert.equal(r.status, 204);
  assert.ok(!(await memberIds(RETAIL_GROUP)).includes(NESTOR.id));
  assert.equal((await graph.get(`/users/${NESTOR.id}`)).status, 200, 'the user still exists');
});

test('a $ref to something that does not exist is a 400 and links nothing', async () => {
  const before = await memberIds(RETAIL_GROUP);
  const r = await graph.call('POST', `/groups/${RETAIL_GROUP}/members/$ref`, { body: { '@odata.id': 'https://graph.microsoft.com/v1.0/directoryObjects/00000000-0000-4000-8000-00000000dead' } });
  assert.equal(r.status, 400);
  assert.match(graphError(r).message, /Invalid object identifier/);
  assert.deepEqual(await memberIds(RETAIL_GROUP), before);
  const malformed = await graph.call('POST', `/groups/${RETAIL_GROUP}/members/$ref`, { body: { id: 'x' } });
  assert.equal(malformed.status, 400);
});

test('a single-valued reference is set with PUT $ref and read through the navigation', async () => {
  const put = await graph.call('PUT', `/users/${NESTOR.id}/manager/$ref`, { body: { '@odata.id': `https://graph.microsoft.com/v1.0/users/${ADELE.id}` } });
  assert.equal(put.status, 204);
  const manager = await graph.get(`/users/${NESTOR.id}/manager`);
  assert.equal(manager.body.id, ADELE.id);
  assert.equal(manager.body['@odata.type'], '#microsoft.graph.user');
  assert.equal((await graph.call('DELETE', `/users/${NESTOR.id}/manager/$ref`)).status, 204);
  assert.equal((await graph.get(`/users/${NESTOR.id}/manager`)).status, 404);
});

test('a group created with members@odata.bind has those members', async () => {
  const r = await graph.call('POST', '/groups', {
    body: { displayName: 'Launch crew', mailEnabled: false, mailNickname: 'launchcrew', securityEnabled: true, 'members@odata.bind': [`https://graph.microsoft.com/v1.0/users/${ADELE.id}`] },
  });
  assert.equal(r.status, 201);
  assert.deepEqual(await memberIds(r.body.id), [ADELE.id]);
  const bad = await graph.call('POST', '/groups', {
    body: { displayName: 'Broken', mailEnabled: false, mailNickname: 'broken', securityEnabled: true, 'members@odata.bind': ['https://graph.microsoft.com/v1.0/users/nobody'] },
  });
  assert.equal(bad.status, 400);
  assert.equal((await graph.get(`/groups?$filter=${encodeURIComponent("displayName eq 'Broken'")}`)).body.value.length, 0, 'nothing half-created');
});

test('$batch runs each request with its own status, headers and body', async () => {
  const r = await graph.call('POST', '/$batch', {
    body: {
      requests: [
        { id: '1', method: 'GET', url: '/me?$select=displayName' },
        { id: '2', method: 'GET', url: '/me/nope' },
        { id: '3', method: 'POST', url: '/me/contacts', headers: { 'Content-Type': 'application/json' }, body: { givenName: 'Batched' } },
        { id: '4', method: 'GET', url: '/users/$count', headers: { ConsistencyLevel: 'eventual' } },
      ],
    },
  });
  assert.equal(r.status, 200);
  const byId = Object.fromEntries(r.body.responses.map((x: { id: string }) => [x.id, x]));
  assert.equal(byId['1'].status, 200);
  assert.equal(byId['1'].body.displayName, 'Adele Vance');
  assert.equal(byId['2'].status, 400);
  assert.equal(byId['2'].body.error.code, 'BadRequest');
  assert.equal(byId['3'].status, 201);
  assert.match(byId['3'].headers.Location, /\/contacts\//, 'header names are cased as Graph writes them');
  assert.match(byId['1'].headers['Content-Type'], /^application\/json/, 'graph-client reads headers["Content-Type"]');
  assert.equal(byId['1'].headers['OData-Version'], '4.0');
  assert.equal(byId['4'].body, '6');
  assert.match(byId['1'].headers['request-id'], /^[0-9a-f-]{36}$/, 'each item has its own request id');
  const items = graph.emulator.requests.filter((x) => x.batchId === r.headers.get('request-id'));
  assert.equal(items.length, 4, 'items are logged with the batch id');
});

test('$batch dependsOn orders requests and answers 424 to dependents of a failed one', async () => {
  const r = await graph.call('POST', '/$batch', {
    body: {
      requests: [
        { id: 'b', method: 'GET', url: '/me/contacts?$top=1', dependsOn: ['a'] },
        { id: 'a', method: 'POST', url: '/me/contacts', headers: { 'content-type': 'application/json' }, body: { givenName: 'First' } },
        { id: 'c', method: 'POST', url: '/me/contacts', headers: { 'content-type': 'application/json' }, body: { nope: 1 } },
        { id: 'd', method: 'GET', url: '/me', dependsOn: ['c'] },
        { id: 'e', method: 'GET', url: '/me', dependsOn: ['d'] },
      ],
    },
  });
  const order = r.body.responses.map((x: { id: string }) => x.id);
  assert.ok(order.indexOf('a') < order.indexOf('b'), 'a runs before b');
  const status = Object.fromEntries(r.body.responses.map((x: { id: string; status: number }) => [x.id, x.status]));
  assert.deepEqual(status, { a: 201, b: 200, c: 400, d: 424, e: 424 });
  const failed = r.body.responses.find((x: { id: string }) => x.id === 'd');
  assert.equal(failed.body.error.code, 'FailedDependency');
});

test('$batch refuses more than 20 requests, duplicate ids, unknown dependencies and versioned URLs', async () => {
  const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' }));
  const tooMany = await graph.call('POST', '/$batch', { body: { requests: many } });
  assert.equal(tooMany.status, 400);
  assert.match(graphError(tooMany).message, /limit of 20/);
  const dup = await graph.call('POST', '/$batch', { body: { requests: [{ id: '1', method: 'GET', url: '/me' }, { id: '1', method: 'GET', url: '/me' }] } });
  assert.equal(dup.status, 400);
  const unknown = await graph.call('POST', '/$batch', { body: { requests: [{ id: '1', method: 'GET', url: '/me', dependsOn: ['9'] }] } });
  assert.equal(unknown.status, 400);
  const versioned = await graph.call('POST', '/$batch', { body: { requests: [{ id: '1', method: 'GET', url: '/v1.0/me' }] } });
  assert.equal(versioned.status, 200);
  assert.equal(versioned.body.responses[0].status, 400);
  const noType = await graph.call('POST', '/$batch', { body: { requests: [{ id: '1', method: 'POST', url: '/me/contacts', body: { givenName: 'x' } }] } });
  assert.equal(noType.body.responses[0].status, 400, 'a body needs a Content-Type');
});

test('memberOf, transitiveMemberOf and directReports are computed from the other side of the link', async () => {
  const fresh = await startTestGraph();
  const names = async (path: string): Promise<string[]> =>
    (await fresh.get(`${path}?$select=displayName`)).body.value.map((g: { displayName: string }) => g.displayName).sort();
  assert.deepEqual(await names('/me/memberOf'), ['All Company', 'Retail', 'Sales and Marketing']);
  await fresh.call('POST', `/groups/${RETAIL_GROUP}/members/$ref`, { body: { '@odata.id': `https://graph.microsoft.com/v1.0/groups/${SALES_GROUP}` } });
  assert.deepEqual(await names('/users/alexw@contoso.com/memberOf'), ['All Company', 'Sales and Marketing']);
  assert.deepEqual(await names('/users/alexw@contoso.com/transitiveMemberOf'), ['All Company', 'Retail', 'Sales and Marketing'], 'Retail through Sales');
  assert.deepEqual(await names(`/groups/${RETAIL_GROUP}/transitiveMembers`), ['Adele Vance', 'Alex Wilber', 'Megan Bowen', 'Nestor Wilke', 'Sales and Marketing']);
  assert.deepEqual(await names(`/users/${NESTOR.id}/directReports`), ['Adele Vance']);
  const write = await fresh.call('POST', '/me/memberOf/$ref', { body: { '@odata.id': `https://graph.microsoft.com/v1.0/groups/${SALES_GROUP}` } });
  assert.equal(write.status, 405, 'membership is written on the group, not on the member');
});
