// Paging and delta rounds against the emulator: a 2,000-item collection read completely while the
// runtime keeps no item it has handed out, and delta rounds that return only what changed, resumable
// from where an interrupted round stopped.
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { after, before, test } from 'node:test';

import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator, type Emulator } from 'msgraph-ts/emulator';
import { batch, delta, LinkError } from 'msgraph-ts/runtime';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let emulator: Emulator;
let client: ReturnType<typeof createClient>;

before(async () => {
  emulator = await startEmulator({ tls: false, versions: ['v1.0'], pageSize: 100, limits: { mailboxConcurrency: 0, maxEntities: 50_000 } });
  client = createClient({ baseUrl: emulator.origin });
});
after(() => emulator.stop());

test('a 2,000-item collection is paged completely, one page at a time, keeping nothing it handed out', async () => {
  const folder = await client.me.contactFolders.post({ displayName: 'Two thousand' });
  const notes = 'x'.repeat(4_000); // 2,000 × 4 KB: kept by mistake, that would be visible
  for (let start = 0; start < 2_000; start += 200) {
    const results = await batch(client, (c) => Array.from({ length: 200 }, (_, i) => c.me.contactFolders.byId(folder.id!).contacts.post({ displayName: `Contact ${start + i}`, personalNotes: notes })));
    assert.ok(results.every((r) => r.ok));
  }
  emulator.clearLogs();
  const seen = new Set<string>();
  const early: WeakRef<object>[] = [];
  let pagesWhenFirstPageDone = 0;
  for await (const contact of client.me.contactFolders.byId(folder.id!).contacts.list({ select: ['displayName', 'personalNotes'] })) {
    seen.add(contact.displayName!);
    if (seen.size <= 100) early.push(new WeakRef(contact));
    if (seen.size === 100) pagesWhenFirstPageDone = emulator.requests.length;
  }
  assert.equal(seen.size, 2_000, 'every contact, none twice');
  assert.equal(pagesWhenFirstPageDone, 1, 'the second page is fetched only when the loop asks for it');
  assert.equal(emulator.requests.length, 20, '20 pages of 100');
  gc();
  assert.equal(early.filter((r) => r.deref() !== undefined).length, 0, 'items already handed out are not retained');
});

test('a delta round returns everything, the next one only what changed since', async () => {
  const inbox = client.me.mailFolders.byId('inbox').messages;
  const first = delta(inbox.delta(), { select: ['subject'] });
  const all: string[] = [];
  for await (const m of first) if (!('@removed' in m)) all.push(m.id!);
  assert.ok(all.length > 3);
  assert.ok(first.deltaLink, 'a finished round has its deltaLink');
  assert.equal(first.nextLink, undefined);

  const added = await client.me.mailFolders.byId('inbox').messages.post({ subject: 'New since the last round' });
  await client.me.messages.byId(all[0]!).delete();

  const second = delta(inbox.delta(), { from: first.deltaLink });
  const changes: { id: string; removed?: string; subject?: string | null }[] = [];
  for await (const m of second) changes.push('@removed' in m ? { id: m.id, removed: m['@removed'].reason } : { id: m.id!, subject: m.subject });
  assert.deepEqual(changes.sort((a, b) => a.id.localeCompare(b.id)), [
    { id: added.id!, subject: 'New since the last round' },
    { id: all[0]!, removed: 'deleted' },
  ].sort((a, b) => a.id.localeCompare(b.id)));
  assert.ok(second.deltaLink && second.deltaLink !== first.deltaLink);
});

test('a round interrupted mid-way resumes from its nextLink and skips nothing', async () => {
  const paged = await startEmulator({ tls: false, versions: ['v1.0'], pageSize: 2 });
  try {
    const c = createClient({ baseUrl: paged.origin });
    const source = () => c.me.mailFolders.byId('inbox').messages.delta();
    const everything: string[] = [];
    for await (const m of delta(source())) everything.push((m as { id: string }).id);

    const interrupted = delta(source());
    const got: string[] = [];
    for await (const m of interrupted) {
      got.push((m as { id: string }).id);
      if (got.length === 3) break; // inside the second page
    }
    assert.equal(interrupted.deltaLink, undefined);
    assert.ok(interrupted.nextLink, 'where to continue');
    const resumed = delta(source(), { from: interrupted.nextLink });
    for await (const m of resumed) got.push((m as { id: string }).id);
    assert.deepEqual([...new Set(got)].sort(), [...everything].sort(), 'every message, the stopped page possibly twice');
    assert.ok(resumed.deltaLink);
  } finally {
    await paged.stop();
  }
});

test('`from` must be a link to this client’s service: a token never follows a link elsewhere', async () => {
  await assert.rejects(async () => { for await (const _ of client.me.messages.list({ from: 'https://attacker.example/v1.0/me/messages' })) void _; },
    (e: unknown) => e instanceof LinkError && /^GET https:\/\/attacker\.example\/v1\.0\/me\/messages is not on http:\/\/127\.0\.0\.1:\d+: not followed, the token would go to another host/.test(e.message));
  await assert.rejects(async () => { for await (const _ of client.me.messages.list({ from: '/me/messages' })) void _; }, /GET \/me\/messages is not an absolute @odata\.nextLink or deltaLink URL\./);
});
