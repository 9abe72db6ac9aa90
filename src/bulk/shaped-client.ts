// A client whose every request is charged to one mailbox and admitted by the shaping engine first. It
// wraps the client's transport (the builders' one way out), so typed builders and batch() work
// unchanged: a `$batch` envelope is admitted once for all its items, and the Retry-After that batch()
// reports for a throttled item pauses this mailbox only, not the whole client. A 429 on a request of its
// own is still retried by the transport, which pauses the client: the app-wide case.
import { builder, CONTEXT, type BuilderContext, type Sender } from '../builder.js';
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
      const release = await engine.admit(mailbox, costOf(url, options, slotLimit), options.signal);
      try {
        return await inner.send(method, url, options);
      } finally {
        release();
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
export function costOf(url: string, options: SendOptions, slotLimit: number): Cost {
  const requests = /\/\$batch$/.test(new URL(url).pathname) ? (options.body as { requests?: BatchRequest[] } | undefined)?.requests : undefined;
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
