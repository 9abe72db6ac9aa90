// The setup stamp (scripts/stamp.ts) decides whether `npm start` and `npm test` regenerate and recompile:
// it must change with any input byte, file name or added file, and only then.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashInputs } from '../../scripts/stamp.js';

test('the stamp changes with an edited byte, a renamed or an added file, and not otherwise', async () => {
  const root = await mkdtemp(join(tmpdir(), 'msgraph-ts-stamp-'));
  try {
    await mkdir(join(root, 'generator/emit'), { recursive: true });
    await writeFile(join(root, 'generator/emit/a.ts'), 'export const a = 1;\n');
    await writeFile(join(root, 'lock.json'), '{}\n');
    const inputs = ['lock.json', 'generator', 'missing.json'];
    const first = hashInputs(root, inputs);
    assert.equal(hashInputs(root, inputs), first, 'same inputs, same stamp');

    await writeFile(join(root, 'generator/emit/a.ts'), 'export const a = 2;\n');
    const edited = hashInputs(root, inputs);
    assert.notEqual(edited, first);

    await rename(join(root, 'generator/emit/a.ts'), join(root, 'generator/emit/b.ts'));
    const renamed = hashInputs(root, inputs);
    assert.notEqual(renamed, edited);

    await writeFile(join(root, 'missing.json'), '');
    assert.notEqual(hashInputs(root, inputs), renamed, 'an input that appears, even empty, changes the stamp');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
