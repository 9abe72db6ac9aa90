// JSON batching (`POST /$batch`) with ordinary builder calls. Inside `batch(client, (c) => [...])` the
// builders of `c` queue their requests instead of sending them; the batch then sends them 20 at a time
// (Graph's limit), keeps `dependsOn` chains in one request, resends only the items Graph throttled, and
// settles every queued promise: an item is reported as done only when Graph answered it with a success.
import { GraphError, OutcomeUnknownError, RequestError, type GraphErrorBody, type NetworkError, type TimeoutError } from './errors.js';
import { CONTEXT, builder, type BuilderContext, type Sender } from './builder.js';
import { asOutcome, backoff, isIdempotent, mayResend, resolveRetryPolicy, retryAfterMs, type RetryPolicy } from './retry.js';
import type { SendOptions } from './transport.js';
import { sleep } from './timeout.js';

/** Graph's limit on requests in one `$batch`. */
export const MAX_BATCH_SIZE = 20;

/**
 * The outcome of one batched request: its value, or why it failed, narrowed with `instanceof`: `GraphError`
 * carries Graph's status, `OutcomeUnknownError` is a write that may have run. Once the batch's `signal`
 * aborts, items not answered yet carry the signal's reason instead, as every call of the runtime does.
 */
export type BatchResult<T> = { ok: true; value: T } | { ok: false; error: GraphError | OutcomeUnknownError | NetworkError | TimeoutError | RequestError };

export interface BatchOptions {
  /** Cancels the batch: items not answered yet reject with the signal's reason. */
  signal?: AbortSignal;
  /** Resending throttled items (and, with `retryNonIdempotent`, 503/504 items). @default the client's policy */
  retry?: Partial<RetryPolicy> | false;
}

interface Item {
  id: string;
  method: string;
  url: string;
  options: SendOptions;
  /** The item's headers, a body's Content-Type always among them. */
  headers: Record<string, string>;
  /** The body as the item carries it (itemBody). */
  body: unknown;
  dependsOn: Item[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** Set once the item's outcome is final; `ok` when that is a success. */
  settled?: boolean;
  ok?: boolean;
  /** Why the last attempt did not succeed, reported if no attempt is left. */
  lastError?: unknown;
}

interface ItemResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** 424 Failed Dependency: the item was skipped because one it depends on failed; resent with it when that is. */
const FAILED_DEPENDENCY = 424;

/**
 * Sends the requests made inside `build` as JSON batches and returns one result per promise it
 * returned, in order. Every queued promise also settles on its own (`await` it after the batch).
 *
 *   const [me, inbox] = await batch(client, (c) => [c.me.get(), c.me.messages.get({ top: 5 })]);
 *   const sent = await batch(client, (c) => { const d = c.me.messages.post(draft); return [d, c.me.sendMail.post(m, { dependsOn: [d] })]; });
 */
export async function batch<C, const P extends readonly unknown[]>(
  client: C,
  build: (client: C) => P,
  options: BatchOptions = {},
): Promise<{ -readonly [K in keyof P]: BatchResult<Awaited<P[K]>> }> {
  const ctx = (client as Record<symbol, BuilderContext | undefined>)[CONTEXT];
  if (!ctx) throw new TypeError('batch() needs a client made by createClient().');
  const queue = new BatchQueue(ctx);
  const policy = resolveRetryPolicy(options.retry, ctx.transport.policy);
  const returned = build(builder({ ...ctx, transport: queue }, []) as C);
  queue.closed = true;
  for (const p of returned) {
    if (!(p instanceof Promise)) {
      throw new TypeError('batch(): return the promises of request calls (get, post, patch, put, delete). list() and pages() page through results and cannot be batched.');
    }
  }
  await queue.run(policy, options.signal);
  const results = await Promise.allSettled(returned as readonly unknown[]);
  return results.map((r) => (r.status === 'fulfilled' ? { ok: true, value: r.value } : { ok: false, error: r.reason as Error })) as never;
}

class BatchQueue implements Sender {
  readonly items: Item[] = [];
  private readonly byPromise = new WeakMap<Promise<unknown>, Item>();
  closed = false;
  readonly policy: RetryPolicy;

  constructor(private readonly ctx: BuilderContext) {
    this.policy = ctx.transport.policy;
  }

  send(method: string, url: string, options: SendOptions): Promise<unknown> {
    if (this.closed) throw new TypeError('A batch builder was used after its batch() call: make every request inside the build function.');
    if (options.rawBody) throw new TypeError(`${method} ${url}: uploads cannot be batched (Graph batches JSON bodies); send them on their own.`);
    const dependsOn = (options.dependsOn ?? []).map((p) => {
      const item = this.byPromise.get(p as Promise<unknown>);
      if (!item) throw new TypeError('dependsOn takes promises returned by requests of the same batch (get, post, …), made before this one.');
      return item;
    });
    let resolve!: (value: unknown) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<unknown>((res, rej) => { resolve = res; reject = rej; });
    // A caller may keep only some promises: a failure of one it dropped must not crash the process.
    // The batch's results still report it.
    promise.catch(() => {});
    const headers: Record<string, string> = { ...options.headers };
    const type = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    if (options.body !== undefined && type === undefined) headers['Content-Type'] = 'application/json';
    const body = options.body === undefined ? undefined : itemBody(options.body, type ?? 'application/json', method, url);
    const item: Item = { id: String(this.items.length + 1), method, url, options, headers, body, dependsOn, resolve, reject };
    this.items.push(item);
    this.byPromise.set(promise, item);
    return promise;
  }

  async close(): Promise<void> {}

  /**
   * Sends every item, resending throttled ones, until each has a final outcome. A round of resends that
   * gets at least one more item through earns another round: Outlook runs only 4 requests of a mailbox
   * at once and throttles the rest of a batch, so a full batch legitimately needs several rounds. Only
   * `maxRetries` rounds in a row without progress (or `maxElapsedMs`) end the batch.
   */
  async run(policy: RetryPolicy, signal: AbortSignal | undefined): Promise<void> {
    const started = Date.now();
    let pending = this.items;
    let stalled = 0;
    for (let round = 0; pending.length > 0; round++) {
      let wait: number | undefined;
      for (const chunk of chunks(pending)) {
        if (signal?.aborted) break;
        const waitMs = await this.sendChunk(chunk, policy, stalled, signal);
        if (waitMs !== undefined) wait = Math.max(wait ?? 0, waitMs);
      }
      const left = pending.filter((i) => !i.settled);
      const progress = pending.some((i) => i.settled && i.ok);
      if (round > 0) stalled = progress ? 0 : stalled + 1;
      pending = left;
      if (pending.length === 0) return;
      const retryable = !signal?.aborted && stalled < policy.maxRetries && Date.now() + (wait ?? 0) - started <= policy.maxElapsedMs;
      if (!retryable) {
        for (const item of pending) fail(item, signal?.aborted ? signal.reason : item.lastError ?? new RequestError(item.method, item.url, 'was not sent.'));
        return;
      }
      await sleep(wait ?? 0, signal).catch(() => {});
    }
  }

  /** One `$batch` request; returns how long to wait before resending its throttled items, if any. */
  private async sendChunk(chunk: Item[], policy: RetryPolicy, stalled: number, signal: AbortSignal | undefined): Promise<number | undefined> {
    const base = this.ctx.baseUrl;
    const requests = chunk.map((item) => ({
      id: item.id,
      method: item.method,
      url: item.url.slice(base.length),
      ...(Object.keys(item.headers).length > 0 ? { headers: item.headers } : {}),
      ...(item.body !== undefined ? { body: item.body } : {}),
      // A dependency that succeeded in an earlier round is done; the others travel in this body.
      ...(item.dependsOn.some((d) => !d.settled) ? { dependsOn: item.dependsOn.filter((d) => !d.settled).map((d) => d.id) } : {}),
    }));
    let answer: { responses?: ItemResponse[] };
    try {
      // The envelope is a POST: the transport resends it only after a 429 (nothing ran), never after a
      // lost connection, when some items may have run.
      answer = (await this.ctx.transport.send('POST', `${base}/$batch`, { body: { requests }, ...(signal ? { signal } : {}) })) as typeof answer;
    } catch (error) {
      // A lost envelope answer: reads are sent again next round; writes may have run and say so.
      const lost = error instanceof OutcomeUnknownError;
      for (const item of chunk) {
        if (lost && isIdempotent(item.method)) item.lastError = error;
        else fail(item, lost ? new OutcomeUnknownError(item.method, item.url, error.cause) : error);
      }
      return lost ? backoff(policy, stalled) : undefined;
    }
    const byId = new Map((answer?.responses ?? []).map((r) => [String(r.id), r]));
    let wait: number | undefined;
    for (const item of chunk) {
      const r = byId.get(item.id);
      if (!r) {
        fail(item, asOutcome(item.method, item.url, new RequestError(item.method, item.url, 'got no response inside its $batch; Graph did not say whether it ran.')));
        continue;
      }
      if (r.status < 400) {
        settle(item, r);
        continue;
      }
      const headers = lowerKeys(r.headers);
      const error = new GraphError(item.method, item.url, new Response(null, { status: r.status, headers }), r.body as GraphErrorBody | undefined);
      // The rules of a single request (retry.ts), plus 424: an item skipped for its dependency did not run.
      const again = r.status === FAILED_DEPENDENCY || mayResend(r.status, policy.retryNonIdempotent || isIdempotent(item.method));
      if (!again || (r.status === FAILED_DEPENDENCY && !item.dependsOn.some((d) => !d.settled))) {
        fail(item, asOutcome(item.method, item.url, error, r.status >= 502 && r.status <= 504, r.status));
        continue;
      }
      item.lastError = error;
      const after = retryAfterMs(headers['retry-after'] ?? null, policy.maxDelayMs);
      // Graph's wait is for the app and mailbox, not this item: the client's other requests hold too.
      if (after !== undefined) this.ctx.transport.pause?.(after);
      const ms = after ?? backoff(policy, stalled);
      wait = Math.max(wait ?? 0, ms);
    }
    return wait;
  }
}

/** Splits items into `$batch` bodies of at most 20, keeping every `dependsOn` chain in one body. */
function chunks(items: Item[]): Item[][] {
  // Items whose dependency already has its outcome depend on nothing any more; the rest form groups.
  const group = new Map<Item, Item[]>();
  for (const item of items) {
    let mine = [item];
    for (const dep of item.dependsOn) {
      const theirs = group.get(dep);
      if (!theirs || theirs === mine) continue;
      theirs.push(...mine);
      for (const i of mine) group.set(i, theirs);
      mine = theirs;
    }
    group.set(item, mine);
  }
  const out: Item[][] = [];
  let current: Item[] = [];
  for (const g of new Set(items.map((i) => group.get(i)!))) {
    if (g.length > MAX_BATCH_SIZE) {
      throw new TypeError(`${g.length} requests depend on each other through dependsOn, but one $batch holds at most ${MAX_BATCH_SIZE}.`);
    }
    if (current.length + g.length > MAX_BATCH_SIZE) {
      out.push(current);
      current = [];
    }
    current.push(...g.sort((a, b) => Number(a.id) - Number(b.id)));
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * A request body as a `$batch` item carries it: JSON as JSON; anything else (a MIME message posted as
 * text/plain, bytes) base64-encoded, which Graph decodes before running the item. Sent as it is, Graph
 * would decode the text itself: base64 MIME would reach Exchange as raw MIME and be refused.
 */
function itemBody(body: unknown, type: string, method: string, url: string): unknown {
  if (/json/i.test(type)) return body;
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body)
    : body instanceof Uint8Array ? body : body instanceof ArrayBuffer ? new Uint8Array(body) : undefined;
  if (bytes === undefined) {
    throw new TypeError(`${method} ${url}: a $batch item's ${type} body must be a string or bytes (it travels base64-encoded inside the batch's JSON); send a stream or Blob outside a batch.`);
  }
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function settle(item: Item, r: ItemResponse): void {
  item.settled = true;
  item.ok = true;
  const headers = lowerKeys(r.headers);
  const type = headers['content-type'] ?? '';
  if (item.options.raw) {
    // Graph sends binary bodies base64-encoded inside a batch, text as text.
    const bytes = typeof r.body === 'string' ? (/^text\//i.test(type) ? r.body : Uint8Array.from(atob(r.body), (c) => c.charCodeAt(0))) : JSON.stringify(r.body ?? null);
    item.resolve(new Response(r.status === 204 ? null : bytes, { status: r.status, headers }));
    return;
  }
  item.resolve(r.status === 204 || r.status === 202 ? undefined : r.body);
}

function fail(item: Item, error: unknown): void {
  if (item.settled) return;
  item.settled = true;
  item.reject(error);
}

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = String(v);
  return out;
}
