import { Client } from '@microsoft/microsoft-graph-client';
import type { Message } from '@microsoft/microsoft-graph-types';
const client = Client.init({ authProvider: (done) => done(null, '') });
export async function main(): Promise<void> {
  const page = (await client.api('/me/messages').select('subject').top(5).get()) as { value: Message[] };
  for (const m of page.value) console.log(m.subject);
  const message: Message = { subject: 'Hi', toRecipients: [{ emailAddress: { address: 'a@b.c' } }] };
  await client.api('/me/sendMail').post({ message });
}
