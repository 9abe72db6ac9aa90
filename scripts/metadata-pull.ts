// `npm run metadata:pull [-- --from DIR] [-- --version v1.0|beta]`
//
// Copies Graph's CSDL into the ignored cache (metadata/cache/) and pins its sha256 in the committed
// metadata/lock.json. The generator only ever reads the pinned cache (generator/metadata.ts), so this is
// the one place that talks to the network, and it can be replaced by a local mirror when offline.

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import {
  API_VERSIONS,
  CACHE_DIR,
  LOCK_FILE,
  MetadataError,
  assertApiVersion,
  cacheFileName,
  lockPath,
  metadataCachePath,
  readLock,
  sha256Hex,
  shortSha,
  type LockEntry,
  type MetadataLock,
} from '../generator/metadata.js';

export const DEFAULT_BASE_URL = 'https://graph.microsoft.com';
/** The documents are a few MB; a minute is generous, and a hung connection must not hang CI forever. */
export const DEFAULT_TIMEOUT_MS = 60_000;

const MIRROR_HINT =
  'To work offline, pull from a local mirror holding v1.0.csdl.xml and beta.csdl.xml instead: ' +
  '`npm run metadata:pull -- --from <dir>` (e.g. `--from ../shared/metadata`), or set GRAPH_METADATA_MIRROR=<dir>.';

export interface PullOptions {
  /** Project root: the cache and lock live under `<root>/metadata/`. */
  root: string;
  /** Mirror directory; relative paths are taken from `root`. Recorded in the lock as given. */
  from?: string;
  /** Defaults to every version in API_VERSIONS. */
  versions?: string[];
  /** Where to download from when there is no mirror; defaults to DEFAULT_BASE_URL. */
  baseUrl?: string;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface PullResult {
  version: string;
  source: string;
  sha256: string;
  bytes: number;
  /** `new`: the lock had no entry; `changed`: it pinned other bytes; `unchanged`: same bytes as pinned. */
  status: 'new' | 'changed' | 'unchanged';
  /** The lock entry as written (for `unchanged`, the previous entry, untouched). */
  entry: LockEntry;
}

export async function pullMetadata(options: PullOptions): Promise<PullResult[]> {
  const { root, from, baseUrl = DEFAULT_BASE_URL, timeoutMs = DEFAULT_TIMEOUT_MS, log = () => {} } = options;
  const versions = [...new Set(options.versions ?? API_VERSIONS)];
  versions.forEach((version) => assertApiVersion(version));

  // Fetch everything before writing anything, so a failure part-way leaves the cache and lock as they were.
  const fetched: { version: string; source: string; bytes: Uint8Array }[] = [];
  for (const version of versions) {
    const { source, bytes } =
      from === undefined
        ? await download(version, baseUrl, timeoutMs)
        : await readMirror(version, from, root);
    assertLooksLikeCsdl(bytes, source);
    fetched.push({ version, source, bytes });
  }

  const lock = await readLock(root);
  const retrieved = new Date().toISOString();
  const results: PullResult[] = [];
  for (const { version, source, bytes } of fetched) {
    const sha256 = sha256Hex(bytes);
    const previous = lock[version];
    // Same bytes as pinned: keep the whole entry, so the lock file only changes when the metadata does.
    const status = previous === undefined ? 'new' : previous.sha256 === sha256 ? 'unchanged' : 'changed';
    const entry = status === 'unchanged' && previous ? previous : { source, retrieved, sha256, bytes: bytes.byteLength };
    lock[version] = entry;

    // The cache is always rewritten, even when unchanged: that also repairs a locally edited cache file.
    await writeAtomically(metadataCachePath(root, version), bytes);
    results.push({ version, source, sha256, bytes: bytes.byteLength, status, entry });

    const was = status === 'changed' && previous ? ` (was ${shortSha(previous.sha256)})` : '';
    log(
      `${version}: pulled ${source} -> sha256 ${shortSha(sha256)}, ${bytes.byteLength.toLocaleString('en-US')} bytes, ${status}${was}`,
    );
  }

  await writeAtomically(lockPath(root), formatLock(lock));
  return results;
}

/** Sorted version keys, 2-space indent, trailing newline: stable diffs in review. */
export function formatLock(lock: MetadataLock): string {
  const sorted = Object.fromEntries(Object.keys(lock).sort().map((key) => [key, lock[key]]));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

async function readMirror(version: string, from: string, root: string): Promise<{ source: string; bytes: Uint8Array }> {
  // Record the directory as the user wrote it (a relative path stays portable in a committed file).
  const source = `${from.replace(/[\\/]+$/, '')}/${cacheFileName(version)}`;
  try {
    return { source, bytes: await readFile(resolve(root, source)) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new MetadataError(
        `${source} not found: a metadata mirror directory must hold ${API_VERSIONS.map(cacheFileName).join(' and ')}.`,
      );
    }
    throw error;
  }
}

async function download(
  version: string,
  baseUrl: string,
  timeoutMs: number,
): Promise<{ source: string; bytes: Uint8Array }> {
  const source = `${baseUrl.replace(/\/+$/, '')}/${version}/$metadata`;
  try {
    // The signal bounds the body download too, not just the headers.
    const response = await fetch(source, {
      headers: { accept: 'application/xml' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new MetadataError(
        `Downloading ${source} failed: HTTP ${response.status} ${response.statusText}. ${MIRROR_HINT}`,
      );
    }
    return { source, bytes: new Uint8Array(await response.arrayBuffer()) };
  } catch (error) {
    if (error instanceof MetadataError) throw error;
    throw new MetadataError(`Downloading ${source} failed: ${describeFetchError(error, timeoutMs)}. ${MIRROR_HINT}`);
  }
}

/** fetch reports network failures as a bare "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND…) is in `cause`. */
function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no complete response within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const detail = cause?.code ?? cause?.message;
  const message = error instanceof Error ? error.message : String(error);
  return detail ? `${message} (${detail})` : message;
}

/** A captive portal or proxy error page can come back as a 200; never pin that as metadata. */
function assertLooksLikeCsdl(bytes: Uint8Array, source: string): void {
  const head = new TextDecoder().decode(bytes.subarray(0, 4096));
  if (!head.includes('<edmx:Edmx')) {
    throw new MetadataError(`${source} does not look like CSDL metadata (no <edmx:Edmx> element near the start).`);
  }
}

/** Temp file in the same directory + rename: readers never see a half-written cache file or lock. */
async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Turns argv and the environment into pull options. `--from` beats GRAPH_METADATA_MIRROR; without either the
 * download goes to GRAPH_METADATA_BASE_URL (default: Graph itself).
 */
export function resolveCliOptions(
  argv: string[],
  env: Record<string, string | undefined>,
  root: string,
): Omit<PullOptions, 'log'> & { help: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      version: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const mirror = values.from ?? (env.GRAPH_METADATA_MIRROR || undefined);
  return {
    root,
    help: values.help ?? false,
    ...(mirror === undefined ? {} : { from: fromProjectRoot(mirror, env.INIT_CWD, root) }),
    ...(values.version === undefined ? {} : { versions: values.version }),
    ...(env.GRAPH_METADATA_BASE_URL ? { baseUrl: env.GRAPH_METADATA_BASE_URL } : {}),
  };
}

/**
 * npm runs scripts from the project root but the user typed the path from their own directory (INIT_CWD).
 * Re-express it relative to the root only when the two differ, so the usual case is recorded exactly as given.
 */
function fromProjectRoot(dir: string, initCwd: string | undefined, root: string): string {
  if (isAbsolute(dir) || initCwd === undefined || resolve(initCwd) === resolve(root)) return dir;
  return relative(root, resolve(initCwd, dir)) || '.';
}

const USAGE = `Usage: npm run metadata:pull [-- [--from DIR] [--version v1.0|beta]]

Copies Microsoft Graph CSDL metadata into ${CACHE_DIR}/ and pins its sha256 in ${LOCK_FILE}.
  --from DIR        read DIR/v1.0.csdl.xml and DIR/beta.csdl.xml instead of downloading
                    (env GRAPH_METADATA_MIRROR=DIR does the same)
  --version V       pull only V (repeatable); default: ${API_VERSIONS.join(', ')}
Downloads https://graph.microsoft.com/{version}/$metadata unless a mirror is given
(env GRAPH_METADATA_BASE_URL overrides the base URL).`;

async function main(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  let options: ReturnType<typeof resolveCliOptions>;
  try {
    options = resolveCliOptions(process.argv.slice(2), process.env, root);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  try {
    await pullMetadata({ ...options, log: (line) => console.log(line) });
  } catch (error) {
    // Expected problems get their message only; anything else keeps its stack for debugging.
    console.error(error instanceof MetadataError ? `metadata:pull: ${error.message}` : error);
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
