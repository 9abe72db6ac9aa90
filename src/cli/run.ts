// `run(argv)`: the CLI as a function, for the bin and for programs (`import { run } from 'msgraph-ts/cli'`).
// It parses, runs one command, prints its answer (--query, then --output) and maps what went wrong to an
// exit code (errors.ts): it never calls process.exit, so a program can run commands one after another.
import { setMaxListeners } from 'node:events';
import { CommanderError, type Command } from 'commander';
import { Finished, type Act, type Answer } from './command.js';
import { Context, type GlobalOptions } from './context.js';
import type { CliIO, CliStream } from './io.js';
import { EXIT, UsageError, type ExitCode } from './errors.js';
import { applyQuery, format, type Output } from './output.js';
import { createProgram } from './program.js';

export interface RunOptions {
  /** @default process.stdout */
  stdout?: CliStream;
  /** @default process.stderr */
  stderr?: CliStream;
  /** Where MSGRAPH_TS_* and the config folder are read. @default process.env */
  env?: Record<string, string | undefined>;
  /** Aborts the command (the bin aborts it on Ctrl+C); the run then ends with exit code 130. */
  signal?: AbortSignal;
}

export interface RunResult {
  exitCode: ExitCode;
  /** The command's answer, as JSON before --query and --output (undefined when it failed or has none). */
  answer?: unknown;
}

/** Workflow error codes that mean the command line named something wrong (a missing file, a bad address). */
const USAGE_CODES = new Set(['invalidArgument', 'fileNotFound', 'attachmentTooLarge']);

export async function run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const io: CliIO = {
    stdout: options.stdout ?? process.stdout, stderr: options.stderr ?? process.stderr, env: options.env ?? process.env,
    signal: options.signal ?? new AbortController().signal,
  };
  // Every request under way listens to the signal: a bulk run has hundreds at once, which is no leak.
  setMaxListeners(0, io.signal);
  let answer: Answer | undefined;
  let context: Context | undefined;
  const act: Act = (action, view) => async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    context = new Context(io, command.optsWithGlobals() as GlobalOptions);
    // commander calls back with (...arguments, options, command): the action gets (context, ...arguments, options).
    const value = await (action as (ctx: Context, ...rest: unknown[]) => Promise<unknown>)(context, ...args.slice(0, -1));
    answer = value instanceof Finished
      ? { value: value.value, exitCode: value.exitCode, ...(view ? { view } : {}) }
      : { value, ...(view ? { view } : {}) };
  };
  const program = createProgram(act, { out: (s) => io.stdout.write(s), err: (s) => io.stderr.write(s) });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    if (answer === undefined) return { exitCode: EXIT.ok };
    const { output, query } = context!.options;
    const expression = query ?? (output === 'json' ? undefined : answer.view);
    const shown = expression === undefined ? answer.value : applyQuery(answer.value, expression);
    io.stdout.write(format(shown, output as Output));
    return { exitCode: answer.exitCode ?? EXIT.ok, answer: answer.value };
  } catch (error) {
    return { exitCode: report(error, io, context?.options.debug ?? argv.includes('--debug')) };
  } finally {
    await context?.close();
  }
}

/** Says what went wrong on stderr, once, and picks the exit code. */
function report(error: unknown, io: CliIO, debug: boolean): ExitCode {
  if (error instanceof CommanderError) {
    // Commander printed its own message (or the help) already.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
    return EXIT.usage;
  }
  if (io.signal.aborted) {
    io.stderr.write('Interrupted: stopped before it finished; nothing was left half-written.\n');
    return EXIT.interrupted;
  }
  const e = error as { name?: string; message?: string; code?: string; stack?: string; cause?: unknown };
  // Duck-typed: in a clone the generated client runs dist/'s copy of the runtime, whose classes are not src/'s.
  const usage = error instanceof UsageError || (e.name === 'WorkflowError' && USAGE_CODES.has(String(e.code)));
  io.stderr.write(`${e.name && e.name !== 'Error' ? `${e.name}: ` : 'Error: '}${e.message ?? String(error)}\n`);
  if (debug && e.stack) io.stderr.write(`${e.stack}\n${e.cause ? `Caused by: ${String((e.cause as Error).stack ?? e.cause)}\n` : ''}`);
  return usage ? EXIT.usage : EXIT.failed;
}
