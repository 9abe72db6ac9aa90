// What an editor offers after a dot: the fluent API's members and nothing of its type-level plumbing. The
// builders carry their model under a symbol key (types.ts), and TypeScript's completions offer a member
// keyed by a plain exported symbol by that symbol's name: `model` showed on every collection builder.
// Asked here of TypeScript's language service, as an editor asks it, over the built declarations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Completion names after `code` (which ends in a dot), in a file at the project root importing msgraph-ts. */
function completionsAfter(code: string): string[] {
  const file = `${root}completions-probe.ts`;
  const text = `import { createClient } from 'msgraph-ts/v1.0';\nconst client = createClient();\n${code}`;
  const options: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, lib: ['lib.es2022.d.ts'], types: ['node'] };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (f) => {
      const content = f === file ? text : ts.sys.readFile(f);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => root,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => f === file || ts.sys.fileExists(f),
    readFile: (f) => (f === file ? text : ts.sys.readFile(f)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  // What VS Code asks for: members, with the insert-text and symbol-member completions it shows.
  const completions = ts.createLanguageService(host).getCompletionsAtPosition(file, text.length, { includeCompletionsWithInsertText: true, includeCompletionsForModuleExports: true });
  return (completions?.entries ?? []).map((e) => e.name);
}

test('a collection builder offers its members and no `model` or `casts`', { timeout: 120_000 }, () => {
  const names = completionsAfter('client.me.messages.');
  for (const member of ['byId', 'get', 'list', 'pages', 'post', '$count']) assert.ok(names.includes(member), `${member} missing from ${names.join(' ')}`);
  assert.deepEqual(names.filter((n) => n === 'model' || n === 'casts'), []);
});

test('an item builder offers its navigation and actions and no `model` or `casts`', { timeout: 120_000 }, () => {
  const names = completionsAfter("client.me.messages.byId('x').");
  for (const member of ['attachments', 'get', 'patch', 'send', 'forward']) assert.ok(names.includes(member), `${member} missing from ${names.join(' ')}`);
  assert.deepEqual(names.filter((n) => n === 'model' || n === 'casts'), []);
});
