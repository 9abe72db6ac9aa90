// Plain fetch: the floor. The headers a real Graph call carries (bearer token, a fresh client-request-id),
// the status checked, the page parsed, the 202's empty body drained.
import { mail, origin, run } from './harness.mjs';

const token = 'x';
const listUrl = `${origin}/v1.0/me/messages?$select=subject&$top=10`;
const sendUrl = `${origin}/v1.0/me/sendMail`;

await run('fetch', {
  async get() {
    const r = await fetch(listUrl, { headers: { Authorization: `Bearer ${token}`, 'client-request-id': crypto.randomUUID() } });
    if (r.status !== 200) throw new Error(`GET ${r.status}: ${await r.text()}`);
    return r.json();
  },
  async send() {
    const r = await fetch(sendUrl, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'client-request-id': crypto.randomUUID(), 'content-type': 'application/json' },
      body: JSON.stringify(mail),
    });
    if (r.status !== 202) throw new Error(`POST ${r.status}: ${await r.text()}`);
    await r.arrayBuffer();
  },
});
