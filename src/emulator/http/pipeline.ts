// One Graph request from arrival to answer: pick the version, inject faults, authenticate, route, hold a
// slot of the target mailbox while it runs, turn errors into Graph's error body, stamp
// `request-id`/`client-request-id`, log it. `$batch` items come back through `handle` with their own
// request id, so they are faulted, throttled, logged and answered alike.
import { randomUUID } from 'node:crypto';
import type { Authenticate } from '../auth/caller.js';
import { EffectLog, type RequestRecord } from '../effects.js';
import { errorBody, GraphError, segmentNotFound } from '../errors.js';
import { faultError, type FaultDecision, type FaultInjector } from '../faults.js';
import { dispatch, resolveRequest } from '../handlers/dispatch.js';
import { isMetadataPath, serveMetadata } from '../handlers/metadata.js';
import { ThrottledError, type SlotHolder, type ThrottleReason } from '../limits/mailbox-limits.js';
import { appOf, targetMailbox } from '../limits/mailbox-target.js';
import type { GraphService } from '../service.js';
import { handleStorage } from '../storage.js';
import { handleBatch } from './batch.js';
import { json, type GraphResponse, type RequestContext } from './exchange.js';

/** Graph sends this on every response; some clients log it. */
const DIAGNOSTIC = JSON.stringify({ ServerInfo: { DataCenter: 'Emulator', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'emulator' } });

export interface PipelineRequest {
  method: string;
  url: URL;
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** Set for `$batch` items: the outer request's id. */
  batchId?: string;
  /** `$batch` items keep their mailbox slot here until their wave of the batch ends. */
  slots?: SlotHolder;
}

export interface PipelineOptions {
  services: Map<string, GraphService>;
  authenticate: Authenticate;
  faults: FaultInjector;
  effects: EffectLog;
  requests: RequestRecord[];
  /** Bound on the request log so a long demo does not grow without end. */
  maxLoggedRequests?: number;
}

export class GraphPipeline {
  private readonly options: PipelineOptions;

  constructor(options: PipelineOptions) {
    this.options = options;
  }

  /** The fault for a request arriving on a socket, decided before its body is read (so it can be reset). */
  decide(method: string, url: URL): FaultDecision | undefined {
    const channel = url.pathname.startsWith('/_storage/') ? 'storage' : 'graph';
    return this.options.faults.decide({ method, path: `${url.pathname}${url.search}` }, channel);
  }

  /** `decided`: the socket side already asked `decide`; `$batch` items are decided here. */
  async handle(request: PipelineRequest, decided?: { fault: FaultDecision | undefined }): Promise<GraphResponse> {
    const started = Date.now();
    const requestId = randomUUID();
    const clientRequestId = request.headers['client-request-id'] ?? requestId;
    const pathAndQuery = `${request.url.pathname}${request.url.search}`;
    const decision = decided ? decided.fault : request.batchId
      ? this.options.faults.decide({ method: request.method, path: pathAndQuery }, 'batchItem')
      : this.decide(request.method, request.url);
    // The fault's latency, taken once: inside the mailbox slot when the request holds one (so slow requests
    // overlap), otherwise before the answer, whatever the answer is.
    let delayed = false;
    const delay = async (): Promise<void> => {
      if (delayed || !decision?.delayMs) return;
      delayed = true;
      await sleep(decision.delayMs);
    };
    let fault: number | undefined;
    let throttled: ThrottleReason | undefined;
    let response: GraphResponse;
    try {
      if (decision?.status !== undefined && !decision.afterProcessing) {
        await delay();
        fault = decision.status;
        throw injected(decision.status, decision.retryAfterSeconds);
      }
      response = await this.route(request, requestId, clientRequestId, delay);
      await delay();
      if (decision?.status !== undefined) {
        fault = decision.status;
        throw injected(decision.status, decision.retryAfterSeconds);
      }
    } catch (error) {
      await delay();
      if (error instanceof ThrottledError) throttled = error.reason;
      response = errorResponse(error, requestId, clientRequestId);
    }
    response.headers = {
      ...response.headers, 'request-id': requestId, 'client-request-id': clientRequestId,
      'x-ms-ags-diagnostic': DIAGNOSTIC,
      'odata-version': '4.0',
    };
    this.log({
      requestId, method: request.method, path: pathAndQuery, status: response.status,
      ...(fault !== undefined ? { fault } : {}), ...(decision?.reset === 'midResponse' ? { reset: 'midResponse' as const } : {}),
      ...(throttled ? { throttled } : {}), sideEffects: this.options.effects.countFor(requestId),
      ...(request.batchId ? { batchId: request.batchId } : {}),
      startedAt: new Date(started).toISOString(), durationMs: Date.now() - started,
    });
    return response;
  }

  /** A request whose connection was reset while its body arrived: never processed, no status sent. */
  logReset(method: string, url: URL, started: number): void {
    this.log({
      requestId: randomUUID(), method, path: `${url.pathname}${url.search}`, status: 0, reset: 'midRequest', sideEffects: 0,
      startedAt: new Date(started).toISOString(), durationMs: Date.now() - started,
    });
  }

  private async route(request: PipelineRequest, requestId: string, clientRequestId: string, delay: () => Promise<void>): Promise<GraphResponse> {
    const pathname = request.url.pathname;
    if (pathname.startsWith('/_storage/')) {
      await delay();
      return handleStorage(this.options.services, request, (service) => this.context(service, request, requestId, clientRequestId, {
        kind: 'trusted', scopes: new Set(), roles: new Set(),
      }));
    }
    const match = /^\/([^/]+)(\/.*)?$/.exec(pathname);
    const service = match ? this.options.services.get(match[1]!) : undefined;
    if (!service) {
      throw new GraphError(400, 'BadRequest', `Invalid version: '${match?.[1] ?? ''}'. Served versions: ${[...this.options.services.keys()].join(', ')}.`);
    }
    // Graph serves its CSDL to anyone: clients fetch it before they have a token.
    if (!request.batchId && isMetadataPath(pathname.slice(match![1]!.length + 1))) {
      await delay();
      return serveMetadata(service, request.method, request.headers['accept-encoding']);
    }
    const caller = await this.options.authenticate({ method: request.method, headers: request.headers });
    const ctx = this.context(service, request, requestId, clientRequestId, caller);
    if (ctx.path === '' || ctx.path === '/') throw segmentNotFound('');
    if (/^\/\$batch\/?$/i.test(ctx.path)) {
      if (request.method !== 'POST') throw new GraphError(405, 'BadRequest', '$batch takes POST.');
      await delay();
      return handleBatch(ctx, (item) => this.handle({ ...item, batchId: requestId }));
    }
    const resolved = resolveRequest(ctx);
    const mailbox = targetMailbox(ctx, resolved);
    // Held while the request runs (a fault delay makes it run longer, which is how tests overlap requests).
    // Its body counts against the mailbox's upload volume (150 MB / 5 min): attachments, MIME, chunks.
    const slot = mailbox ? service.mailboxLimits.enter(appOf(ctx), String(mailbox.props['id']), request.body.length) : undefined;
    try {
      await delay();
      return dispatch(ctx, resolved);
    } finally {
      if (slot && request.slots) request.slots.keep(slot);
      else slot?.release();
    }
  }

  private context(
    service: GraphService, request: PipelineRequest, requestId: string, clientRequestId: string, caller: RequestContext['caller'],
  ): RequestContext {
    const effects = this.options.effects;
    const version = service.version;
    return {
      service, method: request.method.toUpperCase(),
      path: request.url.pathname.slice(version.length + 1),
      params: request.url.searchParams, headers: request.headers, body: request.body, requestId, clientRequestId,
      caller, internal: false,
      record: (effect) => effects.record({ ...effect, requestId, version } as Parameters<EffectLog['record']>[0]),
    };
  }

  private log(record: RequestRecord): void {
    const log = this.options.requests;
    log.push(record);
    const max = this.options.maxLoggedRequests ?? 10_000;
    if (log.length > max) log.splice(0, log.length - max);
  }
}

function injected(status: number, retryAfterSeconds: number | undefined): GraphError {
  const { code, message } = faultError(status);
  return new GraphError(status, code, message, retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {});
}

/** GraphError, an identity error (`{ status, code, wwwAuthenticate }`), or a bug (500). */
export function errorResponse(error: unknown, requestId: string, clientRequestId: string): GraphResponse {
  const now = new Date();
  if (error instanceof GraphError) {
    return json(error.status, errorBody(error.code, error.message, requestId, clientRequestId, now), error.headers);
  }
  const e = error as { status?: unknown; code?: unknown; message?: unknown; wwwAuthenticate?: unknown } | null;
  if (e && typeof e.status === 'number' && typeof e.code === 'string') {
    const headers: Record<string, string> = typeof e.wwwAuthenticate === 'string' ? { 'www-authenticate': e.wwwAuthenticate } : {};
    return json(e.status, errorBody(e.code, String(e.message ?? e.code), requestId, clientRequestId, now), headers);
  }
  const message = error instanceof Error ? error.message : String(error);
  return json(500, errorBody('generalException', `The emulator failed: ${message}`, requestId, clientRequestId, now));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
