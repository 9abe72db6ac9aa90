// A local Graph-shaped server for the runtime benchmarks: one small JSON page for every request.
import http from 'node:http';
const body = JSON.stringify({ '@odata.context': 'x', value: Array.from({ length: 5 }, (_, i) => ({ id: String(i), subject: `s${i}` })) });
http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); })
  .listen(18080, '127.0.0.1', () => console.log('ready'));
