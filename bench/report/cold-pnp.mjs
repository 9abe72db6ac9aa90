// Cold start to the first request, PnPjs (@pnp/graph 4) with its documented Node behaviors and a bearer token.
import { graphfi, DefaultHeaders, DefaultInit } from '@pnp/graph';
import '@pnp/graph/users/index.js';
import '@pnp/graph/mail/index.js';
import { BearerToken, BrowserFetchWithRetry, DefaultParse } from '@pnp/queryable';
const graph = graphfi().using(DefaultHeaders(), DefaultInit('http://127.0.0.1:18080/v1.0'), BrowserFetchWithRetry(), DefaultParse(), BearerToken('t'));
const j = await graph.me.messages.select('subject').top(5)();
if (j.length !== 5) process.exit(1);
