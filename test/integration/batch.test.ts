// batch() against the emulator's real `$batch` endpoint: chunks of 20, dependsOn, throttled items resent
// and counted exactly once, failures reported as failures. The emulator's effect log is the ground truth
// for what ran.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator, type Emulator } from 'msgraph-ts/emulator';
import { batch, GraphError, MAX_BATCH_SIZE, OutcomeUnknownError } from 'msgraph-ts/runtime';

let emulator: Emulator;
let client: ReturnType<typeof createClient>;

before(async () => {
  // Outlook's 4-requests-per-mailbox limit is off here (one test below turns it on): these tests count
  // batches, and that limit would add rounds of resends.
  emulator = await startEmulator({ tls: false, versions: ['v1.0'], limits: { mailboxConcurrency: 0 } });
  client = createClient({ baseUrl: emulator.origin, retry: { baseDelayMs: 10 } });
});
after(() => emulator.stop());
beforeEach(() => {
  emulator.setFaults(undefined);
  emulator.clearLogs();
});

const batchPosts = (): number => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1.0/$batch').length;
const created = (type: string): string[] => emulator.effects.flatMap((e) => (e.kind === 'created' && e.type === type ? [e.id] : []));

test('results come back typed and in the order the requests were made', async () => {
  const [me, inbox, count] = await batch(client, (c) => [
    c.me.get({ select: ['userPrincipalName'] }),
    c.me.mailFolders.byId('inbox').messages.get({ select: ['subject'], top: 2 }),
    c.me.messages.$count.get(),
  ]);
  assert.ok(me.ok && inbox.ok && count.ok);
  assert.equal(me.value.userPrincipalName, 'adelev@contoso.com');
  assert.equal(inbox.value.value.length, 2);
  assert.equal(typeof inbox.value.value[0]?.subject, 'string');
  assert.ok(count.value > 2);
  assert.equal(batchPosts(), 1, 'one $batch request, no request of its own per item');
});

test('45 requests go as batches of 20, 20 and 5, and every one is accounted for exactly once', async () => {
  const names = Array.from({ length: 45 }, (_, i) => `Batch contact ${i}`);
  const results = await batch(client, (c) => names.map((displayName) => c.me.contacts.post({ displayName })));
  assert.equal(results.length, 45);
  assert.deepEqual(results.map((r) => r.ok && r.value.displayName), names);
  const sizes = emulator.requests.filter((r) => r.batchId).reduce((m, r) => m.set(r.batchId!, (m.get(r.batchId!) ?? 0) + 1), new Map<string, number>());
  assert.deepEqual([...sizes.values()], [MAX_BATCH_SIZE, MAX_BATCH_SIZE, 5]);
  const ids = created('microsoft.graph.contact');
  assert.equal(ids.length, 45);
  assert.deepEqual(new Set(ids), new Set(results.map((r) => r.ok && r.value.id)));
});

test('throttled items are resent until they succeed, and none runs twice', async () => {
  emulator.setFaults({ rate: 0.4, statuses: [429], retryAfterSeconds: 0.05, seed: 7, match: (r) => r.path.includes('/contacts') });
  const results = await batch(client, (c) => Array.from({ length: 30 }, (_, i) => c.me.contacts.post({ displayName: `Throttled ${i}` })));
  assert.ok(results.every((r) => r.ok), JSON.stringify(results.filter((r) => !r.ok)));
  const throttled = emulator.requests.filter((r) => r.batchId && r.fault === 429).length;
  assert.ok(throttled > 0, 'the storm throttled some items');
  assert.ok(batchPosts() > 2, `throttled items went again in later batches (${batchPosts()} $batch requests)`);
  assert.equal(created('microsoft.graph.contact').length, 30, 'each contact created once');
});

test('an item that keeps being throttled fails with its 429 once the retries are spent', async () => {
  emulator.setFaults({ rate: 1, statuses: [429], retryAfterSeconds: 0.01, match: (r) => r.path.endsWith('/me/contacts') });
  const [ok, throttled] = await batch(client, (c) => [c.me.get(), c.me.contacts.post({ displayName: 'Never' })], { retry: { maxRetries: 2 } });
  assert.ok(ok.ok);
  assert.ok(!throttled.ok && throttled.error instanceof GraphError && throttled.error.status === 429);
  assert.equal(emulator.requests.filter((r) => r.batchId && r.path.endsWith('/me/contacts')).length, 3, 'first attempt and two retries');
  assert.equal(created('microsoft.graph.contact').length, 0);
});

test('after a 504 a POST item is reported as outcome unknown (it may have run), a GET item is retried', async () => {
  emulator.setFaults({ rate: 1, statuses: [504], limit: 2, match: (r) => r.path.endsWith('/me/contacts') || r.path.endsWith('/me/mailFolders') });
  const [post, get] = await batch(client, (c) => [c.me.contacts.post({ displayName: 'Maybe' }), c.me.mailFolders.get({ select: ['displayName'] })]);
  assert.ok(!post.ok && post.error instanceof OutcomeUnknownError && post.error.status === 504, 'never reported as a success, nor as a refusal');
  assert.ok(post.error.cause instanceof GraphError && post.error.cause.status === 504, 'the 504 is its cause');
  assert.ok(get.ok && get.value.value.length > 0);
  // The emulator answers 504 after processing, as a gateway timeout can: the contact exists, once.
  assert.equal(created('microsoft.graph.contact').length, 1);
});

test('dependsOn: a dependent of a failed request is not run and fails with 424', async () => {
  const mailsBefore = emulator.effects.filter((e) => e.kind === 'mailSent').length;
  const [missing, send] = await batch(client, (c) => {
    const update = c.me.messages.byId('no-such-message').patch({ subject: 'x' });
    return [update, c.me.sendMail.post({ message: { subject: 'Only after the update', toRecipients: [{ emailAddress: { address: 'alexw@contoso.com' } }] } }, { dependsOn: [update] })];
  });
  assert.ok(!missing.ok && missing.error instanceof GraphError && missing.error.status === 404);
  assert.ok(!send.ok && send.error instanceof GraphError && send.error.status === 424);
  assert.equal(emulator.effects.filter((e) => e.kind === 'mailSent').length, mailsBefore, 'no mail sent');
});

test('dependsOn chains stay in one $batch even when that closes the current one early', async () => {
  const results = await batch(client, (c) => {
    const out: Promise<unknown>[] = Array.from({ length: 15 }, (_, i) => c.me.contacts.post({ displayName: `Lone ${i}` }));
    let previous = c.me.contacts.post({ displayName: 'Chain 0' });
    out.push(previous);
    for (let i = 1; i < 10; i++) {
      previous = c.me.contacts.post({ displayName: `Chain ${i}` }, { dependsOn: [previous] });
      out.push(previous);
    }
    return out;
  });
  assert.ok(results.every((r) => r.ok));
  const sizes = emulator.requests.filter((r) => r.batchId).reduce((m, r) => m.set(r.batchId!, (m.get(r.batchId!) ?? 0) + 1), new Map<string, number>());
  assert.deepEqual([...sizes.values()], [15, 10], 'the 10-long chain did not fit beside 15 items, so it went next, whole');
});

test('a lost answer to the $batch request: its writes are outcome unknown and not resent, its reads are resent', async () => {
  emulator.setFaults({ rate: 1, resets: ['midResponse'], limit: 1, match: (r) => r.path === '/v1.0/$batch' });
  const [post, get] = await batch(client, (c) => [c.me.contacts.post({ displayName: 'Lost 1' }), c.me.get()], { retry: { baseDelayMs: 5 } });
  assert.ok(!post.ok && post.error instanceof OutcomeUnknownError, post.ok ? 'ok' : String(post.error));
  assert.match(post.error.message, /^POST \S+\/me\/contacts may or may not have been carried out/);
  assert.ok(get.ok && get.value.id, 'the read was sent again');
  assert.equal(batchPosts(), 2, 'a second $batch carried only the read');
  assert.equal(emulator.requests.filter((r) => r.batchId && r.method === 'POST').length, 1, 'the POST item ran once');
});

test('what cannot be batched is a TypeError before anything is sent', async () => {
  await assert.rejects(batch(client, (c) => [c.me.messages.list()] as never), /cannot be batched/);
  await assert.rejects(batch(client, (c) => [c.me.drive.root.content.upload(new Uint8Array(1))]), /uploads cannot be batched/);
  await assert.rejects(batch(client, (c) => {
    let p = c.me.get();
    const all = [p];
    for (let i = 0; i < 21; i++) all.push(p = c.me.get({ dependsOn: [p] }));
    return all;
  }), /22 requests depend on each other through dependsOn, but one \$batch holds at most 20/);
  const outside = client.me.get();
  await assert.rejects(batch(client, (c) => [c.me.get({ dependsOn: [outside] })]), /dependsOn takes promises returned by requests of the same batch/);
  await outside;
  await assert.rejects(client.me.get({ dependsOn: [Promise.resolve()] }), /GET \S+\/me has dependsOn, which works only inside batch\(\)\./);
  assert.equal(batchPosts(), 0);
});

test('a MIME message posted as text/plain inside a batch is created from it: the body travels base64-encoded, which Graph decodes', async () => {
  const mime = ['From: megan@contoso.com', 'To: adelev@contoso.com', 'Subject: Batched MIME, café', 'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', 'Hello from a batch.', ''].join('\r\n');
  const [made] = await batch(client, (c) => [c.me.messages.post(Buffer.from(mime, 'utf8').toString('base64'), { headers: { 'Content-Type': 'text/plain' } })]);
  assert.ok(made.ok, made.ok ? '' : String(made.error));
  assert.equal(made.value.subject, 'Batched MIME, café');
  assert.equal(batchPosts(), 1);
});

test('Outlook runs 4 requests of a mailbox at once: the rest of a batch is throttled and resent until all are done', async () => {
  const outlook = await startEmulator({ tls: false, versions: ['v1.0'] });
  try {
    // 24 items to one mailbox: six rounds of 4, more than maxRetries (3), so every round that got items
    // through must earn the next one.
    const results = await batch(createClient({ baseUrl: outlook.origin }), (c) => Array.from({ length: 24 }, (_, i) => c.me.contacts.post({ displayName: `Busy ${i}` })));
    assert.ok(results.every((r) => r.ok), JSON.stringify(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.message)));
    const throttled = outlook.requests.filter((r) => r.batchId && r.throttled === 'MailboxConcurrency').length;
    assert.ok(throttled >= 20, `the mailbox limit throttled items (${throttled})`);
    assert.equal(outlook.effects.filter((e) => e.kind === 'created').length, 24, 'each contact created once');
  } finally {
    await outlook.stop();
  }
});

test('a Retry-After inside a batch holds back the client’s other requests too', async () => {
  emulator.setFaults({ rate: 1, statuses: [429], retryAfterSeconds: 0.5, limit: 1, match: (r) => r.path.endsWith('/me/contacts') });
  const [throttled] = await batch(client, (c) => [c.me.contacts.post({ displayName: 'Later' })], { retry: false });
  assert.ok(!throttled.ok && throttled.error instanceof GraphError && throttled.error.status === 429);
  const started = Date.now();
  await client.me.get({ select: ['id'] });
  assert.ok(Date.now() - started >= 400, `the next request waited out Graph's 0.5 s (${Date.now() - started} ms)`);
});
