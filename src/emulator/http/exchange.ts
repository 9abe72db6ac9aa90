// The Graph side works on plain request/response values rather than on sockets, so that `$batch` items,
// seeding and real HTTP requests all go through the same router.
import type { Caller } from '../auth/caller.js';
import type { Effect } from '../effects.js';
import type { GraphService } from '../service.js';

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON body (serialised by the transport). */
  json?: unknown;
  /** A raw body (file content, `$count`, MIME). */
  bytes?: Buffer;
}

/** Effects are stamped with the request that caused them. */
export type EffectInput = Effect extends infer E ? (E extends Effect ? Omit<E, 'requestId' | 'version'> : never) : never;

export interface RequestContext {
  service: GraphService;
  method: string;
  /** Resource path after the version, still percent-encoded (`/me/messages`). */
  path: string;
  params: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  body: Buffer;
  requestId: string;
  clientRequestId: string;
  caller: Caller;
  /** Seeding and internal calls: no authorization, no faults, no logs, explicit ids honoured. */
  internal: boolean;
  record(effect: EffectInput): void;
}

export const JSON_CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): GraphResponse {
  return { status, headers: { 'content-type': JSON_CONTENT_TYPE, ...headers }, json: body };
}

export function noContent(headers: Record<string, string> = {}): GraphResponse {
  return { status: 204, headers };
}

export function text(status: number, body: string, contentType = 'text/plain;charset=utf-8'): GraphResponse {
  return { status, headers: { 'content-type': contentType }, bytes: Buffer.from(body, 'utf8') };
}

export function binary(status: number, bytes: Buffer, contentType: string, headers: Record<string, string> = {}): GraphResponse {
  return { status, headers: { 'content-type': contentType, ...headers }, bytes };
}
