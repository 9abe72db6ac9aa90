#!/usr/bin/env node
// The `msgraph-ts` executable: run() with the process's streams and environment. The first Ctrl+C
// aborts the command (transfers stop, partial files are removed) and the exit code is 130; a second one
// ends the process at once.
import { run } from './run.js';

const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort(new Error('Interrupted (SIGINT)'));
});
const { exitCode } = await run(process.argv.slice(2), { signal: controller.signal });
process.exitCode = exitCode;
