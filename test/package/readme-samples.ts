// The README's TypeScript samples, as they stand: every ```ts block, in order. The pack test type-checks
// them against the installed package and runs the emulator's, so the README cannot drift from the types.

/** The body of every ```ts fenced block of `markdown`. */
export function readmeSamples(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}
