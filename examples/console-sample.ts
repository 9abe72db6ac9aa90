// Microsoft's Graph console sample, step for step: sign in with a device code, read your profile,
// download your profile photo, upload it to OneDrive, share it with a link, and mail both to yourself.
//
//   npm start                                              the embedded emulator: offline, nothing to set up
//   node --import tsx examples/console-sample.ts --client-id <app id> --tenant <tenant id or domain>
//                                                          your tenant (or MSGRAPH_CLIENT_ID / MSGRAPH_TENANT)
// A real tenant needs a public client app registration allowing device code ("Allow public client
// flows") with delegated User.Read, Mail.ReadWrite, Mail.Send and Files.ReadWrite.All.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { Account } from 'msgraph-ts/auth';
import { DEFAULT_APPS, startEmulator } from 'msgraph-ts/emulator';
import { GraphError, Protocol, sendMailOnce } from 'msgraph-ts/runtime';
import { uploadFile } from 'msgraph-ts/upload';
import { createClient, type GraphClient } from 'msgraph-ts/v1.0';

/** What the sample did, for whoever wants to look it up afterwards (its test does). */
export interface SampleResult {
  photo: Uint8Array;
  driveItemId: string;
  linkUrl: string;
  internetMessageId: string;
}

/** The scopes the steps need, as python-o365 names them: User.Read, Mail.ReadWrite + Mail.Send, Files.ReadWrite.All. */
export const SAMPLE_SCOPES = ['basic', 'message_all', 'onedrive'];

/** A 1×1 PNG, sent instead when the user has no profile photo (Graph answers 404 ImageNotFound then). */
const NO_PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** The steps after sign-in, on any signed-in account: the emulator's or a real tenant's. */
export async function consoleSample(account: Account<GraphClient>, say: (line: string) => void = console.log): Promise<SampleResult> {
  const client = account.client;

  const me = await client.me.get({ select: ['displayName', 'mail', 'userPrincipalName'] });
  const address = me.mail ?? me.userPrincipalName ?? '';
  say(`2. Profile: ${me.displayName} <${address}>`);

  let photo: Uint8Array;
  try {
    photo = new Uint8Array(await (await client.me.photo.$value.download()).arrayBuffer());
    say(`3. Downloaded your profile photo: ${photo.byteLength} bytes`);
  } catch (error) {
    if (!(error instanceof GraphError && error.status === 404)) throw error;
    photo = NO_PHOTO;
    say('3. You have no profile photo; using a 1×1 PNG instead');
  }

  const item = await uploadFile(client.me.drive.root.byPath('msgraph-ts sample/profile-photo.png'), photo);
  say(`4. Uploaded it to OneDrive: /msgraph-ts sample/${item.name} (${item.size} bytes)`);

  const link = await client.me.drive.items.byId(item.id!).createLink.post({ type: 'view', scope: 'organization' });
  const linkUrl = link.link?.webUrl ?? '';
  say(`5. Sharing link: ${linkUrl}`);

  // sendMailOnce: a lost answer never sends the mail twice (a draft with our Message-ID, then send).
  const sent = await sendMailOnce(client.me, {
    subject: 'Your profile photo, from msgraph-ts',
    body: { contentType: 'html', content: `<p>Your photo is attached, and shared on OneDrive: <a href="${linkUrl}">${linkUrl}</a></p>` },
    toRecipients: [{ emailAddress: { address, name: me.displayName ?? address } }],
    attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'profile-photo.png', contentType: 'image/png', contentBytes: Buffer.from(photo).toString('base64') }],
  });
  say(`6. Sent a mail to ${address} with the photo attached and the link in the body`);

  // Delivery is asynchronous on Exchange: look for the Message-ID in the inbox for up to 30 s.
  const filter = `internetMessageId eq '${sent.internetMessageId}'`;
  for (let attempt = 0; ; attempt++) {
    const found = await client.me.mailFolders.byId('inbox').messages.get({ filter, select: ['subject', 'from', 'hasAttachments', 'receivedDateTime', 'attachments'], expand: ['attachments($select=name,size)'] });
    const mail = found.value[0];
    if (mail) {
      const files = (mail.attachments ?? []).map((a) => `${a.name} (${a.size} bytes)`).join(', ');
      say(`7. It arrived: "${mail.subject}" from ${mail.from?.emailAddress?.address} at ${mail.receivedDateTime}, attached: ${files}`);
      break;
    }
    if (attempt === 30) {
      say('7. It has not reached your inbox after 30 s; look again later');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return { photo, driveItemId: item.id!, linkUrl, internetMessageId: sent.internetMessageId };
}

/** `npm start` and `node examples/console-sample.ts`: a tenant's app with --client-id/--tenant, else the emulator. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { 'client-id': { type: 'string' }, tenant: { type: 'string' } } });
  const clientId = values['client-id'] ?? process.env['MSGRAPH_CLIENT_ID'];
  const tenantId = values.tenant ?? process.env['MSGRAPH_TENANT'];
  if (clientId && tenantId) {
    const account = new Account(clientId, { authFlowType: 'device', tenantId, scopes: SAMPLE_SCOPES, createClient });
    await signIn(account, 'Open the page, enter the code, and sign in:');
    await consoleSample(account);
    return;
  }
  if (clientId || tenantId) throw new TypeError('Give both --client-id and --tenant (or MSGRAPH_CLIENT_ID and MSGRAPH_TENANT) for a real tenant, or neither for the emulator.');

  const emulator = await startEmulator({ identity: true, versions: ['v1.0'] });
  try {
    console.log(`Graph emulator on ${emulator.graphUrl} (tenant ${emulator.tenant.domain}); --client-id and --tenant run this against yours.`);
    const app = DEFAULT_APPS.find((a) => a.publicClient)!;
    const account = new Account(app.clientId, {
      authFlowType: 'device', tenantId: emulator.tenant.id, scopes: SAMPLE_SCOPES, createClient,
      protocol: new Protocol({ baseUrl: emulator.origin, loginUrl: emulator.origin }), ca: emulator.caCertPem!,
    });
    await signIn(account, 'The emulator approves this code itself, as its first user:');
    await consoleSample(account);
  } finally {
    await emulator.stop();
  }
}

async function signIn(account: Account<GraphClient>, hint: string): Promise<void> {
  console.log(`1. Device code sign-in. ${hint}`);
  const result = await account.authenticate({ onDeviceCode: (prompt) => console.log(`   ${prompt.message}`) });
  console.log(`   Signed in as ${result.username}`);
}

/** Run as a program: a failure is its message (errors name the request and say what to do), exit code 1. */
export async function run(argv: string[] = process.argv.slice(2)): Promise<void> {
  await main(argv).catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
