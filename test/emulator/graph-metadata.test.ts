// `$metadata` as Kiota, .NET and PowerShell users fetch it: CSDL written from the schema the emulator runs,
// served without a token, as application/xml, gzip-compressed when the client accepts it. Read back with an
// XML parser, it must describe what the emulator answers (message's properties, the `me` singleton,
// contained navigations, bound actions).
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { hasGeneratedSchema } from '../../src/emulator/model/load-schema.js';

const skip = hasGeneratedSchema('v1.0') && hasGeneratedSchema('beta') ? false : 'generated schemas are missing: run `npm run generate`';
let emulator: Emulator | undefined;
test.before(async () => { if (!skip) emulator = await startEmulator({ tls: false, identity: { } }); });
test.after(() => emulator?.stop());

/** Raw GET with the given headers: the body as the server sent it (no transparent decompression). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

interface Named { '@_Name': string; [key: string]: unknown }
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function parse(xml: string): { schemas: Named[]; container: Named } {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(xml) as any;
  const schemas = list(doc['edmx:Edmx']['edmx:DataServices'].Schema) as Named[];
  const root = schemas.find((s) => s['@_Namespace'] === 'microsoft.graph')!;
  return { schemas, container: root['EntityContainer'] as Named };
}

test('GET /v1.0/$metadata needs no token and is CSDL: message has its properties, me is a singleton of user', { skip }, async () => {
  const plain = await rawGet(`${emulator!.graphUrl}/$metadata`, {});
  assert.equal(plain.status, 200, plain.body.toString());
  assert.match(String(plain.headers['content-type']), /^application\/xml/);
  assert.equal(plain.headers['content-encoding'], undefined, 'not compressed unless asked');
  const { schemas, container } = parse(plain.body.toString('utf8'));
  const graph = schemas.find((s) => s['@_Namespace'] === 'microsoft.graph')!;
  assert.equal(graph['@_Alias'], 'graph');
  const types = list(graph['EntityType'] as Named[]);
  const message = types.find((t) => t['@_Name'] === 'message')!;
  assert.equal(message['@_BaseType'], 'microsoft.graph.outlookItem');
  const props = new Map(list(message['Property'] as Named[]).map((p) => [p['@_Name'], p['@_Type']]));
  assert.equal(props.get('subject'), 'Edm.String');
  assert.equal(props.get('toRecipients'), 'Collection(microsoft.graph.recipient)');
  assert.equal(props.get('importance'), 'microsoft.graph.importance');
  assert.equal(props.get('receivedDateTime'), 'Edm.DateTimeOffset');
  const attachments = list(message['NavigationProperty'] as Named[]).find((n) => n['@_Name'] === 'attachments')!;
  assert.deepEqual([attachments['@_Type'], attachments['@_ContainsTarget']], ['Collection(microsoft.graph.attachment)', 'true']);
  const entity = types.find((t) => t['@_Name'] === 'entity')!;
  assert.equal((entity['Key'] as any).PropertyRef['@_Name'], 'id', 'the root of the hierarchy declares the key');
  assert.equal(message['Key'], undefined, 'derived types inherit it');
  const importance = list(graph['EnumType'] as Named[]).find((t) => t['@_Name'] === 'importance')!;
  assert.deepEqual(list(importance['Member'] as Named[]).map((m) => m['@_Name']), ['low', 'normal', 'high']);

  const me = list(container['Singleton'] as Named[]).find((s) => s['@_Name'] === 'me')!;
  assert.equal(me['@_Type'], 'microsoft.graph.user');
  const users = list(container['EntitySet'] as Named[]).find((s) => s['@_Name'] === 'users')!;
  assert.equal(users['@_EntityType'], 'microsoft.graph.user');
  const sendMail = list(graph['Action'] as Named[]).find((a) => a['@_Name'] === 'sendMail')!;
  assert.equal(sendMail['@_IsBound'], 'true');
  const params = list(sendMail['Parameter'] as Named[]);
  assert.deepEqual(params.map((p) => p['@_Name']), ['bindingParameter', 'Message', 'SaveToSentItems']);
  assert.equal(params[0]!['@_Type'], 'microsoft.graph.user');
  const delta = list(graph['Function'] as Named[]).find((f) => f['@_Name'] === 'delta' && (list(f['Parameter'] as Named[])[0]?.['@_Type'] === 'Collection(microsoft.graph.message)'));
  assert.ok(delta, 'message delta is a function bound to the collection');
  assert.ok(schemas.some((s) => s['@_Namespace'] === 'microsoft.graph.callRecords' && list(s['EntityType'] as Named[]).some((t) => t['@_Name'] === 'callRecord')),
    'types of other namespaces are declared in their own Schema');
});

test('$metadata is gzip-compressed when the client accepts it, and beta serves its own model', { skip }, async () => {
  const zipped = await rawGet(`${emulator!.graphUrl}/$metadata`, { 'accept-encoding': 'gzip, deflate' });
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  const xml = gunzipSync(zipped.body).toString('utf8');
  assert.ok(zipped.body.length * 5 < xml.length, `compressed ${zipped.body.length} of ${xml.length} bytes`);
  const refused = await rawGet(`${emulator!.graphUrl}/$metadata`, { 'accept-encoding': 'gzip;q=0' });
  assert.equal(refused.headers['content-encoding'], undefined);

  const beta = await fetch(`${emulator!.origin}/beta/$metadata`);
  assert.equal(beta.status, 200);
  const betaXml = await beta.text();
  assert.notEqual(betaXml.length, xml.length, 'each version has its own document');
  assert.ok(parse(betaXml).container['Singleton']);
});

test('$metadata answers only GET', { skip }, async () => {
  const r = await fetch(`${emulator!.graphUrl}/$metadata`, { method: 'POST', body: '{}' });
  assert.equal(r.status, 405);
});
