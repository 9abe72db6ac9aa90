// One $batch of reads, then a file uploaded to OneDrive and downloaded again, against the offline emulator.
//   node --import tsx examples/batch-and-files.ts     (in a clone, after `npm run setup`)
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from 'msgraph-ts/emulator';
import { batch, GraphError } from 'msgraph-ts/runtime';
import { downloadTo } from 'msgraph-ts/download';
import { uploadFile } from 'msgraph-ts/upload';
import { createClient } from 'msgraph-ts/v1.0';

const emulator = await startEmulator({ versions: ['v1.0'] });
const dir = await mkdtemp(join(tmpdir(), 'msgraph-ts-example-'));
try {
  const client = createClient({ baseUrl: emulator.origin, fetch: emulator.fetch, token: () => 'offline' });

  // Sent as one request; each result is typed on its own, and a failure is reported, not thrown.
  const [me, unread, nobody] = await batch(client, (c) => [
    c.me.get({ select: ['displayName'] }),
    c.me.messages.$count.get({ filter: 'isRead eq false' }),
    c.users.byId('nobody@contoso.com').get(),
  ]);
  if (me.ok) console.log(`me: ${me.value.displayName}`);
  if (unread.ok) console.log(`unread: ${unread.value}`);
  if (!nobody.ok && nobody.error instanceof GraphError) console.log(`nobody@: ${nobody.error.status} ${nobody.error.code}`);

  const bytes = new TextEncoder().encode('quarterly figures\n'.repeat(1000));
  const file = client.me.drive.root.byPath('Reports/q3.txt');
  await uploadFile(file, bytes);
  await downloadTo(file.content, join(dir, 'q3.txt'));
  const copy = await readFile(join(dir, 'q3.txt'));
  console.log(`uploaded ${bytes.byteLength} bytes, downloaded ${copy.byteLength}`);
} finally {
  await rm(dir, { recursive: true, force: true });
  await emulator.stop();
}
