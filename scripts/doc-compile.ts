// Type-checks fluent-client calls written from Graph's docs against the generated client: one program of
// `export const tN = (): unknown => <call>;` lines under .cache/<name>/ (ignored by git), compiled with the
// project's strict tsconfig, each error mapped back to its call. Used by doc-bodies.ts and doc-wire.ts.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Call index → its errors (`TS2322: …`), in the order tsc reports them; calls that compile are absent. */
export async function compileCalls(root: string, name: string, version: string, calls: string[]): Promise<Map<number, string[]>> {
  const out = join(root, '.cache', name);
  await mkdir(out, { recursive: true });
  const module = version === 'beta' ? 'msgraph-ts/beta' : 'msgraph-ts/v1.0';
  const head = [`import { createClient } from '${module}';`, `import { batch } from 'msgraph-ts/runtime';`, `const c = createClient({ token: 't' });`, 'void batch;'];
  await writeFile(join(out, `${version}.ts`), [...head, ...calls.map((x, i) => `export const t${i} = (): unknown => ${x};`), ''].join('\n'));
  await writeFile(join(out, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { noUnusedLocals: false }, include: [`${version}.ts`] }));
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', join(out, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], { maxBuffer: 256 * 1024 * 1024 })
    .catch((e: { stdout: string }) => e);
  const failing = new Map<number, string[]>();
  for (const m of result.stdout.matchAll(/\.ts\((\d+),\d+\): error (TS\d+: [^\n]*)/g)) {
    const call = Number(m[1]) - head.length - 1;
    failing.set(call, [...(failing.get(call) ?? []), m[2]!]);
  }
  return failing;
}
