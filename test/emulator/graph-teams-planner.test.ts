// Teams and Planner as python-o365 reaches them, on the real v1.0 model: a user's `joinedTeams` are the teams
// of their groups, a channel message says its team and channel and who sent it, `/me/presence` exists, and
// a group's `planner/plans` (and a plan's buckets and tasks) are the members of `/planner/…` that name it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasGeneratedSchema, loadSchema } from '../../src/emulator/model/load-schema.js';
import { ADELE, SALES_GROUP, startTestGraph } from './helpers/graph-server.js';

const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';
const graph = skip ? undefined : await startTestGraph({ schema: loadSchema('v1.0') });

test('joinedTeams, a channel message\'s channelIdentity and from, a reply\'s too, and presence', { skip }, async () => {
  const g = graph!;
  const teams = await g.get('/me/joinedTeams');
  assert.equal(teams.status, 200, teams.text);
  assert.deepEqual(teams.body.value.map((t: { id: string }) => t.id), [SALES_GROUP], 'the team of the group Adele is in');
  assert.deepEqual((await g.get('/me/joinedTeams', { 'X-Emulator-User': 'support@contoso.com' })).body.value, [], 'not for a non-member');
  const channel = (await g.get(`/teams/${SALES_GROUP}/channels?$top=1`)).body.value[0];
  const sent = await g.call('POST', `/teams/${SALES_GROUP}/channels/${channel.id}/messages`, { body: { body: { content: 'Hello' } } });
  assert.equal(sent.status, 201, sent.text);
  assert.deepEqual(sent.body.channelIdentity, { teamId: SALES_GROUP, channelId: channel.id });
  assert.deepEqual([sent.body.from.user.id, sent.body.messageType], [ADELE.id, 'message']);
  const reply = await g.call('POST', `/teams/${SALES_GROUP}/channels/${channel.id}/messages/${sent.body.id}/replies`, { body: { body: { content: 'Hi' } } });
  assert.equal(reply.status, 201, reply.text);
  assert.deepEqual(reply.body.channelIdentity, { teamId: SALES_GROUP, channelId: channel.id }, 'a reply is in the same channel');
  const presence = await g.get('/me/presence');
  assert.deepEqual([presence.status, presence.body.id, presence.body.availability], [200, ADELE.id, 'Offline']);
});

test('a group\'s planner lists the plans it owns, and a plan its buckets and tasks', { skip }, async () => {
  const g = graph!;
  assert.deepEqual((await g.get(`/groups/${SALES_GROUP}/planner/plans`)).body.value, []);
  const plan = await g.call('POST', '/planner/plans', { body: { owner: SALES_GROUP, title: 'Launch' } });
  assert.equal(plan.status, 201, plan.text);
  const other = await g.call('POST', '/planner/plans', { body: { container: { url: 'https://graph.microsoft.com/v1.0/groups/x', containerId: 'someone-else' }, title: 'Other' } });
  assert.equal(other.status, 201, other.text);
  const listed = await g.get(`/groups/${SALES_GROUP}/planner/plans`);
  assert.deepEqual(listed.body.value.map((p: { title: string }) => p.title), ['Launch']);
  const viaGroup = await g.call('POST', `/groups/${SALES_GROUP}/planner/plans`, { body: { title: 'Made under the group' } });
  assert.equal(viaGroup.status, 201, viaGroup.text);
  assert.equal(viaGroup.body.owner, SALES_GROUP);
  assert.equal((await g.get(`/planner/plans/${viaGroup.body.id}`)).status, 200, 'the plan lives in /planner/plans');

  const bucket = await g.call('POST', '/planner/buckets', { body: { name: 'To do', planId: plan.body.id, orderHint: ' !' } });
  const task = await g.call('POST', '/planner/tasks', { body: { title: 'Book the room', planId: plan.body.id, bucketId: bucket.body.id } });
  assert.equal(task.status, 201, task.text);
  await g.call('POST', '/planner/tasks', { body: { title: 'Elsewhere', planId: other.body.id } });
  assert.deepEqual((await g.get(`/planner/plans/${plan.body.id}/tasks`)).body.value.map((t: { title: string }) => t.title), ['Book the room']);
  assert.deepEqual((await g.get(`/planner/plans/${plan.body.id}/buckets`)).body.value.map((b: { name: string }) => b.name), ['To do']);
  assert.deepEqual((await g.get(`/planner/buckets/${bucket.body.id}/tasks`)).body.value.map((t: { title: string }) => t.title), ['Book the room']);
});
