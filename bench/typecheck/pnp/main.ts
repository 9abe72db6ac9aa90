import { graphfi, DefaultHeaders, DefaultInit } from '@pnp/graph';
import '@pnp/graph/users';
import '@pnp/graph/mail';
import { BearerToken, BrowserFetchWithRetry, DefaultParse } from '@pnp/queryable';
const graph = graphfi().using(DefaultHeaders(), DefaultInit(), BrowserFetchWithRetry(), DefaultParse(), BearerToken(''));
export async function main(): Promise<void> {
  const page = await graph.me.messages.select('subject').top(5)();
  for (const m of page) console.log(m.subject);
  await graph.me.sendMail({ subject: 'Hi', toRecipients: [{ emailAddress: { address: 'a@b.c' } }] });
}
