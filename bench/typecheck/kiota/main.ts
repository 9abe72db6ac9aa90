import { createGraphServiceClient, GraphRequestAdapter } from '@microsoft/msgraph-sdk';
import '@microsoft/msgraph-sdk-users';
import type { AuthenticationProvider } from '@microsoft/kiota-abstractions';
const auth: AuthenticationProvider = { authenticateRequest: async () => {} };
const client = createGraphServiceClient(new GraphRequestAdapter(auth));
export async function main(): Promise<void> {
  const page = await client.users.byUserId('me').messages.get({ queryParameters: { select: ['subject'], top: 5 } });
  for (const m of page?.value ?? []) console.log(m.subject);
  await client.users.byUserId('me').sendMail.post({ message: { subject: 'Hi', toRecipients: [{ emailAddress: { address: 'a@b.c' } }] } });
}
