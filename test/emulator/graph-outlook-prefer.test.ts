// Outlook's preferences on the real v1.0 model: event times come back in UTC unless
// `Prefer: outlook.timezone` names a zone (Windows or IANA), `Prefer: outlook.body-content-type` converts
// bodies between HTML and text, both answered with Preference-Applied; events and messages carry webLink.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasGeneratedSchema, loadSchema } from '../../src/emulator/model/load-schema.js';
import { startTestGraph } from './helpers/graph-server.js';

const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';
const graph = skip ? undefined : await startTestGraph({ schema: loadSchema('v1.0') });

async function createEvent(): Promise<string> {
  const r = await graph!.call('POST', '/me/events', {
    body: {
      subject: 'Zoned', body: { contentType: 'html', content: '<p>Line one</p><p>Line &amp; two</p>' },
      start: { dateTime: '2030-07-01T09:00:00', timeZone: 'Pacific Standard Time' },
      end: { dateTime: '2030-07-01T10:30:00', timeZone: 'Pacific Standard Time' },
    },
  });
  assert.equal(r.status, 201, r.text);
  return r.body.id;
}

test('event times come back in UTC without a preference, as Graph returns them', { skip }, async () => {
  const id = await createEvent();
  const r = await graph!.get(`/me/events/${id}?$select=start,end`);
  assert.deepEqual(r.body.start, { dateTime: '2030-07-01T16:00:00.0000000', timeZone: 'UTC' }, 'PDT is UTC-7 in July');
  assert.deepEqual(r.body.end, { dateTime: '2030-07-01T17:30:00.0000000', timeZone: 'UTC' });
});

test('Prefer: outlook.timezone gives event times in that zone, in lists, single reads and calendarView', { skip }, async () => {
  const id = await createEvent();
  const prefer = { Prefer: 'outlook.timezone="W. Europe Standard Time"' };
  const one = await graph!.get(`/me/events/${id}`, prefer);
  assert.deepEqual(one.body.start, { dateTime: '2030-07-01T18:00:00.0000000', timeZone: 'W. Europe Standard Time' });
  assert.equal(one.headers.get('preference-applied'), 'outlook.timezone="W. Europe Standard Time"');
  const view = await graph!.get('/me/calendarView?startDateTime=2030-07-01T00:00:00Z&endDateTime=2030-07-02T00:00:00Z', { Prefer: 'outlook.timezone="Asia/Tokyo"' });
  const mine = view.body.value.find((e: { id: string }) => e.id === id);
  assert.deepEqual(mine.end, { dateTime: '2030-07-02T02:30:00.0000000', timeZone: 'Asia/Tokyo' });
});

test('Prefer: outlook.body-content-type="text" returns bodies as text; "html" returns text bodies as HTML', { skip }, async () => {
  const id = await createEvent();
  const text = await graph!.get(`/me/events/${id}?$select=body`, { Prefer: 'outlook.body-content-type="text"' });
  assert.deepEqual(text.body.body, { contentType: 'text', content: 'Line one\nLine & two' });
  assert.equal(text.headers.get('preference-applied'), 'outlook.body-content-type="text"');
  const message = await graph!.call('POST', '/me/messages', { body: { subject: 'plain', body: { contentType: 'text', content: 'a < b\nsecond' } } });
  const html = await graph!.get(`/me/messages/${message.body.id}?$select=body`, { Prefer: 'outlook.body-content-type="html"' });
  assert.equal(html.body.body.contentType, 'html');
  assert.match(html.body.body.content, /<body>\r\na &lt; b<br>\r\nsecond\r\n<\/body>/);
});

test('events and messages carry a webLink to Outlook on the web', { skip }, async () => {
  const id = await createEvent();
  const event = await graph!.get(`/me/events/${id}?$select=webLink`);
  assert.equal(event.body.webLink, `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`);
  const messages = await graph!.get('/me/messages?$select=webLink&$top=1');
  assert.match(messages.body.value[0].webLink, /^https:\/\/outlook\.office365\.com\/owa\/\?ItemID=.+&exvsurl=1&viewmodel=ReadMessageItem$/);
});
