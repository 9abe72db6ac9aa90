// A few documented beta requests, through the beta client: the version root is `/beta`, and where beta
// differs from v1.0 (usage reports as JSON, `$format`) the beta types are the ones that build it. Same
// recording server and comparison as test/urls.test.ts.
import assert from 'node:assert/strict';

import { createClient, type GraphClient } from 'msgraph-ts/beta';
import { rawSegments, testDocCases, type DocCase } from './helpers/recording-server.js';

const USER = '87d349ed-44d7-43e1-9a83-5f2406dee5bd';
const GROUP = '02bd9fd6-8f93-4758-87c3-1fb73740a315';
const CONFIG = 'b8e6d1c2-4a3f-4e5d-9c7b-1a2b3c4d5e6f';
const POLICY = 'ab90bacf-55a3-4a3e-839a-aa4b74e4f020';
const PACKAGE = 'f1be3c8f-1b4a-4d3b-8c4f-5b5a1f3c9e2d';
const SP = '00af5dfb-85da-4b41-a677-0c6b86dd34f8';
const APP = '3b5a8c36-2ef6-4e0a-a2c4-5f1b5b4c5d6e';

const cases: DocCase<GraphClient>[] = [
  // "List messages" (beta)
  { doc: 'GET /me/messages?$select=sender,subject', build: (c) => c.me.messages.get({ select: ['sender', 'subject'] }) },
  // "Get MIME content of a message"
  { doc: 'GET /me/messages/4aade2547798441eab5188a7a2436bc1/$value', build: (c) => c.me.messages.byId('4aade2547798441eab5188a7a2436bc1').$value.download() },
  // "reportRoot: getOffice365ActiveUserDetail" (beta): the same function, asked for as JSON or CSV with `$format`
  {
    doc: "GET /reports/getOffice365ActiveUserDetail(period='D7')?$format=application/json",
    build: (c) => c.reports.getOffice365ActiveUserDetail({ period: 'D7' }).get({ params: { $format: 'application/json' } }),
  },
  {
    doc: 'GET /reports/getOffice365ActiveUserDetail(date=2024-01-01)?$format=text/csv',
    build: (c) => c.reports.getOffice365ActiveUserDetail({ date: '2024-01-01' }).get({ params: { $format: 'text/csv' } }),
  },
  // "List members" (beta): a cast, then $count
  { doc: `GET /groups/${GROUP}/members/microsoft.graph.user/$count`, headers: { consistencylevel: 'eventual' }, build: (c) => c.groups.byId(GROUP).members.cast('microsoft.graph.user').$count.get() },
  // "user: delta" (beta): a function without arguments goes by its bare name, as the docs write it
  { doc: 'GET /users/delta?$select=displayName', build: (c) => c.users.delta().get({ select: ['displayName'] }) },
  // "Get a user" (beta): a B2B guest's UPN stays one segment
  {
    doc: 'GET /users/AdeleVance_adatum.com%23EXT%23@contoso.com',
    check: (r) => assert.equal(rawSegments(r.url).length, 4, `the UPN must stay one segment: ${r.url}`),
    build: (c) => c.users.byId('AdeleVance_adatum.com#EXT#@contoso.com').get(),
  },
  // "Get callRecord" (beta). (`/security/alerts_v2` is not here: the pinned beta CSDL in metadata/cache has
  // no microsoft.graph.security namespace, so the beta client rightly has no alerts_v2.)
  { doc: `GET /communications/callRecords/${USER}?$expand=sessions($expand=segments)`, build: (c) => c.communications.callRecords.byId(USER).get({ expand: ['sessions($expand=segments)'] }) },
  // "Addressing resources in a drive on OneDrive"
  { doc: 'GET /me/drive/root:/Documents/MyFile.xlsx:/content', build: (c) => c.me.drive.root.byPath('Documents/MyFile.xlsx').content.download() },
  // "reportRoot: getM365AppUserDetail" (beta): the stream property of the function's complex result
  {
    doc: "GET /reports/getM365AppUserDetail(period='D7')/content?$format=text/csv",
    build: (c) => c.reports.getM365AppUserDetail({ period: 'D7' }).content.download({ params: { $format: 'text/csv' } }),
  },
  // "Get androidCertificateProfileBase" and friends (beta Intune): a cast in a hierarchy of 130 derived types
  {
    doc: `GET /deviceManagement/deviceConfigurations/${CONFIG}/microsoft.graph.iosScepCertificateProfile/rootCertificate`,
    build: (c) => c.deviceManagement.deviceConfigurations.byId(CONFIG).cast('microsoft.graph.iosScepCertificateProfile').rootCertificate.get(),
  },
  // ...and a derived type's members reached without the cast, as the docs write them
  { doc: `GET /deviceManagement/deviceConfigurations/${CONFIG}/identityCertificate/rootCertificate`, build: (c) => c.deviceManagement.deviceConfigurations.byId(CONFIG).identityCertificate.rootCertificate.get() },
  { doc: `DELETE /deviceManagement/deviceConfigurations/${CONFIG}/rootCertificate/$ref`, build: (c) => c.deviceManagement.deviceConfigurations.byId(CONFIG).rootCertificate.$ref.delete() },
  // "Get user mailbox settings" (beta): a property of a property
  { doc: 'GET /me/mailboxSettings/userPurpose', build: (c) => c.me.mailboxSettings.userPurpose.get() },

  // What the pinned beta metadata lacks and Graph serves (metadata/overrides.json missingEntityTypes, missingNavigation, missingBindings)
  // "Add mobileAppManagementPolicies includedGroups" (mobileappmanagementpolicies-post-includedgroups): groups are references
  { doc: `GET /policies/mobileAppManagementPolicies/${POLICY}`, build: (c) => c.policies.mobileAppManagementPolicies.byId(POLICY).get() },
  { doc: `PATCH /policies/mobileDeviceManagementPolicies/${POLICY}`, body: { complianceUrl: 'https://portal.mg.contoso.com/?portalAction=Compliance' }, build: (c) => c.policies.mobileDeviceManagementPolicies.byId(POLICY).patch({ complianceUrl: 'https://portal.mg.contoso.com/?portalAction=Compliance' }) },
  {
    doc: `POST /policies/mobileAppManagementPolicies/${POLICY}/includedGroups/$ref`,
    body: { '@odata.id': `https://graph.microsoft.com/beta/groups/${GROUP}` },
    build: (c) => c.policies.mobileAppManagementPolicies.byId(POLICY).includedGroups.$ref.post({ '@odata.id': `https://graph.microsoft.com/beta/groups/${GROUP}` }),
  },
  { doc: `DELETE /policies/mobileAppManagementPolicies/${POLICY}/includedGroups/${GROUP}/$ref`, build: (c) => c.policies.mobileAppManagementPolicies.byId(POLICY).includedGroups.byId(GROUP).$ref.delete() },
  // "Add accessPackage to incompatibleAccessPackages" (accesspackage-post-incompatibleaccesspackage)
  {
    doc: `POST /identityGovernance/entitlementManagement/accessPackages/${PACKAGE}/incompatibleAccessPackages/$ref`,
    body: { '@odata.id': `https://graph.microsoft.com/beta/identityGovernance/entitlementManagement/accessPackages/${PACKAGE}` },
    build: (c) => c.identityGovernance.entitlementManagement.accessPackages.byId(PACKAGE).incompatibleAccessPackages.$ref.post({ '@odata.id': `https://graph.microsoft.com/beta/identityGovernance/entitlementManagement/accessPackages/${PACKAGE}` }),
  },
  { doc: `DELETE /identityGovernance/entitlementManagement/accessPackages/${PACKAGE}/incompatibleGroups/${GROUP}/$ref`, build: (c) => c.identityGovernance.entitlementManagement.accessPackages.byId(PACKAGE).incompatibleGroups.byId(GROUP).$ref.delete() },
  // "servicePrincipal: addPassword" (serviceprincipal-addpassword): beta's metadata binds it to application only
  { doc: `POST /servicePrincipals/${SP}/addPassword`, body: { passwordCredential: { displayName: 'Password friendly name' } }, build: (c) => c.servicePrincipals.byId(SP).addPassword.post({ passwordCredential: { displayName: 'Password friendly name' } }) },
  { doc: `POST /servicePrincipals/${SP}/removeKey`, body: { keyId: 'f0b0b335-1d71-4883-8f98-567911bfdca6', proof: 'eyJ0eXAiOiJ' }, build: (c) => c.servicePrincipals.byId(SP).removeKey.post({ keyId: 'f0b0b335-1d71-4883-8f98-567911bfdca6', proof: 'eyJ0eXAiOiJ' }) },
  // "application: setVerifiedPublisher" (application-setverifiedpublisher): beta's metadata lacks it (missingOperations)
  { doc: `POST /applications/${APP}/setVerifiedPublisher`, body: { verifiedPublisherId: '1234567' }, build: (c) => c.applications.byId(APP).setVerifiedPublisher.post({ verifiedPublisherId: '1234567' }) },
  { doc: `POST /applications/${APP}/unsetVerifiedPublisher`, build: (c) => c.applications.byId(APP).unsetVerifiedPublisher.post() },
  // "deviceManagementResourceAccessProfileBase: queryByPlatformType": bound to the collection (missingOperations)
  { doc: 'POST /deviceManagement/resourceAccessProfiles/queryByPlatformType', body: { platformType: 'androidForWork' }, build: (c) => c.deviceManagement.resourceAccessProfiles.queryByPlatformType.post({ platformType: 'androidForWork' }) },
  // "List trendingAround" (user-list-trendingaround)
  { doc: 'GET /me/trendingAround', build: (c) => c.me.trendingAround.get() },
];

testDocCases('beta', createClient, cases, (doc) => `beta: ${doc}`);
