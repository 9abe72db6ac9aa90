// `npm start`: Microsoft's console sample (examples/console-sample.ts) against the embedded Graph emulator,
// offline; with --client-id and --tenant (`npm start -- --client-id … --tenant …`) against a real tenant.
import { run } from '../examples/console-sample.js';

await run(process.argv.slice(2));
