// Starts the emulator over plain HTTP on 127.0.0.1 with the hand-written mini schema, and offers a small
// `fetch` wrapper. Tests talk to it with plain `fetch` over real sockets, never through the project's
// client, so a bug shared by both cannot hide.
import { after } from 'node:test';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../src/emulator/index.js';
import { miniSchema } from './mini-schema.js';

export const ADELE = { id: '8a4b2c1d-3e5f-4a6b-9c7d-1e2f3a4b5c6d', upn: 'adelev@contoso.com' };
export const ALEX = { id: '2b7e9f0a-6c1d-4e3f-8a2b-4c5d6e7f8a9b', upn: 'alexw@contoso.com' };
export const MEGAN = { id: '5c3d1e2f-9a8b-4c7d-8e6f-0a1b2c3d4e5f', upn: 'meganb@contoso.com' };
export const NESTOR = { id: '9d8c7b6a-5f4e-4d3c-a2b1-0f9e8d7c6b5a', upn: 'nestorw@contoso.com' };
export const SUPPORT = { id: 'e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7', upn: 'support@contoso.com' };
export const LIDIA = { id: '3f4e5d6c-7b8a-4961-b0c2-d3e4f5a6b7c8', upn: "lidia.o'brien_fabrikam.com#EXT#@contoso.com" };
export const SALES_GROUP = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
export const RETAIL_GROUP = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

export interface TestGraph {
  emulator: Emulator;
  /** Fetches `path` (after the version) and parses JSON when there is any. */
  call(method: string, path: string, init?: { body?: unknown; headers?: Record<string, string> }): Promise<CallResult>;
  get(path: string, headers?: Record<string, string>): Promise<CallResult>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  /** Parsed JSON (tests inspect arbitrary Graph shapes). */
  body: any;
  text: string;
}

/** One emulator per test file, stopped when the file's tests are done. */
export async function startTestGraph(options: EmulatorOptions = {}): Promise<TestGraph> {
  const emulator = await startEmulator({ tls: false, schema: miniSchema(), ...options });
  after(() => emulator.stop());
  const call = async (method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<CallResult> => {
    const headers: Record<string, string> = { ...init.headers };
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (init.body !== undefined) {
      if (typeof init.body === 'string') body = init.body;
      else if (Buffer.isBuffer(init.body)) body = Uint8Array.from(init.body);
      else {
        body = JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
    }
    const response = await fetch(`${emulator.graphUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}), redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
  return { emulator, call, get: (path, headers) => call('GET', path, headers ? { headers } : {}) };
}

/** Follows `@odata.nextLink` until it stops (bounded), returning every page's values. */
export async function allPages(graph: TestGraph, path: string, headers: Record<string, string> = {}, maxPages = 50): Promise<{ pages: number; values: unknown[] }> {
  const values: unknown[] = [];
  let url: string | undefined = `${graph.emulator.graphUrl}${path}`;
  let pages = 0;
  while (url && pages < maxPages) {
    const response = await fetch(url, { headers });
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { value: unknown[]; '@odata.nextLink'?: string };
    values.push(...body.value);
    pages++;
    url = body['@odata.nextLink'];
  }
  if (url) throw new Error(`still paging after ${maxPages} pages`);
  return { pages, values };
}

/** Checks Graph's error shape and returns the error object. */
export function graphError(result: CallResult): { code: string; message: string; innerError: Record<string, string> } {
  const error = result.body?.error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string' || typeof error.innerError !== 'object') {
    throw new Error(`not a Graph error body: ${result.text}`);
  }
  return error;
}
