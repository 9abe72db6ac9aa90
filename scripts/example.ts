// `npm start`: Microsoft's console sample (examples/console-sample.ts) against the embedded Graph emulator,
// offline; with --client-id and --tenant (`npm start -- --client-id … --tenant …`) against a real tenant.
import { main } from '../examples/console-sample.js';

await main(process.argv.slice(2));
