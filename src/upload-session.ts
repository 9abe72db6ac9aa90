// The chunk loop shared by OneDrive and Outlook attachment upload sessions. The uploadUrl is
// pre-authenticated, so chunks go the way the client connects (its fetch, its proxy) but never carry its token. A chunk
// that fails in a way that may be transient (connection dropped, 5xx, 429, 416) is not blindly resent:
// the session is asked (GET uploadUrl) what it already has, and the upload continues from there, because
// a connection cut after the server committed a chunk would otherwise send it twice (416).
import type { ChunkReader } from './upload-source.js';

/** The fetch for uploadUrls: given a `Request`, like `ClientOptions.fetch`. */
export type UploadFetch = (input: Request) => Promise<Response>;

export type UploadErrorCode =
  /** The session is gone (expired, cancelled, or never existed): start a new upload. */
  | 'sessionExpired'
  /** A chunk kept failing after `maxChunkRetries` attempts. */
  | 'retriesExhausted'
  /** The upload service refused a chunk (a 4xx other than 404, 416, 429). */
  | 'rejected'
  /** The upload service answered something this client does not understand. */
  | 'protocol'
  /** The source became shorter than its size, or a stream was asked to rewind further than one chunk. */
  | 'sourceChanged'
  | 'sourceNotSeekable';

export class UploadError extends Error {
  override readonly name = 'UploadError';
  readonly code: UploadErrorCode;
  /** HTTP status of the last answer, when there was one. */
  readonly status: number | undefined;

  constructor(message: string, options: { code: UploadErrorCode; status?: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.status = options.status;
  }
}

export interface SessionRun {
  uploadUrl: string;
  reader: ChunkReader;
  chunkSize: number;
  fetch: UploadFetch;
  maxChunkRetries: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((sent: number, total: number) => void) | undefined;
  /**
   * Called when the session is gone right after the last chunk was sent: the answer may have been lost
   * after the server completed the upload. Returns the result if it did, undefined if it did not.
   */
  recover?: (() => Promise<unknown>) | undefined;
}

export interface SessionResult {
  status: number;
  /** The final answer's JSON (the driveItem for OneDrive; none for attachments). */
  body: unknown;
  /** The new attachment's URL (Outlook answers the last chunk with `Location` and no body). */
  location: string | null;
}

/** First retry after 250 ms, doubling, at most 8 s. */
const BACKOFF_BASE_MS = 250;
const BACKOFF_MAX_MS = 8_000;
/** A `Retry-After` longer than this is clamped: a stalled upload should fail visibly, not hang for minutes. */
const MAX_RETRY_AFTER_MS = 30_000;

/** Statuses after which the chunk is retried (after asking the session where to resume). */
const RETRYABLE = new Set([
  408, // Request Timeout
  416, // Range Not Satisfiable: our idea of the offset is stale (the server has more, or less)
  429, // Too Many Requests: honour Retry-After
  500, 502, 503, 504, // the storage service failed or timed out; the chunk may or may not be committed
]);

/** Sends `reader` chunk by chunk, resuming after transient failures; cancels the session on abort or give-up. */
export async function runSession(run: SessionRun): Promise<SessionResult> {
  const { uploadUrl, reader, chunkSize, signal } = run;
  const total = reader.size;
  let offset = 0;
  let reported = 0;
  let failures = 0;
  let lastError: unknown;
  let retryAfterMs: number | undefined;
  let resync = false;
  // Each pass either moves `offset` forward or counts a failure, so this bound is never reached normally.
  const maxPasses = (Math.ceil(total / chunkSize) + 1) * (run.maxChunkRetries + 2) + 8;

  try {
    for (let pass = 0; pass < maxPasses; pass++) {
      signal?.throwIfAborted();
      if (failures > run.maxChunkRetries) {
        throw new UploadError(
          `The upload stopped at byte ${offset} of ${total}: ${failures} attempts in a row failed without progress, the last with ${reason(lastError)}; gave up and cancelled the upload session.`,
          { code: 'retriesExhausted', cause: lastError, ...(statusOf(lastError) !== undefined ? { status: statusOf(lastError)! } : {}) });
      }
      if (failures > 0) await sleep(retryAfterMs ?? backoff(failures), signal);
      retryAfterMs = undefined;

      if (resync) {
        const state = await resume(run, offset >= total - chunkSize && offset < total);
        if (state.kind === 'done') return state.result;
        if (state.kind === 'failed') {
          failures++;
          lastError = state.error;
          continue;
        }
        // The session moved on past where the failures began: that is progress, even though the
        // answers were lost, so the count of failures in a row starts again.
        if (state.offset > offset) failures = 0;
        offset = state.offset;
        reported = report(run, offset, total, reported);
        resync = false;
      }

      const length = Math.min(chunkSize, total - offset);
      const bytes = await reader.read(offset, length);
      const answer = await putChunk(run, bytes, offset, total);
      if (answer.kind === 'failed') {
        failures++;
        lastError = answer.error;
        retryAfterMs = answer.retryAfterMs;
        resync = true;
        continue;
      }
      if (answer.kind === 'rejected') throw answer.error;
      if (answer.kind === 'gone') {
        if (offset + length === total && run.recover) {
          const recovered = await run.recover();
          if (recovered !== undefined) return { status: 200, body: recovered, location: null };
        }
        throw answer.error;
      }
      const ranges = nextRanges(answer.body);
      if (ranges === undefined) {
        if (offset + length === total) {
          report(run, total, total, reported);
          return { status: answer.status, body: answer.body, location: answer.location };
        }
        // A 2xx without nextExpectedRanges before the end: ask the session where it stands.
        failures++;
        lastError = new UploadError(`The upload service answered ${answer.status} without nextExpectedRanges before the end of the file.`, { code: 'protocol', status: answer.status });
        resync = true;
        continue;
      }
      const next = ranges;
      if (next > offset) failures = 0;
      else {
        failures++;
        lastError = new UploadError(`The upload service did not accept bytes from ${offset} (it still expects ${next}-).`, { code: 'protocol', status: answer.status });
      }
      offset = next;
      reported = report(run, offset, total, reported);
    }
    throw new UploadError(`The upload made no progress after ${maxPasses} requests.`, { code: 'protocol' });
  } catch (error) {
    if (!(error instanceof UploadError && error.code === 'sessionExpired')) await cancel(run);
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
}

type ChunkAnswer =
  | { kind: 'ok'; status: number; body: unknown; location: string | null }
  | { kind: 'failed'; error: unknown; retryAfterMs?: number | undefined }
  | { kind: 'rejected'; error: UploadError }
  | { kind: 'gone'; error: UploadError };

async function putChunk(run: SessionRun, bytes: Uint8Array, offset: number, total: number): Promise<ChunkAnswer> {
  const end = offset + bytes.byteLength - 1;
  // Content-Length is set by fetch from the body's length; setting it by hand is not allowed in fetch.
  const request = new Request(run.uploadUrl, {
    method: 'PUT',
    body: bytes as Uint8Array<ArrayBuffer>,
    headers: { 'Content-Range': `bytes ${offset}-${end}/${total}`, 'Content-Type': 'application/octet-stream' },
    ...(run.signal ? { signal: run.signal } : {}),
  });
  let response: Response;
  let text: string;
  try {
    response = await run.fetch(request);
    // Read the whole answer here: a connection cut mid-response fails this read, not a later one.
    text = await response.text();
  } catch (error) {
    if (run.signal?.aborted) throw run.signal.reason;
    return { kind: 'failed', error };
  }
  const body = parseJson(text);
  if (response.ok) return { kind: 'ok', status: response.status, body, location: response.headers.get('location') };
  const error = new UploadError(
    `PUT bytes ${offset}-${end}/${total} to the upload session failed with ${response.status}${describe(body, text)}.`,
    { code: response.status === 404 ? 'sessionExpired' : 'rejected', status: response.status });
  if (response.status === 404) return { kind: 'gone', error: expired(response.status) };
  if (RETRYABLE.has(response.status)) return { kind: 'failed', error, retryAfterMs: retryAfter(response) };
  return { kind: 'rejected', error };
}

type ResumeState =
  | { kind: 'resume'; offset: number }
  | { kind: 'done'; result: SessionResult }
  | { kind: 'failed'; error: unknown };

/** GET uploadUrl: where the session wants us to continue. */
async function resume(run: SessionRun, lastChunkWasSent: boolean): Promise<ResumeState> {
  let response: Response;
  let text: string;
  try {
    response = await run.fetch(new Request(run.uploadUrl, { method: 'GET', ...(run.signal ? { signal: run.signal } : {}) }));
    text = await response.text();
  } catch (error) {
    if (run.signal?.aborted) throw run.signal.reason;
    return { kind: 'failed', error };
  }
  if (response.status === 404) {
    // After the last chunk, a lost answer looks like this: the upload finished and closed its session.
    if (lastChunkWasSent && run.recover) {
      const recovered = await run.recover();
      if (recovered !== undefined) return { kind: 'done', result: { status: 200, body: recovered, location: null } };
    }
    throw expired(404, lastChunkWasSent);
  }
  const body = parseJson(text);
  if (!response.ok) {
    const error = new UploadError(`GET on the upload session failed with ${response.status}${describe(body, text)}.`, { code: 'rejected', status: response.status });
    if (RETRYABLE.has(response.status)) return { kind: 'failed', error };
    throw error;
  }
  const next = nextRanges(body);
  if (next === undefined) {
    throw new UploadError(`The upload session's status has no nextExpectedRanges: ${text.slice(0, 200)}`, { code: 'protocol', status: response.status });
  }
  return { kind: 'resume', offset: next };
}

/** DELETE the session so the partial upload does not linger; best effort, never with the caller's signal. */
async function cancel(run: SessionRun): Promise<void> {
  try {
    const response = await run.fetch(new Request(run.uploadUrl, { method: 'DELETE', signal: AbortSignal.timeout(10_000) }));
    await response.body?.cancel();
  } catch {
    // The session expires on its own; the caller gets the original error, which says more.
  }
}

function expired(status: number, afterLastChunk = false): UploadError {
  return new UploadError(
    afterLastChunk
      ? 'The upload session is gone after the last chunk was sent: the upload may have completed while its answer was lost. Check the target item; otherwise upload the file again.'
      : 'The upload session no longer exists (it expired or was cancelled). Sessions cannot be revived: upload the file again, which creates a new session.',
    { code: 'sessionExpired', status });
}

/** The first byte the session still expects (`["12345-"]` or `["12345-67890", …]`); undefined when absent. */
function nextRanges(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const ranges = (body as { nextExpectedRanges?: unknown }).nextExpectedRanges;
  if (!Array.isArray(ranges) || ranges.length === 0 || 'id' in body) return undefined;
  const match = /^(\d+)-/.exec(String(ranges[0]));
  if (!match) throw new UploadError(`Unexpected nextExpectedRanges: ${JSON.stringify(ranges)}.`, { code: 'protocol' });
  return Number(match[1]);
}

function report(run: SessionRun, sent: number, total: number, reported: number): number {
  // Only forward: a resume that goes back (server lost bytes) does not make progress bars jump back.
  if (sent > reported) run.onProgress?.(sent, total);
  return Math.max(sent, reported);
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describe(body: unknown, text: string): string {
  const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  if (error?.message) return `: ${error.code ? `${error.code}: ` : ''}${error.message}`;
  return text ? `: ${text.slice(0, 200)}` : '';
}

/** What went wrong, down to fetch's own cause (a TLS refusal, a reset): the part a reader can act on. */
function reason(error: unknown): string {
  const parts: string[] = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    parts.push(typeof code === 'string' && !(e instanceof UploadError) && !e.message.includes(code) ? `${code}: ${e.message}` : e.message);
  }
  return parts.length > 0 ? parts.join(' ← ') : String(error);
}

function statusOf(error: unknown): number | undefined {
  return error instanceof UploadError ? error.status : undefined;
}

function retryAfter(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined;
}

function backoff(failures: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** (failures - 1), BACKOFF_MAX_MS);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
