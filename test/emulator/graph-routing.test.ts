// Addressing as Graph does it: roots, keys in both forms, alternate keys, navigation at depth, casts,
// $count, $value, colon paths, bound operations by bare or qualified name, function literals.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADELE, LIDIA, SALES_GROUP, graphError, startTestGraph } from './helpers/graph-server.js';

const graph = await startTestGraph();

test('a user is addressed by id, by userPrincipalName and by the parenthesised key form', async () => {
  for (const path of [`/users/${ADELE.id}`, `/users/${ADELE.upn}`, `/users('${ADELE.upn}')`, `/users(id='${ADELE.id}')`, `/Users/${ADELE.upn.toUpperCase()}`]) {
    const r = await graph.get(path);
    assert.equal(r.status, 200, path);
    assert.equal(r.body.id, ADELE.id, path);
  }
});

test("a key with a quote and #EXT# works percent-encoded and with '' escaping in parentheses", async () => {
  const encoded = await graph.get(`/users/${encodeURIComponent(LIDIA.upn)}`);
  assert.equal(encoded.status, 200);
  assert.equal(encoded.body.displayName, "Lidia O'Brien");
  const parens = await graph.get(`/users('${encodeURIComponent(LIDIA.upn.replace(/'/g, "''"))}')`);
  assert.equal(parens.status, 200);
  assert.equal(parens.body.id, LIDIA.id);
});

test('/me resolves to the caller, and X-Emulator-User changes who that is', async () => {
  assert.equal((await graph.get('/me')).body.userPrincipalName, ADELE.upn);
  const alex = await graph.get('/me', { 'x-emulator-user': 'alexw@contoso.com' });
  assert.equal(alex.body.userPrincipalName, 'alexw@contoso.com');
  assert.match(alex.body['@odata.context'], /\$metadata#users\/\$entity$/);
});

test('navigation reaches attachments four levels deep through a well-known folder name', async () => {
  const inbox = await graph.get(`/users/${ADELE.upn}/mailFolders/inbox/messages?$filter=hasAttachments eq true&$select=subject`);
  assert.equal(inbox.status, 200);
  const message = inbox.body.value.find((m: { subject: string }) => m.subject === 'Q3 marketing plan review');
  assert.ok(message, 'the seeded message with an attachment');
  const attachments = await graph.get(`/users/${ADELE.upn}/mailFolders/inbox/messages/${encodeURIComponent(message.id)}/attachments`);
  assert.equal(attachments.status, 200);
  assert.equal(attachments.body.value.length, 1);
  assert.equal(attachments.body.value[0]['@odata.type'], '#microsoft.graph.fileAttachment');
  assert.equal(attachments.body.value[0].name, 'Q3-plan.pdf');
});

test('$value on a file attachment returns its bytes, and on a message its MIME', async () => {
  const list = await graph.get("/me/messages?$filter=subject eq 'Photos from the offsite'");
  const id = encodeURIComponent(list.body.value[0].id);
  const attachments = await graph.get(`/me/messages/${id}/attachments`);
  const attachmentId = encodeURIComponent(attachments.body.value[0].id);
  const bytes = await fetch(`${graph.emulator.graphUrl}/me/messages/${id}/attachments/${attachmentId}/$value`);
  assert.equal(bytes.status, 200);
  assert.equal(bytes.headers.get('content-type'), 'image/png');
  const body = Buffer.from(await bytes.arrayBuffer());
  assert.deepEqual([...body.subarray(1, 4)], [0x50, 0x4e, 0x47], 'PNG signature');
  const mime = await graph.get(`/me/messages/${id}/$value`);
  assert.equal(mime.status, 200);
  assert.match(mime.text, /^From: "Alex Wilber" <alexw@contoso.com>/);
  assert.match(mime.text, /Content-Disposition: attachment; filename="team.png"/);
});

test('a profile photo is uploaded with PUT /me/photo/$value and read back; before that it is a 404 ImageNotFound (the shared mailbox has none)', async () => {
  const none = await graph.get('/users/support@contoso.com/photo/$value');
  assert.equal(none.status, 404);
  assert.equal(graphError(none).code, 'ImageNotFound');
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  const put = await graph.call('PUT', '/users/support@contoso.com/photo/$value', { body: png, headers: { 'content-type': 'image/png' } });
  assert.equal(put.status, 204);
  const photo = await fetch(`${graph.emulator.graphUrl}/users/support@contoso.com/photo/$value`);
  assert.equal(photo.headers.get('content-type'), 'image/png');
  assert.ok(Buffer.from(await photo.arrayBuffer()).equals(png));
  assert.equal((await graph.get('/users/support@contoso.com/photo')).body.id, 'default');
});

test('a cast segment narrows group members to users, also with the graph alias, and $count follows it', async () => {
  const users = await graph.get(`/groups/${SALES_GROUP}/members/microsoft.graph.user?$select=displayName`);
  assert.equal(users.status, 200);
  assert.equal(users.body.value.length, 3);
  const alias = await graph.get(`/groups/${SALES_GROUP}/members/graph.user`);
  assert.equal(alias.body.value.length, 3);
  const groups = await graph.get(`/groups/${SALES_GROUP}/members/microsoft.graph.group`);
  assert.deepEqual(groups.body.value, []);
  const count = await graph.get(`/groups/${SALES_GROUP}/members/microsoft.graph.user/$count`, { ConsistencyLevel: 'eventual' });
  assert.equal(count.status, 200);
  assert.match(count.headers.get('content-type') ?? '', /^text\/plain/);
  assert.equal(count.text, '3');
});

test('a cast to a type the entity is not is a 404, to an unrelated type a 400', async () => {
  const notAGroup = await graph.get(`/users/${ADELE.id}/microsoft.graph.group`);
  assert.equal(notAGroup.status, 400);
  const user = await graph.get(`/directoryObjects/${ADELE.id}/microsoft.graph.user`);
  assert.equal(user.status, 200);
  assert.equal(user.body.displayName, 'Adele Vance');
  const wrong = await graph.get(`/directoryObjects/${SALES_GROUP}/microsoft.graph.user`);
  assert.equal(wrong.status, 404);
  assert.equal(graphError(wrong).code, 'Request_ResourceNotFound');
});

test('an unknown segment is a 400 that names it, like Graph', async () => {
  for (const [path, segment] of [['/nope', 'nope'], ['/me/nope', 'nope'], [`/users/${ADELE.id}/messages/x/y/z`, 'x']] as const) {
    const r = await graph.get(path);
    if (segment === 'x') {
      assert.equal(r.status, 404, 'a missing key is a 404');
      assert.equal(graphError(r).code, 'ErrorItemNotFound');
      continue;
    }
    assert.equal(r.status, 400, path);
    assert.equal(graphError(r).message, `Resource not found for the segment '${segment}'.`);
  }
});

test('a structural property is addressable, with $value giving the raw value', async () => {
  const r = await graph.get('/me/displayName');
  assert.equal(r.status, 200);
  assert.equal(r.body.value, 'Adele Vance');
  const raw = await graph.get('/me/displayName/$value');
  assert.equal(raw.text, 'Adele Vance');
});

test('/drive is the signed-in user’s OneDrive, colon paths included', async () => {
  const viaMe = await graph.get('/me/drive');
  const drive = await graph.get('/drive', { 'x-emulator-user': 'adelev@contoso.com' });
  assert.equal(drive.status, 200);
  assert.equal(drive.body.id, viaMe.body.id);
  assert.equal((await graph.get('/drive/root:/Notes.txt:')).body.name, 'Notes.txt');
  assert.notEqual((await graph.get('/drive', { 'x-emulator-user': 'alexw@contoso.com' })).body.id, viaMe.body.id);
});

test('drive items are reached by colon path, with :/content and :/children', async () => {
  const item = await graph.get('/me/drive/root:/Documents/Q3%20Report.docx:');
  assert.equal(item.status, 200);
  assert.equal(item.body.name, 'Q3 Report.docx');
  const children = await graph.get('/me/drive/root:/Documents:/children?$select=name&$orderby=name');
  assert.deepEqual(children.body.value.map((c: { name: string }) => c.name), ['Budget.xlsx', 'Contracts', 'Q3 Report.docx']);
  const content = await graph.get('/me/drive/root:/Notes.txt:/content');
  assert.equal(content.status, 302);
  const noTrailingColon = await graph.get('/me/drive/root:/Photos/team.png');
  assert.equal(noTrailingColon.body.name, 'team.png');
  const missing = await graph.get('/me/drive/root:/Nope/none.txt:');
  assert.equal(missing.status, 404);
  assert.equal(graphError(missing).code, 'itemNotFound');
});

test('sites are reached by root, by hostname and by hostname with a server-relative path', async () => {
  const root = await graph.get('/sites/root');
  assert.equal(root.status, 200);
  const byHost = await graph.get('/sites/contoso.sharepoint.com');
  assert.equal(byHost.body.id, root.body.id);
  const team = await graph.get('/sites/contoso.sharepoint.com:/sites/SalesAndMarketing:');
  assert.equal(team.status, 200);
  assert.equal(team.body.displayName, 'Sales and Marketing');
  const byId = await graph.get(`/sites/${encodeURIComponent(team.body.id)}/drive/root/children?$select=name`);
  assert.deepEqual(byId.body.value.map((c: { name: string }) => c.name), ['General']);
});

test('bound functions answer by bare name, with or without (), and by qualified or alias name', async () => {
  for (const path of ['/me/messages/delta', '/me/messages/delta()', '/me/messages/microsoft.graph.delta()', '/me/mailFolders/inbox/messages/graph.delta']) {
    const r = await graph.get(path);
    assert.equal(r.status, 200, path);
    assert.ok(Array.isArray(r.body.value), path);
  }
});

test('function parameters take OData literals, doubled quotes and parameter aliases', async () => {
  const plain = await graph.get("/reports/getOffice365ActiveUserCounts(period='D7')");
  assert.equal(plain.status, 200);
  assert.match(plain.text, /\n[\d-]+,D7,getOffice365ActiveUserCounts,/);
  const quoted = await graph.get("/reports/getOffice365ActiveUserCounts(period='it''s')");
  assert.match(quoted.text, /\n[\d-]+,it's,/);
  const alias = await graph.get("/reports/getOffice365ActiveUserCounts(period=@p)?@p='D30'");
  assert.match(alias.text, /\n[\d-]+,D30,/);
  const date = await graph.get('/reports/getEmailActivityUserDetail(date=2024-05-01)');
  assert.match(date.text, /\n[\d-]+,2024-05-01,/);
  const wrongType = await graph.get('/reports/getOffice365ActiveUserCounts(period=7)');
  assert.equal(wrongType.status, 400);
  const unknownParam = await graph.get("/reports/getOffice365ActiveUserCounts(days='7')");
  assert.equal(unknownParam.status, 400);
});

test('an action called with GET (or a function with POST) is refused', async () => {
  const r = await graph.get('/me/sendMail');
  assert.equal(r.status, 405);
  const p = await graph.call('POST', '/me/messages/delta');
  assert.equal(p.status, 405);
});

test('an operation the emulator does not implement says so with 501', async () => {
  const r = await graph.call('POST', `/users/${ADELE.id}/getMemberGroups`, { body: { securityEnabledOnly: false } });
  assert.equal(r.status, 501);
  assert.equal(graphError(r).code, 'NotImplemented');
});

test('an unbound function is reached by its import name at the root', async () => {
  const r = await graph.get("/tenantStatus(region='emea')");
  assert.equal(r.status, 501, 'routed to the operation (which the emulator does not implement)');
  assert.match(graphError(r).message, /microsoft\.graph\.getTenantStatus/);
  assert.equal((await graph.get('/getTenantStatus')).status, 400, 'only the import name is a root segment');
});

test('a null property answers 204', async () => {
  assert.equal((await graph.get('/me/mobilePhone')).status, 204);
});

test('every response carries request-id and echoes client-request-id, errors included', async () => {
  const ok = await graph.get('/me', { 'client-request-id': 'c0ffee00-0000-4000-8000-000000000001' });
  assert.match(ok.headers.get('request-id') ?? '', /^[0-9a-f-]{36}$/);
  assert.equal(ok.headers.get('client-request-id'), 'c0ffee00-0000-4000-8000-000000000001');
  const bad = await graph.get('/nope', { 'client-request-id': 'c0ffee00-0000-4000-8000-000000000002' });
  const error = graphError(bad);
  assert.equal(error.innerError['client-request-id'], 'c0ffee00-0000-4000-8000-000000000002');
  assert.equal(error.innerError['request-id'], bad.headers.get('request-id'));
  assert.match(error.innerError['date'] ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
});

test('an unknown version prefix is a 400', async () => {
  const r = await fetch(`${graph.emulator.origin}/v2.0/me`);
  assert.equal(r.status, 400);
});
