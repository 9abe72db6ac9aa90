// The core of every bulk operation: one request per input, sent for one mailbox through batch() in
// `$batch`es of at most `batchSize` independent items (Graph runs a batch's items side by side, and a
// mailbox takes 4 at once: more would be throttled inside the batch), each batch admitted by the shaping
// engine. Every input gets exactly one result, in input order; nothing is resent that may have run.
import { batch } from '../batch.js';
import { OutcomeUnknownError } from '../errors.js';
import type { ShapingEngine } from './engine.js';
import { shapedClient } from './shaped-client.js';

/** What became of one input: its value, a failure (nothing was done), or an outcome nobody knows. */
export type BulkResult<T> =
  | { status: 'ok'; index: number; value: T }
  | { status: 'failed'; index: number; error: Error }
  /** The request may have run (a lost answer, a 504): look before doing it again. */
  | { status: 'unknown'; index: number; error: OutcomeUnknownError };

/** The few members of a builder that bulk work calls; every builder has them at run time. */
export interface Node {
  byId(id: string): Node;
  post(body: unknown, options?: { headers?: Record<string, string> }): Promise<unknown>;
  patch(body: unknown): Promise<unknown>;
  delete(): Promise<unknown>;
  download(): Promise<Response>;
}

/** `node.segment` for any segment name, typed as a builder. */
export const at = (node: Node, ...segments: string[]): Node =>
  segments.reduce((n, s) => (n as unknown as Record<string, Node>)[s]!, node);

export interface RunContext {
  client: unknown;
  engine: ShapingEngine;
  /** The mailbox's slot limit: the most items of a batch that may run at once. */
  slotLimit: number;
  batchSize: number;
  signal?: AbortSignal;
}

/** What a caller hears of each item as it goes: a checkpoint before a write leaves, progress after. */
export interface ItemHooks<T> {
  /** Before the batch holding these inputs (indices) is sent: a journal marks them as possibly done. */
  beforeSend?(indices: number[]): Promise<void>;
  /** As each result comes in. */
  onResult?(result: BulkResult<T>): void | Promise<void>;
}

/** Sends `request(mailboxNode, input)` for every input, shaped, and returns a result per input. */
export async function runForMailbox<I, T, L = I>(
  ctx: RunContext, mailbox: string, inputs: readonly I[], request: (mailbox: Node, input: L) => Promise<T>,
  /** Reads what a request needs (a file) just before its batch, since requests are made synchronously. */
  load?: (input: I) => Promise<L>,
  hooks: ItemHooks<T> = {},
): Promise<BulkResult<T>[]> {
  const client = shapedClient(ctx.client, mailbox, ctx.engine, ctx.slotLimit);
  const results: BulkResult<T>[] = new Array(inputs.length);
  const chunks: number[][] = [];
  for (let i = 0; i < inputs.length; i += ctx.batchSize) chunks.push(range(i, Math.min(inputs.length, i + ctx.batchSize)));
  let next = 0;
  // Up to slotLimit batches are ready at once; the engine lets as many run as the mailbox's slots allow.
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      // An input whose load fails fails alone; the rest of its chunk goes on.
      const loaded = await Promise.allSettled(chunk.map((i) => (load ? load(inputs[i]!) : Promise.resolve(inputs[i] as unknown as L))));
      const ready = chunk.filter((index, k) => {
        const l = loaded[k]!;
        if (l.status === 'rejected') results[index] = { status: 'failed', index, error: l.reason as Error };
        return l.status === 'fulfilled';
      });
      for (const index of chunk) if (results[index]) await hooks.onResult?.(results[index]!);
      const values = loaded.flatMap((l) => (l.status === 'fulfilled' ? [l.value] : []));
      if (ready.length === 0) continue;
      let settled: { ok: boolean; value?: unknown; error?: unknown }[];
      try {
        await hooks.beforeSend?.(ready);
        settled = await batch(client, (c) => values.map((input) => request(at(c as Node, 'users').byId(mailbox), input)), ctx.signal ? { signal: ctx.signal } : {});
      } catch (error) {
        // The checkpoint could not be written, or batch() refused (a misuse): nothing of this chunk was sent.
        settled = ready.map(() => ({ ok: false, error }));
      }
      for (const [k, index] of ready.entries()) {
        const r = settled[k]!;
        results[index] = r.ok ? { status: 'ok', index, value: r.value as T }
          : r.error instanceof OutcomeUnknownError ? { status: 'unknown', index, error: r.error }
          : { status: 'failed', index, error: r.error as Error };
        await hooks.onResult?.(results[index]!);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ctx.slotLimit, chunks.length) }, worker));
  return results;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}
