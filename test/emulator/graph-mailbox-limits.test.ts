// Exchange's per-mailbox limits: at most 4 requests in flight per app and mailbox (the 5th is a 429
// MailboxConcurrency, also inside a $batch, whose items run side by side), and at most 30 messages sent
// per minute per mailbox (on an injectable clock). Both configurable; a 429 never has a side effect.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MailSentEffect } from '../../src/emulator/effects.js';
import { ALEX, graphError, startTestGraph, type CallResult, type TestGraph } from './helpers/graph-server.js';

/** Every matching request takes this long, so requests sent together are in flight together. */
const SLOW = { rate: 1, statuses: [], delayMs: 400 };

const createDraft = (graph: TestGraph, subject: string, user?: string): Promise<CallResult> =>
  graph.call('POST', user ? `/users/${user}/messages` : '/me/messages', { body: { subject } });

const sendMail = (graph: TestGraph, subject: string, headers: Record<string, string> = {}): Promise<CallResult> =>
  graph.call('POST', '/me/sendMail', { body: { message: { subject, toRecipients: [{ emailAddress: { address: ALEX.upn } }] } }, headers });

const sent = (graph: TestGraph): MailSentEffect[] => graph.emulator.effects.filter((e): e is MailSentEffect => e.kind === 'mailSent');
const created = (graph: TestGraph): number => graph.emulator.effects.filter((e) => e.kind === 'created').length;

test('a fifth concurrent request to one mailbox is a 429 MailboxConcurrency that did nothing; other mailboxes and non-mail requests go on', async () => {
  const graph = await startTestGraph({ faults: SLOW });
  const mine = Array.from({ length: 5 }, (_, i) => createDraft(graph, `Concurrent ${i}`));
  const others = [createDraft(graph, 'Alex concurrent', ALEX.upn), graph.get('/me?$select=id')];
  const results = await Promise.all([...mine, ...others]);
  const statuses = results.slice(0, 5).map((r) => r.status).sort();
  assert.deepEqual(statuses, [201, 201, 201, 201, 429]);
  assert.deepEqual(results.slice(5).map((r) => r.status), [201, 200], 'another mailbox and a directory request are not counted');
  const throttled = results.find((r) => r.status === 429)!;
  assert.equal(graphError(throttled).code, 'ApplicationThrottled');
  assert.match(graphError(throttled).message, /MailboxConcurrency/);
  assert.equal(throttled.headers.get('retry-after'), '1');
  assert.equal(created(graph), 5, 'four drafts for Adele and one for Alex, nothing for the throttled request');
  const logged = graph.emulator.requests.find((r) => r.status === 429)!;
  assert.deepEqual([logged.throttled, logged.sideEffects], ['MailboxConcurrency', 0]);
  assert.equal((await createDraft(graph, 'After the rush')).status, 201, 'slots free up when requests finish');
});

test('limits.mailboxConcurrency sets the limit, and 0 or Infinity turns it off', async () => {
  const two = await startTestGraph({ faults: SLOW, limits: { mailboxConcurrency: 2 } });
  const limited = await Promise.all(Array.from({ length: 3 }, () => two.get('/me/mailFolders/inbox/messages?$top=1')));
  assert.deepEqual(limited.map((r) => r.status).sort(), [200, 200, 429]);
  for (const off of [0, Infinity]) {
    const free = await startTestGraph({ faults: SLOW, limits: { mailboxConcurrency: off } });
    const all = await Promise.all(Array.from({ length: 6 }, () => free.get('/me/mailFolders/inbox/messages?$top=1')));
    assert.deepEqual(all.map((r) => r.status), [200, 200, 200, 200, 200, 200], `mailboxConcurrency: ${off}`);
  }
});

test('$batch items aimed at one mailbox run four at a time; the rest are 429 inside the batch and do nothing', async () => {
  const graph = await startTestGraph();
  const folder = (id: string) => ({ id, method: 'GET', url: '/me/mailFolders/inbox/messages?$top=1' });
  const r = await graph.call('POST', '/$batch', {
    body: {
      requests: [
        folder('1'), folder('2'), folder('3'), folder('4'),
        { id: '5', method: 'POST', url: '/me/messages', headers: { 'content-type': 'application/json' }, body: { subject: 'Fifth in the wave' } },
        { id: '6', method: 'GET', url: '/me?$select=id' },
        { id: '7', method: 'GET', url: `/users/${ALEX.upn}/messages?$top=1` },
        { id: '8', method: 'POST', url: '/me/messages', headers: { 'content-type': 'application/json' }, body: { subject: 'Next wave' }, dependsOn: ['1'] },
      ],
    },
  });
  assert.equal(r.status, 200);
  const byId = Object.fromEntries(r.body.responses.map((x: { id: string }) => [x.id, x]));
  const statuses = Object.fromEntries(Object.entries(byId).map(([id, x]) => [id, (x as { status: number }).status]));
  assert.deepEqual(statuses, { 1: 200, 2: 200, 3: 200, 4: 200, 5: 429, 6: 200, 7: 200, 8: 201 });
  assert.equal(byId['5'].body.error.code, 'ApplicationThrottled');
  assert.equal(byId['5'].headers['Retry-After'], '1');
  const subjects = graph.emulator.effects.filter((e) => e.kind === 'created').length;
  assert.equal(subjects, 1, 'only the draft of the later wave was created');
  const logged = graph.emulator.requests.find((x) => x.batchId && x.status === 429)!;
  assert.deepEqual([logged.throttled, logged.sideEffects], ['MailboxConcurrency', 0]);
  const again = await graph.call('POST', '/$batch', { body: { requests: [folder('a'), folder('b'), folder('c'), folder('d')] } });
  assert.deepEqual(again.body.responses.map((x: { status: number }) => x.status), [200, 200, 200, 200], 'a batch frees its slots');
});

test('the 31st mail within a minute is a 429 that sends nothing; a minute later it goes out', async () => {
  let now = Date.parse('2024-05-06T09:00:00Z');
  const graph = await startTestGraph({ clock: () => new Date(now) });
  for (let i = 1; i <= 30; i++) {
    assert.equal((await sendMail(graph, `Rate ${i}`)).status, 202, `mail ${i}`);
    now += 1000;
  }
  const refused = await sendMail(graph, 'Rate 31');
  assert.equal(refused.status, 429);
  assert.equal(graphError(refused).code, 'ApplicationThrottled');
  assert.equal(refused.headers.get('retry-after'), '30', 'until the first mail of the window is a minute old');
  assert.equal(sent(graph).length, 30);
  const logged = graph.emulator.requests.at(-1)!;
  assert.deepEqual([logged.status, logged.throttled, logged.sideEffects], [429, 'MessageRate', 0]);
  const inbox = await graph.get(`/users/${ALEX.upn}/mailFolders/inbox/messages?$filter=${encodeURIComponent("subject eq 'Rate 31'")}`);
  assert.equal(inbox.body.value.length, 0, 'nothing was delivered');

  const draft = await graph.call('POST', '/me/messages', { body: { subject: 'Draft over the limit', toRecipients: [{ emailAddress: { address: ALEX.upn } }] } });
  const send = await graph.call('POST', `/me/messages/${encodeURIComponent(draft.body.id)}/send`);
  assert.equal(send.status, 429, 'sending a draft counts too');
  assert.equal((await graph.get(`/me/messages/${encodeURIComponent(draft.body.id)}`)).status, 200, 'and the draft stays');
  assert.equal((await sendMail(graph, 'From Alex', { 'x-emulator-user': ALEX.upn })).status, 202, 'the limit is per mailbox');

  now += 31_000;
  assert.equal((await sendMail(graph, 'Rate 31')).status, 202, 'the window moved on');
  assert.equal(sent(graph).filter((e) => e.from === 'adelev@contoso.com').length, 31);
});

test('limits.sendsPerMinute sets the rate, applies inside a $batch, and 0 turns it off', async () => {
  const graph = await startTestGraph({ limits: { sendsPerMinute: 3 } });
  const item = (id: string) => ({
    id, method: 'POST', url: '/me/sendMail', headers: { 'content-type': 'application/json' },
    body: { message: { subject: `Batch ${id}`, toRecipients: [{ emailAddress: { address: ALEX.upn } }] } },
  });
  const r = await graph.call('POST', '/$batch', { body: { requests: [item('1'), item('2'), item('3'), item('4')] } });
  assert.deepEqual(r.body.responses.map((x: { status: number }) => x.status), [202, 202, 202, 429]);
  assert.equal(sent(graph).length, 3);
  const free = await startTestGraph({ limits: { sendsPerMinute: 0 } });
  for (let i = 0; i < 35; i++) assert.equal((await sendMail(free, `Unlimited ${i}`)).status, 202);
});
