// What a command file exports: a function that adds its commands to the program. Each action is wrapped
// by `act`, which hands it a Context and takes its answer for printing, so a command is only what it
// does: `act(async (ctx, path) => …)`. Adding a command is one file and one line in commands/index.ts.
import type { Command } from 'commander';
import type { Context } from './context.js';
import type { ExitCode } from './errors.js';

/** What an action may return: the JSON answer (undefined prints nothing) and, for text/csv/md, default columns. */
export interface Answer {
  value: unknown;
  /** A JMESPath projection applied for text, csv and md when no --query is given (m365's defaultProperties). */
  view?: string;
  /** The exit code after printing: a bulk run that left items undone prints its summary and exits 1. */
  exitCode?: ExitCode;
}

/** An answer printed as any other, with an exit code other than 0 (`return new Finished(summary, EXIT.failed)`). */
export class Finished {
  constructor(readonly value: unknown, readonly exitCode: ExitCode) {}
}

/** Wraps an action: `(ctx, ...positional arguments, options)`; its result is the answer to print. */
export type Act = <A extends unknown[]>(action: (ctx: Context, ...args: A) => Promise<unknown>, view?: string) => (...args: unknown[]) => Promise<void>;

/** A command file's export. */
export type Register = (program: Command, act: Act) => void;
