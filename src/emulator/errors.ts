// Graph's error shape and the codes each workload really uses. Graph is several services behind one
// gateway, and each keeps its own error vocabulary: Outlook says `ErrorItemNotFound`, OneDrive says
// `itemNotFound`, the directory says `Request_ResourceNotFound`. Clients (and their tests) branch on these.

/** Which backend a resource belongs to; decides error codes and permission scopes. */
export type Area = 'outlook' | 'directory' | 'drive' | 'other';

export class GraphError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'GraphError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

const NOT_FOUND: Record<Area, [code: string, message: string]> = {
  outlook: ['ErrorItemNotFound', 'The specified object was not found in the store.'],
  directory: ['Request_ResourceNotFound', "Resource '{id}' does not exist or one of its queried reference-property objects are not present."],
  drive: ['itemNotFound', 'The resource could not be found.'],
  other: ['ResourceNotFound', "Resource '{id}' was not found."],
};

const BAD_BODY: Record<Area, string> = {
  outlook: 'RequestBodyRead',
  directory: 'Request_BadRequest',
  drive: 'invalidRequest',
  other: 'BadRequest',
};

export function notFound(area: Area, id = ''): GraphError {
  const [code, message] = NOT_FOUND[area];
  return new GraphError(404, code, message.replace('{id}', id));
}

/** A request body that does not fit the schema (unknown property, wrong type, missing value). */
export function badBody(area: Area, message: string): GraphError {
  return new GraphError(400, BAD_BODY[area], message);
}

export function badRequest(message: string, code = 'BadRequest'): GraphError {
  return new GraphError(400, code, message);
}

export function segmentNotFound(segment: string): GraphError {
  return new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
}

export function methodNotAllowed(method: string, what: string): GraphError {
  return new GraphError(405, 'Request_BadRequest', `The HTTP method '${method}' is not allowed for ${what}.`);
}

export function notImplemented(what: string): GraphError {
  return new GraphError(501, 'NotImplemented', `The emulator does not implement ${what} yet.`);
}

export function accessDenied(message = 'Insufficient privileges to complete the operation.'): GraphError {
  return new GraphError(403, 'Authorization_RequestDenied', message);
}

/** The `error` object Graph returns, with the `innerError` block every Graph error carries. */
export function errorBody(
  code: string, message: string, requestId: string, clientRequestId: string, date: Date,
): { error: { code: string; message: string; innerError: Record<string, string> } } {
  return {
    error: {
      code,
      message,
      innerError: {
        date: date.toISOString().replace(/\.\d{3}Z$/, ''),
        'request-id': requestId,
        'client-request-id': clientRequestId,
      },
    },
  };
}
