// Type-level tests of addressing beyond the CSDL (issue 20): properties as path segments, derived members
// without a cast, `$ref` on contained navigation, casts in large hierarchies, function results with
// streams or collections. Compiled by `tsc -p tsconfig.json` (test/typecheck.test.ts), never run.
import { createClient, type MailboxSettings, type ObjectIdentity } from 'msgraph-ts/v1.0';
import { createClient as createBetaClient } from 'msgraph-ts/beta';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(_: T): void {}

const client = createClient({ token: 't' });
const beta = createBetaClient({ token: 't' });

export async function propertiesAsPaths(): Promise<void> {
  const settings = await client.me.mailboxSettings.get();
  expectType<Equal<typeof settings, MailboxSettings>>(true);
  await client.me.mailboxSettings.patch({ timeZone: 'UTC', automaticRepliesSetting: { status: 'scheduled' } });
  // @ts-expect-error timeZone is a string
  await client.me.mailboxSettings.patch({ timeZone: 1 });
  // @ts-expect-error 'off' is not an automaticRepliesStatus
  await client.me.mailboxSettings.patch({ automaticRepliesSetting: { status: 'off' } });
  const zone = await client.me.mailboxSettings.timeZone.get();
  expectType<Equal<typeof zone, { value: string }>>(true);
  const identities = await client.users.byId('u').identities.get({ top: 2 });
  expectType<Equal<typeof identities.value[number], ObjectIdentity>>(true);
  await client.me.mailboxSettings.get({ select: ['timeZone'] });
  // @ts-expect-error 'zone' is not a property of mailboxSettings
  await client.me.mailboxSettings.get({ select: ['zone'] });
  // @ts-expect-error mailboxSettings is not addressed below it by a made-up name
  void client.me.mailboxSettings.nope;
  // @ts-expect-error a message's subject is not addressed as a path
  void client.me.messages.byId('1').subject;
  // @ts-expect-error a property is not navigation: it cannot be expanded
  await client.me.get({ expand: ['mailboxSettings'] });
}

export function derivedMembersAndRefs(): void {
  void client.deviceAppManagement.mobileApps.byId('a').contentVersions.byId('1').files.get();
  void client.policies.featureRolloutPolicies.byId('p').appliesTo.$ref.post({ '@odata.id': 'https://graph.microsoft.com/v1.0/directoryObjects/u' });
  void client.education.classes.byId('c').assignments.byId('a').rubric.$ref.delete();
  // @ts-expect-error messages stay contained: no $ref
  void client.me.messages.$ref;
  // @ts-expect-error a member no derived type of mobileApp has
  void client.deviceAppManagement.mobileApps.byId('a').rootCertificate;
}

export async function navigationOnComplexTypes(): Promise<void> {
  const flow = client.identity.b2xUserFlows.byId('B2X_1_testuserflow');
  await flow.apiConnectorConfiguration.postFederationSignup.$ref.put({ '@odata.id': 'https://graph.microsoft.com/v1.0/identity/apiConnectors/c1' });
  const connector = await flow.apiConnectorConfiguration.postFederationSignup.get();
  void connector.targetUrl;
  // In a body, the complex value's navigation is bound by URL or written inline.
  await client.identity.b2xUserFlows.post({ id: 'f', apiConnectorConfiguration: { 'postFederationSignup@odata.bind': 'https://graph.microsoft.com/v1.0/identity/apiConnectors/c1' } });
  await client.identity.b2xUserFlows.post({ id: 'f', apiConnectorConfiguration: { postFederationSignup: { '@odata.id': 'https://graph.microsoft.com/v1.0/identity/apiConnectors/c1' } } });
  // @ts-expect-error a $ref body is an @odata.id
  await flow.apiConnectorConfiguration.postFederationSignup.$ref.put({ id: 'c1' });
  // @ts-expect-error not a navigation property of apiConnectorConfiguration
  void flow.apiConnectorConfiguration.preSignup;
}

export function castsInLargeHierarchies(): void {
  // beta deviceConfiguration has 130 derived types: every one is offered.
  void beta.deviceManagement.deviceConfigurations.byId('c').cast('microsoft.graph.iosScepCertificateProfile').rootCertificate;
  void beta.deviceManagement.deviceConfigurations.cast('microsoft.graph.windows10GeneralConfiguration').get();
  // @ts-expect-error a user is not a device configuration
  void beta.deviceManagement.deviceConfigurations.cast('microsoft.graph.user');
}

export function functionResults(): void {
  void beta.reports.getM365AppUserDetail({ period: 'D7' }).content.download({ params: { $format: 'text/csv' } });
  void beta.reports.getM365AppUserDetail({ period: 'D7' }).get();
}

export async function streamPatches(): Promise<void> {
  const logo = new Uint8Array([0xff, 0xd8]);
  // Branding images are updated by PATCH as well as PUT, as bytes under their content type.
  await client.organization.byId('o').branding.bannerLogo.patch(logo, { headers: { 'Content-Type': 'image/jpeg' } });
  await client.organization.byId('o').branding.localizations.byId('fr').bannerLogo.upload(logo, { contentType: 'image/jpeg' });
  // @ts-expect-error bytes need their content type
  await client.organization.byId('o').branding.bannerLogo.patch(logo);
  // A OneNote page's content is patched with a JSON list of commands.
  await client.me.onenote.pages.byId('p').content.patch([{ target: 'body', action: 'Append', content: '<p>New</p>' }]);
  // The metadata's members are capitalised (`Append`); Graph's docs write them in lower case.
  await client.me.onenote.pages.byId('p').content.patch([{ target: 'body', action: 'append', position: 'before', content: '<p>New</p>' }]);
  // @ts-expect-error 'merge' is not an onenotePatchActionType
  await client.me.onenote.pages.byId('p').content.patch([{ target: 'body', action: 'merge' }]);
  // @ts-expect-error other streams are replaced by PUT only
  await client.me.photo.$value.patch(logo, { headers: { 'Content-Type': 'image/jpeg' } });
}

export async function missingFromMetadata(): Promise<void> {
  // v1.0's metadata lacks telecomExpenseManagementPartner; Graph serves it under deviceManagement (overrides.json).
  const partners = client.deviceManagement.telecomExpenseManagementPartners;
  const partner = await partners.byId('t').get();
  expectType<Equal<typeof partner.displayName, string | null | undefined>>(true);
  await partners.post({ displayName: 'TEM', url: 'https://tem.example', appAuthorized: true, enabled: true });
  await partners.byId('t').patch({ enabled: false });
  // @ts-expect-error enabled is a boolean
  await partners.byId('t').patch({ enabled: 'no' });
}

export async function missingFromBetaMetadata(): Promise<void> {
  // v1.0's metadata declares the Apple identity provider, beta's file here lacks it; beta's docs post it.
  await beta.identity.identityProviders.post({ '@odata.type': 'microsoft.graph.appleManagedIdentityProvider', displayName: 'Sign in with Apple', developerId: 'UBF8T346G9', serviceId: 'com.microsoft.rts.b2c.test.client', keyId: '99P6D879C4', certificateData: '******' });
  const policy = await beta.policies.mobileAppManagementPolicies.byId('p').get();
  expectType<Equal<typeof policy.discoveryUrl, string | null | undefined>>(true);
  await beta.policies.mobileAppManagementPolicies.byId('p').includedGroups.$ref.post({ '@odata.id': 'https://graph.microsoft.com/beta/groups/g' });
  await beta.servicePrincipals.byId('s').addPassword.post({ passwordCredential: { displayName: 'x' } });
  // @ts-expect-error addKey needs its proof and keyCredential
  await beta.servicePrincipals.byId('s').addKey.post({});
  // @ts-expect-error a policy is not a group
  await beta.policies.mobileAppManagementPolicies.byId('p').includedGroups.cast('microsoft.graph.mobilityManagementPolicy');
  await beta.applications.byId('a').setVerifiedPublisher.post({ verifiedPublisherId: '1234567' });
  // @ts-expect-error verifiedPublisherId is required
  await beta.applications.byId('a').setVerifiedPublisher.post({});
  const owned = await client.directory.deletedItems.getUserOwnedObjects.post({ userId: 'u', type: 'group' });
  void owned.value[0]?.id;
  // @ts-expect-error bound to the collection, not to one deleted item
  void client.directory.deletedItems.byId('d').getUserOwnedObjects;
  await beta.deviceManagement.resourceAccessProfiles.queryByPlatformType.post({ platformType: 'androidForWork' });
  // @ts-expect-error 'commodore64' is not a policyPlatformType
  await beta.deviceManagement.resourceAccessProfiles.queryByPlatformType.post({ platformType: 'commodore64' });
  // Declared for beta only: v1.0 does not get what Graph serves in beta alone.
  // @ts-expect-error not in v1.0
  void client.policies.mobileAppManagementPolicies;
  // @ts-expect-error not in v1.0
  void client.me.trendingAround;
}

export async function functionParametersInEitherCase(): Promise<void> {
  // reminderView declares `StartDateTime`; Graph's docs write `startDateTime`: both are offered, one spelling per call.
  await client.me.reminderView({ StartDateTime: '2017-06-05T10:00:00', EndDateTime: '2017-06-11T11:00:00' }).get();
  await client.me.reminderView({ startDateTime: '2017-06-05T10:00:00', endDateTime: '2017-06-11T11:00:00' }).get();
  // @ts-expect-error a misspelt parameter is still an error
  await client.me.reminderView({ startDate: '2017-06-05T10:00:00', endDateTime: '2017-06-11T11:00:00' }).get();
}
