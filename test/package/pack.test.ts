// The package as a newcomer gets it: `npm pack` of this tree (prepack builds generated/ and dist/), the
// tarball installed by npm into an empty project, then what that project sees. Its closure on disk, the
// README's samples type-checked verbatim against the installed declarations (nodenext and bundler,
// skipLibCheck off, ES2022 without the DOM lib, current and oldest supported TypeScript), and the README's
// emulator sample run from the installed package. About a minute on 2 cores, most of it in tsc.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { closureOf, consumerProject, npmIn, typescriptCompiler } from './consumer.js';
import { readmeSamples } from './readme-samples.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** Issue 19's budget for a consumer that does not sign in through msgraph-ts/auth: its whole node_modules. */
const MAX_PACKAGES = 6;
/**
 * The `msgraph-ts` command line's dependencies (issue 22): commander, cli-progress (with string-width and its
 * four one-file helpers) and jmespath, about 0.6 MiB in all. Counted in the bytes, not in the package budget,
 * which is the library's; no library entry point imports them (test/cli/import-graph.test.ts).
 */
const CLI_PACKAGES = ['ansi-regex', 'cli-progress', 'commander', 'emoji-regex', 'is-fullwidth-code-point', 'jmespath', 'string-width', 'strip-ansi'];
const MAX_CLOSURE_BYTES = 12 * 1024 * 1024;
/**
 * The oldest TypeScript the README promises, and the oldest for msgraph-ts/raw (openapi-fetch's declarations
 * need 5.4). msal-node's declarations (msgraph-ts/auth) use `resolution-mode`, which TypeScript before 5.3
 * accepts under nodenext only: the auth samples are checked on 5.0 with nodenext, on 5.4 with both.
 */
const OLDEST_TYPESCRIPT = '5.0.4';
const OLDEST_FOR_RAW = '5.4.5';

let dir: string;
let tarball: string;
let packed: { files: { path: string; size: number }[]; size: number; unpackedSize: number };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'msgraph-ts-pack-'));
  [packed] = JSON.parse(await npmIn(root, ['pack', '--json', '--pack-destination', dir])) as [typeof packed & { filename: string }];
  tarball = join(dir, (packed as typeof packed & { filename: string }).filename);
  // Two consumers: one that brings its own token, one that signs in (and so installs msal-node).
  await Promise.all([consumerProject(join(dir, 'plain'), [tarball]), consumerProject(join(dir, 'auth'), [tarball, '@azure/msal-node'])]);
}, { timeout: 300_000 });

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the tarball ships the built runtime, both generated versions and the notices, and nothing that does not run', () => {
  const paths = new Set(packed.files.map((f) => f.path));
  for (const path of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/index.js', 'dist/auth/index.js', 'dist/emulator/index.js', 'generated/v1.0/index.js', 'generated/v1.0/index.d.ts', 'generated/beta/areas/me.d.ts', 'generated/v1.0/schema.json.gz', 'generated/beta/schema.json.gz']) {
    assert.ok(paths.has(path), `${path} is missing from the tarball`);
  }
  // The emulator's models ship compressed only (schema.json.gz, ~0.2 MB each instead of ~2.5 MB).
  const unwanted = [...paths].filter((p) => /api-surface\.txt$|schema\.json$|\.test\.|^src\/|^test\/|^generator\/|^scripts\/|^bench\/|^metadata\//.test(p));
  assert.deepEqual(unwanted, []);
});

test(`a consumer that brings its own token installs at most ${MAX_PACKAGES} packages besides the CLI's, in at most 12 MiB, all of node_modules counted`, () => {
  const { packages, bytes } = closureOf(join(dir, 'plain'));
  const library = packages.filter((p) => !CLI_PACKAGES.includes(p));
  assert.ok(library.length <= MAX_PACKAGES, `installed ${library.length} packages besides the CLI's: ${library.join(', ')}`);
  assert.ok(!packages.includes('@azure/msal-node') && !packages.includes('openapi-typescript') && !packages.includes('typescript'), packages.join(', '));
  assert.ok(bytes <= MAX_CLOSURE_BYTES, `node_modules is ${bytes} bytes (${(bytes / 2 ** 20).toFixed(2)} MiB), over ${MAX_CLOSURE_BYTES}`);
});

test('importing msgraph-ts/auth without @azure/msal-node fails naming `npm install @azure/msal-node`', async () => {
  const script = "import('msgraph-ts/auth').then(() => console.log('loaded'), (e) => console.log(e.message))";
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: join(dir, 'plain') });
  assert.match(stdout, /optional peer dependency that is not installed: run `npm install @azure\/msal-node`/);
  const signedIn = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: join(dir, 'auth') });
  assert.equal(signedIn.stdout.trim(), 'loaded');
});

test('msgraph-ts/bulk loads without bullmq and ioredis; asking for Redis names `npm install bullmq ioredis`', async () => {
  const script = "const b = await import('msgraph-ts/bulk'); await b.exportMailboxes({ mailboxes: ['a'], outDir: 'out', redis: 'redis://127.0.0.1:1', workers: 0 }).catch((e) => console.log(e.name, e.message))";
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: join(dir, 'plain') });
  assert.match(stdout, /^MissingDependencyError .*optional peer dependency that is not installed: run `npm install bullmq ioredis`/);
});

test('a CommonJS program requires msgraph-ts/v1.0 and the runtime (Node ≥ 20.19 loads ES modules synchronously)', async (t) => {
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  if (major === 20 && minor < 19) return t.skip(`Node ${process.version} cannot require ES modules; CommonJS uses await import()`);
  const script = "const { createClient } = require('msgraph-ts/v1.0'); const { GraphError } = require('msgraph-ts/runtime'); console.log(typeof createClient, typeof GraphError)";
  const { stdout } = await run(process.execPath, ['-e', script], { cwd: join(dir, 'plain') });
  assert.equal(stdout.trim(), 'function function');
});

test("the root import is v1.0's client", async () => {
  const script = "const [root, v1] = await Promise.all([import('msgraph-ts'), import('msgraph-ts/v1.0')]); console.log(root.createClient === v1.createClient, typeof (await import('msgraph-ts/package.json', { with: { type: 'json' } })).default.version)";
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: join(dir, 'plain') });
  assert.equal(stdout.trim(), 'true string');
});

test('the msgraph-ts bin runs from the installed package: --help, and a sign-in that needs msal-node says how to install it', async () => {
  const bin = join(dir, 'plain', 'node_modules', '.bin', 'msgraph-ts');
  const help = await run(bin, ['--help'], { cwd: join(dir, 'plain') });
  assert.match(help.stdout, /^Usage: msgraph-ts \[options\] \[command\]/);
  assert.match(help.stdout, /130 +interrupted/);
  const signIn = await run(bin, ['login', '--appId', '00000000-0000-0000-0000-000000000000'], { cwd: join(dir, 'plain'), env: { ...process.env, MSGRAPH_TS_CONFIG_DIR: join(dir, 'plain', '.msgraph-ts') } })
    .then(() => assert.fail('login without msal-node succeeded'), (error: { code?: number; stderr?: string }) => error);
  assert.equal(signIn.code, 1);
  assert.match(signIn.stderr ?? '', /npm install @azure\/msal-node/);
});

test('the installed bin signs in to the emulator with a device code and answers through the generated client', { timeout: 120_000 }, async () => {
  const { startEmulator, DEFAULT_APPS } = await import('msgraph-ts/emulator');
  const emulator = await startEmulator({ identity: true, versions: ['v1.0'] });
  try {
    const caFile = join(dir, 'emulator-ca.pem');
    await writeFile(caFile, emulator.caCertPem!);
    const env = {
      ...process.env, MSGRAPH_TS_CONFIG_DIR: join(dir, 'auth', '.msgraph-ts'), MSGRAPH_TS_GRAPH_URL: emulator.origin, MSGRAPH_TS_AUTHORITY_URL: emulator.origin,
      MSGRAPH_TS_TENANT: emulator.tenant.id, MSGRAPH_TS_APP_ID: DEFAULT_APPS.find((a) => a.publicClient)!.clientId, MSGRAPH_TS_CA_FILE: caFile,
    };
    const bin = join(dir, 'auth', 'node_modules', '.bin', 'msgraph-ts');
    await run(bin, ['login'], { cwd: join(dir, 'auth'), env });
    const { stdout } = await run(bin, ['whoami', '--query', 'userPrincipalName', '-o', 'text'], { cwd: join(dir, 'auth'), env });
    assert.equal(stdout, 'adelev@contoso.com\n');
  } finally {
    await emulator.stop();
  }
});

/** The README's samples, each as its own module in the consumer that signs in, with what they take as given. */
async function writeSamples(project: string): Promise<string[]> {
  const samples = readmeSamples(await readFile(join(root, 'README.md'), 'utf8'));
  assert.ok(samples.length >= 8, `found only ${samples.length} \`\`\`ts blocks in README.md`);
  await copyFile(join(root, 'test/fixtures/readme/globals.d.ts'), join(project, 'globals.d.ts'));
  // The raw-client sample imports `paths` from './api.js': openapi-typescript's output for a few mail paths.
  await copyFile(join(root, 'test/fixtures/raw/mail.d.ts'), join(project, 'api.d.ts'));
  const names = samples.map((_, i) => `readme-${String(i + 1).padStart(2, '0')}.ts`);
  await Promise.all(samples.map((text, i) => writeFile(join(project, names[i]!), text)));
  return names;
}

async function typecheck(tsc: string, version: string, project: string, mode: 'nodenext' | 'bundler', files: string[]): Promise<void> {
  const config = {
    compilerOptions: {
      target: 'ES2022', lib: ['ES2022'], strict: true, skipLibCheck: false, noEmit: true,
      module: mode === 'nodenext' ? 'nodenext' : 'esnext', moduleResolution: mode,
      // The consumer's own Node types (every Node program has them); no DOM lib.
      types: ['node'], typeRoots: [join(root, 'node_modules/@types')],
    },
    files: ['globals.d.ts', 'api.d.ts', ...files],
  };
  const name = `tsconfig.${version}.${mode}.json`;
  await writeFile(join(project, name), JSON.stringify(config, null, 2));
  try {
    await run(process.execPath, [tsc, '-p', name], { cwd: project, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    assert.fail(`${tsc.replace(root, '')} -p ${name} failed:\n${((error as { stdout?: string }).stdout ?? String(error)).slice(0, 6000)}`);
  }
}

test(`every README sample type-checks against the installed package: nodenext and bundler, skipLibCheck off, no DOM lib, TypeScript ${OLDEST_TYPESCRIPT} on (${OLDEST_FOR_RAW} for msgraph-ts/raw, and for msgraph-ts/auth under bundler)`, { timeout: 300_000 }, async () => {
  const project = join(dir, 'auth');
  const files = await writeSamples(project);
  const sources = await Promise.all(files.map((f) => readFile(join(project, f), 'utf8')));
  const withoutRaw = files.filter((_, i) => !sources[i]!.includes("'msgraph-ts/raw'"));
  const withoutRawOrAuth = withoutRaw.filter((f) => !sources[files.indexOf(f)]!.includes("'msgraph-ts/auth'"));
  assert.ok(withoutRaw.length < files.length, 'a README sample imports msgraph-ts/raw');
  assert.ok(files.some((f, i) => withoutRaw.includes(f) && sources[i]!.includes("'msgraph-ts/runtime'")), 'a README sample imports msgraph-ts/runtime');
  const current: [string, string] = [join(root, 'node_modules/typescript/bin/tsc'), ts.version];
  const forRaw: [string, string] = [await typescriptCompiler(root, OLDEST_FOR_RAW), OLDEST_FOR_RAW];
  const oldest: [string, string] = [await typescriptCompiler(root, OLDEST_TYPESCRIPT), OLDEST_TYPESCRIPT];
  const modes = ['nodenext', 'bundler'] as const;
  const checks = [
    ...[current, forRaw].flatMap(([tsc, version]) => modes.map((mode) => () => typecheck(tsc, version, project, mode, files))),
    // Every sample but the raw client's, the runtime's included, on the oldest TypeScript promised.
    () => typecheck(oldest[0], oldest[1], project, 'nodenext', withoutRaw),
    () => typecheck(oldest[0], oldest[1], project, 'bundler', withoutRawOrAuth),
  ];
  // Two at a time: CI has 2 cores, and each tsc is one process of one thread.
  for (let i = 0; i < checks.length; i += 2) await Promise.all(checks.slice(i, i + 2).map((check) => check()));
});

test("the README's emulator sample runs from the installed package", { timeout: 120_000 }, async () => {
  const project = join(dir, 'plain');
  const sample = readmeSamples(await readFile(join(root, 'README.md'), 'utf8')).find((s) => s.includes("from 'msgraph-ts/emulator'"));
  assert.ok(sample, 'README.md has no sample that imports msgraph-ts/emulator');
  const js = ts.transpileModule(sample, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  await writeFile(join(project, 'emulator-sample.mjs'), js);
  const { stdout } = await run(process.execPath, ['emulator-sample.mjs'], { cwd: project, timeout: 100_000 });
  const lines = stdout.trim().split('\n');
  assert.match(stdout, /mailSent/);
  assert.match(stdout, /POST \/v1\.0\/me\/sendMail 202/);
  assert.ok(lines.length >= 3, stdout);
});
