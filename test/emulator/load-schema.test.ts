// The emulator's model on disk: the generator writes it gzip-compressed (generated/<version>/schema.json.gz,
// the form the package ships) and the emulator reads that form back to the same model. A file that is not
// such a model fails naming the file and `npm run generate`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeVersion } from '../../generator/generate.js';
import { hasGeneratedSchema, loadSchema, readSchemaFile, schemaPath } from '../../src/emulator/model/load-schema.js';
import { generateMini } from '../generator/golden.test.js';

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'msgraph-ts-schema-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('the model the generator writes, compressed, is the model the emulator reads', async (t) => {
  const dir = await tempDir(t);
  const files = await generateMini();
  await writeVersion(join(dir, 'v1.0'), files);
  assert.ok(!existsSync(join(dir, 'v1.0', 'schema.json')), 'no plain schema.json is written');
  assert.deepEqual(readSchemaFile(join(dir, 'v1.0', 'schema.json.gz')), JSON.parse(files['schema.json']));
});

for (const version of ['v1.0', 'beta']) {
  test(`the generated ${version} model loads from its gzip form, and no plain copy lies beside it`, { skip: hasGeneratedSchema(version) ? false : `${schemaPath(version)} is missing: run \`npm run generate\`` }, () => {
    const schema = loadSchema(version);
    assert.ok(Object.keys(schema.entityTypes).length > 500 && schema.singletons['me'], `${version} looks like Graph's model`);
    assert.ok(!existsSync(join(dirname(schemaPath(version)), 'schema.json')), 'generated/ holds the model once, compressed');
  });
}

test('a model file that is not gzip fails naming the file and `npm run generate`', async (t) => {
  const path = join(await tempDir(t), 'schema.json.gz');
  await writeFile(path, '{"entityTypes":{}}');
  assert.throws(() => readSchemaFile(path), (e: Error) => e.message.includes(path) && /not a gzip-compressed schema/.test(e.message) && e.message.includes('npm run generate'));
});

test('a compressed file that is not JSON, or not a GraphSchema, fails saying which', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'text.gz'), gzipSync('entityTypes: yes'));
  await writeFile(join(dir, 'other.gz'), gzipSync('{"value":[]}'));
  assert.throws(() => readSchemaFile(join(dir, 'text.gz')), /text\.gz does not hold JSON once decompressed .*npm run generate/);
  assert.throws(() => readSchemaFile(join(dir, 'other.gz')), /other\.gz is not a GraphSchema \(no entityTypes\/entitySets\/singletons\)/);
});
