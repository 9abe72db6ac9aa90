// The API surface listing and its diff: what a reviewer reads when the metadata changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { buildSchema } from '../../generator/schema-builder.js';
import { apiSurface } from '../../generator/surface.js';
import { diffSurfaces } from '../../scripts/api-diff.js';

const xml = await readFile(new URL('../fixtures/mini.csdl.xml', import.meta.url), 'utf8');
const lines = (text: string): string[] => apiSurface(buildSchema(text, 'v1.0')).split('\n').filter(Boolean);

test('a metadata change shows as one removed and one added line per changed member', () => {
  const changed = xml
    .replace('<Property Name="isRead" Type="Edm.Boolean" />', '<Property Name="isRead" Type="Edm.Boolean" Nullable="false" />')
    .replace('<NavigationProperty Name="photo" Type="graph.profilePhoto" ContainsTarget="true" />', '');
  const { removed, added } = diffSurfaces(lines(xml), lines(changed));
  assert.deepEqual(removed, [
    'entity microsoft.graph.message.isRead: Edm.Boolean',
    'entity microsoft.graph.user.photo -> microsoft.graph.profilePhoto (contained)',
  ]);
  assert.deepEqual(added, ['entity microsoft.graph.message.isRead: Edm.Boolean!']);
});

test('the listing names roots, operations with their bindings, and flags', () => {
  const surface = lines(xml);
  assert.ok(surface.includes('root /me: microsoft.graph.user'));
  assert.ok(surface.includes('action microsoft.graph.user sendMail(Message: microsoft.graph.message!, SaveToSentItems?: Edm.Boolean)'));
  assert.ok(surface.includes('function microsoft.graph.message[] delta(): microsoft.graph.message[] (composable)'));
  assert.ok(surface.includes('enum microsoft.graph.weekDays (flags): monday, tuesday'));
  assert.ok(surface.includes('entity microsoft.graph.profilePhoto : microsoft.graph.entity (media)'));
  assert.deepEqual(surface, [...surface].sort(), 'sorted, so diffs are stable');
});
