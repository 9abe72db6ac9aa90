// The emulator's large tenant: 1,000 users at start-up with no mail made yet; a mailbox's folders and
// mail appear on its first request (a `$batch` item counts), and the same seed gives the same mailbox
// (ids, subjects, folders) whatever order the mailboxes are touched in; another seed, another tenant.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createClient } from 'msgraph-ts/v1.0';
import { batch } from 'msgraph-ts/runtime';
import { startEmulator, tenantMailboxes, type Emulator } from 'msgraph-ts/emulator';

const TENANT = { mailboxes: 1000, messagesPerMailbox: 30 };
const start = (seed = 1): Promise<Emulator> => startEmulator({ tls: false, versions: ['v1.0'], tenant: { ...TENANT, seed } });

async function mailbox(e: Emulator, upn: string): Promise<string[]> {
  const client = createClient({ baseUrl: e.origin });
  const out: string[] = [];
  for (const folder of (await client.users.byId(upn).mailFolders.get({ select: ['id', 'displayName'], top: 50 })).value) {
    for await (const m of client.users.byId(upn).mailFolders.byId(folder.id!).messages.list({ select: ['id', 'subject'], top: 999 })) {
      out.push(`${folder.displayName}/${folder.id}/${m.id}/${m.subject}`);
    }
  }
  return out.sort();
}

test('1,000 users at start-up, mail made on first touch, the same for the same seed in any order of touching', async () => {
  const [a, b, c] = await Promise.all([start(), start(), start(2)]);
  try {
    assert.deepEqual(a.tenant.mailboxes, tenantMailboxes(TENANT));
    const users = await createClient({ baseUrl: a.origin }).users.get({ top: 999, count: true, headers: { ConsistencyLevel: 'eventual' } });
    assert.ok((users['@odata.count'] ?? 0) >= 1000, 'every user is there from the start');
    const before = a.store.size.entities;
    assert.ok(before < 2000, `no mail made at start-up (${before} entities)`);

    const [first, last] = [tenantMailboxes(TENANT)[0]!, tenantMailboxes(TENANT)[999]!];
    const aFirst = await mailbox(a, first);
    const bLast = await mailbox(b, last); // b touches the mailboxes the other way round
    const bFirst = await mailbox(b, first);
    assert.equal(aFirst.length, 30);
    assert.ok(a.store.size.entities - before < 50, 'one mailbox made, not all');
    assert.deepEqual(bFirst, aFirst, 'same seed, same mailbox, whichever was made first');
    assert.deepEqual(await mailbox(a, last), bLast);
    assert.notDeepEqual(await mailbox(c, first), aFirst, 'another seed, other mail');
    assert.ok(new Set(aFirst.map((l) => l.split('/')[0])).size >= 3, 'mail in several folders');

    // The first request to a mailbox may be an item of a $batch.
    const client = createClient({ baseUrl: a.origin });
    const [top] = await batch(client, (cl) => [cl.users.byId(tenantMailboxes(TENANT)[500]!).messages.get({ top: 100, select: ['id'] })]);
    assert.ok(top!.ok && (top!.value as { value: unknown[] }).value.length === 30);
  } finally {
    await Promise.all([a.stop(), b.stop(), c.stop()]);
  }
});
