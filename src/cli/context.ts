// What a command is handed: where to write, the settings, the signal that Ctrl+C aborts, logging that
// --verbose and --debug turn on (stderr only, never a token: the client's requests are logged by method,
// URL and status), progress bars, and the signed-in account, opened on first use.
import type { Account } from '../auth/account.js';
import { withMiddleware } from '../middleware.js';
import type { CliIO } from './io.js';
import { progressBar, type Progress } from './progress.js';
import { configDir, readConnection, resolveSettings, tokenFile, type Settings } from './settings.js';
import { openAccount, type CliClient } from './session.js';

/** The options every command takes (m365's global options), plus the connection flags. */
export interface GlobalOptions extends Settings {
  output: string;
  query?: string;
  verbose?: boolean;
  debug?: boolean;
}

export class Context {
  readonly io: CliIO;
  readonly options: GlobalOptions;
  /** The CLI's folder: the token cache and the saved connection. */
  readonly dir: string;
  #settings?: Promise<Settings>;
  #account?: Promise<Account<CliClient>>;

  constructor(io: CliIO, options: GlobalOptions) {
    this.io = io;
    this.options = options;
    this.dir = configDir(io.env);
  }

  get signal(): AbortSignal {
    return this.io.signal;
  }

  /** Flags over MSGRAPH_TS_* over the saved connection. */
  settings(): Promise<Settings> {
    return (this.#settings ??= readConnection(this.dir).then((saved) => resolveSettings(this.options, this.io.env, saved)));
  }

  /** The account of the settings, its tokens read from the backend (signed in or not). */
  account(): Promise<Account<CliClient>> {
    return (this.#account ??= this.settings().then(async (settings) => {
      const logging = this.options.debug ? { middleware: withMiddleware(this.#requestLog()) } : {};
      const account = await openAccount({ settings, dir: this.dir, clientOptions: { ...logging } });
      this.verbose(`Tokens: ${tokenFile(this.dir)} (${settings.authType ?? 'deviceCode'}, app ${settings.appId})`);
      return account.load();
    }));
  }

  /** The fluent v1.0 client of the signed-in account. */
  async client(): Promise<CliClient> {
    return (await this.account()).client;
  }

  /** A bar on stderr when it is a terminal. */
  progress(label: string): Progress {
    return progressBar(this.io.stderr as NodeJS.WritableStream & { isTTY?: boolean }, label);
  }

  /** A line on stderr for people (prompts, what was done); never data. */
  say(line: string): void {
    this.io.stderr.write(`${line}\n`);
  }

  verbose(line: string): void {
    if (this.options.verbose || this.options.debug) this.say(line);
  }

  debug(line: string): void {
    if (this.options.debug) this.say(`[debug] ${line}`);
  }

  /** Closes the connections the client opened (a CA or proxy agent), so the process can end. */
  async close(): Promise<void> {
    const account = await this.#account?.catch(() => undefined);
    await account?.close();
  }

  /** Method, URL and status of each request: enough to follow a command, and nothing secret (no headers). */
  #requestLog() {
    const started = new Map<string, number>();
    return {
      onRequest: ({ request, id }: { request: Request; id: string }) => {
        started.set(id, Date.now());
        this.debug(`${request.method} ${request.url}`);
      },
      onResponse: ({ request, response, id }: { request: Request; response: Response; id: string }) => {
        this.debug(`${request.method} ${request.url} ${response.status} (${Date.now() - (started.get(id) ?? Date.now())} ms, request-id ${response.headers.get('request-id') ?? '-'})`);
        started.delete(id);
      },
    };
  }
}
