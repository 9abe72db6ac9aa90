// What drive and Outlook attachment upload sessions share: the uploadUrl is itself the credential (an
// `Authorization` header sent to it is refused, so a client that leaks its token there is caught), and
// each fragment names its place in the file with `Content-Range: bytes start-end/total`.
import { GraphError } from '../errors.js';
import type { RequestContext } from '../http/exchange.js';

export interface ContentRange {
  start: number;
  end: number;
  total: number;
  length: number;
  /** This fragment ends the file. */
  last: boolean;
}

export function refuseAuthorization(ctx: RequestContext): void {
  if (ctx.headers['authorization']) {
    throw new GraphError(401, 'unauthenticated', 'The uploadUrl is pre-authenticated: do not send an Authorization header to it.');
  }
}

/** The fragment's range, checked against the bytes actually sent; `code` is the workload's bad-request code. */
export function contentRange(ctx: RequestContext, code: string): ContentRange {
  const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec((ctx.headers['content-range'] ?? '').trim());
  if (!range) throw new GraphError(400, code, "A Content-Range header such as 'bytes 0-327679/1048576' is required.");
  const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
  const length = end - start + 1;
  if (end < start || end >= total || ctx.body.length !== length) {
    throw new GraphError(400, code, `The Content-Range 'bytes ${start}-${end}/${total}' does not match the ${ctx.body.length} bytes sent.`);
  }
  return { start, end, total, length, last: end + 1 === total };
}

/** Graph's resume status: what is still missing, and until when the session lives. */
export function sessionStatus(received: number, expires: Date): Record<string, unknown> {
  return { expirationDateTime: expires.toISOString(), nextExpectedRanges: [`${received}-`] };
}
