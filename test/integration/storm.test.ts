// A seeded fault storm against the emulator, over loopback: 30 % of requests answered 429, 503 or 504
// (the 504 after the write was done), or cut (the answer lost after the server acted, or the request cut
// before it arrived). Every call's outcome is set against the emulator's truth (its store and effects):
// nothing reported done is missing, nothing reported refused was carried out, nothing happened twice, and
// every read completes. Prints the tally per outcome.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator, type Emulator } from 'msgraph-ts/emulator';
import { batch, GraphError, NetworkError, OutcomeUnknownError, RequestError, sendMailOnce } from 'msgraph-ts/runtime';

const STORM = { rate: 0.3, statuses: [429, 503, 504], resets: ['midResponse', 'midRequest'] as ('midResponse' | 'midRequest')[], retryAfterSeconds: 0 };
const RETRY = { maxRetries: 8, baseDelayMs: 2, maxDelayMs: 20 };

let emulator: Emulator;
let client: ReturnType<typeof createClient>;

before(async () => {
  emulator = await startEmulator({ tls: false, versions: ['v1.0'], pageSize: 10, limits: { mailboxConcurrency: 0, sendsPerMinute: 0, maxEntities: 100_000 } });
  client = createClient({ baseUrl: emulator.origin, retry: RETRY });
});
after(() => emulator.stop());

type Outcome = 'ok' | 'refused' | 'unknown';

/** What a call reported: done, refused (GraphError / NetworkError), or outcome unknown. Anything else fails the test. */
function outcomeOf(error: unknown): Outcome {
  if (error instanceof OutcomeUnknownError) return 'unknown';
  if (error instanceof GraphError || error instanceof NetworkError) return 'refused';
  throw error;
}
const settle = (p: Promise<unknown>): Promise<Outcome> => p.then(() => 'ok' as const, outcomeOf);

interface Tally { ok: number; refused: number; unknown: number; duplicated: number; lost: number; unknownAsRefused: number }
const tally = (): Tally => ({ ok: 0, refused: 0, unknown: 0, duplicated: 0, lost: 0, unknownAsRefused: 0 });

/** Sets each write's reported outcome against how many times it was carried out. */
function account(t: Tally, reported: Outcome, carriedOut: number): void {
  t[reported]++;
  if (carriedOut > 1) t.duplicated++;
  if (reported === 'ok' && carriedOut === 0) t.lost++;
  if (reported === 'refused' && carriedOut > 0) t.unknownAsRefused++;
}

async function namesIn(folderId: string): Promise<Map<string, { id: string; jobTitle: string | null | undefined }[]>> {
  const byName = new Map<string, { id: string; jobTitle: string | null | undefined }[]>();
  for await (const c of client.me.contactFolders.byId(folderId).contacts.list({ select: ['displayName', 'jobTitle'] })) {
    byName.set(c.displayName!, [...byName.get(c.displayName!) ?? [], { id: c.id!, jobTitle: c.jobTitle }]);
  }
  return byName;
}

test('under a 30 % storm: 0 duplicated, 0 lost, 0 unknown reported as refused, every read completed', { timeout: 240_000 }, async () => {
  const folder = await client.me.contactFolders.post({ displayName: 'Storm' });
  const contacts = client.me.contactFolders.byId(folder.id!).contacts;
  const seeded = await Promise.all(Array.from({ length: 60 }, (_, i) => contacts.post({ displayName: `seed ${i}` })));

  emulator.setFaults({ ...STORM, seed: 18 });
  const creates = tally();
  const patches = tally();
  const batched = tally();
  const reads = { completed: 0, failed: 0 };
  const createOutcomes: Outcome[] = [];
  const patchOutcomes: Outcome[] = [];
  const batchOutcomes: Outcome[] = [];

  for (let round = 0; round < 10; round++) {
    await Promise.all([
      ...Array.from({ length: 10 }, async (_, i) => { createOutcomes[round * 10 + i] = await settle(contacts.post({ displayName: `create ${round * 10 + i}` })); }),
      ...Array.from({ length: 6 }, async (_, i) => { patchOutcomes[round * 6 + i] = await settle(contacts.byId(seeded[round * 6 + i]!.id!).patch({ jobTitle: `title ${round * 6 + i}` })); }),
      (async () => {
        const results = await batch(client, (c) => Array.from({ length: 20 }, (_, i) => c.me.contactFolders.byId(folder.id!).contacts.post({ displayName: `batched ${round * 20 + i}` })));
        results.forEach((r, i) => { batchOutcomes[round * 20 + i] = r.ok ? 'ok' : outcomeOf(r.error); });
      })(),
      // Reads: one object, and a 60-item collection paged 10 at a time (every page may be cut or refused).
      ...Array.from({ length: 4 }, async () => {
        const me = await client.me.get({ select: ['displayName'] }).catch(() => undefined);
        if (me?.displayName) reads.completed++; else reads.failed++;
      }),
      (async () => {
        let n = 0;
        try {
          for await (const c of contacts.list({ select: ['displayName'], filter: "startswith(displayName,'seed')" })) if (c.displayName) n++;
          if (n === 60) reads.completed++; else reads.failed++;
        } catch {
          reads.failed++;
        }
      })(),
    ]);
  }

  emulator.setFaults(undefined);
  const truth = await namesIn(folder.id!);
  createOutcomes.forEach((o, i) => account(creates, o, truth.get(`create ${i}`)?.length ?? 0));
  batchOutcomes.forEach((o, i) => account(batched, o, truth.get(`batched ${i}`)?.length ?? 0));
  patchOutcomes.forEach((o, i) => account(patches, o, truth.get(`seed ${i}`)![0]!.jobTitle === `title ${i}` ? 1 : 0));
  const faults = emulator.requests.filter((r) => r.fault !== undefined || r.reset !== undefined).length;
  console.log(`storm: ${faults} faults in ${emulator.requests.length} requests`);
  console.table({ creates, patches, 'batch items': batched });
  console.log(`reads: ${reads.completed} completed, ${reads.failed} failed`);

  for (const [name, t] of Object.entries({ creates, patches, batched })) {
    assert.equal(t.duplicated, 0, `${name}: duplicated`);
    assert.equal(t.lost, 0, `${name}: reported done, not carried out`);
    assert.equal(t.unknownAsRefused, 0, `${name}: carried out, reported refused`);
  }
  assert.ok(creates.unknown > 0 && batched.ok > 0, 'the storm made outcomes unknown (else this test proves little)');
  assert.equal(reads.failed, 0, 'every read completed within the retry budget');
  assert.equal(reads.completed, 50);
});

test('sendMailOnce under a 30 % storm: 600 mails, each delivered exactly once', { timeout: 240_000 }, async () => {
  emulator.setFaults({ ...STORM, seed: 6 });
  const keys = Array.from({ length: 600 }, (_, i) => `storm-mail-${i}`);
  let calledAgain = 0;
  for (let start = 0; start < keys.length; start += 20) {
    await Promise.all(keys.slice(start, start + 20).map(async (key, j) => {
      const message = { subject: `once ${start + j}`, toRecipients: [{ emailAddress: { address: 'alexw@contoso.com' } }] };
      // As documented: with the same key a call can always be made again, whatever the last one said (an
      // OutcomeUnknownError, or a read that failed within its retries before anything was sent).
      for (let call = 0; ; call++) {
        try {
          return await sendMailOnce(client.me, message, { key, settleMs: 0 });
        } catch (error) {
          if (!(error instanceof RequestError) || call >= 3) throw error;
          calledAgain++;
        }
      }
    }));
  }
  emulator.setFaults(undefined);
  const sent = new Map<string, number>();
  for (const e of emulator.effects) if (e.kind === 'mailSent' && e.subject.startsWith('once ')) sent.set(e.subject, (sent.get(e.subject) ?? 0) + 1);
  const faults = emulator.requests.filter((r) => r.fault !== undefined || r.reset !== undefined).length;
  const counts = keys.map((_, i) => sent.get(`once ${i}`) ?? 0);
  console.log(`sendMailOnce: ${faults} faults; delivered once ${counts.filter((c) => c === 1).length}, twice or more ${counts.filter((c) => c > 1).length}, never ${counts.filter((c) => c === 0).length}; called again ${calledAgain}`);
  assert.deepEqual(counts.filter((c) => c !== 1), [], 'every mail delivered exactly once');
  assert.ok(faults > 300, `the storm hit (${faults} faults)`);
});
