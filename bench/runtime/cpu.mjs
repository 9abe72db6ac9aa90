// Per-request client CPU: N sequential requests, process CPU (user+sys) per request, after a warm-up.
import { createClient } from 'msgraph-ts/v1.0/workloads/mail';
const N = 3000, which = process.argv[2];
const c = createClient({ baseUrl: 'http://127.0.0.1:18080', token: 't' });
const viaFetch = async () => { const r = await fetch('http://127.0.0.1:18080/v1.0/me/messages?$select=subject&$top=5', { headers: { Authorization: 'Bearer t', 'client-request-id': crypto.randomUUID() } }); return r.json(); };
const viaOurs = () => c.me.messages.get({ select: ['subject'], top: 5 });
const run = which === 'ours' ? viaOurs : viaFetch;
for (let i = 0; i < 300; i++) await run();
const t0 = process.cpuUsage();
for (let i = 0; i < N; i++) await run();
const d = process.cpuUsage(t0);
console.log(which, ((d.user + d.system) / N).toFixed(1), 'µs CPU/request');
