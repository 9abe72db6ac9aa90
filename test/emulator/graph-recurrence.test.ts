// Recurring events on the real v1.0 model, as Graph expands them: calendarView lists a series' occurrences
// (type 'occurrence', seriesMasterId, ids of their own) in place of the master, `/events` lists the master
// alone, and `/events/{id}/instances` takes the same window. At the edges: a daylight-saving change in a
// non-UTC zone, day 31 in shorter months, "the last weekday", weeks that start on another day, ranges that
// end by date or by count, and `Prefer: outlook.timezone`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasGeneratedSchema, loadSchema } from '../../src/emulator/model/load-schema.js';
import { graphError, startTestGraph } from './helpers/graph-server.js';

const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';
const graph = skip ? undefined : await startTestGraph({ schema: loadSchema('v1.0'), versions: ['v1.0'] });

interface Listed {
  id: string;
  subject: string;
  type: string;
  seriesMasterId?: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
}

/** Creates a series in Adele's default calendar; returns its id. */
async function series(subject: string, start: string, end: string, timeZone: string, recurrence: unknown): Promise<string> {
  const r = await graph!.call('POST', '/me/events', { body: { subject, start: { dateTime: start, timeZone }, end: { dateTime: end, timeZone }, recurrence } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.type, 'seriesMaster');
  return r.body.id as string;
}

/** The calendarView members with `subject`, in the zone asked for (UTC when none). */
async function view(subject: string, from: string, to: string, zone?: string, path = '/me/calendarView'): Promise<Listed[]> {
  const headers: Record<string, string> = zone ? { prefer: `outlook.timezone="${zone}"` } : {};
  const filter = encodeURIComponent(`subject eq '${subject}'`);
  const r = await graph!.get(`${path}?startDateTime=${from}&endDateTime=${to}&$filter=${filter}&$top=200`, headers);
  assert.equal(r.status, 200, r.text);
  return r.body.value as Listed[];
}

const starts = (events: Listed[]): string[] => events.map((e) => e.start.dateTime.slice(0, 16));

test('a weekly series across a daylight-saving change keeps its wall-clock time in its zone and moves in UTC', { skip }, async () => {
  const id = await series('Standup', '2026-03-23T09:30:00', '2026-03-23T09:45:00', 'Romance Standard Time', {
    pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'wednesday'], firstDayOfWeek: 'monday' },
    range: { type: 'endDate', startDate: '2026-03-23', endDate: '2026-04-01' },
  });
  const paris = await view('Standup', '2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z', 'Europe/Paris');
  assert.deepEqual(starts(paris), ['2026-03-23T09:30', '2026-03-25T09:30', '2026-03-30T09:30', '2026-04-01T09:30'], 'endDate is inclusive');
  assert.ok(paris.every((e) => e.start.timeZone === 'Europe/Paris' && e.end.dateTime.slice(11, 16) === '09:45'));
  // Paris moves to summer time on 29 March 2026: 08:30Z before, 07:30Z after.
  const utc = await view('Standup', '2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z');
  assert.deepEqual(starts(utc), ['2026-03-23T08:30', '2026-03-25T08:30', '2026-03-30T07:30', '2026-04-01T07:30']);
  assert.ok(utc.every((e) => e.type === 'occurrence' && e.seriesMasterId === id), 'occurrences name their series');
  assert.equal(new Set(utc.map((e) => e.id)).size, 4, 'each occurrence has its own id');
  assert.ok(utc.every((e) => e.id !== id && /^[A-Za-z0-9_=-]+$/.test(e.id)), 'ids like Graph\'s, not the master\'s');
  assert.ok(!utc.some((e) => e.type === 'seriesMaster'), 'calendarView does not list the master');

  const listed = (await graph!.get(`/me/events?$filter=subject eq 'Standup'`)).body.value as Listed[];
  assert.deepEqual(listed.map((e) => [e.id, e.type]), [[id, 'seriesMaster']], '/events lists the series once, as its master');

  const one = await graph!.get(`/me/events/${utc[2]!.id}`, { prefer: 'outlook.timezone="Europe/Paris"' });
  assert.equal(one.status, 200, one.text);
  assert.deepEqual([one.body.type, one.body.seriesMasterId, one.body.start.dateTime.slice(0, 16), one.body.recurrence], ['occurrence', id, '2026-03-30T09:30', null]);
  const notADay = await graph!.get(`/me/events/${utc[2]!.id.replace(/\d{8}$/, '20260331')}`);
  assert.equal(notADay.status, 404, 'an id naming a day the series skips is no occurrence');
  const patched = await graph!.call('PATCH', `/me/events/${utc[2]!.id}`, { body: { subject: 'Moved' } });
  assert.equal(patched.status, 501, 'changing one occurrence is not emulated, and says so');
  const cancelled = await graph!.call('POST', `/me/events/${utc[2]!.id}/cancel`, { body: { comment: 'Not this week' } });
  assert.equal(cancelled.status, 501, 'nor is an action on one occurrence');
  assert.equal((await graph!.get(`/me/events/${id}`)).status, 200, 'the series is untouched');

  const window = (await view('Standup', '2026-03-25T08:40:00Z', '2026-03-30T07:31:00Z')).map((e) => e.start.dateTime.slice(0, 10));
  assert.deepEqual(window, ['2026-03-25', '2026-03-30'], 'an occurrence overlapping either edge of the window is in it');
});

test('/events/{id}/instances lists the occurrences in the window, and needs the window', { skip }, async () => {
  const id = await series('Sync', '2026-06-01T15:00:00', '2026-06-01T16:00:00', 'America/New_York', {
    pattern: { type: 'daily', interval: 2 },
    range: { type: 'noEnd', startDate: '2026-06-01' },
  });
  const r = await graph!.get(`/me/events/${id}/instances?startDateTime=2027-06-01T00:00:00Z&endDateTime=2027-06-06T00:00:00Z`);
  assert.equal(r.status, 200, r.text);
  const instances = r.body.value as Listed[];
  // A year on, every second day from 1 June 2026: 2027-06-01 is day 365 (odd), so the 2nd, 4th.
  assert.deepEqual(instances.map((e) => e.start.dateTime.slice(0, 16)), ['2027-06-02T19:00', '2027-06-04T19:00']);
  assert.ok(instances.every((e) => e.seriesMasterId === id && e.type === 'occurrence'));
  const missing = await graph!.get(`/me/events/${id}/instances`);
  assert.equal(missing.status, 400);
  assert.equal(graphError(missing).code, 'ErrorInvalidParameter');
  const single = (await graph!.call('POST', '/me/events', { body: { subject: 'Once', start: { dateTime: '2026-06-01T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-06-01T11:00:00', timeZone: 'UTC' } } })).body;
  assert.equal(single.type, 'singleInstance');
  const none = await graph!.get(`/me/events/${single.id}/instances?startDateTime=2026-05-01T00:00:00Z&endDateTime=2026-07-01T00:00:00Z`);
  assert.deepEqual(none.body.value, [], 'a single event has no instances');
});

test('absoluteMonthly on day 31 falls on the last day of shorter months; numbered ranges stop at their count', { skip }, async () => {
  await series('Month end', '2026-01-31T17:00:00', '2026-01-31T17:30:00', 'UTC', {
    pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 31 },
    range: { type: 'numbered', startDate: '2026-01-31', numberOfOccurrences: 4 },
  });
  const events = await view('Month end', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
  assert.deepEqual(starts(events), ['2026-01-31T17:00', '2026-02-28T17:00', '2026-03-31T17:00', '2026-04-30T17:00']);
  const later = await view('Month end', '2026-03-01T00:00:00Z', '2027-01-01T00:00:00Z');
  assert.deepEqual(starts(later), ['2026-03-31T17:00', '2026-04-30T17:00'], 'the count runs from the series start, not the window');
});

test('relativeMonthly on the last weekday, and every other month on the first Monday', { skip }, async () => {
  await series('Last weekday', '2026-01-30T12:00:00', '2026-01-30T13:00:00', 'UTC', {
    pattern: { type: 'relativeMonthly', interval: 1, index: 'last', daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] },
    range: { type: 'endDate', startDate: '2026-01-01', endDate: '2026-05-31' },
  });
  // 31 Jan and 28 Feb 2026 are Saturdays; 31 Mar is a Tuesday; 30 Apr a Thursday; 31 May a Sunday.
  assert.deepEqual(starts(await view('Last weekday', '2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z')),
    ['2026-01-30T12:00', '2026-02-27T12:00', '2026-03-31T12:00', '2026-04-30T12:00', '2026-05-29T12:00']);
  await series('First Monday', '2026-01-05T08:00:00', '2026-01-05T09:00:00', 'UTC', {
    pattern: { type: 'relativeMonthly', interval: 2, index: 'first', daysOfWeek: ['monday'] },
    range: { type: 'numbered', startDate: '2026-01-01', numberOfOccurrences: 3 },
  });
  assert.deepEqual(starts(await view('First Monday', '2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z')),
    ['2026-01-05T08:00', '2026-03-02T08:00', '2026-05-04T08:00']);
});

test('weekly every other week counts weeks from firstDayOfWeek', { skip }, async () => {
  const recurrence = (firstDayOfWeek: string) => ({
    pattern: { type: 'weekly', interval: 2, daysOfWeek: ['sunday', 'monday'], firstDayOfWeek },
    range: { type: 'endDate', startDate: '2026-03-02', endDate: '2026-03-31' },
  });
  await series('Fortnight Monday-first', '2026-03-02T10:00:00', '2026-03-02T10:30:00', 'UTC', recurrence('monday'));
  await series('Fortnight Sunday-first', '2026-03-02T10:00:00', '2026-03-02T10:30:00', 'UTC', recurrence('sunday'));
  const days = async (subject: string) => starts(await view(subject, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')).map((s) => s.slice(0, 10));
  // Weeks Monday–Sunday: 2–8 March, then 16–22 March. Weeks Sunday–Saturday: 1–7 March (the 1st is before the start), then 15–21.
  assert.deepEqual(await days('Fortnight Monday-first'), ['2026-03-02', '2026-03-08', '2026-03-16', '2026-03-22', '2026-03-30']);
  assert.deepEqual(await days('Fortnight Sunday-first'), ['2026-03-02', '2026-03-15', '2026-03-16', '2026-03-29', '2026-03-30']);
});

test('absoluteYearly on 29 February and relativeYearly on the first Monday of September', { skip }, async () => {
  await series('Leap day', '2028-02-29T09:00:00', '2028-02-29T10:00:00', 'UTC', {
    pattern: { type: 'absoluteYearly', interval: 1, month: 2, dayOfMonth: 29 },
    range: { type: 'noEnd', startDate: '2028-02-29' },
  });
  assert.deepEqual(starts(await view('Leap day', '2028-01-01T00:00:00Z', '2032-12-31T00:00:00Z')),
    ['2028-02-29T09:00', '2029-02-28T09:00', '2030-02-28T09:00', '2031-02-28T09:00', '2032-02-29T09:00']);
  await series('Labor Day', '2026-09-07T00:00:00', '2026-09-08T00:00:00', 'Eastern Standard Time', {
    pattern: { type: 'relativeYearly', interval: 1, month: 9, index: 'first', daysOfWeek: ['monday'] },
    range: { type: 'noEnd', startDate: '2026-09-01' },
  });
  const labor = await view('Labor Day', '2026-01-01T00:00:00Z', '2029-01-01T00:00:00Z', 'Eastern Standard Time');
  assert.deepEqual(starts(labor), ['2026-09-07T00:00', '2027-09-06T00:00', '2028-09-04T00:00']);
  assert.ok(labor.every((e) => e.end.dateTime.slice(11, 16) === '00:00'), 'a whole day stays a whole day');
});

test('an event given a recurrence by PATCH becomes a series master, and a single event again without it', { skip }, async () => {
  const created = (await graph!.call('POST', '/me/events', { body: { subject: 'Later series', start: { dateTime: '2026-07-06T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-07-06T11:00:00', timeZone: 'UTC' } } })).body;
  const patched = await graph!.call('PATCH', `/me/events/${created.id}`, { body: { recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: '2026-07-06', numberOfOccurrences: 3 } } } });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.body.type, 'seriesMaster');
  assert.equal((await view('Later series', '2026-07-01T00:00:00Z', '2026-08-01T00:00:00Z')).length, 3);
  const cleared = await graph!.call('PATCH', `/me/events/${created.id}`, { body: { recurrence: null } });
  assert.equal(cleared.body.type, 'singleInstance');
  assert.deepEqual((await view('Later series', '2026-07-01T00:00:00Z', '2026-08-01T00:00:00Z')).map((e) => e.type), ['singleInstance']);
});
