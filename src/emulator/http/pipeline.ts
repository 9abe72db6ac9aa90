// One Graph request from arrival to answer: pick the version, inject faults, authenticate, route, turn
// errors into Graph's error body, stamp `request-id`/`client-request-id`, log it. `$batch` items come
// back through `handle` with their own request id, so they are faulted, logged and answered alike.
import { randomUUID } from 'node:crypto';
import type { Authenticate } from '../auth/caller.js';
import { EffectLog, type RequestRecord } from '../effects.js';
import { errorBody, GraphError, segmentNotFound } from '../errors.js';
import { faultError, type FaultInjector } from '../faults.js';
import { dispatch, resolveRequest } from '../handlers/dispatch.js';
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

  async handle(request: PipelineRequest): Promise<GraphResponse> {
    const started = Date.now();
    const requestId = randomUUID();
    const clientRequestId = request.headers['client-request-id'] ?? requestId;
    const pathAndQuery = `${request.url.pathname}${request.url.search}`;
    let fault: number | undefined;
    let response: GraphResponse;
    try {
      const decision = request.url.pathname.startsWith('/_storage/')
        ? undefined
        : this.options.faults.decide({ method: request.method, path: pathAndQuery });
      if (decision?.delayMs) await sleep(decision.delayMs);
      if (decision?.status !== undefined && !decision.afterProcessing) {
        fault = decision.status;
        throw injected(decision.status, decision.retryAfterSeconds);
      }
      response = await this.route(request, requestId, clientRequestId);
      if (decision?.status !== undefined) {
        fault = decision.status;
        throw injected(decision.status, decision.retryAfterSeconds);
      }
    } catch (error) {
      response = errorResponse(error, requestId, clientRequestId);
    }
    response.headers = {
      ...response.headers, 'request-id': requestId, 'client-request-id': clientRequestId,
      'x-ms-ags-diagnostic': DIAGNOSTIC,
      'odata-version': '4.0',
    };
    this.log({
      requestId, method: request.method, path: pathAndQuery, status: response.status,
      ...(fault !== undefined ? { fault } : {}), sideEffects: this.options.effects.countFor(requestId),
      ...(request.batchId ? { batchId: request.batchId } : {}),
      startedAt: new Date(started).toISOString(), durationMs: Date.now() - started,
    });
    return response;
  }

  private async route(request: PipelineRequest, requestId: string, clientRequestId: string): Promise<GraphResponse> {
    const pathname = request.url.pathname;
    if (pathname.startsWith('/_storage/')) {
      return handleStorage(this.options.services, request, (service) => this.context(service, request, requestId, clientRequestId, {
        kind: 'trusted', scopes: new Set(), roles: new Set(),
      }));
    }
    const match = /^\/([^/]+)(\/.*)?$/.exec(pathname);
    const service = match ? this.options.services.get(match[1]!) : undefined;
    if (!service) {
      throw new GraphError(400, 'BadRequest', `Invalid version: '${match?.[1] ?? ''}'. Served versions: ${[...this.options.services.keys()].join(', ')}.`);
    }
    const caller = await this.options.authenticate({ method: request.method, headers: request.headers });
    const ctx = this.context(service, request, requestId, clientRequestId, caller);
    if (ctx.path === '' || ctx.path === '/') throw segmentNotFound('');
    if (/^\/\$batch\/?$/i.test(ctx.path)) {
      if (request.method !== 'POST') throw new GraphError(405, 'BadRequest', '$batch takes POST.');
      return handleBatch(ctx, (item) => this.handle({ ...item, batchId: requestId }));
    }
    return dispatch(ctx, resolveRequest(ctx));
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
