// Pinned Graph metadata: the generator reads CSDL only from the local cache, and only if its bytes match
// the sha256 committed in `metadata/lock.json`. That keeps builds reproducible and offline; refreshing
// the metadata is a separate, deliberate step (`npm run metadata:pull`, see scripts/metadata-pull.ts).

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const API_VERSIONS = ['v1.0', 'beta'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

/** Paths as shown to people, relative to the project root; messages use these so they read the same on every machine. */
export const CACHE_DIR = 'metadata/cache';
export const LOCK_FILE = 'metadata/lock.json';

/** How to get the cache back; every error that a pull fixes ends with this. */
export const PULL_HINT = 'Run `npm run metadata:pull` (offline: `npm run metadata:pull -- --from ../shared/metadata`).';

export interface LockEntry {
  /** URL or mirror file the bytes came from when they were first pinned. */
  source: string;
  /** ISO date-time of that retrieval; unchanged by later pulls of identical bytes. */
  retrieved: string;
  sha256: string;
  bytes: number;
}

export type MetadataLock = Record<string, LockEntry>;

/** A metadata problem the user can fix; the message says what is wrong and what to run. */
export class MetadataError extends Error {
  override name = 'MetadataError';
}

export function isApiVersion(version: string): version is ApiVersion {
  return (API_VERSIONS as readonly string[]).includes(version);
}

/** Rejects anything but a known version, which also keeps a version string from reaching outside the cache directory. */
export function assertApiVersion(version: string): asserts version is ApiVersion {
  if (!isApiVersion(version)) {
    throw new MetadataError(`Unknown Graph version "${version}": expected one of ${API_VERSIONS.join(', ')}.`);
  }
}

export function cacheFileName(version: string): string {
  return `${version}.csdl.xml`;
}

export function metadataCachePath(root: string, version: string): string {
  return join(root, CACHE_DIR, cacheFileName(version));
}

export function lockPath(root: string): string {
  return join(root, LOCK_FILE);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Short form for messages and logs: enough to tell two hashes apart at a glance. */
export function shortSha(sha256: string): string {
  return `${sha256.slice(0, 8)}…`;
}

/** Reads the lock; a missing lock is an empty one (nothing pinned yet), a broken one is an error. */
export async function readLock(root: string): Promise<MetadataLock> {
  let text: string;
  try {
    text = await readFile(lockPath(root), 'utf8');
  } catch (error) {
    if (isNotFound(error)) return {};
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new MetadataError(
      `${LOCK_FILE} is not valid JSON (${(error as Error).message}): restore it from git, or delete it and ${lowerFirst(PULL_HINT)}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new MetadataError(`${LOCK_FILE} must hold a JSON object keyed by version: restore it from git.`);
  }
  return parsed as MetadataLock;
}

/** The pinned CSDL text for `version`, verified against the lock. */
export async function readPinnedMetadata(version: string, root: string): Promise<string> {
  assertApiVersion(version);
  const shown = `${CACHE_DIR}/${cacheFileName(version)}`;

  let bytes: Buffer;
  try {
    bytes = await readFile(metadataCachePath(root, version));
  } catch (error) {
    if (isNotFound(error)) throw new MetadataError(`${shown} is missing. ${PULL_HINT}`);
    throw error;
  }

  const pinned = (await readLock(root))[version];
  if (pinned === undefined) {
    throw new MetadataError(
      `${LOCK_FILE} has no entry for ${version}, so ${shown} cannot be verified. ` +
        `Run \`npm run metadata:pull -- --version ${version}\` to pin it (offline: add \`--from ../shared/metadata\`).`,
    );
  }

  const actual = sha256Hex(bytes);
  if (actual !== pinned.sha256) {
    throw new MetadataError(
      `${shown} has sha256 ${shortSha(actual)} but ${LOCK_FILE} pins ${shortSha(pinned.sha256)}: ` +
        'run `npm run metadata:pull` to refresh the cache and the lock together (or restore the cached file).',
    );
  }

  // Hash the raw bytes (that is what the lock pins) but return text without the UTF-8 byte-order mark that
  // some Graph files start with: TextDecoder drops it by default, Buffer#toString would keep it as U+FEFF.
  return new TextDecoder('utf-8').decode(bytes);
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
