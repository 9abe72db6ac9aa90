// Docs on hover: descriptions from the metadata, inline or in out-of-line `<Annotations Target=…>` blocks
// (operations are targeted by their signature), reach the generated declarations as doc comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildSchema } from '../../generator/schema-builder.js';
import { generateMini } from './golden.test.js';

const mini = fileURLToPath(new URL('../fixtures/mini.csdl.xml', import.meta.url));

/** The doc comment right above the first declaration line that starts with `member` after `owner`. */
function docAbove(text: string, owner: string, member: string): string | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(owner));
  const at = lines.findIndex((l, i) => i > start && l.trimStart().startsWith(member));
  return /\/\*\* (.*) \*\//.exec(lines[at - 1] ?? '')?.[1];
}

test('an operation described out of line, by its signature, carries the description', async () => {
  const schema = buildSchema(await readFile(mini, 'utf8'), 'v1.0');
  const sendMail = schema.operations.find((o) => o.name === 'sendMail');
  assert.equal(sendMail?.description, 'Send the message specified in the request body.');
});

test('types, properties, operations and root members show their description on hover', async () => {
  const text = (await generateMini())['index.d.ts'];
  assert.equal(docAbove(text, 'export interface Message ', 'subject?:'), 'The subject of the message; never contains *\\/ unescaped.');
  assert.equal(docAbove(text, 'export interface UserB ', 'sendMail:'), 'Send the message specified in the request body.');
  assert.equal(docAbove(text, 'export interface GraphClient ', 'me:'), 'Represents a Microsoft Entra user account.');
  assert.equal(docAbove(text, 'export interface GraphClient ', 'users:'), 'Represents a Microsoft Entra user account.');
  assert.match(text, /\/\*\* Represents a Microsoft Entra user account\. \*\/\nexport interface User /);
  // An enum's members are described in its own comment.
  assert.match(text, /\/\*\*\n \* How important a message is\.\n \*\n \* - `high`: The sender marked the message important\.\n \*\/\nexport type Importance = /);
});
