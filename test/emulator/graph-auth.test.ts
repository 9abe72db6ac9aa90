// Who may do what: the authenticate seam with delegated and app-only callers (scopes, roles, /me, shared
// mailboxes), and the identity service end to end over TLS with real access tokens.
import assert from 'node:assert/strict';
import https from 'node:https';
import { test } from 'node:test';
import type { Caller } from '../../src/emulator/index.js';
import { DEFAULT_APPS, startEmulator } from '../../src/emulator/index.js';
import { ADELE, ALEX, MEGAN, SUPPORT, graphError, startTestGraph } from './helpers/graph-server.js';
import { miniSchema } from './helpers/mini-schema.js';

/** The test states the caller in a header, so each request can be anyone with any permissions. */
const graph = await startTestGraph({
  authenticate: ({ headers }) => {
    const spec = JSON.parse(headers['x-test-caller'] ?? '{}') as { kind?: Caller['kind']; user?: string; scopes?: string[]; roles?: string[] };
    return { kind: spec.kind ?? 'delegated', ...(spec.user ? { user: spec.user } : {}), scopes: new Set(spec.scopes ?? []), roles: new Set(spec.roles ?? []) };
  },
});
const as = (spec: { kind?: Caller['kind']; user?: string; scopes?: string[]; roles?: string[] }) => ({ 'x-test-caller': JSON.stringify(spec) });
const adele = (...scopes: string[]) => as({ user: ADELE.id, scopes });

test('User.Read reads /me but not mail and not other users', async () => {
  assert.equal((await graph.get('/me', adele('User.Read'))).status, 200);
  const mail = await graph.get('/me/messages', adele('User.Read'));
  assert.equal(mail.status, 403);
  assert.equal(graphError(mail).code, 'Authorization_RequestDenied');
  assert.match(graphError(mail).message, /Mail\.Read/);
  assert.equal((await graph.get(`/users/${ALEX.id}`, adele('User.Read'))).status, 403);
  assert.equal((await graph.get(`/users/${ALEX.id}`, adele('User.ReadBasic.All'))).status, 200);
});

test('Mail.Read reads mail but cannot change it or send; Mail.ReadWrite and Mail.Send can', async () => {
  const list = await graph.get('/me/messages?$top=1', adele('Mail.Read'));
  assert.equal(list.status, 200);
  const id = encodeURIComponent(list.body.value[0].id);
  assert.equal((await graph.call('PATCH', `/me/messages/${id}`, { body: { isRead: true }, headers: adele('Mail.Read') })).status, 403);
  assert.equal((await graph.call('PATCH', `/me/messages/${id}`, { body: { isRead: true }, headers: adele('Mail.ReadWrite') })).status, 200);
  const message = { message: { subject: 'Scoped', toRecipients: [{ emailAddress: { address: ALEX.upn } }] } };
  assert.equal((await graph.call('POST', '/me/sendMail', { body: message, headers: adele('Mail.ReadWrite') })).status, 403);
  assert.equal((await graph.call('POST', '/me/sendMail', { body: message, headers: adele('Mail.Send') })).status, 202);
});

test('a shared mailbox opens with Mail.Read.Shared for its delegates only', async () => {
  const path = `/users/${SUPPORT.upn}/mailFolders/inbox/messages`;
  assert.equal((await graph.get(path, adele('Mail.Read'))).status, 403, 'own-mailbox scopes do not reach another mailbox');
  assert.equal((await graph.get(path, adele('Mail.Read.Shared'))).status, 200);
  const notDelegate = await graph.get(path, as({ user: MEGAN.id, scopes: ['Mail.Read.Shared'] }));
  assert.equal(notDelegate.status, 403);
  assert.equal(graphError(notDelegate).code, 'ErrorAccessDenied');
});

test('app-only callers use roles, any mailbox, and cannot use /me', async () => {
  const app = as({ kind: 'application', roles: ['Mail.Read'] });
  const me = await graph.get('/me', app);
  assert.equal(me.status, 400);
  assert.match(graphError(me).message, /only valid with delegated authentication flow/);
  assert.equal((await graph.get(`/users/${MEGAN.upn}/messages`, app)).status, 200);
  assert.equal((await graph.get('/users', app)).status, 403, 'Mail.Read does not list users');
  assert.equal((await graph.get('/users', as({ kind: 'application', roles: ['User.Read.All'] }))).status, 200);
  assert.equal((await graph.get('/me/messages', as({ kind: 'application', scopes: ['Mail.Read'] }))).status, 400, 'scopes mean nothing to an app');
});

test('drives and groups need Files.* and Group.* / GroupMember.*', async () => {
  assert.equal((await graph.get('/me/drive/root/children', adele('User.Read'))).status, 403);
  assert.equal((await graph.get('/me/drive/root/children', adele('Files.Read'))).status, 200);
  assert.equal((await graph.call('PUT', '/me/drive/root:/x.txt:/content', { body: 'x', headers: adele('Files.Read') })).status, 403);
  const groups = await graph.get('/groups', adele('User.Read'));
  assert.equal(groups.status, 403);
  assert.equal((await graph.get('/groups', adele('GroupMember.Read.All'))).status, 200);
});

/** HTTPS with the emulator's own CA, as a real client configures it. */
function request(url: string, ca: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; json: any }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: init.method ?? 'GET', headers: init.headers, ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = text;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
      });
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

test('with the identity service, Graph takes real tokens over TLS and answers 401 without one', async (t) => {
  const emulator = await startEmulator({ schema: miniSchema(), identity: true });
  t.after(() => emulator.stop());
  assert.ok(emulator.graphUrl.startsWith('https://127.0.0.1:'));
  const ca = emulator.caCertPem!;
  const daemon = DEFAULT_APPS.find((a) => a.secret)!;
  const token = await request(`${emulator.origin}/${emulator.tenant.id}/oauth2/v2.0/token`, ca, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: daemon.clientId, client_secret: daemon.secret!, scope: 'https://graph.microsoft.com/.default' }).toString(),
  });
  assert.equal(token.status, 200, JSON.stringify(token.json));
  const bearer = { authorization: `Bearer ${token.json.access_token}` };

  const users = await request(`${emulator.graphUrl}/users?$select=displayName`, ca, { headers: bearer });
  assert.equal(users.status, 200);
  assert.ok(users.json.value.length >= 5);
  const me = await request(`${emulator.graphUrl}/me`, ca, { headers: bearer });
  assert.equal(me.status, 400, 'an app token has no /me');
  const none = await request(`${emulator.graphUrl}/users`, ca);
  assert.equal(none.status, 401);
  assert.ok(none.headers['www-authenticate'], 'a challenge tells the client how to authenticate');
  assert.equal(typeof none.json.error.innerError['request-id'], 'string');
  const forged = await request(`${emulator.graphUrl}/users`, ca, { headers: { authorization: 'Bearer abc.def.ghi' } });
  assert.equal(forged.status, 401);
});

test('with the identity service, a delegated token acts as its user with its scopes', async (t) => {
  const emulator = await startEmulator({ schema: miniSchema(), identity: true });
  t.after(() => emulator.stop());
  const ca = emulator.caCertPem!;
  const publicClient = DEFAULT_APPS.find((a) => a.publicClient)!;
  const form = (fields: Record<string, string>) => ({
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(),
  });
  const device = await request(`${emulator.origin}/${emulator.tenant.id}/oauth2/v2.0/devicecode`, ca,
    form({ client_id: publicClient.clientId, scope: 'User.Read Mail.Read' }));
  assert.equal(device.status, 200, JSON.stringify(device.json));
  const token = await request(`${emulator.origin}/${emulator.tenant.id}/oauth2/v2.0/token`, ca,
    form({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: publicClient.clientId, device_code: device.json.device_code }));
  assert.equal(token.status, 200, JSON.stringify(token.json));
  const bearer = { authorization: `Bearer ${token.json.access_token}` };
  const me = await request(`${emulator.graphUrl}/me`, ca, { headers: bearer });
  assert.equal(me.status, 200);
  assert.equal(me.json.userPrincipalName, ADELE.upn, 'the token’s oid is the seeded user');
  assert.equal((await request(`${emulator.graphUrl}/me/messages?$top=1`, ca, { headers: bearer })).status, 200);
  const send = await request(`${emulator.graphUrl}/me/sendMail`, ca, {
    method: 'POST', headers: { ...bearer, 'content-type': 'application/json' },
    body: JSON.stringify({ message: { subject: 'x', toRecipients: [{ emailAddress: { address: ALEX.upn } }] } }),
  });
  assert.equal(send.status, 403, 'Mail.Send was not granted');
});

test('a user\'s own memberships need only User.Read; another\'s need more; app-only needs Directory.*', async () => {
  assert.equal((await graph.get('/me/memberOf', adele('User.Read'))).status, 200);
  assert.equal((await graph.get(`/users/${ADELE.id}/memberOf`, adele('User.Read'))).status, 200);
  const other = await graph.get(`/users/${ALEX.id}/memberOf`, adele('User.Read'));
  assert.equal(other.status, 403);
  assert.match(graphError(other).message, /User\.ReadBasic\.All/);
  assert.equal((await graph.get(`/users/${ALEX.id}/memberOf`, adele('GroupMember.Read.All'))).status, 200);
  assert.equal((await graph.get(`/users/${ALEX.id}/memberOf`, as({ kind: 'application', roles: ['User.Read.All'] }))).status, 403);
  assert.equal((await graph.get(`/users/${ALEX.id}/memberOf`, as({ kind: 'application', roles: ['Directory.Read.All'] }))).status, 200);
});
