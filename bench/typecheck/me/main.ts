import { createClient } from 'msgraph-ts/v1.0/me';
const client = createClient({ token: () => '' });
export async function main(): Promise<void> {
  const page = await client.me.messages.get({ select: ['subject'], top: 5 });
  for (const m of page.value) console.log(m.subject);
  await client.me.sendMail.post({ message: { subject: 'Hi', toRecipients: [{ emailAddress: { address: 'a@b.c' } }] } });
}
