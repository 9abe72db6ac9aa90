// The same mail program on the whole-API entry point (everything autocompletes from its root).
import { createClient } from 'msgraph-ts/v1.0';
const client = createClient({ token: () => 't' });
const page = await client.me.messages.get({ select: ['subject'], top: 5 });
for (const m of page.value) console.log(m.subject);
await client.me.sendMail.post({ message: { subject: 'Hi' } });
