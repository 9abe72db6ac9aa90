// The generated fluent client against the emulator over real HTTPS: sign-in through msal-node's device
// code flow, paging across server-driven pages, sendMail end to end, casts, $count, errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PublicClientApplication } from '@azure/msal-node';
import { createClient } from 'msgraph-ts/v1.0';
import { DEFAULT_APPS, startEmulator, type Emulator } from 'msgraph-ts/emulator';
import { GraphError } from 'msgraph-ts/runtime';
import { createNetworkClient } from '../../src/auth/network-client.js';

const SCOPES = ['User.Read', 'Mail.ReadWrite', 'Mail.Send', 'User.ReadBasic.All', 'GroupMember.Read.All', 'Directory.Read.All'];
let emulator: Emulator;
let client: ReturnType<typeof createClient>;

before(async () => {
  emulator = await startEmulator({ identity: true, versions: ['v1.0'], pageSize: 3 });
  const app = DEFAULT_APPS.find((a) => a.publicClient)!;
  const msal = new PublicClientApplication({
    auth: { clientId: app.clientId, authority: `${emulator.origin}/${emulator.tenant.id}`, knownAuthorities: [new URL(emulator.origin).host] },
    system: { networkClient: createNetworkClient({ ca: emulator.caCertPem! }) },
  });
  const result = await msal.acquireTokenByDeviceCode({ scopes: SCOPES, deviceCodeCallback: () => {} });
  const account = result!.account!;
  client = createClient({ baseUrl: emulator.origin, fetch: emulator.fetch, token: async () => (await msal.acquireTokenSilent({ account, scopes: SCOPES })).accessToken });
});
after(() => emulator.stop());

test('the signed-in user is who the token says', async () => {
  const me = await client.me.get({ select: ['userPrincipalName', 'displayName'] });
  assert.equal(me.userPrincipalName, 'adelev@contoso.com');
});

test('list() follows every server-driven page and get() returns one', async () => {
  const first = await client.me.messages.get({ select: ['subject'] });
  assert.equal(first.value.length, 3, 'the emulator pages by 3');
  assert.ok(first['@odata.nextLink'], 'a next page is announced');
  const all: string[] = [];
  for await (const m of client.me.messages.list({ select: ['subject'] })) all.push(m.subject ?? '');
  const requests = emulator.requests.filter((r) => r.path.includes('/me/messages'));
  assert.ok(all.length > 3, `more than one page of messages (got ${all.length})`);
  assert.equal(new Set(all).size <= all.length, true);
  assert.ok(requests.length >= Math.ceil(all.length / 3), 'one request per page');
});

test('list({ top }) stops fetching once it has enough', async () => {
  emulator.clearLogs();
  const got: unknown[] = [];
  for await (const m of client.me.messages.list({ top: 4 })) got.push(m);
  assert.equal(got.length, 4);
  // `top` is sent as $top, which Graph (and the emulator) also take as the page size.
  assert.equal(emulator.requests.length, 1, 'one page of 4; nothing fetched beyond it');
  assert.match(emulator.requests[0]!.path, /\$top=4/);
});

test('sendMail delivers to the recipient and records one send', async () => {
  emulator.clearLogs();
  await client.me.sendMail.post({ message: { subject: 'integration hello', toRecipients: [{ emailAddress: { address: 'alexw@contoso.com' } }] } });
  const sends = emulator.effects.filter((e) => e.kind === 'mailSent');
  assert.equal(sends.length, 1);
  assert.deepEqual(sends[0]!.kind === 'mailSent' && sends[0]!.deliveredTo, ['alexw@contoso.com']);
  const sent = await client.me.mailFolders.byId('sentitems').messages.get({ filter: "subject eq 'integration hello'", select: ['subject'] });
  assert.equal(sent.value.length, 1, 'a copy in Sent Items');
});

test('casts and $count reach derived types of a non-contained navigation', async () => {
  const groups = await client.me.memberOf.get();
  const group = groups.value.find((g) => g['@odata.type'] === '#microsoft.graph.group');
  assert.ok(group?.id, 'Adele is in a group');
  const users = await client.groups.byId(group.id).members.cast('microsoft.graph.user').get({ select: ['displayName'] });
  assert.ok(users.value.length > 0);
  const count = await client.groups.byId(group.id).members.cast('microsoft.graph.user').$count.get();
  assert.ok(count >= users.value.length);
});

test('a missing entity is a GraphError with status, code and request id, and no token in it', async () => {
  const error = await client.me.messages.byId('no-such-message').get().then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof GraphError, String(error));
  assert.equal(error.status, 404);
  assert.equal(error.code, 'ErrorItemNotFound');
  assert.ok(error.requestId, 'request-id from the response');
  assert.match(error.message, /GET https:\/\/127\.0\.0\.1:\d+\/v1\.0\/me\/messages\/no-such-message failed with 404/);
  assert.doesNotMatch(JSON.stringify({ ...error, message: error.message }), /eyJ/, 'no JWT anywhere in the error');
});
