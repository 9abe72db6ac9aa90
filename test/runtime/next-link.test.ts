// Links the server sends are followed with the client's token, so they are checked first: another host
// never sees the token, a relative link stays on the service, a link that comes back again stops paging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { createClient } from 'msgraph-ts/v1.0';
import { delta, LinkError } from 'msgraph-ts/runtime';
import { serve } from '../helpers/loopback-server.js';

const page = (res: ServerResponse, body: object): void => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));

test('list(), pages() and delta() refuse a nextLink to another host: LinkError, and the token never goes there', async () => {
  const foreign = await serve((_req, res) => page(res, { value: [{ id: 'stolen' }] }));
  const s = await serve((req, res) => page(res, req.url!.includes('delta')
    ? { value: [{ id: 'd1' }], '@odata.nextLink': `${foreign.origin}/v1.0/me/messages/delta?$skiptoken=x` }
    : { value: [{ id: 'a' }], '@odata.nextLink': `${foreign.origin}/v1.0/me/messages?$skiptoken=x` }));
  try {
    const client = createClient({ baseUrl: s.origin, token: 'secret-token' });
    const ids: string[] = [];
    const error = await (async () => { for await (const m of client.me.messages.list()) ids.push(m.id!); })().catch((e: unknown) => e);
    assert.ok(error instanceof LinkError, String(error));
    assert.match(error.message, new RegExp(`^GET ${foreign.origin}/v1\\.0/me/messages\\?… is not on ${s.origin}: not followed, the token would go to another host`));
    assert.deepEqual(ids, ['a'], 'the first page was handed out');
    await assert.rejects((async () => { for await (const _ of client.me.messages.pages()); })(), LinkError);
    await assert.rejects((async () => { for await (const _ of delta(client.me.messages.delta())); })(), LinkError);
    assert.equal(foreign.arrivals.length, 0, 'nothing went to the other host');
    assert.ok(s.arrivals.every((a) => a.headers.authorization === 'Bearer secret-token'));
  } finally {
    await s.close();
    await foreign.close();
  }
});

test('a relative nextLink is followed on the service; an unchanging one ends as LinkError, not a loop', async () => {
  const s = await serve((req, res) => {
    if (req.url!.includes('loop')) return page(res, { value: [{ id: 'l' }], '@odata.nextLink': `http://${req.headers.host}/v1.0/me/events?loop=1` });
    if (req.url!.includes('cycle=a')) return page(res, { value: [{ id: 'ca' }], '@odata.nextLink': `http://${req.headers.host}/v1.0/me/contacts?cycle=b` });
    if (req.url!.includes('cycle=b') || req.url!.endsWith('/contacts')) return page(res, { value: [{ id: 'cb' }], '@odata.nextLink': `/v1.0/me/contacts?cycle=a` });
    const n = Number(new URL(req.url!, 'http://x').searchParams.get('n') ?? '0');
    page(res, { value: [{ id: `m${n}` }], ...(n < 2 ? { '@odata.nextLink': `/v1.0/me/messages?n=${n + 1}` } : {}) });
  });
  try {
    const client = createClient({ baseUrl: s.origin });
    const ids: string[] = [];
    for await (const m of client.me.messages.list()) ids.push(m.id!);
    assert.deepEqual(ids, ['m0', 'm1', 'm2']);
    const before = s.arrivals.length;
    await assert.rejects((async () => { for await (const _ of client.me.events.list({ params: { loop: 1 } })); })(), (e: unknown) => e instanceof LinkError && /was followed already/.test(e.message));
    assert.equal(s.arrivals.length - before, 1, 'a link equal to the page it came from is not requested again');
    const cycle = s.arrivals.length;
    await assert.rejects((async () => { for await (const _ of client.me.contacts.list()); })(), LinkError);
    assert.ok(s.arrivals.length - cycle <= 3, `a cycle of two links stops at once (${s.arrivals.length - cycle} requests)`);
  } finally {
    await s.close();
  }
});
