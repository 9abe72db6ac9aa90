// `npm pack` / `npm publish` (and an install from git) run this first: the package ships generated/ and
// dist/, which a clean clone does not have. It builds them exactly as `npm run setup` does, from the
// metadata pinned in metadata/lock.json, and never downloads: a missing cache is filled from
// GRAPH_METADATA_MIRROR when its bytes are the pinned ones, and otherwise the pack stops saying what to do.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheFileName, readLock, sha256Hex, shortSha } from '../generator/metadata.js';
import { setup } from './setup.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Stops the pack with a message that names the fix; the caller prints it. */
export class PackError extends Error {
  override name = 'PackError';
}

async function fromMirror(versions: string[]): Promise<void> {
  const mirror = process.env['GRAPH_METADATA_MIRROR'];
  if (!mirror) {
    throw new PackError(
      `npm pack builds generated/ from Graph's metadata, and metadata/cache/ lacks ${versions.join(' and ')}. ` +
        'Set GRAPH_METADATA_MIRROR to a directory holding v1.0.csdl.xml and beta.csdl.xml (offline), or run `npm run metadata:pull` first.',
    );
  }
  const lock = await readLock(root);
  for (const version of versions) {
    const file = resolve(root, mirror, cacheFileName(version));
    const bytes = await readFile(file).catch(() => {
      throw new PackError(`GRAPH_METADATA_MIRROR=${mirror} has no ${cacheFileName(version)} (looked for ${file}).`);
    });
    const pinned = lock[version]?.sha256;
    // A package is built from the pinned metadata only; re-pinning is a reviewed change (`npm run metadata:pull`).
    if (pinned !== sha256Hex(bytes)) {
      throw new PackError(
        `${file} is not the ${version} metadata pinned in metadata/lock.json (sha256 ${shortSha(sha256Hex(bytes))}, pinned ${pinned ? shortSha(pinned) : 'nothing'}). ` +
          'Point GRAPH_METADATA_MIRROR at the pinned files, or re-pin with `npm run metadata:pull` and commit the lock.',
      );
    }
  }
  const { pullMetadata } = await import('./metadata-pull.js');
  await pullMetadata({ root, versions, from: mirror, log: (line) => console.error(`  ${line}`) });
}

// Logs go to stderr: `npm pack --json` prints its report on stdout, and scripts read it.
const log = console.log;
console.log = (...args: unknown[]) => console.error(...args);
try {
  await setup({ onMissingMetadata: fromMirror });
} catch (error) {
  console.error(`prepack: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  console.log = log;
}
