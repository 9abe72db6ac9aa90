// @microsoft/microsoft-graph-client 3.x with the default middleware chain of Client.init in Node
// (authentication -> retry -> redirect -> telemetry -> fetch) and an auth provider returning a static token.
// That chain adds Authorization and client-request-id only for https Graph hosts or `customHosts`, so the
// client is pointed at https://127.0.0.1:PORT (listed in customHosts) and the last handler, which in the
// stock chain is `fetch(context.request, context.options)`, sends it to the same port over http. Every
// handler of the stock chain runs as it would against graph.microsoft.com.
import { AuthenticationHandler, Client, RedirectHandler, RedirectHandlerOptions, RetryHandler, RetryHandlerOptions, TelemetryHandler } from '@microsoft/microsoft-graph-client';
import { mail, port, run } from './harness.mjs';

const authProvider = { getAccessToken: async () => 'x' };
class LoopbackHTTPMessageHandler {
  async execute(context) {
    context.response = await fetch(context.request.replace('https://', 'http://'), context.options);
  }
}
const chain = [new AuthenticationHandler(authProvider), new RetryHandler(new RetryHandlerOptions()), new RedirectHandler(new RedirectHandlerOptions()), new TelemetryHandler(), new LoopbackHTTPMessageHandler()];
for (let i = 0; i < chain.length - 1; i++) chain[i].setNext(chain[i + 1]);
const client = Client.initWithMiddleware({ middleware: chain[0], baseUrl: `https://127.0.0.1:${port}/`, defaultVersion: 'v1.0', customHosts: new Set(['127.0.0.1']) });

await run('graph-client', {
  get: () => client.api('/me/messages').select('subject').top(10).get(),
  send: () => client.api('/me/sendMail').post(mail), // a non-2xx throws GraphError; the server counts the 202s
});
