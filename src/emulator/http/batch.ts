// JSON `$batch`: at most 20 requests, relative URLs without the version, `dependsOn` ordering with
// 424 Failed Dependency for dependents of a failed request, and a status, headers and body per item.
// No atomicity: items that ran stay done, as on Graph. Items run in waves: every item whose dependencies
// are done runs in the same wave, side by side as on Graph, so a wave's items hold their mailbox slots
// together and those beyond a mailbox's concurrency limit are answered 429 inside the batch.
import { errorBody, GraphError } from '../errors.js';
import { readJson } from '../handlers/body.js';
import { SlotHolder } from '../limits/mailbox-limits.js';
import { json, type GraphResponse, type RequestContext } from './exchange.js';
import type { PipelineRequest } from './pipeline.js';

/** Graph's limit on requests in one batch. */
export const MAX_BATCH_REQUESTS = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  dependsOn: string[];
}

export async function handleBatch(ctx: RequestContext, run: (item: PipelineRequest) => Promise<GraphResponse>): Promise<GraphResponse> {
  const items = parseBatch(readJson(ctx, 'other'));
  const done = new Map<string, number>();
  const responses: unknown[] = [];
  const origin = `${ctx.service.endpoints.origin}/${ctx.service.version}`;
  for (const wave of waves(items)) {
    const slots = new SlotHolder();
    try {
      for (const item of wave) {
        const failed = item.dependsOn.find((d) => (done.get(d) ?? 0) >= 400);
        if (failed !== undefined) {
          done.set(item.id, 424);
          responses.push({
            id: item.id, status: 424, headers: { 'Content-Type': 'application/json' },
            body: errorBody('FailedDependency', `The request depends on request '${failed}', which failed.`, ctx.requestId, ctx.clientRequestId, new Date()),
          });
          continue;
        }
        const response = await runItem(ctx, item, origin, (request) => run({ ...request, slots }));
        done.set(item.id, response.status);
        responses.push(render(item.id, response));
      }
    } finally {
      slots.releaseAll();
    }
  }
  return json(200, { responses });
}

function parseBatch(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) throw new GraphError(400, 'BadRequest', "A $batch body is {\"requests\": [...]}.");
  if (requests.length === 0) throw new GraphError(400, 'BadRequest', 'A $batch must contain at least one request.');
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw new GraphError(400, 'BadRequest', `The number of batch requests (${requests.length}) exceeds the limit of ${MAX_BATCH_REQUESTS}.`);
  }
  const items = requests.map((r: unknown, i): BatchItem => {
    const o = (r ?? {}) as Record<string, unknown>;
    const id = o['id'];
    if (typeof id !== 'string' || id === '' || typeof o['method'] !== 'string' || typeof o['url'] !== 'string') {
      throw new GraphError(400, 'BadRequest', `Batch request ${i + 1} needs a string 'id', 'method' and 'url'.`);
    }
    const headers = (o['headers'] ?? {}) as Record<string, unknown>;
    const dependsOn = o['dependsOn'] ?? [];
    if (!Array.isArray(dependsOn) || !dependsOn.every((d) => typeof d === 'string')) {
      throw new GraphError(400, 'BadRequest', `'dependsOn' of request '${id}' must be an array of ids.`);
    }
    return {
      id, method: o['method'].toUpperCase(), url: o['url'], dependsOn: dependsOn as string[],
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)])),
      ...(o['body'] !== undefined ? { body: o['body'] } : {}),
    };
  });
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) throw new GraphError(400, 'BadRequest', `The batch request id '${item.id}' is used more than once.`);
    ids.add(item.id);
  }
  for (const item of items) {
    const unknown = item.dependsOn.find((d) => !ids.has(d));
    if (unknown !== undefined) throw new GraphError(400, 'BadRequest', `Request '${item.id}' depends on an unknown request '${unknown}'.`);
  }
  return items;
}

/** Items grouped into waves that respect `dependsOn` (in request order within a wave); a cycle is a 400. */
function waves(items: BatchItem[]): BatchItem[][] {
  const out: BatchItem[][] = [];
  const placed = new Set<string>();
  while (placed.size < items.length) {
    const wave = items.filter((i) => !placed.has(i.id) && i.dependsOn.every((d) => placed.has(d)));
    if (wave.length === 0) throw new GraphError(400, 'BadRequest', "The batch's dependsOn references form a cycle.");
    for (const item of wave) placed.add(item.id);
    out.push(wave);
  }
  return out;
}

async function runItem(ctx: RequestContext, item: BatchItem, origin: string, run: (i: PipelineRequest) => Promise<GraphResponse>): Promise<GraphResponse> {
  if (/^https?:/i.test(item.url) || /^\/?(v1\.0|beta)\//i.test(item.url)) {
    return json(400, errorBody('BadRequest', `Batch request URLs are relative and without the version: '${item.url}'.`, ctx.requestId, ctx.clientRequestId, new Date()));
  }
  let body = Buffer.alloc(0);
  if (item.body !== undefined) {
    const contentType = item.headers['content-type'];
    if (!contentType) {
      return json(400, errorBody('BadRequest', 'Content-Type header must be specified for a batch request with a body.', ctx.requestId, ctx.clientRequestId, new Date()));
    }
    body = /json/i.test(contentType) ? Buffer.from(JSON.stringify(item.body), 'utf8')
      : Buffer.from(String(item.body), typeof item.body === 'string' ? 'base64' : 'utf8');
  }
  const url = new URL(`${origin}${item.url.startsWith('/') ? '' : '/'}${item.url}`);
  // Items inherit the batch's credentials; their own headers (ConsistencyLevel, Prefer…) ride along.
  const headers: Record<string, string | undefined> = { ...item.headers };
  for (const inherited of ['authorization', 'x-emulator-user']) headers[inherited] ??= ctx.headers[inherited];
  return run({ method: item.method, url, headers, body });
}

/** Header names Graph spells other than word by word capitalised. */
const GRAPH_CASING: Record<string, string> = {
  'odata-version': 'OData-Version', etag: 'ETag', 'www-authenticate': 'WWW-Authenticate',
  'request-id': 'request-id', 'client-request-id': 'client-request-id', // Graph's own, lower case everywhere
};

/**
 * Item headers are a JSON object, so their names are case-sensitive to clients: Graph writes them as
 * `Content-Type`, `Location`, `Retry-After`, and graph-client reads `headers["Content-Type"]` to parse bodies.
 */
function graphCasing(name: string): string {
  const lower = name.toLowerCase();
  return GRAPH_CASING[lower] ?? lower.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

function render(id: string, response: GraphResponse): Record<string, unknown> {
  const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [graphCasing(k), v]));
  const out: Record<string, unknown> = { id, status: response.status, headers };
  if (response.json !== undefined) out['body'] = response.json;
  else if (response.bytes) {
    const type = response.headers['content-type'] ?? '';
    out['body'] = /^text\//i.test(type) ? response.bytes.toString('utf8') : response.bytes.toString('base64');
  }
  return out;
}
