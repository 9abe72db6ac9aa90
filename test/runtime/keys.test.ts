// Keys, paths and arguments a caller passes can never change which resource a request addresses: a dot
// segment would be removed by the URL parser (`…/messages/..` is the folder), so it is refused; everything
// else is encoded into one segment. Against the emulator, where `byId('..').delete()` once deleted a folder.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator, type Emulator } from 'msgraph-ts/emulator';

let emulator: Emulator;
let client: ReturnType<typeof createClient>;

before(async () => {
  emulator = await startEmulator({ tls: false, versions: ['v1.0'] });
  client = createClient({ baseUrl: emulator.origin });
});
after(() => emulator.stop());

test("byId('..') and byId('.') are refused before anything is sent: the folder survives", async () => {
  const folder = await client.me.mailFolders.post({ displayName: 'Keep me' });
  const messages = client.me.mailFolders.byId(folder.id!).messages;
  emulator.clearLogs();
  for (const id of ['..', '.']) {
    assert.throws(() => messages.byId(id), (e: unknown) => e instanceof TypeError && e.message.includes(JSON.stringify(id)), id);
  }
  assert.equal(emulator.requests.length, 0, 'nothing was sent');
  assert.equal((await client.me.mailFolders.byId(folder.id!).get()).displayName, 'Keep me');
});

test('ids that look like paths stay one key segment on the wire', async () => {
  const folder = await client.me.mailFolders.post({ displayName: 'Probe' });
  for (const id of ['../..', '..%2F', 'a/../b', '%2e%2e', '...', 'x?$top=1', 'a#b', '\\..']) {
    emulator.clearLogs();
    const error = await client.me.mailFolders.byId(folder.id!).messages.byId(id).delete().catch((e: unknown) => e);
    assert.ok(error instanceof Error && /404|400/.test(error.message), `${id}: ${String(error)}`);
    assert.equal(emulator.requests.length, 1);
    const path = emulator.requests[0]!.path;
    assert.ok(path.startsWith(`/v1.0/me/mailFolders/${encodeURIComponent(folder.id!)}/messages/`) && path.split('?')[0]!.split('/').length === 7, `${id} → ${path}`);
  }
  assert.equal((await client.me.mailFolders.byId(folder.id!).get()).displayName, 'Probe');
});

test('a key that is not a string or a finite number is a TypeError naming what it got', () => {
  for (const [bad, shown] of [[undefined, 'undefined'], [null, 'null'], [Number.NaN, 'NaN'], [Infinity, 'Infinity'], [{}, '[object Object]'], ['', '""']] as const) {
    assert.throws(() => client.users.byId(bad as never), (e: unknown) => e instanceof TypeError && e.message.startsWith('byId() needs') && e.message.includes(shown), String(bad));
  }
  assert.throws(() => client.applications.byKey({ appId: undefined as never }), /byKey\(\) needs string or finite number keys, e\.g\. \{ appId: "…" \}; appId is undefined\./);
  assert.throws(() => client.applications.byKey({}), /byKey\(\) needs string or finite number keys/);
  assert.throws(() => client.me.drive.root.byPath(undefined as never), /byPath\(\) needs names, none '\.' or '\.\.' \(e\.g\. 'Docs\/a\.txt'\); got undefined\./);
  assert.throws(() => client.me.drive.root.byPath('a/../b'), /none '\.' or '\.\.'.*got "a\/\.\.\/b"/);
  assert.throws(() => client.me.drive.root.byPath('//'), /byPath\(\) needs names/);
  assert.throws(() => client.groups.byId('g').members.cast('../x' as never), /cast\(\) needs a type name like 'microsoft\.graph\.user'/);
  assert.throws(() => client.resource('user:..'), TypeError);
});
