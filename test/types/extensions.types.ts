// Type-level tests of extension data (Graph's "Add custom data to resources using extensions" pages):
// a schema extension's (`graphlearn_courses`) or a directory extension's (`extension_<appId>_<name>`)
// property in bodies and in `$select`, read back beside the selected properties. Compiled by
// `tsc -p tsconfig.json` (test/typecheck.test.ts), never run.
import { createClient, type Group } from 'msgraph-ts/v1.0';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(_: T): void {}

const client = createClient({ token: 't' });

export async function extensionDataInBodies(): Promise<void> {
  // extensibility-schema-groups.md: a new group with the schema extension's data, then an update of it.
  await client.groups.post({ displayName: 'New Managers 2017', mailEnabled: true, mailNickname: 'newMan', securityEnabled: false, groupTypes: ['Unified'],
    graphlearn_courses: { courseId: '123', courseName: 'New Managers', courseType: 'Online' } });
  await client.groups.byId('g').patch({ graphlearn_courses: { courseId: '123', courseName: 'New Managers', courseType: 'Online' } });
  // A directory extension property on a user.
  await client.users.byId('u').patch({ extension_b7d8e5fa6d0e4f4fb1f3a3c1d2e4f5a6_employeeNumber: '42' });
  // @ts-expect-error a misspelt property (no underscore) is still an error
  await client.users.byId('u').patch({ displayname: 'x' });
  // A declared property with an underscore keeps its type: Intune's `v10_0` is a boolean.
  const app = { '@odata.type': '#microsoft.graph.androidLobApp', displayName: 'a', minimumSupportedOperatingSystem: { v10_0: true } } as const;
  await client.deviceAppManagement.mobileApps.post(app);
  // @ts-expect-error not a boolean
  await client.deviceAppManagement.mobileApps.post({ ...app, minimumSupportedOperatingSystem: { v10_0: 'yes' } });
}

export async function extensionDataSelected(): Promise<void> {
  // `$select=displayName,id,description,graphlearn_courses`, as the page reads the group back.
  const page = await client.groups.get({ select: ['displayName', 'id', 'description', 'graphlearn_courses'], filter: "graphlearn_courses/courseId eq '123'" });
  expectType<Equal<typeof page.value[number], Pick<Group, 'displayName' | 'id' | 'description'> & { readonly graphlearn_courses?: unknown }>>(true);
  const group = await client.groups.byId('g').get({ select: ['displayName', 'graphlearn_courses'] });
  void group.graphlearn_courses;
  void group.displayName;
  // @ts-expect-error what was not selected is not there
  void group.description;
  // Without extension data, a selection is the same Pick as before.
  const plain = await client.groups.byId('g').get({ select: ['displayName'] });
  expectType<Equal<typeof plain, Pick<Group, 'displayName' | 'id'>>>(true);
  // @ts-expect-error a misspelt property is still an error in $select
  await client.groups.byId('g').get({ select: ['displayNam'] });
}
