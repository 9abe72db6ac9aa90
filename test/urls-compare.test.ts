// How a request on the wire is compared with the documented one (test/helpers/recording-server.ts), and
// how scripts/doc-wire.ts's walker reads a documented path: the two spellings OData gives one address are
// one request, names may differ in case (Graph reads them in any case), ids and keys never; and what the
// walker counts as the docs' own mistake rather than a request.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ModelIndex } from '../generator/model-index.js';
import { readOverrides, type Overrides } from '../generator/overrides.js';
import { versionSchema } from '../generator/version-schema.js';
import { closeColonPath, walk, type Walked } from '../scripts/doc-walker.js';
import { canonicalSegments, foldNames, normalise } from './helpers/recording-server.js';

const same = (a: string, b: string): boolean => JSON.stringify(normalise('GET', a)) === JSON.stringify(normalise('GET', b));

test('a key in parentheses and a key segment are one address', () => {
  assert.deepEqual(canonicalSegments("events('AAMkAGE1M2_bs88AACbuFiiAAA%3D')"), ['events', 'AAMkAGE1M2_bs88AACbuFiiAAA=']);
  assert.ok(same("/v1.0/me/messages('AAMk=')", '/v1.0/me/messages/AAMk%3D'));
  assert.ok(same("/v1.0/me/mailFolders/inbox/messageRules('it''s')", "/v1.0/me/mailFolders/inbox/messageRules/it's"));
  assert.ok(same('/v1.0/me/drive/items/1/workbook/worksheets({id})/range', '/v1.0/me/drive/items/1/workbook/worksheets/{id}/range'));
});

test('a key that starts with $ keeps its parentheses, and an id with encoded parentheses stays one segment', () => {
  // `/users/$x@y.com` would read as a system segment: only the parenthesised form carries it.
  assert.deepEqual(canonicalSegments("users('%24x@y.com')"), ["users('$x@y.com')"]);
  assert.ok(!same("/v1.0/users('%24x@y.com')", '/v1.0/users/%24x@y.com'));
  assert.deepEqual(canonicalSegments('a%28b%29'), ['a(b)']);
  assert.ok(!same('/v1.0/items/a%28b%29', '/v1.0/items/a/b'));
});

test('blanks between function arguments are not part of the request, blanks inside a quoted value are', () => {
  assert.ok(same('/v1.0/range/resizedRange(deltaRows=1, deltaColumns=2)', '/v1.0/range/resizedRange(deltaRows=1,deltaColumns=2)'));
  assert.ok(same("/v1.0/f(a = 'x', b=2 )", "/v1.0/f(a='x',b=2)"));
  assert.ok(!same("/v1.0/f(a='x, y')", "/v1.0/f(a='x,y')"));
  // A call with named arguments is not a key.
  assert.deepEqual(canonicalSegments("range(address='A1:B2')"), ["range(address='A1:B2')"]);
});

test('names are folded to lower case where the caller says, ids and argument values never', () => {
  const doc = normalise('GET', "/v1.0/me/calendargroups/AbC/Image(fittingMode='Fit')");
  const sent = normalise('GET', "/v1.0/me/calendarGroups/AbC/image(fittingMode='Fit')");
  assert.notDeepEqual(doc, sent);
  assert.deepEqual(foldNames(doc, [2, 3, 5]), foldNames(sent, [2, 3, 5]));
  assert.equal(foldNames(sent, [5]).segments[5], "image(fittingMode='Fit')");
  // The id is not a name: an id in another case is another request.
  const otherId = normalise('GET', "/v1.0/me/calendarGroups/abc/image(fittingMode='Fit')");
  assert.notDeepEqual(foldNames(doc, [2, 3, 5]), foldNames(otherId, [2, 3, 5]));
});

let index: ModelIndex;
let overrides: Overrides;
before(async () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  overrides = await readOverrides(`${root}metadata/overrides.json`);
  index = new ModelIndex(await versionSchema('v1.0', root, overrides));
});

function walked(path: string, post = false): Walked {
  const w = walk(index, overrides.addressing, path, { anyCase: true, post });
  assert.ok(!('miss' in w), `${path}: ${'miss' in w ? w.miss : ''}`);
  return w;
}

test('the walker reads names in any case and says which segments are names', () => {
  const w = walked('/me/calendargroups/AAMkADYAAAR9NR5AAA=/calendars');
  assert.equal(w.expr, 'c.me.calendarGroups.byId("AAMkADYAAAR9NR5AAA=").calendars');
  assert.deepEqual(w.names, [0, 1, 3]);
  assert.equal(walked('/Me/messages').expr, 'c.me.messages');
  assert.equal(walked('/teams/t1/schedule/offershiftrequests', true).expr, 'c.teams.byId("t1").schedule.offerShiftRequests');
  // Without anyCase, a name in another case is not the API's.
  assert.ok('miss' in walk(index, overrides.addressing, '/me/calendargroups', {}));
});

test('the walker takes ids with colons and @, keys in parentheses, and calls with colons in their arguments', () => {
  assert.equal(walked('/chats/19:abc@thread.v2/messages').expr, 'c.chats.byId("19:abc@thread.v2").messages');
  assert.equal(walked('/teams/t1/channels/19:4b6b@thread.tacv2/messages/1590776551682/replies').expr,
    'c.teams.byId("t1").channels.byId("19:4b6b@thread.tacv2").messages.byId("1590776551682").replies');
  const keyed = walked("/me/events('AAMkAGE1M2_bs88AACbuFiiAAA=')");
  assert.equal(keyed.expr, 'c.me.events.byId("AAMkAGE1M2_bs88AACbuFiiAAA=")');
  assert.deepEqual(keyed.names, [0, 1]);
  assert.equal(walked("/me/drive/items/1/workbook/worksheets/s/range(address='A1:B2')").expr,
    'c.me.drive.items.byId("1").workbook.worksheets.byId("s").range({"address":"A1:B2"})');
  // An operation qualified by its namespace (or the `graph` alias) is the bare-named call (GRAPH-NOTES).
  const delta = walked('/me/messages/microsoft.graph.delta');
  assert.equal(delta.expr, 'c.me.messages.delta()');
  assert.deepEqual(delta.qualified, [2]);
  assert.equal(walked('/me/messages/graph.delta').expr, 'c.me.messages.delta()');
  assert.deepEqual(walked('/me/messages/delta').qualified, []);
  // A colon path is byPath(), the segments after it walked from the item it names.
  const file = walked('/me/drive/root:/Docs/book1.xlsx:/workbook/functions/vlookup', true);
  assert.equal(file.expr, 'c.me.drive.root.byPath("Docs/book1.xlsx").workbook.functions.vlookup');
  assert.deepEqual(file.names, [0, 1, 2, 5, 6, 7]);
  assert.equal(walked('/sites/contoso.sharepoint.com:/sites/team').expr, 'c.sites.byId("contoso.sharepoint.com").byPath("sites/team")');
  assert.ok('miss' in walk(index, overrides.addressing, '/me/drive/items:/a.txt:', { anyCase: true }));
  assert.equal(closeColonPath('/me/drive/root:/a/b.txt'), '/me/drive/root:/a/b.txt:');
  assert.equal(closeColonPath('/me/drive/root:/b.xlsx:/workbook/functions/vlookup'), '/me/drive/root:/b.xlsx:/workbook/functions/vlookup');
  assert.equal(closeColonPath('/chats/19:abc@thread.v2/messages'), '/chats/19:abc@thread.v2/messages');
});

test("the walker counts a documented line as the docs' mistake only by a stated rule", () => {
  const mistake = (path: string, method = 'GET'): string | undefined => {
    const w = walk(index, overrides.addressing, path, { anyCase: true, post: method === 'POST' });
    return 'miss' in w ? w.docs : undefined;
  };
  assert.match(mistake('/education/classes/1/assignmentCategories/$entity', 'POST')!, /\$ segment/);
  assert.match(mistake('/teams/t1/members//ZWUw')!, /empty path segment/);
  assert.match(mistake("/reports/getUserArchivedPrintJobs(userId='{id}',startDateTime=<timestamp>,endDateTime=<timestamp>)")!, /placeholder/);
  assert.match(mistake('/me/drive/items/1/workbook/tables/t/add', 'POST')!, /bound to a collection/);
  assert.match(mistake('/me/drive/items/1/workbook/worksheets({id})/createSession', 'POST')!, /further up the path/);
  assert.match(mistake('/me/drive/items/1/workbook/tables/t/sort/fields/icon')!, /collection of complex values/);
  assert.match(mistake("/reports/getYammerActivityUserDetail(date='2018-03-05')")!, /Edm\.Date/);
  assert.match(mistake('/me/drive/items/1/workbook/names/n/range/boundingRect')!, /required parameters/);
  assert.match(mistake("/roleManagement/directory/roleAssignmentScheduleRequests/filterByCurrentUser(on='d6e4112f-112f-d6e4-2f11-e4d62f11e4d6')")!, /member of/);
  assert.equal(mistake("/roleManagement/directory/roleAssignmentScheduleRequests/filterByCurrentUser(on='principal')"), undefined);
  const patched = walk(index, overrides.addressing, '/me/messages/1/forward', { anyCase: true, method: 'PATCH' });
  assert.match('miss' in patched ? patched.docs! : '', /invoked by PATCH/);
  // Not mistakes: a name Graph has that this version's metadata lacks is not the docs' fault.
  assert.equal(mistake('/deviceManagement/nothingLikeThis'), undefined);
  assert.equal(mistake('/reports/getYammerActivityUserDetail(date=2018-03-05)'), undefined);
});

test("the walker reads a stream property of a function's complex result as a path (beta's reports)", async () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const beta = new ModelIndex(await versionSchema('beta', root, overrides));
  const w = walk(beta, overrides.addressing, "/reports/getM365AppUserDetail(period='D7')/content", { anyCase: true });
  assert.ok(!('miss' in w), 'miss' in w ? w.miss : '');
  assert.equal(w.expr, 'c.reports.getM365AppUserDetail({"period":"D7"}).content');
  assert.equal(w.last, 'stream');
  // Only a stream property is a path below a result: its other properties travel in the result's JSON.
  assert.ok('miss' in walk(beta, overrides.addressing, "/reports/getM365AppUserDetail(period='D7')/id", { anyCase: true }));
});
