// The executable's contract with scripts: exit codes, each --output form, --query, --help, and run()
// from code. Signed in once (device code, which the emulator approves) in a temporary config folder.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { run } from 'msgraph-ts/cli';
import { collect, signedInWorld, type CliWorld } from './helpers.js';

let world: CliWorld;

before(async () => {
  world = await signedInWorld();
});
after(() => world?.close());

describe('exit codes', () => {
  it('0 when the command did its work', async () => {
    const r = await world.cli(['whoami']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).userPrincipalName, 'adelev@contoso.com');
  });

  it('1 when Graph answers 404, with the request and Graph\'s error on stderr and nothing on stdout', async () => {
    const r = await world.cli(['mail', 'read', 'AAMkNoSuchMessage']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /GraphError: GET https:\/\/127\.0\.0\.1:\d+\/v1\.0\/me\/messages\/AAMkNoSuchMessage.* 404 ErrorItemNotFound/);
  });

  it('2 for an unknown command, an unknown option, a bad --output, a bad --top and a missing file', async () => {
    const cases = [['mail', 'lst'], ['mail', 'list', '--bogus'], ['whoami', '-o', 'yaml'], ['mail', 'list', '--top', 'many'], ['drive', 'upload', 'no-such-file.bin'], ['mail', 'send', '--subject', 'no recipient'], ['mail', 'send', '--to', 'a@contoso.com', '--subject', 'x', '--key', 'not a key']];
    for (const args of cases) {
      const r = await world.cli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '', args.join(' '));
      assert.ok(r.stderr.trim().length > 0, `${args.join(' ')} says what was wrong`);
    }
  });

  it('0 for --help on every command, listing its own options and the global ones', async () => {
    for (const args of [['--help'], ['mail', 'send', '--help'], ['drive', 'download', '--help'], ['get', '--help'], ['login', '--help']]) {
      const r = await world.cli(args);
      assert.equal(r.code, 0, args.join(' '));
      assert.match(r.stdout, /Usage: msgraph-ts/);
      assert.match(r.stdout, /--output <output>/);
    }
    assert.match((await world.cli(['mail', 'send', '--help'])).stdout, /--attach <file\.\.\.>/);
    assert.match((await world.cli(['--help'])).stdout, /130 +interrupted/);
  });
});

describe('--output and --query', () => {
  it('json by default: the answer as Graph gave it', async () => {
    const r = await world.cli(['mail', 'list', '--top', '3']);
    assert.equal(r.code, 0, r.stderr);
    const messages = JSON.parse(r.stdout) as { id: string; subject: string; from: { emailAddress: { address: string } } }[];
    assert.equal(messages.length, 3);
    assert.ok(messages.every((m) => m.id && typeof m.subject === 'string' && m.from.emailAddress.address));
  });

  it('text: an aligned table of the command\'s columns', async () => {
    const json = JSON.parse((await world.cli(['mail', 'list', '--top', '3'])).stdout) as { id: string; subject: string }[];
    const r = await world.cli(['mail', 'list', '--top', '3', '-o', 'text']);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^received +from +subject +read +id$/);
    assert.match(lines[1]!, /^-+ +-+ +-+ +-+ +-+$/);
    assert.equal(lines.length, 5);
    const idColumn = lines[0]!.indexOf(' id') + 1;
    assert.deepEqual(lines.slice(2).map((l) => l.slice(idColumn)), json.map((m) => m.id), 'columns line up under their headers');
    assert.ok(lines[2]!.includes(json[0]!.subject));
  });

  it('csv: a header and one RFC 4180 row per item, quoting commas', async () => {
    const r = await world.cli(['mail', 'list', '--top', '3', '-o', 'csv', '--query', '[].{subject: subject, note: \'a, "b"\'}']);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'subject,note');
    assert.equal(lines.length, 4);
    assert.ok(lines.slice(1).every((l) => l.endsWith(',"a, ""b"""')), r.stdout);
  });

  it('md: a Markdown table, pipes escaped', async () => {
    const r = await world.cli(['mail', 'list', '--top', '2', '-o', 'md', '--query', '[].{subject: subject, pipe: \'x|y\'}']);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], '| subject | pipe |');
    assert.equal(lines[1], '| --- | --- |');
    assert.equal(lines.length, 4);
    assert.ok(lines.slice(2).every((l) => /^\| .+ \| x\\\|y \|$/.test(l)), r.stdout);
  });

  it('one object in text is `name: value` lines', async () => {
    const r = await world.cli(['whoami', '-o', 'text']);
    assert.match(r.stdout, /^displayName: +Adele Vance$/m);
    assert.match(r.stdout, /^userPrincipalName: +adelev@contoso\.com$/m);
  });

  it('--query runs JMESPath over the JSON answer before formatting', async () => {
    const all = JSON.parse((await world.cli(['get', '/me/messages', '--all'])).stdout) as { isRead: boolean; subject: string }[];
    const unread = all.filter((m) => !m.isRead).map((m) => m.subject);
    assert.ok(all.length > 10, 'more than one page (Outlook pages by 10)');
    const r = await world.cli(['get', '/me/messages', '--all', '--query', '[?isRead==`false`].subject']);
    assert.deepEqual(JSON.parse(r.stdout), unread);
    const text = await world.cli(['get', '/me/messages', '--all', '--query', '[?isRead==`false`].subject', '-o', 'text']);
    assert.deepEqual(text.stdout.trimEnd().split('\n'), unread, 'a list of strings is one per line');
    const count = await world.cli(['get', '/me/messages', '--all', '--query', 'length(@)']);
    assert.equal(count.stdout.trim(), String(all.length));
  });

  it('a bad --query is exit code 2, naming the expression', async () => {
    const r = await world.cli(['whoami', '--query', '[?']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--query "\[\?" is not a JMESPath expression/);
  });
});

describe('get and post', () => {
  it('get without --all is the first page as Graph sent it, nextLink included', async () => {
    const page = JSON.parse((await world.cli(['get', '/me/messages'])).stdout) as { value: unknown[]; '@odata.nextLink'?: string };
    assert.equal(page.value.length, 10);
    assert.ok(page['@odata.nextLink']);
  });

  it('post sends a JSON body (inline or @file) and prints what Graph answered', async () => {
    const r = await world.cli(['post', '/me/mailFolders', '--body', '{"displayName":"From the CLI"}', '--query', 'displayName', '-o', 'text']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'From the CLI\n');
    await writeFile(join(world.dir, 'folder.json'), '{"displayName":"From a file"}');
    const fromFile = await world.cli(['post', '/me/mailFolders', '--body', '@folder.json', '--query', 'displayName']);
    assert.equal(fromFile.code, 0, fromFile.stderr);
    assert.equal(JSON.parse(fromFile.stdout), 'From a file');
    const bad = await world.cli(['post', '/me/mailFolders', '--body', '{displayName']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--body is not JSON/);
  });

  it('refuses a full URL on another host: the token goes to Graph only', async () => {
    const r = await world.cli(['get', 'https://example.com/v1.0/me']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is not on https:\/\/127\.0\.0\.1/);
  });
});

describe('from code', () => {
  it('run() takes argv, streams and env, prints like the executable and returns the exit code and the answer', async () => {
    let out = '';
    let err = '';
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: world.env };
    const ok = await run(['whoami', '-o', 'text'], io);
    assert.equal(ok.exitCode, 0, err);
    assert.equal((ok.answer as { userPrincipalName: string }).userPrincipalName, 'adelev@contoso.com');
    assert.match(out, /^userPrincipalName: +adelev@contoso\.com$/m);
    const missing = await run(['mail', 'read', 'AAMkNoSuchMessage'], io);
    assert.equal(missing.exitCode, 1);
    assert.match(err, /404 ErrorItemNotFound/);
    assert.equal((await run(['mail', 'list', '--top', '0'], io)).exitCode, 2);
  });
});

describe('emulator', () => {
  it('takes npm run emulator\'s options: --help prints them, a bad one is exit code 2', async () => {
    const help = await world.cli(['emulator', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: msgraph-ts emulator \[options\]/);
    assert.match(help.stdout, /--no-identity/);
    const bad = await world.cli(['emulator', '--port', 'abc']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--port must be 0-65535/);
  });

  it('prints this CLI\'s settings among every client\'s, and Ctrl+C stops it with exit code 0 and its CA file removed', { timeout: 60_000 }, async (t) => {
    const child = world.spawnCli(['emulator', '--version', 'v1.0']);
    const done = collect(child);
    // Whatever fails below, the child must not outlive the test (it would keep the runner waiting).
    t.after(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let banner = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (s: Buffer) => {
        banner += s.toString();
        if (banner.includes('Ctrl+C stops it')) resolve();
      });
      child.once('close', () => reject(new Error(`exited before its banner: ${banner}`)));
    });
    assert.match(banner, /msgraph-ts +export MSGRAPH_TS_GRAPH_URL=https:\/\/127\.0\.0\.1:\d+ MSGRAPH_TS_AUTHORITY_URL=\S+ MSGRAPH_TS_TENANT=\S+ MSGRAPH_TS_APP_ID=\S+ MSGRAPH_TS_CA_FILE=(\S+); msgraph-ts login/);
    assert.match(banner, /msal-node +\{ authority/);
    const caFile = /MSGRAPH_TS_CA_FILE=(\S+);/.exec(banner)![1]!;
    assert.ok(existsSync(caFile));
    child.kill('SIGINT');
    const r = await done;
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!existsSync(caFile), 'the CA file is removed');
  });
});
