// Calendar and contacts workflows against the emulator: an event made in a non-UTC zone is listed by
// events() in that zone (Prefer: outlook.timezone) at its wall-clock time, found only by a window in UTC
// that covers its real instant; updated, then cancelled; contacts listed and made.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schedule, WorkflowError } from 'msgraph-ts/workflows';
import { useWorkflowWorld } from './helpers.js';

const world = useWorkflowWorld('calendar');

test('an event at 09:00 in Tokyo is listed at 09:00 in Tokyo time, and only in a window holding 00:00 UTC', async () => {
  const tokyo = schedule(world.client, { timeZone: 'Asia/Tokyo' });
  const created = await tokyo.createEvent({ subject: 'Stand-up', start: '2027-03-10T09:00:00', end: '2027-03-10T09:30:00', location: 'Room 1' });
  assert.equal(created.start?.timeZone, 'Asia/Tokyo');

  const listed = await tokyo.events('2027-03-09T23:00:00Z', '2027-03-10T01:00:00Z');
  const mine = listed.filter((e) => e.id === created.id);
  assert.equal(mine.length, 1, 'Tokyo 09:00 is 00:00 UTC, inside the window');
  assert.match(mine[0]!.start!.dateTime!, /^2027-03-10T09:00:00/);
  assert.equal(mine[0]!.start!.timeZone, 'Asia/Tokyo');
  const inUtc = await schedule(world.client).events('2027-03-09T23:00:00Z', '2027-03-10T01:00:00Z');
  assert.match(inUtc.find((e) => e.id === created.id)!.start!.dateTime!, /^2027-03-10T00:00:00/, 'the same event read in UTC');
  const later = await tokyo.events('2027-03-10T08:00:00Z', '2027-03-10T10:00:00Z');
  assert.ok(!later.some((e) => e.id === created.id), 'a window at 09:00 UTC does not hold it');

  const moved = await tokyo.updateEvent(created.id!, { start: '2027-03-10T10:00:00', end: '2027-03-10T10:30:00' });
  assert.match(moved?.start?.dateTime ?? '', /^2027-03-10T10:00:00/);
  await tokyo.cancelEvent(created.id!);
  assert.ok(!(await tokyo.events('2027-03-09T00:00:00Z', '2027-03-11T00:00:00Z')).some((e) => e.id === created.id), 'cancelled');
});

test('a meeting with attendees is cancelled through the cancel action, which tells them', async () => {
  const s = schedule(world.client, { timeZone: 'Europe/Paris' });
  const meeting = await s.createEvent({ subject: 'Review', start: '2027-04-01T14:00:00', end: '2027-04-01T15:00:00', attendees: ['alexw@contoso.com'] });
  const before = world.emulator.requests.length;
  await s.cancelEvent(meeting.id!, 'Moved to next week');
  assert.ok(world.emulator.requests.slice(before).some((r) => r.method === 'POST' && r.path.endsWith('/cancel') && r.status === 202), world.emulator.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`).join('\n'));
  const told = world.emulator.effects.filter((e) => e.kind === 'mailSent' && e.subject === 'Canceled: Review');
  assert.deepEqual(told.map((e) => e.kind === 'mailSent' && e.deliveredTo), [['alexw@contoso.com']], 'the attendee got the cancellation');
  await assert.rejects(world.client.me.events.byId(meeting.id!).get(), (e: unknown) => e instanceof Error && /404/.test(e.message), 'the event left the calendar');
});

test("timeZone: 'mailbox' reads the user's Outlook zone once and lists events in it", async () => {
  const s = schedule(world.client, { timeZone: 'mailbox' });
  const made = await s.createEvent({ subject: 'Pacific lunch', start: '2027-05-05T12:00:00', end: '2027-05-05T13:00:00' });
  assert.equal(await s.timeZone(), 'Pacific Standard Time', 'the seeded user’s mailboxSettings.timeZone');
  const [listed] = (await s.events('2027-05-05T19:00:00Z', '2027-05-05T20:00:00Z')).filter((e) => e.id === made.id);
  assert.match(listed?.start?.dateTime ?? '', /^2027-05-05T12:00:00/, 'noon Pacific (daylight time) is 19:00 UTC');
  assert.equal(listed?.start?.timeZone, 'Pacific Standard Time');
  const lookups = world.emulator.requests.filter((r) => r.path.includes('/mailboxSettings'));
  assert.equal(lookups.length, 1, `asked once: ${world.emulator.requests.map((r) => r.path).join(' ')}`);
});

test('a window that ends before it starts, or is not a date, is a WorkflowError saying so', async () => {
  const s = schedule(world.client);
  await assert.rejects(s.events('2027-03-10T00:00:00Z', '2027-03-09T00:00:00Z'), (e: unknown) => e instanceof WorkflowError && /before it starts/.test(e.message));
  await assert.rejects(s.events('next tuesday', '2027-03-09T00:00:00Z'), (e: unknown) => e instanceof WorkflowError && /not a date/.test(e.message));
});

test('contacts: createContact() then contacts() lists it with its address', async () => {
  const s = schedule(world.client);
  const made = await s.createContact({ givenName: 'Pat', surname: 'Lee', emailAddresses: ['pat@fabrikam.com'] });
  const all = await s.contacts();
  const found = all.find((c) => c.id === made.id);
  assert.equal(found?.displayName ?? `${found?.givenName} ${found?.surname}`, 'Pat Lee');
  assert.equal(found?.emailAddresses?.[0]?.address, 'pat@fabrikam.com');
});
