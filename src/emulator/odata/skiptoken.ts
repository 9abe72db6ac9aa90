// Opaque paging and delta tokens. A `$skiptoken` carries the whole query of the first request, so the
// absolute `@odata.nextLink` is followed as is (Graph's rule: never re-add query options to it).
import { badRequest } from '../errors.js';

export interface PageState {
  /** The resource path the token belongs to, checked on use. */
  path: string;
  /** The original query string, minus paging tokens. */
  query: string;
  offset: number;
  /** For delta rounds: the store sequence number the round started at. */
  since?: number;
  /** For delta rounds: the sequence number this round's changes go up to. */
  until?: number;
}

export function encodeToken(state: PageState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

export function decodeToken(token: string, path: string, what = 'skip token'): PageState {
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badRequest(`The ${what} is invalid or has expired.`);
  }
  const s = state as Partial<PageState> | null;
  if (!s || typeof s.path !== 'string' || typeof s.query !== 'string' || typeof s.offset !== 'number' ||
    s.path.toLowerCase() !== path.toLowerCase()) {
    throw badRequest(`The ${what} is invalid or does not belong to this resource.`);
  }
  return s as PageState;
}
