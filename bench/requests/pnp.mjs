// PnPjs (@pnp/graph 4) set up as its docs set it up for Node: the default Graph headers and init, its
// fetch with retry, its parser, and its bearer-token behavior with a static token. Its collection call
// resolves to the array of items, so the page is rebuilt around it for the harness's check (one object).
import { graphfi, DefaultHeaders, DefaultInit } from '@pnp/graph';
import '@pnp/graph/users/index.js';
import '@pnp/graph/mail/index.js';
import { BearerToken, BrowserFetchWithRetry, DefaultParse } from '@pnp/queryable';
import { mail, origin, run } from './harness.mjs';

const graph = graphfi().using(DefaultHeaders(), DefaultInit(`${origin}/v1.0`), BrowserFetchWithRetry(), DefaultParse(), BearerToken('x'));

await run('pnp', {
  get: async () => ({ value: await graph.me.messages.select('subject').top(10)() }),
  send: () => graph.me.sendMail(mail.message, mail.saveToSentItems),
});
