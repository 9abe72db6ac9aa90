// The emulator on the real generated models (generated/<version>/schema.json.gz, written by
// `npm run generate`): the default tenant seeds against them, and every entity set, every singleton and
// every navigation reachable from them and from seeded entities routes (200, or 404 for an empty single
// navigation), never a 400/500. Skipped, saying so, when the models have not been generated.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { hasGeneratedSchema, loadSchema } from '../../src/emulator/model/load-schema.js';
import { ADELE, SALES_GROUP } from './helpers/graph-server.js';

const skipV1 = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';
const skipBeta = hasGeneratedSchema('beta') ? false : 'generated/beta/schema.json.gz is missing: run `npm run generate`';

async function statusOf(emulator: Emulator, path: string): Promise<{ status: number; text: string }> {
  const r = await fetch(`${emulator.graphUrl}${path}`);
  return { status: r.status, text: await r.text() };
}

/** Fetches each path and returns those that did not answer 200 (or 404 when allowed). */
async function failures(emulator: Emulator, paths: string[], allow404: boolean): Promise<string[]> {
  const bad: string[] = [];
  for (const path of paths) {
    const { status, text } = await statusOf(emulator, path);
    if (status === 200 || (allow404 && status === 404)) continue;
    bad.push(`${status} ${path} ${text.slice(0, 160)}`);
  }
  return bad;
}

test('v1.0: the default tenant seeds and every entity set and singleton answers', { skip: skipV1 }, async (t) => {
  const schema = loadSchema('v1.0');
  const emulator = await startEmulator({ tls: false, schema });
  t.after(() => emulator.stop());
  assert.ok(emulator.store.size.entities > 100, 'the tenant is seeded');
  const sets = Object.keys(schema.entitySets).map((s) => `/${s}?$top=2`);
  const singletons = Object.keys(schema.singletons).map((s) => `/${s}`);
  assert.deepEqual(await failures(emulator, [...sets, ...singletons], false), []);
});

test('v1.0: every navigation of every singleton, and of the seeded user, group, mail, drive, site and team, routes', { skip: skipV1 }, async (t) => {
  const schema = loadSchema('v1.0');
  const emulator = await startEmulator({ tls: false, schema });
  t.after(() => emulator.stop());
  const json = async (path: string): Promise<any> => (await fetch(`${emulator.graphUrl}${path}`)).json();
  const message = (await json('/me/mailFolders/inbox/messages?$top=1&$select=id')).value[0].id as string;
  const folder = (await json('/me/mailFolders/inbox?$select=id')).id as string;
  const event = (await json('/me/events?$top=1&$select=id')).value[0].id as string;
  const driveItem = (await json('/me/drive/root:/Documents?$select=id')).id as string;
  const site = (await json('/sites/root?$select=id')).id as string;
  const channel = (await json(`/teams/${SALES_GROUP}/channels?$top=1&$select=id`)).value[0].id as string;
  const bases: Array<[string, string]> = [
    [`/users/${ADELE.id}`, 'microsoft.graph.user'],
    ['/me', 'microsoft.graph.user'],
    [`/groups/${SALES_GROUP}`, 'microsoft.graph.group'],
    [`/me/messages/${encodeURIComponent(message)}`, 'microsoft.graph.message'],
    [`/me/mailFolders/${encodeURIComponent(folder)}`, 'microsoft.graph.mailFolder'],
    [`/me/events/${encodeURIComponent(event)}`, 'microsoft.graph.event'],
    ['/me/drive', 'microsoft.graph.drive'],
    [`/me/drive/items/${driveItem}`, 'microsoft.graph.driveItem'],
    [`/sites/${encodeURIComponent(site)}`, 'microsoft.graph.site'],
    [`/teams/${SALES_GROUP}`, 'microsoft.graph.team'],
    [`/teams/${SALES_GROUP}/channels/${encodeURIComponent(channel)}`, 'microsoft.graph.channel'],
    ...Object.entries(schema.singletons).map(([name, def]): [string, string] => [`/${name}`, def.type]),
  ];
  const navigationsOf = (type: string): string[] => {
    const out: string[] = [];
    for (let t: string | undefined = type; t; t = schema.entityTypes[t]?.baseType) {
      out.push(...(schema.entityTypes[t]?.navigation ?? []).map((n) => n.name));
    }
    return out;
  };
  // calendarView and an event's instances require a time window on Graph (without one it is a 400 by design).
  const window = '?startDateTime=2020-01-01T00:00:00Z&endDateTime=2030-01-01T00:00:00Z';
  const paths = bases.flatMap(([base, type]) => navigationsOf(type).map((nav) => `${base}/${nav}${nav === 'calendarView' || nav === 'instances' ? window : ''}`));
  assert.ok(paths.length > 400, `a broad sweep (${paths.length} paths)`);
  assert.deepEqual(await failures(emulator, paths, true), []);
});

test('v1.0: real-model specifics route: drive colon paths, casts, report functions, delta, sendMail', { skip: skipV1 }, async (t) => {
  const emulator = await startEmulator({ tls: false, schema: loadSchema('v1.0') });
  t.after(() => emulator.stop());
  const json = async (path: string): Promise<any> => (await fetch(`${emulator.graphUrl}${path}`)).json();
  assert.equal((await json('/drive')).id, (await json('/me/drive')).id, '/drive is the user’s OneDrive');
  assert.deepEqual(await failures(emulator, [
    '/drive/root:/Documents:/children',
    '/me/drive/root:/Documents/Q3%20Report.docx:',
    '/me/drive/root:/Documents:/children',
    `/groups/${SALES_GROUP}/members/microsoft.graph.user`,
    "/reports/getOffice365ActiveUserCounts(period='D7')",
    '/me/mailFolders/inbox/messages/delta()',
    '/me/drive/root/delta()',
  ], false), []);
  const sent = await fetch(`${emulator.graphUrl}/me/sendMail`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: { subject: 'Real model', toRecipients: [{ emailAddress: { address: 'alexw@contoso.com' } }] } }),
  });
  assert.equal(sent.status, 202);
  assert.equal(emulator.effects.filter((e) => e.kind === 'mailSent').length, 1);
});

test('beta: the default tenant seeds and mail, drive and directory answer', { skip: skipBeta }, async (t) => {
  const schema = loadSchema('beta');
  const emulator = await startEmulator({ tls: false, schema });
  t.after(() => emulator.stop());
  assert.ok(emulator.graphUrl.endsWith('/beta'));
  const sets = Object.keys(schema.entitySets).map((s) => `/${s}?$top=2`);
  assert.deepEqual(await failures(emulator, [
    ...sets, '/me', '/me/messages?$top=2', '/me/mailFolders/inbox/messages?$filter=isRead%20eq%20false', '/me/drive/root/children',
    `/groups/${SALES_GROUP}/members`, '/sites/root',
  ], false), []);
});
