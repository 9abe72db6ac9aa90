// Streaming downloads of `$value`/`content` to a file, a Node stream or a web stream, without holding the
// content in memory. A file is written beside its destination and renamed into place only when every
// byte arrived, so a broken download never leaves a truncated file that looks complete.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isCutOff, NetworkError } from './errors.js';
import type { Stream } from './types.js';

export interface DownloadOptions {
  signal?: AbortSignal;
  /** Called as bytes arrive with the count so far and the total when the server announced it. */
  onProgress?: (received: number, total: number | undefined) => void;
}

/**
 * Streams `source` (a `$value` or stream-property builder: `client.me.drive.items.byId(id).content`) into
 * `destination`: a file path, a Node `Writable` or a web `WritableStream`. Resolves with the byte count.
 */
export async function downloadTo(source: Pick<Stream, 'download'>, destination: string | Writable | WritableStream<Uint8Array>, options: DownloadOptions = {}): Promise<number> {
  const { signal, onProgress } = options;
  const response = await source.download(signal ? { signal } : {});
  const announced = response.headers.get('content-length');
  const total = announced === null ? undefined : Number(announced);
  if (!response.body) return 0;
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      onProgress?.(received, total);
      done(null, chunk);
    },
  });
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>, signal ? { signal } : {});
  const where = response.url || 'the download';
  try {
    if (typeof destination === 'string') {
      const partial = `${destination}.${randomBytes(6).toString('hex')}.partial`;
      try {
        await pipeline(body, counter, createWriteStream(partial, { flags: 'wx' }), signal ? { signal } : {});
        check(received, total, where);
        await rename(partial, destination);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    } else {
      const sink = destination instanceof WritableStream ? Writable.fromWeb(destination as import('node:stream/web').WritableStream) : destination;
      await pipeline(body, counter, sink, signal ? { signal } : {});
      check(received, total, where);
    }
  } catch (error) {
    if (signal?.aborted || !isCutOff(error)) throw error;
    throw new NetworkError('GET', where, error);
  }
  return received;
}

function check(received: number, total: number | undefined, where: string): void {
  if (total !== undefined && received !== total) throw new NetworkError('GET', where, new Error(`got ${received} of ${total} bytes`));
}
