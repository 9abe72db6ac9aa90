// Extension data through the typed client against the emulator, as "Add custom data to groups using schema
// extensions" does it: the body and `$select` compile without casts, and the data comes back where the
// types say (`unknown` beside the selected properties).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator, type Emulator } from 'msgraph-ts/emulator';

let emulator: Emulator;
let client: ReturnType<typeof createClient>;

before(async () => {
  emulator = await startEmulator({ tls: false, versions: ['v1.0'] });
  client = createClient({ baseUrl: emulator.origin, retry: false });
});
after(() => emulator.stop());

test('a group created with schema extension data reads it back through select', async () => {
  const extension = await client.schemaExtensions.post({ id: 'graphlearn_courses', description: 'courses', targetTypes: ['Group'],
    properties: [{ name: 'courseId', type: 'String' }, { name: 'courseName', type: 'String' }] });
  assert.equal(extension.id, 'graphlearn_courses');
  const group = await client.groups.post({ displayName: 'New Managers 2017', mailEnabled: false, mailNickname: 'newMan', securityEnabled: true,
    graphlearn_courses: { courseId: '123', courseName: 'New Managers' } });
  const read = await client.groups.byId(group.id!).get({ select: ['displayName', 'graphlearn_courses'] });
  assert.equal(read.displayName, 'New Managers 2017');
  assert.deepEqual(read.graphlearn_courses, { courseId: '123', courseName: 'New Managers' });
  const page = await client.groups.get({ select: ['displayName', 'graphlearn_courses'], filter: "graphlearn_courses/courseId eq '123'" });
  assert.deepEqual(page.value.map((g) => g.displayName), ['New Managers 2017']);
});
