// Extension data as Graph's "Add custom data to groups using schema extensions" page uses it
// (concepts/extensibility-schema-groups.md), and a directory extension on a user: registered, written in a
// body, read back only when `$select` names it, filtered on; an unregistered name is still a 400.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasGeneratedSchema, loadSchema } from '../../src/emulator/model/load-schema.js';
import { ALEX, graphError, startTestGraph } from './helpers/graph-server.js';

const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';
const graph = skip ? undefined : await startTestGraph({ schema: loadSchema('v1.0') });
const q = encodeURIComponent;
const courses = { courseId: '123', courseName: 'New Managers', courseType: 'Online' };

test('a registered schema extension\'s data is written with a group, read with $select and filtered on, as the page shows', { skip }, async () => {
  const g = graph!;
  const registered = await g.call('POST', '/schemaExtensions', {
    body: { id: 'graphlearn_courses', description: 'Graph Learn training courses extensions', targetTypes: ['Group'],
      properties: [{ name: 'courseId', type: 'String' }, { name: 'courseName', type: 'String' }, { name: 'courseType', type: 'String' }] },
  });
  assert.equal(registered.status, 201, registered.text);
  assert.deepEqual([registered.body.id, registered.body.status], ['graphlearn_courses', 'InDevelopment']);
  const group = await g.call('POST', '/groups', {
    body: { displayName: 'New Managers 2017', description: 'New Managers 2017 Course', groupTypes: ['Unified'], mailEnabled: true, mailNickname: 'newMan2017', securityEnabled: false, graphlearn_courses: courses },
  });
  assert.equal(group.status, 201, group.text);
  assert.equal(group.body.graphlearn_courses, undefined, 'the response does not mirror the extension data back');
  const read = await g.get(`/groups/${group.body.id}?$select=displayName,graphlearn_courses`);
  assert.equal(read.status, 200, read.text);
  assert.deepEqual(read.body.graphlearn_courses, courses);
  const patched = await g.call('PATCH', `/groups/${group.body.id}`, { body: { graphlearn_courses: { ...courses, courseType: 'Classroom' } } });
  assert.equal(patched.status, 204, patched.text);
  const found = await g.get(`/groups?$filter=${q("graphlearn_courses/courseType eq 'Classroom'")}&$select=displayName,id,description,graphlearn_courses`);
  assert.equal(found.status, 200, found.text);
  assert.deepEqual(found.body.value.map((v: { displayName: string; graphlearn_courses: typeof courses }) => [v.displayName, v.graphlearn_courses.courseType]), [['New Managers 2017', 'Classroom']]);
});

test('a schema extension registered without a prefix gets Graph\'s ext…_ one; its data fits only the types it targets', { skip }, async () => {
  const g = graph!;
  const registered = await g.call('POST', '/schemaExtensions', { body: { id: 'badges', description: 'badges', targetTypes: ['User'], properties: [{ name: 'level', type: 'Integer' }] } });
  assert.equal(registered.status, 201, registered.text);
  assert.match(registered.body.id, /^ext[a-z0-9]{8}_badges$/);
  const onUser = await g.call('PATCH', `/users/${q(ALEX.upn)}`, { body: { [registered.body.id]: { level: 3 } } });
  assert.equal(onUser.status, 204, onUser.text);
  const onGroup = await g.call('POST', '/groups', { body: { displayName: 'g', mailEnabled: false, mailNickname: 'g', securityEnabled: true, [registered.body.id]: { level: 3 } } });
  assert.equal(onGroup.status, 400, 'a user extension on a group');
  const unregistered = await g.call('PATCH', `/users/${q(ALEX.upn)}`, { body: { contoso_unknown: { a: 1 } } });
  assert.equal(unregistered.status, 400);
  assert.match(graphError(unregistered).message, /'contoso_unknown' does not exist on type 'microsoft.graph.user'/);
});

test('a directory extension property on a user is read back when $select names it', { skip }, async () => {
  const g = graph!;
  const name = 'extension_b7d8e5fa6d0e4f4fb1f3a3c1d2e4f5a6_employeeNumber';
  const patched = await g.call('PATCH', `/users/${q(ALEX.upn)}`, { body: { [name]: '42' } });
  assert.equal(patched.status, 204, patched.text);
  const plain = await g.get(`/users/${q(ALEX.upn)}`);
  assert.equal(plain.body[name], undefined, 'not in the default property set');
  const read = await g.get(`/users/${q(ALEX.upn)}?$select=displayName,${name}`);
  assert.equal(read.status, 200, read.text);
  assert.equal(read.body[name], '42');
});
