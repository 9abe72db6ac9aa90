// Errors a caller can act on. Messages name the request (method and URL without its query, which may
// carry search terms or tokens) and never include an Authorization header or a token.

export interface GraphErrorBody {
  error?: { code?: string; message?: string; innerError?: Record<string, unknown> };
}

/** What every error of a request says: which request, by method and URL without its query. */
export class RequestError extends Error {
  override name = 'RequestError';
  // `declare`: set in the constructor, not also declared as class fields (bytes in every bundle).
  declare readonly method: string;
  declare readonly url: string;

  constructor(method: string, url: string, problem: string, options?: ErrorOptions) {
    url = redact(url);
    super(`${method} ${url} ${problem}`, options);
    this.method = method;
    this.url = url;
  }
}

/** Graph answered with an error status. */
export class GraphError extends RequestError {
  override name = 'GraphError';
  declare readonly status: number;
  declare readonly code: string;
  declare readonly requestId: string | undefined;
  declare readonly clientRequestId: string | undefined;
  declare readonly date: string | undefined;
  /** Seconds to wait, from `Retry-After`, when the service sent one. */
  declare readonly retryAfter: string | undefined;
  declare readonly innerError: Record<string, unknown> | undefined;

  /** @param note what the client did about it, when that is worth saying (e.g. why it was not retried). */
  constructor(method: string, url: string, response: Response, body: GraphErrorBody | undefined, note?: string) {
    const code = body?.error?.code ?? `HTTP${response.status}`;
    const detail = body?.error?.message ?? response.statusText;
    super(method, url, `failed with ${response.status} ${code}: ${detail}${note ? ` (${note})` : ''}`);
    this.status = response.status;
    this.code = code;
    const header = (name: string): string | undefined => response.headers.get(name) ?? undefined;
    this.requestId = header('request-id');
    this.clientRequestId = header('client-request-id');
    this.date = header('date');
    this.retryAfter = header('retry-after');
    this.innerError = body?.error?.innerError;
  }
}

/** The URL without its query string: search terms, skip tokens and pre-authenticated links stay out of logs. */
export function redact(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q)}?…`;
}

/** No response arrived within `timeoutMs` (the time to the response's headers, redirects included). */
export class TimeoutError extends RequestError {
  override name = 'TimeoutError';
  declare readonly timeoutMs: number;

  constructor(method: string, url: string, timeoutMs: number) {
    super(method, url, `timed out after ${timeoutMs} ms without a response.`);
    this.timeoutMs = timeoutMs;
  }
}

/** The request failed below HTTP (DNS, refused or reset connection, TLS, a body cut off); `cause` is what fetch threw. */
export class NetworkError extends RequestError {
  override name = 'NetworkError';

  constructor(method: string, url: string, cause: unknown) {
    const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
    super(method, url, `failed on the network: ${reason}`, { cause });
  }
}

/**
 * A write that may have been carried out although its answer was lost: the connection broke after the
 * request went out, the attempt timed out, the gateway answered 502/503/504, or a success answer was cut
 * off. Sending it again may do it twice (two mails): look first (the new item, Sent Items), or use an
 * idempotent form (`sendMailOnce`). `cause` is what was seen: a `NetworkError`, `TimeoutError` or `GraphError`.
 */
export class OutcomeUnknownError extends RequestError {
  override name = 'OutcomeUnknownError';
  /** The status that came back (502/503/504, or a success whose body was cut off), when one did. */
  declare readonly status: number | undefined;

  constructor(method: string, url: string, cause: unknown, status?: number) {
    super(method, url, `may or may not have been carried out (${status ?? (cause as Error).name}); check before sending it again.`, { cause });
    this.status = status;
  }
}

/** A link from the service that cannot be followed safely: another host (the token would go there), or one already followed (a loop). */
export class LinkError extends RequestError {
  override name = 'LinkError';
}

/** A body cut off after its headers: undici reports it as a bare `TypeError: terminated`, a `NetworkError` for us. */
export function isCutOff(error: unknown): boolean {
  return error instanceof TypeError && error.message === 'terminated';
}

/** Redirects went on longer than `maxRedirects` (a loop, or a misconfigured proxy). */
export class RedirectError extends RequestError {
  override name = 'RedirectError';

  constructor(method: string, url: string, maxRedirects: number) {
    super(method, url, `was redirected more than ${maxRedirects} times.`);
  }
}
