// openapi-fetch's middleware, run around a builder call the way openapi-fetch runs it around its own
// requests, so that one middleware serves the fluent client and the raw client alike: `onRequest` in
// order (a Response returned ends the chain and is the answer), then the request, then `onError` (when
// it threw) and `onResponse` in reverse order. Builder calls do not go through openapi-fetch itself: the
// Request it builds for every call is more than a client within 10 % of plain fetch can spend
// (bench/README.md), so a Request exists only when a caller's middleware needs one to look at.
import type { Middleware, MiddlewareCallbackParams } from 'openapi-fetch';

/**
 * Runs `middleware` around one call. `id` is the call's `client-request-id` (openapi-fetch's own calls
 * get a random id); `schemaPath` is the URL's path and `options` is empty: builder calls have neither
 * an OpenAPI path template nor openapi-fetch options.
 */
export async function aroundCall(middleware: readonly Middleware[], request: Request, id: string, send: (request: Request) => Promise<Response>): Promise<Response> {
  const context = { schemaPath: new URL(request.url).pathname, params: {}, id, options: {} } as unknown as Omit<MiddlewareCallbackParams, 'request'>;
  for (const m of middleware) {
    const result = await m.onRequest?.({ ...context, request });
    if (result instanceof Response) return result;
    if (result instanceof Request) request = result;
    else if (result) throw misuse('onRequest');
  }
  let response: Response | undefined;
  try {
    response = await send(request);
  } catch (error) {
    let failure: unknown = error;
    for (let i = middleware.length - 1; i >= 0 && !response; i--) {
      const result = await middleware[i]!.onError?.({ ...context, request, error: failure });
      if (result instanceof Response) response = result;
      else if (result instanceof Error) failure = result;
      else if (result) throw misuse('onError');
    }
    if (!response) throw failure;
  }
  for (let i = middleware.length - 1; i >= 0; i--) {
    const result: Response | void | undefined = await middleware[i]!.onResponse?.({ ...context, request, response });
    if (result instanceof Response) response = result;
    else if (result) throw misuse('onResponse');
  }
  return response;
}

function misuse(hook: string): TypeError {
  return new TypeError(`A middleware's ${hook}() returned what openapi-fetch's Middleware type does not allow.`);
}
