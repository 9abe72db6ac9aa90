// Type-level tests of query options (issue 20): `$orderby` terms are checked against the type's
// property names. Compiled by `tsc -p tsconfig.json` (test/typecheck.test.ts), never run.
import { createClient } from 'msgraph-ts/v1.0';

const client = createClient({ token: 't' });

export async function orderbyNamesAreChecked(): Promise<void> {
  await client.me.messages.get({ orderby: ['receivedDateTime desc', 'subject', 'from/emailAddress/address asc'] });
  // @ts-expect-error message has no receivedDate (Graph would answer 400)
  await client.me.messages.get({ orderby: ['receivedDate desc'] });
  // @ts-expect-error a direction is `asc` or `desc`
  await client.me.messages.get({ orderby: ['subject down'] });
  // @ts-expect-error the first name of a path is checked too
  await client.me.messages.get({ orderby: ['sender2/emailAddress/name'] });
}
