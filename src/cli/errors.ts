// Exit codes scripts can test, and the one error type a command throws for bad input. Everything else a
// command throws (GraphError, AuthError, WorkflowError, a network error) is a failure of the call: 1.

/** `msgraph-ts …; echo $?`: what each code means (README, "Command line"). */
export const EXIT = {
  /** The command did what it was asked. */
  ok: 0,
  /** Graph, the identity service or the network said no (a 404, a 403, not signed in, a timeout). */
  failed: 1,
  /** The command line was wrong: an unknown command or option, a missing or bad argument, a missing file. */
  usage: 2,
  /** Stopped by Ctrl+C (SIGINT), as shells report 128 + 2; nothing half-written is left behind. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Bad input on the command line: exit code 2, and the message says what to type instead. */
export class UsageError extends Error {
  override name = 'UsageError';
}
