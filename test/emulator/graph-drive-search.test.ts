// `search(q='…')` on a drive and on a folder, on the real v1.0 model, as python-o365's `drive.search()` and
// the docs' `GET /me/drive/root/search(q='{search-text}')` call it: items below, by name or text content,
// every word, any case; paged and projected like any driveItem collection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasGeneratedSchema, loadSchema } from '../../src/emulator/model/load-schema.js';
import { startTestGraph } from './helpers/graph-server.js';

const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';
const graph = skip ? undefined : await startTestGraph({ schema: loadSchema('v1.0') });

async function put(path: string, content: string): Promise<void> {
  const r = await graph!.call('PUT', `/me/drive/root:/${path}:/content`, { body: content, headers: { 'content-type': 'text/plain' } });
  assert.equal(r.status, 201, r.text);
}

const names = (r: { body: { value: Array<{ name: string }> } }): string[] => r.body.value.map((i) => i.name).sort();

test('search finds items below by name or text content, every word in any case, not the folder searched', { skip }, async () => {
  const g = graph!;
  await put('Zebra/Quarterly ZEBRA report.txt', 'numbers');
  await put('Zebra/notes.txt', 'the zebra budget for Q3');
  await put('Zebra/Inner/zebra-deep.txt', 'deep');
  await put('Elsewhere/zebra elsewhere.txt', 'other');

  const everywhere = await g.get(`/me/drive/root/search(q='zebra')`);
  assert.equal(everywhere.status, 200, everywhere.text);
  assert.match(everywhere.body['@odata.context'], /\$metadata#Collection\(microsoft\.graph\.driveItem\)$/);
  assert.deepEqual(names(everywhere), ['Quarterly ZEBRA report.txt', 'Zebra', 'notes.txt', 'zebra elsewhere.txt', 'zebra-deep.txt'].sort());
  assert.deepEqual(names(await g.get(`/me/drive/search(q='ZEBRA budget')`)), ['notes.txt'], 'every word, content included');

  const folder = (await g.get('/me/drive/root:/Zebra')).body.id as string;
  const below = await g.get(`/me/drive/items/${folder}/search(q='zebra')?$select=name`);
  assert.deepEqual(names(below), ['Quarterly ZEBRA report.txt', 'notes.txt', 'zebra-deep.txt'], 'only below the folder, not the folder itself');
  assert.deepEqual(Object.keys(below.body.value[0]).filter((k) => !k.startsWith('@')).sort(), ['id', 'name']);

  const paged = await g.get(`/me/drive/root/search(q='zebra')?$top=4`);
  assert.equal(paged.body.value.length, 4);
  const rest = await fetch(paged.body['@odata.nextLink']);
  assert.equal(((await rest.json()) as { value: unknown[] }).value.length, 1, 'the next page keeps the search');
  assert.deepEqual((await g.get(`/me/drive/root/search(q='no such words')`)).body.value, []);
});
