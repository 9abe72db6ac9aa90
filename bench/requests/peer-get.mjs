// The list-messages GET of one peer, for the tools that compare plain fetch with msgraph-ts builds
// (steady.mjs, instructions.mjs): `fetch`, or the msgraph-ts build in a package directory (as MSGRAPH_TS).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A function that sends GET /v1.0/me/messages?$select=subject&$top=10 to `origin` and resolves to the page. */
export async function peerGet(peer, origin) {
  if (peer === 'fetch') {
    return async () => (await fetch(`${origin}/v1.0/me/messages?$select=subject&$top=10`, { headers: { Authorization: 'Bearer x', 'client-request-id': crypto.randomUUID() } })).json();
  }
  const { createClient } = await import(pathToFileURL(join(peer, 'generated/v1.0/index.js')).href);
  const client = createClient({ baseUrl: origin, token: 'x' });
  return () => client.me.messages.get({ select: ['subject'], top: 10 });
}
