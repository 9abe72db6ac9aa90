// Cold start to the first request, @microsoft/microsoft-graph-client 3 with Client.init's default chain.
import { Client } from '@microsoft/microsoft-graph-client';
const client = Client.init({ authProvider: (done) => done(null, 't'), baseUrl: 'http://127.0.0.1:18080/', defaultVersion: 'v1.0', customHosts: new Set(['127.0.0.1']) });
const j = await client.api('/me/messages').select('subject').top(5).get();
if (j.value.length !== 5) process.exit(1);
