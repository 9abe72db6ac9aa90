// $filter comparisons pinned at the bound: for each of eq, ne, gt, ge, lt, le, the member whose value
// equals the literal is in or out exactly as the operator says, for strings, numbers and date-times.
// (Evaluating `ge` as `gt`, or `le` as `lt`, fails here.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SeedApi } from '../../src/emulator/index.js';
import { hasGeneratedSchema, loadSchema } from '../../src/emulator/model/load-schema.js';
import { ADELE, startTestGraph } from './helpers/graph-server.js';

const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';
const ME = `/users/${ADELE.id}`;

let folderId = '';
function bounds(api: SeedApi): void {
  folderId = String(api.post(`${ME}/mailFolders`, { displayName: 'Bounds' })['id']);
  for (const [subject, day] of [['alpha', '01'], ['bravo', '02'], ['charlie', '03']] as const) {
    api.post(`${ME}/mailFolders/${folderId}/messages`, { subject, receivedDateTime: `2030-01-${day}T12:00:00Z` });
  }
  for (const size of [1, 2, 3]) api.request('PUT', `${ME}/drive/root:/Bounds/${size}.bin:/content`, Buffer.alloc(size, 1));
}

const graph = skip ? undefined : await startTestGraph({ schema: loadSchema('v1.0'), seed: ['default', bounds] });

async function matching(path: string, property: string, filter: string): Promise<unknown[]> {
  const r = await graph!.get(`${path}?$filter=${encodeURIComponent(filter)}&$select=${property}`);
  assert.equal(r.status, 200, `${filter}: ${r.text}`);
  return r.body.value.map((v: Record<string, unknown>) => v[property]).sort();
}

/** What each operator keeps of [low, bound, high] when compared with the bound. */
const EXPECTED: Record<string, [boolean, boolean, boolean]> = {
  eq: [false, true, false], ne: [true, false, true], gt: [false, false, true],
  ge: [false, true, true], lt: [true, false, false], le: [true, true, false],
};

function kept<T>(values: [T, T, T], op: string): T[] {
  return values.filter((_, i) => EXPECTED[op]![i]);
}

for (const op of Object.keys(EXPECTED)) {
  test(`${op} at the bound: strings, numbers and date-times`, { skip }, async () => {
    const messages = `/me/mailFolders/${folderId}/messages`;
    assert.deepEqual(await matching(messages, 'subject', `subject ${op} 'bravo'`), kept(['alpha', 'bravo', 'charlie'], op), 'strings');
    assert.deepEqual(await matching('/me/drive/root:/Bounds:/children', 'size', `size ${op} 2`), kept([1, 2, 3], op), 'numbers');
    assert.deepEqual(await matching(messages, 'subject', `receivedDateTime ${op} 2030-01-02T12:00:00Z`), kept(['alpha', 'bravo', 'charlie'], op), 'date-times');
  });
}
