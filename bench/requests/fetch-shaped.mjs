// Plain fetch called the way msgraph-ts's transport calls it (src/transport.ts, src/retry.ts), with no
// library around it: the same three headers in lower case, `redirect: 'manual'`, `text()` and JSON.parse
// after a content-type check, and an empty 202's body left unread; as at the client's default, no signal
// and no timer. Its gap to `fetch` is what calling fetch that way costs; its gap to `msgraph-ts` is the
// library's own code. Not a default peer: PEERS="fetch fetch-shaped msgraph-ts" npm run bench.
import { mail, origin, run } from './harness.mjs';

const listUrl = `${origin}/v1.0/me/messages?$select=subject&$top=10`;
const sendUrl = `${origin}/v1.0/me/sendMail`;
const headers = (json) => ({
  'client-request-id': crypto.randomUUID(),
  ...(json ? { 'content-type': 'application/json' } : {}),
  sdkversion: 'msgraph-ts/0.1.0',
  authorization: 'Bearer x',
});

await run('fetch-shaped', {
  async get() {
    const r = await fetch(listUrl, { headers: headers(false), redirect: 'manual' });
    if (!r.ok) throw new Error(`GET ${r.status}: ${await r.text()}`);
    const text = await r.text();
    if (!(r.headers.get('content-type') ?? '').includes('json')) throw new Error(`GET: not JSON: ${text.slice(0, 100)}`);
    return JSON.parse(text);
  },
  async send() {
    const r = await fetch(sendUrl, { headers: headers(true), redirect: 'manual', method: 'POST', body: JSON.stringify(mail) });
    if (r.status !== 202) throw new Error(`POST ${r.status}: ${await r.text()}`);
    if (r.headers.get('content-length') !== '0') await r.arrayBuffer();
  },
});
