// calendarView: the events overlapping startDateTime/endDateTime, sorted by start, for the default calendar
// (`/me/calendarView`) or a given one (`/me/calendars/{id}/calendarView`), across time zones and offsets;
// without both parameters it is Graph's 400 ErrorInvalidParameter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GraphSchema } from '../../src/schema.js';
import { graphError, startTestGraph } from './helpers/graph-server.js';
import { miniSchema } from './helpers/mini-schema.js';

/** The mini schema plus `calendarView` on users and calendars, contained as in the v1.0 metadata. */
function withCalendarView(): GraphSchema {
  const schema = miniSchema();
  for (const type of ['microsoft.graph.user', 'microsoft.graph.calendar']) {
    schema.entityTypes[type]!.navigation.push({ name: 'calendarView', type: 'microsoft.graph.event', collection: true, nullable: true, containsTarget: true });
  }
  return schema;
}

const graph = await startTestGraph({ schema: withCalendarView(), pageSize: 2 });
const q = encodeURIComponent;
const HOUR = 3_600_000;

/** The seeded events of Adele's default calendar, by subject, with their start and end in ms. */
const seeded = new Map<string, { start: number; end: number }>();
for (const e of (await graph.get('/me/events?$select=subject,start,end&$top=50')).body.value as Array<{ subject: string; start: { dateTime: string }; end: { dateTime: string } }>) {
  seeded.set(e.subject, { start: Date.parse(`${e.start.dateTime.slice(0, 19)}Z`), end: Date.parse(`${e.end.dateTime.slice(0, 19)}Z`) });
}
const at = (subject: string, edge: 'start' | 'end', plusMs = 0): string => new Date(seeded.get(subject)![edge] + plusMs).toISOString();

async function view(start: string, end: string, path = '/me/calendarView', extra = ''): Promise<string[]> {
  const r = await graph.get(`${path}?startDateTime=${q(start)}&endDateTime=${q(end)}&$select=subject${extra}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body['@odata.nextLink'], undefined, 'one page');
  return r.body.value.map((e: { subject: string }) => e.subject);
}

test('calendarView lists the events that overlap the window, sorted by start', async () => {
  assert.deepEqual(await view(at('Q3 plan review', 'start', HOUR / 2), at('Store walkthrough', 'start', HOUR)), ['Q3 plan review', 'Store walkthrough'],
    'one that began before the window and one that ends after it');
  assert.deepEqual(await view(at('Q3 plan review', 'end'), at('Store walkthrough', 'start')), [],
    'an event ending as the window starts, or starting as it ends, does not overlap');
  assert.deepEqual(await view(at('Lunch with Alex', 'start', 1), at('Lunch with Alex', 'end', -1)), ['Lunch with Alex'], 'a window inside an event');
});

test('the window survives paging: the nextLink keeps it', async () => {
  const first = await graph.get(`/me/calendarView?startDateTime=${q(at('1:1 with Nestor', 'start', -HOUR))}&endDateTime=${q(at('Lunch with Alex', 'end'))}&$select=subject`);
  assert.equal(first.status, 200);
  const next = first.body['@odata.nextLink'] as string;
  assert.ok(next && !next.includes('startDateTime'), 'the emulator keeps the window in its $skiptoken');
  const second = (await (await fetch(next)).json()) as { value: Array<{ subject: string }> };
  assert.deepEqual([...first.body.value, ...second.value].map((e: { subject: string }) => e.subject),
    ['1:1 with Nestor', 'Q3 plan review', 'Store walkthrough', 'Lunch with Alex']);
  const count = await graph.get(`/me/calendarView/$count?startDateTime=${q(at('Q3 plan review', 'start'))}&endDateTime=${q(at('Store walkthrough', 'end'))}`);
  assert.equal(count.text, '2');
});

test('offsets in the window and time zones of events are honoured', async () => {
  const event = async (subject: string, timeZone: string, local: string, hours: number): Promise<void> => {
    const end = new Date(Date.parse(`${local}Z`) + hours * HOUR).toISOString().slice(0, 19);
    const r = await graph.call('POST', '/me/events', { body: { subject, start: { dateTime: local, timeZone }, end: { dateTime: end, timeZone } } });
    assert.equal(r.status, 201, r.text);
  };
  await event('Pacific standup', 'Pacific Standard Time', '2030-01-10T09:00:00', 1); // 17:00–18:00 UTC
  await event('Paris review', 'Europe/Paris', '2030-07-10T09:00:00', 1); // 07:00–08:00 UTC (summer time)
  assert.deepEqual(await view('2030-01-10T18:30:00+01:00', '2030-01-10T19:00:00+01:00'), ['Pacific standup'], '17:30–18:00 UTC');
  assert.deepEqual(await view('2030-01-10T09:00:00', '2030-01-10T16:59:00'), [], 'no offset is UTC: before it starts');
  assert.deepEqual(await view('2030-07-10T07:30:00Z', '2030-07-10T07:45:00Z'), ['Paris review']);
  assert.deepEqual(await view('2030-07-10T08:00:00Z', '2030-07-10T09:00:00Z'), []);
});

test('/me/calendars/{id}/calendarView shows that calendar only', async () => {
  const calendar = await graph.call('POST', '/me/calendars', { body: { name: 'Side projects' } });
  assert.equal(calendar.status, 201);
  const id = q(calendar.body.id);
  await graph.call('POST', `/me/calendars/${id}/events`, {
    body: { subject: 'Hackathon', start: { dateTime: '2031-03-01T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2031-03-02T10:00:00', timeZone: 'UTC' } },
  });
  assert.deepEqual(await view('2031-03-01T00:00:00Z', '2031-03-03T00:00:00Z', `/me/calendars/${id}/calendarView`), ['Hackathon']);
  assert.deepEqual(await view('2031-03-01T00:00:00Z', '2031-03-03T00:00:00Z'), [], 'not in the default calendar');
  assert.deepEqual(await view('2031-03-01T00:00:00Z', '2031-03-03T00:00:00Z', `/me/calendars/${id}/calendarView`, `&$filter=${q("subject eq 'Other'")}`), [],
    '$filter applies within the window');
});

test('without startDateTime and endDateTime calendarView is a 400 naming both; a bad date or a POST changes nothing', async () => {
  const before = graph.emulator.store.size.entities;
  for (const query of ['', `?startDateTime=${q('2024-05-01T00:00:00Z')}`, `?endDateTime=${q('2024-05-01T00:00:00Z')}`]) {
    const r = await graph.get(`/me/calendarView${query}`);
    assert.equal(r.status, 400, query);
    assert.equal(graphError(r).code, 'ErrorInvalidParameter');
    assert.match(graphError(r).message, /StartDateTime and EndDateTime/);
  }
  const bad = await graph.get('/me/calendarView?startDateTime=yesterday&endDateTime=2024-05-01T00:00:00Z');
  assert.equal(bad.status, 400);
  assert.match(graphError(bad).message, /'yesterday' of parameter 'StartDateTime'/);
  const post = await graph.call('POST', '/me/calendarView', { body: { subject: 'Nope' } });
  assert.equal(post.status, 405);
  assert.equal(graph.emulator.store.size.entities, before);
});
