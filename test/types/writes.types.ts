// Type-level tests of writes (issue 20): query parameters on every write, bodies sent as given under
// their content type, actions posted without a body when every parameter is optional. Compiled by
// `tsc -p tsconfig.json` (test/typecheck.test.ts), never run.
import { createClient, type Recipient } from 'msgraph-ts/v1.0';
import { createClient as createBetaClient } from 'msgraph-ts/beta';

const client = createClient({ token: 't' });
const beta = createBetaClient({ token: 't' });
const zip = new Uint8Array([0x50, 0x4b]);

export async function writesTakeQueryParameters(): Promise<void> {
  await client.appCatalogs.teamsApps.post(zip, { params: { requiresReview: true }, headers: { 'Content-Type': 'application/zip' } });
  await client.me.messages.byId('1').patch({ isRead: true }, { params: { x: 1 } });
  await client.me.messages.byId('1').delete({ params: { x: 'y' } });
  await client.groups.byId('g').acceptedSenders.$ref.delete({ params: { $id: 'https://graph.microsoft.com/v1.0/users/u' } });
  // A connection's schema is created by POST to its own path; a single contained entity without that is not.
  await client.external.connections.byId('c').schema.post({ baseType: 'microsoft.graph.externalItem', properties: [] });
  // @ts-expect-error a team's schedule is put, not posted
  await client.teams.byId('t').schedule.post({});
  // @ts-expect-error removing one of many references needs the `$id` of the one to remove
  await client.groups.byId('g').acceptedSenders.$ref.delete();
  // @ts-expect-error a query parameter is a string, number or boolean
  await client.me.messages.byId('1').delete({ params: { x: {} } });
}

export async function bodiesUnderTheirContentType(): Promise<void> {
  await client.me.sendMail.post('TUlNRQ==', { headers: { 'Content-Type': 'text/plain' } });
  await client.me.messages.post('TUlNRQ==', { headers: { 'content-type': 'text/plain' } });
  await client.me.onenote.pages.post(new Blob(['<html></html>']), { headers: { 'Content-Type': 'text/html' } });
  // @ts-expect-error a string body needs its Content-Type: without it the JSON shape is required
  await client.me.sendMail.post('TUlNRQ==');
  // @ts-expect-error the same without any header
  await client.me.messages.post('TUlNRQ==', { params: { a: 1 } });
  // @ts-expect-error sendMail's message is a message, not a number
  await client.me.sendMail.post({ message: 42 });
}

export async function optionalParametersMeanNoArgument(): Promise<void> {
  await client.me.messages.byId('1').createReply.post();
  await client.me.messages.byId('1').send.post();
  // @ts-expect-error move needs its destinationId
  await client.me.messages.byId('1').move.post();
  await client.me.photo.$value.delete();
}

export async function derivedTypesInBodies(): Promise<void> {
  // A mail with an attachment: the attachment's derived type, told apart by its @odata.type, without a cast.
  await client.me.sendMail.post({
    message: {
      subject: 'Report',
      attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'a.txt', contentType: 'text/plain', contentBytes: 'aGk=' }],
    },
  });
  await client.me.messages.byId('1').patch({ attachments: [{ '@odata.type': '#microsoft.graph.itemAttachment', name: 'x', item: { '@odata.type': '#microsoft.graph.message', subject: 's' } }] });
  // @ts-expect-error contentBytes is base64 text, not bytes
  await client.me.sendMail.post({ message: { attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', contentBytes: 1 }] } });
  // @ts-expect-error no attachment type has this property
  await client.me.sendMail.post({ message: { attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', size2: 1 }] } });
  // @ts-expect-error a misspelt @odata.type where the base type has derived ones (attachment) is an error too
  await client.me.sendMail.post({ message: { attachments: [{ '@odata.type': '#microsoft.graph.fileAtachment', name: 'a.txt' }] } });
  // @ts-expect-error so is a type that is not an attachment
  await client.me.messages.byId('1').attachments.post({ '@odata.type': '#microsoft.graph.message', name: 'a.txt' });
  // The namespace a workload writes (Outlook's, Teams'), or none, as Graph's docs post them.
  await client.me.events.byId('1').attachments.post({ '@odata.type': '#Microsoft.OutlookServices.ItemAttachment', name: 'x' });
  await client.teams.byId('t').sendActivityNotification.post({ topic: { source: 'entityUrl' }, activityType: 'x', recipient: { '@odata.type': 'Microsoft.Teams.GraphSvc.aadUserNotificationRecipient', userId: 'u' } });
  await client.education.classes.byId('c').assignments.post({ grading: { '@odata.type': 'educationAssignmentPointsGradeType', maxPoints: 50 } });
  // The type's name in lower case, as Graph Explorer's sample posts a SharePoint page.
  await client.sites.byId('s').pages.post({ '@odata.type': '#microsoft.graph.sitepage', name: 'a.aspx' });
  // @ts-expect-error but not another name
  await client.sites.byId('s').pages.post({ '@odata.type': '#microsoft.graph.sitepages', name: 'a.aspx' });
  // A response's values may be any derived type too: narrowed by @odata.type.
  const m = await client.me.messages.byId('1').get({ expand: ['attachments'] });
  for (const a of m.attachments ?? []) {
    if (a['@odata.type'] === '#microsoft.graph.fileAttachment') void a.name;
  }
}

export async function bodiesAsGraphsDocsWriteThem(): Promise<void> {
  // Enum members in the case the docs use; Graph reads them in any case.
  await client.me.sendMail.post({ message: { body: { contentType: 'HTML', content: '<b>Hi</b>' } } });
  await client.me.sendMail.post({ message: { body: { contentType: 'Text', content: 'Hi' } } });
  // @ts-expect-error 'markdown' is not a bodyType in any case
  await client.me.sendMail.post({ message: { body: { contentType: 'markdown', content: 'Hi' } } });
  // @odata.type with or without its '#'.
  await client.me.messages.byId('1').extensions.post({ '@odata.type': 'microsoft.graph.openTypeExtension', extensionName: 'Com.Contoso.Referral', companyName: 'Wingtip Toys' });
  // A list item's fields are the list's own columns.
  await client.sites.byId('s').lists.byId('l').items.post({ fields: { Title: 'Widget', Color: 'Purple', Weight: 32 } });
  // PATCH with a derived type's property, on the base type's path.
  await client.identity.conditionalAccess.namedLocations.byId('n').patch({ '@odata.type': '#microsoft.graph.countryNamedLocation', countriesAndRegions: ['CA'] });
  // @ts-expect-error no named location has this property
  await client.identity.conditionalAccess.namedLocations.byId('n').patch({ countriesAndRegion: ['CA'] });
  // References bound by URL in a body.
  await client.groups.post({ displayName: 'g', 'members@odata.bind': ['https://graph.microsoft.com/v1.0/users/u'] });
}

export async function annotationsAtAnyDepth(): Promise<void> {
  // Graph's "create a team" example: members and apps bound by URL inside the posted collections.
  await client.teams.post({
    'template@odata.bind': "https://graph.microsoft.com/v1.0/teamsTemplates('standard')",
    displayName: 'Team',
    members: [{ '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: ['owner'], 'user@odata.bind': "https://graph.microsoft.com/v1.0/users('u')" }],
    installedApps: [{ 'teamsApp@odata.bind': "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps('a')" }],
  });
  // A property's type annotated beside it (Bookings: `"day@odata.type": "#microsoft.graph.dayOfWeek"`).
  await client.solutions.bookingBusinesses.byId('b').staffMembers.post({
    '@odata.type': '#microsoft.graph.bookingStaffMember',
    workingHours: [{ '@odata.type': '#microsoft.graph.bookingWorkHours', 'day@odata.type': '#microsoft.graph.dayOfWeek', day: 'monday' }],
  });
  // @ts-expect-error a misspelt property inside a posted member is still an error
  await client.teams.post({ members: [{ '@odata.type': '#microsoft.graph.aadUserConversationMember', rolez: ['owner'] }] });
  // @ts-expect-error a wrong enum value at depth is still an error
  await client.solutions.bookingBusinesses.byId('b').staffMembers.post({ workingHours: [{ day: 'someday' }] });
  // An open complex type takes properties its metadata does not declare (Graph's call-transfer example).
  await client.communications.calls.byId('c').transfer.post({ transferTarget: { endpointType: 'default', identity: { phone: { '@odata.type': '#microsoft.graph.identity', id: '+12345678901' } }, languageId: 'en-us' } });
  // @ts-expect-error an open entity type (user) does not: a misspelt property stays an error
  await client.users.byId('u').patch({ displayname: 'x' });
  // @ts-expect-error a wrong @odata.type is an error
  await client.teams.byId('t').channels.post({ '@odata.type': '#microsoft.graph.chanel', displayName: 'c' });
}

export async function actionBodiesAsTheDocsWriteThem(): Promise<void> {
  // Graph's sendMail example writes the boolean as a string; its OData reader converts it.
  await client.me.sendMail.post({ message: { subject: 's' }, saveToSentItems: 'false' });
  await client.me.messages.byId('1').attachments.post({ '@odata.type': '#microsoft.graph.fileAttachment', name: 'a', isInline: 'True' });
  // @ts-expect-error only 'true' and 'false', in either case, stand for a boolean
  await client.me.sendMail.post({ message: { subject: 's' }, saveToSentItems: 'no' });
  // A number as a JSON string too (getSchedule's `"availabilityViewInterval": "15"`), but a numeral only.
  await client.me.calendar.getSchedule.post({ Schedules: ['a@contoso.com'], availabilityViewInterval: '15' });
  // @ts-expect-error not a numeral
  await client.me.calendar.getSchedule.post({ schedules: ['a@contoso.com'], availabilityViewInterval: 'fifteen' });
  // Outlook's pages capitalise parameter names; Graph reads either case.
  await client.me.events.byId('e').cancel.post({ Comment: 'Cancelling for this week' });
  await client.me.getMailTips.post({ EmailAddresses: ['a@contoso.com'], MailTipsOptions: 'automaticReplies, mailboxFullStatus' });
  // @ts-expect-error a misspelt parameter is an error in either case
  await client.me.events.byId('e').cancel.post({ Coment: 'x' });
  // @ts-expect-error a required parameter stays required when capitalised
  await client.me.getMailTips.post({ MailTipsOptions: 'automaticReplies' });
  // `{}` to an action without parameters, as the docs post to closeSession.
  await client.me.drive.items.byId('i').workbook.closeSession.post({});
  await client.me.drive.items.byId('i').workbook.closeSession.post();
  // @ts-expect-error an action without parameters takes none
  await client.me.drive.items.byId('i').workbook.closeSession.post({ persist: true });
}

export async function workbookAsTheDocsCallIt(): Promise<void> {
  // Workbook functions are also posted to with their parameters as the body (`POST …/charts/itemAt`).
  const chart = await client.me.drive.items.byId('i').workbook.worksheets.byId('s').charts.itemAt.post({ index: 8 });
  void chart.name;
  await client.me.drive.items.byId('i').workbook.worksheets.byId('s').charts.itemAt({ index: 8 }).get();
  // @ts-expect-error itemAt's index is a number
  await client.me.drive.items.byId('i').workbook.worksheets.byId('s').charts.itemAt.post({ index: 'eight' });
  // Cell values are any JSON.
  await client.me.drive.items.byId('i').workbook.tables.byId('t').rows.add.post({ values: [[1, 2, 3], ['a', 'b', 'c']] });
  // Properties a version's metadata lacks and Graph reads (metadata/overrides.json `missingProperties`).
  await client.communications.calls.byId('c').transfer.post({ transferTarget: { endpointType: 'default', identity: {} } });
  // … and action parameters (`missingParameters`): beta's decline lacks the proposedNewTime v1.0's has.
  const slot = { start: { dateTime: '2019-12-02T19:00:00', timeZone: 'Pacific Standard Time' }, end: { dateTime: '2019-12-02T19:30:00', timeZone: 'Pacific Standard Time' } };
  await beta.me.events.byId('e').decline.post({ comment: 'How about next week?', sendResponse: true, proposedNewTime: slot });
  await client.me.events.byId('e').decline.post({ comment: 'How about next week?', sendResponse: true, proposedNewTime: slot });
  // @ts-expect-error proposedNewTime is a time slot
  await beta.me.events.byId('e').decline.post({ proposedNewTime: '2019-12-02' });
}

export async function valuesReadFromGraphGoBackIn(): Promise<void> {
  // A value typed by the model (here, read from Graph) is a body value as it is, at any depth.
  const read = await client.me.messages.byId('1').get();
  await client.me.sendMail.post({ message: { subject: `Fwd: ${read.subject ?? ''}`, toRecipients: read.toRecipients } });
  await client.me.sendMail.post({ message: read });
  await client.me.messages.byId('2').patch(read);
  const recipients: Recipient[] = read.ccRecipients ?? [];
  await client.me.messages.post({ ccRecipients: recipients });
}

export async function betaTakesWhatV1Declares(): Promise<void> {
  // Beta's 2021 metadata lacks searchQuery.queryTemplate and the `bookmark` entity type; v1.0's has both (generator/supplement.ts).
  await beta.search.query.post({ requests: [{ entityTypes: ['bookmark'], query: { queryString: 'x', queryTemplate: '{searchTerms} isDocument:true' } }] });
  // @ts-expect-error still a checked enum
  await beta.search.query.post({ requests: [{ entityTypes: ['bookmarks'], query: { queryString: 'x' } }] });
}
