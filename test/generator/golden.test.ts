// Golden output: the generator's whole output for the hand-written mini CSDL is committed under
// test/fixtures/golden/mini/ and type-checked with the generated code (tsconfig.generated.json).
// Regenerate it deliberately with `UPDATE_GOLDEN=1 npm test` and read the diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generateVersion, type GeneratedFiles } from '../../generator/generate.js';
import { buildSchema } from '../../generator/schema-builder.js';
import { applyOverrides } from '../../generator/overrides.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const goldenDir = `${fixtures}golden/mini/`;

export async function generateMini(): Promise<GeneratedFiles> {
  const xml = await readFile(`${fixtures}mini.csdl.xml`, 'utf8');
  const addressing = {
    properties: { 'microsoft.graph.user': ['mailboxSettings', 'identities'] },
    derivedMembers: { 'microsoft.graph.attachment': ['microsoft.graph.itemAttachment/item'] },
    refs: ['microsoft.graph.drive/list'],
    created: [],
  };
  const schema = applyOverrides(buildSchema(xml, 'v1.0'), { singletons: { drive: 'microsoft.graph.drive' }, pathAddressable: [], streamOnBase: [], workloads: {}, addressing, dynamicProperties: [] });
  return generateVersion(schema, {
    runtimeTypes: '../../../../dist/types.js',
    runtimeClient: '../../../../dist/client.js',
    pathAddressable: new Set(['microsoft.graph.driveItem']),
    streamOnBase: new Set(['microsoft.graph.attachment']),
    workloads: { mail: { roots: ['me'], members: { 'microsoft.graph.user': ['messages', 'sendMail'] } } },
    addressing,
  });
}

test('the mini CSDL generates exactly the committed golden files', async () => {
  const files = await generateMini();
  if (process.env['UPDATE_GOLDEN']) {
    await mkdir(`${goldenDir}areas/workloads`, { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(goldenDir + name, text);
  }
  for (const [name, text] of Object.entries(files)) {
    assert.equal(text, await readFile(goldenDir + name, 'utf8'), `${name} differs from the golden copy (UPDATE_GOLDEN=1 to accept)`);
  }
});

test('generating twice gives byte-identical output', async () => {
  assert.deepEqual(await generateMini(), await generateMini());
});
