// Documented requests whose paths the CSDL does not declare, addressed through metadata/overrides.json
// `addressing`: structural properties as path segments (`/me/mailboxSettings`), members of a derived
// type without the cast segment, `$ref` on contained navigation; and what functions return beyond
// entities (a collection of values with query options). Same recording server and comparison as
// test/urls.test.ts.

import assert from 'node:assert/strict';
import { createClient, type GraphClient } from 'msgraph-ts/v1.0';
import { testDocCases, type DocCase, type RecordedRequest } from './helpers/recording-server.js';

const USER = '87d349ed-44d7-43e1-9a83-5f2406dee5bd';
const ORG = 'd69179bf-f4a4-41a9-a9de-249c0f2efb1d';
const APP = '1b5b1ad5-8b79-4fd3-a2b8-c0df2d6f0fd5';
const CONTENT = '1';
const POLICY = 'df85e4d9-e8c4-4033-a41c-73419a95c29c';
const CLASS = 'acdefc6b-2dc6-4e71-b1e9-6d9810ab1793';
const ASSIGNMENT = 'cf6005fc-9e13-44a2-a6ac-a53322006454';
const TEM = '7d1ac4e5-1f1b-4fa2-9e4a-0ef18b7d42b4';
// A JPEG's first bytes: bytes go out as given.
const LOGO = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
const MEETING = '550fae72-d251-43ec-868c-373732c2704f_19:meeting_M2IzYzczNTItYmY3OC00MDlmLWJjMzUtYmFiMjNlOTY4MGEz@thread.skype';

const cases: DocCase<GraphClient>[] = [
  // ── Properties as path segments ──────────────────────────────────────────────────────────────
  // "Get user mailbox settings" (user-get-mailboxsettings)
  { doc: 'GET /me/mailboxSettings', build: (c) => c.me.mailboxSettings.get() },
  { doc: 'GET /me/mailboxSettings/automaticRepliesSetting', build: (c) => c.me.mailboxSettings.automaticRepliesSetting.get() },
  { doc: 'GET /me/mailboxSettings/workingHours', build: (c) => c.me.mailboxSettings.workingHours.get() },
  { doc: 'GET /me/mailboxSettings/timeZone', build: (c) => c.me.mailboxSettings.timeZone.get() },
  { doc: `GET /users/${USER}/mailboxSettings?$select=timeZone,language`, build: (c) => c.users.byId(USER).mailboxSettings.get({ select: ['timeZone', 'language'] }) },
  // "Update user mailbox settings" (user-update-mailboxsettings)
  {
    doc: 'PATCH /me/mailboxSettings',
    body: { automaticRepliesSetting: { status: 'scheduled', scheduledStartDateTime: { dateTime: '2016-03-20T18:00:00.0000000', timeZone: 'UTC' } } },
    build: (c) => c.me.mailboxSettings.patch({ automaticRepliesSetting: { status: 'scheduled', scheduledStartDateTime: { dateTime: '2016-03-20T18:00:00.0000000', timeZone: 'UTC' } } }),
  },
  { doc: 'PATCH /me/mailboxSettings', body: { timeZone: 'Pacific Standard Time' }, build: (c) => c.me.mailboxSettings.patch({ timeZone: 'Pacific Standard Time' }) },
  // A collection of complex values: the user's sign-in identities, with query options
  { doc: `GET /users/${USER}/identities`, build: (c) => c.users.byId(USER).identities.get() },
  { doc: `GET /users/${USER}/identities?$top=2`, build: (c) => c.users.byId(USER).identities.get({ top: 2 }) },
  // "Get printSettings" / "Update printSettings" (print-get-settings, print-update-settings)
  { doc: 'GET /print/settings', build: (c) => c.print.settings.get() },
  { doc: 'PATCH /print/settings', body: { documentConversionEnabled: true }, build: (c) => c.print.settings.patch({ documentConversionEnabled: true }) },
  // "Update apiConnectorConfiguration" (b2xidentityuserflow-put-apiconnectorconfiguration): navigation declared on a
  // complex type, below the addressed property; Graph manages its reference with `$ref`
  {
    doc: 'PUT /identity/b2xUserFlows/B2X_1_testuserflow/apiConnectorConfiguration/postFederationSignup/$ref',
    body: { '@odata.id': 'https://graph.microsoft.com/v1.0/identity/apiConnectors/c1' },
    build: (c) => c.identity.b2xUserFlows.byId('B2X_1_testuserflow').apiConnectorConfiguration.postFederationSignup.$ref.put({ '@odata.id': 'https://graph.microsoft.com/v1.0/identity/apiConnectors/c1' }),
  },
  { doc: 'DELETE /identity/b2xUserFlows/B2X_1_testuserflow/apiConnectorConfiguration/postAttributeCollection/$ref', build: (c) => c.identity.b2xUserFlows.byId('B2X_1_testuserflow').apiConnectorConfiguration.postAttributeCollection.$ref.delete() },
  { doc: 'GET /identity/b2xUserFlows/B2X_1_testuserflow/apiConnectorConfiguration/postFederationSignup', build: (c) => c.identity.b2xUserFlows.byId('B2X_1_testuserflow').apiConnectorConfiguration.postFederationSignup.get() },
  // "Get organizationalBrandingLocalization" (organizationalbrandinglocalization-get), a primitive property
  { doc: `GET /organization/${ORG}/branding/localizations/en-US/signInPageText`, build: (c) => c.organization.byId(ORG).branding.localizations.byId('en-US').signInPageText.get() },

  // ── A derived type's members without a cast ──────────────────────────────────────────────────
  // "List mobileAppContents" (intune-apps-mobileappcontent-list): contentVersions is declared on mobileLobApp
  { doc: `GET /deviceAppManagement/mobileApps/${APP}/contentVersions`, build: (c) => c.deviceAppManagement.mobileApps.byId(APP).contentVersions.get() },
  { doc: `GET /deviceAppManagement/mobileApps/${APP}/contentVersions/${CONTENT}/files`, build: (c) => c.deviceAppManagement.mobileApps.byId(APP).contentVersions.byId(CONTENT).files.get() },
  { doc: `DELETE /deviceAppManagement/mobileApps/${APP}/contentVersions/${CONTENT}`, build: (c) => c.deviceAppManagement.mobileApps.byId(APP).contentVersions.byId(CONTENT).delete() },
  // The cast form stays available.
  { doc: `GET /deviceAppManagement/mobileApps/${APP}/microsoft.graph.win32LobApp/contentVersions`, build: (c) => c.deviceAppManagement.mobileApps.byId(APP).cast('microsoft.graph.win32LobApp').contentVersions.get() },

  // ── $ref on contained navigation ─────────────────────────────────────────────────────────────
  // "Assign appliesTo on a featureRolloutPolicy" (featurerolloutpolicy-post-appliesto)
  {
    doc: `POST /policies/featureRolloutPolicies/${POLICY}/appliesTo/$ref`,
    body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${USER}` },
    build: (c) => c.policies.featureRolloutPolicies.byId(POLICY).appliesTo.$ref.post({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${USER}` }),
  },
  { doc: `DELETE /policies/featureRolloutPolicies/${POLICY}/appliesTo/${USER}/$ref`, build: (c) => c.policies.featureRolloutPolicies.byId(POLICY).appliesTo.byId(USER).$ref.delete() },
  // "Remove rubric from an educationAssignment" (educationassignment-delete-rubric)
  { doc: `DELETE /education/classes/${CLASS}/assignments/${ASSIGNMENT}/rubric/$ref`, build: (c) => c.education.classes.byId(CLASS).assignments.byId(ASSIGNMENT).rubric.$ref.delete() },
  { doc: `GET /education/classes/${CLASS}/assignments/${ASSIGNMENT}/rubric`, build: (c) => c.education.classes.byId(CLASS).assignments.byId(ASSIGNMENT).rubric.get() },

  // ── Spellings of one address that Graph's docs use ───────────────────────────────────────────
  // A key in parentheses (multivaluelegacyextendedproperty-get): OData's other spelling of the key segment the client writes
  { doc: "GET /me/events('AAMkAGE1M2_bs88AACbuFiiAAA=')", build: (c) => c.me.events.byId('AAMkAGE1M2_bs88AACbuFiiAAA=').get() },
  { doc: "PATCH /me/messages('AAMkAGE1M2_as77AACHsLrBBBA=')", body: { subject: 'x' }, build: (c) => c.me.messages.byId('AAMkAGE1M2_as77AACHsLrBBBA=').patch({ subject: 'x' }) },
  // Ids with `:` and `@` (chat-post-messages, onlinemeeting-delete): one key segment, the colon percent-encoded
  { doc: 'POST /chats/19:2da4c29f6d7041eca70b638b43d45437@thread.v2/messages', body: { body: { content: 'Hello world' } }, build: (c) => c.chats.byId('19:2da4c29f6d7041eca70b638b43d45437@thread.v2').messages.post({ body: { content: 'Hello world' } }) },
  { doc: `DELETE /me/onlineMeetings/${MEETING}`, build: (c) => c.me.onlineMeetings.byId(MEETING).delete() },
  // PATCH on the range a composable function returns (range-update), and blanks after a call's commas (workbookrange-resizedrange)
  { doc: "PATCH /me/drive/items/01ABC/workbook/worksheets/Sheet1/range(address='A1:B2')", body: { values: [[1, 2]] }, build: (c) => c.me.drive.items.byId('01ABC').workbook.worksheets.byId('Sheet1').range({ address: 'A1:B2' }).patch({ values: [[1, 2]] }) },
  { doc: 'GET /me/drive/root/workbook/worksheets/Sheet1/range/resizedRange(deltaRows=1, deltaColumns=2)', build: (c) => c.me.drive.root.workbook.worksheets.byId('Sheet1').range().resizedRange({ deltaRows: 1, deltaColumns: 2 }).get() },

  // ── Stream properties updated by PATCH (addressing.streamPatches) ────────────────────────────
  // "Update organizationalBranding" (organizationalbrandingproperties-update): the image as bytes under its content type
  { doc: `PATCH /organization/${ORG}/branding/bannerLogo`, check: sentAsGiven('image/jpeg', LOGO), build: (c) => c.organization.byId(ORG).branding.bannerLogo.patch(LOGO, { headers: { 'Content-Type': 'image/jpeg' } }) },
  // "Update organizationalBrandingLocalization" (organizationalbrandingpropertieslocalization-update): PUT, as any stream
  { doc: `PUT /organization/${ORG}/branding/localizations/fr/bannerLogo`, check: sentAsGiven('image/jpeg', LOGO), build: (c) => c.organization.byId(ORG).branding.localizations.byId('fr').bannerLogo.upload(LOGO, { contentType: 'image/jpeg' }) },
  // "Update onenotePage" (page-update): a JSON list of commands
  {
    doc: 'PATCH /me/onenote/pages/1-b2f7/content',
    check: (r) => {
      assert.match(String(r.headers['content-type']), /^application\/json/);
      assert.deepEqual(JSON.parse(r.body), [{ target: '#para-id', action: 'Insert', position: 'Before', content: '<img src="image-url-or-part-name" alt="an image on the page" width="300" />' }]);
    },
    build: (c) => c.me.onenote.pages.byId('1-b2f7').content.patch([{ target: '#para-id', action: 'Insert', position: 'Before', content: '<img src="image-url-or-part-name" alt="an image on the page" width="300" />' }]),
  },

  // ── What v1.0's metadata lacks and Graph serves (missingEntityTypes, missingNavigation) ──────
  // "List telecomExpenseManagementPartners", "Create …", "Update …", "Delete …" (intune-tem-telecomexpensemanagementpartner-*)
  { doc: 'GET /deviceManagement/telecomExpenseManagementPartners', build: (c) => c.deviceManagement.telecomExpenseManagementPartners.get() },
  {
    doc: 'POST /deviceManagement/telecomExpenseManagementPartners',
    body: { displayName: 'Display Name value', url: 'Url value', appAuthorized: true, enabled: true },
    build: (c) => c.deviceManagement.telecomExpenseManagementPartners.post({ displayName: 'Display Name value', url: 'Url value', appAuthorized: true, enabled: true }),
  },
  { doc: `PATCH /deviceManagement/telecomExpenseManagementPartners/${TEM}`, body: { enabled: false }, build: (c) => c.deviceManagement.telecomExpenseManagementPartners.byId(TEM).patch({ enabled: false }) },
  { doc: `DELETE /deviceManagement/telecomExpenseManagementPartners/${TEM}`, build: (c) => c.deviceManagement.telecomExpenseManagementPartners.byId(TEM).delete() },
  // "List deleted items owned by a user" (directory-deleteditems-user-owned): an action v1.0's metadata lacks (missingOperations)
  {
    doc: 'POST /directory/deletedItems/getUserOwnedObjects',
    body: { userId: '55ac777c-109e-4022-b58c-470c8fcb6892', type: 'group' },
    build: (c) => c.directory.deletedItems.getUserOwnedObjects.post({ userId: '55ac777c-109e-4022-b58c-470c8fcb6892', type: 'group' }),
  },
];

function sentAsGiven(type: string, body: Uint8Array): (r: RecordedRequest) => void {
  return (r) => {
    assert.equal(r.headers['content-type'], type);
    assert.equal(r.body, Buffer.from(body).toString('utf8'));
  };
}

testDocCases('v1.0', createClient, cases);
