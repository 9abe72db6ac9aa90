// `msgraph-ts/cli`: the `msgraph-ts` command line as functions, `await run(['mail', 'list'], { stdout, stderr, env })`.
// Nothing in the library entry points imports this: commander, cli-progress and jmespath load only here.
export { run, type RunOptions, type RunResult } from './run.js';
export { EXIT, UsageError, type ExitCode } from './errors.js';
export type { CliStream } from './io.js';
export { OUTPUTS, type Output } from './output.js';
export { configDir, ENV_NAMES, type Connection, type Settings } from './settings.js';
