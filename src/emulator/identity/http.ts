/**
 * Small HTTP helpers for the identity endpoints: reading form bodies and
 * answering JSON, Entra-shaped errors, redirects and tiny HTML pages.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { aadErrorBody, AadError } from './errors.js';

/** Token requests are small; anything larger is not a client we emulate. */
const MAX_FORM_BYTES = 256 * 1024;

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new AadError(400, 'invalid_request', 90014, 'The request body is too large.');
    chunks.push(chunk);
  }
  const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
  if (size > 0 && !contentType.startsWith('application/x-www-form-urlencoded')) {
    throw new AadError(400, 'invalid_request', 900144, "The request body must be 'application/x-www-form-urlencoded'.");
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export interface RequestIds {
  traceId: string;
  correlationId: string;
}

/** Echo the client's correlation id (msal sends `client-request-id`) so its logs line up. */
export function requestIds(req: IncomingMessage, url: URL): RequestIds {
  const header = req.headers['client-request-id'];
  const supplied = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('client-request-id') ?? '';
  const correlationId = /^[0-9a-f-]{36}$/i.test(supplied) ? supplied : randomUUID();
  return { traceId: randomUUID(), correlationId };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, ids?: RequestIds): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    // Token responses must never be cached by intermediaries (RFC 6749 §5.1).
    'cache-control': 'no-store, no-cache',
    pragma: 'no-cache',
    ...(ids ? { 'x-ms-request-id': ids.traceId, 'client-request-id': ids.correlationId } : {}),
  });
  res.end(payload);
}

export function sendAadError(res: ServerResponse, failure: AadError, ids: RequestIds, now: number): void {
  sendJson(res, failure.status, aadErrorBody(failure, { ...ids, now }), ids);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, 'cache-control': 'no-store', 'content-length': 0 });
  res.end();
}

export function sendHtml(res: ServerResponse, status: number, title: string, bodyHtml: string): void {
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${bodyHtml}</body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(page),
    'cache-control': 'no-store',
  });
  res.end(page);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
