// What an upload reads from: a file path, bytes, a Blob, or a stream of known size, all behind one
// `read(offset, length)`. Files, bytes and Blobs can be read anywhere, so a resumed upload re-reads the
// range the server asks for. A stream can be read once: it keeps only the last range it returned, which
// is all a resume ever needs (the server asks again for part of the chunk it did not commit), so memory
// stays at one chunk whatever the file size.
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { UploadError } from './upload-session.js';

/** What can be uploaded. A stream needs its `size` in the options: Graph wants the total up front. */
export type UploadSource = string | Uint8Array | Blob | Readable | ReadableStream<Uint8Array>;

export interface ChunkReader {
  readonly size: number;
  /** Exactly `length` bytes from `offset`; the result may be a view that the next `read` reuses. */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Opens `source`; `size` is required for streams and, when given for other sources, must match. */
export async function openSource(source: UploadSource, size?: number): Promise<ChunkReader> {
  let reader: ChunkReader;
  if (typeof source === 'string') reader = await fileReader(source);
  else if (source instanceof Uint8Array) reader = bytesReader(source);
  else if (source instanceof Blob) reader = blobReader(source);
  else if (isWebStream(source) || isNodeReadable(source)) {
    if (size === undefined || !Number.isSafeInteger(size) || size < 0) {
      throw new TypeError('Uploading from a stream needs its total size: pass { size } in the options (Graph wants the total before the first byte).');
    }
    return new StreamReader(isWebStream(source) ? webChunks(source) : nodeChunks(source), size);
  } else {
    throw new TypeError('An upload source is a file path, a Uint8Array/Buffer, a Blob, a Node Readable or a web ReadableStream.');
  }
  if (size !== undefined && size !== reader.size) {
    await reader.close();
    throw new TypeError(`The size option (${size}) does not match the source's size (${reader.size}).`);
  }
  return reader;
}

async function fileReader(path: string): Promise<ChunkReader> {
  const { size } = await stat(path);
  const handle: FileHandle = await open(path, 'r');
  return {
    size,
    async read(offset, length) {
      const out = Buffer.allocUnsafe(length);
      let filled = 0;
      // A read may return fewer bytes than asked; bounded because each pass reads at least one byte or stops.
      while (filled < length) {
        const { bytesRead } = await handle.read(out, filled, length - filled, offset + filled);
        if (bytesRead === 0) throw new UploadError(`The file ${path} ended at ${offset + filled} bytes, before the ${size} it had when the upload started.`, { code: 'sourceChanged' });
        filled += bytesRead;
      }
      return out;
    },
    close: () => handle.close(),
  };
}

function bytesReader(bytes: Uint8Array): ChunkReader {
  return {
    size: bytes.byteLength,
    read: async (offset, length) => bytes.subarray(offset, offset + length),
    close: async () => {},
  };
}

function blobReader(blob: Blob): ChunkReader {
  return {
    size: blob.size,
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
    close: async () => {},
  };
}

function isWebStream(source: unknown): source is ReadableStream<Uint8Array> {
  return typeof (source as ReadableStream | undefined)?.getReader === 'function';
}

function isNodeReadable(source: unknown): source is Readable {
  const s = source as Readable | undefined;
  return typeof s?.pipe === 'function' && typeof s[Symbol.asyncIterator] === 'function';
}

async function* webChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

async function* nodeChunks(stream: Readable): AsyncGenerator<Uint8Array> {
  for await (const piece of stream) yield typeof piece === 'string' ? Buffer.from(piece) : (piece as Uint8Array);
}

/** A one-pass stream that can hand out its last range again (see the file comment). */
class StreamReader implements ChunkReader {
  /** The last range returned, kept for a resend. */
  private retained = new Uint8Array(0);
  private retainedStart = 0;
  /** Bytes taken from the stream so far. */
  private position = 0;
  /** Bytes taken from the stream but not yet handed out. */
  private pending: Uint8Array | undefined;

  constructor(private readonly pieces: AsyncGenerator<Uint8Array>, readonly size: number) {}

  async read(offset: number, length: number): Promise<Uint8Array> {
    if (offset < this.retainedStart || offset > this.position) {
      throw new UploadError(
        `The server asked for bytes from ${offset}, but a stream can only resend its last chunk (bytes ${this.retainedStart}-${this.position - 1}); upload from a file, a Buffer or a Blob to resume further back.`,
        { code: 'sourceNotSeekable' });
    }
    const out = new Uint8Array(length);
    let filled = Math.min(length, this.position - offset);
    out.set(this.retained.subarray(offset - this.retainedStart, offset - this.retainedStart + filled));
    while (filled < length) {
      let piece = this.pending;
      this.pending = undefined;
      if (!piece) {
        const next = await this.pieces.next();
        if (next.done) {
          throw new UploadError(`The stream ended at ${offset + filled} bytes, but its size was given as ${this.size}.`, { code: 'sourceChanged' });
        }
        piece = next.value;
      }
      const take = Math.min(piece.byteLength, length - filled);
      out.set(piece.subarray(0, take), filled);
      if (take < piece.byteLength) this.pending = piece.subarray(take);
      filled += take;
    }
    this.retained = out;
    this.retainedStart = offset;
    this.position = Math.max(this.position, offset + length);
    return out;
  }

  async close(): Promise<void> {
    await this.pieces.return(undefined);
  }
}
