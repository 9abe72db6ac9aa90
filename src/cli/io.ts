// What the CLI writes to and reads from: the process's streams and environment for the bin, anything
// with `write` for a program calling run(). Its own file so that msgraph-ts/cli's declarations name no
// auth or commander types.

/** Streams as `process.stdout`/`process.stderr` are; `isTTY` decides whether progress bars are drawn. */
export interface CliStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CliIO {
  stdout: CliStream;
  stderr: CliStream;
  env: Record<string, string | undefined>;
  /** Aborted by Ctrl+C (the bin wires SIGINT to it). */
  signal: AbortSignal;
}
