// A client whose every request is charged to one mailbox and admitted by the shaping engine first. It
// wraps the client's transport (the builders' one way out), so typed builders and batch() work
// unchanged: a `$batch` envelope is admitted once for all its items, and the Retry-After that batch()
// reports for a throttled item pauses this mailbox only, not the whole client. A 429 on the envelope
// itself is Graph's app-wide limit (a mailbox's limits answer per item): the engine pauses every mailbox,
// for every process that shares it, and the envelope (which did nothing) is sent again.
import { builder, CONTEXT, type BuilderContext, type Sender } from '../builder.js';
import { GraphError, NetworkError } from '../errors.js';
import { backoff, notSent, retryAfterMs } from '../retry.js';
import { sleep } from '../timeout.js';
import type { SendOptions } from '../transport.js';
import type { Cost, ShapingEngine } from './engine.js';

/** Operations that send mail: each counts against the mailbox's 30 a minute. */
const SENDS = /\/(sendMail|send)$/i;

export function shapedClient<C>(client: C, mailbox: string, engine: ShapingEngine, slotLimit: number): C {
  const ctx = contextOf(client);
  const inner = ctx.transport;
  const sender: Sender = {
    policy: inner.policy,
    ...(inner.connect ? { connect: inner.connect } : {}),
    // The client is shared with other mailboxes: closing it is its owner's business.
    close: async () => {},
    pause: (ms) => engine.pause(mailbox, ms),
    async send(method, url, options) {
      const cost = costOf(url, options, slotLimit);
      const envelope = isBatch(url);
      for (let attempt = 0; ; attempt++) {
        const release = await engine.admit(mailbox, cost, options.signal);
        try {
          // The envelope's 429 comes back here rather than being retried below, so the engine hears of it.
          return await inner.send(method, url, envelope ? { ...options, retry: false } : options);
        } catch (error) {
          // What the transport would have resent for a POST: a 429 and a request that never left.
          const appThrottled = error instanceof GraphError && error.status === 429;
          const unsent = error instanceof NetworkError && notSent(error);
          if (!envelope || !(appThrottled || unsent) || attempt >= inner.policy.maxRetries) throw error;
          const after = appThrottled ? retryAfterMs(error.retryAfter ?? null, inner.policy.maxDelayMs) : undefined;
          if (after !== undefined) engine.pause(undefined, after);
          else await sleep(backoff(inner.policy, attempt), options.signal);
        } finally {
          release();
        }
      }
    },
  };
  return builder({ ...ctx, transport: sender }, []) as C;
}

export function contextOf(client: unknown): BuilderContext {
  const ctx = (client as Record<symbol, BuilderContext | undefined> | null)?.[CONTEXT];
  if (!ctx) throw new TypeError('Bulk operations need a client made by createClient() (of the same msgraph-ts: a copy of the runtime has its own clients).');
  return ctx;
}

interface BatchRequest {
  id: string;
  url: string;
  body?: unknown;
  dependsOn?: string[];
}

/** What a request costs; a `$batch` costs what its items do, holding slots for its widest wave. */
const isBatch = (url: string): boolean => /\/\$batch$/.test(new URL(url).pathname);

export function costOf(url: string, options: SendOptions, slotLimit: number): Cost {
  const requests = isBatch(url) ? (options.body as { requests?: BatchRequest[] } | undefined)?.requests : undefined;
  if (!requests) {
    return { slots: 1, requests: 1, sends: SENDS.test(new URL(url).pathname) ? 1 : 0, uploadBytes: bodyBytes(options.body) };
  }
  return {
    slots: Math.min(widestWave(requests), slotLimit),
    requests: requests.length,
    sends: requests.filter((r) => SENDS.test(r.url.split('?')[0]!)).length,
    uploadBytes: requests.reduce((n, r) => n + bodyBytes(r.body), 0),
  };
}

/** Graph runs every item whose dependencies are done side by side: the widest such wave is what runs at once. */
function widestWave(requests: BatchRequest[]): number {
  const level = new Map<string, number>();
  const width = new Map<number, number>();
  for (const r of requests) {
    const l = Math.max(0, ...(r.dependsOn ?? []).map((d) => (level.get(d) ?? -1) + 1));
    level.set(r.id, l);
    width.set(l, (width.get(l) ?? 0) + 1);
  }
  return Math.max(1, ...width.values());
}

function bodyBytes(body: unknown): number {
  if (body === undefined) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof Uint8Array) return body.byteLength;
  return Buffer.byteLength(JSON.stringify(body));
}
