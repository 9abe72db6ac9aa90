// Documented writes that carry more than a JSON body: query parameters on POST/PATCH/PUT/DELETE
// (`?requiresReview=true`, `?$id=`), bodies sent as given under their own content type (MIME mail as
// base64 text, OneNote multipart, Teams app packages as zip), and actions posted without a body. Same
// recording server and comparison as test/urls.test.ts; the body is compared byte for byte.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createClient, type GraphClient } from 'msgraph-ts/v1.0';
import { RequestError } from 'msgraph-ts/runtime';
import { testDocCases, type DocCase, type RecordedRequest } from './helpers/recording-server.js';

const MSG = 'AAMkADA1MTAAAAqldOAAA=';
const GROUP = '02bd9fd6-8f93-4758-87c3-1fb73740a315';
const USER = '87d349ed-44d7-43e1-9a83-5f2406dee5bd';
const APP = 'e3e29acb-8c79-412b-b746-e6c39ff4cd22';
/** A MIME message as Graph's docs send it: base64 text, not JSON. */
const MIME = 'RnJvbTogQWxleCBXaWxiZXIgPEFsZXhXQGNvbnRvc28uY29tPgpUbzogTWVnYW4gQm93ZW4gPE1l\nZ2FuQkBjb250b3NvLmNvbT4K';
/** The first bytes of a zip (a Teams app package). */
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]);
const MULTIPART = [
  '--MyPartBoundary198374',
  'Content-Disposition:form-data; name="Presentation"',
  'Content-Type:text/html',
  '',
  '<!DOCTYPE html><html><head><title>A page with rendered images</title></head><body><p>Here is an image</p></body></html>',
  '--MyPartBoundary198374--',
  '',
].join('\r\n');

/** The request carried exactly `body` under `type`: nothing JSON-encoded, nothing added. */
function sentAsGiven(type: string, body: string | Uint8Array): (r: RecordedRequest) => void {
  return (r) => {
    assert.equal(r.headers['content-type'], type);
    assert.equal(r.body, typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
  };
}

function emptyBody(r: RecordedRequest): void {
  assert.equal(r.body, '');
  assert.equal(r.headers['content-type'], undefined);
}

const cases: DocCase<GraphClient>[] = [
  // ── Query parameters on writes ────────────────────────────────────────────────────────────────
  // "Publish teamsApp" (teamsapp-publish): a zip package, reviewed before it is published
  {
    doc: 'POST /appCatalogs/teamsApps?requiresReview=true',
    check: sentAsGiven('application/zip', ZIP),
    build: (c) => c.appCatalogs.teamsApps.post(ZIP, { params: { requiresReview: true }, headers: { 'Content-Type': 'application/zip' } }),
  },
  { doc: 'POST /appCatalogs/teamsApps', check: sentAsGiven('application/zip', ZIP), build: (c) => c.appCatalogs.teamsApps.post(ZIP, { headers: { 'Content-Type': 'application/zip' } }) },
  // "Update teamsApp" (teamsapp-update): a new definition of an app
  {
    doc: `POST /appCatalogs/teamsApps/${APP}/appDefinitions?requiresReview=true`,
    check: sentAsGiven('application/zip', ZIP),
    build: (c) => c.appCatalogs.teamsApps.byId(APP).appDefinitions.post(new Blob([ZIP]), { params: { requiresReview: true }, headers: { 'content-type': 'application/zip' } }),
  },
  // "Remove acceptedSender" (group-delete-acceptedsenders): the reference to remove is named by its URL
  {
    doc: `DELETE /groups/${GROUP}/acceptedSenders/$ref?$id=https://graph.microsoft.com/v1.0/users/${USER}`,
    build: (c) => c.groups.byId(GROUP).acceptedSenders.$ref.delete({ params: { $id: `https://graph.microsoft.com/v1.0/users/${USER}` } }),
  },
  {
    doc: `DELETE /groups/${GROUP}/rejectedSenders/$ref?$id=https://graph.microsoft.com/v1.0/users/${USER}`,
    build: (c) => c.groups.byId(GROUP).rejectedSenders.$ref.delete({ params: { $id: `https://graph.microsoft.com/v1.0/users/${USER}` } }),
  },
  // A PATCH's query parameters are kept too, beside its JSON body.
  { doc: `PATCH /me/messages/${MSG}?x=1`, body: { isRead: true }, build: (c) => c.me.messages.byId(MSG).patch({ isRead: true }, { params: { x: 1 } }) },

  // ── Bodies sent as given ─────────────────────────────────────────────────────────────────────
  // "user: sendMail" (user-sendmail), example 4: MIME as base64 text
  { doc: 'POST /me/sendMail', check: sentAsGiven('text/plain', MIME), build: (c) => c.me.sendMail.post(MIME, { headers: { 'Content-Type': 'text/plain' } }) },
  // "Create message" (user-post-messages), MIME; "reply" and "forward" (message-reply, message-forward), MIME
  { doc: 'POST /me/messages', check: sentAsGiven('text/plain', MIME), build: (c) => c.me.messages.post(MIME, { headers: { 'Content-type': 'text/plain' } }) },
  { doc: `POST /me/messages/${MSG}/reply`, check: sentAsGiven('text/plain', MIME), build: (c) => c.me.messages.byId(MSG).reply.post(MIME, { headers: { 'content-type': 'text/plain' } }) },
  { doc: `POST /me/messages/${MSG}/forward`, check: sentAsGiven('text/plain', MIME), build: (c) => c.me.messages.byId(MSG).forward.post(MIME, { headers: { 'Content-Type': 'text/plain' } }) },
  // "Create page" (onenote-post-pages): multipart, its boundary in the content type
  {
    doc: 'POST /me/onenote/pages',
    check: sentAsGiven('multipart/form-data; boundary=MyPartBoundary198374', MULTIPART),
    build: (c) => c.me.onenote.pages.post(MULTIPART, { headers: { 'Content-Type': 'multipart/form-data; boundary=MyPartBoundary198374' } }),
  },
  // A streamed body goes out as it is read.
  {
    doc: 'POST /me/onenote/sections/1-a/pages',
    check: sentAsGiven('text/html', '<html><body>Hi</body></html>'),
    build: (c) => c.me.onenote.sections.byId('1-a').pages.post(new Blob(['<html><body>Hi</body></html>']).stream(), { headers: { 'Content-Type': 'text/html' } }),
  },
  // An object under an explicit JSON content type is still JSON.
  {
    doc: 'POST /me/messages',
    check: (r) => assert.deepEqual(JSON.parse(r.body), { subject: 'Hi' }),
    build: (c) => c.me.messages.post({ subject: 'Hi' }, { headers: { 'Content-Type': 'application/json; charset=utf-8' } }),
  },

  // ── Actions whose parameters are all optional ────────────────────────────────────────────────
  // "message: createReply" (message-createreply): no body at all
  { doc: `POST /me/messages/${MSG}/createReply`, check: emptyBody, build: (c) => c.me.messages.byId(MSG).createReply.post() },
  { doc: `POST /me/messages/${MSG}/createForward`, check: emptyBody, build: (c) => c.me.messages.byId(MSG).createForward.post() },
  // An action without parameters (`send`) was already posted without a body.
  { doc: `POST /me/messages/${MSG}/send`, check: emptyBody, build: (c) => c.me.messages.byId(MSG).send.post() },

  // "Create schema" (externalconnectors-schema-create): POST to a single contained entity's own path
  {
    doc: 'POST /external/connections/contosohr/schema',
    body: { baseType: 'microsoft.graph.externalItem', properties: [{ name: 'ticketTitle', type: 'String', isSearchable: 'true', isRetrievable: 'true' }] },
    build: (c) => c.external.connections.byId('contosohr').schema.post({ baseType: 'microsoft.graph.externalItem', properties: [{ name: 'ticketTitle', type: 'String', isSearchable: 'true', isRetrievable: 'true' }] }),
  },

  // ── Bodies as Graph's docs write them ────────────────────────────────────────────────────────
  // "Create team" (team-post), example 3: members and apps bound by URL inside the posted collections
  {
    doc: 'POST /teams',
    body: {
      'template@odata.bind': "https://graph.microsoft.com/v1.0/teamsTemplates('standard')",
      members: [{ '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: ['owner'], 'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${USER}')` }],
      installedApps: [{ 'teamsApp@odata.bind': "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps('com.microsoft.teamspace.tab.vsts')" }],
    },
    build: (c) => c.teams.post({
      'template@odata.bind': "https://graph.microsoft.com/v1.0/teamsTemplates('standard')",
      members: [{ '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: ['owner'], 'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${USER}')` }],
      installedApps: [{ 'teamsApp@odata.bind': "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps('com.microsoft.teamspace.tab.vsts')" }],
    }),
  },
  // "event: forward" (event-forward): Outlook's capitalised parameter names go out as written
  {
    doc: `POST /me/events/${MSG}/forward`,
    body: { ToRecipients: [{ emailAddress: { address: 'danas@contoso.onmicrosoft.com' } }], Comment: 'Dana, hope you can make this meeting.' },
    build: (c) => c.me.events.byId(MSG).forward.post({ ToRecipients: [{ emailAddress: { address: 'danas@contoso.onmicrosoft.com' } }], Comment: 'Dana, hope you can make this meeting.' }),
  },
  // "user: sendMail" (user-sendmail), example 1: the boolean as the docs write it
  { doc: 'POST /me/sendMail', body: { message: { subject: 'Meet for lunch?' }, saveToSentItems: 'false' }, build: (c) => c.me.sendMail.post({ message: { subject: 'Meet for lunch?' }, saveToSentItems: 'false' }) },
  // "workbook: closeSession" (workbook-closesession): `{}` to an action without parameters
  { doc: 'POST /me/drive/items/01CYZLFJGUJ7JHBSZDFZFL25KSZGQTVAUN/workbook/closeSession', check: (r) => assert.equal(r.body, '{}'), build: (c) => c.me.drive.items.byId('01CYZLFJGUJ7JHBSZDFZFL25KSZGQTVAUN').workbook.closeSession.post({}) },
  // "ChartCollection: itemAt" (chartcollection-itemat): a workbook function posted to, its parameters as the body
  {
    doc: 'POST /me/drive/items/01CYZLFJGUJ7JHBSZDFZFL25KSZGQTVAUN/workbook/worksheets/Sheet1/charts/itemAt',
    body: { index: 8 },
    build: (c) => c.me.drive.items.byId('01CYZLFJGUJ7JHBSZDFZFL25KSZGQTVAUN').workbook.worksheets.byId('Sheet1').charts.itemAt.post({ index: 8 }),
  },
  // … and called as the metadata declares it, with the same parameter in the URL.
  {
    doc: 'GET /me/drive/items/01CYZLFJGUJ7JHBSZDFZFL25KSZGQTVAUN/workbook/worksheets/Sheet1/charts/itemAt(index=8)',
    build: (c) => c.me.drive.items.byId('01CYZLFJGUJ7JHBSZDFZFL25KSZGQTVAUN').workbook.worksheets.byId('Sheet1').charts.itemAt({ index: 8 }).get(),
  },
  // "tableRowCollection: add" (tablerowcollection-add): cell values are any JSON
  {
    doc: 'POST /me/drive/items/01CYZLFJGUJ7JHBSZDFZFL25KSZGQTVAUN/workbook/tables/Table1/rows/add',
    body: { values: [[1, 2, 3], [4, 5, 6]] },
    build: (c) => c.me.drive.items.byId('01CYZLFJGUJ7JHBSZDFZFL25KSZGQTVAUN').workbook.tables.byId('Table1').rows.add.post({ values: [[1, 2, 3], [4, 5, 6]] }),
  },

  // ── $value ───────────────────────────────────────────────────────────────────────────────────
  // "Delete profilePhoto" (profilephoto-delete)
  { doc: 'DELETE /me/photo/$value', build: (c) => c.me.photo.$value.delete() },
  { doc: `DELETE /users/${USER}/photo/$value`, build: (c) => c.users.byId(USER).photo.$value.delete() },
];

const recorded = testDocCases('v1.0', createClient, cases);

test('an object under a content type that is not JSON is refused with a RequestError and nothing is sent', async () => {
  const { server, client } = recorded;
  const from = server.requests.length;
  // The object is not encoded as anything the content type names: refused, not sent as `[object Object]`.
  await assert.rejects(client.me.sendMail.post({ message: { subject: 'Hi' } }, { headers: { 'Content-Type': 'text/plain' } }),
    (e: Error) => e instanceof RequestError && /^POST \S+\/me\/sendMail was not sent: a non-JSON body is text, bytes or a stream\.$/.test(e.message));
  await assert.rejects(client.me.onenote.pages.post([1, 2] as unknown as string, { headers: { 'content-type': 'text/html' } }), RequestError);
  assert.equal(server.requests.length, from);
});
