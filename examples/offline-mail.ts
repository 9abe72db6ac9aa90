// Lists a user's inbox and sends a mail, against the offline Graph emulator: no tenant, no sign-in.
//   node --import tsx examples/offline-mail.ts        (in a clone, after `npm run setup`)
// In your own project, swap the emulator for Graph: `createClient({ token: () => yourAccessToken })`.
import { startEmulator } from 'msgraph-ts/emulator';
import { createClient } from 'msgraph-ts/v1.0/workloads/mail';

const emulator = await startEmulator({ versions: ['v1.0'] });
try {
  // Without identity the emulator takes any token, and `me` is its first user, adelev@contoso.com.
  const client = createClient({ baseUrl: emulator.origin, fetch: emulator.fetch, token: () => 'offline' });

  const inbox = await client.me.mailFolders.byId('inbox').messages.get({ select: ['subject', 'from'], orderby: ['receivedDateTime desc'], top: 5 });
  for (const m of inbox.value) console.log(`${(m.from?.emailAddress?.name ?? '').padEnd(18)}  ${m.subject ?? ''}`);

  await client.me.sendMail.post({
    message: { subject: 'Hello from msgraph-ts', toRecipients: [{ emailAddress: { address: 'alexw@contoso.com' } }] },
  });
  const sent = emulator.effects.filter((e) => e.kind === 'mailSent').length;
  console.log(`sent 1 mail; the emulator recorded ${sent}`);
} finally {
  await emulator.stop();
}
