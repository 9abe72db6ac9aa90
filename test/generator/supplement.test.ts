// Beta's pinned metadata completed from v1.0's on the types both declare (generator/supplement.ts,
// metadata/overrides.json `supplements`): what is carried over, and what is not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readPinnedMetadata } from '../../generator/metadata.js';
import { readOverrides } from '../../generator/overrides.js';
import { buildSchema } from '../../generator/schema-builder.js';
import { supplement } from '../../generator/supplement.js';
import { versionSchema } from '../../generator/version-schema.js';
import type { GraphSchema, StructuredTypeDef } from '../../src/schema.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function schema(parts: Partial<GraphSchema>): GraphSchema {
  return { version: 'x', namespaces: [{ name: 'microsoft.graph' }], entityTypes: {}, complexTypes: {}, enumTypes: {}, entitySets: {}, singletons: {}, operations: [], ...parts };
}

function complex(name: string, properties: [string, string][], baseType?: string): StructuredTypeDef {
  return { name, baseType, abstract: false, open: false, properties: properties.map(([n, type]) => ({ name: n, type, collection: false, nullable: true })) };
}

const entity = (name: string, properties: [string, string][] = []) => ({ ...complex(name, properties), key: ['id'], navigation: [], hasStream: false });

test('a shared type takes the other version\'s properties, with the complex and enum types they need; an entity type is never carried', () => {
  const ours = schema({
    complexTypes: { 'microsoft.graph.searchQuery': complex('microsoft.graph.searchQuery', [['queryString', 'Edm.String']]) },
    enumTypes: { 'microsoft.graph.entityType': { name: 'microsoft.graph.entityType', flags: false, members: [{ name: 'event', value: 0 }] } },
  });
  const theirs = schema({
    complexTypes: {
      'microsoft.graph.searchQuery': complex('microsoft.graph.searchQuery', [['queryString', 'Edm.String'], ['queryTemplate', 'Edm.String'], ['collapse', 'microsoft.graph.collapseProperty'], ['owner', 'microsoft.graph.user']]),
      'microsoft.graph.collapseProperty': complex('microsoft.graph.collapseProperty', [['fields', 'Edm.String'], ['kind', 'microsoft.graph.collapseKind']]),
    },
    entityTypes: { 'microsoft.graph.user': entity('microsoft.graph.user') },
    enumTypes: {
      'microsoft.graph.entityType': { name: 'microsoft.graph.entityType', flags: false, members: [{ name: 'event', value: 0 }, { name: 'bookmark', value: 1 }] },
      'microsoft.graph.collapseKind': { name: 'microsoft.graph.collapseKind', flags: false, members: [{ name: 'a', value: 0 }] },
    },
  });
  const out = supplement(ours, theirs);
  assert.deepEqual(out.complexTypes['microsoft.graph.searchQuery']!.properties.map((p) => p.name), ['queryString', 'queryTemplate', 'collapse']);
  assert.deepEqual(out.complexTypes['microsoft.graph.collapseProperty']!.properties.map((p) => p.name), ['fields', 'kind']);
  assert.ok(out.enumTypes['microsoft.graph.collapseKind']);
  assert.deepEqual(out.enumTypes['microsoft.graph.entityType']!.members.map((m) => m.name), ['event', 'bookmark']);
  assert.equal(out.enumTypes['microsoft.graph.entityType']!.members[0]!.description, undefined, 'no words where neither has any');
  assert.equal(out.entityTypes['microsoft.graph.user'], undefined, 'an entity type the version lacks stays out');
  assert.deepEqual(ours.complexTypes['microsoft.graph.searchQuery']!.properties.map((p) => p.name), ['queryString'], 'the input is not changed');
});

test('a name the type, an ancestor or a derived type already declares is not added again', () => {
  const ours = schema({
    entityTypes: {
      'microsoft.graph.base': entity('microsoft.graph.base', [['a', 'Edm.String']]),
      'microsoft.graph.item': { ...entity('microsoft.graph.item'), baseType: 'microsoft.graph.base' },
      'microsoft.graph.leaf': { ...entity('microsoft.graph.leaf', [['c', 'Edm.Int32']]), baseType: 'microsoft.graph.item' },
    },
  });
  const theirs = schema({ entityTypes: { 'microsoft.graph.item': { ...entity('microsoft.graph.item', [['a', 'Edm.Int32'], ['b', 'Edm.String'], ['c', 'Edm.String']]), baseType: 'microsoft.graph.base' } } });
  assert.deepEqual(supplement(ours, theirs).entityTypes['microsoft.graph.item']!.properties.map((p) => p.name), ['b']);
});

test("the beta build has v1.0's search query template and collapse properties, not v1.0's threat intelligence", async () => {
  const overrides = await readOverrides(`${root}metadata/overrides.json`);
  assert.equal(overrides.supplements['beta'], 'v1.0');
  const beta = await versionSchema('beta', root, overrides);
  const pinned = buildSchema(await readPinnedMetadata('beta', root), 'beta');
  assert.equal(pinned.complexTypes['microsoft.graph.searchQuery']!.properties.some((p) => p.name === 'queryTemplate'), false, "beta's own file lacks it");
  assert.ok(beta.complexTypes['microsoft.graph.searchQuery']!.properties.some((p) => p.name === 'queryTemplate'));
  assert.ok(beta.complexTypes['microsoft.graph.searchRequest']!.properties.some((p) => p.name === 'collapseProperties'));
  assert.ok(beta.enumTypes['microsoft.graph.entityType']!.members.some((m) => m.name === 'bookmark'));
  // Beta's file describes no enum member; the shared ones take v1.0's words for hover docs.
  assert.equal(pinned.enumTypes['microsoft.graph.installIntent']!.members.find((m) => m.name === 'available')!.description, undefined);
  assert.equal(beta.enumTypes['microsoft.graph.installIntent']!.members.find((m) => m.name === 'available')!.description, 'Available install intent.');
  assert.equal(beta.entityTypes['microsoft.graph.security.threatIntelligence'], undefined);
  const added = Object.keys(beta.entityTypes).filter((t) => !pinned.entityTypes[t]);
  assert.deepEqual(added.filter((t) => !(t in overrides.missingEntityTypes)), [], 'entity types come from missingEntityTypes only, none from the supplement');
});
