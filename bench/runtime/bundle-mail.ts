// What a mail program bundles: esbuild --bundle --minify of this file is the consumer bundle size.
import { createClient } from 'msgraph-ts/v1.0/me';
const client = createClient({ token: () => 't' });
const page = await client.me.messages.get({ select: ['subject'], top: 5 });
for (const m of page.value) console.log(m.subject);
await client.me.sendMail.post({ message: { subject: 'Hi' } });
