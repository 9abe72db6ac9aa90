// Seeded fault injection for reliability tests. The same seed and the same sequence of requests give the
// same faults. 429 and 503 are answered before the request is processed (Graph's promise: a throttled
// request did nothing, so it is safe to retry); 504 is answered after processing, which is the
// "outcome unknown" case where a blind retry duplicates the write. Connection resets cut a socket:
// `midResponse` after the request was processed (outcome unknown again), `midRequest` while its body is
// still arriving (nothing was processed, an upload chunk is not committed).
import { SeededRandom } from './random.js';

export type ResetKind = 'midResponse' | 'midRequest';

/** Where a request came from: a socket to Graph, a socket to the storage host, or an item of a `$batch`. */
export type FaultChannel = 'graph' | 'storage' | 'batchItem';

export interface FaultRequest {
  method: string;
  /** Path after the origin, with the version and the query (`/v1.0/me/messages?$top=5`, `/_storage/upload/…`). */
  path: string;
}

export interface FaultOptions {
  /** Probability in [0, 1] that a matching request is faulted. @default 0 */
  rate?: number;
  /** Statuses to pick from (uniformly, by the seed, together with `resets`). Empty and no `resets`: only
   *  delays. @default [429], or [] when `resets` is given */
  statuses?: number[];
  /**
   * Connection resets to pick from. Only requests that arrive on a socket can be reset (never a `$batch`
   * item), and storage URLs (upload sessions, downloads), which status faults leave alone, can be reset too.
   * `midResponse`: the status, the headers and part of the body are written, then the socket is destroyed
   * (a response without a body is cut before its status line). `midRequest`: the socket is destroyed
   * while the request body arrives; the request is never processed.
   */
  resets?: ResetKind[];
  /** Body bytes written before a `midResponse` reset. @default half the body */
  resetAfterBytes?: number;
  /** `Retry-After` on 429 and 503, in seconds (may be fractional). @default 1 */
  retryAfterSeconds?: number;
  /** @default 1 */
  seed?: number;
  /** Which requests may be faulted; all Graph requests when absent. */
  match?: RegExp | ((request: FaultRequest) => boolean);
  /** Extra latency for each faulted request, in milliseconds. @default 0 */
  delayMs?: number;
  /** Stop after this many faults. */
  limit?: number;
}

export interface FaultDecision {
  status?: number;
  reset?: ResetKind;
  /** For `midResponse`: how much of the body gets out. */
  resetAfterBytes?: number;
  /** The request runs first and the fault replaces its response (504: the write happened). */
  afterProcessing: boolean;
  retryAfterSeconds?: number;
  delayMs: number;
}

/** Statuses whose request is processed before the fault is returned. */
const PROCESSED_BEFORE_FAULT = new Set([504]);
/** Statuses that carry a Retry-After header. */
const RETRY_AFTER = new Set([429, 503]);

export class FaultInjector {
  private options: FaultOptions | undefined;
  private random = new SeededRandom(1);
  private injected = 0;

  constructor(options?: FaultOptions) {
    this.configure(options);
  }

  configure(options: FaultOptions | undefined): void {
    this.options = options;
    this.random = new SeededRandom(options?.seed ?? 1);
    this.injected = 0;
  }

  decide(request: FaultRequest, channel: FaultChannel = 'graph'): FaultDecision | undefined {
    const o = this.options;
    if (!o || !(o.rate ?? 0)) return undefined;
    if (o.limit !== undefined && this.injected >= o.limit) return undefined;
    const statuses = channel === 'storage' ? [] : o.statuses ?? (o.resets ? [] : [429]);
    const resets = channel === 'batchItem' ? [] : o.resets ?? [];
    // A request none of the configured kinds can hit is not a candidate, and takes no draw.
    if (channel === 'storage' && resets.length === 0) return undefined;
    if (channel === 'batchItem' && statuses.length === 0 && (o.resets?.length ?? 0) > 0) return undefined;
    if (o.match instanceof RegExp ? !o.match.test(request.path) : o.match && !o.match(request)) return undefined;
    // One draw per matching request, whether it faults or not, keeps the sequence reproducible.
    const draw = this.random.next();
    if (draw >= (o.rate ?? 0)) return undefined;
    this.injected++;
    const delayMs = o.delayMs ?? 0;
    const kinds = statuses.length + resets.length;
    if (kinds === 0) return { afterProcessing: true, delayMs };
    const pick = this.random.int(kinds);
    if (pick >= statuses.length) {
      const reset = resets[pick - statuses.length]!;
      return {
        reset, afterProcessing: reset === 'midResponse', delayMs,
        ...(o.resetAfterBytes !== undefined ? { resetAfterBytes: o.resetAfterBytes } : {}),
      };
    }
    const status = statuses[pick]!;
    return {
      status,
      afterProcessing: PROCESSED_BEFORE_FAULT.has(status),
      ...(RETRY_AFTER.has(status) ? { retryAfterSeconds: o.retryAfterSeconds ?? 1 } : {}),
      delayMs,
    };
  }
}

export function faultError(status: number): { code: string; message: string } {
  switch (status) {
    case 429:
      return { code: 'TooManyRequests', message: 'Too many requests. The request was not processed; retry after the time in Retry-After.' };
    case 503:
      return { code: 'serviceNotAvailable', message: 'The service is temporarily unavailable. Retry after the time in Retry-After.' };
    case 504:
      return { code: 'gatewayTimeout', message: 'The gateway timed out waiting for the service.' };
    default:
      return { code: 'generalException', message: `An injected fault (${status}) occurred.` };
  }
}
