// msgraph-ts, as its README writes it: the full v1.0 entry point, default options (retries, redirects,
// per-attempt timeout, client-request-id and SdkVersion headers), a static token.
import { createClient } from 'msgraph-ts/v1.0';
import { mail, origin, run } from './harness.mjs';

const client = createClient({ baseUrl: origin, token: 'x' });

await run('msgraph-ts', {
  get: () => client.me.messages.get({ select: ['subject'], top: 10 }),
  async send() {
    const r = await client.me.sendMail.post(mail);
    if (r !== undefined) throw new Error(`sendMail resolved to ${JSON.stringify(r)}`);
  },
});
