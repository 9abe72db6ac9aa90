// curl against the emulator as the README shows it: trust the CA with --cacert, get an app-only token
// from the identity endpoint with the daemon's secret, then call Graph with bodies exactly as Graph's
// docs print them (capitalised enums, string booleans).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { DEFAULT_APPS, startEmulator } from '../../src/emulator/index.js';
import { hasGeneratedSchema } from '../../src/emulator/model/load-schema.js';

const run = promisify(execFile);
const hasCurl = await run('curl', ['--version']).then(() => true, () => false);
const skip = !hasGeneratedSchema('v1.0') ? 'generated/v1.0/schema.json.gz is missing: run `npm run generate`' : hasCurl ? false : 'curl is not installed';

test('curl: token with the client secret, then Graph with the docs’ own sendMail and event bodies', { skip, timeout: 60_000 }, async (t) => {
  const emulator = await startEmulator({ identity: true, versions: ['v1.0'] });
  const dir = mkdtempSync(join(tmpdir(), 'curl-'));
  t.after(async () => {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const ca = join(dir, 'ca.pem');
  writeFileSync(ca, emulator.caCertPem!);
  const daemon = DEFAULT_APPS.find((a) => a.secret)!;
  const curl = async (...args: string[]): Promise<{ status: number; body: any }> => {
    const { stdout } = await run('curl', ['-sS', '--cacert', ca, '-w', '\n%{http_code}', ...args]);
    const cut = stdout.lastIndexOf('\n');
    const text = stdout.slice(0, cut);
    return { status: Number(stdout.slice(cut + 1)), body: text ? JSON.parse(text) : undefined };
  };

  const token = await curl('-X', 'POST', `${emulator.origin}/${emulator.tenant.id}/oauth2/v2.0/token`,
    '-d', `client_id=${daemon.clientId}`, '--data-urlencode', `client_secret=${daemon.secret}`,
    '--data-urlencode', 'scope=https://graph.microsoft.com/.default', '-d', 'grant_type=client_credentials');
  assert.equal(token.status, 200, JSON.stringify(token.body));
  const auth = `Authorization: Bearer ${token.body.access_token}`;

  const users = await curl('-H', auth, `${emulator.graphUrl}/users?$select=displayName`);
  assert.equal(users.status, 200);
  assert.ok(users.body.value.length >= 6);

  // From the sendMail page of Graph's docs, as printed there.
  const sendMail = await curl('-X', 'POST', '-H', auth, '-H', 'Content-Type: application/json', `${emulator.graphUrl}/users/adelev@contoso.com/sendMail`, '-d', JSON.stringify({
    message: {
      subject: 'Meet for lunch?',
      body: { contentType: 'Text', content: 'The new cafeteria is open.' },
      toRecipients: [{ emailAddress: { address: 'alexw@contoso.com' } }],
      ccRecipients: [{ emailAddress: { address: 'danas@contoso.com' } }],
    },
    saveToSentItems: 'false',
  }));
  assert.equal(sendMail.status, 202, JSON.stringify(sendMail.body));

  // From the "create event" page: "HTML", a Windows time zone, attendee type "required".
  const event = await curl('-X', 'POST', '-H', auth, '-H', 'Content-Type: application/json', '-H', 'Prefer: outlook.timezone="Pacific Standard Time"',
    `${emulator.graphUrl}/users/adelev@contoso.com/events`, '-d', JSON.stringify({
      subject: "Let's go for lunch",
      body: { contentType: 'HTML', content: 'Does noon work for you?' },
      start: { dateTime: '2017-04-15T12:00:00', timeZone: 'Pacific Standard Time' },
      end: { dateTime: '2017-04-15T14:00:00', timeZone: 'Pacific Standard Time' },
      location: { displayName: "Harry's Bar" },
      attendees: [{ emailAddress: { address: 'samanthab@contoso.com', name: 'Samantha Booth' }, type: 'required' }],
      allowNewTimeProposals: true,
      transactionId: '7E163156-7762-4BEB-A1C6-729EA81755A7',
    }));
  assert.equal(event.status, 201, JSON.stringify(event.body));
  assert.deepEqual(event.body.start, { dateTime: '2017-04-15T12:00:00.0000000', timeZone: 'Pacific Standard Time' });
  assert.equal(event.body.body.contentType, 'html');
});
