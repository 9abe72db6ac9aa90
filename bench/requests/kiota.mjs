// @microsoft/msgraph-sdk (Kiota) as its README sets it up: GraphRequestAdapter (Kiota's FetchRequestAdapter
// with Graph's default middleware: retry, redirect, parameter decoding, user agent, headers inspection,
// /users/TokenToReplace -> /me, SdkVersion telemetry) and Kiota's own bearer provider. Its access token
// provider does what a real one does before returning a token (allowed hosts, https-or-loopback check);
// kiota-abstractions lets a bearer token go to 127.0.0.1 over http, so no header is added by hand.
import { createGraphServiceClient, GraphRequestAdapter } from '@microsoft/msgraph-sdk';
import '@microsoft/msgraph-sdk-users';
import { AllowedHostsValidator, BaseBearerTokenAuthenticationProvider, validateProtocol } from '@microsoft/kiota-abstractions';
import { mail, origin, run } from './harness.mjs';

class StaticAccessTokenProvider {
  hosts = new AllowedHostsValidator(new Set(['127.0.0.1']));
  getAllowedHostsValidator = () => this.hosts;
  getAuthorizationToken = async (url) => {
    if (!url || !this.hosts.isUrlHostValid(url)) return '';
    validateProtocol(url);
    return 'x';
  };
}

const adapter = new GraphRequestAdapter(new BaseBearerTokenAuthenticationProvider(new StaticAccessTokenProvider()));
adapter.baseUrl = `${origin}/v1.0`;
const client = createGraphServiceClient(adapter);

await run('kiota', {
  get: () => client.me.messages.get({ queryParameters: { select: ['subject'], top: 10 } }),
  async send() {
    const r = await client.me.sendMail.post(mail);
    if (r !== undefined) throw new Error(`sendMail resolved to ${JSON.stringify(r)}`);
  },
});
