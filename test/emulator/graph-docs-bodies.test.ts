// Bodies exactly as Graph's documentation prints them, sent over raw HTTP to the emulator on the real v1.0
// model: enum members capitalised (`"Text"`, `"HTML"`, `"Low"`), booleans as strings (`"false"`). Graph
// accepts them and answers with the declared member (`"text"`, `"html"`, `"low"`), so code copied from the
// docs or written by SDKs that send them must work here too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasGeneratedSchema, loadSchema } from '../../src/emulator/model/load-schema.js';
import { ALEX, graphError, startTestGraph } from './helpers/graph-server.js';

const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';
const graph = skip ? undefined : await startTestGraph({ schema: loadSchema('v1.0') });
const q = encodeURIComponent;

test('sendMail as the docs print it ("contentType": "Text", "saveToSentItems": "false") is accepted and not saved', { skip }, async () => {
  const g = graph!;
  const r = await g.call('POST', '/me/sendMail', {
    body: {
      message: {
        subject: 'Meet for lunch?',
        body: { contentType: 'Text', content: 'The new cafeteria is open.' },
        toRecipients: [{ emailAddress: { address: ALEX.upn } }],
        ccRecipients: [{ emailAddress: { address: 'danas@contoso.com' } }],
      },
      saveToSentItems: 'false',
    },
  });
  assert.equal(r.status, 202, r.text);
  const sent = await g.get(`/me/mailFolders/sentitems/messages?$filter=${q("subject eq 'Meet for lunch?'")}`);
  assert.equal(sent.body.value.length, 0, '"false" as a string is false');
  const received = await g.get(`/users/${q(ALEX.upn)}/mailFolders/inbox/messages?$filter=${q("subject eq 'Meet for lunch?'")}&$select=body`);
  assert.equal(received.body.value[0].body.contentType, 'text', 'the declared member comes back');
});

test('a message created with "importance": "Low" and an "HTML" body is stored with the declared members', { skip }, async () => {
  const g = graph!;
  const r = await g.call('POST', '/me/messages', {
    body: { subject: 'Did you see last night\'s game?', importance: 'Low', body: { contentType: 'HTML', content: 'They were <b>awesome</b>!' },
      toRecipients: [{ emailAddress: { address: 'AdeleV@contoso.com' } }] },
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.importance, 'low');
  assert.equal(r.body.body.contentType, 'html');
  const read = await g.get(`/me/messages/${r.body.id}?$select=importance,body`);
  assert.equal(read.body.importance, 'low');
  assert.equal(read.body.body.contentType, 'html');
});

test('an event as the docs print it ("HTML", "required", "isOnlineMeeting": "false") is created', { skip }, async () => {
  const g = graph!;
  const r = await g.call('POST', '/me/events', {
    body: {
      subject: "Let's go for lunch",
      body: { contentType: 'HTML', content: 'Does noon work for you?' },
      start: { dateTime: '2017-04-15T12:00:00', timeZone: 'Pacific Standard Time' },
      end: { dateTime: '2017-04-15T14:00:00', timeZone: 'Pacific Standard Time' },
      location: { displayName: "Harry's Bar" },
      attendees: [{ emailAddress: { address: 'samanthab@contoso.com', name: 'Samantha Booth' }, type: 'Required' }],
      allowNewTimeProposals: 'true',
      isOnlineMeeting: 'false',
      showAs: 'Busy',
    },
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.attendees[0].type, 'required');
  assert.equal(r.body.showAs, 'busy');
  assert.equal(r.body.allowNewTimeProposals, true);
  assert.equal(r.body.isOnlineMeeting, false);
});

test('a value that is no member in any case, or a boolean that is no boolean, is still a 400 naming it', { skip }, async () => {
  const g = graph!;
  const bad = await g.call('POST', '/me/messages', { body: { subject: 'x', importance: 'Urgent' } });
  assert.equal(bad.status, 400);
  assert.match(graphError(bad).message, /'Urgent' is not a member of the enumeration 'microsoft.graph.importance'.*low, normal, high/);
  const notBool = await g.call('POST', '/me/messages', { body: { subject: 'x', isReadReceiptRequested: 'yes' } });
  assert.equal(notBool.status, 400);
  assert.match(graphError(notBool).message, /'yes'.*Edm.Boolean/);
});

test('an HTML body is stored and returned as a whole document, as Exchange does; createReply drafts too', { skip }, async () => {
  const g = graph!;
  const created = await g.call('POST', '/me/messages', { body: { subject: 'Fragment in', body: { contentType: 'HTML', content: '<p>Hi <b>there</b></p>' } } });
  assert.equal(created.status, 201, created.text);
  const content: string = created.body.body.content;
  assert.match(content, /^<html><head>\r\n<meta http-equiv="Content-Type" content="text\/html; charset=utf-8">\r\n<\/head>\r\n<body>\r\n<p>Hi <b>there<\/b><\/p>\r\n<\/body>\r\n<\/html>\r\n$/);
  assert.equal(created.body.bodyPreview, 'Hi there', 'the preview is the text, not the markup');
  const whole = '<html><head></head><body><p>Already whole</p></body></html>';
  const kept = await g.call('POST', '/me/messages', { body: { subject: 'Whole in', body: { contentType: 'html', content: whole } } });
  assert.equal(kept.body.body.content, whole, 'a whole document is kept as sent');
  const draft = await g.call('POST', `/me/messages/${created.body.id}/createReply`, { body: { comment: 'Thanks!' } });
  assert.equal(draft.status, 201, draft.text);
  assert.match(draft.body.body.content, /^<html><head>[\s\S]*<body>\r\nThanks!<hr>[\s\S]*<p>Hi <b>there<\/b><\/p>\r\n<\/body>\r\n<\/html>\r\n$/);
  assert.equal((draft.body.body.content.match(/<html>/g) ?? []).length, 1, 'one document, not one inside another');
});
