// Cold start to the first request, @microsoft/msgraph-sdk (Kiota) set up as requests/kiota.mjs sets it up.
import { createGraphServiceClient, GraphRequestAdapter } from '@microsoft/msgraph-sdk';
import '@microsoft/msgraph-sdk-users';
import { AllowedHostsValidator, BaseBearerTokenAuthenticationProvider } from '@microsoft/kiota-abstractions';
const hosts = new AllowedHostsValidator(new Set(['127.0.0.1']));
const adapter = new GraphRequestAdapter(new BaseBearerTokenAuthenticationProvider({ getAllowedHostsValidator: () => hosts, getAuthorizationToken: async () => 't' }));
adapter.baseUrl = 'http://127.0.0.1:18080/v1.0';
const j = await createGraphServiceClient(adapter).me.messages.get({ queryParameters: { select: ['subject'], top: 5 } });
if (j?.value?.length !== 5) process.exit(1);
