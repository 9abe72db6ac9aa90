// msgraph-ts, as its README writes it: the full v1.0 entry point, default options (retries, redirects,
// per-attempt timeout, client-request-id and SdkVersion headers), a static token.
// MSGRAPH_TS=<dir>: measure the build in that package directory instead of this checkout (e.g. a
// snapshot of one commit while dist/ here is being rebuilt).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mail, origin, run } from './harness.mjs';

const { createClient } = process.env.MSGRAPH_TS
  ? await import(pathToFileURL(join(process.env.MSGRAPH_TS, 'generated/v1.0/index.js')).href)
  : await import('msgraph-ts/v1.0');
const client = createClient({ baseUrl: origin, token: 'x' });

await run('msgraph-ts', {
  get: () => client.me.messages.get({ select: ['subject'], top: 10 }),
  async send() {
    const r = await client.me.sendMail.post(mail);
    if (r !== undefined) throw new Error(`sendMail resolved to ${JSON.stringify(r)}`);
  },
});
