// Protocols and resources: where requests go and whom they are about, python-o365 style. Requests
// cross a real socket to a recording server; the URL it received is what the assertions read.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { createClient } from 'msgraph-ts/v1.0';
import { createRawClient } from 'msgraph-ts/raw';
import { CLOUDS, Protocol, ResourceError, resourceSegments } from 'msgraph-ts/runtime';
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.js';

let server: RecordingServer;
before(async () => { server = await startRecordingServer(); });
after(() => server.close());

test('resource strings resolve as python-o365 resolves them', () => {
  const cases: [string, string[]][] = [
    ['me', ['me']],
    ['user:adelev@contoso.com', ['users', 'adelev@contoso.com']],
    ['adelev@contoso.com', ['users', 'adelev@contoso.com']],
    [' users/87d349ed-44d7-43e1-9a83-5f2406dee5bd ', ['users', '87d349ed-44d7-43e1-9a83-5f2406dee5bd']],
    ['group:02bd9fd6', ['groups', '02bd9fd6']],
    ['groups/02bd9fd6', ['groups', '02bd9fd6']],
    ['site:root', ['sites', 'root']],
    ['site:contoso.sharepoint.com,2C71,2D22', ['sites', 'contoso.sharepoint.com,2C71,2D22']],
    ['site:contoso.sharepoint.com:/sites/Team Site', ['sites', 'contoso.sharepoint.com:/sites/Team%20Site:']],
    ['sites/contoso.sharepoint.com:/sites/team:', ['sites', 'contoso.sharepoint.com:/sites/team:']],
    // A key that starts with `$` would read as a system query option: Graph wants the literal form.
    ['user:$adele@contoso.com', ['users', "('%24adele@contoso.com')"]],
  ];
  for (const [input, want] of cases) assert.deepEqual(resourceSegments(input), want, input);
});

test('a bad resource string is a ResourceError that lists the forms that work', () => {
  for (const bad of ['', 'user:', 'users/', 'tenant:contoso', 'adele', 'a@b@c', 'site:contoso.sharepoint.com:', 'me/messages']) {
    assert.throws(() => resourceSegments(bad), (e: unknown) => {
      assert.ok(e instanceof ResourceError && e instanceof TypeError, `${bad}: ${String(e)}`);
      assert.match(e.message, /'user:<id or userPrincipalName>'|needs a host and a path, like 'contoso\.sharepoint\.com:\/sites\/team'/);
      return true;
    }, bad);
  }
});

test('client.resource() addresses the user, group or site, and the default resource without an argument', async () => {
  const client = createClient({ baseUrl: server.url, resource: 'user:shared@contoso.com' });
  server.clear();
  await client.resource().messages.get({ top: 1 });
  await client.resource('me').messages.get();
  await client.resource('group:g1').members.get();
  await client.resource('site:contoso.sharepoint.com:/sites/team').lists.get();
  assert.deepEqual(server.requests.map((r) => r.url), [
    '/v1.0/users/shared@contoso.com/messages?$top=1',
    '/v1.0/me/messages',
    '/v1.0/groups/g1/members',
    '/v1.0/sites/contoso.sharepoint.com:/sites/team:/lists',
  ]);
  assert.throws(() => client.resource('nobody'), ResourceError);
});

test('`resource` and `close` are client members only: deeper they are Graph segments', async () => {
  const client = createClient({ baseUrl: server.url });
  server.clear();
  // `close` is a navigation/operation name on some Graph types; below the root it stays a segment.
  await (client.me as unknown as { close: { get(): Promise<unknown> } }).close.get();
  assert.equal(server.requests[0]?.url, '/v1.0/me/close');
});

test('a protocol sets the service root and the default resource; a national cloud changes both hosts', async () => {
  const local = new Protocol({ baseUrl: server.url, defaultResource: 'group:g2' });
  const client = createClient({ protocol: local });
  server.clear();
  await client.resource().get();
  assert.equal(server.requests[0]?.url, '/v1.0/groups/g2');

  const gov = new Protocol({ cloud: 'usGovL4' });
  assert.equal(gov.serviceUrl, 'https://graph.microsoft.us/v1.0');
  assert.equal(gov.authority('contoso.onmicrosoft.us'), 'https://login.microsoftonline.us/contoso.onmicrosoft.us');
  assert.equal(new Protocol({ cloud: 'china', apiVersion: 'beta' }).serviceUrl, 'https://microsoftgraph.chinacloudapi.cn/beta');
  assert.equal(new Protocol({ cloud: 'usGovL5' }).baseUrl, CLOUDS.usGovL5.graph);
  assert.throws(() => new Protocol({ cloud: 'mars' as never }), /Unknown cloud "mars": use one of global, usGovL4, usGovL5, china/);
});

test('scopes are written out for the protocol’s resource, OpenID scopes never', () => {
  const gov = new Protocol({ cloud: 'usGovL4' });
  assert.equal(gov.prefixScope('Mail.Read'), 'https://graph.microsoft.us/Mail.Read');
  assert.equal(gov.prefixScope('offline_access'), 'offline_access');
  assert.equal(gov.prefixScope('https://graph.microsoft.us/User.Read'), 'https://graph.microsoft.us/User.Read');
  assert.equal(gov.defaultScope, 'https://graph.microsoft.us/.default');
  // The emulator's scopes name global Graph, while its requests go to the loopback origin.
  assert.equal(new Protocol({ baseUrl: server.url }).prefixScope('User.Read'), 'https://graph.microsoft.com/User.Read');
});

test('a protocol for another API version than the imported build is refused with the import to use', () => {
  assert.throws(() => createClient({ protocol: new Protocol({ apiVersion: 'beta' }) }),
    /This client is for Graph v1\.0, its protocol for beta: import 'msgraph-ts\/beta'\./);
});

test('a protocol of your own for another Microsoft API: its service URL roots a raw client, its scopes name its resource', async () => {
  class SharePointRest extends Protocol {
    constructor(site: string) {
      super({ baseUrl: site, apiVersion: '_api', scopeResource: 'https://contoso.sharepoint.com' });
    }
  }
  const sp = new SharePointRest(server.url);
  assert.equal(sp.prefixScope('AllSites.Read'), 'https://contoso.sharepoint.com/AllSites.Read');
  assert.equal(sp.defaultScope, 'https://contoso.sharepoint.com/.default');
  const raw = createRawClient<{ '/web/lists': { get: { responses: { 200: { content: { 'application/json': { value: unknown[] } } } } } } }>({ protocol: sp, token: 'sp-token' });
  server.clear();
  const { data } = await raw.GET('/web/lists');
  assert.deepEqual(data, { value: [] });
  assert.equal(server.requests[0]?.url, '/_api/web/lists');
  assert.equal(server.requests[0]?.headers['authorization'], 'Bearer sp-token');
});
