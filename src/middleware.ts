// openapi-fetch's middleware, run around a builder call the way openapi-fetch runs it around its own
// requests, so that one middleware serves the fluent client and the raw client alike: `onRequest` in
// order (a Response returned ends the chain and is the answer), then the request, then `onError` (when
// it threw) and `onResponse` in reverse order. Builder calls do not go through openapi-fetch itself: the
// Request it builds for every call is more than a client within 10 % of plain fetch can spend
// (`npm run bench`), so a Request exists only when a caller's middleware needs one to look at. Middleware
// is given to a client made ready by `withMiddleware(...)`, so that a program without any never bundles this.
import { isStream, type Outgoing } from './retry.js';

/**
 * openapi-fetch's `Middleware`, declared here so that a program's compiler loads openapi-fetch's types only
 * when the program uses the raw client. The same shape: openapi-fetch's own middleware objects fit it.
 */
export interface Middleware {
  onRequest?(params: MiddlewareParams): void | Request | Response | undefined | Promise<Request | Response | undefined | void>;
  onResponse?(params: MiddlewareParams & { response: Response }): void | Response | undefined | Promise<Response | undefined | void>;
  onError?(params: MiddlewareParams & { error: unknown }): void | Response | Error | Promise<void | Response | Error>;
}

/** What a middleware hook is given (openapi-fetch's `MiddlewareCallbackParams`). */
export interface MiddlewareParams {
  /** The request as it will be sent; return another to replace it. */
  request: Request;
  /** The OpenAPI path template for raw calls; the URL's path for builder calls. */
  readonly schemaPath: string;
  readonly params: { query?: Record<string, unknown>; header?: Record<string, unknown>; path?: Record<string, unknown>; cookie?: Record<string, unknown> };
  /** Unique per call: the call's `client-request-id` for builder calls, openapi-fetch's random id for raw ones. */
  readonly id: string;
  /** openapi-fetch's client options for raw calls; empty for builder calls. */
  readonly options: unknown;
}

/** Middleware made ready for a client: `createClient({ middleware: withMiddleware(logging, telemetry) })`. */
export interface ClientMiddleware {
  /** The hooks, in order (the raw client hands them to openapi-fetch). */
  readonly hooks: readonly Middleware[];
  /** Runs the hooks around one builder call; `dispatch` sends what they pass on (retries happen below them). */
  run(out: Outgoing & { headers: Record<string, string> }, dispatch: (out: Outgoing) => Promise<Response>): Promise<Response>;
}

/** openapi-fetch middleware for a client's builder and raw calls, run once per call in openapi-fetch's order. */
export function withMiddleware(...hooks: Middleware[]): ClientMiddleware {
  return {
    hooks,
    run: ({ method, url, headers, body }, dispatch) => aroundCall(hooks, new Request(url, { method, headers, body, duplex: 'half' } as RequestInit),
      headers['client-request-id']!, async (r) => dispatch(await outgoing(r, !isStream(body)))),
  };
}

/** A Request as the transport sends it; `keep`: read its body into bytes, so that it can be sent again. */
export async function outgoing(request: Request, keep: boolean): Promise<Outgoing> {
  const { method, url, headers, body } = request;
  return { method, url, headers, body: body && keep ? await request.arrayBuffer() : body };
}

/**
 * Runs `middleware` around one call. `id` is the call's `client-request-id` (openapi-fetch's own calls
 * get a random id); `schemaPath` is the URL's path and `options` is empty: builder calls have neither
 * an OpenAPI path template nor openapi-fetch options.
 */
export async function aroundCall(middleware: readonly Middleware[], request: Request, id: string, send: (request: Request) => Promise<Response>): Promise<Response> {
  const context = { schemaPath: new URL(request.url).pathname, params: {}, id, options: {} };
  for (const m of middleware) {
    const result = await m.onRequest?.({ ...context, request });
    if (result instanceof Response) return result;
    if (result) request = allowed(result, Request, 'onRequest');
  }
  let response: Response | undefined;
  try {
    response = await send(request);
  } catch (error) {
    let failure: unknown = error;
    for (let i = middleware.length; !response && i--;) {
      const result = await middleware[i]!.onError?.({ ...context, request, error: failure });
      if (result instanceof Response) response = result;
      else if (result) failure = allowed(result, Error, 'onError');
    }
    if (!response) throw failure;
  }
  for (let i = middleware.length; i--;) {
    const result: Response | void | undefined = await middleware[i]!.onResponse?.({ ...context, request, response });
    if (result) response = allowed(result, Response, 'onResponse');
  }
  return response;
}

/** `value` when it is a `type`; openapi-fetch throws for anything else a hook returns, and so do we. */
function allowed<T>(value: unknown, type: abstract new (...args: never[]) => T, hook: string): T {
  if (value instanceof type) return value;
  throw new TypeError(`A middleware's ${hook}() returned what openapi-fetch's Middleware does not allow.`);
}
