// System query options against the seeded tenant: $select, $expand, $filter, $orderby, $top, $skip,
// $count, $search, server-driven paging, and the directory's ConsistencyLevel rules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADELE, SALES_GROUP, allPages, graphError, startTestGraph } from './helpers/graph-server.js';

const graph = await startTestGraph({ pageSize: 4 });
const EVENTUAL = { ConsistencyLevel: 'eventual' };
const q = encodeURIComponent;

async function subjects(filter: string, folder = 'inbox'): Promise<string[]> {
  const r = await graph.get(`/me/mailFolders/${folder}/messages?$filter=${q(filter)}&$select=subject&$orderby=subject&$top=50`);
  assert.equal(r.status, 200, `${filter}: ${r.text}`);
  return r.body.value.map((m: { subject: string }) => m.subject);
}

test('$select returns only the chosen properties (and the key) and is echoed in @odata.context', async () => {
  const r = await graph.get('/me/messages?$select=subject,importance&$top=2');
  for (const m of r.body.value) assert.deepEqual(Object.keys(m).filter((k) => !k.startsWith('@')).sort(), ['id', 'importance', 'subject']);
  assert.match(r.body['@odata.context'], /\/messages\(subject,importance\)$/);
});

test('users come with Graph’s default property set unless $select asks for more', async () => {
  const plain = await graph.get(`/users/${ADELE.id}`);
  assert.equal(plain.body.city, undefined);
  assert.equal(plain.body.displayName, 'Adele Vance');
  const selected = await graph.get(`/users/${ADELE.id}?$select=city,department`);
  assert.deepEqual({ city: selected.body.city, department: selected.body.department }, { city: 'Redmond', department: 'Retail' });
});

test('$select of an unknown property is a 400 naming it', async () => {
  const r = await graph.get('/me/messages?$select=subject,nope');
  assert.equal(r.status, 400);
  assert.equal(graphError(r).message, "Could not find a property named 'nope' on type 'microsoft.graph.message'.");
});

test('$expand inlines one level, with its own $select and $filter', async () => {
  const r = await graph.get(`/me/messages?$filter=${q("subject eq 'Your invoice INV-1042'")}&$expand=attachments($select=name,size)`);
  const attachments = r.body.value[0].attachments;
  assert.equal(attachments.length, 1);
  assert.equal(attachments[0].name, 'invoice-1042.pdf');
  assert.equal(attachments[0].contentBytes, undefined);
  const group = await graph.get(`/groups/${SALES_GROUP}?$expand=members($select=displayName;$filter=startswith(displayName,'A'))`);
  assert.deepEqual(group.body.members.map((m: { displayName: string }) => m.displayName).sort(), ['Adele Vance', 'Alex Wilber']);
  const manager = await graph.get('/me?$expand=manager($select=displayName)');
  assert.equal(manager.body.manager.displayName, 'Nestor Wilke');
  assert.equal((await graph.get('/me/messages?$expand=nothing')).status, 400);
});

test('$filter compares with eq, ne, gt, ge, lt, le, and, or, not and parentheses', async () => {
  assert.deepEqual(await subjects("importance eq 'high'"), ['Q3 marketing plan review', 'Store operations update']);
  assert.deepEqual(await subjects("importance ne 'normal' and isRead eq true"), ['Store operations update', 'Ticket #5521 updated']);
  assert.deepEqual(await subjects('receivedDateTime ge 2024-05-06T00:00:00Z and receivedDateTime lt 2024-05-06T07:00:00Z'), ['Lunch on Friday?', 'Your invoice INV-1042']);
  assert.deepEqual(await subjects("receivedDateTime le 2024-05-03T09:00:00Z or (importance eq 'low')"), ['Ticket #5521 updated']);
  assert.equal((await subjects("not (importance eq 'normal')")).length, 3);
  assert.equal((await subjects('isRead eq false')).length, 3);
  assert.deepEqual(await subjects("receivedDateTime gt 2024-05-06"), ['Lunch on Friday?', 'Q3 marketing plan review', 'Your invoice INV-1042'],
    'a date literal compares as midnight UTC');
});

test('$filter takes string functions, escaped quotes, nested paths, enums, in, and null', async () => {
  assert.deepEqual(await subjects("startswith(subject,'ticket')"), ['Ticket #5521 updated']);
  assert.deepEqual(await subjects("endswith(subject,'review')"), ['Q3 marketing plan review']);
  assert.deepEqual(await subjects("contains(subject,'offsite')"), ['Photos from the offsite']);
  assert.deepEqual(await subjects("subject eq 'Proposal: it''s time to talk pricing'"), ["Proposal: it's time to talk pricing"]);
  assert.deepEqual(await subjects("from/emailAddress/address eq 'billing@fabrikam.com'"), ['Your invoice INV-1042']);
  assert.deepEqual(await subjects("importance eq microsoft.graph.importance'low'"), ['Ticket #5521 updated']);
  assert.deepEqual(await subjects("importance in ('low', 'high')"), ['Q3 marketing plan review', 'Store operations update', 'Ticket #5521 updated']);
  assert.deepEqual(await subjects("tolower(subject) eq 'lunch on friday?'"), ['Lunch on Friday?']);
  assert.equal((await graph.get(`/users?$filter=${q('mobilePhone eq null')}&$top=50`)).body.value.length, 6);
});

test('$filter lambdas: any/all over strings and over complex values with a range variable', async () => {
  assert.deepEqual(await subjects("categories/any(c: c eq 'Red category')"), ['Lunch on Friday?', "Proposal: it's time to talk pricing"]);
  assert.deepEqual(await subjects("categories/any(c: c eq 'Blue category') and categories/all(c: startswith(c, 'B') or startswith(c, 'R'))"), ["Proposal: it's time to talk pricing"]);
  assert.deepEqual(await subjects("toRecipients/any(r: r/emailAddress/address eq 'meganb@contoso.com')"), ['Store operations update']);
  assert.deepEqual(await subjects("ccRecipients/any()"), ['Q3 marketing plan review']);
  const all = await subjects("toRecipients/all(r: endswith(r/emailAddress/address, '@contoso.com'))");
  assert.equal(all.length, 8, 'every inbox message was sent to contoso addresses');
  const unified = await graph.get(`/groups?$filter=${q("groupTypes/any(g: g eq 'Unified')")}&$select=displayName`);
  assert.deepEqual(unified.body.value.map((g: { displayName: string }) => g.displayName).sort(), ['All Company', 'Sales and Marketing']);
});

test('a bad $filter is a 400 that names the problem and its position', async () => {
  const cases: Array<[string, RegExp]> = [
    ['subject eq', /syntax error at position 10 in 'subject eq'/],
    ["subject eq 'unterminated", /unterminated string literal at position 11/],
    ['nope eq 1', /Could not find a property named 'nope' on type 'microsoft\.graph\.message'/],
    ["frobnicate(subject, 'x')", /unknown function 'frobnicate' at position 0/],
    ["subject eq 'a' and", /syntax error at position 18/],
    ["categories eq 'x' )", /syntax error at position 18/],
    ["from/emailAddress/nope eq 'x'", /'nope' on type 'microsoft\.graph\.emailAddress'/],
    ["toRecipients/emailAddress/address eq 'x'", /walks into a collection without any\/all/],
  ];
  for (const [filter, pattern] of cases) {
    const r = await graph.get(`/me/messages?$filter=${q(filter)}`);
    assert.equal(r.status, 400, filter);
    assert.match(graphError(r).message, pattern, filter);
  }
});

test('$orderby sorts by several keys, asc and desc, keeping ties in a stable order', async () => {
  const r = await graph.get('/me/mailFolders/inbox/messages?$orderby=importance desc,subject asc&$select=importance,subject&$top=50');
  const rows = r.body.value.map((m: { importance: string; subject: string }) => `${m.importance}|${m.subject}`);
  assert.deepEqual(rows, [
    'high|Q3 marketing plan review', 'high|Store operations update',
    'normal|Lunch on Friday?', 'normal|Photos from the offsite', "normal|Proposal: it's time to talk pricing",
    'normal|Re: Launch event logistics', 'normal|Your invoice INV-1042',
    'low|Ticket #5521 updated',
  ], 'enum members sort by value (high > normal > low), then subject ascending');
  const ties = await graph.get('/me/mailFolders/inbox/messages?$orderby=isRead&$select=subject&$top=50');
  const tiesAgain = await graph.get('/me/mailFolders/inbox/messages?$orderby=isRead&$select=subject&$top=50');
  assert.deepEqual(ties.body.value, tiesAgain.body.value, 'equal keys keep the same order every time');
  assert.equal((await graph.get('/me/messages?$orderby=nope')).status, 400);
});

test('paging follows absolute nextLinks with an opaque $skiptoken until there is none', async () => {
  const first = await graph.get('/me/mailFolders/inbox/messages?$select=subject');
  assert.equal(first.body.value.length, 4, 'the server page size');
  const next = first.body['@odata.nextLink'] as string;
  assert.ok(next.startsWith(`${graph.emulator.graphUrl}/me/mailFolders/inbox/messages?$skiptoken=`), next);
  assert.ok(!next.includes('$select'), 'the query travels inside the token');
  const { pages, values } = await allPages(graph, '/me/mailFolders/inbox/messages?$select=subject');
  assert.equal(pages, 2);
  assert.equal(values.length, 8);
  assert.equal(new Set(values.map((v) => (v as { id: string }).id)).size, 8, 'no duplicates across pages');
  const bogus = await graph.get('/me/messages?$skiptoken=not-a-token');
  assert.equal(bogus.status, 400);
});

test('$top is the page size and $skip the start, combining with paging over several pages', async () => {
  const { pages, values } = await allPages(graph, '/me/messages?$top=3&$skip=2&$orderby=receivedDateTime desc&$select=subject');
  const everything = await allPages(graph, '/me/messages?$orderby=receivedDateTime desc&$select=subject');
  assert.equal(values.length, everything.values.length - 2);
  assert.deepEqual(values, everything.values.slice(2));
  assert.equal(pages, Math.ceil(values.length / 3));
  const top0 = await graph.get('/me/messages?$top=0');
  assert.deepEqual(top0.body.value, []);
  assert.equal((await graph.get('/me/messages?$top=-1')).status, 400);
});

test('$count=true adds @odata.count to every page and /$count answers text/plain', async () => {
  const r = await graph.get('/me/mailFolders/inbox/messages?$count=true&$filter=isRead eq true');
  assert.equal(r.body['@odata.count'], 5);
  const page2 = await graph.get(new URL(r.body['@odata.nextLink']).pathname.replace('/v1.0', '') + new URL(r.body['@odata.nextLink']).search);
  assert.equal(page2.body['@odata.count'], 5);
  const count = await graph.get('/me/mailFolders/inbox/messages/$count');
  assert.equal(count.text, '8');
  assert.match(count.headers.get('content-type')!, /^text\/plain/);
});

test('on users, $count needs ConsistencyLevel: eventual, with it the count is right', async () => {
  const without = await graph.get('/users/$count');
  assert.equal(without.status, 400);
  assert.equal(graphError(without).code, 'Request_BadRequest');
  assert.equal((await graph.get('/users?$count=true')).status, 400);
  const count = await graph.get('/users/$count', EVENTUAL);
  assert.equal(count.text, '6');
  const listed = await graph.get('/users?$count=true&$top=2', EVENTUAL);
  assert.equal(listed.body['@odata.count'], 6);
  assert.equal(listed.body.value.length, 2);
});

test('on users, ne / not / endswith need ConsistencyLevel: eventual and $count=true', async () => {
  const filter = q("endswith(mail,'@fabrikam.com')");
  const without = await graph.get(`/users?$filter=${filter}`);
  assert.equal(without.status, 400);
  assert.equal(graphError(without).code, 'Request_UnsupportedQuery');
  assert.equal((await graph.get(`/users?$filter=${filter}`, EVENTUAL)).status, 400, '$count=true is needed too');
  const ok = await graph.get(`/users?$filter=${filter}&$count=true`, EVENTUAL);
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body.value.map((u: { displayName: string }) => u.displayName), ["Lidia O'Brien"]);
  const ne = await graph.get(`/users?$filter=${q("userType ne 'Member'")}&$count=true&$select=displayName`, EVENTUAL);
  assert.deepEqual(ne.body.value.map((u: { displayName: string }) => u.displayName), ["Lidia O'Brien"]);
  assert.equal((await graph.get(`/me/messages?$filter=${q("importance ne 'low'")}`)).status, 200, 'Outlook has no such rule');
});

test('$search finds messages by term and directory objects by property prefix', async () => {
  const mail = await graph.get(`/me/messages?$search=${q('"pizza"')}&$select=subject`);
  assert.deepEqual(mail.body.value.map((m: { subject: string }) => m.subject), ['Lunch on Friday?']);
  const from = await graph.get(`/me/messages?$search=${q('"from:fabrikam"')}&$select=subject`);
  assert.deepEqual(from.body.value.map((m: { subject: string }) => m.subject).sort(),
    ['Old newsletter', "Proposal: it's time to talk pricing", 'Your invoice INV-1042'], 'billing@ and lidia.o\'brien@ are both at fabrikam');
  assert.equal((await graph.get(`/users?$search=${q('"displayName:meg"')}`)).status, 400, 'the directory needs ConsistencyLevel');
  const users = await graph.get(`/users?$search=${q('"displayName:meg" OR "displayName:nes"')}&$select=displayName`, EVENTUAL);
  assert.deepEqual(users.body.value.map((u: { displayName: string }) => u.displayName), ['Megan Bowen', 'Nestor Wilke']);
});

test('query option names work without $ and are case-insensitive, but only once each', async () => {
  const r = await graph.get('/me/messages?top=1&SELECT=subject');
  assert.equal(r.body.value.length, 1);
  assert.deepEqual(Object.keys(r.body.value[0]).filter((k) => !k.startsWith('@')).sort(), ['id', 'subject']);
  assert.equal((await graph.get('/me/messages?$top=1&top=2')).status, 400);
});
