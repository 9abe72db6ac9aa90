// Reading a JSON request body the way Graph reports problems with it.
import { badBody, type Area } from '../errors.js';
import type { RequestContext } from '../http/exchange.js';

export function readJson(ctx: RequestContext, area: Area, allowEmpty = false): unknown {
  const textBody = ctx.body.toString('utf8').trim();
  if (textBody === '') {
    if (allowEmpty) return {};
    throw badBody(area, 'Empty Payload. JSON content expected.');
  }
  try {
    return JSON.parse(textBody.charCodeAt(0) === 0xfeff ? textBody.slice(1) : textBody);
  } catch {
    throw badBody(area, 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
}

export function readJsonObject(ctx: RequestContext, area: Area, allowEmpty = false): Record<string, unknown> {
  const value = readJson(ctx, area, allowEmpty);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badBody(area, 'The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}
