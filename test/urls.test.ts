// Requests as Microsoft Graph's documentation writes them, built through the typed fluent client and
// sent over real HTTP to a loopback server that records them. Each case is one documented request
// line (the comment above each group names the documentation page it comes from); the test compares
// the method, every path segment and every query option the server received with the documented ones.
//
// The comparison (`normalise`) splits the raw path on `/` first and only then percent-decodes each
// segment, and decodes query names and values. So `%20` vs a space or `%24` vs `$` does not matter, but
// an id whose `/`, `?` or `#` became a real separator, a missing or extra segment, or a query option
// that is absent or different does. Query options are compared as a set: OData does not order them.
//
// Where a case has `expect`, the client sends a form that differs from the documented one only in a way
// Graph treats as the same request; the comment on the case says which, and the assertion is on the
// form the client sends.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { createClient, type GraphClient } from 'msgraph-ts/v1.0';
import { drain, rawSegments, runDocCase, startRecordingServer, type DocCase, type RecordingServer } from './helpers/recording-server.js';
import { keySegment, queryString } from '../src/url.js';

type Case = DocCase<GraphClient>;

// Ids in the shapes Graph really uses (base64 with `=`/`-`/`_`, `!` in drive ids, `:`/`@` in Teams ids,
// commas in composite site ids).
const MSG = 'AAMkADhAAATs28OAAA=';
const ATT = 'AAMkADA1M-CJKtzmnlcqVgqI=';
const EVT = 'AAMkAGI1AAAt9AHjAAA=';
const CONTACT = 'AAMkAGI2THVSAAA=';
const FOLDER = 'AQMkADNkNAAAgEMAAAA';
const USER = '87d349ed-44d7-43e1-9a83-5f2406dee5bd';
const GROUP = '02bd9fd6-8f93-4758-87c3-1fb73740a315';
const MEMBER = '6a8c0f4f-54b4-4ac8-a5a1-9b5b0e5e4e2c';
const DRIVE = 'b!-RIj2DuyvEyV1T4NlOaMHk8XkS_I8MdFlUCq1BlcjgmhRfAj3-Z8RY2VpuvV_tpd';
const ITEM = '01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K';
const SITE = 'contoso.sharepoint.com,2C712604-1370-44E7-A1F5-426573FDA80A,2D2244C3-251A-49EA-93A8-39E1C3A060FE';
const LIST = '22e03ef3-6ef4-424d-a1d3-92a337807c30';
const TEAM = 'fbe2bf47-16c8-47cf-b4a5-4b9b187c508b';
const CHANNEL = '19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2';
const CHAT = '19:8ea0e38b-efb3-4757-924a-5f94061cf8c2_97f62344-57dc-409c-88ad-c4af14158ff5@unq.gbl.spaces';
const CHATMSG = '1616990032035';
const ALERT = 'da637551227677560813_-961444813';
const INCIDENT = '2972395';
const CALL = 'e523d2ed-2966-4b6b-925b-754a88034cc5';
/** An id with every character that must not become a separator, plus non-ASCII. */
const NASTY = 'a/b?c#d%e &f=g ü€';

const cases: Case[] = [
  // ── Mail ────────────────────────────────────────────────────────────────────────────────────────
  // "List messages" (user-list-messages)
  { doc: 'GET /me/messages?$select=sender,subject', build: (c) => c.me.messages.get({ select: ['sender', 'subject'] }) },
  { doc: `GET /users/${USER}/messages`, build: (c) => c.users.byId(USER).messages.get() },
  { doc: `GET /me/mailFolders/${FOLDER}/messages`, build: (c) => c.me.mailFolders.byId(FOLDER).messages.get() },
  // "Get message" (message-get)
  { doc: `GET /me/messages/${MSG}`, build: (c) => c.me.messages.byId(MSG).get() },
  { doc: `GET /me/messages/${MSG}?$select=subject,body,bodyPreview,uniqueBody`, build: (c) => c.me.messages.byId(MSG).get({ select: ['subject', 'body', 'bodyPreview', 'uniqueBody'] }) },
  // "Get message" example: the body as text, asked for with a Prefer header
  {
    doc: `GET /me/messages/${MSG}?$select=subject,body,bodyPreview,uniqueBody (Prefer: outlook.body-content-type="text")`,
    expect: `GET /me/messages/${MSG}?$select=subject,body,bodyPreview,uniqueBody`,
    headers: { prefer: 'outlook.body-content-type="text"' },
    build: (c) => c.me.messages.byId(MSG).get({ select: ['subject', 'body', 'bodyPreview', 'uniqueBody'], headers: { Prefer: 'outlook.body-content-type="text"' } }),
  },
  // "Get singleValueLegacyExtendedProperty": braces, spaces and quotes inside a nested $filter
  {
    doc: `GET /me/messages/${MSG}?$expand=singleValueExtendedProperties($filter=id eq 'String {66f5a359-4659-4830-9070-00040ec6ac6e} Name Color')`,
    build: (c) => c.me.messages.byId(MSG).get({ expand: ["singleValueExtendedProperties($filter=id eq 'String {66f5a359-4659-4830-9070-00040ec6ac6e} Name Color')"] }),
  },
  // "Get MIME content of a message" (outlook-get-mime-message)
  { doc: 'GET /me/messages/4aade2547798441eab5188a7a2436bc1/$value', build: (c) => c.me.messages.byId('4aade2547798441eab5188a7a2436bc1').$value.download() },
  { doc: `GET /users/${USER}/mailFolders/${FOLDER}/messages/${MSG}/$value`, build: (c) => c.users.byId(USER).mailFolders.byId(FOLDER).messages.byId(MSG).$value.download() },
  // "List attachments" (message-list-attachments)
  { doc: `GET /me/messages/${MSG}/attachments`, build: (c) => c.me.messages.byId(MSG).attachments.get() },
  // "Get attachment" (attachment-get), example 6: raw contents of a file attachment
  { doc: `GET /me/messages/AAMkADA1M-zAAA=/attachments/${ATT}/$value`, build: (c) => c.me.messages.byId('AAMkADA1M-zAAA=').attachments.byId(ATT).$value.download() },
  { doc: `GET /me/events/${EVT}/attachments/${ATT}`, build: (c) => c.me.events.byId(EVT).attachments.byId(ATT).get() },
  // "Use query parameters to customize responses": well-known folder names, $filter, $search, $count, $skip
  { doc: 'GET /me/mailFolders/inbox/messages?$filter=isRead eq false', build: (c) => c.me.mailFolders.byId('inbox').messages.get({ filter: 'isRead eq false' }) },
  {
    doc: 'GET /me/mailFolders/inbox/messages?$filter=ReceivedDateTime ge 2017-04-01 and receivedDateTime lt 2017-05-01',
    build: (c) => c.me.mailFolders.byId('inbox').messages.get({ filter: 'ReceivedDateTime ge 2017-04-01 and receivedDateTime lt 2017-05-01' }),
  },
  { doc: "GET /me/messages?$filter=from/emailAddress/address eq 'someuser@example.com'", build: (c) => c.me.messages.get({ filter: "from/emailAddress/address eq 'someuser@example.com'" }) },
  { doc: "GET /me/messages?$filter=subject eq 'let''s meet for lunch?'", build: (c) => c.me.messages.get({ filter: "subject eq 'let''s meet for lunch?'" }) },
  { doc: 'GET /me/messages?$search="pizza"', build: (c) => c.me.messages.get({ search: '"pizza"' }) },
  { doc: 'GET /me/messages?$top=2&$count=true', build: (c) => c.me.messages.get({ top: 2, count: true }) },
  { doc: 'GET /me/messages?$skip=11', build: (c) => c.me.messages.get({ skip: 11 }) },
  {
    // Many options at once, through the iterator (one page: the server sends no nextLink).
    doc: "GET /me/messages?$select=subject,from&$filter=importance eq 'high'&$orderby=receivedDateTime desc&$top=5&$expand=attachments($select=name)",
    build: (c) => drain(c.me.messages.list({ select: ['subject', 'from'], filter: "importance eq 'high'", orderby: ['receivedDateTime desc'], top: 5, expand: ['attachments($select=name)'] })),
  },
  // "mailFolder resource type": a well-known folder name in place of the id
  { doc: 'GET /me/mailFolders/drafts', build: (c) => c.me.mailFolders.byId('drafts').get() },
  // "user: sendMail"
  {
    doc: 'POST /me/sendMail',
    body: { saveToSentItems: false, message: { subject: 'Meet for lunch?', toRecipients: [{ emailAddress: { address: 'frannis@contoso.com' } }] } },
    build: (c) => c.me.sendMail.post({ message: { subject: 'Meet for lunch?', toRecipients: [{ emailAddress: { address: 'frannis@contoso.com' } }] }, saveToSentItems: false }),
  },
  { doc: `POST /users/${USER}/sendMail`, build: (c) => c.users.byId(USER).sendMail.post({ message: { subject: 'Hi' } }) },
  // "message: reply", "message: forward", "message: move", "message: createReply", "message: send"
  { doc: `POST /me/messages/${MSG}/reply`, body: { comment: 'Samantha, Randi, would you name the group please?' }, build: (c) => c.me.messages.byId(MSG).reply.post({ comment: 'Samantha, Randi, would you name the group please?' }) },
  {
    doc: `POST /me/messages/${MSG}/forward`,
    body: { comment: 'Dana, hope you can make this meeting.', toRecipients: [{ emailAddress: { name: 'Dana Swope', address: 'danas@contoso.com' } }] },
    build: (c) => c.me.messages.byId(MSG).forward.post({ comment: 'Dana, hope you can make this meeting.', toRecipients: [{ emailAddress: { name: 'Dana Swope', address: 'danas@contoso.com' } }] }),
  },
  { doc: `POST /me/messages/${MSG}/move`, body: { destinationId: 'deleteditems' }, build: (c) => c.me.messages.byId(MSG).move.post({ destinationId: 'deleteditems' }) },
  { doc: `POST /me/mailFolders/${FOLDER}/messages/${MSG}/move`, body: { destinationId: 'archive' }, build: (c) => c.me.mailFolders.byId(FOLDER).messages.byId(MSG).move.post({ destinationId: 'archive' }) },
  { doc: `POST /me/messages/${MSG}/createReply`, build: (c) => c.me.messages.byId(MSG).createReply.post({ comment: 'Fanny, would you please take a look?' }) },
  { doc: `POST /me/messages/${MSG}/send`, build: (c) => c.me.messages.byId(MSG).send.post() },
  // "Create message", "Update message", "Delete message"
  { doc: 'POST /me/messages', body: { subject: 'Did you see last night\'s game?' }, build: (c) => c.me.messages.post({ subject: 'Did you see last night\'s game?' }) },
  { doc: `PATCH /me/messages/${MSG}`, body: { isRead: true }, build: (c) => c.me.messages.byId(MSG).patch({ isRead: true }) },
  { doc: `DELETE /me/messages/${MSG}`, build: (c) => c.me.messages.byId(MSG).delete() },
  // "message: delta": the example limits the page size with `Prefer: odata.maxpagesize=2`; `pageSize`
  // is documented in the client's types as sent that way for Outlook.
  {
    doc: `GET /me/mailFolders/${FOLDER}/messages/delta`,
    headers: { prefer: 'odata.maxpagesize=2' },
    build: (c) => drain(c.me.mailFolders.byId(FOLDER).messages.delta().pages({ pageSize: 2 })),
  },
  // The function is bound to Collection(message) in the CSDL, so it is also addressable on /me/messages.
  { doc: 'GET /me/messages/delta', build: (c) => c.me.messages.delta().get() },

  // ── Calendar ────────────────────────────────────────────────────────────────────────────────────
  // "List events" (user-list-events)
  {
    doc: 'GET /me/events?$select=subject,body,bodyPreview,organizer,attendees,start,end,location',
    build: (c) => c.me.events.get({ select: ['subject', 'body', 'bodyPreview', 'organizer', 'attendees', 'start', 'end', 'location'] }),
  },
  // "Use query parameters to customize responses"
  { doc: "GET /me/events?$filter=start/dateTime ge '2017-07-01T08:00'", build: (c) => c.me.events.get({ filter: "start/dateTime ge '2017-07-01T08:00'" }) },
  // "List calendarView" (calendar-list-calendarview, user-list-calendarview): startDateTime/endDateTime are
  // plain query parameters, passed through `params`.
  {
    doc: 'GET /me/calendar/calendarView?startDateTime=2017-01-01T19:00:00-08:00&endDateTime=2017-01-07T19:00:00-08:00',
    build: (c) => c.me.calendar.calendarView.get({ params: { startDateTime: '2017-01-01T19:00:00-08:00', endDateTime: '2017-01-07T19:00:00-08:00' } }),
  },
  {
    doc: 'GET /me/calendarView?startDateTime=2020-01-01T19:00:00-08:00&endDateTime=2020-01-02T19:00:00-08:00',
    build: (c) => drain(c.me.calendarView.list({ params: { startDateTime: '2020-01-01T19:00:00-08:00', endDateTime: '2020-01-02T19:00:00-08:00' } })),
  },
  // Microsoft Q&A answer linked from "List calendarView": the window plus $orderby and $select.
  {
    doc: `GET /users/${USER}/calendar/calendarView?startDateTime=2017-01-01T19:00:00&endDateTime=2017-01-07T19:00:00&$orderby=start/DateTime&$select=subject,organizer`,
    build: (c) => c.users.byId(USER).calendar.calendarView.get({ params: { startDateTime: '2017-01-01T19:00:00', endDateTime: '2017-01-07T19:00:00' }, orderby: ['start/DateTime'], select: ['subject', 'organizer'] }),
  },
  // "List instances" (event-list-instances)
  {
    doc: `GET /me/events/${EVT}/instances?startDateTime=2019-04-08T09:00:00.0000000&endDateTime=2019-04-30T09:00:00.0000000&$select=subject,bodyPreview,seriesMasterId,type,recurrence,start,end`,
    build: (c) => c.me.events.byId(EVT).instances.get({ params: { startDateTime: '2019-04-08T09:00:00.0000000', endDateTime: '2019-04-30T09:00:00.0000000' }, select: ['subject', 'bodyPreview', 'seriesMasterId', 'type', 'recurrence', 'start', 'end'] }),
  },
  // "event: accept", "Create event", "List calendars"
  { doc: `POST /me/events/${EVT}/accept`, body: { comment: 'comment-value', sendResponse: true }, build: (c) => c.me.events.byId(EVT).accept.post({ comment: 'comment-value', sendResponse: true }) },
  { doc: 'POST /me/events', body: { subject: "Let's go for lunch" }, build: (c) => c.me.events.post({ subject: "Let's go for lunch" }) },
  { doc: 'GET /me/calendars', build: (c) => c.me.calendars.get() },

  // ── Contacts ────────────────────────────────────────────────────────────────────────────────────
  // "List contacts", "Get contact", "Create contact"; "Use query parameters" ($count)
  { doc: 'GET /me/contacts?$count=true', build: (c) => c.me.contacts.get({ count: true }) },
  { doc: "GET /me/contacts?$filter=emailAddresses/any(a:a/address eq 'garth@contoso.com')", build: (c) => c.me.contacts.get({ filter: "emailAddresses/any(a:a/address eq 'garth@contoso.com')" }) },
  { doc: `GET /me/contacts/${CONTACT}`, build: (c) => c.me.contacts.byId(CONTACT).get() },
  { doc: 'POST /me/contacts', body: { givenName: 'Pavel' }, build: (c) => c.me.contacts.post({ givenName: 'Pavel', surname: 'Bansky' }) },

  // ── OneDrive ────────────────────────────────────────────────────────────────────────────────────
  // "List children of a driveItem"
  { doc: 'GET /me/drive/root/children', build: (c) => c.me.drive.root.children.get() },
  { doc: `GET /drives/${DRIVE}/items/${ITEM}/children`, build: (c) => c.drives.byId(DRIVE).items.byId(ITEM).children.get() },
  { doc: `GET /sites/${SITE}/drive/items/${ITEM}/children`, build: (c) => c.sites.byId(SITE).drive.items.byId(ITEM).children.get() },
  // "Download the contents of a DriveItem"
  { doc: `GET /me/drive/items/${ITEM}/content`, build: (c) => c.me.drive.items.byId(ITEM).content.download() },
  { doc: `GET /groups/${GROUP}/drive/items/${ITEM}/content`, build: (c) => c.groups.byId(GROUP).drive.items.byId(ITEM).content.download() },
  // "Addressing resources in a drive on OneDrive": the canonical colon-path URL
  { doc: 'GET /me/drive/root:/Documents/MyFile.xlsx:/content', build: (c) => c.me.drive.root.byPath('Documents/MyFile.xlsx').content.download() },
  // "Get a DriveItem resource": `root:/{item-path}`. The client always closes the path with `:`; Graph
  // reads `root:/a/b` and `root:/a/b:` as the same item (the closing colon is what lets segments follow).
  { doc: 'GET /me/drive/root:/Documents/MyFile.xlsx', expect: 'GET /me/drive/root:/Documents/MyFile.xlsx:', build: (c) => c.me.drive.root.byPath('Documents/MyFile.xlsx').get() },
  // Path encoding ("Addressing resources in a drive on OneDrive" → Path encoding): `#`, `%`, `?`, space and
  // non-ASCII in a file name are percent-encoded inside the colon path, never separators.
  {
    doc: 'GET /me/drive/root:/Q1 Reports/%C3%9Cbersicht %231 %25 %3F.docx:/content',
    // '', v1.0, me, drive, root:, Q1 Reports, <file>:, content: the folder separator is the only real `/`.
    check: (r) => assert.equal(rawSegments(r.url).length, 8, `colon path split into extra segments: ${r.url}`),
    build: (c) => c.me.drive.root.byPath('Q1 Reports/Übersicht #1 % ?.docx').content.download(),
  },
  { doc: 'GET /me/drive/root:/Documents:/children', build: (c) => c.me.drive.root.byPath('Documents').children.get() },
  // "Upload small files" (driveitem-put-content)
  { doc: `PUT /me/drive/items/${ITEM}:/hello.txt:/content`, check: (r) => assert.equal(r.body, 'Hello, world'), build: (c) => c.me.drive.items.byId(ITEM).byPath('hello.txt').content.upload('Hello, world', { contentType: 'text/plain' }) },
  { doc: `PUT /me/drive/items/${ITEM}/content`, check: (r) => assert.equal(r.headers['content-type'], 'text/plain'), build: (c) => c.me.drive.items.byId(ITEM).content.upload('new bytes', { contentType: 'text/plain' }) },
  // "driveItem: createUploadSession"
  { doc: `POST /me/drive/items/${ITEM}/createUploadSession`, build: (c) => c.me.drive.items.byId(ITEM).createUploadSession.post({}) },
  // The page's request body carries the instance annotation `@microsoft.graph.conflictBehavior` inside
  // `item`. The generated DriveItemUploadableProperties has no room for it, so this documented body does
  // not type-check (TS2353): a known gap, left failing on purpose (tsc -p tsconfig.json reports it).
  {
    doc: `POST /me/drive/items/${ITEM}:/largefile.dat:/createUploadSession`,
    body: { item: { '@microsoft.graph.conflictBehavior': 'rename', name: 'largefile.dat' } },
    build: (c) => c.me.drive.items.byId(ITEM).byPath('largefile.dat').createUploadSession.post({ item: { '@microsoft.graph.conflictBehavior': 'rename', name: 'largefile.dat' } }),
  },
  { doc: `POST /drives/${DRIVE}/items/${ITEM}/createUploadSession`, build: (c) => c.drives.byId(DRIVE).items.byId(ITEM).createUploadSession.post({ item: { name: 'big.vhd' } }) },
  // "Search for a DriveItems within a drive"
  { doc: "GET /me/drive/root/search(q='Contoso Project')", build: (c) => c.me.drive.root.search({ q: 'Contoso Project' }).get() },
  { doc: "GET /me/drive/search(q='Contoso Project')", build: (c) => c.me.drive.search({ q: 'Contoso Project' }).get() },
  { doc: "GET /me/drive/root/search(q='it''s done')", build: (c) => c.me.drive.root.search({ q: "it's done" }).get() },
  // "driveItem: delta", "drive: recent", "drive: sharedWithMe": functions without parameters.
  { doc: 'GET /me/drive/root/delta', build: (c) => c.me.drive.root.delta().get() },
  { doc: 'GET /me/drive/recent', build: (c) => c.me.drive.recent().get() },
  { doc: 'GET /me/drive/sharedWithMe', build: (c) => c.me.drive.sharedWithMe().get() },
  // "driveItem: delta" with the token of a previous round
  { doc: "GET /me/drive/root/delta(token='1230919asd190410jlka')", build: (c) => c.me.drive.root.delta({ token: '1230919asd190410jlka' }).get() },
  // "Download a file in another format": `format` is a query parameter of the content stream. The
  // stream's download() takes only RequestOptions, so the fluent API has no way to send it.
  { doc: `GET /me/drive/items/${ITEM}/content?format=pdf`, build: (c) => c.me.drive.items.byId(ITEM).content.download({ params: { format: 'pdf' } }) },
  // "Access an app folder": special folder by name, then a colon path
  { doc: 'PUT /me/drive/special/approot:/data.json:/content', build: (c) => c.me.drive.special.byId('approot').byPath('data.json').content.upload('{}', { contentType: 'application/json' }) },
  // "Accessing shared DriveItems": an encoded sharing URL as the key
  { doc: 'GET /shares/u!aHR0cHM6Ly8xZHJ2Lm1zL3YvcyFBR2FtM0Y/driveItem', build: (c) => c.shares.byId('u!aHR0cHM6Ly8xZHJ2Lm1zL3YvcyFBR2FtM0Y').driveItem.get() },
  // "Get Range" and "Range: delete" (Excel): a function call with a quoted address, then an action whose
  // Graph name `delete` collides with the builder's own delete(), so it is spelled `delete_`.
  { doc: `GET /me/drive/items/${ITEM}/workbook/worksheets/Sheet1/range(address='A1:B2')`, build: (c) => c.me.drive.items.byId(ITEM).workbook.worksheets.byId('Sheet1').range({ address: 'A1:B2' }).get() },
  {
    doc: `POST /me/drive/items/${ITEM}/workbook/worksheets/Sheet1/range(address='A1:B2')/delete`,
    body: { shift: 'Up' },
    build: (c) => c.me.drive.items.byId(ITEM).workbook.worksheets.byId('Sheet1').range({ address: 'A1:B2' }).delete_.post({ shift: 'Up' }),
  },
  // "Use query parameters to customize responses" ($expand with nested $select)
  { doc: 'GET /me/drive/root?$expand=children($select=id,name)', build: (c) => c.me.drive.root.get({ expand: ['children($select=id,name)'] }) },
  // "Delete a DriveItem"
  { doc: `DELETE /me/drive/items/${ITEM}`, build: (c) => c.me.drive.items.byId(ITEM).delete() },

  // ── SharePoint ──────────────────────────────────────────────────────────────────────────────────
  // "Get a site resource by path": `/sites/{hostname}:/{relative-path}`; the closing colon as above.
  { doc: 'GET /sites/contoso.sharepoint.com:/sites/team', expect: 'GET /sites/contoso.sharepoint.com:/sites/team:', build: (c) => c.sites.byId('contoso.sharepoint.com').byPath('/sites/team').get() },
  { doc: 'GET /sites/contoso.sharepoint.com:/sites/team:/lists', build: (c) => c.sites.byId('contoso.sharepoint.com').byPath('sites/team').lists.get() },
  // "Get a site resource" (composite id with commas), "Get the root site"
  { doc: `GET /sites/${SITE}`, build: (c) => c.sites.byId(SITE).get() },
  { doc: 'GET /sites/root', build: (c) => c.sites.byId('root').get() },
  { doc: `GET /groups/${GROUP}/sites/root`, build: (c) => c.groups.byId(GROUP).sites.byId('root').get() },
  // "Search for sites": `search` here is a plain query parameter, not `$search`.
  { doc: 'GET /sites?search=contoso', build: (c) => c.sites.get({ params: { search: 'contoso' } }) },
  // "List lists", "Enumerate items in a list". The page writes `expand=fields(select=…)` without `$`;
  // Graph reads `$expand` and `expand` alike ("Use query parameters": always include `$` on v1.0).
  { doc: `GET /sites/${SITE}/lists`, build: (c) => c.sites.byId(SITE).lists.get() },
  {
    doc: `GET /sites/${SITE}/lists/${LIST}/items?expand=fields(select=Name,Color,Quantity)`,
    expect: `GET /sites/${SITE}/lists/${LIST}/items?$expand=fields(select=Name,Color,Quantity)`,
    build: (c) => c.sites.byId(SITE).lists.byId(LIST).items.get({ expand: ['fields(select=Name,Color,Quantity)'] }),
  },

  // ── Groups ──────────────────────────────────────────────────────────────────────────────────────
  // "List members" examples 1–5
  { doc: `GET /groups/${GROUP}/members`, build: (c) => c.groups.byId(GROUP).members.get() },
  { doc: `GET /groups/${GROUP}/members/$count`, headers: { consistencylevel: 'eventual' }, build: (c) => c.groups.byId(GROUP).members.$count.get() },
  { doc: `GET /groups/${GROUP}/members/microsoft.graph.user/$count`, headers: { consistencylevel: 'eventual' }, build: (c) => c.groups.byId(GROUP).members.cast('microsoft.graph.user').$count.get() },
  {
    doc: `GET /groups/${GROUP}/members/microsoft.graph.user?$count=true&$orderby=displayName&$search="displayName:Pr"&$select=displayName,id`,
    headers: { consistencylevel: 'eventual' },
    build: (c) => c.groups.byId(GROUP).members.cast('microsoft.graph.user').get({ count: true, orderby: ['displayName'], search: '"displayName:Pr"', select: ['displayName', 'id'], headers: { ConsistencyLevel: 'eventual' } }),
  },
  {
    doc: `GET /groups/${GROUP}/members?$count=true&$filter=startswith(displayName, 'a')`,
    headers: { consistencylevel: 'eventual' },
    build: (c) => c.groups.byId(GROUP).members.get({ count: true, filter: "startswith(displayName, 'a')", headers: { ConsistencyLevel: 'eventual' } }),
  },
  // "Add members" / "Remove member": `$ref` on the non-contained members navigation
  {
    doc: `POST /groups/${GROUP}/members/$ref`,
    body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${MEMBER}` },
    build: (c) => c.groups.byId(GROUP).members.$ref.post({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${MEMBER}` }),
  },
  { doc: `DELETE /groups/${GROUP}/members/${MEMBER}/$ref`, build: (c) => c.groups.byId(GROUP).members.byId(MEMBER).$ref.delete() },
  // "List group transitive members"
  { doc: `GET /groups/${GROUP}/transitiveMembers`, build: (c) => c.groups.byId(GROUP).transitiveMembers.get() },
  { doc: `GET /groups/${GROUP}/transitiveMembers/microsoft.graph.user?$count=true`, build: (c) => c.groups.byId(GROUP).transitiveMembers.cast('microsoft.graph.user').get({ count: true, headers: { ConsistencyLevel: 'eventual' } }) },
  // "List a user's direct memberships": a cast on a collection of directoryObjects
  { doc: 'GET /me/memberOf/microsoft.graph.group', build: (c) => c.me.memberOf.cast('microsoft.graph.group').get() },
  // "Use query parameters to customize responses"
  { doc: 'GET /groups?$expand=members', build: (c) => c.groups.get({ expand: ['members'] }) },

  // ── Users ───────────────────────────────────────────────────────────────────────────────────────
  // "Get a user": by id, by userPrincipalName, the signed-in user, $select
  { doc: `GET /users/${USER}`, build: (c) => c.users.byId(USER).get() },
  { doc: 'GET /me', build: (c) => c.me.get() },
  { doc: `GET /users/${USER}?$select=displayName,givenName,postalCode,identities`, build: (c) => c.users.byId(USER).get({ select: ['displayName', 'givenName', 'postalCode', 'identities'] }) },
  { doc: 'GET /users/AdeleV@contoso.onmicrosoft.com', build: (c) => c.users.byId('AdeleV@contoso.onmicrosoft.com').get() },
  // B2B guest: "encode the hash (#) character … /users/AdeleVance_adatum.com%23EXT%23@contoso.com"
  {
    doc: 'GET /users/AdeleVance_adatum.com%23EXT%23@contoso.com',
    check: (r) => assert.equal(rawSegments(r.url).length, 4, `the UPN must stay one segment: ${r.url}`),
    build: (c) => c.users.byId('AdeleVance_adatum.com#EXT#@contoso.com').get(),
  },
  // A guest UPN with an apostrophe (O'Neil): the key stays one segment, `#` encoded, the quote intact.
  {
    doc: "GET /users/o'neil_contoso.com%23EXT%23@fabrikam.onmicrosoft.com/messages",
    check: (r) => assert.equal(rawSegments(r.url).length, 5, `the UPN must stay one segment: ${r.url}`),
    build: (c) => c.users.byId("o'neil_contoso.com#EXT#@fabrikam.onmicrosoft.com").messages.get(),
  },
  // "Get a user": a UPN that starts with `$` must be written `/users('$x@y.com')`, without the slash.
  { doc: "GET /users('$AdeleVance@contoso.com')", build: (c) => c.users.byId('$AdeleVance@contoso.com').get() },
  // "Get a user" example 5: ConsistencyLevel passed as a query parameter
  {
    doc: "GET /users?$count=true&ConsistencyLevel=eventual&$filter=endsWith(mail,'@contoso.com')",
    build: (c) => c.users.get({ count: true, filter: "endsWith(mail,'@contoso.com')", params: { ConsistencyLevel: 'eventual' } }),
  },
  // "Use query parameters to customize responses"
  { doc: "GET /users?$filter=startsWith(displayName,'J')", build: (c) => c.users.get({ filter: "startsWith(displayName,'J')" }) },
  { doc: 'GET /users?$orderby=displayName desc', build: (c) => c.users.get({ orderby: ['displayName desc'] }) },
  { doc: 'GET /users?$select=givenName,surname', build: (c) => c.users.get({ select: ['givenName', 'surname'] }) },
  { doc: 'GET /users?$top=2', build: (c) => c.users.get({ top: 2 }) },
  { doc: "GET /users?$filter=department in ('Retail', 'Sales')", build: (c) => c.users.get({ filter: "department in ('Retail', 'Sales')" }) },
  { doc: 'GET /users/$count', headers: { consistencylevel: 'eventual' }, build: (c) => c.users.$count.get() },
  // "user: delta"
  { doc: 'GET /users/delta', build: (c) => c.users.delta().get() },
  { doc: 'GET /users/delta?$select=displayName,givenName,surname', build: (c) => c.users.delta().get({ select: ['displayName', 'givenName', 'surname'] }) },
  // "List manager", "Assign manager", "Update user"
  { doc: 'GET /me/manager', build: (c) => c.me.manager.get() },
  {
    doc: `PUT /users/${USER}/manager/$ref`,
    body: { '@odata.id': `https://graph.microsoft.com/v1.0/users/${MEMBER}` },
    build: (c) => c.users.byId(USER).manager.$ref.put({ '@odata.id': `https://graph.microsoft.com/v1.0/users/${MEMBER}` }),
  },
  { doc: `PATCH /users/${USER}`, body: { businessPhones: ['+1 425 555 0109'], officeLocation: '18/2111' }, build: (c) => c.users.byId(USER).patch({ businessPhones: ['+1 425 555 0109'], officeLocation: '18/2111' }) },
  // "Get profilePhoto" ($value on a media entity)
  { doc: 'GET /me/photo/$value', build: (c) => c.me.photo.$value.download() },
  { doc: 'GET /me/photos/48x48/$value', build: (c) => c.me.photos.byId('48x48').$value.download() },
  // "Remove manager"
  { doc: `DELETE /users/${USER}/manager/$ref`, build: (c) => c.users.byId(USER).manager.$ref.delete() },
  // "calendar: getSchedule"
  { doc: 'POST /me/calendar/getSchedule', body: { schedules: ['adelev@contoso.com'] }, build: (c) => c.me.calendar.getSchedule.post({ schedules: ['adelev@contoso.com'], availabilityViewInterval: 60 }) },
  // "Get application": by the appId alternate key. The fluent API has no alternate-key addressing; the
  // nearest call, byId(), (rightly) treats the text as one opaque key, so this URL cannot be built.
  { doc: "GET /applications(appId='00000003-0000-0000-c000-000000000000')", build: (c) => c.applications.byKey({ appId: '00000003-0000-0000-c000-000000000000' }).get() },
  // "Get page" (OneNote): `includeIDs=true` on the content stream.
  { doc: 'GET /me/onenote/pages/1-5cbd3a4fd1b2f84c76bd6e5b7e94ba38!1-816F7725BEF00A5F!1/content?includeIDs=true', build: (c) => c.me.onenote.pages.byId('1-5cbd3a4fd1b2f84c76bd6e5b7e94ba38!1-816F7725BEF00A5F!1').content.download({ params: { includeIDs: true } }) },

  // ── Teams and chats ─────────────────────────────────────────────────────────────────────────────
  // "List joinedTeams"
  { doc: 'GET /me/joinedTeams', build: (c) => c.me.joinedTeams.get() },
  { doc: `GET /users/${USER}/joinedTeams`, build: (c) => c.users.byId(USER).joinedTeams.get() },
  // "List channel messages", "Send chatMessage in a channel", "List replies"
  { doc: `GET /teams/${TEAM}/channels/${CHANNEL}/messages`, build: (c) => c.teams.byId(TEAM).channels.byId(CHANNEL).messages.get() },
  { doc: `GET /teams/${TEAM}/channels/${CHANNEL}/messages?$top=3&$expand=replies`, build: (c) => c.teams.byId(TEAM).channels.byId(CHANNEL).messages.get({ top: 3, expand: ['replies'] }) },
  { doc: `POST /teams/${TEAM}/channels/${CHANNEL}/messages`, body: { body: { content: 'Hello World' } }, build: (c) => c.teams.byId(TEAM).channels.byId(CHANNEL).messages.post({ body: { content: 'Hello World' } }) },
  { doc: `GET /teams/${TEAM}/channels/${CHANNEL}/messages/${CHATMSG}/replies`, build: (c) => c.teams.byId(TEAM).channels.byId(CHANNEL).messages.byId(CHATMSG).replies.get() },
  // "List messages in a chat", "List chats"
  { doc: `GET /chats/${CHAT}/messages`, build: (c) => c.chats.byId(CHAT).messages.get() },
  { doc: `GET /chats/${CHAT}/messages?$top=2&$orderby=createdDateTime desc`, build: (c) => c.chats.byId(CHAT).messages.get({ top: 2, orderby: ['createdDateTime desc'] }) },
  { doc: 'GET /me/chats?$expand=members', build: (c) => c.me.chats.get({ expand: ['members'] }) },

  // ── Reports ─────────────────────────────────────────────────────────────────────────────────────
  // "reportRoot: getOffice365ActiveUserCounts", "reportRoot: getOffice365ActiveUserDetail": a string is
  // quoted, a Date-typed parameter is a bare literal (YYYY-MM-DD).
  { doc: "GET /reports/getOffice365ActiveUserCounts(period='D7')", build: (c) => c.reports.getOffice365ActiveUserCounts({ period: 'D7' }).download() },
  { doc: "GET /reports/getOffice365ActiveUserDetail(period='D7')", build: (c) => c.reports.getOffice365ActiveUserDetail({ period: 'D7' }).download() },
  { doc: 'GET /reports/getOffice365ActiveUserDetail(date=2024-01-01)', build: (c) => c.reports.getOffice365ActiveUserDetail({ date: '2024-01-01' }).download() },
  { doc: 'GET /reports/getEmailActivityUserDetail(date=2024-01-01)', build: (c) => c.reports.getEmailActivityUserDetail({ date: '2024-01-01' }).download() },
  // "user: reminderView": its parameters are strings (`StartDateTime`, Edm.String) although a date-time
  // parameter of that name is bare elsewhere; quoted in the case the docs write and in the metadata's.
  { doc: "GET /me/reminderView(startDateTime='2017-06-05T10:00:00.0000000',endDateTime='2017-06-11T11:00:00.0000000')", build: (c) => c.me.reminderView({ startDateTime: '2017-06-05T10:00:00.0000000', endDateTime: '2017-06-11T11:00:00.0000000' }).get() },
  { doc: "GET /me/reminderView(StartDateTime='2017-06-05T10:00:00',EndDateTime='2017-06-11T11:00:00')", build: (c) => c.me.reminderView({ StartDateTime: '2017-06-05T10:00:00', EndDateTime: '2017-06-11T11:00:00' }).get() },
  // "outlookUser: supportedTimeZones": an enum member in quotes; the docs' `microsoft.graph.timeZoneStandard'Iana'` is the same value.
  { doc: "GET /me/outlook/supportedTimeZones(TimeZoneStandard=microsoft.graph.timeZoneStandard'Iana')", expect: "GET /me/outlook/supportedTimeZones(TimeZoneStandard='Iana')", build: (c) => c.me.outlook.supportedTimeZones({ TimeZoneStandard: 'Iana' }).get() },

  // ── Security ────────────────────────────────────────────────────────────────────────────────────
  // "List alerts_v2", "Get alert", "List incidents", "Get incident"
  { doc: 'GET /security/alerts_v2', build: (c) => c.security.alerts_v2.get() },
  { doc: `GET /security/alerts_v2/${ALERT}`, build: (c) => c.security.alerts_v2.byId(ALERT).get() },
  { doc: 'GET /security/incidents', build: (c) => c.security.incidents.get() },
  { doc: 'GET /security/incidents?$expand=alerts', build: (c) => c.security.incidents.get({ expand: ['alerts'] }) },
  { doc: `GET /security/incidents/${INCIDENT}`, build: (c) => c.security.incidents.byId(INCIDENT).get() },

  // ── Call records ────────────────────────────────────────────────────────────────────────────────
  // "Get callRecord", "List sessions", "callRecord: getPstnCalls"
  { doc: `GET /communications/callRecords/${CALL}`, build: (c) => c.communications.callRecords.byId(CALL).get() },
  { doc: `GET /communications/callRecords/${CALL}?$expand=sessions($expand=segments)`, build: (c) => c.communications.callRecords.byId(CALL).get({ expand: ['sessions($expand=segments)'] }) },
  { doc: `GET /communications/callRecords/${CALL}/sessions`, build: (c) => c.communications.callRecords.byId(CALL).sessions.get() },
  { doc: `GET /communications/callRecords/${CALL}/sessions?$expand=segments`, build: (c) => c.communications.callRecords.byId(CALL).sessions.get({ expand: ['segments'] }) },
  {
    doc: 'GET /communications/callRecords/getPstnCalls(fromDateTime=2019-11-01,toDateTime=2019-12-01)',
    build: (c) => c.communications.callRecords.getPstnCalls({ fromDateTime: '2019-11-01', toDateTime: '2019-12-01' }).get(),
  },
  // "onlineMeeting: getAllRecordings": startDateTime is a bare date-time here, as in most functions...
  {
    doc: `GET /users/${USER}/onlineMeetings/getAllRecordings(meetingOrganizerUserId='${USER}',startDateTime=2023-12-12T00:00:00Z)`,
    build: (c) => c.users.byId(USER).onlineMeetings.getAllRecordings({ meetingOrganizerUserId: USER, startDateTime: '2023-12-12T00:00:00Z' }).get(),
  },
  // ...but a quoted string in "itemActivityStat: getActivitiesByInterval", one of the generated exceptions.
  {
    doc: `GET /drives/${DRIVE}/items/${ITEM}/getActivitiesByInterval(startDateTime='2017-01-01',endDateTime='2017-01-03',interval='day')`,
    build: (c) => c.drives.byId(DRIVE).items.byId(ITEM).getActivitiesByInterval({ startDateTime: '2017-01-01', endDateTime: '2017-01-03', interval: 'day' }).get(),
  },

  // ── Ids that must stay one segment ─────────────────────────────────────────────────────────────
  // Not a documented id: `/`, `?`, `#`, `%`, `&`, `=`, space and non-ASCII in a key must all be
  // percent-encoded, so the key is exactly one segment and nothing leaks into the query.
  {
    doc: 'GET /me/messages/a%2Fb%3Fc%23d%25e%20%26f%3Dg%20%C3%BC%E2%82%AC/attachments',
    check: (r) => {
      const raw = rawSegments(r.url); // '', v1.0, me, messages, <id>, attachments
      assert.equal(raw.length, 6, `the id must stay one segment: ${r.url}`);
      assert.equal(decodeURIComponent(raw[4]!), NASTY);
      assert.ok(!r.url.includes('?') && !r.url.includes('#'), `raw ? or # in ${r.url}`);
    },
    build: (c) => c.me.messages.byId(NASTY).attachments.get(),
  },
  {
    doc: `GET /drives/${DRIVE}/items/a%2Fb%3Fc%23d%25e%20%26f%3Dg%20%C3%BC%E2%82%AC?$select=id`,
    check: (r) => assert.equal(rawSegments(r.url).length, 6, `the id must stay one segment: ${r.url}`),
    build: (c) => c.drives.byId(DRIVE).items.byId(NASTY).get({ select: ['id'] }),
  },
];

let server: RecordingServer;
let client: GraphClient;

before(async () => {
  server = await startRecordingServer();
  client = createClient({ baseUrl: server.url, token: 'test-token' });
});

after(() => server.close());

for (const c of cases) {
  test(c.doc, () => runDocCase(server, client, 'v1.0', c));
}

// ── What must not be sent at all ─────────────────────────────────────────────────────────────────
test('byId("") throws a TypeError and sends nothing', () => {
  const from = server.requests.length;
  assert.throws(() => client.users.byId(''), TypeError);
  assert.throws(() => client.me.messages.byId(''), TypeError);
  assert.equal(server.requests.length, from);
});

test("cast('not a type') throws a TypeError and sends nothing", () => {
  const from = server.requests.length;
  // @ts-expect-error not a type derived from directoryObject: rejected by the types as well
  assert.throws(() => client.groups.byId(GROUP).members.cast('not a type'), TypeError);
  // @ts-expect-error a bare name without its namespace
  assert.throws(() => client.groups.byId(GROUP).members.cast('user'), TypeError);
  assert.equal(server.requests.length, from);
});

test("byPath('../x') throws a TypeError and sends nothing", () => {
  const from = server.requests.length;
  assert.throws(() => client.me.drive.root.byPath('../x'), TypeError);
  assert.throws(() => client.me.drive.root.byPath('Documents/./x'), TypeError);
  assert.throws(() => client.me.drive.root.byPath(''), TypeError);
  assert.throws(() => client.sites.byId('contoso.sharepoint.com').byPath('/sites/../x'), TypeError);
  assert.equal(server.requests.length, from);
});

test('names of Object.prototype members are path segments, not JavaScript functions', async () => {
  // No Graph name collides with them today; a builder must still never hand out Object's own methods.
  const me = client.me as unknown as Record<string, { get(): Promise<unknown> }>;
  for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
    await me[name]!.get();
    assert.equal(new URL(server.requests.at(-1)!.url, 'http://x').pathname, `/v1.0/me/${name}`);
  }
});

test('a builder makes each member once: the same path is the same builder, another id another one', async () => {
  // Builders are made on first access and kept, so a hot path (`client.me.messages.get`) allocates none.
  assert.equal(client.me, client.me);
  assert.equal(client.me.messages.get, client.me.messages.get);
  const a = client.users.byId('a@contoso.com');
  assert.equal(a.messages, a.messages);
  await a.messages.get({ top: 1 });
  await client.users.byId('b@contoso.com').messages.get({ top: 1 });
  await a.messages.get({ top: 2 });
  assert.deepEqual(server.requests.slice(-3).map((r) => decodeURIComponent(r.url)), [
    '/v1.0/users/a@contoso.com/messages?$top=1',
    '/v1.0/users/b@contoso.com/messages?$top=1',
    '/v1.0/users/a@contoso.com/messages?$top=2',
  ]);
});

test(`${cases.length} documented requests are covered`, () => {
  assert.ok(cases.length >= 60);
});

test('a query value is encoded as encodeURIComponent encodes it, with OData punctuation ($ , \' ( ) / : @) left readable', () => {
  // The shortcut for values that need no escape must give what the full encoding gives, for every printable character.
  const reference = (v: string): string => encodeURIComponent(v).replace(/%(24|2C|27|28|29|2F|3A|40)/g, decodeURIComponent);
  const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
  for (const v of [...printable, 'subject', "from/emailAddress/address eq 'a@b.c'", 'é', '100%', 'a+b', 'x#y&z=1', '日本', '']) {
    assert.equal(queryString({ filter: v }), v === '' ? '' : `?$filter=${reference(v)}`, JSON.stringify(v));
  }
});

test('a parameter given an empty value goes out as its bare name, not dropped; an empty system option is left out', () => {
  assert.equal(queryString({ params: { flag: '', format: 'pdf' } }), '?flag&format=pdf');
  assert.equal(queryString({ select: [], filter: '', params: { a: 1 } }), '?a=1');
});

test("a key is encoded as encodeURIComponent encodes it, with @ and , left readable and ' ( ) written %27 %28 %29", () => {
  // A key's quote or parenthesis would read as OData key syntax (`users('x')`): they are percent-encoded.
  const reference = (v: string): string => encodeURIComponent(v).replace(/%(40|2C)/g, decodeURIComponent)
    .replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29');
  // `$` takes the parenthesised form, and `.` alone is a dot segment, refused (test/runtime/keys.test.ts).
  const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).filter((c) => c !== '$' && c !== '.');
  for (const v of [...printable, "o'neil_contoso.com#EXT#@fabrikam.onmicrosoft.com", 'a(b)c', 'é', '日本', '100%']) {
    assert.equal(keySegment(v), reference(v), JSON.stringify(v));
  }
});
