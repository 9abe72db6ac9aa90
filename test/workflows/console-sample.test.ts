// `npm start`'s program, Microsoft's console sample, against the emulator with real tokens: each step's
// effect is looked up afterwards through Graph (the photo's bytes in OneDrive, the link through /shares,
// the mail in the inbox with its attachment), and the script itself prints every step.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Account } from 'msgraph-ts/auth';
import { DEFAULT_APPS, startEmulator } from 'msgraph-ts/emulator';
import { Protocol } from 'msgraph-ts/runtime';
import { createClient } from 'msgraph-ts/v1.0';
import { consoleSample, SAMPLE_SCOPES } from '../../examples/console-sample.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A share id as Graph's docs define it: `u!` + base64url of the sharing URL, without padding. */
function shareId(url: string): string {
  return `u!${Buffer.from(url).toString('base64url')}`;
}

test('the console sample uploads the photo unchanged, shares it, and mails it with the link to the signed-in user', { timeout: 60_000 }, async () => {
  const emulator = await startEmulator({ identity: true, versions: ['v1.0'] });
  try {
    const app = DEFAULT_APPS.find((a) => a.publicClient)!;
    const account = new Account(app.clientId, {
      authFlowType: 'device', tenantId: emulator.tenant.id, scopes: SAMPLE_SCOPES, createClient,
      protocol: new Protocol({ baseUrl: emulator.origin, loginUrl: emulator.origin }), ca: emulator.caCertPem!,
    });
    await account.authenticate({ onDeviceCode: () => {} });
    const lines: string[] = [];
    const result = await consoleSample(account, (line) => lines.push(line));
    const client = account.client;

    const photo = new Uint8Array(await (await client.me.photo.$value.download()).arrayBuffer());
    assert.ok(photo.byteLength > 0);
    assert.deepEqual(result.photo, photo);
    const uploaded = new Uint8Array(await (await client.me.drive.items.byId(result.driveItemId).content.download()).arrayBuffer());
    assert.deepEqual(uploaded, photo, 'the OneDrive copy has the photo’s bytes');

    const shared = await client.shares.byId(shareId(result.linkUrl)).driveItem.get({ select: ['id', 'name'] });
    assert.equal(shared.id, result.driveItemId, 'the link resolves to the uploaded file');

    const inbox = await client.me.mailFolders.byId('inbox').messages.get({ filter: `internetMessageId eq '${result.internetMessageId}'`, select: ['id', 'body', 'hasAttachments'] });
    assert.equal(inbox.value.length, 1, 'the mail was delivered to the signed-in user');
    const mail = inbox.value[0]!;
    assert.ok(mail.body?.content?.includes(result.linkUrl), 'the body carries the link');
    const attachments = await client.me.messages.byId(mail.id!).attachments.get();
    assert.equal(attachments.value.length, 1);
    const attached = attachments.value[0] as { name?: string; contentBytes?: string };
    assert.equal(attached.name, 'profile-photo.png');
    assert.deepEqual(new Uint8Array(Buffer.from(attached.contentBytes!, 'base64')), photo, 'the attachment is the photo');
    assert.equal(emulator.effects.filter((e) => e.kind === 'mailSent').length, 1, 'exactly one mail went out');
    assert.equal(lines.length, 6);
    assert.match(lines.at(-1)!, /^7\. It arrived: "Your profile photo, from msgraph-ts"/);
  } finally {
    await emulator.stop();
  }
});

test('`npm start`’s script prints each step, from the device code prompt to the mail in the inbox', { timeout: 60_000 }, async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/example.ts'], { cwd: root });
  for (const step of [/^1\. Device code sign-in\. The emulator approves/m, /enter the code \w+/, /Signed in as adelev@contoso\.com/, /^2\. Profile: Adele Vance <adelev@contoso\.com>/m,
    /^3\. Downloaded your profile photo: \d+ bytes/m, /^4\. Uploaded it to OneDrive/m, /^5\. Sharing link: https:\/\//m, /^6\. Sent a mail to adelev@contoso\.com/m, /^7\. It arrived: /m]) {
    assert.match(stdout, step);
  }
});

test('the sample refuses a client id without a tenant, saying what to give, with exit code 1 and no stack', async () => {
  const { main } = await import('../../examples/console-sample.js');
  await assert.rejects(main(['--client-id', '00000000-0000-0000-0000-000000000000']), /Give both --client-id and --tenant/);
  const failed = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/example.ts', '--tenant', 'contoso.onmicrosoft.com'], { cwd: root }).then(() => undefined, (e: { code: number; stderr: string }) => e);
  assert.equal(failed?.code, 1);
  assert.equal(failed?.stderr.trim(), 'TypeError: Give both --client-id and --tenant (or MSGRAPH_CLIENT_ID and MSGRAPH_TENANT) for a real tenant, or neither for the emulator.');
});
