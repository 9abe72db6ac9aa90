// `npm start`: the main job end to end, offline. Starts the Graph emulator in this process (HTTPS with
// its own CA, identity service included), signs in with the device code flow through msgraph-ts/auth
// (msal-node underneath, python-o365's Account on top), lists the inbox and sends a mail through the
// fluent client, and prints what happened. Every call crosses a real socket; nothing is mocked.
import { Account } from 'msgraph-ts/auth';
import { createClient } from 'msgraph-ts/v1.0/workloads/mail';
import { DEFAULT_APPS, startEmulator } from 'msgraph-ts/emulator';
import { Protocol } from 'msgraph-ts/runtime';

const emulator = await startEmulator({ identity: true, versions: ['v1.0'] });
try {
  console.log(`Graph emulator on ${emulator.graphUrl} (tenant ${emulator.tenant.domain})`);

  // Sign in as a console app would: the device code flow against the emulator's identity endpoint,
  // trusting the emulator's CA explicitly. The emulator approves the code as its first user.
  const app = DEFAULT_APPS.find((a) => a.publicClient);
  if (!app) throw new Error('The emulator has no public client app registered.');
  const account = new Account(app.clientId, {
    authFlowType: 'device',
    tenantId: emulator.tenant.id,
    scopes: ['basic', 'message_all'], // python-o365's aliases: User.Read, Mail.ReadWrite, Mail.Send
    protocol: new Protocol({ baseUrl: emulator.origin, loginUrl: emulator.origin }),
    ca: emulator.caCertPem!,
    createClient,
  });
  const signIn = await account.authenticate({ onDeviceCode: (prompt) => console.log(`  ${prompt.message}`) });
  console.log(`Signed in as ${signIn.username} (scopes: ${signIn.scopes.join(' ')})`);

  // Each request asks the account for the current user's token: from its cache, refreshed when it expires.
  const client = account.client;

  const inbox = await client.me.mailFolders.byId('inbox').messages.get({
    select: ['subject', 'from', 'receivedDateTime'], orderby: ['receivedDateTime desc'], top: 5,
  });
  console.log(`Inbox, newest ${inbox.value.length}:`);
  for (const m of inbox.value) {
    console.log(`  ${m.receivedDateTime?.slice(0, 16) ?? ''}  ${(m.from?.emailAddress?.name ?? '').padEnd(18)}  ${m.subject ?? ''}`);
  }

  const to = 'alexw@contoso.com';
  await client.me.sendMail.post({
    message: {
      subject: 'Hello from msgraph-ts',
      body: { contentType: 'text', content: 'Sent through the fluent client, offline.' },
      toRecipients: [{ emailAddress: { address: to } }],
    },
  });
  const sent = emulator.effects.filter((e) => e.kind === 'mailSent');
  console.log(`Sent "Hello from msgraph-ts" to ${to}; the emulator recorded ${sent.length} message sent.`);

  const copy = await client.me.mailFolders.byId('sentitems').messages.get({ select: ['subject'], filter: "subject eq 'Hello from msgraph-ts'" });
  console.log(`Sent Items now holds ${copy.value.length} copy of it.`);
} finally {
  await emulator.stop();
}
