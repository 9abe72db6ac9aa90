// Server-driven page sizes per resource, as on Graph (no `pageSize` option): Outlook pages at 10, users at
// 100, drive items at 200, so code without a paging loop reads here what it would read on a tenant.
// `Prefer: odata.maxpagesize` sets the page size on any collection and is answered with Preference-Applied.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SeedApi } from '../../src/emulator/index.js';
import { hasGeneratedSchema, loadSchema } from '../../src/emulator/model/load-schema.js';
import { ADELE, startTestGraph } from './helpers/graph-server.js';

const ME = `/users/${ADELE.id}`;
const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';

/** Enough members that each default page size shows: 12 messages and events, 120 users, 210 drive items. */
function many(api: SeedApi): void {
  const folder = api.post(`${ME}/mailFolders`, { displayName: 'Bulk' });
  for (let i = 0; i < 12; i++) api.post(`${ME}/mailFolders/${folder['id']}/messages`, { subject: `bulk ${i}` });
  for (let i = 0; i < 12; i++) {
    api.post(`${ME}/events`, { subject: `event ${i}`, start: { dateTime: '2030-01-01T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2030-01-01T11:00:00', timeZone: 'UTC' } });
  }
  for (let i = 0; i < 120; i++) {
    api.post('/users', { accountEnabled: true, displayName: `Bulk ${i}`, mailNickname: `bulk${i}`, userPrincipalName: `bulk${i}@contoso.com`, passwordProfile: { password: 'x' } });
  }
  api.post(`${ME}/drive/root/children`, { name: 'Bulk', folder: {} });
  for (let i = 0; i < 210; i++) api.request('PUT', `${ME}/drive/root:/Bulk/f${i}.txt:/content`, Buffer.from(String(i)));
}

const graph = skip ? undefined : await startTestGraph({ schema: loadSchema('v1.0'), seed: ['default', many] });

async function pageOf(path: string, headers: Record<string, string> = {}): Promise<{ size: number; next?: string; applied: string | null }> {
  const r = await graph!.get(path, headers);
  assert.equal(r.status, 200, r.text);
  return { size: r.body.value.length, next: r.body['@odata.nextLink'], applied: r.headers.get('preference-applied') };
}

test('Outlook collections page at 10: messages, events', { skip }, async () => {
  const folderId = (await graph!.get(`/me/mailFolders?$filter=${encodeURIComponent("displayName eq 'Bulk'")}`)).body.value[0].id;
  const inFolder = await pageOf(`/me/mailFolders/${folderId}/messages`);
  assert.equal(inFolder.size, 10);
  assert.ok(inFolder.next, 'the remaining 2 are behind a nextLink');
  const all = await pageOf('/me/messages');
  assert.equal(all.size, 10);
  const events = await pageOf('/me/events');
  assert.equal(events.size, 10);
  assert.ok(events.next);
});

test('users page at 100 and drive items at 200', { skip }, async () => {
  const users = await pageOf('/users');
  assert.equal(users.size, 100);
  assert.ok(users.next);
  const files = await pageOf('/me/drive/root:/Bulk:/children');
  assert.equal(files.size, 200);
  assert.ok(files.next);
});

test('Prefer: odata.maxpagesize sets the page size on any collection and is answered with Preference-Applied; $top still wins', { skip }, async () => {
  const prefer = { Prefer: 'odata.maxpagesize=3' };
  for (const path of ['/me/messages', '/users', '/me/drive/root:/Bulk:/children', '/me/events']) {
    const page = await pageOf(path, prefer);
    assert.equal(page.size, 3, path);
    assert.equal(page.applied, 'odata.maxpagesize=3', path);
    assert.ok(page.next, path);
    const second = await fetch(page.next!, { headers: prefer });
    assert.equal(((await second.json()) as { value: unknown[] }).value.length, 3, `${path}: the next page keeps the preference`);
  }
  const top = await pageOf('/me/messages?$top=2', prefer);
  assert.equal(top.size, 2);
  assert.equal(top.applied, null, 'no preference applied when $top decided');
});
