// Size budgets a user pays for: the minified bundle of a small mail program (list messages, send a mail,
// bench/runtime/bundle-mail.ts) stays within 15 KiB. The consumer's install closure is budgeted by the
// pack test (pack.test.ts), which has the installed package at hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const MAIL_BUNDLE_BUDGET = 15 * 1024;

test('a mail program bundles (minified) within 15 KiB, without openapi-fetch or msal-node', async () => {
  const result = await build({
    entryPoints: [`${root}bench/runtime/bundle-mail.ts`], bundle: true, minify: true, format: 'esm', platform: 'neutral',
    write: false, metafile: true, logLevel: 'silent', absWorkingDir: root,
    // `msgraph-ts/…` resolved by Node through this package's own export map, as a consumer's bundler would find it installed.
    plugins: [{ name: 'self', setup: (b) => b.onResolve({ filter: /^msgraph-ts(\/|$)/ }, (args) => ({ path: fileURLToPath(import.meta.resolve(args.path)) })) }],
  });
  const bytes = result.outputFiles[0]!.contents.byteLength;
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(bytes <= MAIL_BUNDLE_BUDGET, `the mail program's bundle is ${bytes} bytes, over ${MAIL_BUNDLE_BUDGET}`);
  assert.deepEqual(inputs.filter((p) => /openapi-fetch|msal|undici/.test(p)), []);
});
