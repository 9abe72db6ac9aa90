// What the workflow tests start from: an emulator (TLS, its own CA trusted through its fetch), a v1.0 client
// of it, and a temporary folder for files; made before the file's tests and gone after them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { startEmulator, type Emulator } from 'msgraph-ts/emulator';
import { createClient, type GraphClient } from 'msgraph-ts/v1.0';

export interface WorkflowWorld {
  emulator: Emulator;
  client: GraphClient;
  dir: string;
}

/** Call at a test file's top level; the fields are set once its `before` ran. */
export function useWorkflowWorld(name: string): WorkflowWorld {
  const world = {} as WorkflowWorld;
  before(async () => {
    world.emulator = await startEmulator({ versions: ['v1.0'] });
    world.client = createClient({ baseUrl: world.emulator.origin, fetch: world.emulator.fetch, token: () => 'offline' });
    world.dir = await mkdtemp(join(tmpdir(), `msgraph-ts-${name}-`));
  });
  after(async () => {
    await world.emulator?.stop();
    if (world.dir) await rm(world.dir, { recursive: true, force: true });
  });
  return world;
}
