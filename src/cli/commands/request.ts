// `get <path>` and `post <path>`: any Graph request through the signed-in client (its token, retries and
// throttling), for whatever the other commands do not cover. `--all` follows @odata.nextLink through the
// client's pager (same host only, no loops) and answers with every item.
import { readFile } from 'node:fs/promises';
import { SENDER, type Sender } from '../../builder.js';
import type { Register } from '../command.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import type { CliClient } from '../session.js';

/** `--header 'Name: value'`, repeatable. */
const collectHeader = (value: string, previous: Record<string, string> = {}): Record<string, string> => {
  const colon = value.indexOf(':');
  if (colon < 1) throw new UsageError(`--header takes 'Name: value'; got '${value}'.`);
  return { ...previous, [value.slice(0, colon).trim()]: value.slice(colon + 1).trim() };
};

interface RequestFlags {
  header?: Record<string, string>;
}

export const request: Register = (program, act) => {
  program.command('get')
    .description('GET any Graph path: /me/messages?$top=5, /beta/me, or a full URL on the same host')
    .argument('<path>', 'path after the version (v1.0 unless it starts with /v1.0/ or /beta/)')
    .option('--all', 'follow @odata.nextLink and answer with every item of every page')
    .option('--header <header>', "extra header, 'Name: value' (repeatable)", collectHeader)
    .action(act(async (ctx, path: string, options: RequestFlags & { all?: boolean }) => {
      const client = await ctx.client();
      const first = await send(ctx, client, 'GET', path, undefined, options.header);
      if (!options.all || !isPage(first)) return first;
      const items = [...first.value];
      const next = first['@odata.nextLink'];
      if (next) {
        for await (const page of client.pages({ from: next, signal: ctx.signal, ...(options.header ? { headers: options.header } : {}) })) {
          items.push(...(page as { value: unknown[] }).value);
          ctx.verbose(`${items.length} items so far`);
        }
      }
      return items;
    }));

  program.command('post')
    .description('POST to any Graph path, with a JSON body')
    .argument('<path>', 'path after the version, as for get')
    .option('--body <json>', 'the JSON body, or @file to read it from a file')
    .option('--header <header>', "extra header, 'Name: value' (repeatable)", collectHeader)
    .action(act(async (ctx, path: string, options: RequestFlags & { body?: string }) => {
      const body = options.body === undefined ? undefined : await jsonBody(options.body);
      return send(ctx, await ctx.client(), 'POST', path, body, options.header);
    }));
};

function isPage(answer: unknown): answer is { value: unknown[]; '@odata.nextLink'?: string } {
  return typeof answer === 'object' && answer !== null && Array.isArray((answer as { value?: unknown }).value);
}

/** Through the client's own transport: its token, retry and throttling, and its errors (GraphError with the request). */
async function send(ctx: Context, client: CliClient, method: string, path: string, body: unknown, headers: Record<string, string> | undefined): Promise<unknown> {
  const transport = client[SENDER] as Sender;
  const url = urlOf(path, (await ctx.account()).protocol.serviceUrl);
  ctx.verbose(`${method} ${url}`);
  return transport.send(method, url, { signal: ctx.signal, ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) });
}

/** A path after the version, a path with its version, or a full URL, which must be on the client's host (its token goes there). */
export function urlOf(path: string, serviceUrl: string): string {
  const origin = new URL(serviceUrl).origin;
  if (/^https?:\/\//i.test(path)) {
    if (new URL(path).origin !== origin) throw new UsageError(`${path} is not on ${origin}: the token is sent to Graph only. Give a path such as /me/messages.`);
    return path;
  }
  const trimmed = path.replace(/^\/+/, '');
  if (trimmed === '') throw new UsageError('Give a Graph path, e.g. /me or /me/messages?$top=5.');
  return /^(v1\.0|beta)(\/|$)/.test(trimmed) ? `${origin}/${trimmed}` : `${serviceUrl}/${trimmed}`;
}

async function jsonBody(text: string): Promise<unknown> {
  let source = text;
  if (text.startsWith('@')) {
    source = await readFile(text.slice(1), 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`--body ${text}: cannot read ${text.slice(1)} (${error.code}).`);
    });
  }
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new UsageError(`--body is not JSON (${(error as Error).message}). Quote it for the shell, e.g. --body '{"displayName":"x"}', or use --body @file.json.`);
  }
}
