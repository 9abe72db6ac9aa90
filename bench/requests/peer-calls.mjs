// The calls of one peer, for the tools that compare plain fetch with msgraph-ts builds outside the
// lockstep bench (ab.mjs, overhead.mjs, steady.mjs, instructions.mjs): `fetch`, or the msgraph-ts build
// in a package directory (as MSGRAPH_TS). Also the one mail every sendMail of the benches sends.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The same mail for every peer (Kiota's model names match Graph's JSON names here). */
export const mail = {
  message: {
    subject: 'Quarterly numbers',
    body: { contentType: 'text', content: 'The figures are attached to the usual place. Reply by Friday, please.' },
    toRecipients: [{ emailAddress: { address: 'alex@contoso.com', name: 'Alex Wilber' } }],
  },
  saveToSentItems: true,
};

/**
 * `get`: GET /v1.0/me/messages?$select=subject&$top=10 to `origin`, resolving to the page; `send`: POST
 * /v1.0/me/sendMail with `mail`, resolving once the response is read.
 */
export async function peerCalls(peer, origin) {
  if (peer === 'fetch') {
    const headers = () => ({ Authorization: 'Bearer x', 'client-request-id': crypto.randomUUID() });
    return {
      get: async () => (await fetch(`${origin}/v1.0/me/messages?$select=subject&$top=10`, { headers: headers() })).json(),
      send: async () => (await fetch(`${origin}/v1.0/me/sendMail`, { method: 'POST', headers: { ...headers(), 'content-type': 'application/json' }, body: JSON.stringify(mail) })).arrayBuffer(),
    };
  }
  const { createClient } = await import(pathToFileURL(join(peer, 'generated/v1.0/index.js')).href);
  const client = createClient({ baseUrl: origin, token: 'x' });
  return { get: () => client.me.messages.get({ select: ['subject'], top: 10 }), send: () => client.me.sendMail.post(mail) };
}
