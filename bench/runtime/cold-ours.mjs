// Cold start to the first request through the mail workload client.
import { createClient } from 'msgraph-ts/v1.0/workloads/mail';
const c = createClient({ baseUrl: 'http://127.0.0.1:18080', token: 't' });
const j = await c.me.messages.get({ select: ['subject'], top: 5 }); if (j.value.length !== 5) process.exit(1);
