// Deleting a message, as Exchange does it: DELETE moves it to Deleted Items (a move: new id unless
// ImmutableId, reported by delta as removed from the folder it left), and only a DELETE in Deleted Items
// removes it for good.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphError, startTestGraph } from './helpers/graph-server.js';

const graph = await startTestGraph();
const q = encodeURIComponent;

async function find(folder: string, subject: string): Promise<Array<{ id: string; parentFolderId: string }>> {
  const r = await graph.get(`/me/mailFolders/${folder}/messages?$filter=${q(`subject eq '${subject}'`)}&$select=id,parentFolderId`);
  assert.equal(r.status, 200, r.text);
  return r.body.value;
}

/** Every page of a delta round; returns its values and the deltaLink for the next round. */
async function deltaRound(url: string): Promise<{ values: Array<Record<string, any>>; deltaLink: string }> {
  const values: Array<Record<string, any>> = [];
  let next: string | undefined = url;
  for (let pages = 0; next && pages < 20; pages++) {
    const body = (await (await fetch(next)).json()) as { value: Array<Record<string, any>>; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
    values.push(...body.value);
    if (body['@odata.deltaLink']) return { values, deltaLink: body['@odata.deltaLink'] };
    next = body['@odata.nextLink'];
  }
  throw new Error('delta did not end');
}

test('DELETE moves a message to Deleted Items with a new id, and the folder it left reports it removed', async () => {
  const inboxDelta = (await deltaRound(`${graph.emulator.graphUrl}/me/mailFolders/inbox/messages/delta?$select=subject`)).deltaLink;
  const deletedDelta = (await deltaRound(`${graph.emulator.graphUrl}/me/mailFolders/deleteditems/messages/delta?$select=subject`)).deltaLink;
  const [message] = await find('inbox', 'Store operations update');
  const deletedItems = (await graph.get('/me/mailFolders/deleteditems?$select=id')).body.id as string;

  const r = await graph.call('DELETE', `/me/messages/${q(message!.id)}`);
  assert.equal(r.status, 204);
  assert.equal((await graph.get(`/me/messages/${q(message!.id)}`)).status, 404, 'the old id is gone');
  assert.deepEqual(await find('inbox', 'Store operations update'), []);
  const [moved] = await find('deleteditems', 'Store operations update');
  assert.ok(moved, 'it is in Deleted Items');
  assert.notEqual(moved.id, message!.id);
  assert.equal(moved.parentFolderId, deletedItems);
  const effect = graph.emulator.effects.at(-1)!;
  assert.deepEqual(effect.kind === 'moved' ? [effect.fromId, effect.toId, effect.destination] : effect, [message!.id, moved.id, deletedItems]);

  const fromInbox = await deltaRound(inboxDelta);
  assert.deepEqual(fromInbox.values, [{ id: message!.id, '@removed': { reason: 'deleted' } }]);
  const intoDeleted = await deltaRound(deletedDelta);
  assert.deepEqual(intoDeleted.values.map((v) => [v['id'], v['subject']]), [[moved.id, 'Store operations update']]);
});

test('with Prefer: IdType="ImmutableId" the deleted message keeps its id', async () => {
  const [message] = await find('inbox', 'Ticket #5521 updated');
  const r = await graph.call('DELETE', `/me/messages/${q(message!.id)}`, { headers: { Prefer: 'IdType="ImmutableId"' } });
  assert.equal(r.status, 204);
  const again = await graph.get(`/me/messages/${q(message!.id)}?$select=parentFolderId`);
  assert.equal(again.status, 200);
  assert.equal(again.body.parentFolderId, (await graph.get('/me/mailFolders/deleteditems?$select=id')).body.id);
});

test('DELETE in Deleted Items removes the message for good', async () => {
  const [old] = await find('deleteditems', 'Old newsletter');
  const deletedDelta = (await deltaRound(`${graph.emulator.graphUrl}/me/mailFolders/deleteditems/messages/delta?$select=subject`)).deltaLink;
  assert.equal((await graph.call('DELETE', `/me/mailFolders/deleteditems/messages/${q(old!.id)}`)).status, 204);
  assert.equal((await graph.get(`/me/messages/${q(old!.id)}`)).status, 404);
  assert.deepEqual(await find('deleteditems', 'Old newsletter'), []);
  const all = await graph.get(`/me/messages?$filter=${q("subject eq 'Old newsletter'")}`);
  assert.deepEqual(all.body.value, [], 'in no folder at all');
  const effect = graph.emulator.effects.at(-1)!;
  assert.deepEqual([effect.kind, 'id' in effect ? effect.id : ''], ['deleted', old!.id]);
  assert.deepEqual((await deltaRound(deletedDelta)).values, [{ id: old!.id, '@removed': { reason: 'deleted' } }]);
});

test('DELETE of a message that does not exist is a 404 and changes nothing', async () => {
  const before = { effects: graph.emulator.effects.length, entities: graph.emulator.store.size.entities, inbox: (await graph.get('/me/mailFolders/inbox?$select=totalItemCount')).body.totalItemCount };
  const r = await graph.call('DELETE', '/me/messages/AAMkAGdoesnotexist');
  assert.equal(r.status, 404);
  assert.equal(graphError(r).code, 'ErrorItemNotFound');
  const after = { effects: graph.emulator.effects.length, entities: graph.emulator.store.size.entities, inbox: (await graph.get('/me/mailFolders/inbox?$select=totalItemCount')).body.totalItemCount };
  assert.deepEqual(after, before);
});
