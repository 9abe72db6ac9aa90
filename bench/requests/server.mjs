// The local Graph-shaped server every request driver talks to, in its own process so its CPU is never
// counted against a client. `node server.mjs [port]` (0 or nothing: a free port) prints `{"port":N}`.
//   GET  /v1.0/me/messages?$select=subject&$top=10  -> 200, a page of 10 messages as Graph returns it (~3.6 KB)
//   POST /v1.0/me/sendMail  {message:{subject,…}}   -> 202, empty
//   GET  /__stats  (the runner, between drivers)      -> what arrived since the last /__stats, then resets
// Anything else, a missing `Authorization: Bearer …`, a wrong query or a body without a message gets
// Graph's error shape and a 4xx, so a driver that skips work fails instead of looking fast.
import http from 'node:http';
import { randomUUID } from 'node:crypto';

const base = 'AAMkAGI2TG93AAA=';
const messages = Array.from({ length: 10 }, (_, i) => ({
  '@odata.etag': `W/"CQAAABYAAAAiIsqMbYjsT5e/T7KzowPTAAAA${String(i).padStart(4, '0')}"`,
  id: `AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OABGAAAAAAAiQ8W967B7TKBjgx9rVEURBwAiIsqMbYjsT5e_T7KzowPTAAAAAAEMAAAiIsqMbYjsT5e_T7KzowPTAAA${i}${base}`,
  subject: [`Quarterly planning review ${i}`, `Re: Invoice #${4200 + i} for your approval`, `FW: Team offsite agenda and travel logistics (${i})`][i % 3],
}));
const page = Buffer.from(JSON.stringify({
  '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#users('48d31887-5fad-4d73-a9f5-3c356e68a038')/messages(subject)",
  value: messages,
  '@odata.nextLink': 'https://graph.microsoft.com/v1.0/me/messages?%24select=subject&%24top=10&%24skip=10',
}));
const pageHeaders = {
  'content-type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
  'content-length': page.length,
  'cache-control': 'no-cache',
  vary: 'Accept-Encoding',
  'strict-transport-security': 'max-age=31536000',
  'x-ms-ags-diagnostic': '{"ServerInfo":{"DataCenter":"West Europe","Slice":"E","Ring":"5","ScaleUnit":"003","RoleInstance":"AM2PEPF0001B1A3"}}',
  'odata-version': '4.0',
};

let stats = fresh();
function fresh() {
  return { get: 0, sendMail: 0, rejected: 0, withClientRequestId: 0, connections: 0, since: Date.now() };
}

function error(res, status, code, message, requestId, clientRequestId) {
  stats.rejected++;
  const body = JSON.stringify({ error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': requestId, 'client-request-id': clientRequestId } } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'request-id': requestId, 'client-request-id': clientRequestId });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const url = req.url ?? '';
  if (url === '/__stats') {
    const body = JSON.stringify(stats);
    stats = fresh();
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    return;
  }
  const requestId = randomUUID();
  const clientRequestId = req.headers['client-request-id'];
  const crid = typeof clientRequestId === 'string' ? clientRequestId : requestId;
  if (typeof clientRequestId === 'string') stats.withClientRequestId++;
  if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) {
    return error(res, 401, 'InvalidAuthenticationToken', 'Access token is empty.', requestId, crid);
  }
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (req.method === 'GET' && path === '/v1.0/me/messages') {
    const params = new URLSearchParams(url.slice(q + 1));
    if (params.get('$select') !== 'subject' || params.get('$top') !== '10' || [...params.keys()].length !== 2) {
      return error(res, 400, 'BadRequest', `Unexpected query ${url.slice(q)}`, requestId, crid);
    }
    stats.get++;
    res.writeHead(200, { ...pageHeaders, 'request-id': requestId, 'client-request-id': crid, date: new Date().toUTCString() });
    res.end(page);
    return;
  }
  if (req.method === 'POST' && path === '/v1.0/me/sendMail' && q < 0) {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let message;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        message = body.message ?? body.Message; // Graph reads property names case-insensitively; Kiota sends `Message`
      } catch {
        return error(res, 400, 'BadRequest', 'Unable to read JSON request payload.', requestId, crid);
      }
      if (typeof message?.subject !== 'string' || message.toRecipients?.[0]?.emailAddress?.address !== 'alex@contoso.com') {
        return error(res, 400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.', requestId, crid);
      }
      stats.sendMail++;
      res.writeHead(202, { 'content-length': 0, 'cache-control': 'private', 'request-id': requestId, 'client-request-id': crid, date: new Date().toUTCString() });
      res.end();
    });
    return;
  }
  error(res, 404, 'ResourceNotFound', `No route for ${req.method} ${path}`, requestId, crid);
});
server.keepAliveTimeout = 60_000;
server.on('connection', () => stats.connections++); // a client that reconnects per request measures something else
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port, pageBytes: page.length })));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
