// Type-level tests of the generated v1.0 client: compiled by `tsc -p tsconfig.json` (see
// test/typecheck.test.ts), never run. Each `@ts-expect-error` must stay an error, or tsc fails.
import { createClient, type Message, type User, type DriveItemB, type UserB, type GroupB, type SiteB } from 'msgraph-ts/v1.0';
import { createClient as createMailClient } from 'msgraph-ts/v1.0/workloads/mail';
import { rawClient } from 'msgraph-ts/raw';
import { batch, delta, GraphError, OutcomeUnknownError, NetworkError, TimeoutError, RequestError } from 'msgraph-ts/runtime';
import type { paths } from '../fixtures/raw/mail.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(_: T): void {}

const client = createClient({ token: 't' });

export async function selectNarrowsTheResult(): Promise<void> {
  const m = await client.me.messages.byId('1').get({ select: ['subject', 'from'] });
  expectType<Equal<keyof typeof m, 'subject' | 'from' | 'id'>>(true);   // Graph sends id whatever $select says
  // @ts-expect-error body was not selected
  void m.body;
  const whole = await client.me.messages.byId('1').get();
  expectType<Equal<typeof whole, Message>>(true);
}

export async function selectAndExpandNamesAreChecked(): Promise<void> {
  // @ts-expect-error 'subjct' is not a property of message
  await client.me.messages.get({ select: ['subjct'] });
  // @ts-expect-error 'subject' is not a navigation property, so it cannot be expanded
  await client.me.messages.get({ expand: ['subject'] });
  await client.me.messages.get({ expand: ['attachments', 'attachments($select=name)'], orderby: ['receivedDateTime desc'], top: 5 });
}

export async function bodiesAreTyped(): Promise<void> {
  // @ts-expect-error subject is a string
  await client.me.messages.post({ subject: 42 });
  // @ts-expect-error sendMail needs its message
  await client.me.sendMail.post({ saveToSentItems: false });
  await client.me.sendMail.post({ message: { subject: 'Hi', toRecipients: [{ emailAddress: { address: 'a@b.c' } }] }, saveToSentItems: false });
  // A derived type is accepted where its base is posted, discriminated by @odata.type.
  await client.me.messages.byId('1').attachments.post({ '@odata.type': '#microsoft.graph.fileAttachment', name: 'a.txt', contentBytes: 'aGk=' });
}

export async function collectionsPageAndIterate(): Promise<void> {
  const page = await client.users.get({ select: ['displayName'], filter: "startswith(displayName,'A')", count: true });
  expectType<Equal<typeof page.value[number], Pick<User, 'displayName' | 'id'>>>(true);
  const n: number | undefined = page['@odata.count'];
  void n;
  for await (const u of client.users.list({ select: ['id', 'mail'] })) {
    expectType<Equal<typeof u, Pick<User, 'id' | 'mail'>>>(true);
  }
  const count: number = await client.users.$count.get({ filter: "accountEnabled eq true" });
  void count;
}

export function navigationIsSharedPerEntityType(): void {
  // Two different paths, one builder type.
  const a = client.me.messages.byId('1');
  const b = client.users.byId('x').mailFolders.byId('inbox').messages.byId('2');
  expectType<Equal<typeof a, typeof b>>(true);
  const drive: DriveItemB = client.me.drive.root.byPath('Docs/report.docx');
  void drive;
  // @ts-expect-error messages are not path-addressable
  client.me.messages.byId('1').byPath('x');
}

export function castsAndRefs(): void {
  const user: UserB = client.groups.byId('g').members.byId('u').cast('microsoft.graph.user');
  void user;
  void client.groups.byId('g').members.cast('microsoft.graph.user').$count;
  // @ts-expect-error a message is not a directory object
  client.groups.byId('g').members.cast('microsoft.graph.message');
  void client.groups.byId('g').members.$ref.post({ '@odata.id': 'https://graph.microsoft.com/v1.0/directoryObjects/u' });
  void client.groups.byId('g').members.byId('u').$ref.delete();
  // @ts-expect-error messages are contained: no $ref
  void client.me.messages.$ref;
}

export function functionsAndStreams(): void {
  void client.reports.getOffice365ActiveUserCounts({ period: 'D7' }).download();
  // @ts-expect-error period is required
  void client.reports.getOffice365ActiveUserCounts({});
  void client.me.messages.delta().list();
  void client.me.photo.$value.download();
  void client.me.drive.items.byId('1').content.upload(new Uint8Array([1, 2]));
  void client.me.messages.byId('1').attachments.byId('a').$value.download();
}

export function resourcesAreTypedByTheirPrefix(): void {
  expectType<Equal<ReturnType<typeof client.resource<'user:x@y.com'>>, UserB>>(true);
  expectType<Equal<ReturnType<typeof client.resource<'shared@contoso.com'>>, UserB>>(true);
  expectType<Equal<ReturnType<typeof client.resource<'group:1'>>, GroupB>>(true);
  expectType<Equal<ReturnType<typeof client.resource<'site:contoso.sharepoint.com:/sites/team'>>, SiteB>>(true);
  const fallback = client.resource();
  expectType<Equal<typeof fallback, UserB>>(true);
  void client.resource('group:1').members;
  // @ts-expect-error a group has no messages
  void client.resource('group:1').messages;
  // The mail workload has no sites: a site resource is nothing there.
  const mail = createMailClient();
  expectType<Equal<ReturnType<typeof mail.resource<'site:root'>>, never>>(true);
  void mail.resource('user:a@b.com').messages;
}

export async function batchResultsAreTypedPerRequest(): Promise<void> {
  const [me, page, sent] = await batch(client, (c) => {
    const draft = c.me.messages.byId('1').patch({ subject: 'Final' });
    return [c.me.get({ select: ['displayName'] }), c.me.messages.get({ select: ['subject'] }), c.me.messages.byId('1').send.post(undefined, { dependsOn: [draft] })];
  });
  if (me.ok) expectType<Equal<typeof me.value, Pick<User, 'displayName' | 'id'>>>(true);
  if (page.ok) expectType<Equal<typeof page.value.value[number], Pick<Message, 'subject' | 'id'>>>(true);
  if (!sent.ok) {
    expectType<Equal<typeof sent.error, GraphError | OutcomeUnknownError | NetworkError | TimeoutError | RequestError>>(true);
    void sent.error.method;   // every failure names its request
    // @ts-expect-error only a GraphError is sure to carry a status: narrow first
    void sent.error.status;
    if (sent.error instanceof GraphError) void (sent.error.status satisfies number);
  }
  // @ts-expect-error a result must be checked before its value is read
  void me.value;
}

export async function rawClientIsTypedByItsPaths(): Promise<void> {
  const raw = rawClient<paths>(client);
  const { data } = await raw.GET('/me/messages', { params: { query: { $top: 5 } } });
  expectType<Equal<typeof data, paths['/me/messages']['get']['responses'][200]['content']['application/json'] | undefined>>(true);
  // @ts-expect-error the slice has no /me/events
  await raw.GET('/me/events');
  // @ts-expect-error sendMail needs its message
  await raw.POST('/me/sendMail', { body: { saveToSentItems: true } });
}

export async function deltaRoundsAreTyped(): Promise<void> {
  const round = delta(client.me.mailFolders.byId('inbox').messages.delta(), { select: ['subject'] });
  for await (const m of round) {
    if ('@removed' in m) expectType<Equal<typeof m.id, string>>(true);
    else expectType<Equal<typeof m, Pick<Message, 'subject' | 'id'>>>(true);
  }
  expectType<Equal<typeof round.deltaLink, string | undefined>>(true);
  // @ts-expect-error 'subjct' is not a property of message
  delta(client.me.messages.delta(), { select: ['subjct'] });
}
