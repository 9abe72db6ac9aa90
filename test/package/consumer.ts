// A consumer of the packed package: an empty ESM project in a temporary folder, with the tarball installed
// by npm from the registry as a user would, and what it takes on disk. Also the TypeScript compilers the
// declarations are checked with, kept in the ignored .cache/ so that only the first run downloads them.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs npm quietly; on failure, the error carries npm's own output. */
export async function npmIn(cwd: string, args: string[]): Promise<string> {
  try {
    return (await run(npm, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } })).stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${e.stderr || e.stdout || e.message}`);
  }
}

/** An empty `"type": "module"` project at `dir` with `specs` installed (a tarball path and package names). */
export async function consumerProject(dir: string, specs: string[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`);
  await npmIn(dir, ['install', '--prefer-offline', '--no-package-lock', ...specs]);
}

export interface Closure {
  /** Installed packages, scoped ones counted once each (`@azure/msal-node`). */
  packages: string[];
  /** Bytes under node_modules as `du -sb` counts them: files and the directories themselves. */
  bytes: number;
}

export function closureOf(dir: string): Closure {
  const modules = join(dir, 'node_modules');
  const packages: string[] = [];
  for (const name of readdirSync(modules)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) packages.push(...readdirSync(join(modules, name)).map((n) => `${name}/${n}`));
    else packages.push(name);
  }
  return { packages: packages.sort(), bytes: bytesUnder(modules) };
}

function bytesUnder(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((n, name) => n + bytesUnder(join(path, name)), stat.size);
}

/** `bin/tsc` of TypeScript `version`, installed once into `<root>/.cache/typescript-<version>`. */
export async function typescriptCompiler(root: string, version: string): Promise<string> {
  const dir = join(root, '.cache', `typescript-${version}`);
  const tsc = join(dir, 'node_modules/typescript/bin/tsc');
  if (!existsSync(tsc)) {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'package.json'), '{ "private": true }\n');
    await npmIn(dir, ['install', '--prefer-offline', '--no-package-lock', `typescript@${version}`]);
  }
  return tsc;
}
