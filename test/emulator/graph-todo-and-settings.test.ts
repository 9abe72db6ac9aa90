// What python-o365's To Do and mailbox-settings code needs, on the real v1.0 model: `/me/todo` exists for a
// mailbox user with its default "Tasks" list, tasks get their dates and a completedDateTime when completed,
// mailboxSettings carries automaticRepliesSetting.externalAudience, and both are guarded by their own
// permissions (MailboxSettings.*, Tasks.*) rather than User.*.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Caller } from '../../src/emulator/index.js';
import { hasGeneratedSchema, loadSchema } from '../../src/emulator/model/load-schema.js';
import { ADELE, graphError, startTestGraph } from './helpers/graph-server.js';

const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';
const graph = skip ? undefined : await startTestGraph({
  schema: loadSchema('v1.0'), clock: () => new Date('2026-05-04T09:30:00Z'),
  authenticate: ({ headers }): Caller => ({ kind: 'delegated', user: ADELE.id, scopes: new Set((headers['x-test-scopes'] ?? 'Tasks.ReadWrite').split(' ')), roles: new Set() }),
});
const scoped = (...scopes: string[]) => ({ 'x-test-scopes': scopes.join(' ') });

test('/me/todo exists with its default Tasks list, and tasks get their dates and completion', { skip }, async () => {
  const g = graph!;
  const lists = await g.get('/me/todo/lists');
  assert.equal(lists.status, 200, lists.text);
  assert.deepEqual(lists.body.value.map((l: { displayName: string; wellknownListName: string }) => [l.displayName, l.wellknownListName]), [['Tasks', 'defaultList']]);
  assert.match(lists.body.value[0].id, /^AAMkAG/, 'an Exchange id, as To Do lists have');
  const list = await g.call('POST', '/me/todo/lists', { body: { displayName: 'Errands' } });
  assert.equal(list.status, 201, list.text);
  const task = await g.call('POST', `/me/todo/lists/${list.body.id}/tasks`, { body: { title: 'Buy stamps' } });
  assert.equal(task.status, 201, task.text);
  assert.deepEqual([task.body.status, task.body.createdDateTime, task.body.completedDateTime ?? null], ['notStarted', '2026-05-04T09:30:00Z', null]);
  const done = await g.call('PATCH', `/me/todo/lists/${list.body.id}/tasks/${task.body.id}`, { body: { status: 'completed' } });
  assert.deepEqual(done.body.completedDateTime, { dateTime: '2026-05-04T09:30:00.0000000', timeZone: 'UTC' });
  const reopened = await g.call('PATCH', `/me/todo/lists/${list.body.id}/tasks/${task.body.id}`, { body: { status: 'inProgress' } });
  assert.equal(reopened.body.completedDateTime, null);
  assert.equal((await g.get('/me/todo/lists')).body.value.length, 2, 'the container is made once');
});

test('Tasks.* guard To Do; MailboxSettings.* guard mailboxSettings, which says its externalAudience', { skip }, async () => {
  const g = graph!;
  const denied = await g.get('/me/todo/lists', scoped('User.ReadWrite'));
  assert.equal(denied.status, 403);
  assert.match(graphError(denied).message, /Tasks\.Read/);
  assert.equal((await g.get('/me/todo/lists', scoped('Tasks.Read'))).status, 200);
  assert.equal((await g.call('POST', '/me/todo/lists', { body: { displayName: 'No' }, headers: scoped('Tasks.Read') })).status, 403);

  const settings = await g.get('/me/mailboxSettings', scoped('MailboxSettings.Read'));
  assert.equal(settings.status, 200, settings.text);
  assert.equal(settings.body.automaticRepliesSetting.externalAudience, 'all');
  assert.equal((await g.get('/me/mailboxSettings', scoped('User.Read'))).status, 403);
  const patch = { automaticRepliesSetting: { status: 'alwaysEnabled', internalReplyMessage: 'Away' } };
  const byUser = await g.call('PATCH', '/me/mailboxSettings', { body: patch, headers: scoped('User.ReadWrite') });
  assert.equal(byUser.status, 403, 'User.ReadWrite does not reach mailbox settings');
  assert.match(graphError(byUser).message, /MailboxSettings\.ReadWrite/);
  assert.equal((await g.call('PATCH', '/me/mailboxSettings', { body: patch, headers: scoped('MailboxSettings.ReadWrite') })).status, 200);
});
